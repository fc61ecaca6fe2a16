"""The map's generated files: data content, escaping, URLs from urls.py, no CDN."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.map import data as map_data
from generator.map import document as map_document
from generator.map import settings as map_settings
from generator.build import build
from generator.config import ConfigError, load_config
from generator.records.schema import Site
from generator.urls import site_page_path
from tests.conftest import REPO_ROOT, load_project, make_records_project, sample_site_names

CDN_HOSTS = ("jsdelivr", "cdnjs", "unpkg", "code.jquery", "bootstrapcdn", "googleapis", "gstatic", "fontawesome")
HOSTILE = "</script><img src=x onerror=alert(1)> & \"quotes\""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_records_project(tmp_path_factory.mktemp("maps") / "project", sample_site_names())


@pytest.fixture(scope="module")
def sites(project: Path) -> list[Site]:
    return load_project(project).published


@pytest.fixture(scope="module")
def files(project: Path, sites: list[Site]) -> dict[str, bytes]:
    return map_document.map_files(load_config(project), sites)


def _points(files: dict[str, bytes], lang: str) -> dict:
    [name] = [n for n in files if re.fullmatch(rf"generated/map/data/points\.{lang}\.\w+\.json", n)]
    return json.loads(files[name])


def _details(files: dict[str, bytes], points: dict, index: int) -> list:
    chunk = json.loads(files["generated/map/" + points["details"][index // points["chunk"]]])
    return chunk[index % points["chunk"]]


def with_map_config(project: Path, block: dict) -> Path:
    """Replace ``extra.diachido.map`` in the project's mkdocs.yml by ``block``."""
    path = project / "mkdocs.yml"
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("    map:"):
            skipping = True
        elif skipping and (line.startswith("      ") or not line.strip()):
            pass
        else:
            skipping = False
            kept.append(line)
            if line.startswith("  diachido:"):
                dumped = yaml.safe_dump({"map": block}, allow_unicode=True, sort_keys=False)
                kept.extend("    " + item + "\n" for item in dumped.splitlines())
    path.write_text("".join(kept), encoding="utf-8")
    return project


def test_points_hold_every_located_site_with_its_page_from_urls(files: dict, sites: list[Site]) -> None:
    points = _points(files, "vi")
    assert points["fields"] == list(map_data.POINT_FIELDS)
    rows = {row[0]: row for row in points["sites"]}
    located = [s for s in sites if s.location is not None]
    assert set(rows) == {s.id for s in located} and len(rows) == 42
    for site in located:
        row = dict(zip(points["fields"], rows[site.id]))
        assert row["name"] == site.name.vi
        assert row["path"] == site_page_path(site.slug, "vi")
        assert (row["lat"], row["lon"]) == (round(site.location.lat, 5), round(site.location.lon, 5))
        assert bool(row["flags"] & map_data.FLAG_APPROXIMATE) is site.location.quality.is_approximate
        assert map_settings.CATEGORIES[row["primary"]] == site.primary_category
        assert map_settings.RANKS[row["rank"]] == site.rank.level


def test_popup_details_are_fetched_in_chunks_in_point_order(files: dict, sites: list[Site]) -> None:
    points = _points(files, "vi")
    by_id = {s.id: s for s in sites}
    for index, row in enumerate(points["sites"]):
        summary, thumbnail, fallback = _details(files, points, index)
        assert summary == by_id[row[0]].summary.vi
        assert thumbnail == 0 and fallback == 0


def test_many_sites_split_into_chunks(sites: list[Site], project: Path) -> None:
    many = [sites[i % len(sites)].model_copy(update={"id": f"TH-{i + 1:04d}", "slug": f"site-{i + 1}"}) for i in range(450)]
    points, details = map_data.site_data(many, "vi", lambda path: True)
    files = map_document.map_files(load_config(project), many)
    points = _points(files, "vi")
    assert len(points["details"]) == 3 and len(points["sites"]) == 450
    assert _details(files, points, 449)[0] == details[449][0]


