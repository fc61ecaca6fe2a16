"""A village as open data: one GeoJSON FeatureCollection (RFC 7946) with the cultural
house, the lane entrances, the volunteers' lanes and landmarks, and the village's sites,
each feature saying what it is (``kind``) in its properties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..config import ProjectConfig
from ..export.formats import COORD_DECIMALS
from ..records.schema import Site
from ..records.validate import SiteRecord
from ..records.villages import Village
from ..urls import absolute_url, short_path

VILLAGE_DATA_DIR = "generated/villages"


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]}


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def village_geojson(config: ProjectConfig, village: Village, lanes: list[dict[str, Any]], sites: list[Site]) -> bytes:
    """``lanes`` as the page reads them (``villages.page.lane_features``); ``sites`` the
    village's published sites."""
    house = village.cultural_house
    features = [_feature(_point(house.lat, house.lon), kind="cultural-house", name_vi=village.name.vi,
                         url=absolute_url(config, short_path(village.id)))]
    features += [_feature(_point(e.point.lat, e.point.lon), kind="lane-entrance", name_vi=e.name.vi, name_en=e.name.en,
                          url=absolute_url(config, f"{short_path(village.id)}#{e.slug}")) for e in village.entrances]
    for lane in lanes:
        coordinates = [[round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)] for lat, lon in lane["points"]]
        geometry = {"type": "LineString", "coordinates": coordinates} if lane["kind"] == "LineString" else \
            {"type": "Point", "coordinates": coordinates[0]}
        features.append(_feature(geometry, kind="lane" if lane["kind"] == "LineString" else "landmark", name_vi=lane["name"]))
    features += [_feature(_point(s.location.lat, s.location.lon), kind="site", id=s.id, name_vi=s.name.vi,
                          url=absolute_url(config, short_path(s.id))) for s in sites if s.location]
    data = {"type": "FeatureCollection", "features": features}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def village_file_path(village_id: str) -> str:
    return f"{VILLAGE_DATA_DIR}/{village_id}.geojson"


def write_village_export(config: ProjectConfig, record: SiteRecord, lanes: list[dict[str, Any]], sites: list[Site],
                         docs_root: Path) -> Path:
    path = docs_root / village_file_path(record.site.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(village_geojson(config, record.site, lanes, sites))
    return path
