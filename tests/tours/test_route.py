"""Leg distances and times against known values; the nearest-neighbour + 2-opt ordering."""

from __future__ import annotations

import itertools
import math

import pytest

from generator.config import load_config
from generator.records.kinds import load_project
from generator.records.tours import Mode, Stop, Tour
from generator.tours.route import legs, minutes_for, nearest_neighbour, plan_order, two_opt, _length
from generator.tours.route import TourStop
from tests.conftest import REPO_ROOT

# One degree of latitude on the sphere of mean radius 6,371,008.8 m (IUGG): R·π/180.
DEGREE_M = 6_371_008.8 * math.pi / 180


def _tour(mode: Mode) -> Tour:
    waypoint = {"name": {"vi": "Điểm"}, "point": {"lat": 20.0, "lon": 105.5}}
    return Tour.model_validate({"id": "TH-T0001", "name": {"vi": "Thử"}, "description": {"vi": "Thử"},
                                "mode": mode.value, "stops": [waypoint, waypoint]})


def _stop(number: int, lat: float, lon: float, approximate: bool = False) -> TourStop:
    return TourStop(number, None, f"Điểm {number}", None, lat, lon, approximate, 80)


def test_leg_distances_and_times_match_known_values() -> None:
    stops = [_stop(1, 20.0, 105.5), _stop(2, 20.01, 105.5), _stop(3, 20.01, 105.5, approximate=True)]
    foot = legs(_tour(Mode.FOOT), stops)
    assert foot[0].metres == pytest.approx(DEGREE_M / 100, abs=0.01)  # 1,111.95 m due north
    assert foot[0].minutes == pytest.approx(DEGREE_M / 100 / 4000 * 60)  # at 4 km/h: 16.7 min
    assert not foot[0].approximate and foot[1].approximate and foot[1].metres == 0
    # Along the equator a degree of longitude is the same arc; at 20° N it shrinks by cos(20°) (small-arc limit).
    east = legs(_tour(Mode.BICYCLE), [_stop(1, 0, 105), _stop(2, 0, 106)])[0]
    assert east.metres == pytest.approx(DEGREE_M, abs=0.01)
    assert east.minutes == pytest.approx(DEGREE_M / 12000 * 60)
    short = legs(_tour(Mode.FOOT), [_stop(1, 20, 105.5), _stop(2, 20, 105.501)])[0]
    assert short.metres == pytest.approx(DEGREE_M / 1000 * math.cos(math.radians(20)), rel=1e-6)
    assert minutes_for(40_000, _tour(Mode.MOTORBIKE_CAR)) == pytest.approx(60)


def test_two_opt_uncrosses_a_crossed_square() -> None:
    # Corners of a unit square visited 0, 2, 1, 3: the two diagonals cross.
    square = [(0.0, 0.0), (0.0, 0.01), (0.01, 0.01), (0.01, 0.0)]
    from generator.records.validate import distance_metres

    matrix = [[distance_metres(*a, *b) for b in square] for a in square]
    crossed = [0, 2, 1, 3]
    fixed = two_opt(crossed, matrix, closed=True)
    assert fixed[0] == 0 and _length(fixed, matrix, True) < _length(crossed, matrix, True)
    assert sorted(fixed) == [0, 1, 2, 3] and fixed in ([0, 1, 2, 3], [0, 3, 2, 1])


def test_nearest_neighbour_takes_the_closest_point_each_time() -> None:
    matrix = [[0, 5, 1, 9], [5, 0, 2, 3], [1, 2, 0, 7], [9, 3, 7, 0]]
    assert nearest_neighbour(matrix) == [0, 2, 1, 3]


def _special_national() -> list:
    result = load_project(load_config(REPO_ROOT))
    return sorted((s for s in result.published if s.rank.level.value == "special-national" and s.location), key=lambda s: s.id)


def test_the_ordering_of_the_nine_special_national_sites_is_optimal_and_is_the_shipped_tour() -> None:
    sites = _special_national()
    points = [(s.location.lat, s.location.lon) for s in sites]
    order, length = plan_order(points, start=0, closed=False)
    # Exhaustive check over the 8! orders from Thành nhà Hồ: NN + 2-opt found the shortest path here.
    from generator.records.validate import distance_metres

    matrix = [[distance_metres(*a, *b) for b in points] for a in points]
    best = min(_length((0, *rest), matrix, False) for rest in itertools.permutations(range(1, len(points))))
    assert length == pytest.approx(best)
    assert round(length / 1000, 1) == 135.4
    shipped = load_project(load_config(REPO_ROOT)).published_of("tour")[0]
    assert [stop.site for stop in shipped.stops] == [sites[i].id for i in order]
    assert isinstance(shipped.stops[0], Stop)


@pytest.mark.parametrize("closed", [False, True])
def test_two_opt_ends_at_a_local_optimum_no_longer_than_nearest_neighbour(closed: bool) -> None:
    import random

    from generator.records.validate import distance_metres

    rng = random.Random(7)
    points = [(rng.uniform(19.5, 20.5), rng.uniform(105.0, 106.0)) for _ in range(25)]
    matrix = [[distance_metres(*a, *b) for b in points] for a in points]
    greedy = nearest_neighbour(matrix, start=3)
    order = two_opt(greedy, matrix, closed)
    assert order[0] == 3 and sorted(order) == list(range(25))
    assert _length(order, matrix, closed) <= _length(greedy, matrix, closed)
    # No reversal of any segment (the start fixed) shortens it further: priced in full here.
    best = _length(order, matrix, closed)
    for i in range(1, 24):
        for j in range(i + 1, 25):
            candidate = order[:i] + order[i:j + 1][::-1] + order[j + 1:]
            assert _length(candidate, matrix, closed) >= best - 1e-6
