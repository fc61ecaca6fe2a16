"""Plaque layout: what goes where on a plaque of each size, in millimetres.

A plaque is laid out once as a ``Layout`` (boxes, lines of text, the QR symbol, the
logo); ``raster`` draws it as a PNG and ``pdf`` as vector PDF, so the PNG and the PDF
of a plaque always agree. Sizes and the QR rule are in ``sizes``, the words in
``content``, text measuring and fitting in ``typesetting``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import zxingcpp

from .errors import PlaqueError

if TYPE_CHECKING:
    pass
from .content import SCAN_LINE_EN, SCAN_LINE_VI, PlaqueContent, display_url
from .sizes import (
    DEFAULT_DPI,
    ERROR_CORRECTION,
    GOLD,
    INK,
    MM_PER_INCH,
    MM_PER_PT,
    MUTED,
    QR_LEVELS,
    QUIET_ZONE_MODULES,
    RED,
    WHITE,
    Colour,
    PlaqueSize,
)
from .typesetting import LINE_PITCH, MEASURE_SLACK, FittedText, fit, metrics

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
    """The QR symbol for ``url`` as rows of dark (True) modules, without
    quiet zone: the smallest version for ``level``, the mask of least penalty (ISO/IEC 18004).

    zxing-cpp's encoder (C++) takes 0.3 ms where the pure-Python qrcode took 10 ms, most
    of a plaque's layout; plaques are still checked by its separate decoder and by a
    simulated phone photo (``--verify``)."""
    if level not in QR_LEVELS:
        raise ValueError(f"unknown QR error-correction level {level!r}")
    symbol = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level=level)
    dark = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False)) < 128
    return tuple(map(tuple, dark.tolist()))


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


def _footer(size: PlaqueSize, content: PlaqueContent, frame: _Frame) -> list[TextLine]:
    """"Mã di tích TH-0042": the id people quote when they report a broken plaque."""
    label = "" if size.compact else content.id_label + " "
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
