"""QR plaques: what they encode, how their text fits, the files they make.

QR codes are checked by decoding the rendered pixels with zxing-cpp, an independent
decoder, and comparing with the URL written out here, never with the encoder's input.
The helpers at the top are shared with the other ``test_plaques_*`` files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from generator.config import ProjectConfig, load_config
from generator.media.cache import cache_root
from generator.plaques.command import decode_qr, expected_urls, verify_plaques, write_plaques, write_sheet, write_site_downloads
from generator.plaques.pdf import impose
from generator.plaques.content import plaque_content
from generator.plaques.layout import Layout, layout_plaque
from generator.plaques.sizes import MM_PER_INCH, QUIET_ZONE_MODULES, SIZES
from generator.plaques.typesetting import metrics
from generator.plaques.errors import PlaqueError
from generator.plaques.raster import rasterise
from generator.records.validate import load_sites
from generator.records.schema import Site

SITE_URL = "https://example.org/dcd/"
MKDOCS = """\
site_name: Địa chỉ đỏ Thanh Hóa
site_url: {site_url}
docs_dir: site_docs
site_dir: site
extra:
  diachido:
    province: Thanh Hóa
    id_prefix: TH
    bounds: {{south: 19.2, west: 104.3, north: 20.75, east: 106.25}}
    organisation:
      name: {organisation}
      logo: {logo}
"""
LONG_NAME = (
    "Khu di tích lịch sử và kiến trúc nghệ thuật Thành nhà Hồ và đàn tế Nam Giao cùng hệ thống "
    "lũy thành, đường Hoàng Cung, giếng Vua và các di chỉ khảo cổ học phụ cận ở Vĩnh Lộc"
)


def make_project(root: Path, site_url: str = SITE_URL, organisation: str = "Tỉnh đoàn Thanh Hóa", logo: str = "") -> ProjectConfig:
    """A minimal project (just mkdocs.yml) in ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    text = MKDOCS.format(site_url=site_url, organisation=organisation, logo=logo)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return load_config(root)


def make_site(site_id: str = "TH-0042", name: str = "Đền Bà Triệu", en: str | None = "Lady Triệu Temple", rank: str = "special-national", **extra: Any) -> Site:
    return Site.model_validate({
        "id": site_id,
        "status": "published",
        "name": {"vi": name, "en": en},
        "category": ["historical"],
        "rank": {"level": rank},
        "address": {"province": "Thanh Hóa"},
        "summary": {"vi": "Nơi thờ Bà Triệu."},
        **extra,
    })


@pytest.fixture
def config(tmp_path: Path) -> ProjectConfig:
    return make_project(tmp_path / "project")


def layout_for(config: ProjectConfig, site: Site, size: str = "a6") -> Layout:
    return layout_plaque(plaque_content(config, site), SIZES[size])


def ink_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """Bounding box of every non-white pixel."""
    return ImageChops.invert(image.convert("L")).getbbox()


def px(mm: float, dpi: int = 300) -> float:
    return mm / MM_PER_INCH * dpi


# --- what the QR says -------------------------------------------------------------


@pytest.mark.parametrize("size", sorted(SIZES))
def test_each_size_decodes_to_the_short_url(config: ProjectConfig, size: str) -> None:
    image = rasterise(layout_for(config, make_site(), size))
    assert decode_qr(image) == ["https://example.org/dcd/s/TH-0042/"]


