"""Province scale: a clean ``diachido build`` of N sites against a bare ``mkdocs build`` of
the same pages, ``diachido check`` time, and the bytes of ``site/``.

    .venv/bin/python bench/bench_scale.py                     # N = 1,000 and 5,000
    .venv/bin/python bench/bench_scale.py --sizes 1000 --big  # ... and 20,000 (slow)
    .venv/bin/python bench/bench_scale.py --no-plaques        # skip the build with plaque PDFs
    .venv/bin/python bench/bench_scale.py --plaques-at 100 1000  # ... except at these N
    .venv/bin/python bench/bench_scale.py --code /work/main   # time another checkout's generator

For each N it writes a throw-away project of N synthetic sites (``synthetic.py``, the
records bench's sites; every ``--media-every``-th site also gets two phone-size photos),
then, in the same run and each in a fresh child process:

- ``diachido build`` from clean (no ``site/``, no generated folders, no ``.diachido/``
  caches), once with the per-site plaque PDFs and once without them (their writer
  removed, to show what the rest costs), with a per-stage
  breakdown measured inside the child (wall and CPU including child processes, from
  ``resource.getrusage`` RUSAGE_SELF + RUSAGE_CHILDREN);
- the floor: a bare ``python -m mkdocs build`` of the ``site_docs/`` that build wrote;
- ``diachido check`` (for N in ``--check-sizes``).

Times: wall seconds and CPU seconds (user + system of the child and everything it
waited for, from ``os.wait4``), peak RSS in MB. The machine is shared, so CPU is the
steadier figure. Sizes: bytes of ``site/`` by part (site pages' ``s/<ID>/`` copies,
plaque PDFs, hand-over zips, photos, the rest), per site, and the N at which GitHub Pages'
1 GB limit is reached, without media and with ``--photos-per-site`` photos per site
(extrapolated from the fixture sites' measured photo bytes). Narration and panorama
fixtures: see ``MEDIA_HOOKS``; ``--machine-voice`` narrates every synthetic site with the
demo's espeak-ng voice (off by default: it dominates a clean build, see bench_narration).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GITHUB_PAGES_LIMIT = 10**9  # GitHub Pages: a published site may be at most 1 GB
TARGET_RATIO = 1.3
EPOCH = "1700000000"  # a fixed SOURCE_DATE_EPOCH: the throw-away project has no git history
MEDIA_HOOKS: list = []  # callables (site dict, sites folder, rng) adding narration/panorama fixtures

# Stage name -> (module, attribute) of the function whose calls are timed in the child.
# Writers referenced from build.py's lists are timed where the list holds them.
STAGES = {
    "validation": ("generator.build", "load_project"),
    "plaque downloads": ("generator.build", "write_site_downloads"),
    "photos": ("generator.site.writer", "process_photos"),
    "page writing": ("generator.site.writer", "render_site_page"),
    "search index": ("generator.site.writer", "write_search_index"),
    "visitor site (all)": ("generator.build", "write_visitor_site"),
    "exports": ("generator.build", "write_site_exports"),
    "map": ("generator.build", "write_map"),
    "hand-over zips": ("generator.build", "write_site_handover"),
    "dashboard": ("generator.build", "write_organiser_pages"),
    "tours, villages": ("generator.build", "write_tours"),
    "generated content (all)": ("generator.build", "generate_content"),
    "mkdocs": ("generator.build", "render_site"),
    "s/<ID>/ copies, worker": ("generator.build", "finish_rendered_site"),
    "plaque register check": ("generator.build", "check_registry"),
}
# build.py's lists of content writers (taking the published sites): a stage is timed in
# whichever list holds it, and the plaque writer is taken out of each for "no plaque PDFs".
WRITER_LISTS = ("CONTENT_WRITERS", "PARALLEL_WRITERS", "STATIC_WRITERS", "LATE_WRITERS")


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(function, log: Path, name: str):
    """``function``, appending "name, wall, cpu, pid" to ``log`` after each call: a line
    per call, so calls in a forked writer process are counted too."""
    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), _cpu()
        try:
            return function(*args, **kwargs)
        finally:
            with log.open("a", encoding="utf-8") as out:
                out.write(json.dumps([name, time.perf_counter() - wall, _cpu() - cpu, os.getpid()]) + "\n")
    return wrapper


def _stage_totals(log: Path) -> dict[str, list[float]]:
    totals: dict[str, list[float]] = {}
    main = os.getpid()
    for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
        name, wall, cpu, pid = json.loads(line)
        spent = totals.setdefault(name if pid == main else f"{name} [other process]", [0.0, 0.0])
        spent[0] += wall
        spent[1] += cpu
    return totals


def child_build(project: Path, plaques: bool, out: Path) -> None:
    """Run one clean build in this process with every stage timed; JSON into ``out``."""
    import importlib

    build = importlib.import_module("generator.build")
    from generator.config import load_config

    if not plaques:  # the plaque PDFs are another branch's work: measured with and without
        for registry in WRITER_LISTS:
            steps = getattr(build, registry, None)
            if steps is not None:
                steps[:] = [step for step in steps if step is not build.write_site_downloads]
    log = out.with_suffix(".stages")
    log.unlink(missing_ok=True)
    for name, (module_name, attribute) in STAGES.items():
        module = importlib.import_module(module_name)
        original = getattr(module, attribute, None)
        if original is None:
            continue
        wrapped = _timed(original, log, name)
        setattr(module, attribute, wrapped)
        for registry in WRITER_LISTS + ("KIND_WRITERS", "POST_RENDER_STEPS"):
            steps = getattr(build, registry, None)
            if steps is not None:
                steps[:] = [wrapped if step is original else step for step in steps]
        if hasattr(build, "SHOWS_LISTINGS"):  # writers that take the other kinds' listings, by identity
            build.SHOWS_LISTINGS = tuple(wrapped if step is original else step for step in build.SHOWS_LISTINGS)
    wall, cpu = time.perf_counter(), _cpu()
    result = build.build(load_config(project))
    report = {"built": result.built, "wall": time.perf_counter() - wall, "cpu": _cpu() - cpu,
              "stages": _stage_totals(log),
              "problems": result.problems[:5] + [str(e) for e in result.load.report.errors[:5]],
              "renderer": result.renderer_output[-2000:]}
    out.write_text(json.dumps(report), encoding="utf-8")


# --- measuring children ------------------------------------------------------------------


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> dict:
    """wall s, cpu s (the child and what it waited for), peak RSS MB, status, output tail."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.stdout.close()
    return {"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
            "mb": usage.ru_maxrss / 1024, "status": os.waitstatus_to_exitcode(status),
            "tail": output.decode("utf-8", "replace")[-3000:]}


