"""A tour's GPX, GeoJSON and KML: read back by independent parsers, same stops and line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import gpxpy
import pytest

from generator.records.kinds import load_project
from generator.tours.exports import TOUR_FORMATS
from generator.tours.plan import plan_tour, tour_plans
from tests.conftest import FEW_SAMPLES, make_records_project, project_config
from tests.route_fixtures import TOUR, add_tour


@pytest.fixture
def plan_and_config(tmp_path: Path):
    project = make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)
    add_tour(project, TOUR.replace("name: {vi: Bãi đỗ xe thử}", 'name: {vi: "Bãi đỗ & xe"}'))
    config = project_config(project)
    load = load_project(config)
    return tour_plans(load)[0], config


def test_gpx_round_trips_through_gpxpy(plan_and_config) -> None:
    plan, config = plan_and_config
    gpx = gpxpy.parse(TOUR_FORMATS["gpx"](config, plan.geometry).decode("utf-8"))
    assert [w.name for w in gpx.waypoints] == ["1. Thành nhà Hồ", "2. Bãi đỗ & xe", "3. Khu di tích lịch sử Lam Kinh"]
    assert [(w.latitude, w.longitude) for w in gpx.waypoints] == [(s.lat, s.lon) for s in plan.stops]
    (route,) = gpx.routes
    assert [(p.latitude, p.longitude) for p in route.points] == [(s.lat, s.lon) for s in plan.stops]
    assert gpx.waypoints[0].link == "https://diachido-thanhhoa.github.io/s/TH-0001/" or gpx.waypoints[0].link.endswith("/s/TH-0001/")
    assert gpx.name == "Ba di tích thử"


def test_geojson_is_rfc7946_and_round_trips(plan_and_config) -> None:
    plan, config = plan_and_config
    data = json.loads(TOUR_FORMATS["geojson"](config, plan.geometry))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    line, *points = data["features"]
    assert line["geometry"]["type"] == "LineString"
    assert line["geometry"]["coordinates"] == [[round(s.lon, 6), round(s.lat, 6)] for s in plan.stops]
    assert [p["properties"]["number"] for p in points] == [1, 2, 3]
    assert [p["geometry"]["coordinates"] for p in points] == [[s.lon, s.lat] for s in plan.stops]
    assert points[1]["properties"]["site_id"] is None and points[0]["properties"]["site_id"] == "TH-0001"
    assert points[2]["properties"]["radius_m"] == 300


def test_kml_parses_and_escapes_text(plan_and_config) -> None:
    plan, config = plan_and_config
    raw = TOUR_FORMATS["kml"](config, plan.geometry)
    assert "đỗ &amp; xe".encode() in raw  # "&" is escaped: text, never markup
    root = ET.fromstring(raw)
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [n.text for n in root.findall(".//k:Placemark/k:name", ns)]
    assert names[:3] == ["1. Thành nhà Hồ", "2. Bãi đỗ & xe", "3. Khu di tích lịch sử Lam Kinh"]
    coordinates = root.find(".//k:LineString/k:coordinates", ns).text.split()
    assert [tuple(map(float, c.split(","))) for c in coordinates] == [(s.lon, s.lat) for s in plan.stops]


def test_a_drawn_route_replaces_the_straight_line_and_sets_the_length(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)
    line = [[105.6047, 20.0781], [105.55, 20.05], [105.5, 20.0], [105.403514, 19.927561]]
    (project / "tours").mkdir()
    (project / "tours" / "route.geojson").write_text(json.dumps({"type": "LineString", "coordinates": line}), encoding="utf-8")
    add_tour(project, TOUR + "route: route.geojson\n")
    config = project_config(project)
    load = load_project(config)
    assert load.ok, load.report.render("en")
    plan = plan_tour(load.others["tour"][0], {s.id: s for s in load.published})
    gpx = gpxpy.parse(TOUR_FORMATS["gpx"](config, plan.geometry).decode())
    assert [(p.longitude, p.latitude) for p in gpx.routes[0].points] == [tuple(c) for c in line]
    assert plan.geometry.drawn and plan.length_m > sum(leg.metres for leg in plan.legs) * 0.99


def test_diachido_export_writes_the_tours_beside_the_sites(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    project = make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)
    add_tour(project)
    result = run_cli(project, "--lang", "en", "export", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "tours").iterdir()) == ["TH-T0001.geojson", "TH-T0001.gpx", "TH-T0001.kml"]
    assert gpxpy.parse((tmp_path / "out" / "tours" / "TH-T0001.gpx").read_text(encoding="utf-8")).waypoints[0].name == "1. Thành nhà Hồ"
    add_tour(project, TOUR.replace("- site: TH-0001\n", "- site: TH-9999\n"))  # a broken tour stops the export
    assert run_cli(project, "export", "--out", str(tmp_path / "out2")).exit_code == 1
