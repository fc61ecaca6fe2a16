"""Render: printable QR plaques (layout, PNG, PDF), their phone-photo check and the
registry of every URL ever printed."""
