"""QR plaques for published sites: the functions ``diachido plaques`` and the build call.

Sizes and the QR rule are in ``sizes``, the words in ``content``, text fitting in
``typesetting``, what goes where in ``layout``; PNG drawing in ``raster``; vector PDF and
print sheets in ``pdf`` (``pdf_page``, ``pdf_font``: the fast one-page writer); the PDF
each site page offers in ``downloads``; the simulated phone photo in ``camera``; the
register of printed URLs in ``registry``.

Files written here are the same bytes for the same input (no timestamps), and a file
whose bytes have not changed is not rewritten, so reruns and ``mkdocs serve`` stay quiet.
Callers pass published sites only: a plaque for a draft would point to a missing page.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from PIL import Image

from ..files import remove_others
from ..i18n.messages import pick_language, translate
from ..urls import absolute_url, short_url
from .camera import photograph
from .content import PlaqueSubject, plaque_content, plaque_subjects
from .downloads import DOWNLOADS_DIR, plaques_cache, plaque_title, site_download_paths, write_site_downloads
from .errors import PlaqueError
from .layout import Layout, layout_plaque
from .pdf import SheetEntry, plaque_pdf, sheet_pdf
from .pdf_font import plaque_fonts
from .printable import check_printable
from .raster import png_bytes
from .registry import check_registry, record_printed, registry_path
from .sizes import DEFAULT_DPI, MM_PER_INCH, SIZES, PlaqueSize, plaque_dpi

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from ..records.schema import Site

__all__ = [
    "DEFAULT_OUT_DIR",
    "DOWNLOADS_DIR",
    "FORMATS",
    "SIZES",
    "PlaqueError",
    "check_printable",
    "check_registry",
    "decode_qr",
    "expected_urls",
    "plaque_dpi",
    "record_printed",
    "registry_path",
    "site_download_paths",
    "verify_plaques",
    "write_plaques",
    "write_sheet",
    "write_site_downloads",
]

FORMATS = ("png", "pdf")
DEFAULT_OUT_DIR = Path("plaques") / "out"  # beside the registry; git-ignored
PARALLEL_FROM = 40  # below this many plaques, starting worker processes costs more than it saves


def _write_if_changed(path: Path, data: bytes) -> Path:
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def _encode(layout: Layout, fmt: str, title: str, root: Path) -> bytes:
    return png_bytes(layout) if fmt == "png" else plaque_pdf(layout, title, plaque_fonts(plaques_cache(root) / "fonts"))


def _render_site(
    config: "ProjectConfig", subject: PlaqueSubject, sizes: Sequence[str], formats: Sequence[str], dpi: int, out_dir: Path,
    by_size: bool = True,
) -> list[Path]:
    """All files for one plaque, in ``out_dir/<size>/`` (or ``out_dir`` itself if not ``by_size``).

    Module-level so that worker processes can run it.
    """
    content = plaque_content(config, subject)
    written = []
    for size in sizes:
        layout = layout_plaque(content, SIZES[size], dpi)
        folder = out_dir / size if by_size else out_dir
        for fmt in formats:
            data = _encode(layout, fmt, plaque_title(content), config.root)
            written.append(_write_if_changed(folder / f"{subject.key}.{fmt}", data))
    return written


def write_plaques(
    config: "ProjectConfig",
    sites: Iterable["Site"],
    out_dir: Path,
    sizes: Sequence[str] = ("a6",),
    formats: Sequence[str] = FORMATS,
    jobs: int | None = None,
) -> list[Path]:
    """Write ``out_dir/<size>/<key>.<format>`` for every plaque of the records (sites, tours,
    villages: see ``content.plaque_subjects``); return the paths, in record order.

    ``jobs`` worker processes share the work (default: one per core for large batches;
    an A6 PNG takes about 40 ms of CPU, mostly drawing text and compressing; a PDF ~2 ms).
    """
    paths = _render_all(config, plaque_subjects(sites), out_dir, tuple(sizes), tuple(formats), jobs, by_size=True)
    for size in sizes:  # plaques of records no longer published must not reach the print shop
        remove_others(out_dir / size, paths, tuple(f".{fmt}" for fmt in FORMATS))
    return paths


def _render_all(
    config: "ProjectConfig", sites: list[PlaqueSubject], out_dir: Path, sizes: tuple[str, ...], formats: tuple[str, ...], jobs: int | None, by_size: bool
) -> list[Path]:
    workers = jobs or 1
    if jobs is None and len(sites) * len(sizes) >= PARALLEL_FROM:
        workers = os.cpu_count() or 1
    args = [(config, site, sizes, formats, plaque_dpi(config), out_dir, by_size) for site in sites]
    if "pdf" in formats:
        plaque_fonts(plaques_cache(config.root) / "fonts")  # prepared (or read) once, before workers fork
    if workers == 1 or not args:
        batches = [_render_site(*arg) for arg in args]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            batches = list(pool.map(_render_site, *zip(*args), chunksize=8))
    return [path for batch in batches for path in batch]


def write_sheet(config: "ProjectConfig", sites: Iterable["Site"], out_path: Path, size: str = "a6") -> Path:
    """One PDF for the print shop: an index, then the plaques imposed with cut marks."""
    dpi = plaque_dpi(config)
    entries = []
    for subject in plaque_subjects(sites):
        content = plaque_content(config, subject)
        entries.append(SheetEntry(subject.key, content.name_vi, content.url, layout_plaque(content, SIZES[size], dpi)))
    return _write_if_changed(out_path, sheet_pdf(entries, size))


# --- verification -----------------------------------------------------------------


def decode_qr(image: Image.Image) -> list[str]:
    """Texts of every QR code zxing-cpp (an independent decoder) finds in ``image``."""
    import zxingcpp  # a verification tool, not needed to make plaques

    return [result.text for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def expected_urls(config: "ProjectConfig", paths: Iterable[Path], records: Iterable[object] = ()) -> list[tuple[Path, str]]:
    """Pair each plaque PNG (named ``<key>.png``) with the URL its QR must hold: the
    plaque's own among ``records``' plaques (a lane entrance's ``s/<ID>/#<key>``), else
    the short URL of the id in its name."""
    known = {subject.key: absolute_url(config, subject.path) for subject in plaque_subjects(records)}
    return [(path, known.get(path.stem) or short_url(config, path.stem)) for path in paths if path.suffix == ".png"]


def _size_of(image: Image.Image) -> tuple[PlaqueSize | None, int]:
    """The plaque size a PNG was made for, from its pixel width and recorded dpi."""
    dpi = round(image.info.get("dpi", (DEFAULT_DPI,))[0])
    width = image.width / dpi * MM_PER_INCH
    return next((size for size in SIZES.values() if abs(size.width - width) < 1), None), dpi


def _problem(path: Path, url: str, found: list[str], language: str, photo: bool) -> str | None:
    if len(found) == 1 and found[0] == url:
        return None
    if len(found) > 1:
        return translate("plaques.verify_many", language, path=str(path), count=len(found))
    if found:
        return translate("plaques.verify_wrong", language, path=str(path), got=found[0], expected=url)
    return translate("plaques.verify_photo" if photo else "plaques.verify_unreadable", language, path=str(path))


def verify_plaques(paths_and_urls: Iterable[tuple[Path, str]], lang: str | None = None) -> list[str]:
    """Decode each PNG as a scanner would; one readable problem per plaque that fails.

    Each plaque is read twice: the file itself, then as a phone photographs it at its
    size's intended distance (``plaques_camera``: tilted, blurred, noisy, unevenly lit).
    """
    language = lang or pick_language()
    problems = []
    for path, url in paths_and_urls:
        with Image.open(path) as opened:
            image = opened.convert("L")
            size, dpi = _size_of(opened)
        problem = _problem(path, url, decode_qr(image), language, photo=False)
        if problem is None and size is not None:
            problem = _problem(path, url, decode_qr(photograph(image, size, dpi)), language, photo=True)
        if problem is not None:
            problems.append(problem)
    return problems