def test_english_map_links_english_pages_where_they_exist(project: Path, sites: list[Site]) -> None:
    english = {s.slug for s in sites[:5]}
    files = map_document.map_files(load_config(project), sites, page_exists=lambda path: path.split("/")[-2] in english)
    points = _points(files, "en")
    by_id = {s.id: s for s in sites}
    for row in points["sites"]:
        site = by_id[row[0]]
        fallback = site.slug not in english
        assert row[8] == site_page_path(site.slug, "vi" if fallback else "en")
        assert bool(row[6] & map_data.FLAG_PAGE_FALLBACK) is fallback
        assert row[7] == (site.name.en or site.name.vi)


def test_record_text_stays_data_everywhere(project: Path, sites: list[Site]) -> None:
    site = sites[0]
    hostile = site.model_copy(update={"name": site.name.model_copy(update={"vi": HOSTILE}),
                                      "summary": site.summary.model_copy(update={"vi": HOSTILE})})
    files = map_document.map_files(load_config(project), [hostile])
    for name, content in files.items():
        if name.endswith(".json"):
            assert b"<" not in content and b">" not in content, name
        if name.endswith(".html"):
            assert b"<img" not in content and b"</script><" not in content, name
    points = _points(files, "vi")
    assert points["sites"][0][7] == HOSTILE  # escaped in transit, intact when parsed
    assert _details(files, points, 0)[0] == HOSTILE


def test_map_script_never_parses_record_text_as_markup() -> None:
    script = "".join((map_data.STATIC_DIR / name).read_text(encoding="utf-8") for name in ("dcd-map.js", "dcd-map-kinds.js"))
    for line in script.splitlines():
        if "innerHTML" in line:  # only our constant SVG symbols (the kinds' colours: layers.KIND_STYLE)
            assert re.search(r"innerHTML = (symbolMarkup\(|'<svg)", line), line
    assert "bindTooltip(String" not in script and "setContent(row" not in script
    assert script.count(".textContent = ") >= 3


def test_map_document_loads_only_files_of_the_site(files: dict) -> None:
    for lang in ("vi", "en"):
        document = files[f"generated/map/{lang}.html"].decode("utf-8")
        assert f'<html lang="{lang}">' in document
        references = re.findall(r'(?:src|href)="([^"]+)"', document)
        assert len(references) >= 6
        for reference in references:
            assert "://" not in reference and not reference.startswith("/"), reference
            # the site's icon (written with the site's assets), else files of the map
            assert f"generated/map/{reference}" in files or reference == "../../generated/dcd/favicon.svg", reference
        assert "user-scalable=no" not in document  # visitors may zoom the page


def test_no_cdn_anywhere_in_the_map(files: dict) -> None:
    for name, content in files.items():
        if name.endswith((".html", ".js", ".css", ".json")):
            text = content.decode("utf-8").lower()
            for host in CDN_HOSTS:
                assert host not in text, (name, host)
    scripts = "".join(files[n].decode() for n in files if n.endswith(".html"))
    assert "jquery" not in scripts.lower() and "bootstrap" not in scripts.lower()


def test_map_output_is_deterministic(project: Path, sites: list[Site], files: dict) -> None:
    assert map_document.map_files(load_config(project), sites) == files


def test_tiles_and_directions_come_from_mkdocs_yml(tmp_path: Path, sites: list[Site]) -> None:
    project = make_records_project(tmp_path / "p", docs=False)
    config = load_config(project)
    default = map_settings.map_settings(config)
    assert default.tiles.url == map_settings.DEFAULT_TILES["url"] and "OpenStreetMap" in default.tiles.attribution
    with_map_config(project, {"tiles": {"url": "https://tiles.example.vn/{z}/{x}/{y}.png", "attribution": "© Sở TT&TT"},
                               "directions": "https://maps.example.vn/?to={lat},{lon}"})
    config = load_config(project)
    files = map_document.map_files(config, sites[:3])
    document = files["generated/map/vi.html"].decode()
    assert "https://tiles.example.vn/{z}/{x}/{y}.png" in document
    assert "openstreetmap" not in document.lower()
    assert "https://maps.example.vn/?to={lat},{lon}" in document.replace("\\u0026", "&")
    script_path, script = map_data.site_map_script(config)
    assert script_path in files and b"https://tiles.example.vn/{z}/{x}/{y}.png" in script


