"""What people read: the message catalogue (by code, vi/en) and the labels of values."""
