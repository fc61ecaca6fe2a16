"""``diachido check`` at province scale: cold and warm record cache, against a floor.

    .venv/bin/python bench/bench_check.py                      # N = 1,000 and 5,000, 3 runs each
    .venv/bin/python bench/bench_check.py --sizes 5000 --repeat 5
    .venv/bin/python bench/bench_check.py --code /work/main    # time another checkout's generator
    .venv/bin/python bench/bench_check.py --project DIR        # an existing project (read-only: copied)

For each N it writes a throw-away project of N synthetic sites (``synthetic.py``: the
records bench's sites, published, with Markdown histories and commune names of which
many are not in the official list, so check prints thousands of warnings), then runs,
each in a fresh child process:

- the floor: ``python -c 'import yaml'`` that also reads every record file's bytes
  (what any check must at least do: start Python, read the files);
- ``diachido check`` cold: no ``.diachido/cache/records/`` (every file parsed and
  validated, and the cache written);
- ``diachido check`` warm: the cache from the run before (nothing changed);
- ``diachido check`` after one record was edited (its summary changed), warm otherwise.

Python's bytecode cache is on, as Python's default is on a volunteer's machine (kept in
a temporary folder, filled by one untimed check first); ``--no-pyc`` keeps whatever the
environment says (``PYTHONDONTWRITEBYTECODE=1`` makes every run compile the generator's
modules again: about 0.25 s more per run here). Each row is the median of ``--repeat`` runs: wall seconds and CPU seconds (user + system
of the child and what it waited for, from ``os.wait4``; the machine is shared, so CPU
is the steadier figure), ms per site, and the ratio to the floor. The cold and warm
runs must print the same bytes; the bench stops if they do not. The goal (issue 15):
check of 5,000 sites in under 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GOAL_SITES, GOAL_SECONDS = 5000, 2.0
FLOOR = ("import pathlib, yaml\n"
         "for path in sorted(pathlib.Path('sites').rglob('*.yml')):\n"
         "    path.read_bytes()\n")
CHECK = "from generator.cli import main; main()"


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> dict:
    """wall s, cpu s (the child and what it waited for), exit status and output of one child."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read()  # drain before waiting, so a chatty child cannot block
    _, status, usage = os.wait4(child.pid, 0)
    child.stdout.close()
    return {"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
            "status": os.waitstatus_to_exitcode(status), "output": output}


def median_of(runs: list[dict]) -> dict:
    return {"wall": statistics.median(r["wall"] for r in runs), "cpu": statistics.median(r["cpu"] for r in runs),
            "output": runs[-1]["output"]}


def make(count: int) -> Path:
    sys.path.insert(0, str(BENCH))
    sys.path.insert(0, str(ROOT))
    from synthetic import make_project, synthetic_sites

    from generator.config import load_config

    folder = Path(tempfile.mkdtemp(prefix=f"dcd-check-{count}-"))
    return make_project(folder, synthetic_sites(count, load_config(ROOT).bounds))


def copy_project(source: Path) -> Path:
    """What check reads of ``source`` (settings, records, ledger, plaque register), in a temp folder."""
    folder = Path(tempfile.mkdtemp(prefix="dcd-check-copy-"))
    for name in ("mkdocs.yml", "sites", "tours", "villages", "plaques/registry.yml"):
        if (source / name).is_dir():
            shutil.copytree(source / name, folder / name, symlinks=True)
        elif (source / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, folder / name)
    return folder


def edit_one_record(project: Path, round_: int) -> None:
    """Change the summary of the first record, as a volunteer saving a fix would."""
    record = next(path for path in sorted((project / "sites").glob("*.yml")) if not path.name.startswith("_"))
    text = record.read_text(encoding="utf-8")
    marker = "summary:\n  vi: "
    if marker not in text:
        raise SystemExit(f"{record}: no 'summary: vi:' to edit")
    record.write_text(text.replace(marker, f"{marker}(sửa lần {round_}) ", 1), encoding="utf-8")


def environment(code: Path, pyc: Path | None) -> dict[str, str]:
    env = dict(os.environ, DIACHIDO_LANG="en", PYTHONPATH=str(code))
    if pyc is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pyc)
    return env


def run(project: Path, env: dict[str, str], repeat: int) -> dict[str, dict]:
    check = [sys.executable, "-c", CHECK, "check"]
    cache = project / ".diachido" / "cache" / "records"
    measure(check, project, env)  # untimed: fills Python's bytecode cache and the OS's file cache
    rows: dict[str, list[dict]] = {"floor": [], "check, cold cache": [], "check, warm cache": [],
                                   "check, one record edited": []}
    for round_ in range(repeat):
        rows["floor"].append(measure([sys.executable, "-c", FLOOR], project, env))
        shutil.rmtree(cache, ignore_errors=True)
        rows["check, cold cache"].append(measure(check, project, env))
        rows["check, warm cache"].append(measure(check, project, env))
        if rows["check, cold cache"][-1]["output"] != rows["check, warm cache"][-1]["output"]:
            raise SystemExit("check printed different output with a cold and a warm cache")
        edit_one_record(project, round_)
        rows["check, one record edited"].append(measure(check, project, env))
    return {label: median_of(runs) for label, runs in rows.items()}


def print_rows(count: int, rows: dict[str, dict], code: Path) -> None:
    floor = rows["floor"]
    print(f"\nN = {count:,} sites (generator: {code})")
    print(f"  {'':28} {'wall s':>8} {'cpu s':>8} {'wall/floor':>10} {'cpu/floor':>10} {'ms/site wall':>12} "
          f"{'ms/site cpu':>12}")
    for label, row in rows.items():
        print(f"  {label:28} {row['wall']:8.2f} {row['cpu']:8.2f} {row['wall'] / floor['wall']:9.1f}x "
              f"{row['cpu'] / floor['cpu']:9.1f}x {1000 * row['wall'] / count:12.3f} {1000 * row['cpu'] / count:12.3f}")
    last = rows["check, warm cache"]["output"].decode("utf-8", "replace").strip().splitlines()[-1:]
    print(f"  check says: {last[0] if last else '(nothing)'}")
    if count == GOAL_SITES:
        warm = rows["check, warm cache"]
        verdict = "met" if max(warm["wall"], warm["cpu"]) < GOAL_SECONDS else "NOT met"
        print(f"  goal: check of {GOAL_SITES:,} sites under {GOAL_SECONDS} s (warm cache): {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose generator is timed")
    parser.add_argument("--project", type=Path, help="time this project (copied) instead of synthetic ones")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away projects")
    parser.add_argument("--no-pyc", action="store_true", help="leave Python's bytecode cache as the environment sets it")
    args = parser.parse_args()
    pyc = None if args.no_pyc else Path(tempfile.mkdtemp(prefix="dcd-check-pyc-"))
    env = environment(args.code.resolve(), pyc)
    projects = [(None, copy_project(args.project.resolve()))] if args.project else [(n, make(n)) for n in args.sizes]
    for count, project in projects:
        try:
            rows = run(project, env, args.repeat)
            files = sum(1 for p in (project / "sites").rglob("*.yml") if not p.name.startswith("_"))
            print_rows(count or files, rows, args.code.resolve())
        finally:
            if args.keep:
                print(f"  kept {project}")
            else:
                shutil.rmtree(project, ignore_errors=True)
    if pyc is not None:
        shutil.rmtree(pyc, ignore_errors=True)


if __name__ == "__main__":
    main()
