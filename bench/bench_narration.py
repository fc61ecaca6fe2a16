"""Narration: what it costs to make and what it weighs, at N = 50 and 1,000 sites.

For each N, a throw-away project of N synthetic sites (bench_page_weight's, a third
with English text) with the demo's espeak-ng machine voice, and prints:

* the narration stage alone (every page's audio), uncached and then cached, wall and
  CPU time, with seconds of audio made per CPU second (floor: 10× real time uncached;
  wall times on a shared machine stretch with its load, which is printed);
* bytes per site page and per minute of audio (target 240 KB a minute: 32 kbit/s);
* for N <= 100, the whole build (generator and MkDocs) with the audio cached and with
  no narration at all, and the weight of a site page before play (HTML, CSS, scripts
  gzip-compressed, as bench_page_weight counts them): the player's share must be
  small and no audio may load before play.

Usage: .venv/bin/python bench/bench_narration.py [N ...]   (default: 50 1000)
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_page_weight import make_project, page_weight, synthetic_sites  # noqa: E402

from generator.build import build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.media.audio import BYTES_PER_SECOND, CACHE_ENV  # noqa: E402
from generator.media.narration import Narrator, prepare_narrations  # noqa: E402
from generator.records.validate import load_sites  # noqa: E402
from generator.site.text import page_languages  # noqa: E402

REALTIME_FLOOR = 10.0
PLAYER = re.compile(r'<section class="dcd-narration".*?</section>\s*<script src="[^"]*narration-player\.js" defer></script>', re.S)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (espeak-ng runs as one)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def narration_stage(project: Path, out: Path) -> tuple[float, float, Narrator, int]:
    """(wall seconds, CPU seconds, the narrator, page count) of making every page's audio."""
    config = load_config(project)
    sites = load_sites(config).published
    pages = page_languages(sites)
    narrator = Narrator.for_project(config, out)
    start, cpu = time.perf_counter(), cpu_seconds()
    prepare_narrations(narrator, pages)
    return time.perf_counter() - start, cpu_seconds() - cpu, narrator, len(pages)


def report_stage(label: str, elapsed: float, cpu: float, narrator: Narrator, pages: int) -> None:
    stats = narrator.pipeline.stats
    print(f"  narration {label:8}: {elapsed:7.1f} s wall, {cpu:7.1f} s CPU for {pages} pages "
          f"({stats.processed} made, {stats.cached} cached), {stats.seconds / 60:.1f} min of audio")


def build_time(project: Path) -> float:
    start = time.perf_counter()
    result = build(load_config(project))
    if not result.built:
        raise SystemExit(f"build failed: {result.problems or result.load.report.errors[:3]}")
    return time.perf_counter() - start


def weight_before_play(site: Path) -> None:
    page = sorted((site / "di-tich").iterdir())[0].name
    rows = page_weight(site, f"di-tich/{page}/")
    total = sum(packed for _, _, packed in rows)
    html = (site / "di-tich" / page / "index.html").read_text(encoding="utf-8")
    player = len(gzip.compress(html.encode(), 6)) - len(gzip.compress(PLAYER.sub("", html).encode(), 6))
    script = sum(packed for name, _, packed in rows if name.endswith("narration-player.js"))
    audio = [name for name, _, _ in rows if name.endswith(".mp3")]
    print(f"  page before play: {total / 1024:.1f} KB gzip in all; the player adds {player / 1024:.1f} KB of HTML "
          f"and {script / 1024:.1f} KB of script ({(player + script) / total:.1%}); audio loaded: {len(audio)} "
          f"({'OK' if not audio else 'WRONG: preload must be none'})")


def run(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix=f"dcd-narration-{count}-") as tmp:
        work = Path(tmp)
        os.environ[CACHE_ENV] = str(work / "cache")
        (work / "project").mkdir()
        project = make_project(work / "project", synthetic_sites(count))
        load = os.getloadavg()[0]
        print(f"N = {count} sites (load average {load:.1f} on {os.cpu_count()} CPUs: wall times stretch with it)")
        cold, cold_cpu, narrator, pages = narration_stage(project, work / "out-cold")
        report_stage("uncached", cold, cold_cpu, narrator, pages)
        stats = narrator.pipeline.stats
        per_minute = stats.output_bytes / (stats.seconds / 60)
        print(f"  audio: {stats.output_bytes / pages / 1024:.0f} KB per page, {per_minute / 1024:.0f} KB per minute "
              f"(target {BYTES_PER_SECOND * 60 / 1024:.0f}: {per_minute / (BYTES_PER_SECOND * 60):.2f}×), "
              f"{stats.output_bytes / 2**20:.1f} MB for the whole site")
        speed = stats.seconds / cold_cpu
        print(f"  uncached: {speed:.0f}× real time per CPU second ({stats.seconds / cold:.0f}× on the wall clock): "
              f"{'OK' if speed >= REALTIME_FLOOR else 'BELOW'} the floor of {REALTIME_FLOOR:.0f}×")
        warm, warm_cpu, narrator, pages = narration_stage(project, work / "out-warm")
        report_stage("cached", warm, warm_cpu, narrator, pages)
        print(f"  cached is {cold / max(warm, 1e-6):.0f}× faster")
        if count <= 100:
            with_audio = build_time(project)
            weight_before_play(project / "site")
            quiet = work / "quiet"
            quiet.mkdir()
            without = build_time(make_project(quiet, synthetic_sites(count), narration=False))
            print(f"  whole build: {with_audio:.1f} s with narration cached, {without:.1f} s with no machine voice "
                  f"(+{with_audio - without:.1f} s), {cold:.1f} s more when nothing is cached")


def main() -> None:
    for count in [int(arg) for arg in sys.argv[1:]] or [50, 1000]:
        run(count)


if __name__ == "__main__":
    main()
