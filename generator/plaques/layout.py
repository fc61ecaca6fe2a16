"""Plaque layout: what goes where on a plaque of each size, in millimetres.

A plaque is laid out once as a ``Layout`` (boxes, lines of text, the QR symbol, the
logo); ``plaques_render`` draws it as a PNG and ``plaques_pdf`` as vector PDF, so the
PNG and the PDF of a plaque always agree.

Sizing the QR symbol: a phone reads a QR code comfortably from about ten times the
symbol's side (the usual rule of thumb, "scan distance ≈ 10 × QR side"). Each size
names the distance it is meant to be read from and the symbol side follows:

=========  ===========  =============  ==============================================
size       trim (mm)    read from      QR symbol side (quiet zone of 4 modules extra)
=========  ===========  =============  ==============================================
a4         210 × 297    1.3 m          130 mm: a wall by a gate, read from the path
a5         148 × 210    0.9 m           90 mm: a wall or stand at the site
a6         105 × 148    0.6 m           60 mm: a post or a door, read close up
sticker     50 × 70     0.3 m           30 mm: on a sign, a box, a guide's handout
=========  ===========  =============  ==============================================

The module is then a whole number of printer dots at the chosen resolution (so every
module edge is sharp), which makes the side a little smaller than the rule, never larger.

Error correction: level Q, quiet zone 4 modules (ISO/IEC 18004 §9.1). See
``ERROR_CORRECTION`` for the measurements behind the choice.

Text is measured with the bundled font's own advance widths (fontTools), the numbers
fpdf2 uses too; no system font is ever used, so a plaque is the same everywhere.
Vietnamese needs no shaping once text is NFC: every vowel with its marks is one glyph.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import qrcode
from fontTools.ttLib import TTFont
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

from ..i18n.labels import rank_label
from .errors import PlaqueError
from ..records.schema import RankLevel
from ..urls import short_url

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from ..records.schema import Site

MM_PER_INCH = 25.4
MM_PER_PT = MM_PER_INCH / 72
DEFAULT_DPI = 300

ERROR_CORRECTION = "Q"
"""Level Q (25 % of codewords recoverable), chosen with ``bench/bench_plaques.py``.

