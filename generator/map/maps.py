"""The map of all sites, the small map on each site page, and the map page.

Folium builds the standalone map document (``generated/map/vi.html``, ``en.html``):
the Leaflet map, its tile layer and one element that hands the sites to
``static/map/dcd-map.js``. The sites are not Folium markers (about 1 KB each in the
HTML); they are rows of one compact JSON file that the script clusters, and popup
details (summary, thumbnail) sit in small chunks fetched on first use. So the page
stays small and the build linear at thousands of sites.

Every script and style is served from the site (``static/vendor``: Leaflet and
Leaflet.markercluster, byte-for-byte npm releases); the only other host the map
contacts is the tile server configured in ``mkdocs.yml`` (``extra.diachido.map``).

The map page (``ban-do/``) is generated Markdown that embeds the map document in an
iframe: the site's header, navigation and language stay around it, and the map is
isolated from mkdocs-material's instant navigation.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import folium
import jinja2
from branca.element import Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from ..config import ConfigError, ProjectConfig
from ..export.formats import EXPORT_DIR, EXPORT_FORMATS
from ..i18n.labels import CATEGORY_LABELS, RANK_LABELS
from ..site.front_matter import front_matter
from ..records.schema import Category, RankLevel, Site
from ..urls import DEFAULT_LANGUAGE, ENGLISH_DIR, page_source_file, relative_url, site_list_path, site_page_path, to_root
from ..files import write_text

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
FLAG_APPROXIMATE, FLAG_NAME_FALLBACK, FLAG_PAGE_FALLBACK = 1, 2, 4
COORD_DECIMALS = 5  # about a metre: finer than any source we have

DEFAULT_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    "max_zoom": 19,
}
DEFAULT_DIRECTIONS = "https://www.google.com/maps/dir/?api=1&destination={lat},{lon}"

# Colour and shape per category: shape carries the meaning for colour-blind visitors too.
CATEGORY_STYLE: dict[Category, tuple[str, str]] = {
    Category.HISTORICAL: ("#1f5fa8", "circle"),
    Category.REVOLUTIONARY: ("#c62828", "star"),
    Category.ARCHITECTURAL_ARTISTIC: ("#6a3d9a", "square"),
    Category.ARCHAEOLOGICAL: ("#8a5a12", "triangle"),
    Category.SCENIC: ("#2e7d32", "diamond"),
}
CATEGORIES = list(Category)
RANKS = list(RankLevel)

# Visitor-facing words of the map, Vietnamese first.
MAP_TEXT: dict[str, dict[str, str]] = {
    "title": {"vi": "Bản đồ di tích", "en": "Map of heritage sites"},
    "frame_title": {"vi": "Bản đồ các di tích", "en": "Map of the heritage sites"},
    "filters": {"vi": "Chú giải và lọc", "en": "Legend and filters"},
    "categories": {"vi": "Loại di tích", "en": "Category"},
    "ranks": {"vi": "Xếp hạng", "en": "Rank"},
    "approxShort": {"vi": "vị trí gần đúng", "en": "approximate location"},
    "approxLegend": {"vi": "Viền đứt, rỗng: vị trí gần đúng (tâm xã)", "en": "Hollow, dashed: approximate (commune centre)"},
    "approxLong": {
        "vi": "Vị trí gần đúng: đây là tâm xã, không phải vị trí của di tích.",
        "en": "Approximate location: the centre of the commune, not the site itself.",
    },
    "shown": {"vi": "Đang hiện {shown}/{total} di tích", "en": "Showing {shown} of {total} sites"},
    "open": {"vi": "Xem trang di tích", "en": "Open the site's page"},
    "directions": {"vi": "Chỉ đường", "en": "Directions"},
    "loading": {"vi": "Đang tải…", "en": "Loading…"},
    "locate": {"vi": "Vị trí của tôi", "en": "My location"},
    "locating": {"vi": "Đang tìm vị trí của bạn…", "en": "Finding your location…"},
    "locateFailed": {
        "vi": "Không xác định được vị trí của bạn (hãy cho phép truy cập vị trí).",
        "en": "Could not find your location (allow location access).",
    },
    "tilesFailed": {
        "vi": "Không tải được nền bản đồ; các di tích vẫn hiện đầy đủ.",
        "en": "The map background could not load; every site is still shown.",
    },
    "dataFailed": {"vi": "Không tải được dữ liệu di tích.", "en": "Could not load the site data."},
    "noscript": {
        "vi": "Bản đồ cần JavaScript. Danh sách di tích vẫn xem được trên trang web.",
        "en": "The map needs JavaScript. The list of sites works without it.",
    },
    "big_map": {"vi": "Xem trên bản đồ lớn", "en": "Open the large map"},
    "site_map": {"vi": "Bản đồ vị trí", "en": "Location map"},
}

# The words dcd-map.js uses (the rest are for the pages written here).
SCRIPT_TEXT = ("filters", "categories", "ranks", "approxShort", "approxLegend", "approxLong", "shown", "open",
               "directions", "loading", "locate", "locating", "locateFailed", "tilesFailed", "dataFailed")

_PAGES = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.map", "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def text(key: str, lang: str) -> str:
    entry = MAP_TEXT[key]
    return entry.get(lang, entry[DEFAULT_LANGUAGE])


# --- configuration ---------------------------------------------------------------------


@dataclass(frozen=True)
class Tiles:
    url: str
    attribution: str  # HTML, from the organisers' mkdocs.yml
    max_zoom: int


@dataclass(frozen=True)
class Overlay:
    """An optional layer (outlines, a tour route): a GeoJSON file of this repository."""

    key: str
    name: dict[str, str]
    file: Path
    show: bool
    style: dict[str, Any]


@dataclass(frozen=True)
class MapSettings:
    tiles: Tiles
    directions: str
    overlays: tuple[Overlay, ...]


def map_settings(config: ProjectConfig) -> MapSettings:
    """Read ``extra.diachido.map`` from mkdocs.yml; every key is optional."""
    block = config.extra.get("map") or {}
    if not isinstance(block, dict):
        raise ConfigError("mkdocs.yml: 'extra.diachido.map' must be a mapping")
    raw_tiles = {**DEFAULT_TILES, **(block.get("tiles") or {})}
    url = str(raw_tiles["url"])
    if not url.startswith("https://") or "{z}" not in url:
        raise ConfigError("mkdocs.yml: 'extra.diachido.map.tiles.url' must be an https:// URL with {z}, {x} and {y}")
    if not str(raw_tiles.get("attribution") or "").strip():
        raise ConfigError("mkdocs.yml: 'extra.diachido.map.tiles.attribution' is required by every tile provider")
    tiles = Tiles(url=url, attribution=str(raw_tiles["attribution"]), max_zoom=int(raw_tiles["max_zoom"]))
    directions = str(block.get("directions") or DEFAULT_DIRECTIONS)
    if "{lat}" not in directions or "{lon}" not in directions:
        raise ConfigError("mkdocs.yml: 'extra.diachido.map.directions' needs {lat} and {lon}")
    return MapSettings(tiles, directions, tuple(_overlay(config, i, raw) for i, raw in enumerate(block.get("layers") or [])))


def _overlay(config: ProjectConfig, index: int, raw: Any) -> Overlay:
    where = f"mkdocs.yml: 'extra.diachido.map.layers[{index}]'"
    if not isinstance(raw, dict) or not raw.get("file") or not raw.get("name"):
        raise ConfigError(f"{where} needs 'name' ({{vi: ..., en: ...}}) and 'file' (a GeoJSON file in the project)")
    path = (config.root / str(raw["file"])).resolve()
    if not path.is_relative_to(config.root.resolve()) or not path.is_file():
        raise ConfigError(f"{where}: file '{raw['file']}' not found in the project")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{where}: '{raw['file']}' is not GeoJSON ({exc})") from None
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
        raise ConfigError(f"{where}: '{raw['file']}' is not a GeoJSON FeatureCollection or Feature")
    name = raw["name"] if isinstance(raw["name"], dict) else {DEFAULT_LANGUAGE: str(raw["name"])}
    style = {"color": "#555555", "weight": 2, "fill": False, **(raw.get("style") or {})}
    return Overlay(key=f"layer-{index}", name={k: str(v) for k, v in name.items()}, file=path,
                   show=bool(raw.get("show", False)), style=style)


# --- assets ----------------------------------------------------------------------------


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:10]


def _hashed(name: str, content: bytes) -> str:
    """``dcd-map.js`` -> ``dcd-map.3f2a9c01be.js``: a new name whenever the bytes change."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{_digest(content)}{dot}{suffix}"


