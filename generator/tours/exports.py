"""A tour as open data: GPX 1.1, GeoJSON (RFC 7946) and KML 2.2, one file each per tour.

Each holds the stops in order (GPX waypoints ``wpt`` / Point features / Placemarks)
and the line to follow: the volunteer's drawn route if there is one, else the
straight legs between stops (GPX ``rte`` of route points; a LineString). A stop at a
commune centre is flagged approximate in all three. Text is escaped by ElementTree or
json; coordinates have six decimals (about 10 cm), as the site exports.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..config import ProjectConfig
from ..export.formats import COORD_DECIMALS, KML_NS
from ..records.tours import Tour
from ..urls import absolute_url, short_path
from .route import Point, TourStop

GPX_NS = "http://www.topografix.com/GPX/1/1"
TOUR_DATA_DIR = "generated/tours"


@dataclass(frozen=True)
class TourGeometry:
    """What every format needs: the tour, its stops and the line through them."""

    tour: Tour
    stops: list[TourStop]
    line: list[Point]  # the drawn route, or the stops' points in order
    drawn: bool


def _c(value: float) -> float:
    return round(value, COORD_DECIMALS)


def _stop_url(config: ProjectConfig, stop: TourStop) -> str | None:
    return absolute_url(config, short_path(stop.site.id)) if stop.site else None


def to_geojson(config: ProjectConfig, geo: TourGeometry) -> bytes:
    """A FeatureCollection: the line first, then one Point per stop with its number."""
    tour = geo.tour
    features = [{
        "type": "Feature", "id": tour.id,
        "geometry": {"type": "LineString", "coordinates": [[_c(lon), _c(lat)] for lat, lon in geo.line]},
        "properties": {"id": tour.id, "name_vi": tour.name.vi, "name_en": tour.name.en, "mode": tour.mode.value,
                       "drawn_route": geo.drawn, "url": absolute_url(config, short_path(tour.id))},
    }]
    for stop in geo.stops:
        features.append({
            "type": "Feature", "id": f"{tour.id}-{stop.number}",
            "geometry": {"type": "Point", "coordinates": [_c(stop.lon), _c(stop.lat)]},
            "properties": {"number": stop.number, "site_id": stop.site.id if stop.site else None, "name_vi": stop.name_vi,
                           "name_en": stop.name_en, "approximate": stop.approximate, "radius_m": stop.radius,
                           "url": _stop_url(config, stop)},
        })
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode() + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _namespaced(root: ET.Element, namespace: str) -> bytes:
    for element in root.iter():
        if not element.tag.startswith("{"):
            element.tag = f"{{{namespace}}}{element.tag}"
    ET.register_namespace("", namespace)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _description(stop: TourStop) -> str:
    return "Vị trí gần đúng: tâm xã. / Approximate: commune centre." if stop.approximate else ""


def to_gpx(config: ProjectConfig, geo: TourGeometry) -> bytes:
    """GPX 1.1: a waypoint per stop, and the line as a route (``rte``) of route points."""
    tour = geo.tour
    gpx = ET.Element("gpx", version="1.1", creator=config.site_name)
    metadata = _sub(gpx, "metadata")
    _sub(metadata, "name", tour.name.vi)
    _sub(metadata, "desc", tour.description.vi)
    _sub(_sub(metadata, "link", href=absolute_url(config, short_path(tour.id))), "text", tour.name.vi)
    for stop in geo.stops:
        wpt = _sub(gpx, "wpt", lat=str(_c(stop.lat)), lon=str(_c(stop.lon)))
        _sub(wpt, "name", f"{stop.number}. {stop.name_vi}")
        if stop.approximate:
            _sub(wpt, "desc", _description(stop))
        if (url := _stop_url(config, stop)) is not None:
            _sub(wpt, "link", href=url)
    route = _sub(gpx, "rte")
    _sub(route, "name", tour.name.vi)
    for lat, lon in geo.line:
        _sub(route, "rtept", lat=str(_c(lat)), lon=str(_c(lon)))
    return _namespaced(gpx, GPX_NS)


def to_kml(config: ProjectConfig, geo: TourGeometry) -> bytes:
    """KML 2.2: a folder of stop Placemarks and one LineString Placemark."""
    tour = geo.tour
    kml = ET.Element("kml")
    document = _sub(kml, "Document")
    _sub(document, "name", tour.name.vi)
    _sub(document, "description", tour.description.vi)
    line_style = _sub(_sub(document, "Style", id="route"), "LineStyle")
    _sub(line_style, "color", "ff2828c6")
    _sub(line_style, "width", "4")
    for stop in geo.stops:
        placemark = _sub(document, "Placemark", id=f"{tour.id}-{stop.number}")
        _sub(placemark, "name", f"{stop.number}. {stop.name_vi}")
        url = _stop_url(config, stop)
        _sub(placemark, "description", "\n\n".join(part for part in (_description(stop), url) if part))
        _sub(_sub(placemark, "Point"), "coordinates", f"{_c(stop.lon)},{_c(stop.lat)}")
    placemark = _sub(document, "Placemark", id=tour.id)
    _sub(placemark, "name", tour.name.vi)
    _sub(placemark, "styleUrl", "#route")
    coordinates = " ".join(f"{_c(lon)},{_c(lat)}" for lat, lon in geo.line)
    _sub(_sub(placemark, "LineString"), "coordinates", coordinates)
    return _namespaced(kml, KML_NS)


TOUR_FORMATS: dict[str, Callable[[ProjectConfig, TourGeometry], bytes]] = {
    "gpx": to_gpx, "geojson": to_geojson, "kml": to_kml,
}


def tour_file_path(tour_id: str, suffix: str) -> str:
    """Root-relative path of one of a tour's downloads, e.g. ``generated/tours/TH-T0001.gpx``."""
    return f"{TOUR_DATA_DIR}/{tour_id}.{suffix}"


def write_tour_exports(config: ProjectConfig, geo: TourGeometry, root: Path, flat: bool = False) -> list[Path]:
    """Write the GPX, GeoJSON and KML of one tour under ``root`` (a docs root: in
    ``generated/tours/``; ``flat``: in ``root`` itself); return their paths."""
    written = []
    for suffix, render in TOUR_FORMATS.items():
        path = root / (f"{geo.tour.id}.{suffix}" if flat else tour_file_path(geo.tour.id, suffix))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(config, geo))
        written.append(path)
    return written
