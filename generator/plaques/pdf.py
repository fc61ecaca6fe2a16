"""Plaques as vector PDF: one plaque per file, or imposed on A4 sheets.

A plaque PDF is exactly the trim size and draws the same ``Layout`` as the PNG, with
the text as text (embedded, subset Be Vietnam Pro) and the QR as filled rectangles,
so a print shop can scale nothing and print it at any resolution. ``draw_plaque`` is
the one drawing routine, on a ``Canvas``: a plaque alone in its file goes through
``pdf_page`` (a build writes one per site, ~1 ms each), a sheet through fpdf2, which
lays out its index pages.

The sheet for a print shop puts several plaques on each A4 page, edge to edge, with
cut marks in the margin (the plaques have a white border of their own, so they need
no bleed). A6 is exactly a quarter of A4, so four would leave no margin for the marks:
an A6 sheet holds two, a sticker sheet twelve, an A5 sheet one; A4 plaques go one
to an A3 sheet.
The first pages list every plaque: id, name, URL and the sheet it is on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np
from fpdf import FPDF
from fpdf.fonts import FontFace

from .content import display_url
from .layout import Box, Layout, QrSymbol, TextLine, qr_modules
from .pdf_font import EmbeddedFont, plaque_fonts
from .pdf_page import PageCanvas
from .sizes import BLACK, INK, MUTED, QUIET_ZONE_MODULES, RED, Colour
from .typesetting import font_path, metrics

# A fixed date keeps the PDF the same bytes for the same input (fpdf2 writes "now").
CREATION_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
FAMILY = "BeVietnamPro"
_FONT_KEYS = {"regular": (FAMILY, ""), "bold": (FAMILY, "B")}

SHEET_PAGES = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
SHEET_MARGIN = 8.0  # mm, room for the cut marks
MARK_OFFSET = 2.0  # mm between the trim line and the start of its mark
MARK_WIDTH = 0.1  # mm, a hairline


def new_pdf(width: float, height: float, title: str) -> FPDF:
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(title)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for weight, (family, style) in _FONT_KEYS.items():
        pdf.add_font(family, style, font_path(weight))
    return pdf


class Canvas(Protocol):
    """What ``draw_plaque`` draws on; positions and sizes in mm from the page's top left."""

    def fill_rect(self, colour: Colour, x: float, y: float, w: float, h: float) -> None: ...

    def stroke_rect(self, colour: Colour, width: float, x: float, y: float, w: float, h: float) -> None:
        """A stroke ``width`` mm wide centred on the rectangle's edges."""

    def fill_runs(self, colour: Colour, x: float, y: float, cell: float, runs: Sequence[tuple[int, int, int]]) -> None:
        """Squares of ``cell`` mm from (x, y): each run (row, column, length) is ``length`` cells wide."""

    def text(self, weight: str, size: float, colour: Colour, x: float, baseline: float, text: str) -> None:
        """``text`` in the bundled font of ``weight`` at ``size`` pt, starting at x on the baseline."""

    def image(self, path: Path, x: float, y: float, w: float, h: float) -> None:
        """The image as large as fits the box, centred, its aspect kept."""


