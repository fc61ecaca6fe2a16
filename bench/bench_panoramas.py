"""360° panoramas: build time, bytes before the first view, and the first view on weak 3G.

1. The panorama pipeline on a 12,000×6,000 equirectangular JPEG (the size of a
   360° camera's photo): cold (decode, six cube faces, tiles at every level,
   previews) and cached (the content cache hit), with peak memory measured in a
   child process. ``--huge`` adds a 192-megapixel JPEG (19,600×9,800), decoded at
   half scale within the pixel budget.
2. The choice of delivery: Pannellum multires tiles against a single
   equirectangular picture for the same panorama (bytes for a coarse first view and
   for a view as sharp as a phone shows unzoomed).
3. A built site with that panorama, opened in headless Chromium at 360 px with the
   network throttled to weak 3G (400 kbit/s down, 400 ms round trip): bytes the site
   page loads, bytes from the tap to the first view, and the time from the tap until
   the viewer has drawn its first tiles, and until the view is sharp.

The test picture is photo-like (fractal noise over the labelled grid), so JPEG sizes
are in the range of real panoramas; it is no photo of a real place.

Usage: .venv/bin/python bench/bench_panoramas.py [--huge]
"""

from __future__ import annotations

import gzip
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.media.cache import cache_root  # noqa: E402
from generator.media.panoramas import CACHE_SUBDIR, TILE_QUALITY  # noqa: E402
from generator.site.panoramas import OFFLINE_LEVELS  # noqa: E402
from tests.panorama_fixtures import equirectangular  # noqa: E402

WEAK_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
FLOORS = {"cold_s": 60.0, "cached_s": 1.0, "tap_to_view_kb": 150.0, "first_view_s": 6.0}