def test_plaque_follows_site_url(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", site_url="https://heritage.example.vn")
    image = rasterise(layout_for(config, make_site("TH-000123")))
    assert decode_qr(image) == ["https://heritage.example.vn/s/TH-000123/"]


def test_quiet_zone_is_clear_and_qr_sized_by_distance(config: ProjectConfig) -> None:
    for key, size in SIZES.items():
        layout = layout_for(config, make_site(name=LONG_NAME), key)
        qr = layout.qr
        # The 10x rule, rounded down to whole printer dots: at most 10 % smaller.
        assert 0.9 * size.scan_distance / 10 <= qr.side <= size.scan_distance / 10, key
        zone = [round(px(v)) for v in (qr.x - qr.quiet, qr.y - qr.quiet, qr.x + qr.side + qr.quiet, qr.y + qr.side + qr.quiet)]
        image = rasterise(layout).convert("L")
        symbol = [round(px(v)) for v in (qr.x, qr.y, qr.x + qr.side, qr.y + qr.side)]
        quiet = image.crop(zone)
        quiet.paste(255, [symbol[0] - zone[0], symbol[1] - zone[1], symbol[2] - zone[0], symbol[3] - zone[1]])
        assert quiet.getextrema() == (255, 255), f"{key}: something drawn in the {QUIET_ZONE_MODULES}-module quiet zone"


def test_png_is_300_dpi_at_trim_size(config: ProjectConfig, tmp_path: Path) -> None:
    paths = write_plaques(config, [make_site()], tmp_path / "out", sizes=("a5",), formats=("png",))
    with Image.open(paths[0]) as image:
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert image.size == (round(px(148)), round(px(210)))


# --- text -------------------------------------------------------------------------


@pytest.mark.parametrize("size", sorted(SIZES))
def test_long_name_wraps_shrinks_and_stays_inside(config: ProjectConfig, size: str) -> None:
    short = layout_for(config, make_site(name="Đền Bà Triệu"), size)
    long = layout_for(config, make_site(name=LONG_NAME), size)
    short_size = next(line.size for line in short.texts if line.role == "name")
    long_lines = [line for line in long.texts if line.role == "name"]
    assert len(long_lines) > 1
    assert long_lines[0].size < short_size
    assert " ".join(run.text for line in long_lines for run in line.runs) == LONG_NAME
    name_ink = ink_box(rasterise(long.only("name")))
    box = long.name_box
    assert name_ink is not None
    left, top, right, bottom = name_ink
    assert px(box.x) - 1 <= left and right <= px(box.x + box.w) + 1
    assert px(box.y) - 1 <= top and bottom <= px(box.y + box.h) + 1
    assert box.y + box.h <= long.qr.y - long.qr.quiet + 1e-6


def test_diacritics_are_composed_and_drawn(config: ProjectConfig) -> None:
    decomposed = unicodedata.normalize("NFD", "Đền thờ Lê Hoàn ở Xuân Lập")
    layout = layout_for(config, make_site(name=decomposed))
    drawn = " ".join(run.text for line in layout.texts if line.role == "name" for run in line.runs)
    assert drawn == "Đền thờ Lê Hoàn ở Xuân Lập"
    assert unicodedata.is_normalized("NFC", drawn)


def test_character_the_font_lacks_is_refused(config: ProjectConfig) -> None:
    with pytest.raises(PlaqueError) as error:
        plaque_content(config, make_site(name="Chùa 寺"))
    assert error.value.code == "plaques.missing_glyphs"
    assert error.value.params["chars"] == "寺"


VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵỂỄẾỆẶỖ –()", min_size=1, max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=VIETNAMESE, size=st.sampled_from(sorted(SIZES)))
def test_any_name_fits_its_box(config: ProjectConfig, name: str, size: str) -> None:
    if not name.strip():
        return
    layout = layout_for(config, make_site(name=name), size)
    lines = [line for line in layout.texts if line.role == "name"]
    box = layout.name_box
    for line in lines:
        assert metrics("bold").width(line.runs[0].text, line.size) <= box.w
    font = metrics("bold")
    assert lines[0].baseline - font.ink_top * lines[0].size * 25.4 / 72 >= box.y - 1e-6
    assert lines[-1].baseline + font.ink_bottom * lines[-1].size * 25.4 / 72 <= box.y + box.h + 1e-6


def test_organisation_logo_goes_in_the_header(tmp_path: Path) -> None:
    logo = tmp_path / "project" / "logo.png"
    logo.parent.mkdir(parents=True)
    Image.new("RGB", (200, 120), (20, 90, 160)).save(logo)
    config = make_project(tmp_path / "project", logo="logo.png")
    layout = layout_for(config, make_site())
    header = layout.boxes[1]
    assert layout.logo is not None and header.y <= layout.logo.y and layout.logo.y + layout.logo.h <= header.y + header.h
    image = rasterise(layout)
    centre = (round(px(layout.logo.x + layout.logo.w / 2)), round(px(layout.logo.y + layout.logo.h / 2)))
    assert image.getpixel(centre) == (20, 90, 160)
    assert decode_qr(image) == ["https://example.org/dcd/s/TH-0042/"]


def test_missing_logo_is_a_clear_error(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project", logo="nowhere.png")
    with pytest.raises(PlaqueError) as error:
        plaque_content(config, make_site())
    assert error.value.code == "plaques.logo_missing"


# --- files ------------------------------------------------------------------------


def test_output_is_byte_identical_and_not_rewritten(config: ProjectConfig, tmp_path: Path) -> None:
    sites = [make_site(), make_site("TH-0007", name=LONG_NAME, rank="national")]
    first = write_plaques(config, sites, tmp_path / "a", sizes=("a6", "sticker"))
    second = write_plaques(config, sites, tmp_path / "b", sizes=("a6", "sticker"))
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    stamps = [p.stat().st_mtime_ns for p in first]
    write_plaques(config, sites, tmp_path / "a", sizes=("a6", "sticker"))
    assert [p.stat().st_mtime_ns for p in first] == stamps


def test_parallel_and_serial_runs_agree(config: ProjectConfig, tmp_path: Path) -> None:
    sites = [make_site(f"TH-{n:04d}", name=f"Đình làng số {n}") for n in range(1, 5)]
    serial = write_plaques(config, sites, tmp_path / "serial", formats=("png",), jobs=1)
    parallel = write_plaques(config, sites, tmp_path / "parallel", formats=("png",), jobs=2)
    assert [p.read_bytes() for p in serial] == [p.read_bytes() for p in parallel]


def test_verify_accepts_good_plaques_and_names_bad_ones(config: ProjectConfig, tmp_path: Path) -> None:
    paths = write_plaques(config, [make_site(), make_site("TH-0007")], tmp_path / "out", formats=("png", "pdf"))
    pairs = expected_urls(config, paths)
    assert [url for _, url in pairs] == ["https://example.org/dcd/s/TH-0042/", "https://example.org/dcd/s/TH-0007/"]
    assert verify_plaques(pairs) == []
    good, other = pairs[0][0], pairs[1][0]
    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 400), "white").save(blank)
    problems = verify_plaques([(other, pairs[0][1]), (blank, pairs[0][1])], lang="en")
    assert problems == [
        f"{other}: the QR code reads https://example.org/dcd/s/TH-0007/, expected https://example.org/dcd/s/TH-0042/",
        f"{blank}: the QR code cannot be read",
    ]
    assert verify_plaques([(good, pairs[0][1])], lang="vi") == []


