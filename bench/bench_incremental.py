"""A one-record edit at province scale: incremental `build` and the live preview.

For each N (default 1,000 and 5,000), in a throw-away project of N synthetic sites
(``bench_page_weight.synthetic_sites``; every 50th site has a small photo):

1. a clean ``diachido build`` (cold caches), for reference;
2. one record's summary edited, then ``diachido build`` with the caches of step 1:
   wall and CPU time (this process and its children), and what the caches rendered
   (new entries per cache kind: a render makes an entry, a hit does not);
3. a bare ``mkdocs build`` of the same ``site_docs/`` (the renderer's floor);
4. ``diachido serve``: the time from saving an edited record to the preview's HTTP
   server answering that site's page with the new text (median of ``--edits`` edits,
   each of another site, after the first preview is up).

Step 2's ``site/`` is compared with a clean build of a copy when ``--verify`` is given
(one more clean build). Wall times on a shared 2-core machine are inflated; CPU is the
steadier figure.

Usage: .venv/bin/python bench/bench_incremental.py [N ...] [--edits 3] [--verify] [--no-serve] [--keep DIR]
(``--keep DIR`` builds in DIR/<N>/ and leaves it there; run again to skip step 1.)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_page_weight import make_project, synthetic_sites  # noqa: E402
from generator.build import GENERATED_DIRS, build, reproducible_env  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.media.cache import cache_root  # noqa: E402
from generator.urls import site_page_path  # noqa: E402

PHOTO_EVERY = 50
SERVE_START_SECONDS = 1800
EDIT_LIMIT_SECONDS = 600


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(action) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), _cpu()
    result = action()
    return time.perf_counter() - wall, _cpu() - cpu, result


def _add_photos(project: Path, sites: list[dict], write: bool = True) -> None:
    """Give every PHOTO_EVERY-th site a photo (written beside the records if ``write``)."""
    from PIL import Image

    for index, site in enumerate(sites[::PHOTO_EVERY]):
        if write:
            folder = project / "sites" / site["slug"]
            folder.mkdir()
            Image.effect_noise((1600, 1200), 30 + index % 40).convert("RGB").save(folder / "anh.jpg", "JPEG", quality=85)
        site["images"] = [{"file": f"{site['slug']}/anh.jpg", "caption": {"vi": "Ảnh thử"}, "credit": "Bench", "licence": "CC-BY-4.0"}]


def _write_sites(project: Path, sites: list[dict]) -> None:
    import yaml

    for site in sites:
        (project / "sites" / f"{site['slug']}.yml").write_text(
            yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _edit(project: Path, site: dict, marker: str) -> None:
    site["summary"] = {**site["summary"], "vi": f"{site['summary']['vi']} {marker}"}
    _write_sites(project, [site])


def _entries(project: Path) -> dict[str, set[str]]:
    top = cache_root(project)
    return {kind.name: {entry.name for entry in kind.iterdir()} for kind in sorted(top.iterdir()) if kind.is_dir()}


def _built(project: Path) -> None:
    result = build(load_config(project))
    if not result.built:
        errors = [f"{d.path.name}:{d.line}: {d.field}: {d.code}" for d in result.load.report.errors[:5]]
        raise SystemExit(f"build failed: {errors or result.problems or result.renderer_output[-2000:]}")


def _bare_mkdocs(project: Path) -> tuple[float, float]:
    target = Path(tempfile.mkdtemp(prefix="bare-"))
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "--site-dir", str(target)]
    wall, cpu, _ = _timed(lambda: subprocess.run(command, cwd=project, check=True, env=reproducible_env(load_config(project))))
    shutil.rmtree(target)
    return wall, cpu


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _verify(project: Path, work: Path) -> str:
    clean = work / "clean"
    shutil.copytree(project, clean, ignore=lambda folder, names: [".diachido", "site"] if Path(folder) == project else [])
    for name in GENERATED_DIRS:
        shutil.rmtree(clean / "site_docs" / name, ignore_errors=True)
    _built(clean)
    return "byte-identical to a clean build" if _tree(clean / "site") == _tree(project / "site") else "DIFFERS from a clean build"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, limit: float, step: float = 0.05) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = _page(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(step)
    return None


def _serve_latency(project: Path, sites: list[dict], edits: int) -> list[float]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "from generator.cli import main; main()", "serve", "--address", f"127.0.0.1:{port}"]
    serve = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    times = []
    try:
        first = sites[len(sites) // 2]
        url = f"http://127.0.0.1:{port}/{site_page_path(first['slug'])}"
        start = time.perf_counter()
        if _wait_for(url, first["name"]["vi"], SERVE_START_SECONDS, step=1.0) is None:
            raise SystemExit("the preview never came up")
        print(f"  serve: first preview after {time.perf_counter() - start:.1f} s", flush=True)
        time.sleep(3)  # let MkDocs' watcher settle after the first build
        for number in range(edits):
            site = sites[(len(sites) // 3 + 97 * number) % len(sites)]
            marker = f"sửa-lần-{number}-{time.time_ns()}"
            url = f"http://127.0.0.1:{port}/{site_page_path(site['slug'])}"
            _edit(project, site, marker)
            took = _wait_for(url, marker, EDIT_LIMIT_SECONDS)
            times.append(float("inf") if took is None else took)
            print(f"    edit {number + 1}: " + (f"served {took:.2f} s after saving" if took is not None
                                                 else f"not served within {EDIT_LIMIT_SECONDS} s"), flush=True)
            time.sleep(2)
    finally:
        os.killpg(serve.pid, 15)
        serve.wait(30)
    return times


def run(count: int, edits: int, verify: bool, with_serve: bool, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix=f"dcd-incremental-{count}-") as folder:
        work = keep / str(count) if keep else Path(folder)
        sites = synthetic_sites(count)
        print(f"N = {count:,} sites ({len(sites[::PHOTO_EVERY])} with a photo)", flush=True)
        if (work / "p" / "site").is_dir():
            project = work / "p"
            _add_photos(project, sites, write=False)
            print("  (reusing the project and caches built before in this folder)")
        else:
            (work / "p").mkdir(parents=True)
            project = make_project(work / "p", [])
            _add_photos(project, sites)
            _write_sites(project, sites)
            wall, cpu, _ = _timed(lambda: _built(project))
            print(f"  clean build (cold caches):       {wall:7.1f} s wall, {cpu:7.1f} s CPU", flush=True)
        before = _entries(project)
        _edit(project, sites[len(sites) // 2], f"một câu mới {time.time_ns()}")
        wall, cpu, _ = _timed(lambda: _built(project))
        renders = {kind: len(names - before.get(kind, set())) for kind, names in _entries(project).items()}
        bare_wall, bare_cpu = _bare_mkdocs(project)
        print(f"  build after a one-record edit:   {wall:7.1f} s wall, {cpu:7.1f} s CPU; renders {renders}")
        print(f"  bare mkdocs build (the floor):   {bare_wall:7.1f} s wall, {bare_cpu:7.1f} s CPU")
        print(f"  ratio edit build / mkdocs:       {wall / bare_wall:7.2f}× wall, {cpu / bare_cpu:7.2f}× CPU", flush=True)
        if verify:
            print(f"  site/ after the edit build is {_verify(project, work)}", flush=True)
        if with_serve:
            times = _serve_latency(project, sites, edits)
            print(f"  serve: save -> page served, median {statistics.median(times):.2f} s, "
                  f"max {max(times):.2f} s over {len(times)} edits (goal 3 s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--verify", action="store_true", help="compare site/ with a clean build of a copy")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--keep", type=Path, help="build in KEEP/<N>/ and keep it; a later run reuses its caches")
    args = parser.parse_args()
    for count in args.counts:
        run(count, args.edits, args.verify, not args.no_serve, args.keep)


if __name__ == "__main__":
    main()
