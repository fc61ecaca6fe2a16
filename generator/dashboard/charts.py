"""Small charts as plain SVG text: no chart library, no script, the same bytes every run.

Every number is written with fixed decimals and every label is XML-escaped, so the
output depends only on the input. The charts repeat what the tables beside them say;
the tables are what screen readers and spreadsheets use.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 90
ROW = 26
BAR = 16
TOP = 34
DONE_COLOUR = "#9e1b1b"  # the site's lacquer red
REST_COLOUR = "#ece6df"
TARGET_COLOUR = "#c9a227"  # drum gold
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    maximum: float
    text: str  # shown at the bar's end, e.g. "12/42"


def _n(value: float) -> str:
    """A coordinate with at most one decimal, never '-0' or '1e-05'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _svg(title: str, height: float, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" '
            f'height="{_n(height)}" role="img" aria-label={quoteattr(title)}>\n'
            f"<title>{escape(title)}</title>\n"
            f'<text x="0" y="20" {FONT} font-weight="bold">{escape(title)}</text>\n'
            + "".join(line + "\n" for line in body) + "</svg>\n")


def bar_chart(title: str, bars: list[Bar]) -> str:
    """Horizontal bars, one per row, each filled to ``value / maximum``."""
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    body = []
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        share = min(max(bar.value / bar.maximum, 0.0), 1.0) if bar.maximum > 0 else 0.0
        body += [
            f'<text x="{LABEL_WIDTH - 8}" y="{_n(y + BAR - 3)}" text-anchor="end" {FONT}>{escape(bar.label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{span}" height="{BAR}" fill="{REST_COLOUR}"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{_n(span * share)}" height="{BAR}" fill="{DONE_COLOUR}"/>',
            f'<text x="{WIDTH - VALUE_WIDTH + 8}" y="{_n(y + BAR - 3)}" {FONT}>{escape(bar.text)}</text>',
        ]
    return _svg(title, TOP + len(bars) * ROW + 4, body)


def progress_chart(title: str, published: int, target: int) -> str:
    """One bar of published sites with a gold mark at the target (the bar may pass it)."""
    span = WIDTH - VALUE_WIDTH
    scale = max(published, target, 1)
    y = TOP
    mark = span * target / scale
    body = [
        f'<rect x="0" y="{y}" width="{span}" height="{BAR + 8}" fill="{REST_COLOUR}"/>',
        f'<rect x="0" y="{y}" width="{_n(span * published / scale)}" height="{BAR + 8}" fill="{DONE_COLOUR}"/>',
        f'<rect x="{_n(max(mark - 2, 0))}" y="{y - 6}" width="4" height="{BAR + 20}" fill="{TARGET_COLOUR}"/>',
        f'<text x="{span + 8}" y="{y + BAR + 1}" {FONT}>{published}/{target}</text>',
    ]
    return _svg(title, TOP + BAR + 24, body)