class FpdfCanvas:
    """``Canvas`` on an fpdf2 page, for documents with more than plaques (sheets, itineraries)."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf

    def fill_rect(self, colour: Colour, x: float, y: float, w: float, h: float) -> None:
        self.pdf.set_fill_color(*colour)
        self.pdf.rect(x, y, w, h, style="F")

    def stroke_rect(self, colour: Colour, width: float, x: float, y: float, w: float, h: float) -> None:
        self.pdf.set_draw_color(*colour)
        self.pdf.set_line_width(width)
        self.pdf.rect(x, y, w, h, style="D")

    def fill_runs(self, colour: Colour, x: float, y: float, cell: float, runs: Sequence[tuple[int, int, int]]) -> None:
        self.pdf.set_fill_color(*colour)
        for row, column, length in runs:
            self.pdf.rect(x + column * cell, y + row * cell, length * cell, cell, style="F")

    def text(self, weight: str, size: float, colour: Colour, x: float, baseline: float, text: str) -> None:
        self.pdf.set_font(*_FONT_KEYS[weight], size=size)
        self.pdf.set_text_color(*colour)
        self.pdf.text(x, baseline, text)

    def image(self, path: Path, x: float, y: float, w: float, h: float) -> None:
        self.pdf.image(str(path), x, y, w, h, keep_aspect_ratio=True)


def _draw_box(canvas: Canvas, box: Box, dx: float, dy: float) -> None:
    if box.fill is not None:
        canvas.fill_rect(box.fill, dx + box.x, dy + box.y, box.w, box.h)
    if box.stroke is not None:
        # PDF strokes straddle the path; the layout's strokes lie inside the box.
        half = box.stroke_width / 2
        canvas.stroke_rect(box.stroke, box.stroke_width, dx + box.x + half, dy + box.y + half,
                           box.w - box.stroke_width, box.h - box.stroke_width)


def _draw_line(canvas: Canvas, line: TextLine, dx: float, dy: float) -> None:
    # The font's advance widths, as the layout measured them (fpdf2 measures the same).
    widths = [metrics(run.weight).width(run.text, line.size) for run in line.runs]
    x = dx + line.centre_x - sum(widths) / 2
    for run, width in zip(line.runs, widths):
        canvas.text(run.weight, line.size, run.colour, x, dy + line.baseline, run.text)
        x += width


def qr_runs(modules: tuple[tuple[bool, ...], ...]) -> tuple[tuple[int, int, int], ...]:
    """(row, column, length) of every horizontal run of dark modules: one rectangle per
    run keeps the drawing compact and every edge exact."""
    edges = np.diff(np.pad(np.array(modules, dtype=np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)  # row-major order: the n-th start and end make a run
    ends = np.nonzero(edges == -1)[1]
    return tuple(zip(rows.tolist(), starts.tolist(), (ends - starts).tolist()))


def _draw_qr(canvas: Canvas, qr: QrSymbol, dx: float, dy: float) -> None:
    canvas.fill_runs(BLACK, dx + qr.x, dy + qr.y, qr.module, qr_runs(qr.modules))


def draw_qr(pdf: FPDF, url: str, x: float, y: float, side: float) -> None:
    """A QR code of ``url`` filling the square ``side`` mm at (x, y), quiet zone included
    (for printouts other than plaques, e.g. a tour's itinerary)."""
    modules = qr_modules(url)
    module = side / (len(modules) + 2 * QUIET_ZONE_MODULES)
    offset = QUIET_ZONE_MODULES * module
    _draw_qr(FpdfCanvas(pdf), QrSymbol(modules, x + offset, y + offset, module), 0.0, 0.0)


def draw_plaque(canvas: Canvas, layout: Layout, dx: float = 0.0, dy: float = 0.0) -> None:
    """Draw ``layout`` with its top left corner at (dx, dy) mm: the one drawing of a plaque
    in PDF, whether alone in its file (``plaque_pdf``) or imposed on a sheet."""
    for box in layout.boxes:
        _draw_box(canvas, box, dx, dy)
    _draw_qr(canvas, layout.qr, dx, dy)
    if layout.logo is not None and layout.logo_path is not None:
        logo = layout.logo
        canvas.image(layout.logo_path, dx + logo.x, dy + logo.y, logo.w, logo.h)
    for line in layout.texts:
        _draw_line(canvas, line, dx, dy)


def plaque_pdf(layout: Layout, title: str, fonts: dict[str, EmbeddedFont] | None = None) -> bytes:
    """One plaque as a PDF of its trim size; ``fonts`` from ``pdf_font.plaque_fonts``
    (prepared in memory if not given). About 0.5 ms: see ``pdf_page``."""
    canvas = PageCanvas(layout.width, layout.height, fonts or plaque_fonts())
    draw_plaque(canvas, layout)
    return canvas.pdf(title)


# --- sheets -----------------------------------------------------------------------


@dataclass(frozen=True)
class Imposition:
    """How plaques of one size sit on a sheet: a grid centred on the page."""

    page_width: float
    page_height: float
    columns: int
    rows: int
    cell_width: float
    cell_height: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def left(self) -> float:
        return (self.page_width - self.columns * self.cell_width) / 2

    @property
    def top(self) -> float:
        return (self.page_height - self.rows * self.cell_height) / 2

    def origin(self, slot: int) -> tuple[float, float]:
        row, column = divmod(slot, self.columns)
        return self.left + column * self.cell_width, self.top + row * self.cell_height


def impose(width: float, height: float) -> Imposition:
    """The most plaques per page, A4 upright or sideways; A3 when not even one fits A4."""
    for page in SHEET_PAGES.values():
        best = None
        for page_width, page_height in (page, page[::-1]):
            columns = int((page_width - 2 * SHEET_MARGIN) // width)
            rows = int((page_height - 2 * SHEET_MARGIN) // height)
            if columns * rows and (best is None or columns * rows > best.per_page):
                best = Imposition(page_width, page_height, columns, rows, width, height)
        if best is not None:
            return best
    raise ValueError(f"a {width} × {height} mm plaque fits no sheet")


def _cut_marks(pdf: FPDF, grid: Imposition) -> None:
    """Hairlines in the margin, in line with every trim edge, stopping short of the plaques."""
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(MARK_WIDTH)
    right = grid.left + grid.columns * grid.cell_width
    bottom = grid.top + grid.rows * grid.cell_height
    length = max(2.0, min(5.0, min(grid.left, grid.top) - MARK_OFFSET - 1.0))
    for column in range(grid.columns + 1):
        x = grid.left + column * grid.cell_width
        pdf.line(x, grid.top - MARK_OFFSET - length, x, grid.top - MARK_OFFSET)
        pdf.line(x, bottom + MARK_OFFSET, x, bottom + MARK_OFFSET + length)
    for row in range(grid.rows + 1):
        y = grid.top + row * grid.cell_height
        pdf.line(grid.left - MARK_OFFSET - length, y, grid.left - MARK_OFFSET, y)
        pdf.line(right + MARK_OFFSET, y, right + MARK_OFFSET + length, y)


@dataclass(frozen=True)
class SheetEntry:
    site_id: str
    name: str
    url: str
    layout: Layout


def _index_pages(pdf: FPDF, entries: Sequence[SheetEntry], grid: Imposition, size_key: str) -> None:
    pdf.add_page(format=(210.0, 297.0))
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_xy(15, 15)
    pdf.set_font(FAMILY, "B", 16)
    pdf.set_text_color(*RED)
    pdf.cell(text="Danh sách biển QR · Plaque index", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 8.5)
    pdf.set_text_color(*MUTED)
    sheets = -(-len(entries) // grid.per_page)
    summary = (
        f"{len(entries)} biển cỡ {size_key.upper()}, {grid.per_page} biển mỗi tờ, {sheets} tờ; cắt theo dấu cắt. "
        f"· {len(entries)} plaques, size {size_key.upper()}, {grid.per_page} per sheet, {sheets} sheets; cut along the marks."
    )
    pdf.multi_cell(0, 5, summary, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_text_color(*INK)
    headings = FontFace(emphasis="BOLD", fill_color=(245, 236, 214))
    # The URL column fits the longest URL on one line; the name takes what is left.
    url_width = max(pdf.get_string_width(display_url(entry.url)) for entry in entries) + 4
    widths = (18, 180 - 18 - 20 - url_width, url_width, 20)
    with pdf.table(col_widths=widths, width=180, text_align=("LEFT", "LEFT", "LEFT", "RIGHT"), headings_style=headings, line_height=5) as table:
        table.row(("Mã · ID", "Tên di tích · Name", "Địa chỉ · URL", "Tờ · Sheet"))
        for index, entry in enumerate(entries):
            table.row((entry.site_id, entry.name, display_url(entry.url), str(index // grid.per_page + 1)))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)


def _sheet_label(pdf: FPDF, grid: Imposition, number: int, total: int) -> None:
    """"Tờ 3/12" under the middle of the first column, clear of every cut mark."""
    pdf.set_font(FAMILY, "", 6)
    pdf.set_text_color(*MUTED)
    label = f"Tờ {number}/{total} · Sheet {number}/{total}"
    x = grid.left + (grid.cell_width - pdf.get_string_width(label)) / 2
    pdf.text(x, grid.page_height - 2.5, label)


def sheet_pdf(entries: Sequence[SheetEntry], size_key: str) -> bytes:
    """The index, then the plaques imposed on sheets with cut marks."""
    if not entries:
        raise ValueError("no plaques to put on a sheet")
    first = entries[0].layout
    grid = impose(first.width, first.height)
    pdf = new_pdf(grid.page_width, grid.page_height, f"Biển QR · QR plaques ({size_key.upper()})")
    _index_pages(pdf, entries, grid, size_key)
    total = -(-len(entries) // grid.per_page)
    for start in range(0, len(entries), grid.per_page):
        pdf.add_page(format=(grid.page_width, grid.page_height))
        for slot, entry in enumerate(entries[start : start + grid.per_page]):
            draw_plaque(FpdfCanvas(pdf), entry.layout, *grid.origin(slot))
        _cut_marks(pdf, grid)
        _sheet_label(pdf, grid, start // grid.per_page + 1, total)
    return bytes(pdf.output())

