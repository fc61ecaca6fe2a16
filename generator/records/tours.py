"""The tour record (``tours/<slug>.yml``): a route through sites, in the visitor's order.

A tour has the same permanent id, slug and status as a site (its ids carry the letter
T: ``TH-T0001``), a name and description, a travel mode, and ordered stops. A stop is a
published site (``site: TH-0001``) or a free waypoint with a name and a point (a car
park, a ferry landing). A volunteer may draw the route (a GeoJSON LineString file
beside the record, e.g. from geojson.io); without it the page draws straight legs.

Checks inside one file come from the model; ``tour_checks`` checks the route file and
waypoints, and ``tour_links`` checks that every stop's site exists and is published.
"""

from __future__ import annotations

import math
import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Iterable

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ..config import ProjectConfig
from .diagnostics import Diagnostic, Severity
from .geojson_file import GeoJsonProblem, Position, read_features
from .listing import Listing, site_point
from .schema import ID_PATTERN, SLUG_PATTERN, LongText, Name, _Record, _unique, Status
from .identity import IdContext
from .publishing import placeholder_checks
from .validate import SiteRecord, common_checks, field_name, point_outside, site_files

TOUR_ID_PATTERN = r"^[A-Z]{1,5}-T[0-9]{4,6}$"
ROUTE_GEOMETRIES = ("LineString",)
# A drawn route passing farther than this from a stop (or beyond its arrival zone) is
# probably another route's file or a stop put in the wrong place: a visitor following
# the line would not reach the stop. Roads bend, so the margin is generous.
ROUTE_STRAY_METRES = 500
EARTH_RADIUS_M = 6_371_000.0


class Mode(str, Enum):
    FOOT = "foot"
    BICYCLE = "bicycle"
    MOTORBIKE_CAR = "motorbike-car"


# Assumed average speeds (km/h) for time estimates, stops not included: an unhurried
# walk with a group, an easy ride on rural roads, mixed provincial roads by motorbike/car.
SPEEDS_KMH = {Mode.FOOT: 4.0, Mode.BICYCLE: 12.0, Mode.MOTORBIKE_CAR: 40.0}
# Default arrival zone around a stop (metres): izi.TRAVEL uses 65–100 m on foot; a
# vehicle covers more ground between two position fixes, and parks further away.
DEFAULT_RADIUS_M = {Mode.FOOT: 80, Mode.BICYCLE: 120, Mode.MOTORBIKE_CAR: 250}


class Point(_Record):
    lat: float = Field(ge=-90, le=90, description="Vĩ độ WGS84 / latitude")
    lon: float = Field(ge=-180, le=180, description="Kinh độ WGS84 / longitude")


class LocalizedDescription(_Record):
    vi: LongText = Field(description="Mô tả tuyến, chỉ điều có nguồn / description, only sourced facts")
    en: LongText | None = None


class Stop(_Record):
    """A site (``site``) or a free waypoint (``name`` and ``point``), never both."""

    site: Annotated[str, Field(pattern=ID_PATTERN)] | None = Field(None, description="Mã di tích, ví dụ TH-0001")
    name: Name | None = Field(None, description="Tên điểm dừng không phải di tích (bãi xe, bến đò)")
    point: Point | None = Field(None, description="Vị trí điểm dừng không phải di tích")
    radius: int | None = Field(None, ge=10, le=5000, description="Bán kính vùng đến (m) / arrival zone radius (m)")

    @model_validator(mode="after")
    def _site_or_waypoint(self) -> "Stop":
        if self.site is not None and (self.name is not None or self.point is not None):
            raise PydanticCustomError("stop.both", "a stop is a site or a waypoint, not both")
        if self.site is None and (self.name is None or self.point is None):
            raise PydanticCustomError("stop.incomplete", "a waypoint needs name and point")
        return self


class PageRecord(_Record):
    """What every record kind with a page of its own (tours, villages) shares with sites:
    a slug (derived from the name if empty), old slugs that must keep working, a status."""

    slug: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)] | None = Field(
        None, description="Đường dẫn không dấu; bỏ trống để tạo từ tên / URL slug, derived from the name if empty")
    former_slugs: Annotated[list[Annotated[str, Field(pattern=SLUG_PATTERN)]], AfterValidator(_unique)] = Field(
        default_factory=list, description="Đường dẫn cũ vẫn phải hoạt động / old slugs that must keep working")
    status: Status = Field(Status.DRAFT, description="draft (nháp) hoặc published (công bố)")
    name: Name

    @property
    def is_published(self) -> bool:
        return self.status is Status.PUBLISHED