def environment(code: Path) -> dict[str, str]:
    return dict(os.environ, DIACHIDO_LANG="en", SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="true",
                PYTHONPATH=str(code))


def clean(project: Path) -> None:
    """Back to a clean checkout: no site/, no generated folders, no caches."""
    sys.path.insert(0, str(ROOT))
    from generator.build import GENERATED_DIRS

    for name in ["site", ".diachido"] + [f"site_docs/{d}" for d in GENERATED_DIRS]:
        shutil.rmtree(project / name, ignore_errors=True)


def run_build(project: Path, code: Path, plaques: bool) -> dict:
    clean(project)
    report_file = project / "build-report.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child-build", str(project), "--code", str(code)]
    row = measure(command + ([] if plaques else ["--no-plaques"]), project, environment(code))
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.exists() else {}
    if row["status"] != 0 or not report.get("built"):
        raise SystemExit(f"build of {project} failed:\n{row['tail']}\n{report}")
    return {**row, "stages": report["stages"]}


def run_floor(project: Path, code: Path) -> dict:
    """A bare MkDocs build of the site_docs/ the last build wrote, into a scratch folder."""
    target = project / "floor-site"
    shutil.rmtree(target, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "--config-file",
               str(project / "mkdocs.yml"), "--site-dir", str(target)]
    row = measure(command, project, environment(code))
    shutil.rmtree(target, ignore_errors=True)
    if row["status"] != 0:
        raise SystemExit(f"mkdocs build failed:\n{row['tail']}")
    return row


def run_check(project: Path, code: Path) -> dict:
    command = [sys.executable, "-c", "from generator.cli import main; main()", "check"]
    row = measure(command, project, environment(code))
    if row["status"] != 0:
        raise SystemExit(f"check failed:\n{row['tail']}")
    return row


# --- the project ----------------------------------------------------------------------------


def add_photos(project: Path, sites: list[dict], every: int, seed: int = 5) -> int:
    """Two phone-size photos (2,000 × 1,500, noisy like a real photo) for every ``every``-th
    site; returns how many sites got them."""
    from PIL import Image

    rng = random.Random(seed)
    chosen = sites[::every] if every else []
    for site in chosen:
        folder = project / "sites" / site["slug"]
        folder.mkdir(parents=True, exist_ok=True)
        site["images"] = []
        for index in range(2):
            noise = Image.effect_noise((2000, 1500), 30).convert("RGB")
            tint = Image.new("RGB", noise.size, (rng.randint(60, 200), rng.randint(60, 160), rng.randint(40, 120)))
            Image.blend(noise, tint, 0.7).save(folder / f"anh-{index}.jpg", "JPEG", quality=88)
            site["images"].append({"file": f"{site['slug']}/anh-{index}.jpg", "caption": {"vi": f"Ảnh {index + 1}"},
                                   "credit": "Ảnh thử nghiệm của bench", "licence": "CC BY-SA 4.0"})
        for hook in MEDIA_HOOKS:
            hook(site, project / "sites", rng)
    return len(chosen)


