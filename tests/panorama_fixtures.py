"""Equirectangular test pictures drawn with Pillow: a labelled grid and a disc at a known direction."""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

HEADINGS = {0: "N 0", 90: "E 90", 180: "S 180", 270: "W 270"}
DISC = (220, 30, 30)


def equirectangular(width: int, yaw: float, pitch: float, radius: float = 10.0, disc: tuple[int, int, int] = DISC) -> Image.Image:
    """A ``width``×``width/2`` 360° picture: blue sky, green ground, white grid lines
    every 30°, heading labels at the horizon and a disc of angular ``radius`` degrees
    centred at ``yaw``/``pitch`` (degrees, the viewer's conventions)."""
    height = width // 2
    lon = ((np.arange(width) + 0.5) / width * 2 * math.pi - math.pi).astype(np.float32)
    lat = (math.pi / 2 - (np.arange(height) + 0.5) / height * math.pi).astype(np.float32)
    y0, p0 = math.radians(yaw), math.radians(pitch)
    cos_d = np.sin(lat)[:, None] * math.sin(p0) + np.cos(lat)[:, None] * math.cos(p0) * np.cos(lon[None, :] - y0)
    pixels = np.empty((height, width, 3), dtype=np.uint8)
    pixels[:] = (40, 90, 160)
    pixels[height // 2:] = (90, 140, 60)
    image = Image.fromarray(pixels, "RGB")
    draw = ImageDraw.Draw(image)
    line = max(1, width // 1000)
    for degrees in range(0, 360, 30):
        draw.line([(width * degrees / 360, 0), (width * degrees / 360, height)], fill="white", width=line)
    for degrees in range(-60, 90, 30):
        draw.line([(0, height * (90 - degrees) / 180), (width, height * (90 - degrees) / 180)], fill="white", width=line)
    size = max(10, width // 60)
    for heading, label in HEADINGS.items():
        x = (width / 2 + width * heading / 360) % width  # heading 0 is the middle (yaw 0)
        draw.text((x + 4, height / 2 - size * 1.5), label, fill="yellow", font_size=size)
    # The disc goes on top of everything, so its centre is its colour wherever it is.
    inside = (cos_d > math.cos(math.radians(radius))).astype(np.uint8) * 255
    image.paste(Image.new("RGB", image.size, disc), mask=Image.fromarray(inside, "L"))
    return image


def write_fixture(path: Path, width: int = 2048, yaw: float = 40.0, pitch: float = 10.0, **options: object) -> Path:
    """Save ``equirectangular(width, yaw, pitch)`` at ``path`` (JPEG/PNG/WebP by suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    equirectangular(width, yaw, pitch, **options).save(path, quality=92)
    return path


VALID_RECORD = Path(__file__).resolve().parent / "fixtures" / "records" / "valid.yml"


def panorama_record(project: Path, panoramas_yaml: str, *, name: str = "den-thu-nghiem.yml",
                    replace: dict[str, str] | None = None) -> Path:
    """A valid record (``tests/fixtures/records/valid.yml``) plus a ``panoramas:`` block,
    written into the project's ``sites/``; ``replace`` edits the base text first."""
    text = VALID_RECORD.read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    path = project / "sites" / name
    path.write_text(text + "panoramas:\n" + panoramas_yaml, encoding="utf-8")
    return path


def declared_png(path: Path, width: int, height: int) -> Path:
    """A PNG that declares ``width``×``height`` pixels but holds none: what a huge
    panorama's header looks like, without the memory to make one."""
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    iend = b"IEND"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr))
                     + struct.pack(">I", 0) + iend + struct.pack(">I", zlib.crc32(iend)))
    return path