def _static(name: str) -> bytes:
    return (STATIC_DIR / name).read_bytes()


def asset_names() -> dict[str, str]:
    """Content-hashed names of our own scripts and styles (files in ``MAP_DIR``)."""
    return {name: _hashed(name, _static(name)) for name in ("dcd-map.js", "dcd-map.css")}


def _json_bytes(data: Any) -> bytes:
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
                (FLAG_NAME_FALLBACK if name_fallback else 0) | (FLAG_PAGE_FALLBACK if page_fallback else 0)
        mask = sum(1 << CATEGORIES.index(c) for c in site.category)
        rows.append([site.id, round(location.lat, COORD_DECIMALS), round(location.lon, COORD_DECIMALS),
                     CATEGORIES.index(site.primary_category), mask, RANKS.index(site.rank.level), flags, name, path])
        details.append([summary, thumbnail_lookup(site) or 0, 1 if summary_fallback else 0])
    return {"v": 1, "fields": list(POINT_FIELDS), "chunk": DETAIL_CHUNK, "details": [], "sites": rows}, details


# --- the map document (Folium) -----------------------------------------------------------------


class _Document(Figure):
    """The HTML document: a language, a title, a viewport that allows zooming the page."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{{ this.page_title|e }}</title>\n"
        '<meta name="robots" content="noindex">\n'
        "{{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "{{ this.html.render(**kwargs) }}\n"
        "<script>\n"
        "{{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</body>\n"
        "</html>\n"
    )

    def __init__(self, lang: str, title: str):
        super().__init__()
        self.header._children.pop("meta_http", None)  # a second charset declaration
        self.lang = lang
        self.page_title = title


class _Map(folium.Map):
    """Folium's map without its CDN links and page-level styles (ours are in dcd-map.css)."""

    _template = Template(
        """
{% macro header(this, kwargs) %}{% endmacro %}
{% macro html(this, kwargs) %}<main class="dcd-map" id={{ this.get_name()|tojson }} aria-label="{{ this.label|e }}"></main>{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {
  center: {{ this.location|tojson }},
  crs: L.CRS.{{ this.crs }},
  ...{{ this.options|tojavascript }}
});
{%- if this.control_scale %}
L.control.scale({imperial: false}).addTo({{ this.get_name() }});
{%- endif %}
{% endmacro %}
"""
    )


