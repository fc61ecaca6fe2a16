"""Volunteers' photos -> small, fast images for phones.

Volunteers drop full-size phone photos (4–12 MB) beside a site's YAML file. Each
photo becomes a few resized variants (``WIDTHS``), each as WebP and as JPEG (the
fallback for browsers without WebP), with the EXIF orientation applied, colours
converted to sRGB and every piece of metadata (EXIF with GPS, camera, ICC) dropped.

Results are cached by content in ``.diachido/cache/images/<key>/``: the key
(``cache.cache_key``) is a hash of the photo's bytes, the pipeline's settings and the
generator's version as this module sees it, so a rebuild only processes new or
changed photos, a renamed photo costs nothing, and changing the settings below or
the code this module imports redoes them all. Output file names carry the key, so browsers and the service worker may
cache them forever.
"""

from __future__ import annotations

import io
import json
import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Iterable, Iterator

from PIL import Image, ImageCms, ImageOps

from .cache import CachedPipeline, cache_key
from .photo_check import MAX_PIXELS, decode, open_photo, prepare

WIDTHS = (400, 800, 1200)
WEBP_QUALITY = 72
JPEG_QUALITY = 78
CACHE_SUBDIR = "images"  # under cache.cache_root
_SETTINGS = f"w{WIDTHS} webp{WEBP_QUALITY} jpeg{JPEG_QUALITY}".encode()
_META = "meta.json"


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    webp: str  # file names, relative to the images folder
    jpeg: str


@dataclass(frozen=True)
class ProcessedImage:
    """What a page needs to show one photo: its variants, smallest first."""

    key: str
    width: int
    height: int
    variants: tuple[Variant, ...]

    def files(self) -> list[str]:
        return [name for v in self.variants for name in (v.webp, v.jpeg)]

    def srcset(self, kind: str, prefix: str) -> str:
        return ", ".join(f"{prefix}{getattr(v, kind)} {v.width}w" for v in self.variants)

    def fallback(self, max_width: int = 800) -> Variant:
        """The JPEG for browsers that ignore srcset: the largest one up to ``max_width``."""
        fitting = [v for v in self.variants if v.width <= max_width]
        return fitting[-1] if fitting else self.variants[0]

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


def content_key(data: bytes) -> str:
    """The cache key of a photo: its bytes and the pipeline's settings."""
    return cache_key(__name__, _SETTINGS, data)


def target_widths(width: int) -> tuple[int, ...]:
    """The variant widths for a photo ``width`` pixels wide; never upscale."""
    widths = tuple(w for w in WIDTHS if w < width)
    largest = min(width, WIDTHS[-1])
    return widths if largest in widths else widths + (largest,)


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: keep the pixels as they are
    return image


def _to_8_bits(image: Image.Image) -> Image.Image:
    """Integer and float greyscale (16-bit scans of steles and documents) to ``L`` by
    scaling the value range, not clipping it: Pillow's own conversion clips 16-bit
    values to 255, and the scan comes out white."""
    values = image.convert("F")  # every I;16 byte order converts to F (getextrema does not)
    high = values.getextrema()[1]
    if image.mode == "F":
        scale = 255 / (1.0 if high <= 1.0 else high)  # floats are 0..1 by convention
    else:
        top = 65535 if high <= 65535 else high  # 16-bit data, whatever the mode says
        scale = 255 / top if high > 255 else 1.0
    return values.point(lambda value: value * scale).convert("L")


def _normalise_mode(image: Image.Image) -> Image.Image:
    """Any mode Pillow reads -> ``RGB``, ``RGBA`` or ``L`` with the full 8-bit range."""
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        return _to_8_bits(image)
    if image.mode == "RGBa":  # premultiplied alpha: undo it first
        return image.convert("RGBA")
    if image.mode == "La":  # Pillow converts premultiplied grey through RGBa only
        grey, alpha = image.split()
        return Image.merge("RGBa", (grey, grey, grey, alpha)).convert("RGBA")
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no alpha, and photos need none."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


