"""generator.site.panoramas: what a site page, a list and the map carry for 360° panoramas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, load_project, make_records_project
from tests.panorama_fixtures import panorama_record, write_fixture
from tests.records.test_scenes import OTHER_SITE, TWO_SCENES

from generator import urls
from generator.config import load_config
from generator.map.data import FLAG_PANORAMA, site_data
from generator.site.assets import STATIC_DIR
from generator.media.panoramas import content_key
from generator.site.panoramas import VIEWER_DIR, process_panoramas
from generator.site.writer import write_visitor_site

DATA = re.compile(r'<script type="application/json" id="dcd-pano-data">(.*?)</script>', re.S)


def _written(tmp_path: Path, *, other_status: str = "published", english: bool = False) -> tuple[Path, list]:
    project = make_records_project(tmp_path / "project", docs=False)
    for name in ("cong", "san"):
        write_fixture(project / "sites" / "pano" / f"{name}.jpg", 1024)
    panorama_record(project, "  []\n", name="den-khac.yml",
                    replace={**OTHER_SITE, "status: published": f"status: {other_status}"})
    summary = {"  vi: Di tích dùng để kiểm thử.\n": "  vi: Di tích dùng để kiểm thử.\n  en: A site for tests.\n"}
    panorama_record(project, TWO_SCENES, replace=summary if english else None)
    result = load_project(project)
    assert result.ok
    docs = tmp_path / "docs"
    write_visitor_site(load_config(project), result.published, docs)
    return docs, result.published


def _page(docs: Path, slug: str, lang: str = "vi") -> str:
    return (docs / urls.page_source_file(urls.site_page_path(slug, lang))).read_text(encoding="utf-8")


def test_page_has_previews_buttons_and_a_tour_with_relative_urls(tmp_path):
    docs, _ = _written(tmp_path)
    page = _page(docs, "den-thu-nghiem")
    assert page.count('data-dcd-pano="') == 2 and 'data-dcd-pano="cong" hidden>Xem 360°</button>' in page
    assert 'alt="Sân đền"' in page and "(CC BY-SA 4.0)" in page
    data = json.loads(DATA.search(page).group(1))
    tour = data["tour"]
    assert tour["escapeHTML"] is True and "escapeHTML" not in tour["default"]  # Pannellum reads the top level
    assert tour["default"]["firstScene"] == "cong"
    gate, court = tour["scenes"]["cong"], tour["scenes"]["san"]
    assert (court["yaw"], court["pitch"], court["hfov"]) == (120, 5, 90)
    assert gate["hotSpots"] == [
        {"yaw": 10, "pitch": -5, "type": "scene", "sceneId": "san", "text": "Vào sân"},
        {"yaw": -90, "pitch": 0, "type": "info", "text": "Bia đá dựng năm 1925"},
    ]
    assert court["hotSpots"][0]["text"] == "Cổng đền"  # no label: the target scene's caption
    assert court["hotSpots"][1] == {"yaw": 90, "pitch": 0, "type": "info", "URL": "../../di-tich/den-khac/",
                                    "text": "Đền Khác", "attributes": {"target": "_self"}}
    base = gate["multiRes"]["basePath"]
    assert base.startswith("../../generated/pano/")
    key = base.rsplit("/", 1)[1]
    tiles = docs / urls.PANORAMAS_DIR / key
    assert (tiles / "1" / "f0_0.jpg").is_file() and (tiles / "fallback" / "u.jpg").is_file()
    assert data["script"] == f"../../generated/dcd/{VIEWER_DIR}/pannellum.js"
    assert (docs / urls.ASSETS_DIR / VIEWER_DIR / "pannellum.js").is_file()
    assert (docs / urls.ASSETS_DIR / VIEWER_DIR / "COPYING").is_file()


def test_english_page_speaks_english(tmp_path):
    docs, _ = _written(tmp_path, english=True)
    page = _page(docs, "den-thu-nghiem", "en")
    assert 'data-dcd-pano="cong" hidden>View in 360°</button>' in page
    data = json.loads(DATA.search(page).group(1))
    assert data["strings"]["save"] == "Save for offline"
    assert data["scenes"]["san"] == {"caption": "Courtyard", "credit": "Photo: Đoàn viên xã (CC BY-SA 4.0)"}
    assert data["scenes"]["cong"]["caption"] == "Cổng đền"  # no English caption: the Vietnamese one
    assert data["tour"]["scenes"]["cong"]["hotSpots"][0]["text"] == "Into the courtyard"


def test_a_page_without_panoramas_loads_nothing_for_them(tmp_path):
    docs, _ = _written(tmp_path)
    page = _page(docs, "den-khac")
    assert DATA.search(page) is None and "panorama-viewer.js" not in page and "dcd-pano" not in page


def test_a_hotspot_to_a_draft_site_is_left_out(tmp_path):
    docs, _ = _written(tmp_path, other_status="draft")
    data = json.loads(DATA.search(_page(docs, "den-thu-nghiem")).group(1))
    assert [spot["type"] for spot in data["tour"]["scenes"]["san"]["hotSpots"]] == ["scene"]


def test_lists_and_the_map_show_the_badge(tmp_path):
    docs, published = _written(tmp_path)
    listing = (docs / urls.site_list_path() / "index.md").read_text(encoding="utf-8")
    assert listing.count('<span class="dcd-pano-badge">có ảnh 360°</span>') == 1
    assert re.search(r"Đền Thử Nghiệm <span class=\"dcd-pano-badge\">", listing)
    points, _ = site_data(published, "vi", lambda path: True)
    flags = {row[0]: row[6] for row in points["sites"]}
    assert flags["TH-0901"] & FLAG_PANORAMA and not flags["TH-0902"] & FLAG_PANORAMA


def test_the_build_reads_the_panorama_validation_checked(tmp_path):
    """Not a file found again by the record's ``id:`` line: a flow-style record with a
    tagged id in a subfolder, and a decoy at the same path under ``sites/``."""
    project = make_records_project(tmp_path / "project", docs=False)
    right = write_fixture(project / "sites" / "vung-nui" / "pano" / "cong.jpg", 1024, yaw=40)
    write_fixture(project / "sites" / "pano" / "cong.jpg", 1024, yaw=-120)  # the decoy
    (project / "sites" / "vung-nui" / "a.yml").write_text(
        '{"id": !!str "TH-0901", status: published, name: {vi: Đền Thử}, category: [historical], rank: {level: unknown},'
        ' address: {province: Thanh Hóa}, summary: {vi: Thử.},'
        ' panoramas: [{file: pano/cong.jpg, caption: {vi: Cổng}, credit: A}]}\n', encoding="utf-8")
    result = load_project(project)
    assert result.report.errors == []
    built = process_panoramas(load_config(project), result.published, tmp_path / "docs")
    [scene] = built.scenes["TH-0901"]
    assert scene.processed.tiles.key == content_key(right.read_bytes())


def test_vendored_viewer_is_the_npm_release():
    package = REPO_ROOT / "node_modules" / "pannellum"
    if not (package / "package.json").is_file():
        pytest.skip("npm ci has not run")
    version = VIEWER_DIR.rsplit("-", 1)[1]
    assert json.loads((package / "package.json").read_text())["version"] == version
    vendored = STATIC_DIR / VIEWER_DIR
    for name, source in (("pannellum.js", "build/pannellum.js"), ("pannellum.css", "build/pannellum.css"),
                         ("COPYING", "COPYING")):
        assert (vendored / name).read_bytes() == (package / source).read_bytes(), name
