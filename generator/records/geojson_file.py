"""Reading a GeoJSON file that volunteers drew (geojson.io, QGIS) beside a record.

A tour's route and a village's lanes are such files. They are read strictly but
kindly: the file must stay inside the record's folder, parse as JSON, hold the
geometry types the record allows, and every position must be a [lon, lat] pair of
numbers. Problems come back as message codes with parameters, never exceptions, so
the caller can position them at the record's field that names the file.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .media_place import PlaceProblem, locate
from .yaml_source import BAD_IN_VALUE, char_name

MAX_GEOJSON_BYTES = 5 * 1024 * 1024
# Every position reaches the page (the tour's map data, the big map's layer): a hand-drawn
# route or lane map has tens to hundreds; a phone's GPS track has thousands a trip.
MAX_POSITIONS = 2000
MAX_PROPERTY_CHARS = 300  # a lane's or a landmark's name, a short note

Position = tuple[float, float]  # (lat, lon), the order the rest of the project uses


@dataclass(frozen=True)
class GeoFeature:
    """One feature: its geometry type, positions as (lat, lon) and its text properties."""

    kind: str  # "LineString" or "Point"
    positions: tuple[Position, ...]
    properties: dict[str, str] = field(default_factory=dict)


class GeoJsonProblem(Exception):
    """``code`` is a message code; ``params`` fill it in."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


def resolve_inside(folder: Path, name: str) -> Path:
    """``folder/name`` if it stays inside ``folder`` and is a file; else GeoJsonProblem."""
    try:
        return locate(folder, name)
    except PlaceProblem as problem:
        raise GeoJsonProblem(problem.code, **problem.params) from None


def _position(raw: Any) -> Position:
    ok = isinstance(raw, list) and len(raw) in (2, 3) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in raw)
    if not ok:
        raise GeoJsonProblem("geojson.position", got=json.dumps(raw, ensure_ascii=False)[:60])
    lon, lat = float(raw[0]), float(raw[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeoJsonProblem("geojson.position", got=json.dumps(raw)[:60])
    return lat, lon


def _feature(raw: Any, allowed: tuple[str, ...]) -> GeoFeature:
    geometry = raw.get("geometry") if isinstance(raw, dict) and raw.get("type") == "Feature" else raw
    if not isinstance(geometry, dict) or geometry.get("type") not in allowed:
        got = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        raise GeoJsonProblem("geojson.geometry", got=str(got), allowed=", ".join(allowed))
    coordinates = geometry.get("coordinates")
    if geometry["type"] == "Point":
        positions: tuple[Position, ...] = (_position(coordinates),)
    else:
        if not isinstance(coordinates, list) or len(coordinates) < 2:
            raise GeoJsonProblem("geojson.short_line")
        positions = tuple(_position(c) for c in coordinates)
    props = raw.get("properties") if isinstance(raw, dict) and raw.get("type") == "Feature" else None
    text = {str(k): str(v) for k, v in (props or {}).items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    for key, value in text.items():
        _check_text(key, value)
    return GeoFeature(geometry["type"], positions, text)


def _check_text(key: str, value: str) -> None:
    """Names drawn on the map (a lane, the shrine) follow the rules of the record's own
    text: no control or text-direction characters, a name's length."""
    if (bad := BAD_IN_VALUE.search(value)) is not None:
        raise GeoJsonProblem("geojson.text_control", key=key, char=char_name(bad.group()))
    if len(value) > MAX_PROPERTY_CHARS:
        raise GeoJsonProblem("geojson.text_long", key=key, length=len(value), limit=MAX_PROPERTY_CHARS)


def read_features(folder: Path, name: str, allowed: tuple[str, ...]) -> list[GeoFeature]:
    """The features of the GeoJSON file ``name`` in ``folder``: a geometry, a Feature or a
    FeatureCollection, each geometry one of ``allowed``. Raises GeoJsonProblem."""
    path = resolve_inside(folder, name)
    if path.stat().st_size > MAX_GEOJSON_BYTES:
        raise GeoJsonProblem("media.too_large", file=name, size_mb=round(path.stat().st_size / 2**20, 1),
                             limit_mb=MAX_GEOJSON_BYTES // 2**20)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # nesting bombs too
        raise GeoJsonProblem("geojson.syntax", file=name, detail=str(exc)) from None
    raw_features = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else [data]
    if not isinstance(raw_features, list) or not raw_features:
        raise GeoJsonProblem("geojson.geometry", got="FeatureCollection []", allowed=", ".join(allowed))
    features = [_feature(raw, allowed) for raw in raw_features]
    count = sum(len(feature.positions) for feature in features)
    if count > MAX_POSITIONS:
        raise GeoJsonProblem("geojson.too_detailed", file=name, count=count, limit=MAX_POSITIONS)
    return features
