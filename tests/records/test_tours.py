"""The tour record: every error positioned at its file, line, column and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.records.kinds import TOUR as TOUR_KIND
from generator.records.kinds import load_project
from generator.records.tours import Mode, distance_to_line
from tests.conftest import FEW_SAMPLES, make_records_project, problems, project_config, run_cli
from tests.route_fixtures import TOUR, add_tour


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)


def _problems(project: Path) -> list[tuple[str, int, int, str, str]]:
    return problems(load_project(project_config(project)))


def test_a_good_tour_loads_with_a_derived_slug_and_default_radii(project: Path) -> None:
    add_tour(project)
    result = load_project(project_config(project))
    assert result.ok, result.report.render("en")
    (record,) = result.others["tour"]
    tour = record.site
    assert (tour.id, tour.slug, tour.mode) == ("TH-T0001", "ba-di-tich-thu", Mode.MOTORBIKE_CAR)
    assert [tour.radius(stop) for stop in tour.stops] == [250, 250, 300]
    assert result.published_of("tour") == [tour]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("- site: TH-0001\n", "- site: TH-0001\n  name: {vi: Thừa}\n", (11, 3, "stops[0]", "stop.both")),
        ("  point: {lat: 20.0, lon: 105.5}\n", "", (12, 3, "stops[1]", "stop.incomplete")),
        ("mode: motorbike-car", "mode: horse", (9, 7, "mode", "type.choice")),
        ("  radius: 300", "  radius: 3", (15, 11, "stops[2].radius", "field.invalid")),
        ("id: TH-T0001", "id: TH-0001", (1, 5, "id", "id.format")),
        ("stops:", "stop:", (10, 1, "stop", "field.unknown")),
        ("- site: TH-0001\n", "- site: TH-9999\n", (11, 9, "stops[0].site", "link.missing_site")),
        ("  point: {lat: 20.0, lon: 105.5}", "  point: {lat: 10.0, lon: 105.5}", (13, 10, "stops[1].point", "location.outside")),
    ],
)
def test_each_error_is_positioned(project: Path, old: str, new: str, expected: tuple[int, int, str, str]) -> None:
    assert old in TOUR
    add_tour(project, TOUR.replace(old, new, 1))
    problems = _problems(project)
    assert ("ba-di-tich-thu.yml", *expected) in problems, problems


def test_a_single_stop_is_too_few(project: Path) -> None:
    text = TOUR.split("- name:")[0]
    add_tour(project, text)
    assert ("ba-di-tich-thu.yml", 11, 1, "stops", "list.too_short") in _problems(project)


def test_a_published_tour_may_not_stop_at_a_draft_or_unlocated_site(project: Path) -> None:
    lam_kinh = project / "sites" / "lam-kinh.yml"
    lam_kinh.write_text(lam_kinh.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    hamrong = project / "sites" / "cau-ham-rong.yml"
    text = hamrong.read_text(encoding="utf-8")
    start, end = text.index("location:"), text.index("address:")
    hamrong.write_text(text[:start] + text[end:], encoding="utf-8")
    add_tour(project, TOUR.replace("- site: TH-0001\n", "- site: TH-0024\n"))
    problems = _problems(project)
    assert ("ba-di-tich-thu.yml", 11, 9, "stops[0].site", "link.no_location") in problems
    assert ("ba-di-tich-thu.yml", 14, 9, "stops[2].site", "link.draft_site") in problems
    # A draft tour may name a draft site: it is not shown to anyone.
    add_tour(project, TOUR.replace("status: published", "status: draft").replace("- site: TH-0001\n", ""))
    assert not [p for p in _problems(project) if p[4] == "link.draft_site"]


def test_a_stop_at_a_site_whose_own_file_has_errors_names_that_file(project: Path) -> None:
    """The site exists; the volunteer must fix its file, not look for a missing site."""
    lam_kinh = project / "sites" / "lam-kinh.yml"
    text = lam_kinh.read_text(encoding="utf-8")
    lam_kinh.write_text(text.replace("status: published", "status: publshed"), encoding="utf-8")
    site_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
    add_tour(project, TOUR.replace("- site: TH-0001\n", f"- site: {site_id}\n"))
    found = load_project(project_config(project)).report.sorted()
    stop = [d for d in found if d.field == "stops[0].site"]
    assert [(d.code, d.params["file"]) for d in stop] == [("link.broken_site", lam_kinh)]


def _route(project: Path, name: str, content: object) -> None:
    folder = project / "tours"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")


LINE = {"type": "LineString", "coordinates": [[105.6047, 20.0781], [105.5, 20.0], [105.403514, 19.927561]]}


@pytest.mark.parametrize(
    ("route", "content", "code"),
    [
        ("../outside.geojson", LINE, "media.outside"),
        ("missing.geojson", None, "media.missing"),
        ("broken.geojson", "{not json", "geojson.syntax"),
        ("polygon.geojson", {"type": "Polygon", "coordinates": [[[105.5, 20.0], [105.6, 20.0], [105.5, 20.1], [105.5, 20.0]]]},
         "geojson.geometry"),
        ("short.geojson", {"type": "LineString", "coordinates": [[105.5, 20.0]]}, "geojson.short_line"),
        ("text.geojson", {"type": "LineString", "coordinates": [[105.5, 20.0], ["105.6", 20.1]]}, "geojson.position"),
        ("far.geojson", {"type": "LineString", "coordinates": [[105.5, 20.0], [106.8, 21.0]]}, "location.outside"),
        ("two.geojson", {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[105.5, 20.0], [105.6, 20.1]]}},
            {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[105.6, 20.1], [105.4, 19.9]]}}]},
         "geojson.too_many"),
        ("deep.geojson", "[" * 100_000 + "]" * 100_000, "geojson.syntax"),
        # A phone's GPS track: every point would go to every visitor's phone.
        ("track.geojson", {"type": "LineString", "coordinates": [[105.5 + i / 1e5, 20.0] for i in range(2001)]},
         "geojson.too_detailed"),
    ],
)
def test_a_bad_route_file_is_an_error_at_the_route_field(project: Path, route: str, content: object, code: str) -> None:
    if content is not None:
        if route.startswith("../"):
            (project / "outside.geojson").write_text(json.dumps(content), encoding="utf-8")
        else:
            _route(project, route, content)
    add_tour(project, TOUR + f"route: {route}\n")
    assert ("ba-di-tich-thu.yml", 16, 8, "route", code) in _problems(project)


def test_a_drawn_route_as_a_geojson_io_feature_collection_is_accepted(project: Path) -> None:
    _route(project, "route.geojson", {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": LINE}]})
    add_tour(project, TOUR + "route: route.geojson\n")
    assert _problems(project) == []


def test_check_reports_tour_errors_in_english_and_fails(project: Path) -> None:
    add_tour(project, TOUR.replace("- site: TH-0001\n", "- site: TH-9999\n"))
    result = run_cli(project, "--lang", "en", "check")
    assert result.exit_code == 1
    assert "tours/ba-di-tich-thu.yml:11:9: stops[0].site: there is no site with id 'TH-9999' in sites/" in result.output


def test_the_shipped_tour_is_valid_and_registered() -> None:
    from tests.conftest import REPO_ROOT

    result = load_project(project_config(REPO_ROOT))
    assert result.ok
    assert [t.id for t in result.published_of("tour")] == ["TH-T0001"]
    assert TOUR_KIND.folder == "tours" and TOUR_KIND.id_letter == "T"


def test_committed_tour_and_village_schemas_are_current() -> None:
    from generator.records.kinds import VILLAGE, kind_schema_file, kind_schema_text
    from tests.conftest import REPO_ROOT

    for kind in (TOUR_KIND, VILLAGE):
        path = REPO_ROOT / kind.folder / kind_schema_file(kind)
        assert path.read_text(encoding="utf-8") == kind_schema_text(kind), "run: diachido schema"
    schema = __import__("json").loads(kind_schema_text(TOUR_KIND))
    assert schema["properties"]["mode"]["$ref"].endswith("/Mode") and schema["additionalProperties"] is False


def test_a_published_tour_still_holding_its_templates_text_is_refused(project: Path) -> None:
    template = (Path(__file__).resolve().parents[2] / "tours" / "_template.yml").read_text(encoding="utf-8")
    (project / "tours").mkdir()
    (project / "tours" / "_template.yml").write_text(template, encoding="utf-8")
    add_tour(project, TOUR.replace("  vi: Tuyến thử nghiệm.", "  vi: Viết vài câu giới thiệu tuyến bằng lời của bạn."))
    assert _problems(project) == [("ba-di-tich-thu.yml", 7, 7, "description.vi", "text.template_placeholder")]
    add_tour(project, TOUR.replace("status: published", "status: draft").replace(
        "  vi: Tuyến thử nghiệm.", "  vi: Viết vài câu giới thiệu tuyến bằng lời của bạn."))
    assert _problems(project) == []  # a draft may keep it


def test_the_shipped_tour_is_described_in_plain_words() -> None:
    root = Path(__file__).resolve().parents[2]
    (record,) = load_project(project_config(root)).others["tour"]
    description = record.site.description
    for jargon in ("2-opt", "láng giềng gần nhất", "nearest neighbour", "thuật toán", "algorithm"):
        assert jargon not in description.vi and jargon not in (description.en or ""), jargon


def test_a_drawn_route_that_misses_a_stop_is_warned_about_at_that_stop(project: Path) -> None:
    # The line bends east through 105.7° instead of passing the car park at 105.5°.
    astray = {"type": "LineString", "coordinates": [[105.6047, 20.0781], [105.7, 20.0], [105.403514, 19.927561]]}
    _route(project, "route.geojson", astray)
    add_tour(project, TOUR + "route: route.geojson\n")
    found = load_project(project_config(project)).report.sorted()
    assert [(d.field, d.code, d.severity.value) for d in found] == [("stops[1]", "route.far_from_stop", "warning")]
    assert found[0].params["distance"] > 5_000 and found[0].params["limit"] == 500
    assert "passes" in found[0].render("en") and "ba-di-tich-thu.yml:12:" in found[0].render("en")


def test_distance_to_line_is_the_distance_to_the_nearest_segment_in_metres() -> None:
    line = [(20.0, 105.0), (20.0, 105.1)]
    assert distance_to_line((20.0, 105.05), line) == pytest.approx(0, abs=1e-6)
    assert distance_to_line((20.01, 105.05), line) == pytest.approx(1112, rel=0.01)  # 0.01° of latitude
    assert distance_to_line((20.0, 104.99), line) == pytest.approx(1046, rel=0.01)  # past the end: to the end point