class _Sites(JSCSSMixin, MacroElement):
    """Hands the map and the site data to dcd-map.js."""

    _template = Template(
        """
{% macro header(this, kwargs) %}<link rel="preload" href="{{ this.options.data|e }}" as="fetch" crossorigin>{% endmacro %}
{% macro html(this, kwargs) %}<noscript><p class="dcd-noscript">{{ this.noscript|e }}</p></noscript>{% endmacro %}
{% macro script(this, kwargs) %}
dcdMap.start({{ this._parent.get_name() }}, {{ this.options_json }});
{% endmacro %}
"""
    )

    def __init__(self, options: dict[str, Any], noscript: str, js: list[tuple[str, str]], css: list[tuple[str, str]]):
        super().__init__()
        self._name = "Sites"
        self.options = options
        self.options_json = _json_bytes(options).decode("utf-8")  # HTML-safe: no raw <, >, &
        self.noscript = noscript
        self.default_js = js
        self.default_css = css


def _stable_ids(element: Any, counter: list[int] | None = None) -> None:
    """Replace Folium's random element ids by sequential ones: same input, same bytes."""
    counter = counter if counter is not None else [0]
    counter[0] += 1
    element._id = str(counter[0])
    for child in element._children.values():
        _stable_ids(child, counter)


def _category_entries(lang: str) -> list[dict[str, str]]:
    return [{"key": c.value, "label": CATEGORY_LABELS[c][lang], "color": CATEGORY_STYLE[c][0], "shape": CATEGORY_STYLE[c][1]}
            for c in CATEGORIES]