Our URLs are 46 bytes (``https://…github.io/s/TH-0042/``): L needs QR version 3
(29 modules), M and Q version 4 (33), H version 6 (41). On an A6 plaque photographed
by a 12-MP phone (rotated, tilted, blurred, noisy, unevenly lit) the bench measured:

=====  ============  =========  ==============================
level  reads up to   blur (px)  dark stain over the symbol
=====  ============  =========  ==============================
L      1.6 m         4.0         4 % of its area
M      1.3 m         3.6        10 %
Q      1.3 m         3.6        16 %
H      1.1 m         2.8        18 %
=====  ============  =========  ==============================

Distance and blur depend on the module size, so M and Q are equal there and H, with
the densest symbol, fails first. Q costs nothing over M in resolution and survives a
stain 1.6 times larger; H survives a little more dirt but loses a sixth of the reading
distance and a fifth of the blur tolerance. A plaque meets dirt and blur for years:
Q is the balance. (A shorter URL helps every level; a logo inside the QR would need H.)
"""
QUIET_ZONE_MODULES = 4
"""ISO/IEC 18004 asks for a light margin of 4 modules; nothing is drawn inside it."""

_QR_LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FILES = {
    "regular": "BeVietnamPro-Regular.ttf",
    "bold": "BeVietnamPro-Bold.ttf",
}

Colour = tuple[int, int, int]
# The red of "địa chỉ đỏ" and a muted gold, used for the bands and rules only: long
# text stays near-black on white for legibility, the QR stays black for contrast.
RED: Colour = (163, 22, 33)
GOLD: Colour = (222, 178, 72)
INK: Colour = (34, 24, 22)
MUTED: Colour = (96, 84, 80)
WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)

# Only an official rank goes on a plaque; "not ranked" would read as a slight.
RANKS_SHOWN = (RankLevel.SPECIAL_NATIONAL, RankLevel.NATIONAL, RankLevel.PROVINCIAL)
SCAN_LINE_VI = "Quét mã để tìm hiểu"
SCAN_LINE_EN = "Scan to learn more"


@dataclass(frozen=True)
class PlaqueSize:
    key: str
    width: float
    height: float
    scan_distance: float
    compact: bool = False  # stickers: no organisation line, rank or English name

    @property
    def qr_side(self) -> float:
        return self.scan_distance / 10

    @property
    def scale(self) -> float:
        """Type and spacing grow with the plaque's width, A6 being 1."""
        return self.width / 105


SIZES: dict[str, PlaqueSize] = {
    size.key: size
    for size in (
        PlaqueSize("a4", 210, 297, 1300),
        PlaqueSize("a5", 148, 210, 900),
        PlaqueSize("a6", 105, 148, 600),
        PlaqueSize("sticker", 50, 70, 300, compact=True),
    )
}


# --- content ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlaqueContent:
    """Everything a plaque says, already NFC and checked against the font."""

    site_id: str
    url: str
    name_vi: str
    name_en: str | None
    rank_label: str | None
    brand: str
    organisation: str
    logo: Path | None


def display_url(url: str) -> str:
    """The URL as a person types it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def _nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", " ".join(text.split())) if text else None


def plaque_content(config: "ProjectConfig", site: "Site") -> PlaqueContent:
    content = PlaqueContent(
        site_id=site.id,
        url=short_url(config, site.id),
        name_vi=_nfc(site.name.vi) or site.id,
        name_en=_nfc(site.name.en),
        rank_label=rank_label(site.rank.level, "vi") if site.rank.level in RANKS_SHOWN else None,
        brand=_nfc(config.site_name) or "",
        organisation=_nfc(config.organisation.name) or "",
        logo=config.organisation.logo,
    )
    texts = (content.name_vi, content.name_en, content.brand, content.organisation)
    missing = missing_glyphs(" ".join(text for text in texts if text))
    if missing:
        raise PlaqueError("plaques.missing_glyphs", id=site.id, chars=" ".join(sorted(missing)))
    if content.logo is not None and not content.logo.is_file():
        raise PlaqueError("plaques.logo_missing", path=str(content.logo))
    return content


# --- font metrics -----------------------------------------------------------------


@dataclass(frozen=True)
class FontMetrics:
    advances: dict[int, int]
    units_per_em: int
    ink_top: float  # highest point of any glyph, in em (stacked marks on capitals)
    ink_bottom: float  # lowest point, in em, as a positive number

    def width(self, text: str, size_pt: float) -> float:
        """Width in mm, from advance widths (no kerning, as both renderers draw it)."""
        units = sum(self.advances.get(ord(char), 0) for char in text)
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


def missing_glyphs(text: str) -> set[str]:
    """Characters the bundled font cannot draw (they would print as empty boxes)."""
    known = metrics("bold").advances.keys() & metrics("regular").advances.keys()
    return {char for char in text if not char.isspace() and ord(char) not in known}


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


# --- layout -----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str
    weight: str
    colour: Colour


@dataclass(frozen=True)
class TextLine:
    """One centred line, possibly of several runs (Vietnamese bold, English regular)."""

    role: str
    runs: tuple[Run, ...]
    size: float  # pt
    centre_x: float  # mm
    baseline: float  # mm from the top


@dataclass(frozen=True)
class Box:
    """A rectangle in mm. A stroke is drawn inside the rectangle's edges."""

    x: float
    y: float
    w: float
    h: float
    fill: Colour | None = None
    stroke: Colour | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True)
