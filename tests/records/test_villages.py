"""The village record: positioned errors; its lanes file, entrances and site links."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.records.kinds import load_project
from tests.conftest import FEW_SAMPLES, make_records_project, problems, project_config
from tests.route_fixtures import LANES, VILLAGE, add_village


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)


def _problems(project: Path) -> list[tuple[str, int, int, str, str]]:
    return problems(load_project(project_config(project)))


def test_a_good_village_loads(project: Path) -> None:
    add_village(project)
    result = load_project(project_config(project))
    assert result.ok, result.report.render("en")
    (village,) = result.published_of("village")
    assert (village.id, village.slug, village.sites, village.entrances[0].slug) == ("TH-V0001", "thon-thu-nghiem", ["TH-0024"], "ngo-1")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("sources:\n- url: https://example.org/thon-thu\n  title: Nguồn thử\n", "", (2, 9, "status", "published.needs_sources")),
        ("sites: [TH-0024]", "sites: [TH-0777]", (16, 9, "sites[0]", "link.missing_site")),
        ("cultural_house: {lat: 19.8214", "cultural_house: {lat: 9.8214", (10, 23, "cultural_house.lat", "location.outside")),
        ("- slug: ngo-1", "- slug: Ngõ 1", (18, 9, "entrances[0].slug", "slug.format")),
        ("id: TH-V0001", "id: TH-T0001", (1, 5, "id", "id.format")),
        ("- slug: ngo-1", "- slug: lich-su", (18, 9, "entrances[0].slug", "slug.reserved")),
    ],
)
def test_each_error_is_positioned(project: Path, old: str, new: str, expected: tuple[int, int, str, str]) -> None:
    assert old in VILLAGE
    add_village(project, VILLAGE.replace(old, new, 1))
    assert ("thon-thu-nghiem.yml", *expected) in _problems(project)


def test_a_repeated_entrance_slug_is_an_error_at_the_second(project: Path) -> None:
    twice = VILLAGE.replace("lanes: lanes.geojson", "- slug: ngo-1\n  name: {vi: Ngõ Hai}\n  point: {lat: 19.823, lon: 105.782}\nlanes: lanes.geojson")
    add_village(project, twice)
    assert ("thon-thu-nghiem.yml", 21, 9, "entrances[1].slug", "list.duplicate") in _problems(project)


def test_a_lanes_file_with_a_polygon_is_an_error_at_the_lanes_field(project: Path) -> None:
    polygon = {"type": "FeatureCollection", "features": LANES["features"] + [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": []}}]}
    add_village(project, lanes=polygon)
    assert ("thon-thu-nghiem.yml", 21, 8, "lanes", "geojson.geometry") in _problems(project)


@pytest.mark.parametrize(("name", "code"), [("Ngõ \u202eHai", "geojson.text_control"), ("Ngõ " * 100, "geojson.text_long")])
def test_names_in_the_lanes_file_follow_the_rules_of_record_text(project: Path, name: str, code: str) -> None:
    named = {"type": "FeatureCollection", "features": LANES["features"] + [
        {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Point", "coordinates": [105.7801, 19.8213]}}]}
    add_village(project, lanes=named)
    assert ("thon-thu-nghiem.yml", 21, 8, "lanes", code) in _problems(project)


def test_a_landmark_of_an_unknown_type_is_an_error_at_the_lanes_field(project: Path) -> None:
    typed = {"type": "FeatureCollection", "features": LANES["features"] + [
        {"type": "Feature", "properties": {"name": "Đình làng", "type": "shrine"},
         "geometry": {"type": "Point", "coordinates": [105.7801, 19.8213]}},
        {"type": "Feature", "properties": {"name": "Chợ", "type": "market"},
         "geometry": {"type": "Point", "coordinates": [105.7802, 19.8215]}}]}
    add_village(project, lanes=typed)
    result = load_project(project_config(project))
    (problem,) = result.report.sorted()
    assert (problem.line, problem.column, problem.field, problem.code) == (21, 8, "lanes", "geojson.landmark_type")
    assert "'Chợ'" in problem.render("vi") and "shrine, school" in problem.render("en")


@pytest.mark.parametrize(("kind", "text", "message"), [
    ("villages", "", "file is empty; copy villages/_template.yml and fill it in"),
    ("tours", "- a list\n", "the file must be a set of 'field: value' lines (like tours/_template.yml)"),
    ("villages", VILLAGE.replace("summary:\n  vi: Một thôn bịa ra cho kiểm thử.\n  en: A village made up for tests.\n", ""),
     "required field 'summary' is missing; add it (see villages/_template.yml)"),
])
def test_messages_send_volunteers_to_their_kinds_template(project: Path, kind: str, text: str, message: str) -> None:
    (project / kind).mkdir()
    (project / kind / "x.yml").write_text(text, encoding="utf-8")
    (problem,) = load_project(project_config(project)).report.sorted()
    assert problem.path.parent.name == kind and problem.render("en").endswith(message)
    assert "sites/_template.yml" not in problem.render("vi")
