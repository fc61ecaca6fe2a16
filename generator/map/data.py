"""The map's data files: content-hashed script names and the compact points table with
popup details that ``static/dcd-map.js`` reads.

The sites are not Folium markers (about 1 KB each in the HTML); they are rows of one
compact JSON file that the script clusters, and popup details (summary, thumbnail) sit
in small chunks fetched on first use, so the page stays small and the build linear."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable

from ..config import ProjectConfig
from ..records.schema import Category, Site
from ..urls import DEFAULT_LANGUAGE, site_page_path
from .settings import CATEGORIES, CATEGORY_STYLE, RANKS, map_settings, text

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAP_DIR = "generated/map"  # the map documents, their data and scripts (site root relative)
MAP_PAGE_DIR = "ban-do"  # the map page inside the site layout
VENDOR = {"leaflet": "leaflet-1.9.4", "markercluster": "leaflet.markercluster-1.5.3"}
VENDOR_FILES = (
    "leaflet-1.9.4/leaflet.js", "leaflet-1.9.4/leaflet.css", "leaflet-1.9.4/LICENSE",
    "leaflet-1.9.4/images/layers.png", "leaflet-1.9.4/images/layers-2x.png",
    "leaflet-1.9.4/images/marker-icon.png", "leaflet-1.9.4/images/marker-icon-2x.png",
    "leaflet-1.9.4/images/marker-shadow.png",
    "leaflet.markercluster-1.5.3/leaflet.markercluster.js", "leaflet.markercluster-1.5.3/MarkerCluster.css",
    "leaflet.markercluster-1.5.3/MIT-LICENCE.txt",
)
# Popup details are fetched in chunks of this many sites (a few KB gzip each).
DETAIL_CHUNK = 200
# One row per located site in the points file; dcd-map.js reads them by position.
POINT_FIELDS = ("id", "lat", "lon", "primary", "categories", "rank", "flags", "name", "path")
FLAG_APPROXIMATE, FLAG_NAME_FALLBACK, FLAG_PAGE_FALLBACK, FLAG_PANORAMA = 1, 2, 4, 8
COORD_DECIMALS = 5  # about a metre: finer than any source we have


# --- assets ----------------------------------------------------------------------------


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:10]


def hashed_name(name: str, content: bytes) -> str:
    """``dcd-map.js`` -> ``dcd-map.3f2a9c01be.js``: a new name whenever the bytes change."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{_digest(content)}{dot}{suffix}"


def static_bytes(name: str) -> bytes:
    return (STATIC_DIR / name).read_bytes()


def asset_names() -> dict[str, str]:
    """Content-hashed names of our own scripts and styles (files in ``MAP_DIR``)."""
    return {name: hashed_name(name, static_bytes(name)) for name in ("dcd-map.js", "dcd-map.css", "dcd-map-kinds.js")}


def json_bytes(data: Any) -> bytes:
    """Compact JSON, safe even if ever inlined in HTML (no raw <, >, &)."""
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


# --- site data ---------------------------------------------------------------------------

# The photo pipeline sets this to a function giving a site's thumbnail path (relative to
# the site root), or None. Until it does, popups have no thumbnail.
ThumbnailLookup = Callable[[Site], "str | None"]
thumbnail_lookup: ThumbnailLookup = lambda site: None  # noqa: E731


def located_sites(sites: list[Site]) -> list[Site]:
    """Sites the map can show, in a stable order (by permanent id)."""
    return sorted((s for s in sites if s.location is not None), key=lambda s: s.id)


def _localized(value: str | None, fallback: str, lang: str) -> tuple[str, bool]:
    if lang == DEFAULT_LANGUAGE or not value:
        return fallback, lang != DEFAULT_LANGUAGE
    return value, False


def site_data(sites: list[Site], lang: str, page_exists: Callable[[str], bool]) -> tuple[dict[str, Any], list[list[Any]]]:
    """The points table and the popup details (one row per located site, same order).

    ``page_exists(path)`` says whether the site's page exists in ``lang``; if not, the
    popup links to the Vietnamese page.
    """
    rows: list[list[Any]] = []
    details: list[list[Any]] = []
    for site in located_sites(sites):
        location = site.location
        assert location is not None
        name, name_fallback = _localized(site.name.en if lang == "en" else None, site.name.vi, lang)
        summary, summary_fallback = _localized(site.summary.en if lang == "en" else None, site.summary.vi, lang)
        path = site_page_path(site.slug, lang)
        page_fallback = lang != DEFAULT_LANGUAGE and not page_exists(path)
        if page_fallback:
            path = site_page_path(site.slug, DEFAULT_LANGUAGE)
        flags = (FLAG_APPROXIMATE if location.quality.is_approximate else 0) | \
                (FLAG_NAME_FALLBACK if name_fallback else 0) | (FLAG_PAGE_FALLBACK if page_fallback else 0) | \
                (FLAG_PANORAMA if site.panoramas else 0)
        mask = sum(1 << CATEGORIES.index(c) for c in site.category)
        rows.append([site.id, round(location.lat, COORD_DECIMALS), round(location.lon, COORD_DECIMALS),
                     CATEGORIES.index(site.primary_category), mask, RANKS.index(site.rank.level), flags, name, path])
        details.append([summary, thumbnail_lookup(site) or 0, 1 if summary_fallback else 0])
    return {"v": 1, "fields": list(POINT_FIELDS), "chunk": DETAIL_CHUNK, "details": [], "sites": rows}, details


def site_map_script(config: ProjectConfig) -> tuple[str, bytes]:
    """The small map's script for site pages: its root-relative path and its bytes.

    A site page includes it once (``<script src=... defer>``) beside its
    ``<div class="dcd-site-map" data-lat data-lon data-approximate data-name data-id
    data-lang>``; the script fills that container with Leaflet when it scrolls into view.
    """
    settings = map_settings(config)
    preamble = {
        "tiles": {"url": settings.tiles.url, "attribution": settings.tiles.attribution, "maxZoom": settings.tiles.max_zoom},
        "leaflet": f"vendor/{VENDOR['leaflet']}/",  # relative to the script itself
        "color": CATEGORY_STYLE[Category.REVOLUTIONARY][0],
        "defaultLang": DEFAULT_LANGUAGE,
        "languages": list(config.languages),
        "text": {lang: {"label": text("site_map", lang), "bigMap": text("big_map", lang)} for lang in config.languages},
    }
    content = b"window.dcdSiteMapConfig=" + json_bytes(preamble) + b";\n" + static_bytes("site-map.js")
    return f"{MAP_DIR}/{hashed_name('site-map.js', content)}", content


def site_map_script_path(config: ProjectConfig) -> str:
    """Root-relative path of the small map's script, e.g. ``generated/map/site-map.1a2b3c4d5e.js``."""
    return site_map_script(config)[0]
