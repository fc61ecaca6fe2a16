"""Records bench: ``diachido check`` and the full ``diachido build`` for N synthetic sites.

    .venv/bin/python bench/bench_records.py                  # N = 100, 1,000, 5,000
    .venv/bin/python bench/bench_records.py --sizes 1000 --repeat 3
    .venv/bin/python bench/bench_records.py --keep           # keep the temp projects

For each N it writes N plausible Thanh Hóa sites (unique ids and slugs, Vietnamese
names, summaries and Markdown histories, points inside the configured province bounds)
into a temporary copy of the project, then runs, each in a fresh child process:

- ``diachido check``;
- ``diachido build`` (check, generated content, MkDocs, post-render steps);
- the floor: Python-Markdown + one Jinja2 template writing the same N pages, from the
  same data already in JSON (no YAML, no validation, no theme).

Time is wall time of the child; memory is its peak RSS from ``os.wait4`` (on Linux
that covers the child and the processes it waited for, i.e. MkDocs inside a build).
The issue's budget: ``check`` of 1,000 sites under 2 s on the project's machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synthetic import make_project, synthetic_sites

from generator.config import load_config

CHECK_BUDGET_SITES, CHECK_BUDGET_SECONDS = 1000, 2.0


def measure(command: list[str], cwd: Path) -> tuple[float, float, float, int, str]:
    """(wall s, CPU s, peak RSS in MB, exit status, output tail) of one child process.

    CPU time (user + system, the child and what it waited for) is shown beside wall
    time because it barely moves when other work shares the machine.
    """
    env = dict(os.environ, DIACHIDO_LANG="en")
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read()  # drain before waiting, so a chatty child cannot block
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, child.returncode, output.decode("utf-8", "replace")[-2000:]


# --- the floor: Python-Markdown + one Jinja2 template, run as its own child ------------------

FLOOR_TEMPLATE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ site.name.vi }}</title>
<meta name="description" content="{{ site.summary.vi }}"></head>
<body><h1>{{ site.name.vi }}</h1><p>{{ site.summary.vi }}</p>
<p>{{ site.id }} · {{ site.rank.level }} · {{ site.address.commune }}</p>
{{ history | safe }}</body></html>
"""


def floor(project: Path) -> None:
    import jinja2
    import markdown

    sites = json.loads((project / "floor.json").read_text(encoding="utf-8"))
    template = jinja2.Environment(autoescape=True).from_string(FLOOR_TEMPLATE)
    out = project / "floor"
    for site in sites:
        page = out / site["slug"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        history = markdown.markdown(site.get("history", {}).get("vi", ""))
        page.write_text(template.render(site=site, history=history), encoding="utf-8")


# --- running ---------------------------------------------------------------------------------


def diachido_command() -> list[str]:
    script = Path(sys.executable).with_name("diachido")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from generator.cli import main; main()"]


def run_size(count: int, repeat: int, keep: bool) -> dict:
    config = load_config(ROOT)
    folder = Path(tempfile.mkdtemp(prefix=f"diachido-bench-{count}-"))
    try:
        make_project(folder, synthetic_sites(count, config.bounds))
        rows = {}
        commands = {
            "check": diachido_command() + ["check"],
            "build": diachido_command() + ["build"],
            "floor": [sys.executable, str(Path(__file__).resolve()), "--floor", str(folder)],
        }
        for label, command in commands.items():
            times, cpus, peaks = [], [], []
            for _ in range(repeat):
                seconds, cpu, peak, status, tail = measure(command, folder)
                if status != 0:
                    raise SystemExit(f"{label} of {count} sites failed ({status}):\n{tail}")
                times.append(seconds)
                cpus.append(cpu)
                peaks.append(peak)
            rows[label] = (statistics.median(times), statistics.median(cpus), max(peaks))
        pages = sum(1 for _ in (folder / "site" / "di-tich").glob("*/index.html"))
        if pages < count:
            raise SystemExit(f"build of {count} sites made only {pages} site pages")
        return rows
    finally:
        if keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the median time is shown")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # internal: run the floor in this process
    args = parser.parse_args()
    if args.floor:
        floor(args.floor)
        return

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"median of {args.repeat} run(s)")
    print("wall = seconds of a fresh process, cpu = its user+system seconds, MB = its peak RSS; ratios on wall time")
    header = (f"{'N':>6} | {'check wall':>10} {'cpu':>5} {'MB':>4} | {'build wall':>10} {'cpu':>5} {'MB':>4} | "
              f"{'floor wall':>10} {'cpu':>5} {'MB':>4} | {'check/floor':>11} {'build/floor':>11} {'MB b/f':>6}")
    print(header)
    print("-" * len(header))
    budget = None
    for count in args.sizes:
        rows = run_size(count, args.repeat, args.keep)
        (check_s, check_cpu, check_mb), (build_s, build_cpu, build_mb) = rows["check"], rows["build"]
        floor_s, floor_cpu, floor_mb = rows["floor"]
        print(f"{count:>6,} | {check_s:>10.2f} {check_cpu:>5.2f} {check_mb:>4.0f} | "
              f"{build_s:>10.2f} {build_cpu:>5.1f} {build_mb:>4.0f} | {floor_s:>10.2f} {floor_cpu:>5.2f} {floor_mb:>4.0f} | "
              f"{check_s / floor_s:>10.1f}x {build_s / floor_s:>10.1f}x {build_mb / floor_mb:>5.1f}x", flush=True)
        if count == CHECK_BUDGET_SITES:
            budget = check_s, check_cpu
    if budget is not None:
        wall, cpu = budget
        verdict = "OK" if wall < CHECK_BUDGET_SECONDS else "TOO SLOW"
        print(f"\ncheck of {CHECK_BUDGET_SITES:,} sites: {wall:.2f} s wall, {cpu:.2f} s CPU "
              f"(budget {CHECK_BUDGET_SECONDS:.0f} s): {verdict}")


if __name__ == "__main__":
    main()
