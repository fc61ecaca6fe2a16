"""Map bench: build the map for N synthetic sites, weigh it, and time it in Chromium.

    .venv/bin/python bench/bench_map.py                      # N = 100, 1,000, 5,000, 20,000
    .venv/bin/python bench/bench_map.py --sizes 5000 --repeat 5
    .venv/bin/python bench/bench_map.py --no-browser         # build and sizes only

For each N: N plausible Thanh Hóa sites (points scattered around the 42 real samples,
inside the province box; 70 % commune centres; Vietnamese names and summaries made of
words from the real summaries in random order, which compress worse than real prose),
then

- build: ``map.document.map_files`` (both languages, with the project's real tours and
  villages as layers: ``records.listing``) plus writing the files, and the exports;
- size: what the Vietnamese map page loads before it is usable (its HTML, Leaflet,
  markercluster, our script and style, the points file), raw and gzip -6, and all
  map output on disk; popup details come later, a chunk of 200 sites at a time;
- load: headless Debian Chromium at 360 px opens ``generated/map/vi.html`` from a
  local server (tiles answered with a blank image) and reports
  ``dcdMap.readyAt``: ms from navigation start until every marker is clustered;
  then the time until the tour and village layers are drawn (fetched only after the
  markers), to apply a filter (one category off) and to open a site's popup.

The issue's budget at 5,000 sites: < 1 MB gzip and interactive < 3 s. Generation must
not scale worse than linearly: the per-site build time ratio between sizes is printed.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import posixpath
import re
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.export import formats as export  # noqa: E402
from generator.map import document as map_document  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.urls import asset_path  # noqa: E402
from generator.records.kinds import load_project  # noqa: E402
from generator.records.listing import kind_listings  # noqa: E402
from generator.records.validate import load_sites  # noqa: E402
from generator.records.schema import Site  # noqa: E402
from tests.browser_support import phone_page, serve_directory  # noqa: E402

BUDGET_SITES, BUDGET_GZIP, BUDGET_MS = 5000, 1_000_000, 3000
BLANK_TILE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgYGBgAAAABQABeqhXUAAAAABJRU5ErkJggg==")  # a transparent 1x1 PNG
KINDS = ["Đền thờ", "Chùa", "Đình", "Miếu", "Nhà thờ họ", "Phủ", "Lăng mộ", "Bia", "Di chỉ", "Khu di tích", "Hang",
         "Núi", "Cầu", "Bến", "Địa điểm lưu niệm", "Trận địa pháo", "Cơ sở cách mạng", "Giếng cổ", "Văn chỉ", "Nghè"]
QUALITIES = ["commune-centroid"] * 7 + ["site-survey", "site-official", "site-secondary"]
RANKS = ["special-national", "national", "provincial", "provincial", "not-ranked", "unknown"]
CATEGORIES = ["historical", "revolutionary", "architectural-artistic", "archaeological", "scenic"]


def synthetic_sites(count: int, seed: int = 7) -> list[Site]:
    config = load_config(ROOT)
    samples = [s for s in load_sites(config).published if s.location is not None]
    words = sorted({w for s in samples for w in s.summary.vi.split()})
    name_words = sorted({w for s in samples for w in s.name.vi.split()})
    bounds = config.bounds
    rng = random.Random(seed)
    sites = []
    for number in range(1, count + 1):
        seed_site = rng.choice(samples).location
        lat = min(max(rng.gauss(seed_site.lat, 0.12), bounds.south + 0.01), bounds.north - 0.01)
        lon = min(max(rng.gauss(seed_site.lon, 0.12), bounds.west + 0.01), bounds.east - 0.01)
        name = f"{rng.choice(KINDS)} {' '.join(rng.sample(name_words, rng.randint(2, 5)))} {number}"
        summary = " ".join(rng.choice(words) for _ in range(rng.randint(30, 60))).capitalize() + "."
        sites.append(Site.model_validate({
            "id": f"TH-{number:05d}",
            "slug": f"di-tich-{number}",
            "status": "published",
            "name": {"vi": name, **({"en": f"Site {number}"} if number % 3 == 0 else {})},
            "category": rng.sample(CATEGORIES, rng.randint(1, 2)),
            "rank": {"level": rng.choice(RANKS)},
            "location": {"lat": round(lat, 6), "lon": round(lon, 6), "quality": rng.choice(QUALITIES)},
            "address": {"province": "Thanh Hóa", "commune": f"Xã {rng.choice(name_words)}"},
            "summary": {"vi": summary[:400]},
        }))
    return sites


def build_map(sites: list[Site], out: Path) -> tuple[float, float, dict[str, bytes]]:
    config = load_config(ROOT)
    if out.exists():
        shutil.rmtree(out)
    listings = kind_listings(load_project(config))  # the shipped tour (its real sites' points)
    started = time.perf_counter()
    files = map_document.map_files(config, sites, listings=listings)
    for path, content in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    map_seconds = time.perf_counter() - started
    favicon = out / asset_path("favicon.svg")  # the map document's icon is the site's, written by the site stage
    favicon.parent.mkdir(parents=True, exist_ok=True)
    favicon.write_bytes((ROOT / "generator" / "site" / "static" / "favicon.svg").read_bytes())
    started = time.perf_counter()
    export.write_exports(config, sites, out / export.EXPORT_DIR)
    return map_seconds, time.perf_counter() - started, files


def first_load(files: dict[str, bytes], lang: str = "vi") -> list[str]:
    """The files the map document loads before it is usable, by site-root path."""
    document = map_document.map_document_path(lang)
    folder = document.rsplit("/", 1)[0]
    references = re.findall(r'(?:src|href)="([^"]+)"', files[document].decode("utf-8"))
    paths = (posixpath.normpath(f"{folder}/{ref}") for ref in references)
    return [document] + [path for path in paths if path in files]  # not the site's favicon


def weigh(files: dict[str, bytes], names: list[str]) -> tuple[int, int]:
    raw = sum(len(files[n]) for n in names)
    packed = sum(len(gzip.compress(files[n], compresslevel=6, mtime=0)) for n in names)
    return raw, packed


def load_times(out: Path, sample_id: str) -> dict[str, float]:
    with serve_directory(out) as base, phone_page() as (page, log):
        page.route("https://tile.openstreetmap.org/**",
                   lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE))
        page.goto(base + map_document.map_document_path("vi"))
        page.wait_for_function("window.dcdMap && window.dcdMap.ready", timeout=120_000)
        ready = page.evaluate("dcdMap.readyAt")
        page.wait_for_function("document.documentElement.dataset.dcdKinds === 'true'", timeout=120_000)
        kinds = page.evaluate("performance.now()")  # polled: an upper bound
        filtering = page.evaluate("""() => {
            document.querySelector('input[name=category][value="0"]').checked = false;
            const t = performance.now();
            return dcdMap.instance.applyFilters().then(() => performance.now() - t);
        }""")
        page.evaluate("dcdMap.instance.resetFilters()")
        popup = page.evaluate(f"""() => {{
            const t = performance.now();
            return dcdMap.showSite({sample_id!r}).then(() => new Promise(resolve => {{
                const poll = () => document.querySelector('.dcd-popup-summary') &&
                    document.querySelector('.dcd-popup-summary').textContent.length > 20
                    ? resolve(performance.now() - t) : setTimeout(poll, 5);
                poll();
            }}));
        }}""")
        errors = [e for e in log.console_errors]
        if log.external_requests or errors:
            raise SystemExit(f"unexpected requests or errors: {log.external_requests[:3]} {errors[:3]}")
        return {"ready": ready, "kinds": kinds, "filter": filtering, "popup": popup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3, help="browser loads per size (median reported)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the output under bench/out/map-N/")
    args = parser.parse_args()

    work = ROOT / "bench" / "out" if args.keep else Path(tempfile.mkdtemp(prefix="bench-map-"))
    rows = []
    print(f"{'N':>6} {'build s':>8} {'µs/site':>8} {'export s':>8} {'page raw':>10} {'page gz':>9} "
          f"{'points gz':>9} {'all output':>10} {'ready ms':>9} {'layers ms':>9} {'filter ms':>9} {'popup ms':>9}")
    for count in args.sizes:
        sites = synthetic_sites(count)
        out = work / f"map-{count}"
        map_seconds, export_seconds, files = build_map(sites, out)
        names = [name for name in first_load(files) if name in files]  # the site's favicon is not the map's
        raw, packed = weigh(files, names)
        points = [n for n in names if "/data/points." in n]
        _, points_packed = weigh(files, points)
        total = sum(len(c) for c in files.values())
        timings: dict[str, float] = {}
        if not args.no_browser:
            runs = [load_times(out, sites[count // 2].id) for _ in range(args.repeat)]
            timings = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        rows.append((count, map_seconds, packed, timings))
        print(f"{count:>6} {map_seconds:>8.3f} {map_seconds / count * 1e6:>8.1f} {export_seconds:>8.3f} "
              f"{raw / 1e3:>8.0f}KB {packed / 1e3:>7.0f}KB {points_packed / 1e3:>7.0f}KB {total / 1e6:>8.2f}MB "
              f"{timings.get('ready', float('nan')):>9.0f} {timings.get('kinds', float('nan')):>9.0f} "
              f"{timings.get('filter', float('nan')):>9.0f} "
              f"{timings.get('popup', float('nan')):>9.0f}", flush=True)

    print("\nPer-site build time, ratio to the previous size (1.0 = linear; Folium's fixed cost makes small N dearer):")
    for (n1, t1, _, _), (n2, t2, _, _) in zip(rows, rows[1:]):
        print(f"  {n1:>6} -> {n2:>6}: {(t2 / n2) / (t1 / n1):.2f}")
    for count, _, packed, timings in rows:
        if count == BUDGET_SITES:
            verdict = packed < BUDGET_GZIP and (not timings or timings["ready"] < BUDGET_MS)
            print(f"\nBudget at {count} sites: {packed / 1e3:.0f} KB gzip (< {BUDGET_GZIP / 1e3:.0f} KB), "
                  f"ready in {timings.get('ready', float('nan')):.0f} ms (< {BUDGET_MS} ms): {'PASS' if verdict else 'FAIL'}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
