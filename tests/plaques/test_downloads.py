"""The A5 plaque PDF each site page offers: same bytes as the command's, scannable,
text extractable, and rendered again only when something it prints has changed.

Renders are counted by the cache entries they create (one per rendered plaque) and by
the files' inodes, never by timing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from generator.config import ProjectConfig
from generator.media import cache
from generator.plaques import downloads, pdf_font
from generator.plaques.command import decode_qr, write_plaques, write_site_downloads
from generator.plaques.errors import PlaqueError
from tests.plaques.test_command import LONG_NAME, make_project, make_site

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                                   reason="needs poppler-utils (pdftoppm, pdftotext) to read PDFs")


@pytest.fixture
def config(tmp_path: Path) -> ProjectConfig:
    return make_project(tmp_path / "project")


def sites() -> list:
    return [make_site("TH-0001", name="Đền Bà Triệu"), make_site("TH-0002", name=LONG_NAME, rank="national"),
            make_site("TH-0003", name="Chùa Hoằng Phúc", en=None, rank="provincial")]


def rendered(config: ProjectConfig) -> set[str]:
    """Keys of the plaque cache entries: each render makes one."""
    cache = downloads.plaques_cache(config.root)
    return {entry.name for entry in cache.iterdir() if entry.is_dir() and any(entry.glob("*.pdf"))}


def outputs(docs: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_ino) for path in sorted((docs / downloads.DOWNLOADS_DIR).iterdir())}


def test_download_is_the_commands_a5_pdf_byte_for_byte(config: ProjectConfig, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    written = write_site_downloads(config, sites(), docs)
    printed = write_plaques(config, sites(), tmp_path / "out", sizes=("a5",), formats=("pdf",), jobs=1)
    assert [path.read_bytes() for path in written] == [path.read_bytes() for path in printed]
    # Another project, another cache, fonts prepared anew: still the same bytes.
    other = make_project(tmp_path / "other")
    pdf_font.plaque_fonts.cache_clear()
    again = write_site_downloads(other, sites(), tmp_path / "docs2")
    assert [path.read_bytes() for path in again] == [path.read_bytes() for path in written]


@needs_poppler
def test_download_scans_and_its_text_is_extractable(config: ProjectConfig, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_site_downloads(config, sites(), docs)
    path = docs / downloads.DOWNLOADS_DIR / "TH-0002.pdf"
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as page:
        assert decode_qr(page) == ["https://example.org/dcd/s/TH-0002/"]
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    assert LONG_NAME in words  # wrapped over lines, every Vietnamese letter mapped back by ToUnicode
    for expected in ("TỈNH ĐOÀN THANH HÓA", "DI TÍCH QUỐC GIA", "Lady Triệu Temple", "Quét mã để tìm hiểu · Scan to learn more",
                     "example.org/dcd/s/TH-0002", "Mã di tích TH-0002"):
        assert expected in words
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert fonts.count("CID TrueType") == 2 and "BeVietnamPro-Bold" in fonts


def test_only_the_edited_plaque_is_rendered_again(config: ProjectConfig, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_site_downloads(config, sites(), docs)
    first, before = rendered(config), outputs(docs)
    assert len(first) == 3
    write_site_downloads(config, sites(), docs)
    assert rendered(config) == first and outputs(docs) == before  # nothing redone, files untouched
    edited = sites()
    edited[1] = make_site("TH-0002", name="Đình làng Gia Miêu", rank="national")
    write_site_downloads(config, edited, docs)
    after = outputs(docs)
    assert len(rendered(config) - first) == 1
    assert [name for name in after if after[name][0] != before[name][0]] == ["TH-0002.pdf"]


def test_a_new_generator_version_renders_every_plaque(config: ProjectConfig, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """(A new font file is a new generator version: tests/test_build_incremental.py edits one.)"""
    docs = tmp_path / "docs"
    write_site_downloads(config, sites(), docs)
    first = rendered(config)
    versions = cache._distribution_versions()
    monkeypatch.setattr(cache, "_distribution_versions", lambda: [("diachido", "99.0"), *versions[1:]])
    cache.generator_version.cache_clear()
    try:
        write_site_downloads(config, sites(), docs)
        assert len(rendered(config) - first) == 3
    finally:
        cache.generator_version.cache_clear()


def test_dropped_sites_lose_their_file_and_a_parallel_run_gives_the_same_bytes(
        config: ProjectConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = write_site_downloads(config, sites(), tmp_path / "serial")
    monkeypatch.setattr(downloads, "PARALLEL_FROM", 2)
    monkeypatch.setattr(downloads, "CHUNK", 1)
    parallel = write_site_downloads(make_project(tmp_path / "other"), sites(), tmp_path / "parallel")
    assert [path.read_bytes() for path in parallel] == [path.read_bytes() for path in serial]
    write_site_downloads(config, sites()[:1], tmp_path / "serial")
    assert sorted(outputs(tmp_path / "serial")) == ["TH-0001.pdf"]


def test_a_character_the_font_lacks_stops_before_any_file(config: ProjectConfig, tmp_path: Path) -> None:
    bad = [*sites(), make_site("TH-0004", name="Chùa 寺")]
    with pytest.raises(PlaqueError) as error:
        write_site_downloads(config, bad, tmp_path / "docs")
    assert (error.value.code, error.value.params) == ("plaques.missing_glyphs", {"id": "TH-0004", "chars": "寺"})
    assert not (tmp_path / "docs").exists()


@needs_poppler
def test_the_organisations_logo_is_drawn_in_the_pdf(tmp_path: Path) -> None:
    logo = tmp_path / "project" / "logo.png"
    logo.parent.mkdir(parents=True)
    image = Image.new("RGBA", (200, 120), (20, 90, 160, 255))
    image.paste((0, 0, 0, 0), (0, 0, 200, 20))  # a transparent band: drawn through an SMask
    image.save(logo)
    config = make_project(tmp_path / "project", logo="logo.png")
    (path,) = write_site_downloads(config, [make_site()], tmp_path / "docs")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    layout_logo = downloads.layout_plaque(downloads.plaque_content(config, make_site()), downloads.SIZES["a5"]).logo
    assert layout_logo is not None
    with Image.open(tmp_path / "page.png") as page:
        dots = 150 / 25.4
        centre = (round((layout_logo.x + layout_logo.w / 2) * dots), round((layout_logo.y + layout_logo.h / 2) * dots))
        assert page.convert("RGB").getpixel(centre) == pytest.approx((20, 90, 160), abs=3)
        assert decode_qr(page) == ["https://example.org/dcd/s/TH-0042/"]
