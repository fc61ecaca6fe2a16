"""Import bench: reading a spreadsheet of N sites in each format Excel saves, and a whole import.

    .venv/bin/python bench/bench_import.py                 # N = 1,000
    .venv/bin/python bench/bench_import.py --rows 5000 --repeat 3

The rows are the real sample rows of ``../shared/data`` (or ``sites/_import_template.csv``
columns with one made-up row if that folder is absent), repeated with numbered names so
that every row becomes its own record. For each format it prints the best time of
``read_table`` (format and encoding detection, delimiter, NFC, cells) and its ratio to
the floor: ``csv.reader`` over the same text already decoded as UTF-8 (what the import
did before it detected anything). Then one whole ``import_csv`` (validation of every
row, ids, files) of the UTF-8 file into an empty project.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from generator.config import load_config  # noqa: E402
from generator.records.importer import KNOWN_COLUMNS, import_csv  # noqa: E402
from generator.records.spreadsheet import read_table  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "thanh_hoa_sites.csv"
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def sample_rows(count: int) -> list[list[str]]:
    with SHARED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    name = header.index("name_vi")
    made = []
    for number in range(count):
        row = list(body[number % len(body)])
        row[name] = f"{row[name]} {number + 1}"
        made.append([cell for cell in row])
    return [header] + made


def windows_1258(text: str) -> bytes:
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258", errors="replace")


def files(rows: list[list[str]], folder: Path) -> dict[str, Path]:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    tabs = io.StringIO()
    csv.writer(tabs, delimiter="\t", lineterminator="\r\n").writerows(rows)
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    made = {
        "csv utf-8": (folder / "utf8.csv", text.encode("utf-8")),
        "csv windows-1258": (folder / "cp1258.csv", windows_1258(text)),
        "unicode text (utf-16)": (folder / "utf16.txt", b"\xff\xfe" + tabs.getvalue().encode("utf-16-le")),
    }
    for path, data in made.values():
        path.write_bytes(data)
    book.save(folder / "book.xlsx")
    return {name: path for name, (path, _) in made.items()} | {"xlsx": folder / "book.xlsx"}


def best(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not SHARED.is_file():
        sys.exit(f"needs {SHARED}")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        rows = sample_rows(args.rows)
        paths = files(rows, folder)
        text = paths["csv utf-8"].read_text(encoding="utf-8")
        floor = best(args.repeat, lambda: list(csv.reader(io.StringIO(text, newline=""))))
        print(f"{args.rows} rows, {paths['csv utf-8'].stat().st_size / 1e6:.2f} MB as CSV")
        print(f"{'floor: csv.reader on decoded UTF-8':38s} {floor * 1000:8.1f} ms")
        for name, path in paths.items():
            seconds = best(args.repeat, lambda: read_table(path, KNOWN_COLUMNS))
            print(f"{'read_table ' + name:38s} {seconds * 1000:8.1f} ms  {seconds / floor:6.1f}x floor  "
                  f"{args.rows / seconds:9.0f} rows/s")
        project = folder / "project"
        project.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "sites").mkdir()
        start = time.perf_counter()
        outcome = import_csv(load_config(project), paths["csv utf-8"])
        seconds = time.perf_counter() - start
        print(f"{'import_csv (validate, ids, write)':38s} {seconds * 1000:8.1f} ms  "
              f"{len(outcome.created)} records, {len(outcome.rejected)} rejected")


if __name__ == "__main__":
    main()
