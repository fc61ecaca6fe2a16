"""360° panoramas: a volunteer's equirectangular photo -> tiles a phone can look around in.

A panorama is one 2:1 photo covering every direction (4,000–12,000 px wide, 3–20 MB).
Sending that photo to a phone would cost the whole file before anything shows, and a
12,000-px picture does not fit the largest texture many phones' graphics accept. So
each panorama becomes Pannellum's "multires" form: the six faces of a cube, each cut
into 512-px tiles at several levels of detail. The viewer fetches the few coarse
tiles in view first (the fast first view), then sharper ones only where the visitor
looks or zooms. Beside the tiles: a flat preview picture for the site page, rendered
in the panorama's initial direction, so the page shows what the viewer opens on.

Memory stays bounded: photos over ``MAX_DECODED_PIXELS`` are decoded at 1/2, 1/4 or
1/8 scale when JPEG (libjpeg scales while decoding) and refused otherwise, never
handed to Pillow's decompression-bomb guard. Results are cached by content like
photos (``.diachido/cache/panoramas/<key>/``) and output bytes are deterministic.
"""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
from PIL import Image

from . import MediaFinding
from .cache import CachedPipeline, cache_key, cache_root
from .projection import CUBE_FACES, render_view

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_DECODED_PIXELS = 100_000_000  # ~300 MB of RGB while cutting; a 12,000×6,000 photo is 72 MP
MIN_WIDTH = 1024
RATIO_TOLERANCE = 0.02  # 2:1 within 2 % (stitchers crop a few rows)
TILE = 256  # small coarse tiles: the first view on a weak network costs a quarter of 512-px ones
TILE_QUALITY = 74
FALLBACK_SIZE = 1024  # one picture per cube face for browsers without WebGL
PREVIEW_WIDTHS = (480, 960)
PREVIEW_HFOV = 100.0
PREVIEW_QUALITY = {"webp": 70, "jpg": 76}
WORKERS = 2
THUMB = "thumb.png"
THUMB_WIDTH = 2048  # the downscaled whole panorama kept in the cache to re-render previews
CACHE_SUBDIR = "panoramas"  # under cache.cache_root
_SETTINGS = f"t{TILE} q{TILE_QUALITY} fb{FALLBACK_SIZE} max{MAX_DECODED_PIXELS}".encode()


class PanoramaError(Exception):
    """A panorama that cannot be used; ``code`` and ``params`` name a catalogue message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class PanoramaInfo:
    """What the file's header says: format, pixel size, and the scale it will be decoded at."""

    format: str
    width: int
    height: int

    @property
    def ratio(self) -> float:
        return self.width / self.height

    @property
    def is_two_to_one(self) -> bool:
        return abs(self.ratio / 2 - 1) <= RATIO_TOLERANCE

    @property
    def decode_scale(self) -> int:
        """1, 2, 4 or 8: the decoding reduction that keeps within the pixel budget (only
        JPEG can be reduced while decoding); 0 when no reduction is enough."""
        for scale in (1, 2, 4, 8):
            if math.ceil(self.width / scale) * math.ceil(self.height / scale) <= MAX_DECODED_PIXELS:
                return scale if scale == 1 or self.format == "JPEG" else 0
        return 0


def _open(path: Path) -> Image.Image:
    """Open an image lazily, without Pillow's decompression-bomb check: our own pixel
    budget (``PanoramaInfo.decode_scale``) decides before anything is decoded."""
    Image.init()
    with path.open("rb") as probe:
        prefix = probe.read(16)
    for name in FORMATS:
        factory, accept = Image.OPEN.get(name, (None, None))
        if factory is not None and (accept is None or accept(prefix) is True):
            return factory(str(path))
    raise PanoramaError("panorama.undecodable", reason="JPEG/PNG/WebP")