def photo_like(width: int, seed: int = 7) -> Image.Image:
    """The labelled grid (``tests.panorama_fixtures``) under fractal noise and grain:
    detail at every scale, so JPEG sizes are those of a real 360° photo."""
    rng = np.random.default_rng(seed)
    height = width // 2
    quarter = (width // 4, height // 4)
    noise = np.zeros(quarter[::-1], dtype=np.float32)
    for octave in range(1, 11):
        cells = min(2 ** octave, quarter[1])
        small = Image.fromarray(rng.random((cells, cells * 2), dtype=np.float32) * 255, "F")
        noise += np.asarray(small.resize(quarter, Image.Resampling.BICUBIC)) / (1.45 ** octave)
    noise = np.asarray(Image.fromarray(noise - noise.mean(), "F").resize((width, height), Image.Resampling.BICUBIC))
    pixels = np.asarray(equirectangular(width, 40, 10), dtype=np.float32)
    for channel, gain in enumerate((1.3, 1.1, 0.9)):
        grain = rng.normal(0, 7, (height, width)).astype(np.float32)
        pixels[..., channel] += noise * gain + grain
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")


def _child_process(source: Path, cache: Path, out: Path) -> dict[str, float]:
    """Run the pipeline in a child process: its time and its own peak memory."""
    code = (
        "import json, resource, sys, time; from pathlib import Path;"
        "from generator.media.panoramas import PanoramaPipeline;"
        f"p = PanoramaPipeline(Path({str(cache)!r}), Path({str(out)!r}));"
        f"t = time.perf_counter(); r = p.process(Path({str(source)!r}), 40, 10); t = time.perf_counter() - t;"
        "u = resource.getrusage(resource.RUSAGE_SELF);"
        # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1];"
        "print(json.dumps({'s': t, 'cpu': u.ru_utime + u.ru_stime, 'rss_mb': int(hwm) / 1024,"
        " 'cube': r.tiles.cube_resolution, 'levels': r.tiles.max_level, 'bytes': list(r.tiles.bytes_per_level),"
        " 'decoded': [r.tiles.width, r.tiles.height], 'processed': p.stats.processed}))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def bench_pipeline(work: Path, huge: bool) -> tuple[Path, dict]:
    source = work / "pano-12000.jpg"
    started = time.perf_counter()
    photo_like(12_000).save(source, quality=88)
    print(f"test panorama 12000x6000: {source.stat().st_size / 2**20:.1f} MB JPEG (made in {time.perf_counter() - started:.0f} s)")
    cold = _child_process(source, work / "cache", work / "out")
    cached = _child_process(source, work / "cache", work / "out2")
    # CPU seconds against the floor: wall time on a shared machine measures the neighbours.
    print(f"pipeline cold:   {cold['s']:6.1f} s wall, {cold['cpu']:.0f} s CPU  peak {cold['rss_mb']:.0f} MB  cube {cold['cube']} px, "
          f"{cold['levels']} levels  (floor {FLOORS['cold_s']:.0f} s CPU: ratio {cold['cpu'] / FLOORS['cold_s']:.2f})")
    print(f"pipeline cached: {cached['s']:6.2f} s wall, {cached['cpu']:.1f} s CPU with Python's start  (floor {FLOORS['cached_s']:.0f} s: ratio {cached['s'] / FLOORS['cached_s']:.2f}; "
          f"processed again: {cached['processed']})")
    print("tile bytes per level (all six faces): " + ", ".join(
        f"L{n} {b / 1024:.0f} KB" for n, b in enumerate(cold["bytes"], start=1)))
    if huge:
        big = work / "pano-192mp.jpg"
        photo_like(19_600).save(big, quality=85)
        result = _child_process(big, work / "cache", work / "out3")
        print(f"192-MP JPEG ({big.stat().st_size / 2**20:.0f} MB): {result['s']:.1f} s ({result['cpu']:.0f} s CPU), peak {result['rss_mb']:.0f} MB, "
              f"decoded at {result['decoded'][0]}x{result['decoded'][1]} (half scale, within the pixel budget)")
        big.unlink()
    return source, cold


def bench_choice(source: Path, tiles: dict) -> None:
    """Multires tiles against one equirectangular picture, for the same panorama."""
    with Image.open(source) as image:
        sizes = {}
        for width in (2048, 4096, image.width):
            scaled = image.resize((width, width // 2), Image.Resampling.LANCZOS)
            path = source.with_name(f"equi-{width}.jpg")
            scaled.save(path, quality=TILE_QUALITY, optimize=True)
            sizes[width] = path.stat().st_size
    coarse, unzoomed = tiles["bytes"][0], sum(tiles["bytes"][:OFFLINE_LEVELS])
    print("delivery choice (bytes for the whole sphere; the viewer fetches only the tiles in view):")
    print(f"  multires level 1 (coarse first view):  {coarse / 1024:6.0f} KB   vs equirectangular 2048 px: {sizes[2048] / 1024:6.0f} KB")
    print(f"  multires levels 1-{OFFLINE_LEVELS} (phone, unzoomed): {unzoomed / 1024:6.0f} KB   "
          f"vs equirectangular 4096 px: {sizes[4096] / 1024:6.0f} KB")
    full = max(sizes)
    print(f"  full resolution: multires all levels {sum(tiles['bytes']) / 2**20:.1f} MB, fetched only where looked at; "
          f"one equirectangular {full} px {sizes[full] / 2**20:.1f} MB, all before the first view, and wider than "
          "the 4,096-px texture many phones allow")


def _project(work: Path, source: Path) -> Path:
    from tests.conftest import make_records_project
    from tests.panorama_fixtures import panorama_record

    project = make_records_project(work / "project")
    (project / "sites" / "pano").mkdir()
    shutil.copy2(source, project / "sites" / "pano" / "san.jpg")
    panorama_record(project, "  - {file: pano/san.jpg, caption: {vi: Sân đền}, credit: Bench, yaw: 40, pitch: 10}\n")
    return project


def _gzip_size(site: Path, url: str, base: str) -> int:
    path = site / url.removeprefix(base).split("?")[0]
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in (".html", ".js", ".css", ".json", "") else len(data)


@contextmanager
def _throttled_phone() -> Iterator[object]:
    """A phone-sized page on weak 3G. Unlike ``tests.browser_support.phone_page`` it
    intercepts no request: Chromium does not throttle intercepted requests."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, PHONE

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                      locale="vi-VN", service_workers="block")
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", WEAK_3G)
        try:
            yield page
        finally:
            browser.close()


def _when_quiet(page: object, quiet_s: float = 5.0) -> list[list]:
    """Resource entries once nothing new has arrived for ``quiet_s`` seconds (the
    viewer fetches tiles with no page-level event to wait for)."""
    script = "performance.getEntriesByType('resource').map(e => [e.name, e.startTime, e.responseEnd])"
    entries, still_since = page.evaluate(script), time.perf_counter()
    while time.perf_counter() - still_since < quiet_s:
        page.wait_for_timeout(500)
        now = page.evaluate(script)
        if len(now) != len(entries) or any(end == 0 for _, _, end in now):
            entries, still_since = now, time.perf_counter()
    return entries


def bench_first_view(work: Path, source: Path) -> None:
    from generator.build import build
    from generator.config import load_config
    from tests.browser_support import serve_directory

    project = _project(work, source)
    shutil.copytree(work / "cache", cache_root(project) / CACHE_SUBDIR)  # the pipeline above filled it
    started = time.perf_counter()
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output)
    print(f"site build, panorama from the cache: {time.perf_counter() - started:.1f} s")
    site = project / "site"
    with serve_directory(site) as base, _throttled_phone() as page:
        opened = time.perf_counter()
        page.goto(base + "di-tich/den-thu-nghiem/", wait_until="load")
        page_s = time.perf_counter() - opened
        page.locator(".dcd-pano img").scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        before = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        page_bytes = sum(_gzip_size(site, url, base) for url in [page.url] + before)
        preview = sum(_gzip_size(site, url, base) for url in before if "/preview-" in url)
        print(f"site page on weak 3G: {page_bytes / 1024:.0f} KB gzip in all ({page_s:.1f} s to load), of which the "
              f"360° preview {preview / 1024:.0f} KB; viewer loaded before the tap: {any('pannellum' in u for u in before)}")
        page.evaluate("performance.setResourceTimingBufferSize(5000)")
        tap = page.evaluate("performance.now()")
        page.locator("[data-dcd-pano]").first.click()
        page.wait_for_function("window.dcdPanoramaViewer && window.dcdPanoramaViewer.isLoaded()", timeout=180_000)
        entries = _when_quiet(page)
        after = [(name, start, end) for name, start, end in entries if start >= tap - 1]
        first = [(name, end) for name, start, end in after if "/1/" in name or "pannellum" in name or "panorama-viewer.css" in name]
        first_bytes = sum(_gzip_size(site, name, base) for name, _ in first)
        all_bytes = sum(_gzip_size(site, name, base) for name, _, _ in after)
        first_s = (max(end for _, end in first) - tap) / 1000
        sharp_s = (max(end for _, _, end in after) - tap) / 1000
        levels = sorted({name.split("/")[-2] for name, _, _ in after if name.endswith(".jpg")})
        print(f"tap -> first view (viewer JS+CSS, level-1 tiles): {first_bytes / 1024:.0f} KB, {first_s:.1f} s "
              f"(floors {FLOORS['tap_to_view_kb']:.0f} KB, {FLOORS['first_view_s']:.0f} s: ratios "
              f"{first_bytes / 1024 / FLOORS['tap_to_view_kb']:.2f}, {first_s / FLOORS['first_view_s']:.2f})")
        print(f"tap -> sharp view (levels {', '.join(levels)} in view): {all_bytes / 1024:.0f} KB, {sharp_s:.1f} s")
        others = [name for name, _, _ in entries if not name.startswith(base)]
        assert not others, others


def main() -> None:
    huge = "--huge" in sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="bench-pano-") as folder:
        work = Path(folder)
        source, tiles = bench_pipeline(work, huge)
        bench_choice(source, tiles)
        bench_first_view(work, source)
    print(f"bench process peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