def render_map_document(config: ProjectConfig, settings: MapSettings, lang: str, data_url: str,
                        overlay_urls: dict[str, str]) -> str:
    """The standalone map page (in ``MAP_DIR``) for one language."""
    assets = asset_names()
    vendor = "vendor/"
    bounds = config.bounds
    center = [round((bounds.south + bounds.north) / 2, 4), round((bounds.west + bounds.east) / 2, 4)]
    document = _Document(lang, f"{text('title', lang)} · {config.site_name}")
    fmap = _Map(location=center, zoom_start=8, tiles=None, control_scale=True, max_zoom=settings.tiles.max_zoom)
    fmap.label = text("frame_title", lang)  # a second <main> (in the map page's iframe) needs a name
    fmap.default_js = [("leaflet", vendor + VENDOR["leaflet"] + "/leaflet.js")]
    fmap.default_css = [("leaflet_css", vendor + VENDOR["leaflet"] + "/leaflet.css")]
    document.add_child(fmap)
    folium.TileLayer(settings.tiles.url, attr=settings.tiles.attribution, max_zoom=settings.tiles.max_zoom,
                     name="tiles", control=False).add_to(fmap)
    options = {
        "lang": lang,
        "fallbackLang": DEFAULT_LANGUAGE,
        "data": data_url,
        "root": to_root(MAP_DIR + "/"),
        "categories": _category_entries(lang),
        "ranks": [{"key": r.value, "label": RANK_LABELS[r][lang]} for r in RANKS],
        "text": {key: text(key, lang) for key in SCRIPT_TEXT},
        "directions": settings.directions,
        "bounds": [[bounds.south, bounds.west], [bounds.north, bounds.east]],
        "overlays": [
            {"name": o.name.get(lang, o.name.get(DEFAULT_LANGUAGE, o.key)), "url": overlay_urls[o.key], "show": o.show, "style": o.style}
            for o in settings.overlays
        ],
    }
    _Sites(
        options, text("noscript", lang),
        js=[("markercluster", vendor + VENDOR["markercluster"] + "/leaflet.markercluster.js"), ("dcd_map", assets["dcd-map.js"])],
        css=[("markercluster_css", vendor + VENDOR["markercluster"] + "/MarkerCluster.css"), ("dcd_map_css", assets["dcd-map.css"])],
    ).add_to(fmap)
    _stable_ids(document)
    return document.render()


def map_document_path(lang: str) -> str:
    """Site-root relative path of the standalone map document in ``lang``."""
    return f"{MAP_DIR}/{lang}.html"


def map_page_path(lang: str = DEFAULT_LANGUAGE) -> str:
    """Path of the map page in the site layout, e.g. ``ban-do/`` or ``en/ban-do/``."""
    return MAP_PAGE_DIR + "/" if lang == DEFAULT_LANGUAGE else f"{ENGLISH_DIR}/{MAP_PAGE_DIR}/"


