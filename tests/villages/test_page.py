"""The village page's lane map: what each point of the lanes file is, and the legend."""

from __future__ import annotations

from pathlib import Path

from generator.config import load_config
from generator.records.kinds import load_project
from generator.villages.page import MAP_STYLE, lane_features, map_legend
from tests.conftest import FEW_SAMPLES, make_records_project
from tests.route_fixtures import LANES, VILLAGE, add_village

TYPED = {"type": "FeatureCollection", "features": LANES["features"] + [
    {"type": "Feature", "properties": {"name": "Đình làng", "type": "shrine"},
     "geometry": {"type": "Point", "coordinates": [105.7801, 19.8213]}},
    {"type": "Feature", "properties": {"name": "Trường tiểu học", "type": "school"},
     "geometry": {"type": "Point", "coordinates": [105.7802, 19.8215]}}]}


def _village(tmp_path: Path, text: str = VILLAGE, lanes: object = TYPED) -> object:
    project = make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)
    add_village(project, text, lanes)
    result = load_project(load_config(project))
    assert result.ok, result.report.render("en")
    (record,) = result.others["village"]
    return record, result.published


def test_points_of_the_lanes_file_are_shrines_schools_or_other_landmarks(tmp_path: Path) -> None:
    record, _ = _village(tmp_path)
    assert [(f["role"], f["name"]) for f in lane_features(record)] == [
        ("lane", "Ngõ Một"), ("landmark", "Giếng làng"), ("shrine", "Đình làng"), ("school", "Trường tiểu học")]


def test_the_legend_lists_only_what_this_map_draws_in_a_fixed_order(tmp_path: Path) -> None:
    record, sites = _village(tmp_path)
    listed = [site for site in sites if site.id in record.site.sites]
    legend = map_legend(record.site, lane_features(record), listed, "en")
    assert [(item["role"], item["label"]) for item in legend] == [
        ("lane", "Lanes"), ("house", "Cultural house"), ("shrine", "Shrine, temple"), ("school", "School"),
        ("landmark", "Other places"), ("entrance", "Lane entrance with a QR plaque"), ("site", "Heritage sites")]
    assert all(item["color"] == MAP_STYLE[item["role"]][0] for item in legend)


def test_a_village_without_lanes_entrances_or_sites_shows_only_its_house(tmp_path: Path) -> None:
    bare = VILLAGE.replace("sites: [TH-0024]\n", "").replace("lanes: lanes.geojson\n", "")
    bare = bare[:bare.index("entrances:")] + bare[bare.index("sources:"):]
    record, _ = _village(tmp_path, bare, None)
    assert [item["role"] for item in map_legend(record.site, lane_features(record), [], "vi")] == ["house"]
