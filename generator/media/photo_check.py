"""Open photos the way the build will, cheaply, so that ``check`` passing means the
build can decode every photo.

The header comes first (format and size, no pixels): an SVG, a GIF or a text file
named ``.jpg`` is refused by its content, and a photo with more pixels than the
budget is refused before a byte of it is decoded (a 0.5 MB PNG can hold 13,000 ×
13,000 pixels: 1.5 GB of memory). Then the pixels are decoded once to find
truncated or damaged files: a JPEG at 1/8 scale (its DCT allows it), other formats
in full, within the pixel budget.

iPhones save HEIC by default; pillow-heif (a maintained binding of libheif) lets
Pillow read it, so volunteers need not convert.
"""

from __future__ import annotations

import struct
import warnings
import zlib
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Iterator

from PIL import Image, UnidentifiedImageError

from . import MediaFinding

# What Image.open may detect; anything else (GIF, BMP, TIFF, PSD...) is refused by content.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# Decoded in full (PNG, WebP, HEIC): 50 MP covers 48-MP phone photos; RGBA is then
# 200 MB at most. A JPEG decodes at 1/8 scale in ``draft`` mode, so it may be larger,
# up to what Pillow itself accepts (it refuses twice its MAX_IMAGE_PIXELS outright).
MAX_PIXELS = 50_000_000
MAX_JPEG_PIXELS = 150_000_000
# The size the build decodes JPEGs at (``draft``): no variant is wider than this.
DRAFT_SIZE = (1200, 1200)
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error,
                  IndexError, TypeError, KeyError, Image.DecompressionBombError, RuntimeError)


class PhotoError(Exception):
    def __init__(self, problem: MediaFinding):
        super().__init__(problem.code)
        self.problem = problem


def _sniff(head: bytes) -> str:
    """A name for content Pillow will not open, to say what the file really is."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype svg")):
        return "SVG"
    if text.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    return ""


def pixel_limit(image_format: str | None) -> int:
    return MAX_JPEG_PIXELS if image_format == "JPEG" else MAX_PIXELS


@cache
def _read_heif() -> None:
    """Teach Pillow HEIC, once, when the first photo is opened (importing libheif costs
    a second that a check of records without photos need not pay)."""
    import pillow_heif

    pillow_heif.register_heif_opener()


@contextmanager
def open_photo(path: Path) -> Iterator[Image.Image]:
    """Open ``path`` as a photo (header only); raise PhotoError for anything else.

    Both ``check`` and the build open photos through here: one set of rules.
    """
    _read_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(path, formats=ALLOWED_FORMATS)
    except Image.DecompressionBombError:
        raise PhotoError(MediaFinding("media.too_many_pixels", {"megapixels": "> 179", "limit": MAX_PIXELS // 10**6})) from None
    except UnidentifiedImageError:
        with open(path, "rb") as handle:
            kind = _sniff(handle.read(256))
        raise PhotoError(MediaFinding("media.not_a_photo", {"kind": kind or "?"})) from None
    except _DECODE_ERRORS as exc:
        raise PhotoError(MediaFinding("media.undecodable", {"reason": str(exc) or type(exc).__name__})) from None
    with opened:
        width, height = opened.size
        if width * height > pixel_limit(opened.format):
            raise PhotoError(MediaFinding("media.too_many_pixels", {
                "megapixels": round(width * height / 10**6, 1), "limit": pixel_limit(opened.format) // 10**6}))
        yield opened


def prepare(opened: Image.Image) -> int:
    """Choose how an opened photo will decode (a JPEG at the smallest scale still >=
    DRAFT_SIZE); return the number of pixels decoding will hold in memory."""
    if opened.format == "JPEG":
        opened.draft("RGB", DRAFT_SIZE)
    return opened.width * opened.height


def decode(opened: Image.Image) -> Image.Image:
    """The pixels of an opened photo (see ``prepare``); PhotoError if they are damaged."""
    prepare(opened)
    try:
        opened.load()
        opened.getexif()  # the build reads the orientation from it
    except _DECODE_ERRORS as exc:
        raise PhotoError(MediaFinding("media.undecodable", {"reason": str(exc) or type(exc).__name__})) from None
    return opened


def probe_photo(path: Path) -> MediaFinding | None:
    """None if the build can decode ``path``; otherwise what is wrong with it."""
    try:
        with open_photo(path) as opened:
            decode(opened)
    except PhotoError as error:
        return error.problem
    except OSError as exc:  # unreadable file (permissions, vanished)
        return MediaFinding("media.undecodable", {"reason": exc.strerror or str(exc)})
    return None