@pytest.mark.parametrize("block, code, setting", [
    ({"tiles": {"url": "http://insecure/{z}/{x}/{y}.png"}}, "config.map_tiles_url", "map.tiles.url"),
    ({"tiles": {"attribution": " "}}, "config.map_attribution", "map.tiles.attribution"),
    ({"tiles": {"max_zoom": "nineteen"}}, "config.map_max_zoom", "map.tiles.max_zoom"),
    ({"tiles": "osm"}, "config.map_shape", "map.tiles"),
    ({"directions": "https://maps.example/"}, "config.map_directions", "map.directions"),
    ({"layers": [{"name": "Xã", "file": "maps/none.geojson"}]}, "config.map_layer_missing", "map.layers[0].file"),
    ({"layers": [{"file": "mkdocs.yml"}]}, "config.map_layer_shape", "map.layers[0]"),
])
def test_bad_map_configuration_is_a_readable_error(tmp_path: Path, block: dict, code: str, setting: str) -> None:
    """Checked when the configuration is read, so ``check`` stops where ``build`` would."""
    project = with_map_config(make_records_project(tmp_path / "p", docs=False), block)
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    assert caught.value.code == code
    assert caught.value.describe("en").split(": ")[1] == "extra.diachido." + setting
    assert caught.value.line > 0


def test_optional_layers_are_copied_and_offered(tmp_path: Path, sites: list[Site]) -> None:
    project = make_records_project(tmp_path / "p", docs=False)
    (project / "maps").mkdir()
    route = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Tuyến <b>thử</b>"},
         "geometry": {"type": "LineString", "coordinates": [[105.4, 19.9], [105.8, 19.8]]}}]}
    (project / "maps" / "route.geojson").write_text(json.dumps(route), encoding="utf-8")
    with_map_config(project, {"layers": [{"name": {"vi": "Tuyến tham quan", "en": "Tour"}, "file": "maps/route.geojson",
                                           "style": {"color": "#aa0000"}}]})
    files = map_document.map_files(load_config(project), sites[:3])
    [layer] = [n for n in files if n.startswith("generated/map/layers/")]
    assert json.loads(files[layer]) == route
    document = files["generated/map/en.html"].decode()
    assert '"name":"Tour"' in document and layer.removeprefix("generated/map/") in document


def test_vendored_libraries_are_the_npm_releases() -> None:
    modules = REPO_ROOT / "node_modules"
    if not (modules / "leaflet" / "package.json").is_file():
        pytest.skip("npm ci has not run")
    for folder, package in (("leaflet-1.9.4", "leaflet"), ("leaflet.markercluster-1.5.3", "leaflet.markercluster")):
        version = folder.rsplit("-", 1)[1]
        assert json.loads((modules / package / "package.json").read_text())["version"] == version
        for name in map_data.VENDOR_FILES:
            if name.startswith(folder + "/"):
                relative = name.removeprefix(folder + "/")
                candidates = [modules / package / "dist" / relative, modules / package / relative]
                source = next(p for p in candidates if p.is_file())
                assert (map_data.STATIC_DIR / "vendor" / name).read_bytes() == source.read_bytes(), name


def test_build_writes_the_map_page_and_the_downloads(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "project", ("lam-kinh", "doi-c4", "nha-me-tom"))
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    site = project / "site"
    page = (site / "ban-do" / "index.html").read_text(encoding="utf-8")
    assert 'src="../generated/map/vi.html"' in page
    assert (site / "generated" / "map" / "vi.html").is_file()
    for name in ("di-tich.geojson", "di-tich.kml", "di-tich.csv"):
        assert f'href="../generated/data/{name}"' in page
        assert (site / "generated" / "data" / name).is_file()
    assert "3 di tích có vị trí trên bản đồ; 2 trong số đó chỉ có vị trí gần đúng" in page  # commune centres
    english = (site / "en" / "ban-do" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../generated/map/en.html"' in english
    assert 'href="ban-do/"' in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_popup_thumbnails_come_from_the_photo_pipeline(monkeypatch: pytest.MonkeyPatch, project: Path,
                                                      sites: list[Site]) -> None:
    monkeypatch.setattr(map_data, "thumbnail_lookup",
                        lambda site: "generated/img/abc-400.webp" if site.slug == "lam-kinh" else None)
    files = map_document.map_files(load_config(project), sites)
    points = _points(files, "vi")
    for index, row in enumerate(points["sites"]):
        thumbnail = _details(files, points, index)[1]
        assert thumbnail == ("generated/img/abc-400.webp" if row[0] == "TH-0002" else 0)
