"""Text on plaques: the bundled font's metrics, wrapping and fitting text into a box.

Text is measured with the bundled font's own advance widths (fontTools), the numbers
fpdf2 uses too; no system font is ever used, so a plaque is the same everywhere.
Vietnamese needs no shaping once text is NFC: every vowel with its marks is one glyph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont

from .errors import PlaqueError

if TYPE_CHECKING:
    pass
from .sizes import MM_PER_PT

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FILES = {
    "regular": "BeVietnamPro-Regular.ttf",
    "bold": "BeVietnamPro-Bold.ttf",
}


# --- font metrics -----------------------------------------------------------------


MEASURED_KEPT = 100_000  # texts whose width is remembered: fitting measures the same words at every size


@dataclass(frozen=True)
class FontMetrics:
    advances: dict[int, int]
    units_per_em: int
    ink_top: float  # highest point of any glyph, in em (stacked marks on capitals)
    ink_bottom: float  # lowest point, in em, as a positive number
    measured: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def width(self, text: str, size_pt: float) -> float:
        """Width in mm, from advance widths (no kerning, as both renderers draw it)."""
        units = self.measured.get(text)
        if units is None:
            if len(self.measured) >= MEASURED_KEPT:
                self.measured.clear()
            units = self.measured[text] = sum(self.advances.get(ord(char), 0) for char in text)
        return units / self.units_per_em * size_pt * MM_PER_PT


def font_path(weight: str) -> Path:
    return FONT_DIR / FONT_FILES[weight]


@lru_cache(maxsize=None)
def metrics(weight: str) -> FontMetrics:
    font = TTFont(font_path(weight), lazy=True)
    glyph_widths = font["hmtx"].metrics
    head = font["head"]
    advances = {code: glyph_widths[name][0] for code, name in font.getBestCmap().items()}
    return FontMetrics(advances, head.unitsPerEm, head.yMax / head.unitsPerEm, -head.yMin / head.unitsPerEm)


@lru_cache(maxsize=None)
def _printable() -> frozenset[int]:
    return frozenset(metrics("bold").advances.keys() & metrics("regular").advances.keys())


def missing_glyphs(text: str) -> set[str]:
    """Characters the bundled font cannot draw (they would print as empty boxes)."""
    known = _printable()
    return {char for char in set(text) if ord(char) not in known and not char.isspace()}


# --- text fitting -----------------------------------------------------------------

LINE_PITCH = 1.3  # em; the descender of one line clears the stacked marks of the next
SIZE_STEP = 0.25  # pt
SMALLEST_TEXT = 3.0  # pt; below this a name cannot be read, so the layout refuses
MEASURE_SLACK = 0.97  # Pillow's hinted advances can run a little wider than the font's


def _break_word(word: str, weight: str, size: float, width: float) -> list[str]:
    """Split a word wider than the line (no space to break at) between characters."""
    pieces, current = [], ""
    for char in word:
        if current and metrics(weight).width(current + char, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return pieces + [current]


def wrap(text: str, weight: str, size: float, width: float) -> list[str]:
    """Greedy word wrap of ``text`` at ``size`` pt into lines at most ``width`` mm wide."""
    measure = metrics(weight).width
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate, size) <= width:
            lines[-1] = candidate
        elif measure(word, size) <= width:
            lines.append(word)
        else:
            lines.extend(_break_word(word, weight, size, width))
    return lines


def wrap_balanced(text: str, weight: str, size: float, width: float) -> list[str]:
    """As few lines as ``wrap`` gives, but of even length: centred titles look settled.

    Searches for the narrowest width that still needs no more lines than the full width.
    """
    lines = wrap(text, weight, size, width)
    low = max(metrics(weight).width(word, size) for word in text.split(" "))
    if len(lines) < 2 or low > width:
        return lines
    high = width
    for _ in range(12):
        middle = (low + high) / 2
        if len(wrap(text, weight, size, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, weight, size, high)


def block_height(weight: str, size: float, lines: int) -> float:
    """Height in mm from the top of the highest mark to the lowest descender."""
    font = metrics(weight)
    return (font.ink_top + (lines - 1) * LINE_PITCH + font.ink_bottom) * size * MM_PER_PT


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: float
    weight: str

    @property
    def height(self) -> float:
        return block_height(self.weight, self.size, len(self.lines)) if self.lines else 0.0


@lru_cache(maxsize=4096)  # the header and footer lines are the same on every plaque
def fit(text: str, weight: str, width: float, height: float, largest: float, smallest: float, max_lines: int) -> FittedText:
    """The largest size at which ``text`` fits the box, in at most ``max_lines`` lines.

    Long names first shrink to ``smallest``; only then may they take more lines,
    and shrink further down to ``SMALLEST_TEXT``.
    """
    width *= MEASURE_SLACK
    for floor, line_limit in ((smallest, max_lines), (SMALLEST_TEXT, 10**6)):
        size = largest
        while size >= floor:
            lines = wrap(text, weight, size, width)
            if len(lines) <= line_limit and block_height(weight, size, len(lines)) <= height:
                return FittedText(tuple(wrap_balanced(text, weight, size, width)), size, weight)
            size -= SIZE_STEP
    raise PlaqueError("plaques.text_too_long", text=text[:60])
