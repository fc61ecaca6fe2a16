"""A plaque as a phone photographs it on site, for ``--verify`` and the robustness tests.

The camera is a typical 12-MP phone main camera: 4000 px across a 69° horizontal
field of view (26 mm full-frame equivalent). At the size's intended distance that
gives about 8 px per QR module; on top come a tilt (rotation and perspective), lens
blur, sensor noise, light falling off across the plaque, and dirt or scratches on the
symbol. Everything is seeded, so a photograph is the same every run.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .layout import QrSymbol
from .sizes import MM_PER_INCH, PlaqueSize

CAMERA_PIXELS_ACROSS = 4000
CAMERA_FIELD_OF_VIEW = 69.4  # degrees, horizontal
WALL_GREY = 140
DIRT_GREY = 70


@dataclass(frozen=True)
class Shot:
    """How the photo is taken; the defaults are an ordinary, slightly careless scan."""

    distance: float = 1.0  # × the size's intended scanning distance
    rotation: float = 7.0  # degrees
    tilt: float = 0.12  # keystone: the far edge this much narrower than the near one
    blur: float = 1.2  # Gaussian radius, camera pixels
    noise: int = 14  # ± grey levels, uniform
    shade: float = 0.55  # brightness of the darkest corner, the brightest being 1
    blot: float = 0.0  # share of the QR symbol's area under a dark stain
    scratches: int = 0  # light scratches across the symbol


def camera_pixels_per_mm(distance_mm: float) -> float:
    field_width = 2 * distance_mm * math.tan(math.radians(CAMERA_FIELD_OF_VIEW / 2))
    return CAMERA_PIXELS_ACROSS / field_width


def _dirty(plaque: Image.Image, qr: QrSymbol, dpi: int, shot: Shot, rng: random.Random) -> Image.Image:
    """A stain on the data area (clear of the finder patterns) and scratches across it."""
    scale = dpi / MM_PER_INCH
    left, top, side = qr.x * scale, qr.y * scale, qr.side * scale
    draw = ImageDraw.Draw(plaque)
    if shot.blot > 0:
        radius = math.sqrt(shot.blot * side * side / math.pi)
        cx, cy = left + side * 0.55, top + side * 0.6
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=DIRT_GREY)
    # Scratches in a patch of the data area: a key or a knife, not a line across the
    # whole symbol (through all three finder patterns no level could help).
    for _ in range(shot.scratches):
        x0, y0, x1, y1 = (rng.uniform(0.35, 0.85) * side for _ in range(4))
        draw.line([left + x0, top + y0, left + x1, top + y1], fill=235, width=max(1, round(qr.module * scale * 0.35)))
    return plaque


def _keystone(image: Image.Image, tilt: float) -> Image.Image:
    """Perspective as if the phone were below the plaque: the top edge comes out narrower."""
    width, height = image.size
    inset = width * tilt / 2
    # Coefficients map output to input; solve from four corner correspondences.
    source = [(0, 0), (width, 0), (width, height), (0, height)]
    target = [(inset, 0), (width - inset, 0), (width, height), (0, height)]
    return image.transform(image.size, Image.Transform.PERSPECTIVE, _perspective(target, source), Image.Resampling.BICUBIC, fillcolor=WALL_GREY)


def _perspective(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> tuple[float, ...]:
    rows, values = [], []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    return tuple(_solve(rows, values))


def _solve(matrix: list[list[float]], values: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8 × 8: no need for numpy)."""
    size = len(values)
    rows = [row[:] + [value] for row, value in zip(matrix, values)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def _shade(image: Image.Image, darkest: float) -> Image.Image:
    """Light falling off diagonally, as from a window or a street lamp to one side."""
    down = Image.linear_gradient("L")
    ramp = ImageChops.add(down, down.transpose(Image.Transpose.ROTATE_90), scale=2).resize(image.size)
    low = round(255 * darkest)
    light = ramp.point(lambda value: low + (255 - low) * (255 - value) // 255)
    return ImageChops.multiply(image, light)


def _noise(image: Image.Image, amplitude: int, rng: random.Random) -> Image.Image:
    if amplitude <= 0:
        return image
    grain = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    grain = grain.point(lambda value: value * 2 * amplitude // 255)
    return ImageChops.subtract(ImageChops.add(image, grain), Image.new("L", image.size, amplitude))


def photograph(plaque: Image.Image, size: PlaqueSize, dpi: int, shot: Shot = Shot(), seed: int = 0, qr: QrSymbol | None = None) -> Image.Image:
    """The grey image a phone's scanner works on, cropped to the plaque and some wall.

    ``qr`` (where the symbol is) is needed only to put a stain or scratches on it.
    """
    rng = random.Random(seed)
    image = plaque.convert("L")
    if shot.blot or shot.scratches:
        if qr is None:
            raise ValueError("a stain or scratches need the QR symbol's position")
        image = _dirty(image, qr, dpi, shot, rng)
    scale = camera_pixels_per_mm(size.scan_distance * shot.distance) / (dpi / MM_PER_INCH)
    image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.BOX)
    margin = max(image.size) // 6
    framed = Image.new("L", (image.width + 2 * margin, image.height + 2 * margin), WALL_GREY)
    framed.paste(image, (margin, margin))
    framed = framed.rotate(shot.rotation, Image.Resampling.BICUBIC, fillcolor=WALL_GREY)
    framed = _keystone(framed, shot.tilt)
    framed = _shade(framed, shot.shade)
    if shot.blur > 0:
        framed = framed.filter(ImageFilter.GaussianBlur(shot.blur))
    return _noise(framed, shot.noise, rng)