def inspect(path: Path) -> PanoramaInfo:
    """Read the header of the panorama at ``path``.

    Raises ``PanoramaError`` (``panorama.undecodable``, ``panorama.too_many_pixels``,
    ``panorama.too_small``); a ratio other than 2:1 is not an error here (see
    ``PanoramaInfo.is_two_to_one``)."""
    try:
        with _open(path) as image:
            info = PanoramaInfo(image.format, image.width, image.height)
    except PanoramaError:
        raise
    except (OSError, SyntaxError, ValueError) as exc:
        raise PanoramaError("panorama.undecodable", reason=str(exc) or type(exc).__name__) from None
    if not info.decode_scale:
        raise PanoramaError("panorama.too_many_pixels", megapixels=round(info.width * info.height / 1e6),
                            limit=MAX_DECODED_PIXELS // 1_000_000)
    if info.width < MIN_WIDTH:
        raise PanoramaError("panorama.too_small", width=info.width, minimum=MIN_WIDTH)
    return info


def decode(path: Path) -> np.ndarray:
    """The panorama's pixels as an H×W×3 uint8 array, within the pixel budget.

    Raises ``PanoramaError`` as ``inspect`` does, and ``panorama.undecodable`` for a
    file whose data is damaged (e.g. truncated)."""
    info = inspect(path)
    try:
        with _open(path) as image:
            if info.decode_scale > 1:
                image.draft("RGB", (math.ceil(info.width / info.decode_scale), math.ceil(info.height / info.decode_scale)))
            image.load()
            rgb = image if image.mode == "RGB" else image.convert("RGB")
            return np.asarray(rgb)
    except (OSError, SyntaxError, ValueError) as exc:
        raise PanoramaError("panorama.undecodable", reason=str(exc) or type(exc).__name__) from None


def check_file(path: Path, cache_dir: Path) -> PanoramaInfo:
    """What ``check`` verifies: the header, and that the whole file decodes.

    A file the cache already holds tiles for decoded before; otherwise JPEG is decoded
    at 1/8 scale (every byte is still read, so damage shows, at a fraction of the
    time). Raises ``PanoramaError`` as ``decode`` does."""
    info = inspect(path)
    if _load_meta(cache_dir / content_key(path.read_bytes())) is not None:
        return info
    try:
        with _open(path) as image:
            image.draft("RGB", (info.width // 8, info.height // 8))
            image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise PanoramaError("panorama.undecodable", reason=str(exc) or type(exc).__name__) from None
    return info


def findings(path: Path, root: Path) -> list[MediaFinding]:
    """``check``'s view of one panorama file in the project at ``root``: errors that stop
    the build, and a warning for a ratio other than 2:1 (with the measured ratio)."""
    try:
        info = check_file(path, cache_root(root) / CACHE_SUBDIR)
    except PanoramaError as problem:
        return [MediaFinding(problem.code, dict(problem.params))]
    if info.is_two_to_one:
        return []
    return [MediaFinding("panorama.ratio", {"ratio": f"{info.ratio:.2f}", "width": info.width, "height": info.height},
                         warning=True)]


# --- the tiles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Tiles:
    """Pannellum's ``multiRes`` description of one processed panorama (sizes in pixels)."""

    key: str
    width: int  # of the decoded source
    height: int
    cube_resolution: int
    max_level: int
    tile_resolution: int = TILE
    bytes_per_level: tuple[int, ...] = ()

    def files(self) -> list[str]:
        """Every published file, relative to the panorama's folder."""
        names = [f"fallback/{face}.jpg" for face in CUBE_FACES]
        size = self.cube_resolution
        for level in range(self.max_level, 0, -1):
            count = math.ceil(size / self.tile_resolution)
            names += [f"{level}/{face}{y}_{x}.jpg" for face in CUBE_FACES for y in range(count) for x in range(count)]
            size //= 2
        return sorted(names)


def content_key(data: bytes) -> str:
    """The cache key of a panorama: its bytes and the pipeline's settings."""
    return cache_key(__name__, _SETTINGS, data)


def cube_resolution(width: int) -> int:
    """The cube face size that keeps the source's detail (as Pannellum's generate.py)."""
    return 8 * int(width / math.pi / 8)


def _save_jpeg(image: Image.Image, path: Path, quality: int) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality, optimize=True)
    return path.stat().st_size


def _cut_face(face: Image.Image, letter: str, levels: int, folder: Path) -> list[int]:
    """Write one face's tiles at every level (largest first); bytes per level, level 1 first."""
    written = []
    size = face.width
    for level in range(levels, 0, -1):
        if size != face.width:
            face = face.resize((size, size), Image.Resampling.LANCZOS)
        total = 0
        for y in range(math.ceil(size / TILE)):
            for x in range(math.ceil(size / TILE)):
                box = (x * TILE, y * TILE, min(size, (x + 1) * TILE), min(size, (y + 1) * TILE))
                total += _save_jpeg(face.crop(box), folder / str(level) / f"{letter}{y}_{x}.jpg", TILE_QUALITY)
        written.append(total)
        size //= 2
    return written[::-1]


def _face_job(source: np.ndarray, letter: str, resolution: int, levels: int, folder: Path) -> list[int]:
    yaw, pitch = CUBE_FACES[letter]
    face = render_view(source, yaw, pitch, 90.0, resolution, resolution)
    _save_jpeg(face.resize((FALLBACK_SIZE, FALLBACK_SIZE), Image.Resampling.LANCZOS),
               folder / "fallback" / f"{letter}.jpg", TILE_QUALITY)
    return _cut_face(face, letter, levels, folder)


def render_tiles(source: np.ndarray, key: str, folder: Path) -> Tiles:
    """Cut ``source`` (H×W×3) into cube tiles, fallback faces and a thumbnail in ``folder``.

    Faces are cut in parallel threads (numpy and Pillow release the GIL) sharing the
    one decoded source, so memory grows by a face per thread, not a source."""
    height, width = source.shape[:2]
    resolution = cube_resolution(width)
    levels = math.ceil(math.log2(resolution / TILE)) + 1 if resolution > TILE else 1
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        sizes = list(pool.map(lambda letter: _face_job(source, letter, resolution, levels, folder), CUBE_FACES))
    thumb = Image.fromarray(source).resize((THUMB_WIDTH, THUMB_WIDTH // 2), Image.Resampling.LANCZOS)
    thumb.save(folder / THUMB)
    per_level = tuple(int(sum(column)) for column in zip(*sizes))
    return Tiles(key, width, height, resolution, levels, TILE, per_level)


# --- the preview -------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """The flat preview picture in one direction: (width, height, webp name, jpeg name) per size."""

    variants: tuple[tuple[int, int, str, str], ...]


def preview_name(yaw: float, pitch: float, width: int, extension: str) -> str:
    return f"preview-{yaw:g}_{pitch:g}-{width}.{extension}"


def _cached_preview(folder: Path, yaw: float, pitch: float) -> Preview:
    """The 2:1 WebP and JPEG views towards ``yaw``/``pitch`` (degrees), rendered from
    the cache entry's thumbnail once per direction and kept beside the tiles."""
    variants = [(width, width // 2, preview_name(yaw, pitch, width, "webp"), preview_name(yaw, pitch, width, "jpg"))
                for width in PREVIEW_WIDTHS]
    if not all((folder / name).is_file() for variant in variants for name in variant[2:]):
        with Image.open(folder / THUMB) as image:
            source = np.asarray(image.convert("RGB"))
        for width, height, webp, jpeg in variants:
            view = render_view(source, yaw, pitch, PREVIEW_HFOV, width, height)
            for name, pil_format, quality in ((webp, "WEBP", PREVIEW_QUALITY["webp"]), (jpeg, "JPEG", PREVIEW_QUALITY["jpg"])):
                partial = folder / f".{name}.part"
                view.save(partial, pil_format, quality=quality)
                partial.replace(folder / name)  # atomic: a parallel build sees all or nothing
    return Preview(tuple(variants))


# --- the pipeline ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessedPanorama:
    """One panorama ready for the site: its tiles and its preview, in ``<out_dir>/<key>/``."""

    tiles: Tiles
    preview: Preview


_META = "meta.json"


def _load_meta(folder: Path) -> Tiles | None:
    try:
        raw = json.loads((folder / _META).read_text(encoding="utf-8"))
        tiles = Tiles(**{**raw, "bytes_per_level": tuple(raw["bytes_per_level"])})
        if (folder / THUMB).is_file() and all((folder / name).is_file() for name in tiles.files()):
            return tiles
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _render_entry(source: Path, key: str, folder: Path) -> Tiles:
    tiles = render_tiles(decode(source), key, folder)
    (folder / _META).write_text(json.dumps(asdict(tiles), sort_keys=True), encoding="utf-8")
    return tiles


@dataclass
class PanoramaPipeline(CachedPipeline):
    """Processes panoramas into ``out_dir/<key>/`` through the content cache in ``cache_dir``."""

    CACHE_SUBDIR: ClassVar[str] = CACHE_SUBDIR

    def process(self, source: Path, yaw: float = 0.0, pitch: float = 0.0) -> ProcessedPanorama:
        """Tiles (cached by the file's content) and a preview towards ``yaw``/``pitch``
        (degrees). Raises ``PanoramaError`` for a file ``check`` would have refused."""
        key, folder, tiles = self.cached(source, content_key, _load_meta, _render_entry)
        preview = _cached_preview(folder, yaw, pitch)
        self.publish(folder, tiles.files() + [name for variant in preview.variants for name in variant[2:]],
                     self.out_dir / key)
        return ProcessedPanorama(tiles, preview)
