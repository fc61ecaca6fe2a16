"""A tour's geometry: its stops resolved to points, legs, distances, times, and the
computed visiting order (nearest neighbour, then 2-opt) used to plan a tour.

Distances are great-circle (haversine) between stops, the same function the site
checks use; a drawn route file gives the real path's length instead. Times assume the
mode's average speed (``records.tours.SPEEDS_KMH``) and leave out time spent at stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..records.schema import Site
from ..records.tours import SPEEDS_KMH, Tour
from ..records.validate import distance_metres

Point = tuple[float, float]  # (lat, lon)


@dataclass(frozen=True)
class TourStop:
    """One stop as the page shows it; ``site`` is None for a free waypoint."""

    number: int  # 1-based, the visitor's order
    site: Site | None
    name_vi: str
    name_en: str | None
    lat: float
    lon: float
    approximate: bool  # a commune-centre point, not the monument
    radius: int  # arrival zone, metres


@dataclass(frozen=True)
class Leg:
    """From stop ``start`` to the next; ``approximate`` when either end is a commune centre."""

    start: TourStop
    end: TourStop
    metres: float
    minutes: float
    approximate: bool


def resolve_stops(tour: Tour, sites: dict[str, Site]) -> list[TourStop]:
    """The tour's stops with their points (the loader has checked every site has one)."""
    stops = []
    for number, stop in enumerate(tour.stops, start=1):
        site = sites[stop.site] if stop.site else None
        if site is not None:
            location = site.location
            assert location is not None
            stops.append(TourStop(number, site, site.name.vi, site.name.en, location.lat, location.lon,
                                  location.quality.is_approximate, tour.radius(stop)))
        else:
            assert stop.name is not None and stop.point is not None
            stops.append(TourStop(number, None, stop.name.vi, stop.name.en, stop.point.lat, stop.point.lon,
                                  False, tour.radius(stop)))
    return stops


def minutes_for(metres: float, tour: Tour) -> float:
    """Travel time at the mode's assumed speed, in minutes."""
    return metres / 1000 / SPEEDS_KMH[tour.mode] * 60


def legs(tour: Tour, stops: Sequence[TourStop]) -> list[Leg]:
    """Straight legs between consecutive stops (haversine metres)."""
    out = []
    for start, end in zip(stops, stops[1:]):
        metres = distance_metres(start.lat, start.lon, end.lat, end.lon)
        out.append(Leg(start, end, metres, minutes_for(metres, tour), start.approximate or end.approximate))
    return out


def line_length(points: Sequence[Point]) -> float:
    """Length of a polyline of (lat, lon) points, in metres."""
    return sum(distance_metres(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:]))


# --- planning the order ------------------------------------------------------------------


def _length(order: Sequence[int], matrix: list[list[float]], closed: bool) -> float:
    total = sum(matrix[a][b] for a, b in zip(order, order[1:]))
    return total + (matrix[order[-1]][order[0]] if closed and len(order) > 1 else 0.0)


def nearest_neighbour(matrix: list[list[float]], start: int = 0) -> list[int]:
    """Visit the closest unvisited point each time, from ``start``."""
    order, left = [start], set(range(len(matrix))) - {start}
    while left:
        here = order[-1]
        nearest = min(left, key=lambda other: (matrix[here][other], other))
        order.append(nearest)
        left.remove(nearest)
    return order


def two_opt(order: list[int], matrix: list[list[float]], closed: bool = True) -> list[int]:
    """Reverse segments while that shortens the tour (first improvement), keeping the start.

    ``closed``: the tour returns to its start (a loop); otherwise it ends at the last stop.
    """
    best = list(order)
    n = len(best)
    improved = True
    while improved:
        improved = False
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                # Reversing best[i..j] swaps the edges (a, b), (c, d) for (a, c), (b, d); only
                # their lengths change. The last stop of an open tour has no edge after it.
                a, b, c = best[i - 1], best[i], best[j]
                d = best[(j + 1) % n] if closed or j + 1 < n else None
                after = matrix[c][d] if d is not None else 0.0
                before = matrix[b][d] if d is not None else 0.0
                if matrix[a][c] + before < matrix[a][b] + after - 1e-6:
                    best[i:j + 1] = best[i:j + 1][::-1]
                    improved = True
    return best


def plan_order(points: Sequence[Point], start: int = 0, closed: bool = True) -> tuple[list[int], float]:
    """A short visiting order of ``points`` from ``start``: nearest neighbour, improved by
    2-opt. Returns the order (indices into ``points``) and its length in metres (back to
    the start when ``closed``). O(n²) per 2-opt pass (each move is priced by the two edges
    it changes)."""
    matrix = [[distance_metres(a[0], a[1], b[0], b[1]) for b in points] for a in points]
    order = two_opt(nearest_neighbour(matrix, start), matrix, closed)
    return order, _length(order, matrix, closed)
