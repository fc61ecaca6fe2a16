"""Render: the organisers' pages (progress "Tiến độ", work lists, the volunteers' guide)
and the downloadable hand-over bundle; ``write_organiser_pages`` is the build's content writer."""
