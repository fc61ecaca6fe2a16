"""The map's configuration (``extra.diachido.map`` in mkdocs.yml: tiles, directions, extra
GeoJSON layers), its marker styles and the words it shows visitors, Vietnamese first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import ConfigError, ProjectConfig
from ..i18n.labels import UI
from ..records.schema import Category, RankLevel
from ..urls import DEFAULT_LANGUAGE

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
    "panorama": {lang: UI[lang]["pano_badge"] for lang in UI},  # the site pages' and lists' word
    "title": {"vi": "Bản đồ di tích", "en": "Map of heritage sites"},
    "frame_title": {"vi": "Bản đồ các di tích", "en": "Map of the heritage sites"},
    "filters": {"vi": "Chú giải và lọc", "en": "Legend and filters"},
    "categories": {"vi": "Loại di tích", "en": "Category"},
    "ranks": {"vi": "Xếp hạng", "en": "Rank"},
    "layers": {"vi": "Lớp bản đồ khác", "en": "Other layers"},
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
    "back": {"vi": "Về trang web", "en": "Back to the site"},
    "site_map": {"vi": "Bản đồ vị trí", "en": "Location map"},
}

# The words dcd-map.js uses (the rest are for the pages written here).
SCRIPT_TEXT = ("filters", "categories", "ranks", "layers", "approxShort", "approxLegend", "approxLong", "panorama",
               "shown", "open",
               "directions", "loading", "locate", "locating", "locateFailed", "tilesFailed", "dataFailed", "back")


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


_MAP = ("extra", "diachido", "map")


def map_settings(config: ProjectConfig) -> MapSettings:
    """Read ``extra.diachido.map`` from mkdocs.yml; every key is optional. Raises ConfigError."""
    block = config.extra.get("map") or {}
    if not isinstance(block, dict):
        raise ConfigError("config.map_shape", _MAP)
    if not isinstance(block.get("tiles") or {}, dict):
        raise ConfigError("config.map_shape", (*_MAP, "tiles"))
    raw_tiles = {**DEFAULT_TILES, **(block.get("tiles") or {})}
    url = str(raw_tiles["url"])
    if not url.startswith("https://") or "{z}" not in url:
        raise ConfigError("config.map_tiles_url", (*_MAP, "tiles", "url"))
    if not str(raw_tiles.get("attribution") or "").strip():
        raise ConfigError("config.map_attribution", (*_MAP, "tiles", "attribution"))
    max_zoom = raw_tiles["max_zoom"]
    if isinstance(max_zoom, bool) or not isinstance(max_zoom, int) or not 0 <= max_zoom <= 30:
        raise ConfigError("config.map_max_zoom", (*_MAP, "tiles", "max_zoom"), got=str(max_zoom))
    tiles = Tiles(url=url, attribution=str(raw_tiles["attribution"]), max_zoom=max_zoom)
    directions = str(block.get("directions") or DEFAULT_DIRECTIONS)
    if "{lat}" not in directions or "{lon}" not in directions:
        raise ConfigError("config.map_directions", (*_MAP, "directions"))
    return MapSettings(tiles, directions, tuple(_overlay(config, i, raw) for i, raw in enumerate(block.get("layers") or [])))


def _overlay(config: ProjectConfig, index: int, raw: Any) -> Overlay:
    where = (*_MAP, "layers", index)
    if not isinstance(raw, dict) or not raw.get("file") or not raw.get("name"):
        raise ConfigError("config.map_layer_shape", where)
    path = (config.root / str(raw["file"])).resolve()
    if not path.is_relative_to(config.root.resolve()) or not path.is_file():
        raise ConfigError("config.map_layer_missing", (*where, "file"), file=str(raw["file"]))
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError("config.map_layer_not_json", (*where, "file"), file=str(raw["file"]), reason=str(exc)) from None
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
        raise ConfigError("config.map_layer_not_geojson", (*where, "file"), file=str(raw["file"]))
    name = raw["name"] if isinstance(raw["name"], dict) else {DEFAULT_LANGUAGE: str(raw["name"])}
    style = {"color": "#555555", "weight": 2, "fill": False, **(raw.get("style") or {})}
    return Overlay(key=f"layer-{index}", name={k: str(v) for k, v in name.items()}, file=path,
                   show=bool(raw.get("show", False)), style=style)
