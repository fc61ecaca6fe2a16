"""The hand-over bundle: deterministic zips, media with credits and licences, a
datapackage.json that the frictionless validator accepts, and the Wikidata
QuickStatements batch in the documented V1 syntax."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.plaques.test_command import make_site
from tests.site_fixtures import make_site_project

from generator.config import ConfigError, load_config
from generator.export.formats import COLUMNS
from generator.export.datapackage import MEDIA_COLUMNS, MEDIA_FIELDS, SITE_FIELDS
from generator.export.handover import ZIP_TIME, bundle_files, write_bundles, write_zip
from generator.export.wikidata import quote, to_quickstatements
from generator.media.photos import site_folders
from generator.records.validate import load_sites

# QuickStatements V1 (Help:QuickStatements): CREATE, or subject|command|value with optional
# qualifier pairs (Pnnn|value) and reference pairs (Snnn|value).
QS_VALUE = r'(?:Q[1-9]\d*|"[^"|\t\n]*"|@-?\d+(?:\.\d+)?/-?\d+(?:\.\d+)?|\+\d{4}-\d{2}-\d{2}T00:00:00Z/(?:9|11))'
QS_LINE = re.compile(rf"^(?:CREATE|(?:LAST|Q[1-9]\d*)\|(?:[LDA][a-z]{{2,3}}\|\"[^\"|\t\n]*\"|P\d+\|{QS_VALUE}"
                     rf"(?:\|[PS]\d+\|{QS_VALUE})*))$")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site_project(tmp_path_factory.mktemp("handover") / "p", ("lam-kinh", "nha-me-tom"))


def _files(project: Path) -> dict[str, bytes]:
    config = load_config(project)
    return bundle_files(config, load_sites(config).published, site_folders(config.sites_dir))


def test_bundle_holds_data_media_credits_and_a_descriptor(project: Path) -> None:
    files = _files(project)
    assert files["media/TH-0901/den-thu-nghiem/cong.jpg"] == (project / "sites/den-thu-nghiem/cong.jpg").read_bytes()
    media = list(csv.DictReader(io.StringIO(files["data/tep-media.csv"].decode("utf-8-sig"))))
    assert [(m["site_id"], m["kind"], m["credit"], m["licence"]) for m in media] == [
        ("TH-0901", "images", "Nguyễn Văn A", "CC BY-SA 4.0"), ("TH-0901", "images", "Trần Thị B", "")]
    assert media[0]["caption_en"] == "The gate seen from the east"
    sites = list(csv.DictReader(io.StringIO(files["data/di-tich.csv"].decode("utf-8-sig"))))
    assert [s["id"] for s in sites] == sorted(s["id"] for s in sites) and len(sites) == 5
    graph = json.loads(files["data/di-tich.jsonld"])["@graph"]
    assert {node["identifier"] for node in graph} == {s["id"] for s in sites}
    assert json.loads(files["data/di-tich.geojson"])["type"] == "FeatureCollection"
    # The descriptor's field lists are the export's columns, one description each.
    assert tuple(SITE_FIELDS) == COLUMNS and tuple(MEDIA_FIELDS) == MEDIA_COLUMNS


def test_datapackage_validates_with_frictionless(project: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    config = load_config(project)
    written = write_bundles(config, load_sites(config).published, tmp_path / "out", unpacked=True)
    report = frictionless.validate(str(tmp_path / "out" / "tat-ca" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    assert report.stats["tasks"] >= 2
    # A lost byte is caught: the descriptor carries sizes and hashes.
    media = tmp_path / "out" / "tat-ca" / "data" / "tep-media.csv"
    media.write_bytes(media.read_bytes().replace("Trần".encode(), "Tran".encode()))
    assert not frictionless.validate(str(tmp_path / "out" / "tat-ca" / "datapackage.json")).valid
    assert {p.name for p in written} >= {"tat-ca.zip", "tat-ca", "TH-0901.zip", "wikidata-quickstatements.txt"}


def test_zips_are_deterministic_sorted_and_unpack_to_the_bundle(project: Path, tmp_path: Path) -> None:
    files = _files(project)
    write_zip(tmp_path / "a.zip", files)
    write_zip(tmp_path / "b.zip", dict(reversed(list(files.items()))))
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.namelist() == sorted(files)
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
        assert {name: archive.read(name) for name in archive.namelist()} == files
        assert archive.testzip() is None


def test_per_site_bundle_has_only_that_site(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    write_bundles(config, load_sites(config).published, tmp_path)
    with zipfile.ZipFile(tmp_path / "TH-0902.zip") as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("data/di-tich.csv").decode("utf-8-sig"))))
        assert [row["id"] for row in rows] == ["TH-0902"]
        assert not [name for name in archive.namelist() if name.startswith("media/")]
        assert json.loads(archive.read("datapackage.json"))["title"].endswith("Đình làng Thử")


def test_quickstatements_one_statement_per_line_in_v1_syntax(project: Path) -> None:
    config = load_config(project)
    text = to_quickstatements(config, load_sites(config).published)
    lines = text.splitlines()
    assert text.endswith("\n") and all(QS_LINE.match(line) for line in lines), \
        [line for line in lines if not QS_LINE.match(line)]
    assert lines.count("CREATE") == 5
    # No Q-id but the configured country: nothing invented.
    assert set(re.findall(r"\bQ[1-9]\d*\b", text)) == {"Q881"}
    assert 'LAST|P625|@19.93000/105.82000|S854|"https://example.org/nguon"' in lines  # site-survey: 5 decimals
    assert 'LAST|Lvi|"Đền \'Ngoặc\' & Ký tự\' Lạ"' in lines  # quotes cannot be escaped in V1
    assert not any(line.startswith("LAST|P625|@19.95") for line in lines)  # the commune centre is left out


def test_configured_items_and_designations_are_used(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    settings = {"country": "Q881", "designations": {"national": "Q1"}, "items": {"TH-0901": "Q2"}}
    configured = type(config)(**{**config.__dict__, "extra": {**config.extra, "wikidata": settings}})
    site = make_site("TH-0901", rank="national", location={"lat": 19.93, "lon": 105.82, "quality": "site-official"},
                     sources=[{"url": "https://example.org/qd"}])
    site = site.model_copy(update={"rank": site.rank.model_copy(update={"year": 2001})})
    lines = to_quickstatements(configured, [site]).splitlines()
    assert lines == ['Q2|P625|@19.93000/105.82000|S854|"https://example.org/qd"',
                     'Q2|P1435|Q1|P580|+2001-00-00T00:00:00Z/9|S854|"https://example.org/qd"', "Q2|P17|Q881"]
    bad = type(config)(**{**config.__dict__, "extra": {**config.extra, "wikidata": {"items": {"TH-0901": "Lam Kinh"}}}})
    with pytest.raises(ConfigError):
        to_quickstatements(bad, [site])


def test_quote_keeps_every_value_on_one_line() -> None:
    assert quote('a|b\tc\nd "e"') == "\"a b c d 'e'\""


def test_export_command_writes_the_bundles(project: Path, tmp_path: Path) -> None:
    result = run_cli(project, "export", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    handover = tmp_path / "out" / "ban-giao"
    assert (handover / "tat-ca" / "datapackage.json").is_file() and (handover / "TH-0903.zip").is_file()
    assert (handover / "wikidata-quickstatements.txt").read_text(encoding="utf-8").startswith("CREATE\n")