class Tour(PageRecord):
    """One tour: what a volunteer writes in ``tours/<slug>.yml``."""

    id: Annotated[str, Field(pattern=TOUR_ID_PATTERN)] = Field(description="Mã cố định, ví dụ TH-T0001")
    description: LocalizedDescription
    mode: Mode = Field(description="foot (đi bộ), bicycle (xe đạp), motorbike-car (xe máy, ô tô)")
    stops: Annotated[list[Stop], Field(min_length=2)] = Field(description="Các điểm dừng theo thứ tự / stops in order")
    route: Annotated[str, Field(min_length=1, max_length=300)] | None = Field(
        None, description="Tệp GeoJSON LineString vẽ đường đi, cạnh tệp YAML / drawn route file")

    def radius(self, stop: Stop) -> int:
        """The stop's arrival zone in metres: its own, or the mode's default."""
        return stop.radius or DEFAULT_RADIUS_M[self.mode]

    @property
    def has_english(self) -> bool:
        """The tour gets an English page when its name and description are in English."""
        return bool(self.name.en and self.description.en)


def drawn_route(record: SiteRecord) -> list[Position] | None:
    """The volunteer's route line as (lat, lon) points, or None without a route file.

    The loader validated the file (``tour_checks``); this reads it again for the pages,
    exports and the big map.
    """
    tour: Tour = record.site
    if tour.route is None:
        return None
    return list(read_features(record.folder, tour.route, ("LineString",))[0].positions)


def tour_listing(record: SiteRecord, sites: dict[str, Any]) -> Listing:
    """How a published tour shows beside the sites (``records.listing``): its stops' sites,
    and its line: the drawn route, else straight legs through the stops' points."""
    tour: Tour = record.site
    points = [site_point(sites.get(stop.site)) if stop.site else (stop.point.lat, stop.point.lon) for stop in tour.stops]
    line = drawn_route(record) or [point for point in points if point is not None]
    return Listing(tour.id, tour.slug, tour.name.vi, tour.name.en, tour.has_english,
                   sites=tuple(stop.site for stop in tour.stops if stop.site), line=tuple(line))


def diagnostic_at(record: SiteRecord, path: tuple[Any, ...], code: str, **params: Any) -> Diagnostic:
    """An error at the value of ``path`` in ``record``'s file."""
    position = record.document.position_of(path)
    return Diagnostic(record.path, position.line, position.column, field_name(path), code, params)


def record_geojson(record: SiteRecord, field: str, allowed: tuple[str, ...], config: ProjectConfig,
                   most: int | None = None) -> Iterable[Diagnostic]:
    """Problems of the GeoJSON file named by ``field`` of a record: readable, allowed
    geometries (at most ``most`` features), every position inside the province."""
    name = getattr(record.site, field)
    if name is None:
        return
    try:
        features = read_features(record.folder, name, allowed)
    except GeoJsonProblem as problem:
        yield diagnostic_at(record, (field,), problem.code, **problem.params)
        return
    if most is not None and len(features) > most:
        yield diagnostic_at(record, (field,), "geojson.too_many", count=len(features), most=most)
        return
    for feature in features:
        for lat, lon in feature.positions:
            found = list(point_outside(record, (field,), lat, lon, config))
            if found:
                yield found[0]
                return


def tour_checks(records: list[SiteRecord], config: ProjectConfig, ids: IdContext) -> list[Diagnostic]:
    """Checks across tours: ids and slugs, waypoints inside the province, the route file."""
    problems = common_checks(records, config, ids)
    for record in records:
        for index, stop in enumerate(record.site.stops):
            if stop.point is not None:
                problems.extend(point_outside(record, ("stops", index, "point"), stop.point.lat, stop.point.lon, config))
        problems.extend(record_geojson(record, "route", ROUTE_GEOMETRIES, config, most=1))
    problems.extend(placeholder_checks(records, config, "tours"))
    return problems


