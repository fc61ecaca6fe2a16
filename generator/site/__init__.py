"""Render: the visitor's site (site pages, lists, search, home-page parts, theme)."""