def map_files(config: ProjectConfig, sites: list[Site], page_exists: Callable[[str], bool] = lambda path: True) -> dict[str, bytes]:
    """Every file of the map, by site-root relative path: documents, data, scripts, vendor."""
    settings = map_settings(config)
    files: dict[str, bytes] = {}
    for name, hashed in asset_names().items():
        files[f"{MAP_DIR}/{hashed}"] = _static(name)
    script_path, script = site_map_script(config)
    files[script_path] = script
    for name in VENDOR_FILES:
        files[f"{MAP_DIR}/vendor/{name}"] = (STATIC_DIR / "vendor" / name).read_bytes()
    overlay_urls = {}
    for overlay in settings.overlays:
        content = overlay.file.read_bytes()
        overlay_urls[overlay.key] = f"layers/{_hashed(overlay.key + '.geojson', content)}"
        files[f"{MAP_DIR}/{overlay_urls[overlay.key]}"] = content
    for lang in config.languages:
        points, details = site_data(sites, lang, page_exists)
        for number in range(math.ceil(len(details) / DETAIL_CHUNK)):
            chunk = _json_bytes(details[number * DETAIL_CHUNK:(number + 1) * DETAIL_CHUNK])
            name = f"data/{_hashed(f'details.{lang}.{number}.json', chunk)}"
            points["details"].append(name)
            files[f"{MAP_DIR}/{name}"] = chunk
        content = _json_bytes(points)
        data_url = f"data/{_hashed(f'points.{lang}.json', content)}"
        files[f"{MAP_DIR}/{data_url}"] = content
        files[map_document_path(lang)] = render_map_document(config, settings, lang, data_url, overlay_urls).encode("utf-8")
    return files


# --- the map page and the site-page snippet -------------------------------------------------


def _size_label(size: int) -> str:
    return f"{max(1, round(size / 1024))} KB"


def render_map_page(config: ProjectConfig, sites: list[Site], lang: str, downloads: list[tuple[str, str, int]],
                    site_list: str) -> str:
    """Markdown of the map page: the map in an iframe, counts, and the data downloads.

    ``downloads`` are (label, site-root relative path, size in bytes); ``site_list`` is
    the path of the list of sites, for visitors who prefer a list.
    """
    page = map_page_path(lang)
    located = located_sites(sites)
    return _PAGES.get_template("map_page.md.j2").render(
        lang=lang,
        front_matter=front_matter(title=text("title", lang), description=text("frame_title", lang), lang=lang, hide=["toc"]),
        title=text("title", lang),
        frame_title=text("frame_title", lang),
        map_src=relative_url(page, map_document_path(lang)),
        list_href=relative_url(page, site_list),
        located=len(located),
        approximate=sum(1 for s in located if s.location.quality.is_approximate),
        unlocated=len(sites) - len(located),
        downloads=[(label, relative_url(page, path), _size_label(size)) for label, path, size in downloads],
    )


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
    content = b"window.dcdSiteMapConfig=" + _json_bytes(preamble) + b";\n" + _static("site-map.js")
    return f"{MAP_DIR}/{_hashed('site-map.js', content)}", content


def site_map_script_path(config: ProjectConfig) -> str:
    """Root-relative path of the small map's script, e.g. ``generated/map/site-map.1a2b3c4d5e.js``."""
    return site_map_script(config)[0]


# --- the content writer ---------------------------------------------------------------------


def write_map(config: ProjectConfig, sites: list[Site], docs_root: Path) -> None:
    """Write the map into the staging docs folder (after the pages, before MkDocs)."""
    files = map_files(config, sites, page_exists=lambda path: (docs_root / page_source_file(path)).is_file())
    for path, content in files.items():
        target = docs_root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for lang in config.languages:
        downloads = [
            (label, path, (docs_root / path).stat().st_size)
            for label, path in ((fmt.label(lang), f"{EXPORT_DIR}/{fmt.filename}") for fmt in EXPORT_FORMATS)
            if (docs_root / path).is_file()
        ]
        site_list = site_list_path(lang)
        if not (docs_root / site_list / "index.md").is_file():
            site_list = site_list_path(DEFAULT_LANGUAGE)
        write_text(docs_root / map_page_path(lang) / "index.md", render_map_page(config, sites, lang, downloads, site_list))
