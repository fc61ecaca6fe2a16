"""Render: open-data exports (GeoJSON, KML, CSV)."""
