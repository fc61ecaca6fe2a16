"""The standalone map document (``generated/map/vi.html``, ``en.html``), built with Folium:
the Leaflet map, its tile layer and one element that hands the sites to
``static/dcd-map.js``; and every file the map needs, by path.

Every script and style is served from the site (``static/vendor``: Leaflet and
Leaflet.markercluster, byte-for-byte npm releases); the only other host the map
contacts is the tile server configured in ``mkdocs.yml``."""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Sequence

import folium
from branca.element import Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from ..config import ProjectConfig
from ..i18n.labels import CATEGORY_LABELS, RANK_LABELS
from ..records.listing import Listing
from ..records.schema import Site
from ..urls import DEFAULT_LANGUAGE, ENGLISH_DIR, asset_path, relative_url, to_root
from .data import (
    DETAIL_CHUNK,
    MAP_DIR,
    MAP_PAGE_DIR,
    STATIC_DIR,
    VENDOR,
    VENDOR_FILES,
    asset_names,
    hashed_name,
    json_bytes,
    site_data,
    site_map_script,
    static_bytes,
)
from .layers import kind_layers
from .settings import (
    CATEGORIES,
    CATEGORY_STYLE,
    RANKS,
    SCRIPT_TEXT,
    MapSettings,
    map_settings,
    text,
)

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
        '<link rel="icon" href="{{ this.icon|e }}">\n'
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
        # The site's icon: opened full screen, the browser would otherwise ask for /favicon.ico.
        self.icon = relative_url(MAP_DIR + "/", asset_path("favicon.svg"))


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
        self.options_json = json_bytes(options).decode("utf-8")  # HTML-safe: no raw <, >, &
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
                        overlay_urls: dict[str, str], kinds: list[dict[str, Any]] = ()) -> str:
    """The standalone map page (in ``MAP_DIR``) for one language; ``kinds`` are the layers
    of the other record kinds (``layers.kind_layers``)."""
    assets = asset_names()
    vendor = "vendor/"
    bounds = config.bounds
    center = [round((bounds.south + bounds.north) / 2, 4), round((bounds.west + bounds.east) / 2, 4)]
    document = _Document(lang, f"{text('title', lang)} · {config.site_name_in(lang)}")
    fmap = _Map(location=center, zoom_start=8, tiles=None, control_scale=True, max_zoom=settings.tiles.max_zoom)
    fmap.label = text("frame_title", lang)  # a second <main> (in the map page's iframe) needs a name
    fmap.default_js = [("leaflet", vendor + VENDOR["leaflet"] + "/leaflet.js")]
    fmap.default_css = [("leaflet_css", vendor + VENDOR["leaflet"] + "/leaflet.css")]
    document.add_child(fmap)
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
        # Tiles are added by dcd-map.js once the view is final: no tiles for a first view
        # that the markers then replace.
        "tiles": {"url": settings.tiles.url, "attribution": settings.tiles.attribution, "maxZoom": settings.tiles.max_zoom},
        # The full-screen map's way back to the site (the map page).
        "back": relative_url(MAP_DIR + "/", map_page_path(lang)),
        "overlays": [
            {"name": o.name.get(lang, o.name.get(DEFAULT_LANGUAGE, o.key)), "url": overlay_urls[o.key], "show": o.show, "style": o.style}
            for o in settings.overlays
        ],
        "kinds": list(kinds),
        "kindsScript": assets["dcd-map-kinds.js"],  # loaded by dcd-map.js after the markers
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


def map_files(config: ProjectConfig, sites: list[Site], page_exists: Callable[[str], bool] = lambda path: True,
              listings: Sequence[Listing] = ()) -> dict[str, bytes]:
    """Every file of the map, by site-root relative path: documents, data, scripts, vendor,
    and the layers of the other kinds' published records (``listings``: tours, villages)."""
    settings = map_settings(config)
    files: dict[str, bytes] = {}
    for name, hashed in asset_names().items():
        files[f"{MAP_DIR}/{hashed}"] = static_bytes(name)
    script_path, script = site_map_script(config)
    files[script_path] = script
    for name in VENDOR_FILES:
        files[f"{MAP_DIR}/vendor/{name}"] = (STATIC_DIR / "vendor" / name).read_bytes()
    overlay_urls = {}
    for overlay in settings.overlays:
        content = overlay.file.read_bytes()
        overlay_urls[overlay.key] = f"layers/{hashed_name(overlay.key + '.geojson', content)}"
        files[f"{MAP_DIR}/{overlay_urls[overlay.key]}"] = content
    for lang in config.languages:
        points, details = site_data(sites, lang, page_exists)
        for number in range(math.ceil(len(details) / DETAIL_CHUNK)):
            chunk = json_bytes(details[number * DETAIL_CHUNK:(number + 1) * DETAIL_CHUNK])
            name = f"data/{hashed_name(f'details.{lang}.{number}.json', chunk)}"
            points["details"].append(name)
            files[f"{MAP_DIR}/{name}"] = chunk
        content = json_bytes(points)
        data_url = f"data/{hashed_name(f'points.{lang}.json', content)}"
        files[f"{MAP_DIR}/{data_url}"] = content
        kinds, layer_files = kind_layers(listings, lang)
        files.update({f"{MAP_DIR}/{path}": layer for path, layer in layer_files.items()})
        files[map_document_path(lang)] = render_map_document(config, settings, lang, data_url, overlay_urls,
                                                             kinds).encode("utf-8")
    return files


def first_load_paths(files: dict[str, bytes], lang: str) -> list[str]:
    """What the map document in ``lang`` loads before its markers show (site-root paths,
    the document first), read from its HTML in ``files`` (``map_files``' result)."""
    document = map_document_path(lang)
    folder = document.rsplit("/", 1)[0]
    references = re.findall(r'(?:src|href)="([^"#:]+)"', files[document].decode("utf-8"))
    return [document] + list(dict.fromkeys(f"{folder}/{ref}" for ref in references))
