"""generator.records.schema: the one definition of a site record, and the JSON Schema made from it."""

from __future__ import annotations

import json

import pytest
from tests.conftest import REPO_ROOT, SAMPLE_SITES_DIR, record_fixture_text
from pydantic import ValidationError

from generator.records.schema import ID_PATTERN, SUMMARY_MAX, URL_PATTERN, Category, LocationQuality, RankLevel, Site, json_schema
from generator.files import SCHEMA_COMMENT, SCHEMA_FILE
from generator.records.yaml_source import parse_yaml

VALID = parse_yaml(REPO_ROOT / "x.yml", record_fixture_text("valid.yml")).data


def site_with(**changes) -> Site:
    data = json.loads(json.dumps(VALID))
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split("__")
        for part in parents:
            target = target.setdefault(part, {})
        if value is ...:
            target.pop(last, None)
        else:
            target[last] = value
    return Site.model_validate(data)


def error_types(**changes) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        site_with(**changes)
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


def test_committed_json_schema_is_up_to_date_with_the_code():
    committed = (SAMPLE_SITES_DIR / SCHEMA_FILE).read_text(encoding="utf-8")
    assert json.loads(committed) == json_schema(), "run: diachido schema"
    # Byte for byte what `diachido schema` writes, so regenerating leaves no diff.
    assert committed == json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_every_record_points_editors_at_the_schema():
    for path in sorted(SAMPLE_SITES_DIR.glob("*.yml")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_COMMENT, path.name
    assert SCHEMA_COMMENT == "# yaml-language-server: $schema=site.schema.json"


def test_json_schema_forbids_unknown_fields_everywhere():
    schema = json_schema()
    objects = [schema] + [d for d in schema["$defs"].values() if d.get("type") == "object"]
    assert len(objects) > 10
    for definition in objects:
        assert definition.get("additionalProperties") is False, definition.get("title")


def test_json_schema_carries_the_same_rules_as_validation():
    schema = json_schema()
    assert schema["required"] == ["id", "name", "category", "rank", "address", "summary"]
    assert schema["properties"]["id"]["pattern"] == ID_PATTERN
    assert schema["$defs"]["Source"]["properties"]["url"]["pattern"] == URL_PATTERN
    assert schema["$defs"]["Category"]["enum"] == [c.value for c in Category]
    assert schema["$defs"]["RankLevel"]["enum"] == [r.value for r in RankLevel]
    assert schema["$defs"]["LocationQuality"]["enum"] == [q.value for q in LocationQuality]
    lat = schema["$defs"]["Location"]["properties"]["lat"]
    assert (lat["minimum"], lat["maximum"]) == (-90, 90)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_base_record_is_valid_and_frozen():
    site = site_with()
    assert site.slug == "den-thu-nghiem" and site.is_published
    assert site.primary_category is Category.HISTORICAL
    with pytest.raises(ValidationError):
        site.id = "TH-0002"  # type: ignore[misc]


@pytest.mark.parametrize("missing", ["id", "name", "category", "rank", "address", "summary", "name__vi", "rank__level"])
def test_required_fields(missing):
    assert error_types(**{missing: ...}) == [(tuple(missing.split("__")), "missing")]


def test_optional_fields_default_sensibly():
    site = site_with(status=..., slug=..., location=..., sources=...)
    assert site.status.value == "draft" and site.slug is None and site.location is None
    assert site.images == [] and site.sources == [] and site.tags == [] and site.former_slugs == []


@pytest.mark.parametrize("good", ["TH-0001", "TH-042042", "HN-1234"])
def test_id_pattern_accepts(good):
    assert site_with(id=good).id == good


@pytest.mark.parametrize("bad", ["TH-42", "th-0001", "TH0001", "TH-0001 ", "TH-00001a", "TH-0001\nx", ""])
def test_id_pattern_rejects(bad):
    if bad == "TH-0001 ":  # surrounding spaces are stripped, not an error
        assert site_with(id=bad).id == "TH-0001"
        return
    assert error_types(id=bad)[0][1] in ("string_pattern_mismatch",)


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://baothanhhoa.vn/x",
                                 "https://vi.wikipedia.org/wiki/Đền_Bà_Triệu"])
def test_http_and_https_urls_are_accepted(url):
    assert site_with(sources=[{"url": url}]).sources[0].url == url


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/x", "file:///etc/passwd", "www.example.org", "https://",
            "https:// example.org", "data:text/html,<script>", "//example.org/x", "mailto:a@b.vn",
            # Pasted with the HTML around it: a broken link on the page.
            'https://evil.example/"><script>alert(1)</script>', "https://example.org/<e>", "https://example.org/a b",
            "https://example.org/a\\b"],
)
def test_other_urls_are_rejected(url):
    assert error_types(sources=[{"url": url}]) == [(("sources", 0, "url"), "string_pattern_mismatch")]
    assert error_types(visiting={"website": url}) == [(("visiting", "website"), "string_pattern_mismatch")]


@pytest.mark.parametrize(
    "field, value",
    [("name__vi", "Đền <b>"), ("name__en", "a > b"), ("summary__vi", "<script>alert(1)</script>"),
     ("name__other", ["<img src=x>"]), ("notes", {"vi": "x<y"}), ("tags", ["<tag>"])],
)
def test_plain_text_fields_reject_angle_brackets(field, value):
    assert error_types(**{field: value})[0][1] == "text.markup"


def test_history_markdown_may_contain_angle_brackets_it_is_sanitised_later():
    site = site_with(history={"vi": "## Lịch sử\n\n1 < 2 và <em>đẹp</em>"})
    assert "<em>" in site.history.vi


def test_summary_length_limit():
    assert site_with(summary={"vi": "a" * SUMMARY_MAX}).summary.vi == "a" * SUMMARY_MAX
    assert error_types(summary={"vi": "a" * (SUMMARY_MAX + 1)}) == [(("summary", "vi"), "string_too_long")]


def test_empty_and_whitespace_text_is_rejected():
    assert error_types(name={"vi": "   "}) == [(("name", "vi"), "string_too_short")]


@pytest.mark.parametrize("field", ["category", "tags", "former_slugs"])
def test_lists_reject_repeats(field):
    value = {"category": ["historical", "historical"], "tags": ["a", "a"], "former_slugs": ["x", "x"]}[field]
    assert error_types(**{field: value}) == [((field,), "list.duplicate")]


def test_category_needs_at_least_one():
    assert error_types(category=[]) == [(("category",), "too_short")]


@pytest.mark.parametrize("lat, lon", [(90.01, 105), (-90.01, 105), (19, 180.5), (19, -180.5), (float("nan"), 105)])
def test_coordinates_outside_wgs84_are_rejected(lat, lon):
    errors = error_types(location={"lat": lat, "lon": lon, "quality": "site-survey"})
    assert len(errors) == 1 and errors[0][0][0] == "location"


def test_rank_year_and_dates():
    import datetime as dt

    assert site_with(rank={"level": "national", "year": 1962, "date": "1962-04-28"}).rank.date == dt.date(1962, 4, 28)
    assert error_types(rank={"level": "national", "year": 1800}) == [(("rank", "year"), "greater_than_equal")]
    assert error_types(last_checked="30/6/2025")[0][0] == ("last_checked",)


def test_commune_centroid_is_the_only_approximate_quality():
    assert [q for q in LocationQuality if q.is_approximate] == [LocationQuality.COMMUNE_CENTROID]
