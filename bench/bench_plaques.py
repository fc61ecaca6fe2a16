"""Plaque bench: speed for 1,000 sites, and where each QR error-correction level gives up.

    .venv/bin/python bench/bench_plaques.py            # both parts
    .venv/bin/python bench/bench_plaques.py --speed    # only the 1,000-site run
    .venv/bin/python bench/bench_plaques.py --robustness

Speed: PNG + PDF at A6 for 1,000 synthetic sites (the goal is under 60 s on the
project's 2-core machine), then the print sheet for all of them, with peak memory.

Robustness: an A6 plaque photographed as in ``generator.plaques.camera`` (a 12-MP
phone, slight rotation and perspective, blur, noise, uneven light), pushing one
degradation at a time until zxing-cpp stops reading the URL in at least two of three
seeded photos. The table gives the last value that still read.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.config import load_config  # noqa: E402
from generator.plaques.command import decode_qr, write_plaques, write_sheet  # noqa: E402
from generator.plaques.camera import Shot, camera_pixels_per_mm, photograph  # noqa: E402
from generator.plaques.content import plaque_content  # noqa: E402
from generator.plaques.layout import layout_plaque  # noqa: E402
from generator.plaques.sizes import SIZES
from generator.plaques.raster import rasterise  # noqa: E402
from generator.records.schema import Site  # noqa: E402

OUT = ROOT / "bench" / "out" / "plaques"
SYLLABLES = (
    "Đền Chùa Đình Miếu Phủ Lăng Bia Thành Núi Động Hang Cầu Bến Làng Nhà thờ Khu di tích "
    "Bà Triệu Lê Lợi Hàm Rồng Lam Kinh Sầm Sơn Bạch Y Trịnh Nguyễn Hồ Quý Ly Đông Sơn "
    "Thiệu Dương Gia Miêu Thọ Xuân Nga Sơn Hậu Lộc Quảng Xương Tĩnh Gia Mường Lát Ngọc Lặc "
    "cổ thượng hạ đông tây nam bắc xưa mới lịch sử văn hóa cách mạng kiến trúc nghệ thuật"
).split()
LEVELS = ("L", "M", "Q", "H")
SEEDS = (1, 2, 3)


def synthetic_sites(count: int) -> list[Site]:
    rng = random.Random(42)
    sites = []
    for number in range(1, count + 1):
        name = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 12)))
        sites.append(Site.model_validate({
            "id": f"TH-{number:04d}",
            "status": "published",
            "name": {"vi": name, "en": "Synthetic site" if number % 3 else None},
            "category": ["historical"],
            "rank": {"level": ("special-national", "national", "provincial", "not-ranked")[number % 4]},
            "address": {"province": "Thanh Hóa"},
            "summary": {"vi": "Di tích mẫu cho phép đo."},
        }))
    return sites


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: a figure other load does not inflate."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def speed(count: int = 1000) -> None:
    config = load_config(ROOT)
    sites = synthetic_sites(count)
    shutil.rmtree(OUT, ignore_errors=True)
    started, cpu_before = time.perf_counter(), _cpu_seconds()
    paths = write_plaques(config, sites, OUT, sizes=("a6",), formats=("png", "pdf"))
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_before
    size_mb = sum(path.stat().st_size for path in paths) / 1e6
    print(f"{count} sites, A6 PNG + PDF: {len(paths)} files, {size_mb:.0f} MB, {elapsed:.1f} s wall "
          f"(goal < 60 s), {cpu:.1f} s CPU over {os.cpu_count()} cores ({cpu / count * 1000:.0f} ms CPU per site)")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    sheet = write_sheet(config, sites, OUT / "sheet-a6.pdf", size="a6")
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"print sheet of {count} A6 plaques: {sheet.stat().st_size / 1e6:.1f} MB, {elapsed:.1f} s, "
          f"peak memory of this process {peak / 1024:.0f} MB (was {before / 1024:.0f} MB before the sheet)")


def _reads(plaque, layout, url: str, shot: Shot) -> bool:
    size = SIZES["a6"]
    hits = sum(decode_qr(photograph(plaque, size, layout.dpi, shot, seed, qr=layout.qr)) == [url] for seed in SEEDS)
    return hits >= 2


def _limit(reads: Callable[[float], bool], values: list[float]) -> float | None:
    """The last value in increasing ``values`` that still reads (None: not even the first)."""
    last = None
    for value in values:
        if not reads(value):
            break
        last = value
    return last


def robustness() -> None:
    config = load_config(ROOT)
    (site,) = synthetic_sites(1)
    content = plaque_content(config, site)
    size = SIZES["a6"]
    print(f"A6 plaque, URL {content.url} ({len(content.url)} bytes), read from {size.scan_distance / 1000:.1f} m "
          f"by a 12-MP phone ({camera_pixels_per_mm(size.scan_distance):.1f} px/mm); each column pushes one "
          "degradation on top of the default shot (rotation 7°, keystone 12 %, blur 1.2 px, noise ±14, shade 55 %)")
    print(f"{'level':5} {'modules':>7} {'module mm':>9} {'px/module':>9} {'max distance':>13} {'max blur px':>11} {'max blot':>8}")
    for level in LEVELS:
        layout = layout_plaque(content, size, level=level)
        plaque = rasterise(layout)
        base = Shot()
        distance = _limit(lambda d: _reads(plaque, layout, content.url, replace(base, distance=d)), [1 + 0.25 * i for i in range(20)])
        blur = _limit(lambda b: _reads(plaque, layout, content.url, replace(base, blur=b)), [1.2 + 0.4 * i for i in range(20)])
        blot = _limit(lambda b: _reads(plaque, layout, content.url, replace(base, blot=b)), [0.02 * i for i in range(1, 30)])
        px_per_module = layout.qr.module * camera_pixels_per_mm(size.scan_distance)
        print(f"{level:5} {len(layout.qr.modules):>7} {layout.qr.module:>9.2f} {px_per_module:>9.1f} "
              f"{_fmt(distance, '× = {:.1f} m', size.scan_distance / 1000):>13} {_fmt(blur, '', 1):>11} "
              f"{_fmt(blot, ' %', 100):>8}")


def _fmt(value: float | None, unit: str, factor: float) -> str:
    if value is None:
        return "fails"
    if unit.startswith("×"):
        return f"{value:.2f}" + unit.format(value * factor)
    return f"{value * factor:.0f}{unit}" if unit else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--robustness", action="store_true")
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    both = not (args.speed or args.robustness)
    if args.speed or both:
        speed(args.count)
    if args.robustness or both:
        robustness()


if __name__ == "__main__":
    main()