def test_verify_rejects_a_qr_too_small_for_its_distance(config: ProjectConfig, tmp_path: Path) -> None:
    """A file that scans on screen but not from 0.6 m: an A6 page with a 2 px/module QR."""
    (plaque,) = write_plaques(config, [make_site()], tmp_path / "out", formats=("png",))
    with Image.open(plaque) as image:
        tiny = image.resize((image.width // 10, image.height // 10), Image.Resampling.NEAREST)
        page = Image.new("RGB", image.size, "white")
        page.paste(tiny, (0, 0))
    small = tmp_path / "small.png"
    page.save(small, dpi=(300, 300))
    url = "https://example.org/dcd/s/TH-0042/"
    assert decode_qr(page) == [url]
    assert verify_plaques([(small, url)], lang="en") == [
        f"{small}: the file reads, but a simulated phone photo at the intended distance does not; do not print this plaque"
    ]


def test_pdf_is_trim_size_with_fixed_date_and_embedded_font(config: ProjectConfig, tmp_path: Path) -> None:
    (path,) = write_plaques(config, [make_site()], tmp_path, sizes=("a6",), formats=("pdf",))
    data = path.read_bytes()
    width, height = (float(v) for v in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data).groups())
    assert (width, height) == pytest.approx((105 * 72 / 25.4, 148 * 72 / 25.4), abs=0.1)
    assert b"/CreationDate (D:20250101" in data
    assert b"BeVietnamPro" in data and b"/FontFile2" in data


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils) to rasterise PDFs")
def test_pdf_qr_decodes_when_printed(config: ProjectConfig, tmp_path: Path) -> None:
    (path,) = write_plaques(config, [make_site()], tmp_path, sizes=("sticker",), formats=("pdf",))
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as page:
        assert decode_qr(page) == ["https://example.org/dcd/s/TH-0042/"]


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


@pytest.mark.parametrize(("size", "per_page"), [("a6", 2), ("sticker", 12), ("a5", 1), ("a4", 1)])
def test_sheet_imposes_plaques_behind_an_index(config: ProjectConfig, tmp_path: Path, size: str, per_page: int) -> None:
    plaque = SIZES[size]
    grid = impose(plaque.width, plaque.height)
    assert grid.per_page == per_page
    assert grid.left >= 8 and grid.top >= 8, "no room for cut marks"
    sites = [make_site(f"TH-{n:04d}", name=f"Di tích số {n}") for n in range(1, 6)]
    data = write_sheet(config, sites, tmp_path / "sheet.pdf", size=size).read_bytes()
    assert page_count(data) == 1 + -(-5 // per_page)
    assert write_sheet(config, sites, tmp_path / "again.pdf", size=size).read_bytes() == data


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils) to rasterise PDFs")
def test_site_downloads_are_a5_pdfs_that_scan(config: ProjectConfig, tmp_path: Path) -> None:
    docs = tmp_path / "site_docs"
    written = write_site_downloads(config, [make_site(), make_site("TH-0007")], docs)
    folder = docs / "generated" / "plaques"
    assert sorted(p.name for p in folder.iterdir()) == ["TH-0007.pdf", "TH-0042.pdf"]
    assert set(written) == set(folder.iterdir())
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", str(folder / "TH-0042.pdf"), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as page:
        assert abs(page.size[0] - px(148)) <= 2 and abs(page.size[1] - px(210)) <= 2
        assert decode_qr(page) == ["https://example.org/dcd/s/TH-0042/"]