class SiteFiles:
    """Which site file says ``id: <ID>``, for links to a site that did not validate (its
    own errors are reported at it). The files are read once, and only when a link fails,
    so a big project pays nothing when every link holds."""

    def __init__(self, config: ProjectConfig) -> None:
        self._config = config
        self._claims: dict[str, Path] | None = None

    def claiming(self, site_id: str) -> Path | None:
        if self._claims is None:
            self._claims = {}
            for path in site_files(self._config.sites_dir):
                try:
                    found = _CLAIM.search(path.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    continue
                if found:
                    self._claims.setdefault(found[1], path)
        return self._claims.get(site_id)


_CLAIM = re.compile(r"^id:\s*['\"]?([A-Z]{1,5}-[A-Z]?[0-9]{4,6})['\"]?\s*(?:#.*)?$", re.MULTILINE)


def published_site_links(record: SiteRecord, path: tuple[Any, ...], site_id: str, sites: dict[str, Any],
                         files: SiteFiles) -> Iterable[Diagnostic]:
    """A problem if a published record names a site that does not exist or is not published."""
    site = sites.get(site_id)
    if site is None:
        broken = files.claiming(site_id)
        yield (diagnostic_at(record, path, "link.broken_site", id=site_id, file=broken) if broken
               else diagnostic_at(record, path, "link.missing_site", id=site_id))
    elif record.site.is_published and not site.is_published:
        yield diagnostic_at(record, path, "link.draft_site", id=site_id)


def _located_site(record: SiteRecord, path: tuple[Any, ...], site_id: str, sites: dict[str, Any]) -> Iterable[Diagnostic]:
    site = sites.get(site_id)
    if site is not None and site.location is None:
        yield diagnostic_at(record, path, "link.no_location", id=site_id)


def tour_links(records: list[SiteRecord], sites: dict[str, Any], config: ProjectConfig) -> list[Diagnostic]:
    """Every site a stop names exists, has a point, and is published when the tour is;
    a drawn route passes near every stop (a warning)."""
    problems: list[Diagnostic] = []
    files = SiteFiles(config)
    for record in records:
        for index, stop in enumerate(record.site.stops):
            if stop.site is not None:
                problems.extend(published_site_links(record, ("stops", index, "site"), stop.site, sites, files))
                problems.extend(_located_site(record, ("stops", index, "site"), stop.site, sites))
        problems.extend(_stops_off_route(record, sites))
    return problems


def _stops_off_route(record: SiteRecord, sites: dict[str, Any]) -> Iterable[Diagnostic]:
    tour: Tour = record.site
    try:
        line = drawn_route(record)
    except GeoJsonProblem:  # reported at the route field by tour_checks
        return
    for index, stop in enumerate(tour.stops):
        point = (stop.point.lat, stop.point.lon) if stop.point is not None else site_point(sites.get(stop.site or ""))
        if not line or point is None:
            continue
        gap, limit = distance_to_line(point, line), max(ROUTE_STRAY_METRES, tour.radius(stop))
        if gap > limit:
            where = record.document.position_of(("stops", index))
            yield Diagnostic(record.path, where.line, where.column, field_name(("stops", index)), "route.far_from_stop",
                             {"file": tour.route, "distance": round(gap), "limit": limit}, Severity.WARNING)


def distance_to_line(point: Position, line: list[Position]) -> float:
    """Metres from ``point`` to the nearest part of the polyline ``line`` ((lat, lon)
    degrees), on a plane tangent at the point: exact enough within a province."""
    lat0 = math.radians(point[0])

    def plane(position: Position) -> tuple[float, float]:
        return (math.radians(position[1] - point[1]) * math.cos(lat0) * EARTH_RADIUS_M,
                math.radians(position[0] - point[0]) * EARTH_RADIUS_M)

    flat = [plane(position) for position in line]
    if len(flat) == 1:
        return math.hypot(*flat[0])
    return min(_to_segment(a, b) for a, b in zip(flat, flat[1:]))


def _to_segment(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from the origin to the segment ``a``-``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(a[0] * dx + a[1] * dy) / length2))
    return math.hypot(a[0] + t * dx, a[1] + t * dy)
