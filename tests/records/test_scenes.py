"""check on 360° panoramas: files, pixel budget, ratio, scene names, hotspot targets, angles."""

from __future__ import annotations

import pytest
from PIL import Image
from tests.conftest import load_project, problems, run_cli
from tests.panorama_fixtures import declared_png, panorama_record, write_fixture

from generator.records.diagnostics import Severity

TWO_SCENES = """\
  - file: pano/cong.jpg
    caption: {vi: Cổng đền}
    credit: Đoàn viên xã
    hotspots:
      - {yaw: 10, pitch: -5, scene: san, text: {vi: Vào sân, en: Into the courtyard}}
      - {yaw: -90, text: {vi: Bia đá dựng năm 1925}}
  - file: pano/san.jpg
    caption: {vi: Sân đền, en: Courtyard}
    credit: Đoàn viên xã
    licence: CC BY-SA 4.0
    yaw: 120
    pitch: 5
    hfov: 90
    hotspots:
      - {yaw: 180, scene: cong}
      - {yaw: 90, site: TH-0902}
"""
OTHER_SITE = {"TH-0901": "TH-0902", "den-thu-nghiem": "den-khac", "Đền Thử Nghiệm": "Đền Khác", "19.80": "19.81"}


@pytest.fixture
def project(records_project):
    for name in ("cong", "san"):
        write_fixture(records_project / "sites" / "pano" / f"{name}.jpg", 1024)
    panorama_record(records_project, "  []\n", name="den-khac.yml", replace=OTHER_SITE)
    return records_project


def test_two_linked_scenes_and_a_link_to_another_site_are_valid(project):
    panorama_record(project, TWO_SCENES)
    result = load_project(project)
    assert problems(result) == []
    site = next(s for s in result.sites if s.id == "TH-0901")
    assert [p.scene_id for p in site.panoramas] == ["cong", "san"]
    assert site.panoramas[1].hfov == 90 and site.panoramas[0].hfov == 100


UNKNOWN_SAN = (22, 37, "panoramas[0].hotspots[0].scene", "panorama.scene_unknown")  # lines: valid.yml has 17


@pytest.mark.parametrize("edit, expected", [
    (("scene: san,", "scene: tien-duong,"), [UNKNOWN_SAN]),
    (("site: TH-0902", "site: TH-0999"), [(33, 25, "panoramas[1].hotspots[1].site", "panorama.site_unknown")]),
    (("site: TH-0902", "site: th-2"), [(33, 25, "panoramas[1].hotspots[1].site", "id.format")]),
    (("{yaw: 180, scene: cong}", "{yaw: 180, scene: cong, site: TH-0902}"),
     [(32, 9, "panoramas[1].hotspots[0]", "hotspot.target")]),
    (("{yaw: -90, text: {vi: Bia đá dựng năm 1925}}", "{yaw: -90}"), [(23, 9, "panoramas[0].hotspots[1]", "hotspot.target")]),
    (("    yaw: 120\n", "    yaw: 200\n"), [(28, 10, "panoramas[1].yaw", "angle.range")]),
    (("{yaw: 10, pitch: -5,", "{yaw: 10, pitch: -95,"), [(22, 26, "panoramas[0].hotspots[0].pitch", "angle.range")]),
    (("    hfov: 90\n", "    hfov: 10\n"), [(30, 11, "panoramas[1].hfov", "angle.range")]),
    (("  - file: pano/san.jpg\n", "  - file: pano/cong.jpg\n"),
     [UNKNOWN_SAN, (24, 11, "panoramas[1].file", "panorama.scene_duplicate")]),
    (("caption: {vi: Sân đền,", "caption: {vi: <b>Sân</b> đền,"), [(25, 19, "panoramas[1].caption.vi", "text.markup")]),
    (("file: pano/san.jpg", "file: ../../san.jpg"), [(24, 11, "panoramas[1].file", "media.outside")]),
    (("file: pano/san.jpg", "file: pano/mat-sau.jpg"), [UNKNOWN_SAN, (24, 11, "panoramas[1].file", "media.missing")]),
    # HEIC is a photo type (iPhones), not one the panorama decoder reads: refused by its type.
    (("file: pano/san.jpg", "file: pano/san.heic"), [(24, 11, "panoramas[1].file", "media.type")]),
])
def test_each_mistake_is_a_positioned_error(project, edit, expected):
    text = TWO_SCENES.replace(*edit)
    assert text != TWO_SCENES
    panorama_record(project, text)
    assert problems(load_project(project)) == [("den-thu-nghiem.yml", *e) for e in expected]


def test_a_link_to_a_draft_site_is_a_warning(project):
    panorama_record(project, "  []\n", name="den-khac.yml", replace={**OTHER_SITE, "status: published": "status: draft"})
    panorama_record(project, TWO_SCENES)
    result = load_project(project)
    assert result.ok
    [warning] = result.report.sorted()
    assert (warning.severity, warning.code, warning.field) == (Severity.WARNING, "panorama.site_draft",
                                                               "panoramas[1].hotspots[1].site")


def test_check_binds_the_file_it_decoded_and_only_a_usable_one(project):
    sites = project / "sites"
    Image.new("RGB", (3000, 1000), "gray").save(sites / "pano" / "cong.jpg")  # a warning: still usable
    (sites / "pano" / "san.jpg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")  # an error
    panorama_record(project, TWO_SCENES)
    result = load_project(project)
    assert [d.code for d in result.report.errors] == ["panorama.undecodable"]
    gate, court = next(s for s in result.sites if s.id == "TH-0901").panoramas
    assert gate.source == (sites / "pano" / "cong.jpg").resolve()  # the one path the build will read
    with pytest.raises(ValueError):
        court.source


def test_file_content_problems_in_both_languages(project):
    sites = project / "sites"
    Image.new("RGB", (3000, 1000), "gray").save(sites / "pano" / "cong.jpg")
    declared_png(sites / "pano" / "san.png", 19_600, 9_800)
    panorama_record(project, TWO_SCENES.replace("pano/san.jpg", "pano/san.png"))
    result = load_project(project)
    found = {d.code: d for d in result.report.sorted()}
    assert set(found) == {"panorama.ratio", "panorama.too_many_pixels"}
    assert found["panorama.ratio"].severity is Severity.WARNING
    assert "3.00:1 (3000×1000 px)" in found["panorama.ratio"].render("vi")
    assert "192 megapixels, over the 100-megapixel limit" in found["panorama.too_many_pixels"].render("en")
    assert "192 megapixel, quá giới hạn 100 megapixel" in found["panorama.too_many_pixels"].render("vi")


def test_check_reports_a_damaged_panorama_without_a_traceback(project):
    damaged = project / "sites" / "pano" / "san.jpg"
    damaged.write_bytes(damaged.read_bytes()[:2000])
    panorama_record(project, TWO_SCENES)
    run = run_cli(project, "--lang", "en", "check")
    assert run.exit_code == 1 and isinstance(run.exception, SystemExit)
    assert "sites/den-thu-nghiem.yml:24:11: panoramas[1].file: cannot read the 360° photo 'pano/san.jpg'" in run.output
    assert "Traceback" not in run.output
