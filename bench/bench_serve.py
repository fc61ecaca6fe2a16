"""The live preview at province scale: from saving one record to the edited page served.

For each N (default 1,000 and 5,000) a project of N synthetic sites (``synthetic``,
machine voice off) is made in a throw-away folder, or taken from ``--project DIR``
(a copy is used, the folder is left as it was). Then:

1. ``diachido serve`` (the code under ``--code``, default this checkout) starts; once
   it answers, ``--edits`` records are edited one after the other (a word added to
   the site's Vietnamese name) and the preview's HTTP server is polled: seconds from
   saving to the site's page served with the new name ("page"), and to the list of
   all sites served with it ("list": lists, search and map follow the full
   generation). ``load_project`` of the same project, timed in this process, is the
   validation part of each (``diachido check``'s work).
2. The floor: ``mkdocs serve --dirty`` of the same ``site_docs/``, and one of the
   generated page files edited directly: seconds from saving to MkDocs serving it,
   i.e. MkDocs' own dirty rebuild of one changed page, with no generation at all.

Ratios are the preview's page time over the floor. Wall times on a shared 2-core
machine are inflated; run it on a quiet machine for the README's figures.

Usage: .venv/bin/python bench/bench_serve.py [N ...] [--edits 3] [--project DIR] [--code DIR] [--no-floor]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import make_project, synthetic_sites

from generator.config import load_config
from generator.records.kinds import load_project
from generator.urls import page_source_file, site_list_path, site_page_path

START_LIMIT_SECONDS = 3600
EDIT_LIMIT_SECONDS = 900


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(urls: list[str], text: str, limit: float, step: float = 0.05) -> list[float | None]:
    """Seconds until each of ``urls`` serves ``text`` (None: not within ``limit``)."""
    start, found = time.perf_counter(), [None] * len(urls)
    while time.perf_counter() - start < limit and None in found:
        for index, url in enumerate(urls):
            if found[index] is None and text in _page(url):
                found[index] = time.perf_counter() - start
        time.sleep(step)
    return found


class Served:
    """A preview or MkDocs server in its own session, stopped (with its children) on exit."""

    def __init__(self, command: list[str], address_option: str, cwd: Path, env: dict[str, str]):
        self.port = _free_port()
        self.process = subprocess.Popen([*command, address_option, f"127.0.0.1:{self.port}"], cwd=cwd, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def _started(server: Served, path: str, text: str) -> float:
    start = time.perf_counter()
    if _wait_for([server.url(path)], text, START_LIMIT_SECONDS, step=1.0)[0] is None:
        raise SystemExit("the server never came up")
    return time.perf_counter() - start


def _rename(project: Path, slug: str, name: str, marker: str) -> None:
    record = project / "sites" / f"{slug}.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace(f"vi: {name}\n", f"vi: {name} {marker}\n", 1), encoding="utf-8")


def preview_edits(project: Path, code: Path, slugs: list[tuple[str, str]], edits: int) -> list[list[float | None]]:
    """(page, list) seconds for each edit through ``diachido serve`` of ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-c", "from generator.cli import main; main()", "serve"]
    times = []
    with Served(command, "--address", project, env) as server:
        slug, name = slugs[0]
        print(f"  preview up after {_started(server, site_page_path(slug), name):.1f} s", flush=True)
        time.sleep(3)
        for number in range(edits):
            slug, name = slugs[1 + number]
            marker = f"sửa{number}x{time.time_ns() % 10**6}"
            _rename(project, slug, name, marker)
            found = _wait_for([server.url(site_page_path(slug)), server.url(site_list_path())], marker,
                              EDIT_LIMIT_SECONDS)
            times.append(found)
            print("    edit {}: page {}, list {}".format(number + 1, *(f"{t:.2f} s" if t is not None else "never"
                                                               for t in found)), flush=True)
            time.sleep(2)
    return times


def mkdocs_floor(project: Path, slugs: list[tuple[str, str]], edits: int) -> list[float | None]:
    """Seconds from editing a generated page file to ``mkdocs serve --dirty`` serving it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1700000000"}
    times = []
    with Served([sys.executable, "-m", "mkdocs", "serve", "--dirty"], "--dev-addr", project, env) as server:
        slug, name = slugs[0]
        print(f"  mkdocs serve --dirty up after {_started(server, site_page_path(slug), name):.1f} s", flush=True)
        time.sleep(3)
        for number in range(edits):
            slug, _ = slugs[-1 - number]
            page = project / "site_docs" / page_source_file(site_page_path(slug))
            marker = f"floor{number}x{time.time_ns() % 10**6}"
            page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            [took] = _wait_for([server.url(site_page_path(slug))], marker, EDIT_LIMIT_SECONDS)
            times.append(took)
            print(f"    floor edit {number + 1}: " + (f"{took:.2f} s" if took is not None else "never"), flush=True)
            time.sleep(2)
    return times


def _validation_seconds(project: Path, runs: int = 3) -> float:
    """Median seconds of ``load_project`` (what every save validates first), caches warm."""
    config, times = load_config(project), []
    for _ in range(runs):
        start = time.perf_counter()
        load_project(config)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _median(values: list[float | None]) -> float:
    return statistics.median(float("inf") if v is None else v for v in values)


def run(count: int, edits: int, source: Path | None, code: Path, with_floor: bool = True) -> None:
    with tempfile.TemporaryDirectory(prefix=f"dcd-serve-{count}-") as folder:
        project = Path(folder) / "p"
        if source:
            shutil.copytree(source, project, symlinks=True)
        else:
            project.mkdir()
            make_project(project, synthetic_sites(count, load_config(ROOT).bounds), narration=False)
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)  # the build date (SOURCE_DATE_EPOCH)
        sites = sorted(load_project(load_config(project)).published, key=lambda site: site.id)
        count = len(sites)
        print(f"N = {count:,} sites", flush=True)
        picks = [(s.slug, s.name.vi) for s in sites[:: max(1, count // (edits + 2))]][: edits + 2]
        times = preview_edits(project, code, picks, edits)
        floor = mkdocs_floor(project, picks, edits) if with_floor else []
        validation = _validation_seconds(project)
        page, listed = _median([t[0] for t in times]), _median([t[1] for t in times])
        print(f"  preview, save -> edited page served: median {page:.2f} s over {edits} edits (goal 3 s)")
        print(f"    of which validation (load_project, warm, median of 3): {validation:.2f} s; "
              f"the rest (debounce 0.5 s, first pages, render, polling): {page - validation:.2f} s")
        print(f"  preview, save -> list of all sites served: median {listed:.2f} s")
        if floor:
            bare = _median(floor)
            print(f"  floor, mkdocs serve --dirty after one page file changed: median {bare:.2f} s")
            print(f"  ratio page / floor: {page / bare:.2f}×; list / floor: {listed / bare:.2f}×", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--project", type=Path, help="use a copy of this project (its sites/) instead of synthetic sites")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose `diachido serve` is measured")
    parser.add_argument("--no-floor", action="store_true", help="skip the mkdocs serve --dirty floor (minutes at 5,000)")
    args = parser.parse_args()
    for count in args.sizes if not args.project else [0]:
        run(count, args.edits, args.project, args.code.resolve(), not args.no_floor)


if __name__ == "__main__":
    main()