class QrSymbol:
    modules: tuple[tuple[bool, ...], ...]
    x: float
    y: float
    module: float  # mm

    @property
    def side(self) -> float:
        return len(self.modules) * self.module

    @property
    def quiet(self) -> float:
        return QUIET_ZONE_MODULES * self.module


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    dpi: int
    boxes: tuple[Box, ...]
    texts: tuple[TextLine, ...]
    qr: QrSymbol
    logo: Box | None  # where the organisation's logo goes
    logo_path: Path | None
    name_box: Box  # the area the site's name must stay inside

    def only(self, role: str) -> "Layout":
        """The same plaque with only the text lines of ``role`` (to test where ink falls)."""
        blank = replace(self.qr, modules=tuple(tuple(False for _ in row) for row in self.qr.modules))
        texts = tuple(line for line in self.texts if line.role == role)
        return replace(self, boxes=(), texts=texts, qr=blank, logo=None, logo_path=None)


@lru_cache(maxsize=1024)
def qr_modules(url: str, level: str = ERROR_CORRECTION) -> tuple[tuple[bool, ...], ...]:
    """The QR symbol for ``url`` as rows of dark (True) modules, without quiet zone."""
    code = qrcode.QRCode(error_correction=_QR_LEVELS[level], border=0)
    code.add_data(url.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def _snap(mm: float, dpi: int) -> float:
    """Round a position to the printer-dot grid so QR modules start on a dot."""
    return round(mm / MM_PER_INCH * dpi) * MM_PER_INCH / dpi


def _pt(size: PlaqueSize, at_a6: float, smallest: float) -> float:
    return max(at_a6 * size.scale, smallest)


def _ascent(weight: str, size: float) -> float:
    return metrics(weight).ink_top * size * MM_PER_PT


def _descent(weight: str, size: float) -> float:
    return metrics(weight).ink_bottom * size * MM_PER_PT


def _stack(role: str, fitted: FittedText, colour: Colour, centre_x: float, top: float) -> list[TextLine]:
    """Lines of ``fitted`` whose block starts (ink top) at ``top``."""
    pitch = LINE_PITCH * fitted.size * MM_PER_PT
    first = top + _ascent(fitted.weight, fitted.size)
    return [
        TextLine(role, (Run(text, fitted.weight, colour),), fitted.size, centre_x, first + index * pitch)
        for index, text in enumerate(fitted.lines)
    ]


@dataclass(frozen=True)
class _Frame:
    """The plaque's fixed furniture: white trim margin, red bands, thin red frame."""

    inset: float
    header: Box
    footer: Box
    inner_left: float
    inner_right: float

    @property
    def inner_width(self) -> float:
        return self.inner_right - self.inner_left


def _frame(size: PlaqueSize, content: PlaqueContent) -> _Frame:
    s = size.scale
    inset = max(4.0 * s, 2.5)
    header_h = (8.0 if size.compact or not content.organisation else 15.0) * max(s, 0.75)
    footer_h = 8.0 * max(s, 0.7)
    width = size.width - 2 * inset
    header = Box(inset, inset, width, header_h, fill=RED)
    footer = Box(inset, size.height - inset - footer_h, width, footer_h, fill=RED)
    padding = max(5.0 * s, 2.5)
    return _Frame(inset, header, footer, inset + padding, size.width - inset - padding)


def _header(size: PlaqueSize, content: PlaqueContent, frame: _Frame) -> tuple[list[TextLine], Box | None]:
    band = frame.header
    logo = None
    text_width = frame.inner_width
    if content.logo is not None:
        side = band.h * 0.72
        logo = Box(band.x + (band.h - side) / 2, band.y + (band.h - side) / 2, side, side)
        text_width = min(text_width, band.w - 2 * (band.h + 1))
    centre = size.width / 2
    brand = fit(content.brand, "bold", text_width, band.h * 0.5, _pt(size, 11.5, 6), 3.5, 1)
    if size.compact or not content.organisation:
        return _centred_in(band, [("brand", brand, WHITE)], centre), logo
    org = fit(content.organisation.upper(), "bold", text_width, band.h * 0.3, _pt(size, 6.5, 5), 3.5, 1)
    return _centred_in(band, [("organisation", org, GOLD), ("brand", brand, WHITE)], centre), logo


def _centred_in(band: Box, blocks: list[tuple[str, FittedText, Colour]], centre_x: float) -> list[TextLine]:
    """Stack blocks of text and centre the whole vertically in ``band`` by cap height.

    Centring on cap height, not on ink, keeps a line with marks (Đ, Ổ) from sitting low.
    """
    gap = 0.45
    sizes = [fitted.size * MM_PER_PT for _, fitted, _ in blocks]
    cap = 0.74  # the font's cap height in em
    total = sum(cap * size for size in sizes) + gap * sum(sizes[1:])
    baseline = band.y + (band.h - total) / 2
    lines = []
    for index, (role, fitted, colour) in enumerate(blocks):
        baseline += cap * sizes[index] + (gap * sizes[index] if index else 0)
        lines.append(TextLine(role, (Run(fitted.lines[0], fitted.weight, colour),), fitted.size, centre_x, baseline))
    return lines


FOOTER_LABEL = "Mã di tích "


def _footer(size: PlaqueSize, content: PlaqueContent, frame: _Frame) -> list[TextLine]:
    """"Mã di tích TH-0042": the id people quote when they report a broken plaque."""
    label = "" if size.compact else FOOTER_LABEL
    fitted = fit(label + content.site_id, "bold", frame.inner_width, frame.footer.h * 0.6, _pt(size, 10, 6), 4, 1)
    (line,) = _centred_in(frame.footer, [("id", fitted, GOLD)], size.width / 2)
    runs = (Run(label, "regular", WHITE), Run(content.site_id, "bold", GOLD)) if label else line.runs
    return [replace(line, runs=runs)]


def _bottom_lines(size: PlaqueSize, content: PlaqueContent, frame: _Frame) -> tuple[list[TextLine], float]:
    """The scan invitation and the typed-in URL, resting on the footer; returns their top."""
    centre = size.width / 2
    url_size = _pt(size, 7.5, 5)
    scan_size = _pt(size, 8, 5.5)
    url = display_url(content.url)
    prefix, _, site_id = url.rpartition("/")
    url_runs = (Run(prefix + "/", "regular", MUTED), Run(site_id, "bold", RED))
    scan_runs = (Run(SCAN_LINE_VI, "bold", INK), Run(" · " + SCAN_LINE_EN, "regular", MUTED))
    url_size = min(url_size, _shrink_runs(url_runs, url_size, frame.inner_width))
    scan_size = min(scan_size, _shrink_runs(scan_runs, scan_size, frame.inner_width))
    gap = max(3.0 * size.scale, 1.2)
    url_baseline = frame.footer.y - gap - _descent("regular", url_size)
    scan_baseline = url_baseline - LINE_PITCH * url_size * MM_PER_PT
    top = scan_baseline - _ascent("bold", scan_size)
    return [
        TextLine("scan", scan_runs, scan_size, centre, scan_baseline),
        TextLine("url", url_runs, url_size, centre, url_baseline),
    ], top


def _shrink_runs(runs: tuple[Run, ...], size: float, width: float) -> float:
    """The size at which the runs, side by side, fit ``width``."""
    natural = sum(metrics(run.weight).width(run.text, size) for run in runs)
    return size * min(1.0, width * MEASURE_SLACK / natural)


def _qr(size: PlaqueSize, content: PlaqueContent, bottom: float, dpi: int, level: str) -> QrSymbol:
    modules = qr_modules(content.url, level)
    dots = int(size.qr_side / MM_PER_INCH * dpi / len(modules))
    if dots < 2:
        raise PlaqueError("plaques.dpi_too_low", dpi=dpi, size=size.key)
    module = dots * MM_PER_INCH / dpi
    side = module * len(modules)
    x = _snap((size.width - side) / 2, dpi)
    y = _snap(bottom - QUIET_ZONE_MODULES * module - side, dpi)
    return QrSymbol(modules, x, y, module)


def _flanking_rules(line: TextLine, s: float) -> list[Box]:
    """Short gold rules either side of the rank line, at the middle of its capitals."""
    half = metrics(line.runs[0].weight).width(line.runs[0].text, line.size) / 2
    length, gap, thick = 7.0 * s, 2.2 * s, max(0.35 * s, 0.25)
    y = line.baseline - 0.37 * line.size * MM_PER_PT - thick / 2
    return [
        Box(line.centre_x - half - gap - length, y, length, thick, fill=GOLD),
        Box(line.centre_x + half + gap, y, length, thick, fill=GOLD),
    ]


def _title(size: PlaqueSize, content: PlaqueContent, area: Box) -> tuple[list[TextLine], list[Box]]:
    """Rank, Vietnamese name, English name, centred as one block in ``area``."""
    s = size.scale
    centre = size.width / 2
    rank = en = None
    if not size.compact and content.rank_label:
        rank_width = area.w - 2 * (9.2 * s)  # room for the flanking rules
        rank = fit(content.rank_label.upper(), "bold", rank_width, area.h, _pt(size, 6.5, 5), 4, 1)
    reserved = rank.height + 1.6 * s if rank else 0.0
    if not size.compact and content.name_en:
        en = fit(content.name_en, "regular", area.w, area.h * 0.3, _pt(size, 8.5, 5), 4, 2)
        reserved += en.height + 1.4 * s
    name = fit(content.name_vi, "bold", area.w, area.h - reserved, _pt(size, 19, 7.5), _pt(size, 11, 5), 3)
    blocks = [(role, fitted, colour) for role, fitted, colour in (("rank", rank, RED), ("name", name, INK), ("name_en", en, MUTED)) if fitted]
    gaps = {"name": 1.6 * s, "name_en": 1.4 * s}
    total = sum(fitted.height for _, fitted, _ in blocks) + sum(gaps[role] for role, _, _ in blocks[1:])
    top = area.y + (area.h - total) / 2
    lines: list[TextLine] = []
    for index, (role, fitted, colour) in enumerate(blocks):
        top += gaps[role] if index else 0.0
        lines += _stack(role, fitted, colour, centre, top)
        top += fitted.height
    rules = _flanking_rules(lines[0], s) if rank else []
    return lines, rules


def layout_plaque(content: PlaqueContent, size: PlaqueSize, dpi: int = DEFAULT_DPI, level: str = ERROR_CORRECTION) -> Layout:
    """Place everything on a plaque of ``size``; positions in mm from the top left.

    ``level`` is there for the robustness bench; plaques use ``ERROR_CORRECTION``.
    """
    frame = _frame(size, content)
    header_lines, logo = _header(size, content, frame)
    bottom_lines, bottom_top = _bottom_lines(size, content, frame)
    qr = _qr(size, content, bottom_top, dpi, level)
    gap = max(2.5 * size.scale, 1.0)
    name_top = frame.header.y + frame.header.h + gap
    name_box = Box(frame.inner_left, name_top, frame.inner_width, qr.y - qr.quiet - name_top)
    if name_box.h <= 0:
        raise PlaqueError("plaques.no_room", size=size.key)
    border = Box(frame.inset, frame.inset, size.width - 2 * frame.inset, size.height - 2 * frame.inset, stroke=RED, stroke_width=max(0.5 * size.scale, 0.3))
    rule_h = max(0.7 * size.scale, 0.4)
    rule = Box(frame.header.x, frame.header.y + frame.header.h, frame.header.w, rule_h, fill=GOLD)
    footer_rule = Box(frame.footer.x, frame.footer.y - rule_h, frame.footer.w, rule_h, fill=GOLD)
    title_lines, title_rules = _title(size, content, name_box)
    texts = header_lines + title_lines + bottom_lines + _footer(size, content, frame)
    return Layout(
        width=size.width,
        height=size.height,
        dpi=dpi,
        boxes=(border, frame.header, rule, frame.footer, footer_rule, *title_rules),
        texts=tuple(texts),
        qr=qr,
        logo=logo,
        logo_path=content.logo,
        name_box=name_box,
    )
