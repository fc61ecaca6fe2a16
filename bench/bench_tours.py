"""Tours bench: planning a visiting order, and the weight of the built tour page.

    .venv/bin/python bench/bench_tours.py                 # after `diachido build`
    .venv/bin/python bench/bench_tours.py --sizes 10 40 80

Planning: nearest neighbour + 2-opt (``tours.route.plan_order``) over N random points
in the province box, against the floor of nearest neighbour alone; the ratio of lengths
shows what 2-opt buys, the ratio of times what it costs. Page weight: the gzip size of
the shipped tour's page and of what it loads before any tap (Leaflet, our JS and CSS),
against a site page, from the built ``site/``.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.records.validate import distance_metres  # noqa: E402
from generator.tours.route import _length, nearest_neighbour, plan_order  # noqa: E402


def _plan(n: int, seed: int) -> tuple[float, float, float, float]:
    rng = random.Random(seed)
    points = [(rng.uniform(19.3, 20.6), rng.uniform(104.4, 106.1)) for _ in range(n)]
    started = time.perf_counter()
    matrix = [[distance_metres(*a, *b) for b in points] for a in points]
    greedy = nearest_neighbour(matrix)
    floor_s = time.perf_counter() - started
    started = time.perf_counter()
    _, length = plan_order(points, closed=False)
    return floor_s, time.perf_counter() - started, _length(greedy, matrix, False), length


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 40, 80])
    args = parser.parse_args()
    print("stops  NN (s)   NN+2-opt (s)  time ratio  NN km  2-opt km  length ratio")
    for n in args.sizes:
        floor_s, full_s, greedy, best = _plan(n, n)
        print(f"{n:5d}  {floor_s:7.4f}  {full_s:12.4f}  {full_s / floor_s:10.1f}  {greedy / 1000:5.0f}  {best / 1000:8.0f}  {best / greedy:12.3f}")
    site = ROOT / "site"
    page = site / "tuyen-tham-quan" / "di-tich-quoc-gia-dac-biet" / "index.html"
    if not page.is_file():
        print("(no built site: run `diachido build` for the page weight)")
        return
    leaflet = site / "generated/map/vendor/leaflet-1.9.4"
    tour_static = site / "generated/tours/static"
    loaded = [page, leaflet / "leaflet.js", leaflet / "leaflet.css", tour_static / "tour.js", tour_static / "tour.css"]
    total = sum(_gz(path) for path in loaded)
    site_page = site / "di-tich" / "thanh-nha-ho" / "index.html"
    print(f"tour page HTML {_gz(page) / 1024:.1f} KB gzip; with Leaflet and tour JS/CSS {total / 1024:.1f} KB gzip "
          f"(theme assets shared with every page not counted); site page HTML {_gz(site_page) / 1024:.1f} KB gzip "
          f"(ratio {_gz(page) / _gz(site_page):.2f})")


if __name__ == "__main__":
    main()
