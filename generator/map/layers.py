"""Tours and villages on the big map: one GeoJSON file per record kind and language,
drawn by ``static/dcd-map.js`` as a layer the legend switches on and off.

The layers come from the kinds' listings (``records.listing``): a record with a line
(a tour's route) becomes a LineString, one with a point (a village's cultural house) a
Point. Each file is fetched only once the site markers are on the map (and only while
its layer is on), so the first view loads what it loaded before.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..i18n.route_labels import kind_label
from ..records.listing import Listing
from ..urls import DEFAULT_LANGUAGE, record_page_path
from .data import COORD_DECIMALS, hashed_name, json_bytes

# Colour and symbol of each kind's layer; a kind not listed here is drawn in grey,
# its symbol following its geometry. Orange lines stay apart from the category colours.
KIND_STYLE: dict[str, tuple[str, str]] = {"tour": ("#e65100", "line"), "village": ("#00695c", "house")}
DEFAULT_STYLE = {"line": ("#555555", "line"), "point": ("#555555", "house")}


def _position(lat: float, lon: float) -> list[float]:
    return [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]  # GeoJSON order


def _feature(listing: Listing, lang: str) -> dict[str, Any] | None:
    """The listing as a GeoJSON feature (its page in ``lang`` if it has one, else in
    Vietnamese), or None when it has nothing to draw."""
    if len(listing.line) >= 2:
        geometry = {"type": "LineString", "coordinates": [_position(lat, lon) for lat, lon in listing.line]}
    elif listing.point is not None:
        geometry = {"type": "Point", "coordinates": _position(*listing.point)}
    else:
        return None
    # The kinds' pages are written after the map: ``english`` says whether one will exist.
    path = record_page_path(listing.page_dir, listing.slug, lang if listing.english else DEFAULT_LANGUAGE)
    return {"type": "Feature", "geometry": geometry,
            "properties": {"id": listing.id, "name": listing.name(lang), "path": path}}


def kind_layers(listings: Sequence[Listing], lang: str) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The layer options ``dcd-map.js`` reads (``cfg.kinds``: key, name, open, url,
    colour, symbol, count) and their files by path relative to the map folder."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for listing in listings:
        feature = _feature(listing, lang)
        if feature is not None:
            by_kind.setdefault(listing.kind, []).append(feature)
    options, files = [], {}
    for kind, features in by_kind.items():
        content = json_bytes({"type": "FeatureCollection", "features": features})
        url = f"layers/{hashed_name(f'{kind}.{lang}.geojson', content)}"
        files[url] = content
        geometry = "line" if features[0]["geometry"]["type"] == "LineString" else "point"
        color, symbol = KIND_STYLE.get(kind, DEFAULT_STYLE[geometry])
        options.append({"key": kind, "name": kind_label(kind, "name", lang), "open": kind_label(kind, "open", lang),
                        "url": url, "color": color, "symbol": symbol, "count": len(features)})
    return options, files
