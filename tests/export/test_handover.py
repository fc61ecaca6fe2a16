"""The hand-over bundle: deterministic zips, media with credits and licences, and a
datapackage.json that the frictionless validator accepts."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import record_fixture_text, run_cli
from tests.media.recordings import write_recording
from tests.site_fixtures import make_site_project

from generator.config import load_config
from generator.export.formats import COLUMNS
from generator.export.datapackage import MEDIA_COLUMNS, MEDIA_FIELDS, SITE_FIELDS
from generator.export.handover import ZIP_TIME, bundle_files, write_bundles, write_site_handover, write_zip
from generator.records.validate import load_sites

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site_project(tmp_path_factory.mktemp("handover") / "p", ("lam-kinh", "nha-me-tom"))


def _files(project: Path) -> dict[str, bytes]:
    config = load_config(project)
    return bundle_files(config, load_sites(config).published)


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


def test_the_sites_own_bundles_list_media_without_the_originals(project: Path, tmp_path: Path) -> None:
    """Phone photos are megabytes: twice each (site and all-sites bundle) they would fill
    GitHub Pages' 1 GB; the site's bundles keep their credits, export keeps the files."""
    frictionless = pytest.importorskip("frictionless")
    config = load_config(project)
    write_site_handover(config, load_sites(config).published, tmp_path)
    folder = tmp_path / "generated" / "data" / "ban-giao"
    for bundle in ("tat-ca.zip", "TH-0901.zip"):
        with zipfile.ZipFile(folder / bundle) as archive:
            assert not [name for name in archive.namelist() if name.startswith("media/")]
            media = list(csv.DictReader(io.StringIO(archive.read("data/tep-media.csv").decode("utf-8-sig"))))
            assert [(m["credit"], m["path"]) for m in media] == [("Nguyễn Văn A", ""), ("Trần Thị B", "")]
    with zipfile.ZipFile(folder / "tat-ca.zip") as archive:
        archive.extractall(tmp_path / "unpacked")
    assert frictionless.validate(str(tmp_path / "unpacked" / "datapackage.json")).valid


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


def test_export_command_writes_the_bundles(project: Path, tmp_path: Path) -> None:
    result = run_cli(project, "export", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    handover = tmp_path / "out" / "ban-giao"
    assert (handover / "tat-ca" / "datapackage.json").is_file() and (handover / "TH-0903.zip").is_file()
    assert (handover / "wikidata-quickstatements.txt").read_text(encoding="utf-8").startswith("CREATE\n")


def test_recordings_are_bundled_from_the_file_check_validated(records_project: Path) -> None:
    """Recordings use the photos' mechanism: check binds the resolved file, the bundle reads it."""
    write_recording(records_project / "sites" / "site" / "vi.m4a", seconds=4)
    (records_project / "sites" / "site.yml").write_text(record_fixture_text("valid.yml") + yaml.safe_dump(
        {"audio": [{"file": "site/vi.m4a", "lang": "vi", "credit": "Lê Thị C", "licence": "CC BY 4.0"}]},
        allow_unicode=True), encoding="utf-8")
    config = load_config(records_project)
    result = load_sites(config)
    assert result.ok, result.report.render("en")
    files = bundle_files(config, result.published)
    assert files["media/TH-0901/site/vi.m4a"] == (records_project / "sites/site/vi.m4a").read_bytes()
    media = list(csv.DictReader(io.StringIO(files["data/tep-media.csv"].decode("utf-8-sig"))))
    assert [(m["kind"], m["credit"], m["licence"]) for m in media] == [("audio", "Lê Thị C", "CC BY 4.0")]


def test_bundle_holds_a_panorama_from_the_file_check_read(tmp_path: Path) -> None:
    from tests.conftest import make_records_project
    from tests.panorama_fixtures import panorama_record, write_fixture

    project = make_records_project(tmp_path / "p", docs=False)
    source = write_fixture(project / "sites" / "pano" / "cong.jpg", 1024)
    panorama_record(project, "  - {file: pano/cong.jpg, caption: {vi: Cổng đền}, credit: Đoàn viên xã, licence: CC0}\n")
    files = _files(project)
    assert files["media/TH-0901/pano/cong.jpg"] == source.read_bytes()
    media = list(csv.DictReader(io.StringIO(files["data/tep-media.csv"].decode("utf-8-sig"))))
    assert [(m["kind"], m["path"], m["caption_vi"], m["credit"], m["licence"]) for m in media if m["kind"] == "panoramas"] == [
        ("panoramas", "media/TH-0901/pano/cong.jpg", "Cổng đền", "Đoàn viên xã", "CC0")]


def test_a_site_withdrawn_since_the_last_export_leaves_no_bundle_behind(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    sites = load_sites(config).published
    folder = tmp_path / "ban-giao"
    write_bundles(config, sites, folder)
    withdrawn = folder / f"{sites[0].id}.zip"
    assert withdrawn.is_file()
    (folder / "ghi-chu.txt").write_text("the organiser's own note", encoding="utf-8")
    write_bundles(config, sites[1:], folder)
    assert not withdrawn.exists() and (folder / f"{sites[1].id}.zip").is_file()
    assert (folder / "ghi-chu.txt").is_file()  # only our own kind of file is removed


def test_photos_are_handed_over_without_gps_owner_or_serial(tmp_path: Path) -> None:
    from PIL import Image

    project = make_site_project(tmp_path / "p", ("lam-kinh",))
    photo = project / "sites/den-thu-nghiem/cong.jpg"
    with Image.open(photo) as image:
        exif = Image.Exif()
        exif[0x013B] = "Nguyen Van A (private)"
        exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 10.0)})
        image.save(photo, "JPEG", exif=exif.tobytes(), quality=90)
    files = _files(project)
    handed = files["media/TH-0901/den-thu-nghiem/cong.jpg"]
    assert b"Nguyen Van A (private)" in photo.read_bytes() and b"Nguyen Van A (private)" not in handed
    with Image.open(io.BytesIO(handed)) as image:
        assert not image.getexif().get_ifd(0x8825)
