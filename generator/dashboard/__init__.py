"""Render: the organisers' pages (progress "Tiến độ" with SVG charts, work lists, the
volunteers' guide); ``writer.write_organiser_pages`` is the build's content writer."""
