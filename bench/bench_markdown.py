"""Markdown bench: the worst history a record may hold, against ordinary prose.

    .venv/bin/python bench/bench_markdown.py

Each case is a 50,000-character history (the schema's limit) that the schema accepts
(``records.schema._bounded_markdown``), built to be as slow as possible for
Python-Markdown: unmatched '[' and '<' up to the bracket budget, emphasis up to its
budget, spread over one paragraph or many. The floor is 50,000 characters of plain
Vietnamese prose. It prints each case's time and its ratio to the floor, and the same
texts without the bound on link scans (``--unbounded``) for comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402

from generator.records.schema import MARKDOWN_MAX_ANGLES as A, MARKDOWN_MAX_BRACKETS as B  # noqa: E402
from generator.records.schema import MARKDOWN_MAX_EMPHASIS as E, MARKDOWN_MAX_ITEMS as I  # noqa: E402
from generator.records.schema import MARKDOWN_MAX_NESTING as N  # noqa: E402
from generator.records.schema import _bounded_markdown  # noqa: E402
from generator.site.markdown_text import markdown_to_safe_html  # noqa: E402

SIZE = 50_000
PROSE = "Đền thờ được dựng vào thời Lê, trùng tu nhiều lần, còn giữ bia đá và sắc phong. "


def _fill(head: str) -> str:
    return head + (PROSE * (SIZE // len(PROSE) + 1))[: SIZE - len(head)]


CASES = {
    "prose (floor)": _fill(""),
    f"{B} '[' in one paragraph": _fill("[" * B),
    f"{B // 2} '![' in one paragraph": _fill("![" * (B // 2)),
    f"{A} '<' in one paragraph": _fill("<a " * A),
    f"{B // 2} '[a](' in one paragraph": _fill("[a](" * (B // 2)),
    f"{E} '*' in one paragraph": _fill("*a" * E),
    f"{I} list items, {N} deep": _fill("\n".join(["- " * N + "a"] * I) + "\n\n"),
    f"{B} '[' and {E} '*' over 40 paragraphs": "\n\n".join(
        ("[" * (B // 40) + "*a" * (E // 40) + PROSE * 20)[: SIZE // 40 - 2] for _ in range(40)),
}


def _time(render, text: str, repeat: int = 3) -> float:
    """Best of ``repeat`` runs: the machine is shared, the minimum is the cost."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        render(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unbounded", action="store_true", help="also time plain Python-Markdown (slow: minutes)")
    args = parser.parse_args()
    floor = _time(markdown_to_safe_html, CASES["prose (floor)"])
    print(f"{'case':45} {'chars':>7} {'seconds':>8} {'x floor':>8}" + ("  unbounded s" if args.unbounded else ""))
    for name, text in CASES.items():
        _bounded_markdown(text)  # every case is one the schema accepts
        seconds = _time(markdown_to_safe_html, text)
        line = f"{name:45} {len(text):7d} {seconds:8.3f} {seconds / floor:8.1f}"
        if args.unbounded:
            line += f"  {_time(lambda t: markdown.markdown(t, extensions=['tables', 'sane_lists']), text, 1):11.3f}"
        print(line)


if __name__ == "__main__":
    main()
