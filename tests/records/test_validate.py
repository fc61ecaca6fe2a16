"""generator.records.validate: every error case of a site record, with its file, line, column and field.

Each case is one tiny file under tests/fixtures/records/ (a folder for cases that
need two files); ``valid.yml`` is the record they all start from.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
import yaml
from PIL import Image
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import (
    RECORD_FIXTURES_DIR,
    REPO_ROOT,
    add_record_fixture,
    load_project,
    only_diagnostic,
    problems,
    project_config,
    record_fixture_text,
    sample_site_names,
)

from generator.media import PHOTO_MAX_BYTES
from generator.records.diagnostics import Severity
from generator.records.validate import distance_metres, field_name, load_sites, site_files
from generator.records.schema import LocationQuality, Status

# fixture -> every problem it must produce: (file, line, column, field, code)
CASES = {
    "tab.yml": [("tab.yml", 8, 1, "", "yaml.tab")],
    "duplicate_key.yml": [("duplicate_key.yml", 6, 3, "", "yaml.duplicate_key")],
    "unknown_field.yml": [("unknown_field.yml", 17, 1, "histroy", "field.unknown")],
    "unknown_field_nested.yml": [("unknown_field_nested.yml", 6, 3, "name.orther", "field.unknown")],
    "wrong_type_list.yml": [("wrong_type_list.yml", 6, 11, "category", "type.list")],
    "wrong_type_text.yml": [("wrong_type_text.yml", 5, 7, "name.vi", "type.text")],
    "wrong_type_number.yml": [("wrong_type_number.yml", 10, 8, "location.lat", "type.number")],
    "wrong_type_date.yml": [("wrong_type_date.yml", 17, 15, "last_checked", "type.date")],
    "wrong_choice.yml": [("wrong_choice.yml", 8, 10, "rank.level", "type.choice")],
    "missing_required.yml": [("missing_required.yml", 1, 1, "summary", "field.missing")],
    "missing_nested.yml": [("missing_nested.yml", 10, 3, "location.quality", "field.missing")],
    "lat_lon_swapped.yml": [("lat_lon_swapped.yml", 10, 8, "location.lat", "lat.range")],
    "lat_out_of_range.yml": [("lat_out_of_range.yml", 10, 8, "location.lat", "lat.range")],
    "lon_out_of_range.yml": [("lon_out_of_range.yml", 11, 8, "location.lon", "lon.range")],
    "outside_bounds.yml": [("outside_bounds.yml", 10, 8, "location.lat", "location.outside")],
    "missing_image.yml": [("missing_image.yml", 18, 11, "images[0].file", "media.missing")],
    "media_outside.yml": [
        ("media_outside.yml", 18, 11, "images[0].file", "media.outside"),
        ("media_outside.yml", 21, 11, "images[1].file", "media.outside"),
    ],
    "non_http_url.yml": [
        ("non_http_url.yml", 18, 10, "sources[0].url", "url.scheme"),
        ("non_http_url.yml", 19, 10, "sources[1].url", "url.scheme"),
        ("non_http_url.yml", 21, 12, "visiting.website", "url.scheme"),
    ],
    "markup_in_name.yml": [("markup_in_name.yml", 5, 7, "name.vi", "text.markup")],
    "bad_id.yml": [("bad_id.yml", 1, 5, "id", "id.format")],
    "wrong_prefix.yml": [("wrong_prefix.yml", 1, 5, "id", "id.prefix")],
    "bad_slug.yml": [("bad_slug.yml", 2, 7, "slug", "slug.format")],
    "yaml_tag.yml": [("yaml_tag.yml", 15, 10, "", "yaml.tag")],
    "syntax_error.yml": [("syntax_error.yml", 5, 7, "", "yaml.syntax")],
    "empty.yml": [("empty.yml", 1, 1, "", "file.empty")],
    "not_mapping.yml": [("not_mapping.yml", 1, 1, "", "yaml.not_mapping")],
    "alias_bomb.yml": [("alias_bomb.yml", 2, 4, "", "yaml.alias")],
    "duplicate_id": [("b.yml", 1, 5, "id", "id.duplicate")],
    "duplicate_slug": [("b.yml", 2, 7, "slug", "url.taken")],
    "bidi_escape.yml": [("bidi_escape.yml", 5, 7, "name.vi", "text.control_char")],
    "escape_control.yml": [("escape_control.yml", 16, 7, "summary.vi", "text.control_char")],
    "nbsp_after_lat.yml": [("nbsp_after_lat.yml", 10, 7, "", "yaml.invisible_char")],
    "slug_index.yml": [("slug_index.yml", 2, 7, "slug", "url.reserved")],
    "former_slug_is_slug.yml": [("former_slug_is_slug.yml", 3, 16, "former_slugs[0]", "url.taken")],
    "markdown_brackets.yml": [("markdown_brackets.yml", 18, 7, "history.vi", "markdown.too_complex")],
    "markdown_nested.yml": [("markdown_nested.yml", 18, 7, "history.vi", "markdown.too_nested")],
    "extension_upper.YAML": [("extension_upper.YAML", 1, 5, "id", "id.format")],
}


# fixtures that build but deserve a word: warnings only
WARNING_CASES = {
    "published_without_location.yml": [("published_without_location.yml", 1, 1, "location", "location.absent")],
    "unknown_commune.yml": [("unknown_commune.yml", 15, 12, "address.commune", "place.unknown")],
}


def test_every_fixture_has_a_case():
    names = {p.name for p in RECORD_FIXTURES_DIR.iterdir()}
    assert names - set(CASES) - set(WARNING_CASES) == {"valid.yml", "nearby", "oversized_image.yml"}


@pytest.mark.parametrize("fixture", sorted(WARNING_CASES))
def test_warning_case_is_positioned_and_does_not_fail_check(records_project, fixture):
    add_record_fixture(records_project, fixture)
    result = load_project(records_project)
    assert problems(result) == WARNING_CASES[fixture]
    assert result.ok and len(result.records) == 1


def test_the_base_fixture_is_valid(records_project):
    add_record_fixture(records_project, "valid.yml")
    result = load_project(records_project)
    assert problems(result) == []
    (site,) = result.sites
    assert (site.id, site.slug, site.status) == ("TH-0901", "den-thu-nghiem", Status.PUBLISHED)


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_error_case_reports_file_line_column_field_and_code(records_project, fixture):
    add_record_fixture(records_project, fixture)
    result = load_project(records_project)
    assert problems(result) == CASES[fixture]
    assert not result.ok
    assert all(d.severity is Severity.ERROR for d in result.report.diagnostics)
    # Every message renders in both languages, naming the file and position.
    for diagnostic in result.report.diagnostics:
        for lang in ("vi", "en"):
            line = diagnostic.render(lang, base=records_project)
            expected = f"sites/{diagnostic.path.name}:{diagnostic.line}:{diagnostic.column}: "
            assert line.startswith(expected + (f"{diagnostic.field}: " if diagnostic.field else ""))


def _rendered(project: Path, lang: str) -> list[str]:
    return load_project(project).report.render(lang, base=project)


def test_swapped_coordinates_say_so(records_project):
    add_record_fixture(records_project, "lat_lon_swapped.yml")
    (en,) = _rendered(records_project, "en")
    assert en == (
        "sites/lat_lon_swapped.yml:10:8: location.lat: 105.78 is not a latitude "
        "(must be between -90 and 90); did you swap lat and lon?"
    )
    (vi,) = _rendered(records_project, "vi")
    assert vi.endswith("có phải bạn đã đổi chỗ lat và lon?")


def test_latitude_out_of_range_without_a_swap_gives_no_swap_hint(records_project):
    add_record_fixture(records_project, "lat_out_of_range.yml")
    (en,) = _rendered(records_project, "en")
    assert "119.2 is not a latitude (must be between -90 and 90)" in en
    assert "swap" not in en


def test_unknown_field_suggests_the_closest_field(records_project):
    add_record_fixture(records_project, "unknown_field.yml")
    add_record_fixture(records_project, "unknown_field_nested.yml")
    assert _rendered(records_project, "en") == [
        "sites/unknown_field.yml:17:1: histroy: unknown field 'histroy'; did you mean 'history'?",
        "sites/unknown_field_nested.yml:6:3: name.orther: unknown field 'orther'; did you mean 'other'?",
    ]


def test_unknown_field_without_a_close_match_lists_the_allowed_ones(records_project):
    text = record_fixture_text("valid.yml").replace("  level: unknown\n", "  level: unknown\n  xyzzy: 1\n")
    (records_project / "sites" / "a.yml").write_text(text, encoding="utf-8")
    (en,) = _rendered(records_project, "en")
    assert en == "sites/a.yml:9:3: rank.xyzzy: unknown field 'xyzzy'; allowed fields: date, decision, level, year"


def test_outside_the_province_names_the_configured_bounds(records_project):
    add_record_fixture(records_project, "outside_bounds.yml")
    (en,) = _rendered(records_project, "en")
    assert "point (21.03, 105.85) is outside Thanh Hóa (latitude 19.2–20.75, longitude 104.3–106.25)" in en


def test_bounds_come_from_mkdocs_yml_not_code(records_project):
    add_record_fixture(records_project, "outside_bounds.yml")
    config = records_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("north: 20.75", "north: 21.5"), encoding="utf-8")
    assert problems(load_project(records_project)) == []


def test_duplicate_id_names_the_other_file_and_the_next_free_id(records_project):
    add_record_fixture(records_project, "duplicate_id")
    diagnostic = only_diagnostic(load_project(records_project))
    assert diagnostic.params == {"value": "TH-0901", "other": "sites/a.yml", "next_id": "TH-0902"}


def test_duplicate_slug_derived_from_the_name_is_caught(records_project):
    add_record_fixture(records_project, "valid.yml", "a.yml")
    text = record_fixture_text("valid.yml").replace("id: TH-0901\nslug: den-thu-nghiem\n", "id: TH-0902\n")
    text = text.replace("lat: 19.80", "lat: 19.90")
    (records_project / "sites" / "b.yml").write_text(text, encoding="utf-8")
    diagnostic = only_diagnostic(load_project(records_project))
    # No slug field: the clash is where the slug comes from, the name.
    assert (diagnostic.path.name, diagnostic.field, diagnostic.code) == ("b.yml", "name.vi", "url.taken")
    assert diagnostic.params == {"path": "di-tich/den-thu-nghiem/", "other": "sites/a.yml", "other_field": "slug"}


def test_duplicates_across_folders_are_caught(records_project):
    add_record_fixture(records_project, "valid.yml", "a.yml")
    add_record_fixture(records_project, "valid.yml", "vung-nui/a.yml")
    codes = sorted(d.code for d in load_project(records_project).report.errors)
    assert codes == ["id.duplicate", "url.taken"]


def test_oversized_image_is_an_error(records_project):
    add_record_fixture(records_project, "oversized_image.yml")
    image = records_project / "sites" / "anh" / "qua-lon.jpg"
    image.parent.mkdir()
    with image.open("wb") as handle:  # sparse: costs no disk or time
        handle.truncate(PHOTO_MAX_BYTES + 1)
    diagnostic = only_diagnostic(load_project(records_project))
    assert (diagnostic.line, diagnostic.column, diagnostic.field, diagnostic.code) == (18, 11, "images[0].file", "media.too_large")
    assert diagnostic.params["limit_mb"] == 30


def test_image_present_and_small_is_fine(records_project):
    add_record_fixture(records_project, "missing_image.yml")
    image = records_project / "sites" / "anh" / "cong-chinh.jpg"
    image.parent.mkdir()
    Image.new("RGB", (64, 48), "red").save(image, "JPEG")
    result = load_project(records_project)
    assert problems(result) == []
    assert result.records[0].site.images[0].source == image.resolve()  # the one path the build will read


def test_image_of_an_unsupported_type_is_an_error(records_project):
    text = record_fixture_text("missing_image.yml").replace("anh/cong-chinh.jpg", "anh/cong-chinh.svg")
    (records_project / "sites" / "a.yml").write_text(text, encoding="utf-8")
    (records_project / "sites" / "anh").mkdir()
    (records_project / "sites" / "anh" / "cong-chinh.svg").write_text("<svg onload='alert(1)'/>")
    assert problems(load_project(records_project)) == [("a.yml", 18, 11, "images[0].file", "media.type")]


def test_symlink_leaving_the_site_folder_is_outside(records_project, tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(b"x")
    add_record_fixture(records_project, "missing_image.yml")
    (records_project / "sites" / "anh").mkdir()
    os.symlink(outside, records_project / "sites" / "anh" / "cong-chinh.jpg")
    assert [p[-1] for p in problems(load_project(records_project))] == ["media.outside"]


def test_media_of_a_site_in_a_subfolder_cannot_reach_a_sibling_folder(records_project):
    text = record_fixture_text("missing_image.yml").replace("anh/cong-chinh.jpg", "../khac/anh.jpg")
    (records_project / "sites" / "vung-a").mkdir()
    (records_project / "sites" / "khac").mkdir()
    (records_project / "sites" / "khac" / "anh.jpg").write_bytes(b"x")
    (records_project / "sites" / "vung-a" / "a.yml").write_text(text, encoding="utf-8")
    assert [p[-1] for p in problems(load_project(records_project))] == ["media.outside"]


@pytest.mark.parametrize(("name", "code"), [(r"anh/a\0b.jpg", "text.control_char"), ("a" * 290 + ".jpg", "media.missing")],
                         ids=["nul-byte", "name-too-long"])
def test_image_names_no_file_system_accepts_are_errors_not_a_crash(records_project, name, code):
    text = record_fixture_text("missing_image.yml").replace("anh/cong-chinh.jpg", f'"{name}"')
    (records_project / "sites" / "a.yml").write_text(text, encoding="utf-8")
    assert problems(load_project(records_project)) == [("a.yml", 18, 11, "images[0].file", code)]


# --- accepted input ---------------------------------------------------------------------


def test_bom_crlf_and_nfd_record_is_valid_and_stored_nfc(records_project):
    text = unicodedata.normalize("NFD", record_fixture_text("valid.yml")).replace("\n", "\r\n")
    (records_project / "sites" / "a.yml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = load_project(records_project)
    assert problems(result) == []
    (site,) = result.sites
    assert site.name.vi == "Đền Thử Nghiệm" == unicodedata.normalize("NFC", site.name.vi)
    assert site.summary.vi == "Di tích dùng để kiểm thử."
    assert site.address.province == "Thanh Hóa"


def test_errors_in_a_crlf_bom_file_keep_their_positions(records_project):
    raw = b"\xef\xbb\xbf" + record_fixture_text("lat_lon_swapped.yml").replace("\n", "\r\n").encode("utf-8")
    (records_project / "sites" / "a.yml").write_bytes(raw)
    assert problems(load_project(records_project)) == [("a.yml", 10, 8, "location.lat", "lat.range")]


def test_slug_is_derived_from_the_vietnamese_name_when_absent(records_project):
    text = record_fixture_text("valid.yml").replace("slug: den-thu-nghiem\n", "").replace("Đền Thử Nghiệm", "Đền Bà Triệu")
    (records_project / "sites" / "x.yml").write_text(text, encoding="utf-8")
    (site,) = load_project(records_project).sites
    assert site.slug == "den-ba-trieu"


def test_name_without_any_ascii_letter_needs_an_explicit_slug(records_project):
    text = record_fixture_text("valid.yml").replace("slug: den-thu-nghiem\n", "").replace("Đền Thử Nghiệm", "寺")
    (records_project / "sites" / "x.yml").write_text(text, encoding="utf-8")
    assert problems(load_project(records_project)) == [("x.yml", 4, 7, "slug", "slug.underivable")]


def test_site_without_a_location_is_valid(records_project):
    text = record_fixture_text("valid.yml")
    text = text.replace("location:\n  lat: 19.80\n  lon: 105.78\n  quality: site-survey\n", "")
    (records_project / "sites" / "a.yml").write_text(text, encoding="utf-8")
    (site,) = load_project(records_project).sites
    assert site.location is None


def test_template_and_underscore_files_are_not_sites(records_project):
    add_record_fixture(records_project, "valid.yml")
    add_record_fixture(records_project, "empty.yml", "_nhap/empty.yml")
    add_record_fixture(records_project, "tab.yml", "_cu.yml")
    files = site_files(records_project / "sites")
    assert [p.name for p in files] == ["valid.yml"]
    assert problems(load_project(records_project)) == []


# --- every problem at once; warnings -------------------------------------------------------


def test_all_problems_in_all_files_are_reported_at_once(records_project):
    broken = ["tab.yml", "lat_lon_swapped.yml", "unknown_field.yml", "non_http_url.yml", "alias_bomb.yml"]
    for name in broken:
        add_record_fixture(records_project, name)
    add_record_fixture(records_project, "valid.yml")
    result = load_project(records_project)
    assert result.files == len(broken) + 1
    assert len(result.records) == 1  # the valid one still loads
    assert problems(result) == sorted(p for name in broken for p in CASES[name])


def test_sites_within_20_m_are_a_warning_not_an_error(records_project):
    add_record_fixture(records_project, "nearby")
    result = load_project(records_project)
    diagnostic = only_diagnostic(result)
    assert (diagnostic.path.name, diagnostic.line, diagnostic.column, diagnostic.field, diagnostic.code) == (
        "b.yml", 10, 3, "location", "sites.nearby")
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.params == {"distance": 10.0, "other": "sites/a.yml"}
    assert result.ok and len(result.records) == 2


def test_sites_more_than_20_m_apart_give_no_warning(records_project):
    add_record_fixture(records_project, "nearby")
    b = records_project / "sites" / "b.yml"
    b.write_text(b.read_text(encoding="utf-8").replace("lat: 19.80009", "lat: 19.8002"), encoding="utf-8")
    assert problems(load_project(records_project)) == []


def test_commune_centroids_may_share_a_point(records_project):
    add_record_fixture(records_project, "nearby")
    for name in ("a.yml", "b.yml"):
        path = records_project / "sites" / name
        path.write_text(path.read_text(encoding="utf-8").replace("site-survey", "commune-centroid"), encoding="utf-8")
    result = load_project(records_project)
    assert problems(result) == []
    assert all(s.location.quality is LocationQuality.COMMUNE_CENTROID for s in result.sites)


def test_nearby_check_finds_neighbours_across_grid_cells(records_project):
    # 19.79999 and 19.80001 fall in different 0.001° cells but are 2 m apart.
    add_record_fixture(records_project, "nearby")
    for name, lat in (("a.yml", "19.80"), ("b.yml", "19.80009")):
        path = records_project / "sites" / name
        new = {"a.yml": "19.79999", "b.yml": "19.80001"}[name]
        path.write_text(path.read_text(encoding="utf-8").replace(f"lat: {lat}", f"lat: {new}"), encoding="utf-8")
    (diagnostic,) = load_project(records_project).report.warnings
    assert diagnostic.params["distance"] == pytest.approx(2.2, abs=0.1)


def test_distance_is_haversine_metres():
    # One thousandth of a degree of latitude is about 111 m everywhere.
    assert distance_metres(19.8, 105.78, 19.801, 105.78) == pytest.approx(111.2, abs=0.2)
    assert distance_metres(19.8, 105.78, 19.8, 105.78) == 0


def test_field_name_formats_paths():
    assert field_name(("images", 0, "file")) == "images[0].file"
    assert field_name(("id",)) == "id"
    assert field_name(()) == ""


def test_the_shipped_samples_are_all_valid():
    result = load_sites(project_config(REPO_ROOT))
    assert result.report.errors == []
    assert sorted(s.slug for s in result.sites) == sample_site_names()
    assert len(result.sites) == 42
    assert len({s.id for s in result.sites}) == 42


def test_loading_never_touches_the_files(records_project):
    add_record_fixture(records_project, "valid.yml")
    add_record_fixture(records_project, "tab.yml")
    before = {p: p.read_bytes() for p in (records_project / "sites").iterdir() if p.is_file()}
    load_project(records_project)
    assert before == {p: p.read_bytes() for p in (records_project / "sites").iterdir() if p.is_file()}
    written = [p.relative_to(records_project) for p in (records_project / ".diachido").rglob("*") if p.is_file()]
    assert written == [Path(".diachido/cache/records/site.pickle")]  # only what each file yields (record_cache)


# --- no traceback, whatever the file holds ---------------------------------------------------

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
YAMLISH = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>?,#'\"%@`\n \t\r\\ab19.đĐệ\ufeff\u0301\x0b")), max_size=200)


def _check_never_raises(project: Path, raw: bytes) -> None:
    (project / "sites" / "fuzz.yml").write_bytes(raw)
    result = load_sites(_FUZZ_CONFIGS.setdefault(project, project_config(project)))
    assert result.files == 1
    assert result.records or result.report.errors  # a bad file is never silently dropped
    for diagnostic in result.report.diagnostics:
        assert diagnostic.path.name == "fuzz.yml"
        for lang in ("vi", "en"):
            assert diagnostic.render(lang, base=project)


_FUZZ_CONFIGS: dict[Path, object] = {}


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes_give_diagnostics_not_exceptions(records_project, raw):
    _check_never_raises(records_project, raw)


@FUZZ
@given(text=YAMLISH)
def test_random_yaml_like_text_gives_diagnostics_not_exceptions(records_project, text):
    _check_never_raises(records_project, text.encode("utf-8"))


@FUZZ
@given(data=st.data())
def test_damaged_records_give_diagnostics_not_exceptions(records_project, data):
    text = record_fixture_text("valid.yml")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    damaged = text[:start] + data.draw(YAMLISH.filter(lambda s: len(s) < 20)) + text[end:]
    _check_never_raises(records_project, damaged.encode("utf-8"))


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.dates()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
_FIELDS = [("id",), ("slug",), ("status",), ("name",), ("name", "vi"), ("name", "other"), ("category",), ("rank",),
           ("rank", "year"), ("rank", "date"), ("location",), ("location", "lat"), ("location", "quality"),
           ("address",), ("summary", "vi"), ("history",), ("images",), ("sources",), ("tags",), ("last_checked",),
           ("former_slugs",), ("visiting", "website"), ("nonsense",)]


@FUZZ
@given(field=st.sampled_from(_FIELDS), value=_VALUES)
def test_any_value_in_any_field_gives_diagnostics_not_exceptions(records_project, field, value):
    data = yaml.safe_load(record_fixture_text("valid.yml"))
    target = data
    for part in field[:-1]:
        target = target.setdefault(part, {})
    target[field[-1]] = value
    _check_never_raises(records_project, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@pytest.mark.parametrize("name", ["a.yaml", "b.YML", "c.Yaml", "vung/d.YAML"])
def test_records_saved_as_yaml_or_in_upper_case_are_read(records_project, name):
    add_record_fixture(records_project, "valid.yml", name)
    assert site_files(records_project / "sites") == [records_project / "sites" / name]
    assert load_project(records_project).sites[0].id == "TH-0901"


def test_flow_style_record_in_a_subfolder_builds_the_photo_validation_found(records_project, tmp_path):
    """The build once found photo folders with its own regex on the ``id:`` line: a
    quoted id or a flow-style record sent it elsewhere. Now it reads the validated path."""
    from generator.site.pictures import process_photos

    folder = records_project / "sites" / "vung-nui"
    (folder / "anh").mkdir(parents=True)
    Image.new("RGB", (500, 300), "blue").save(folder / "anh" / "cong.jpg", "JPEG")
    (records_project / "sites" / "anh").mkdir()
    Image.new("RGB", (500, 300), "red").save(records_project / "sites" / "anh" / "cong.jpg", "JPEG")  # a decoy
    (folder / "a.yml").write_text(
        '{"id": !!str "TH-0901", status: published, name: {vi: Đền Thử}, category: [historical], rank: {level: unknown},'
        ' address: {province: Thanh Hóa}, summary: {vi: Thử.}, images: [{file: anh/cong.jpg, caption: {vi: Cổng}, credit: A}]}\n',
        encoding="utf-8")
    result = load_project(records_project)  # a quoted, tagged id in a flow mapping: valid YAML
    assert result.report.errors == []
    photos, _ = process_photos(project_config(records_project), result.published, tmp_path / "docs")
    (photo,) = photos["TH-0901"]
    with Image.open(tmp_path / "docs" / "generated" / "img" / photo.processed.largest.jpeg) as built:
        assert built.getpixel((10, 10))[2] > 200  # blue: the file beside the record, not the decoy


def test_an_image_that_was_never_validated_cannot_be_built():
    from generator.records.schema import Image as ImageRecord

    image = ImageRecord.model_validate({"file": "a.jpg", "caption": {"vi": "x"}, "credit": "y"})
    with pytest.raises(ValueError):
        image.source
    with pytest.raises(Exception):
        ImageRecord.model_validate({"file": "a.jpg", "caption": {"vi": "x"}, "credit": "y", "_source": "/etc/passwd"})
