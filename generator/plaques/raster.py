"""A plaque ``Layout`` drawn as a PNG with Pillow.

Text goes through Pillow's basic layout engine with the bundled font: no shaping
library that one machine has and another lacks, so the pixels are the same everywhere.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .layout import Box, Layout, QrSymbol, TextLine
from .sizes import MM_PER_INCH, MM_PER_PT, WHITE
from .typesetting import font_path


@lru_cache(maxsize=64)
def _pil_font(weight: str, pixels: float) -> ImageFont.FreeTypeFont:
    # BASIC layout: raqm may or may not be installed, and would change the pixels.
    return ImageFont.truetype(str(font_path(weight)), pixels, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8)
def _logo_image(path: Path, width: int, height: int) -> Image.Image:
    with Image.open(path) as source:
        logo = source.convert("RGBA")
    logo.thumbnail((width, height), Image.Resampling.LANCZOS)
    return logo


def _px(mm: float, dpi: int) -> float:
    return mm / MM_PER_INCH * dpi


def _draw_box(draw: ImageDraw.ImageDraw, box: Box, dpi: int) -> None:
    corners = [_px(box.x, dpi), _px(box.y, dpi), _px(box.x + box.w, dpi) - 1, _px(box.y + box.h, dpi) - 1]
    width = max(1, round(_px(box.stroke_width, dpi))) if box.stroke else 0
    draw.rectangle(corners, fill=box.fill, outline=box.stroke, width=width)


def _draw_line(draw: ImageDraw.ImageDraw, line: TextLine, dpi: int) -> None:
    pixels = _px(line.size * MM_PER_PT, dpi)
    fonts = [_pil_font(run.weight, pixels) for run in line.runs]
    total = sum(font.getlength(run.text) for font, run in zip(fonts, line.runs))
    x = _px(line.centre_x, dpi) - total / 2
    y = _px(line.baseline, dpi)
    for font, run in zip(fonts, line.runs):
        draw.text((x, y), run.text, fill=run.colour, font=font, anchor="ls")
        x += font.getlength(run.text)


def _qr_image(qr: QrSymbol, dpi: int) -> Image.Image:
    count = len(qr.modules)
    symbol = Image.new("1", (count, count), 1)
    symbol.putdata([0 if dark else 1 for row in qr.modules for dark in row])
    dots = round(_px(qr.module, dpi))
    return symbol.resize((count * dots, count * dots), Image.Resampling.NEAREST)


def rasterise(layout: Layout) -> Image.Image:
    """Draw ``layout`` as an RGB image at its dpi."""
    dpi = layout.dpi
    image = Image.new("RGB", (round(_px(layout.width, dpi)), round(_px(layout.height, dpi))), WHITE)
    draw = ImageDraw.Draw(image)
    for box in layout.boxes:
        _draw_box(draw, box, dpi)
    image.paste(_qr_image(layout.qr, dpi), (round(_px(layout.qr.x, dpi)), round(_px(layout.qr.y, dpi))))
    if layout.logo is not None and layout.logo_path is not None:
        logo = _logo_image(layout.logo_path, round(_px(layout.logo.w, dpi)), round(_px(layout.logo.h, dpi)))
        image.paste(logo, (round(_px(layout.logo.x, dpi)), round(_px(layout.logo.y, dpi))), logo)
    for line in layout.texts:
        _draw_line(draw, line, dpi)
    return image


def png_bytes(layout: Layout) -> bytes:
    """The plaque as PNG; no timestamp or other varying chunk, so output is reproducible."""
    buffer = io.BytesIO()
    # Level 1: a third of level 6's time for files 3 % larger; PNG time dominates batches.
    rasterise(layout).save(buffer, "PNG", dpi=(layout.dpi, layout.dpi), compress_level=1)
    return buffer.getvalue()

