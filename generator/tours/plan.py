"""A tour planned against the published sites: its stops resolved, its legs measured,
the line to draw and export. Pages, exports and the itinerary all start from here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import ProjectConfig
from ..records.schema import Site
from ..records.tours import Tour, drawn_route
from ..records.validate import LoadResult, SiteRecord
from .exports import TourGeometry, write_tour_exports
from .route import Leg, TourStop, legs, line_length, minutes_for, resolve_stops


@dataclass(frozen=True)
class TourPlan:
    """A tour with everything its page, exports and printouts need."""

    record: SiteRecord
    stops: list[TourStop]
    legs: list[Leg]
    geometry: TourGeometry
    length_m: float

    @property
    def tour(self) -> Tour:
        return self.record.site

    @property
    def minutes(self) -> float:
        return minutes_for(self.length_m, self.tour)


def plan_tour(record: SiteRecord, sites: dict[str, Site]) -> TourPlan:
    """Resolve a valid tour's stops against the published sites and measure it."""
    tour: Tour = record.site
    stops = resolve_stops(tour, sites)
    tour_legs = legs(tour, stops)
    drawn = drawn_route(record)
    line = drawn or [(stop.lat, stop.lon) for stop in stops]
    length = line_length(drawn) if drawn else sum(leg.metres for leg in tour_legs)
    return TourPlan(record, stops, tour_legs, TourGeometry(tour, stops, line, drawn is not None), length)


def tour_plans(load: LoadResult) -> list[TourPlan]:
    """Every published tour, planned against the published sites, by id."""
    sites = {site.id: site for site in load.published}
    records = [r for r in load.others.get("tour", []) if r.site.is_published]
    return [plan_tour(record, sites) for record in sorted(records, key=lambda r: r.site.id)]


def export_tours(config: ProjectConfig, load: LoadResult, folder: Path) -> list[Path]:
    """``diachido export``: every published tour's GPX, GeoJSON and KML into ``folder``."""
    return [path for plan in tour_plans(load) for path in write_tour_exports(config, plan.geometry, folder, flat=True)]