def make(count: int, media_every: int, machine_voice: bool) -> tuple[Path, int]:
    sys.path.insert(0, str(BENCH))
    sys.path.insert(0, str(ROOT))
    from synthetic import make_project, synthetic_sites

    from generator.config import load_config

    folder = Path(tempfile.mkdtemp(prefix=f"dcd-scale-{count}-"))
    sites = synthetic_sites(count, load_config(ROOT).bounds)
    with_media = add_photos(folder, sites, media_every) if media_every else 0
    make_project(folder, sites, narration=machine_voice)
    return folder, with_media


# --- sizes ---------------------------------------------------------------------------------

PARTS = {"s/<ID>/ copies": "s", "plaque PDFs": "generated/plaques", "hand-over zips": "generated/data/ban-giao",
         "photos": "generated/img", "panoramas": "generated/pano", "narration": "generated/audio"}


MEDIA_PARTS = ("photos", "panoramas", "narration", "originals in zips")


def site_bytes(site: Path) -> dict[str, int]:
    """Bytes of ``site/`` by part (see PARTS) and in all; "originals in zips" are the
    volunteers' media files inside the hand-over zips (part of "hand-over zips")."""
    sizes = {"all": 0, **{part: 0 for part in PARTS}, "originals in zips": 0}
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            sizes["all"] += size
            relative = path.relative_to(site).as_posix()
            for part, prefix in PARTS.items():
                if relative.startswith(prefix + "/"):
                    sizes[part] += size
            if path.suffix == ".zip" and relative.startswith(PARTS["hand-over zips"] + "/"):
                with zipfile.ZipFile(path) as archive:
                    sizes["originals in zips"] += sum(i.compress_size for i in archive.infolist()
                                                      if i.filename.startswith("media/"))
    return sizes


# --- printing ------------------------------------------------------------------------------


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def print_run(count: int, rows: dict, media_sites: int) -> None:
    floor = rows["floor"]
    print(f"\nN = {count:,} sites ({media_sites} with photos)")
    print(f"  {'':28} {'wall s':>8} {'cpu s':>8} {'MB':>6} {'wall/floor':>10} {'cpu/floor':>10} "
          f"{'ms/site wall':>12} {'ms/site cpu':>12}")
    for label, row in rows.items():
        if label.startswith("build") or label == "floor":
            print(f"  {label:28} {row['wall']:8.1f} {row['cpu']:8.1f} {row['mb']:6.0f} "
                  f"{ratio(row['wall'], floor['wall']):>10} {ratio(row['cpu'], floor['cpu']):>10} "
                  f"{1000 * row['wall'] / count:12.2f} {1000 * row['cpu'] / count:12.2f}")
    if "check" in rows:
        check = rows["check"]
        print(f"  {'diachido check':28} {check['wall']:8.2f} {check['cpu']:8.2f} {check['mb']:6.0f}"
              f"{'':22} {1000 * check['wall'] / count:12.3f} {1000 * check['cpu'] / count:12.3f}")
    for label, row in rows.items():
        if label.startswith("build"):
            print(f"  stages of '{label}' (wall s, cpu s incl. children; nested stages marked (all)):")
            for stage, (wall, cpu) in sorted(row["stages"].items(), key=lambda item: -item[1][0]):
                print(f"    {stage:32} {wall:8.2f} {cpu:8.2f}  {100 * wall / row['wall']:5.1f} % of wall")