def test_site_downloads_follow_the_published_sites_and_reuse_the_cache(config: ProjectConfig, tmp_path: Path) -> None:
    docs = tmp_path / "site_docs"
    write_site_downloads(config, [make_site(), make_site("TH-0007")], docs)
    cached = sorted((cache_root(config.root) / "plaques").rglob("*.pdf"))
    stamps = [path.stat().st_mtime_ns for path in cached]
    write_site_downloads(config, [make_site()], docs)
    assert sorted(p.name for p in (docs / "generated" / "plaques").iterdir()) == ["TH-0042.pdf"]
    assert [path.stat().st_mtime_ns for path in cached] == stamps  # nothing re-rendered
    write_site_downloads(config, [make_site(name="Tên đã đổi")], docs)
    assert len(list((cache_root(config.root) / "plaques").rglob("*.pdf"))) == len(cached) + 1


# --- the command --------------------------------------------------------------------


def test_command_makes_verifies_and_records(sample_project: Path) -> None:
    from tests.plaques.test_printable import use_site_url

    use_site_url(sample_project)
    out = sample_project / "plaques" / "out"
    result = run_cli(sample_project, "plaques", "--size", "sticker", "--format", "png", "--sheet", "--verify", "--record")
    assert result.exit_code == 0, result.output
    pngs = sorted(out.glob("sticker/*.png"))
    assert len(pngs) == 4 and (out / "sheet-sticker.pdf").is_file()
    assert "Đã quét thử 4 biển QR: tất cả đọc đúng địa chỉ." in result.output
    registry = (sample_project / "plaques" / "registry.yml").read_text(encoding="utf-8")
    site_url = load_config(sample_project).site_url
    assert all(f"url: {site_url}s/{png.stem}/" in registry for png in pngs)


def test_a_batch_of_chosen_sites_is_printed_and_recorded_alone(sample_project: Path) -> None:
    from tests.plaques.test_printable import use_site_url

    use_site_url(sample_project)
    sites = load_sites(load_config(sample_project)).published
    first, second = sites[0], sites[1]
    result = run_cli(sample_project, "plaques", "--size", "sticker", "--format", "png", "--record",
                     "--site", first.id, "--site", second.slug)
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in (sample_project / "plaques/out/sticker").glob("*.png")) == sorted([first.id, second.id])
    registry = (sample_project / "plaques" / "registry.yml").read_text(encoding="utf-8")
    assert registry.count("- id: ") == 2
    unknown = run_cli(sample_project, "--lang", "en", "plaques", "--site", second.slug[:-1] + "x")
    assert unknown.exit_code == 1 and f"did you mean '{second.slug}'?" in unknown.output


def test_command_refuses_to_verify_pdf_only(sample_project: Path) -> None:
    result = run_cli(sample_project, "--lang", "en", "plaques", "--format", "pdf", "--verify")
    assert result.exit_code == 2
    assert "--verify scans the PNG files" in result.output


def test_command_reports_a_damaged_registry(sample_project: Path) -> None:
    registry = sample_project / "plaques" / "registry.yml"
    registry.parent.mkdir(parents=True)
    registry.write_text("plaques: [\n", encoding="utf-8")
    result = run_cli(sample_project, "--lang", "en", "plaques", "--size", "sticker", "--format", "pdf", "--record")
    assert result.exit_code == 1
    assert f"{registry}:2:1: the plaque register is damaged (YAML syntax error" in result.output
    assert registry.read_text(encoding="utf-8") == "plaques: [\n"


def test_a_bad_name_in_a_parallel_batch_is_reported_by_code(config: ProjectConfig, tmp_path: Path) -> None:
    sites = [make_site("TH-0001"), make_site("TH-0002", name="Chùa 寺")]
    with pytest.raises(PlaqueError) as error:
        write_plaques(config, sites, tmp_path, formats=("png",), jobs=2)
    assert (error.value.code, error.value.params) == ("plaques.missing_glyphs", {"id": "TH-0002", "chars": "寺"})


def test_command_offers_every_size_and_format() -> None:
    from generator.cli import PLAQUE_FORMATS, PLAQUE_SIZES
    from generator.plaques.command import FORMATS

    assert sorted(PLAQUE_SIZES) == sorted(SIZES)
    assert sorted(PLAQUE_FORMATS) == sorted(FORMATS)


def test_a_record_withdrawn_since_the_last_run_leaves_no_plaque_behind(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p")
    out = tmp_path / "out"
    write_plaques(config, [make_site(), make_site("TH-0007")], out, sizes=("sticker",), formats=("png",))
    assert (out / "sticker" / "TH-0007.png").is_file()
    write_plaques(config, [make_site()], out, sizes=("sticker",), formats=("png",))
    assert sorted(path.name for path in (out / "sticker").iterdir()) == ["TH-0042.png"]
