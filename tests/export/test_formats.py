"""Open data exports: GeoJSON (RFC 7946), KML and CSV round-trip the published sites."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.export import formats as export
from generator.records.schema import Site
from generator.urls import absolute_url, short_path, site_page_path
from tests.conftest import add_record_fixture, load_project, make_records_project, project_config, run_cli, sample_site_names

KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, list[Site]]:
    """Every shipped sample, plus one without a point and one with text that needs escaping."""
    project = make_records_project(tmp_path_factory.mktemp("export") / "project", sample_site_names(), docs=False)
    config = project_config(project)
    sites = load_project(project).published
    assert len(sites) == 42
    by_slug = {site.slug: site for site in sites}
    unlocated = by_slug["doi-c4"].model_copy(update={"location": None})
    tricky_name = by_slug["lam-kinh"].name.model_copy(update={"vi": "Đền \"Bà\" & 'Miếu' =1+1"})
    tricky = by_slug["lam-kinh"].model_copy(update={"name": tricky_name})
    sites = [s for s in sites if s.slug not in ("doi-c4", "lam-kinh")] + [unlocated, tricky]
    return config, sites


def test_geojson_round_trips_every_site_in_lon_lat_order(samples: tuple) -> None:
    config, sites = samples
    collection = json.loads(export.to_geojson(config, sites))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946 §4: WGS84 only, no crs member
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {s.id for s in sites}
    for site in sites:
        feature = features[site.id]
        assert feature["type"] == "Feature"
        assert feature["properties"]["name_vi"] == site.name.vi
        assert feature["properties"]["url"] == absolute_url(config, site_page_path(site.slug))
        assert feature["properties"]["short_url"] == absolute_url(config, short_path(site.id))
        if site.location is None:
            assert feature["geometry"] is None  # RFC 7946 §3.2: an unlocated feature
            continue
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert (lon, lat) == (round(site.location.lon, 6), round(site.location.lat, 6))
        assert 104 < lon < 107 and 19 < lat < 21  # Thanh Hóa: longitude first
        assert feature["properties"]["approximate"] is site.location.quality.is_approximate


def test_geojson_is_sorted_and_has_one_feature_per_line(samples: tuple) -> None:
    config, sites = samples
    text = export.to_geojson(config, sites)
    lines = text.splitlines()
    assert len(lines) == len(sites) + 2
    ids = [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]]
    assert ids == sorted(ids)


def test_csv_has_bom_for_excel_and_round_trips_names_and_coordinates(samples: tuple) -> None:
    config, sites = samples
    data = export.to_csv(config, sites)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == sorted(s.id for s in sites)
    by_id = {r["id"]: r for r in rows}
    for site in sites:
        row = by_id[site.id]
        assert export.read_csv_cell(row["name_vi"]) == site.name.vi
        assert row["summary_vi"] == site.summary.vi
        if site.location is None:
            assert row["lat"] == row["lon"] == ""
        else:
            assert float(row["lat"]) == round(site.location.lat, 6)
            assert float(row["lon"]) == round(site.location.lon, 6)
    assert "Hàm Rồng" in data.decode("utf-8-sig")  # Vietnamese intact, NFC


def test_csv_cells_that_a_spreadsheet_would_run_are_guarded(samples: tuple) -> None:
    config, sites = samples
    hostile = sites[0].model_copy(update={"name": sites[0].name.model_copy(update={"vi": "=HYPERLINK(\"http://x\")"})})
    rows = list(csv.DictReader(io.StringIO(export.to_csv(config, [hostile]).decode("utf-8-sig"), newline="")))
    assert rows[0]["name_vi"] == "'=HYPERLINK(\"http://x\")"
    assert export.read_csv_cell(rows[0]["name_vi"]) == hostile.name.vi
    assert export.read_csv_cell("'quoted on purpose") == "'quoted on purpose"


def test_kml_parses_as_xml_and_has_every_site(samples: tuple) -> None:
    config, sites = samples
    root = ET.fromstring(export.to_kml(config, sites))
    assert root.tag == f"{KML}kml"
    placemarks = {p.get("id"): p for p in root.iter(f"{KML}Placemark")}
    assert set(placemarks) == {s.id for s in sites}
    for site in sites:
        placemark = placemarks[site.id]
        assert placemark.findtext(f"{KML}name") == site.name.vi  # quotes and & survive escaping
        coordinates = placemark.findtext(f"{KML}Point/{KML}coordinates")
        if site.location is None:
            assert coordinates is None
        else:
            lon, lat = (float(v) for v in coordinates.split(","))
            assert (lon, lat) == (round(site.location.lon, 6), round(site.location.lat, 6))
        style = placemark.findtext(f"{KML}styleUrl").lstrip("#")
        assert root.find(f".//{KML}Style[@id='{style}']") is not None


def test_export_command_writes_three_files_and_the_handover(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "project", ("lam-kinh", "doi-c4"), docs=False)
    out = tmp_path / "out"
    result = run_cli(project, "export", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["ban-giao", "di-tich.csv", "di-tich.geojson", "di-tich.kml"]
    assert len(json.loads((out / "di-tich.geojson").read_text(encoding="utf-8"))["features"]) == 2
    assert "di-tich.kml" in result.output


def test_export_command_refuses_invalid_records_and_writes_nothing(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "project", ("lam-kinh",), docs=False)
    add_record_fixture(project, "bad_id.yml")
    out = tmp_path / "out"
    result = run_cli(project, "export", "--out", str(out))
    assert result.exit_code == 1
    assert not out.exists()