def print_sizes(sizes: dict[int, dict[str, int]], media: dict[int, int], photos_per_site: float) -> None:
    print("\nBytes of site/ (MB = 10^6 bytes)")
    parts = ["all"] + list(PARTS) + ["originals in zips"]
    print(f"  {'N':>7} " + " ".join(f"{part:>15}" for part in parts) + f" {'KB/site':>9}")
    for count, row in sorted(sizes.items()):
        print(f"  {count:>7,} " + " ".join(f"{row[part] / 1e6:15.1f}" for part in parts)
              + f" {row['all'] / count / 1e3:9.1f}")
    if len(sizes) < 2:
        return
    (small, a), (large, b) = min(sizes.items()), max(sizes.items())
    per_site = (b["all"] - a["all"]) / (large - small)
    # Media and plaque PDFs are estimated per site on their own (not every N has them).
    base = {count: row["all"] - row["plaque PDFs"] - sum(row[part] for part in MEDIA_PARTS)
            for count, row in sizes.items()}
    slope = (base[large] - base[small]) / (large - small)
    fixed = base[large] - slope * large
    with_pdfs = [(count, row["plaque PDFs"]) for count, row in sizes.items() if row["plaque PDFs"]]
    pdf = sum(size for _, size in with_pdfs) / sum(count for count, _ in with_pdfs) if with_pdfs else 0.0
    without_media = slope + pdf
    media_count = media.get(large, 0)
    # A photo costs its variants on the site plus its original inside two hand-over zips.
    per_photo = sum(b[part] for part in MEDIA_PARTS) / (2 * media_count) if media_count else 0
    with_media = without_media + per_photo * photos_per_site
    print(f"  per site: {per_site / 1e3:.1f} KB between N = {small:,} and {large:,} as built; without media "
          f"{slope / 1e3:.1f} KB + plaque PDF {pdf / 1e3:.1f} KB (measured at N = "
          f"{', '.join(f'{c:,}' for c, _ in with_pdfs) or 'none'}); fixed part {fixed / 1e6:.1f} MB")
    print(f"  GitHub Pages' 1 GB limit: without media at N ≈ {(GITHUB_PAGES_LIMIT - fixed) / without_media:,.0f} "
          f"({without_media / 1e3:.1f} KB/site)")
    if per_photo:
        print(f"  with {photos_per_site:g} photos per site ({per_photo / 1e3:.0f} KB per photo: variants + original in "
              f"the per-site and all-sites zips, measured): "
              f"N ≈ {(GITHUB_PAGES_LIMIT - fixed) / with_media:,.0f} ({with_media / 1e3:.1f} KB/site)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--big", action="store_true", help="also N = 20,000 (about ten minutes per build)")
    parser.add_argument("--check-sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--size-only", type=int, nargs="*", default=[100],
                        help="N whose site/ is only weighed (built once, without timing against the floor)")
    parser.add_argument("--no-plaques", action="store_true", help="only the build without plaque PDFs")
    parser.add_argument("--plaques-at", type=int, nargs="*", default=None,
                        help="with --no-plaques: N at which the build with plaque PDFs still runs (for sizes)")
    parser.add_argument("--media-every", type=int, default=500, help="every k-th site gets two photos (0: none)")
    parser.add_argument("--photos-per-site", type=float, default=3, help="for the 1 GB estimate with media")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose generator is timed")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away projects")
    parser.add_argument("--machine-voice", action="store_true",
                        help="narrate every synthetic site with the demo's machine voice (off: only what the fixtures record)")
    parser.add_argument("--child-build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        sys.path.insert(0, str(args.code.resolve()))
        child_build(args.child_build, not args.no_plaques, args.child_build / "build-report.json")
        return

    code = args.code.resolve()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"generator from {code}; SOURCE_DATE_EPOCH={EPOCH}")
    sizes: dict[int, dict[str, int]] = {}
    media: dict[int, int] = {}
    counts = sorted(set(args.sizes + (args.size_only or []) + ([20000] if args.big else [])))
    for count in counts:
        project, media_sites = make(count, args.media_every, args.machine_voice)
        try:
            rows: dict[str, dict] = {}
            timed = count in args.sizes or count == 20000
            if not args.no_plaques or count in (args.plaques_at or []):
                rows["build (with plaque PDFs)"] = run_build(project, code, plaques=True)
                sizes[count] = site_bytes(project / "site")
            if timed or args.no_plaques:
                rows["build (no plaque PDFs)"] = run_build(project, code, plaques=False)
                sizes.setdefault(count, site_bytes(project / "site"))  # without PDFs: see their column
            media[count] = media_sites
            row = sizes[count]
            print(f"  site/ at N = {count:,}: {row['all'] / 1e6:.1f} MB ("
                  + ", ".join(f"{part} {row[part] / 1e6:.1f}" for part in [*PARTS, "originals in zips"]) + ")")
            if timed:
                rows["floor"] = run_floor(project, code)
                if count in args.check_sizes:
                    rows["check"] = run_check(project, code)
                print_run(count, rows, media_sites)
            sys.stdout.flush()
        finally:
            if args.keep:
                print(f"  kept {project}")
            else:
                shutil.rmtree(project, ignore_errors=True)
    print_sizes(sizes, media, args.photos_per_site)

if __name__ == "__main__":
    main()
