"""The A5 plaque PDF of every site page: CPU per site and bytes per file, clean and cached.

For each N synthetic sites (the names of ``bench_page_weight``) in a throw-away project:

* clean: ``write_site_downloads`` with an empty cache (what CI and every Pages deploy
  run): layout, PDF, cache entries, files placed; worker processes' CPU included;
* cached: the same call again (nothing changed): keys computed, files placed;
* reference: the per-document fpdf2 writer the downloads used before (fpdf2 document,
  fonts parsed and subset per file, the QR as one rectangle per run), timed on the
  first ``--sample`` sites of the same layouts, and its bytes per file.

The budget: issue 15 allows the whole generator 0.3x a bare ``mkdocs build`` (about
6.4 ms of CPU per page at 5,000 sites here), so the downloads should cost about 1 ms a
site. CPU time is the steadier figure on a shared 2-core machine.

Usage: .venv/bin/python bench/bench_plaque_downloads.py [N ...] [--sample 60]   (default: 100 1000 5000)
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_page_weight import synthetic_sites  # noqa: E402

from generator.config import load_config  # noqa: E402
from generator.plaques.content import plaque_content  # noqa: E402
from generator.plaques.downloads import DOWNLOAD_SIZE, plaque_title, write_site_downloads  # noqa: E402
from generator.plaques.layout import layout_plaque  # noqa: E402
from generator.plaques.pdf import FpdfCanvas, draw_plaque, new_pdf  # noqa: E402
from generator.plaques.pdf_font import prepare  # noqa: E402
from generator.plaques.sizes import SIZES  # noqa: E402
from generator.plaques.typesetting import FONT_FILES, font_path  # noqa: E402
from generator.records.schema import Site  # noqa: E402

BUDGET_MS = 1.0


def cpu() -> float:
    """Seconds of CPU of this process and its finished children (the worker pool)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(action) -> tuple[float, float, object]:
    start_cpu, start_wall = cpu(), time.perf_counter()
    result = action()
    return cpu() - start_cpu, time.perf_counter() - start_wall, result


def fpdf2_reference(config, sites: list[Site], sample: int) -> tuple[float, float]:
    """(CPU ms per site, bytes per file) of the former per-document fpdf2 writer."""
    layouts = [(layout_plaque(content, SIZES[DOWNLOAD_SIZE]), plaque_title(content))
               for content in (plaque_content(config, site) for site in sites[:sample])]

    def render() -> list[bytes]:
        files = []
        for layout, title in layouts:
            pdf = new_pdf(layout.width, layout.height, title)
            pdf.add_page()
            draw_plaque(FpdfCanvas(pdf), layout)
            files.append(bytes(pdf.output()))
        return files

    seconds, _, files = timed(render)
    return seconds / len(layouts) * 1000, sum(map(len, files)) / len(files)


def run(count: int, sample: int) -> None:
    project = Path(tempfile.mkdtemp(prefix="bench-downloads-"))
    try:
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        config = load_config(project)
        sites = [Site.model_validate(data) for data in synthetic_sites(count)]
        clean_cpu, clean_wall, written = timed(lambda: write_site_downloads(config, sites, project / "docs"))
        cached_cpu, cached_wall, _ = timed(lambda: write_site_downloads(config, sites, project / "docs2"))
        size = sum(path.stat().st_size for path in written) / len(written)
        old_ms, old_size = fpdf2_reference(config, sites, min(sample, count))
    finally:
        shutil.rmtree(project, ignore_errors=True)
    clean_ms, cached_ms = clean_cpu / count * 1000, cached_cpu / count * 1000
    print(f"| {count:,} | {clean_ms:.2f} ms ({clean_wall:.1f} s wall) | {cached_ms:.3f} ms ({cached_wall:.2f} s wall) "
          f"| {old_ms:.1f} ms | {old_ms / clean_ms:.0f}x | {clean_ms / BUDGET_MS:.2f} "
          f"| {size / 1024:.1f} KB | {old_size / 1024:.1f} KB | {count * size / 2**20:.0f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--sample", type=int, default=60, help="sites timed with the fpdf2 reference")
    args = parser.parse_args()
    prepare_cpu, _, _ = timed(lambda: [prepare(font_path(weight).read_bytes()) for weight in FONT_FILES])
    print(f"Fonts prepared for embedding: {prepare_cpu:.2f} s of CPU once per font file and generator version "
          f"(in the clean figures below; cached after)")
    print("CPU per site (this process and its workers); reference: former fpdf2 writer on the same layouts")
    print("| N | clean | cached (unchanged) | fpdf2 per file | speed-up | clean / 1 ms budget | bytes/PDF | fpdf2 bytes/PDF | all PDFs |")
    print("|---|---|---|---|---|---|---|---|---|")
    for count in args.counts:
        run(count, args.sample)


if __name__ == "__main__":
    main()
