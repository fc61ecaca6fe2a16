"""The A5 plaque PDF every site page offers (a volunteer's replacement plaque).

A build makes one per published site, so this is the plaque code's hot path: at 5,000
sites fpdf2's ~75 ms a file was 85 % of a clean build. Each file is now laid out by
``layout_plaque`` and drawn by ``pdf.plaque_pdf`` exactly as ``diachido plaques --size a5
--format pdf`` does (same bytes), for a few ms (``bench/bench_plaque_downloads.py``), and kept
in the content cache (``media.cache``) under a key of everything it prints (``download_keys``): a rebuild
renders only the plaques whose words, URL, logo, font or generator changed.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..media.cache import cache_key, cache_root, fill_entry, place
from ..parallel import spare_workers
from .content import PlaqueContent, plaque_content, plaque_subjects
from .layout import layout_plaque
from .pdf import plaque_pdf
from .pdf_font import plaque_fonts
from .sizes import SIZES, plaque_dpi

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from ..records.schema import Site

DOWNLOAD_SIZE = "a5"  # a volunteer's replacement: fits any printer, big enough for a wall
DOWNLOADS_DIR = Path("generated") / "plaques"
# Vector PDF only: ~10 KB a site, where a 300-dpi A5 PNG is ~140 KB (700 MB at 5,000
# sites, near GitHub Pages' 1 GB limit). PNGs come from `diachido plaques`.
DOWNLOAD_FORMAT = "pdf"
CACHE_KIND = "plaques"  # the cache's folder for plaques, under media.cache.cache_root
# Below this many plaques to render, worker processes cost more than they save: starting
# one is ~30-60 ms of CPU, a plaque a few ms; two workers, as the machines have two cores.
PARALLEL_FROM = 400
CHUNK = 64


def plaques_cache(root: Path) -> Path:
    """The plaque cache of the project in ``root`` (prepared fonts in its ``fonts/``)."""
    return cache_root(root) / CACHE_KIND


def plaque_title(content: PlaqueContent) -> str:
    """The PDF's document title, as ``diachido plaques`` writes it too."""
    return f"{content.name_vi} ({content.site_id})"


def download_keys(contents: Sequence[PlaqueContent], dpi: int) -> list[str]:
    """The cache key of each plaque download: everything it prints and how.

    The words and URL (``content``), the logo's bytes, the size and dpi, and (through
    ``media.cache.cache_key``) the generator's version, which covers the plaque code and
    its fonts. The one place plaque keys are made."""
    logos = {content.logo: _file_digest(content.logo) for content in contents if content.logo}
    return [cache_key(__name__, repr(content), logos.get(content.logo, ""), str(dpi), DOWNLOAD_SIZE, length=32)
            for content in contents]


def _file_digest(path: Path) -> str:
    """SHA-256 of a file, hashed again only when its size or modification time changes
    (every key needs the fonts' and the logo's: 5,000 reads of 270 KB otherwise)."""
    status = path.stat()
    return _digest_of(path, status.st_size, status.st_mtime_ns)


@lru_cache(maxsize=64)
def _digest_of(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render_download(content: PlaqueContent, dpi: int, cache_dir: Path) -> bytes:
    """The download's PDF bytes: the A5 layout drawn by ``plaque_pdf``."""
    layout = layout_plaque(content, SIZES[DOWNLOAD_SIZE], dpi)
    return plaque_pdf(layout, plaque_title(content), plaque_fonts(cache_dir / "fonts"))


def _file_name(content: PlaqueContent) -> str:
    return f"{content.site_id}.{DOWNLOAD_FORMAT}"


def _fill(content: PlaqueContent, key: str, dpi: int, cache_dir: Path) -> None:
    """Render one plaque into its cache entry (in a worker process, or not)."""
    name = _file_name(content)
    fill_entry(cache_dir, key, lambda work: (work / name).write_bytes(render_download(content, dpi, cache_dir)),
               lambda folder: (folder / name).is_file())


def _fill_batch(batch: Sequence[tuple[PlaqueContent, str]], dpi: int, cache_dir: Path) -> int:
    for content, key in batch:
        _fill(content, key, dpi, cache_dir)
    return len(batch)


def _render_missing(missing: list[tuple[PlaqueContent, str]], dpi: int, cache_dir: Path) -> None:
    plaque_fonts(cache_dir / "fonts")  # prepared once here, so workers only read the cache entry
    workers = min(spare_workers(), 2 if len(missing) >= PARALLEL_FROM else 1)
    if workers == 1:
        _fill_batch(missing, dpi, cache_dir)
        return
    batches = [missing[start:start + CHUNK] for start in range(0, len(missing), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_fill_batch, batches, [dpi] * len(batches), [cache_dir] * len(batches)))


def _put(source: Path, target: Path) -> None:
    """``place`` the cached file, replacing a different file left at ``target``."""
    try:
        if target.exists() and not os.path.samefile(source, target):
            target.unlink()
    except OSError:
        target.unlink(missing_ok=True)
    place(source, target)


def write_site_downloads(config: "ProjectConfig", sites: Iterable["Site"], docs_out_dir: Path,
                         folder: Path = DOWNLOADS_DIR) -> list[Path]:
    """An A5 PDF per plaque of ``sites`` (any record kind) in ``docs_out_dir/<folder>``,
    for the pages to link; returns the paths in record order.

    Raises PlaqueError (a character the font lacks, a missing logo) before any file is
    written. Files come from the cache in ``.diachido/cache/plaques``; only plaques
    without an entry are rendered, by two worker processes from ``PARALLEL_FROM`` on
    (one, this, where a background process shares the machine: ``parallel.spare_workers``).
    Files of plaques not among ``sites`` are removed: the site never offers a plaque
    for a page it does not have."""
    dpi = plaque_dpi(config)
    cache_dir = plaques_cache(config.root)
    contents = [plaque_content(config, subject) for subject in plaque_subjects(sites)]
    keyed = list(zip(contents, download_keys(contents, dpi)))
    missing = [(content, key) for content, key in keyed if not (cache_dir / key / _file_name(content)).is_file()]
    if missing:
        _render_missing(missing, dpi, cache_dir)
    target = docs_out_dir / folder
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for content, key in keyed:
        name = _file_name(content)
        _put(cache_dir / key / name, target / name)
        written.append(target / name)
    for stale in {path for path in target.iterdir() if path.is_file()} - set(written):
        stale.unlink()
    return written


def site_download_paths(site_id: str) -> dict[str, str]:
    """Where a site's downloadable plaque files are, relative to docs_dir (for page links)."""
    return {DOWNLOAD_FORMAT: (DOWNLOADS_DIR / f"{site_id}.{DOWNLOAD_FORMAT}").as_posix()}
