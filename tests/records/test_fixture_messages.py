"""Every adversarial record fixture, with the exact message a volunteer reads.

``test_validate.CASES`` pins each fixture's (file, line, column, field, code); this file
pins the full English line ``diachido check --lang en`` prints for it, so a message that
loses its position, its field or its advice fails here.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from tests.conftest import RECORD_FIXTURES_DIR, add_record_fixture, load_project

# fixture -> every line check prints for it ({sites}: the project's sites/ folder)
MESSAGES = {
    'alias_bomb.yml': ['sites/alias_bomb.yml:2:4: YAML anchors/aliases (&, *) are not allowed in site records; write the value out in full'],
    'bad_id.yml': ["sites/bad_id.yml:1:5: id: id 'TH-42' is malformed; ids look like TH-0042 (next free id: TH-0001)"],
    'bad_slug.yml': ["sites/bad_slug.yml:2:7: slug: 'Đền_Thử' cannot be a URL slug; use lower-case ASCII letters, digits and '-', e.g. 'den-thu'"],
    'bidi_escape.yml': ['sites/bidi_escape.yml:5:7: name.vi: contains an invisible, control or text-direction character (U+202E RIGHT-TO-LEFT OVERRIDE); it reorders or hides text on pages, delete it'],
    'duplicate_id': ["sites/b.yml:1:5: id: id 'TH-0901' is already used by sites/a.yml; every site needs its own id (next free id: TH-0902)"],
    'duplicate_key.yml': ["sites/duplicate_key.yml:6:3: key 'vi' appears twice (first at line 5); remove one of them"],
    'duplicate_slug': ["sites/b.yml:2:7: slug: the page address 'di-tich/den-thu-nghiem/' already belongs to sites/a.yml (slug); two pages cannot share an address, change one of them"],
    'empty.yml': ['sites/empty.yml:1:1: file is empty; copy sites/_template.yml and fill it in'],
    'escape_control.yml': ['sites/escape_control.yml:16:7: summary.vi: contains an invisible, control or text-direction character (U+001B CONTROL CHARACTER); it reorders or hides text on pages, delete it'],
    'extension_upper.YAML': ["sites/extension_upper.YAML:1:5: id: id 'TH-901' is malformed; ids look like TH-0042 (next free id: TH-0001)"],
    'former_slug_is_slug.yml': ["sites/former_slug_is_slug.yml:3:16: former_slugs[0]: the page address 'di-tich/den-thu-nghiem/' already belongs to sites/former_slug_is_slug.yml (slug); two pages cannot share an address, change one of them"],
    'lat_lon_swapped.yml': ['sites/lat_lon_swapped.yml:10:8: location.lat: 105.78 is not a latitude (must be between -90 and 90); did you swap lat and lon?'],
    'lat_out_of_range.yml': ['sites/lat_out_of_range.yml:10:8: location.lat: 119.2 is not a latitude (must be between -90 and 90)'],
    'lon_out_of_range.yml': ['sites/lon_out_of_range.yml:11:8: location.lon: 205.78 is not a longitude (must be between -180 and 180)'],
    'markdown_brackets.yml': ["sites/markdown_brackets.yml:18:7: history.vi: has 201 of the characters '[', at most 200; this text is too complex to render quickly, use fewer links, brackets or emphasis"],
    'markdown_nested.yml': ['sites/markdown_nested.yml:18:7: history.vi: line 3 of the text nests lists or quotes more than 6 levels deep; flatten it'],
    'markup_in_name.yml': ["sites/markup_in_name.yml:5:7: name.vi: must not contain '<' or '>'; this is plain text, not HTML"],
    'media_outside.yml': [
        "sites/media_outside.yml:18:11: images[0].file: '../ngoai-thu-muc.jpg' is outside the site's folder; put the file beside the YAML file and use a relative path",
        "sites/media_outside.yml:21:11: images[1].file: '/etc/anh.jpg' is outside the site's folder; put the file beside the YAML file and use a relative path",
    ],
    'missing_image.yml': ["sites/missing_image.yml:18:11: images[0].file: file 'anh/cong-chinh.jpg' not found (looked at {sites}/anh/cong-chinh.jpg); check the name, including upper/lower case"],
    'missing_nested.yml': ["sites/missing_nested.yml:10:3: location.quality: required field 'quality' is missing; add it (see sites/_template.yml)"],
    'missing_required.yml': ["sites/missing_required.yml:1:1: summary: required field 'summary' is missing; add it (see sites/_template.yml)"],
    'nbsp_after_lat.yml': ['sites/nbsp_after_lat.yml:10:7: invisible character U+00A0 NO-BREAK SPACE here (looks like a space but is not one); delete it and type a plain space'],
    'nearby': ['sites/b.yml:10:3: warning: location: only 10.0 m from sites/a.yml; is this the same site entered twice?'],
    'non_http_url.yml': [
        "sites/non_http_url.yml:18:10: sources[0].url: 'ftp://example.org/tai-lieu.pdf' is not a web address; it must start with http:// or https:// and hold no space, quote, < > or \\ (copy it again from the browser's address bar)",
        "sites/non_http_url.yml:19:10: sources[1].url: 'javascript:alert(1)' is not a web address; it must start with http:// or https:// and hold no space, quote, < > or \\ (copy it again from the browser's address bar)",
        "sites/non_http_url.yml:21:12: visiting.website: 'www.example.org' is not a web address; it must start with http:// or https:// and hold no space, quote, < > or \\ (copy it again from the browser's address bar)",
    ],
    'not_mapping.yml': ["sites/not_mapping.yml:1:1: the file must be a set of 'field: value' lines (like sites/_template.yml)"],
    'outside_bounds.yml': ['sites/outside_bounds.yml:10:8: location.lat: point (21.03, 105.85) is outside Thanh Hóa (latitude 19.2–20.75, longitude 104.3–106.25)'],
    'published_without_location.yml': ['sites/published_without_location.yml:1:1: warning: location: published without a location; the page is built but the site is not on the map'],
    'slug_index.yml': ["sites/slug_index.yml:2:7: slug: the page address 'di-tich/index/' is one the site itself uses (SITE_PAGES_DIR in generator/urls.py); choose another slug"],
    'syntax_error.yml': ["sites/syntax_error.yml:5:7: YAML syntax error (a quote opened here is never closed); check the indentation and colons, and quote text containing ':' or '#'"],
    'tab.yml': ['sites/tab.yml:8:1: tab character; YAML indents with spaces only, replace the tab with spaces'],
    'unknown_commune.yml': ["sites/unknown_commune.yml:15:12: warning: address.commune: 'Xã Không Có Thật' is not in the official list of administrative units; did you mean 'Xã Hoằng Châu'?"],
    'unknown_field.yml': ["sites/unknown_field.yml:17:1: histroy: unknown field 'histroy'; did you mean 'history'?"],
    'unknown_field_nested.yml': ["sites/unknown_field_nested.yml:6:3: name.orther: unknown field 'orther'; did you mean 'other'?"],
    'wrong_choice.yml': ["sites/wrong_choice.yml:8:10: rank.level: 'national-special' is not allowed; choose one of: 'special-national', 'national', 'provincial', 'not-ranked' or 'unknown'; did you mean 'special-national'?"],
    'wrong_prefix.yml': ["sites/wrong_prefix.yml:1:5: id: id 'HN-0901' must start with 'TH-' (as set in mkdocs.yml)"],
    'wrong_type_date.yml': ['sites/wrong_type_date.yml:17:15: last_checked: expected a date as YEAR-MONTH-DAY, e.g. 2025-06-30 (got 30/6/2025)'],
    'wrong_type_list.yml': ["sites/wrong_type_list.yml:6:11: category: expected a list (one item per line starting with '- ') but got historical"],
    'wrong_type_number.yml': ['sites/wrong_type_number.yml:10:8: location.lat: expected a number but got mười chín'],
    'wrong_type_text.yml': ['sites/wrong_type_text.yml:5:7: name.vi: expected text but got 1945; put the value in quotes'],
    'yaml_tag.yml': ["sites/yaml_tag.yml:15:10: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; remove it and write a plain value"],
}


def test_every_adversarial_fixture_has_its_messages():
    names = {p.name for p in RECORD_FIXTURES_DIR.iterdir()} - {"valid.yml", "oversized_image.yml"}
    assert names == set(MESSAGES) and len(MESSAGES) >= 38


@pytest.mark.parametrize("fixture", sorted(MESSAGES))
def test_fixture_gives_exactly_these_messages(records_project, fixture):
    add_record_fixture(records_project, fixture)
    result = load_project(records_project)
    with contextlib.chdir(records_project):
        lines = result.report.render("en", Path.cwd())
    sites = str((records_project / "sites").resolve())
    assert lines == [line.replace("{sites}", sites) for line in MESSAGES[fixture]]


@pytest.mark.parametrize(("typed", "hint"), [("nationall", "; có phải ý bạn là 'national'?"), ("tinh", "")])
def test_a_wrong_choice_is_listed_in_vietnamese_with_the_closest_value(records_project, typed, hint):
    add_record_fixture(records_project, "wrong_choice.yml")
    path = records_project / "sites" / "wrong_choice.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("national-special", typed), encoding="utf-8")
    [line] = load_project(records_project).report.render("vi", records_project)
    assert line.endswith(f"chọn một trong: 'special-national', 'national', 'provincial', 'not-ranked' hoặc 'unknown'{hint}")


def test_a_point_pasted_from_a_map_into_lat_is_split_for_the_volunteer(records_project):
    add_record_fixture(records_project, "valid.yml")
    path = next((records_project / "sites").glob("valid*.yml"))
    text = path.read_text(encoding="utf-8")
    lat = text.split("lat: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"lat: {lat}\n", f"lat: '{lat}, 105.5'\n", 1), encoding="utf-8")
    [line] = load_project(records_project).report.render("en", records_project)
    assert line.endswith(f"location.lat: expected a number but got {lat}, 105.5; this looks like latitude and "
                         f"longitude pasted from a map: write lat: {lat} and lon: 105.5 on two lines")