class PixelBudget:
    """At most ``limit`` decoded pixels in memory at once across worker threads, so
    memory stays bounded whatever the photos (one larger than the limit runs alone)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0
        self._changed = threading.Condition()

    @contextmanager
    def take(self, pixels: int) -> Iterator[None]:
        pixels = min(pixels, self.limit)
        with self._changed:
            self._changed.wait_for(lambda: self.used + pixels <= self.limit)
            self.used += pixels
        try:
            yield
        finally:
            with self._changed:
                self.used -= pixels
                self._changed.notify_all()


# Two of the largest photos check accepts (or many ordinary ones) at a time: with the
# copies made while converting, well under a gigabyte.
DECODE_BUDGET = PixelBudget(2 * MAX_PIXELS)


def _render(source: Path, key: str, folder: Path) -> ProcessedImage:
    """Decode, orient, resize and encode one photo into ``folder``."""
    with open_photo(source) as opened, DECODE_BUDGET.take(prepare(opened)):
        image = ImageOps.exif_transpose(decode(opened))
        image = _flatten(_to_srgb(_normalise_mode(image)))
        return _encode_variants(image, key, folder)


def _encode_variants(image: Image.Image, key: str, folder: Path) -> ProcessedImage:
    width, height = image.size
    variants = []
    for w in target_widths(width):
        h = max(1, round(height * w / width))
        resized = image if w == width else image.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        resized.info = {}  # nothing from the original file (EXIF, GPS, ICC, comments) goes out
        webp, jpeg = f"{key}-{w}.webp", f"{key}-{w}.jpg"
        resized.save(folder / webp, "WEBP", quality=WEBP_QUALITY, method=4)
        resized.save(folder / jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        variants.append(Variant(w, h, webp, jpeg))
    return ProcessedImage(key, width, height, tuple(variants))


def _load_meta(folder: Path) -> ProcessedImage | None:
    try:
        raw = json.loads((folder / _META).read_text(encoding="utf-8"))
        variants = tuple(Variant(**v) for v in raw["variants"])
        if all((folder / name).is_file() for v in variants for name in (v.webp, v.jpeg)):
            return ProcessedImage(raw["key"], raw["width"], raw["height"], variants)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _save_meta(folder: Path, image: ProcessedImage) -> None:
    raw = {"key": image.key, "width": image.width, "height": image.height,
           "variants": [v.__dict__ for v in image.variants]}
    (folder / _META).write_text(json.dumps(raw, sort_keys=True), encoding="utf-8")


def _render_entry(source: Path, key: str, folder: Path) -> ProcessedImage:
    result = _render(source, key, folder)
    _save_meta(folder, result)
    return result


@dataclass
class ImagePipeline(CachedPipeline):
    """Processes photos into ``out_dir`` through the content cache in ``cache_dir``."""

    CACHE_SUBDIR: ClassVar[str] = CACHE_SUBDIR

    def process(self, source: Path) -> ProcessedImage:
        _, folder, result = self.cached(source, content_key, _load_meta, _render_entry)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.publish(folder, result.files(), self.out_dir)
        return result

    def process_many(self, sources: Iterable[Path]) -> dict[Path, ProcessedImage]:
        """Process several photos in parallel (Pillow releases the GIL while coding)."""
        unique = sorted(set(sources))
        with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
            return dict(zip(unique, pool.map(self.process, unique)))


# --- the share card ------------------------------------------------------------------

FONTS_DIR = Path(__file__).parent.parent / "plaques" / "fonts"
CARD_SIZE = (1200, 630)  # what Zalo, Facebook and others show for a shared link


def share_card_png(title: str, subtitle: str) -> bytes:
    """A designed picture for shared links of sites without a photo (and other pages).

    Lacquer red with the rings of a Đông Sơn bronze drum (Thanh Hóa's emblem of
    antiquity) in gold, and the site's name set in the bundled Be Vietnam Pro.
    """
    from PIL import ImageDraw, ImageFont

    width, height = CARD_SIZE
    card = Image.new("RGB", CARD_SIZE, "#9e1b1b")
    draw = ImageDraw.Draw(card)
    for x in range(width):  # a diagonal-ish warm gradient, darker on the left
        shade = x / width
        draw.line([(x, 0), (x, height)], fill=(int(110 + 71 * shade), int(16 + 32 * shade), int(16 + 15 * shade)))
    cx, cy, gold = 980, 315, (242, 193, 78)
    for radius, line in ((60, 4), (110, 3), (150, 8), (200, 3), (260, 10), (300, 3)):
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=gold, width=line)
    points = []
    for i in range(28):
        angle = math.pi * i / 14 - math.pi / 2
        radius = 55 if i % 2 == 0 else 16
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=gold)
    bold = ImageFont.truetype(str(FONTS_DIR / "BeVietnamPro-Bold.ttf"), 72)
    regular = ImageFont.truetype(str(FONTS_DIR / "BeVietnamPro-Regular.ttf"), 40)
    draw.rectangle([80, 200, 200, 208], fill=gold)
    draw.text((80, 240), title, font=bold, fill="white")
    draw.text((80, 345), subtitle, font=regular, fill=gold)
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)
    return out.getvalue()
