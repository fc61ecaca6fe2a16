"""Render the project's site_docs/ with every renderer we claim portability to, crawl
every link of each result, and report the broken ones.

Installs nothing. MkDocs runs from this project's Python; the alternatives run from
the Python given with --alt (default: this one), e.g. a separate virtualenv:

    python -m venv /tmp/alt && /tmp/alt/bin/pip install properdocs==1.6.7 zensical==0.0.73 \
        mkdocs-material==9.7.7 pymdown-extensions==13.1   # ProperDocs renders with our pinned theme
    .venv/bin/python bench/bench_renderers.py --alt /tmp/alt/bin/python

(Zensical 0.0.73 is the newest whose dependencies are all on PyPI; the test extras
install both beside MkDocs, so plain `.venv/bin/python bench/bench_renderers.py` works
after `pip install -e '.[test]'`.) First runs `diachido build` for the generated
content. Prints, per renderer: render time, HTML pages, links checked, broken links
(with the first few), and the ratio of pages and links to MkDocs'. Exit status 1 when
any renderer that ran left a broken link.

Usage: .venv/bin/python bench/bench_renderers.py [--project DIR] [--alt PYTHON]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.build import build  # noqa: E402
from generator.config import load_config  # noqa: E402
from tests.site_crawl import RENDERERS, broken_links, render_with, renderer_available  # noqa: E402

SHOWN = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--alt", default=sys.executable, help="Python with properdocs and zensical installed")
    args = parser.parse_args()
    config = load_config(args.project.resolve())
    started = time.perf_counter()
    result = build(config)
    if not result.built:
        print("diachido build failed:", result.renderer_output, result.problems, file=sys.stderr)
        return 2
    print(f"diachido build (generate + MkDocs): {time.perf_counter() - started:.1f} s, "
          f"{len(result.load.published)} sites")
    out_root = config.root / ".diachido" / "bench-renderers"
    baseline: tuple[int, int] | None = None
    failed = False
    print(f"{'renderer':<11} {'time s':>7} {'pages':>6} {'links':>7} {'broken':>7} {'pages/mkdocs':>13} {'links/mkdocs':>13}")
    for renderer in RENDERERS:
        python = sys.executable if renderer == "mkdocs" else args.alt
        if not renderer_available(renderer, python):
            print(f"{renderer:<11} not installed for {python}")
            continue
        out = out_root / renderer
        started = time.perf_counter()
        try:
            render_with(renderer, config, python, out)
        except RuntimeError as exc:
            print(f"{renderer:<11} FAILED: {str(exc)[-400:]}")
            failed = True
            continue
        seconds = time.perf_counter() - started
        pages = sum(1 for _ in out.rglob("*.html"))
        checked, broken = broken_links(out)
        baseline = baseline or (pages, checked)
        print(f"{renderer:<11} {seconds:7.1f} {pages:6d} {checked:7d} {len(broken):7d} "
              f"{pages / baseline[0]:13.2f} {checked / baseline[1]:13.2f}")
        for link in broken[:SHOWN]:
            print(f"    {link.page}: {link.link} ({link.reason})")
        if broken:
            folders = Counter(link.page.split("/")[0] for link in broken)
            print(f"    ... {len(broken)} in all; by folder: {dict(folders.most_common(5))}")
            failed = True
    shutil.rmtree(out_root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
