"""A village's GeoJSON: RFC 7946 shapes, [lon, lat] order, every part of the page's map."""

from __future__ import annotations

import json
from pathlib import Path

from generator.records.kinds import load_project
from generator.villages.exports import village_geojson
from generator.villages.page import lane_features
from tests.conftest import FEW_SAMPLES, make_records_project, project_config
from tests.route_fixtures import LANES, add_village


def test_the_village_geojson_round_trips(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)
    add_village(project)
    config = project_config(project)
    load = load_project(config)
    (record,) = load.others["village"]
    sites = [s for s in load.published if s.id in record.site.sites]
    data = json.loads(village_geojson(config, record.site, lane_features(record), sites))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds == ["cultural-house", "lane-entrance", "lane", "landmark", "site"]
    lane = data["features"][2]["geometry"]
    assert lane == {"type": "LineString", "coordinates": LANES["features"][0]["geometry"]["coordinates"]}
    assert data["features"][1]["properties"]["url"].endswith("/s/TH-V0001/#ngo-1")
    assert data["features"][4]["geometry"]["coordinates"] == [105.7803, 19.8214]  # Cầu Hàm Rồng, [lon, lat]
