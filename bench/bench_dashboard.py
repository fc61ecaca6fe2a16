"""Organisers' bench: the progress page, work lists and hand-over bundle for N synthetic sites.

    .venv/bin/python bench/bench_dashboard.py                # N = 50, 1,000, 5,000
    .venv/bin/python bench/bench_dashboard.py --sizes 1000

For each N it makes N valid site records in memory (no photos), then times:

- the organisers' content (completeness of every site, the progress page with its SVG
  charts, the work lists), against a floor that only counts the nine items per site;
- the all-sites hand-over bundle (CSV, GeoJSON, JSON-LD, datapackage.json) zipped
  deterministically; everything the build writes (plus one zip per site); the Wikidata
  QuickStatements file.

Sizes are gzip (level 9) of what a browser downloads: the progress page's Markdown
source (the HTML adds the theme's fixed ~20 KB), each SVG chart, the zip.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.config import load_config  # noqa: E402
from generator.dashboard.completeness import ITEMS, SiteFacts, completeness  # noqa: E402
from generator.dashboard.progress import progress, progress_charts, render_progress_page  # noqa: E402
from generator.dashboard.worklists import render_worklists  # noqa: E402
from generator.export.handover import bundle_files, write_bundles, write_zip  # noqa: E402
from generator.export.wikidata import to_quickstatements  # noqa: E402
from generator.records.schema import Site  # noqa: E402

COMMUNES = ["Hàm Rồng", "Đông Sơn", "Thiệu Dương", "Xuân Lập", "Lam Sơn", "Triệu Lộc", "Vạn Lộc", "Tây Đô"]
QUALITIES = ["site-survey", "site-official", "site-secondary", "commune-centroid"]
RANKS = ["special-national", "national", "provincial", "not-ranked", "unknown"]


def synthetic_sites(count: int, seed: int = 7) -> list[Site]:
    rng = random.Random(seed)
    sites = []
    for index in range(1, count + 1):
        commune = rng.choice(COMMUNES)
        sites.append(Site.model_validate({
            "id": f"TH-{index:04d}", "slug": f"di-tich-{index}", "status": "published",
            "name": {"vi": f"Đền thờ số {index} xã {commune}", "en": f"Temple {index}" if index % 3 else None},
            "category": [rng.choice(["historical", "revolutionary", "scenic"])],
            "rank": {"level": rng.choice(RANKS)},
            "location": {"lat": 19.5 + rng.random(), "lon": 105.2 + rng.random(), "quality": rng.choice(QUALITIES)},
            "address": {"province": "Thanh Hóa", "commune": f"Xã {commune}",
                        "former": {"district": f"Huyện {rng.choice(COMMUNES)}", "commune": f"Xã {commune}"}},
            "summary": {"vi": "Nơi thờ một vị tướng có công dẹp giặc."},
            "history": {"vi": "Đền được dựng lại năm 1990."} if index % 2 else None,
            "sources": [{"url": f"https://example.org/nguon/{index}"}],
        }))
    return sites


def _timed(function, repeat: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def _gz(data: str | bytes) -> int:
    return len(gzip.compress(data.encode() if isinstance(data, str) else data, 9))


def bench(count: int) -> None:
    config = load_config(ROOT)
    sites = synthetic_sites(count)
    links = {key: "#" for key in ("progress", "worklists", "guide", "bundle", "quickstatements")}

    def floor() -> list[int]:
        return [sum(item.done(site, SiteFacts()) for site in sites) for item in ITEMS]

    def pages() -> tuple[str, str, dict[str, str]]:
        rows = [completeness(site, SiteFacts()) for site in sites]
        data = progress(rows)
        return (render_progress_page(config, rows, data, links, True), render_worklists(rows, {}, None, links, True),
                progress_charts(config, data))

    floor_s, _ = _timed(floor)
    pages_s, (progress_md, worklists, charts) = _timed(pages)
    with tempfile.TemporaryDirectory() as folder:
        def handover() -> int:
            write_zip(Path(folder) / "tat-ca.zip", bundle_files(config, sites, {}))
            return (Path(folder) / "tat-ca.zip").stat().st_size

        bundle_s, zip_bytes = _timed(handover)
        # What the build does: the all-sites zip, one zip per site and the QuickStatements file.
        every_s, _ = _timed(lambda: write_bundles(config, sites, Path(folder) / "site"), repeat=1)
    qs_s, qs = _timed(lambda: to_quickstatements(config, sites))
    svg_sizes = sorted(_gz(svg) for svg in charts.values())
    print(f"N={count:>5}  pages {pages_s * 1000:7.1f} ms (floor {floor_s * 1000:6.1f} ms, x{pages_s / floor_s:5.1f})"
          f"  progress.md {_gz(progress_md) / 1024:6.1f} KB gz  work lists {_gz(worklists) / 1024:6.1f} KB gz"
          f"  SVG {svg_sizes[0] / 1024:.1f}-{svg_sizes[-1] / 1024:.1f} KB gz")
    print(f"{'':8} bundle {bundle_s * 1000:7.1f} ms, zip {zip_bytes / 1024:7.1f} KB; with per-site zips {every_s:5.2f} s"
          f"  QuickStatements {qs_s * 1000:6.1f} ms, {len(qs.splitlines())} lines")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 1000, 5000])
    for count in parser.parse_args().sizes:
        bench(count)


if __name__ == "__main__":
    main()
