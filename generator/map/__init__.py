"""Render: the map of all sites (Folium + vendored Leaflet), the map page and the
small map on each site page."""
