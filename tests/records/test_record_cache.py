"""The record cache (``records.record_cache``): what each file yields on its own is kept
between checks, everything across files runs every time, and the output never depends
on whether the cache was cold or warm."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from PIL import Image

from generator.media import cache as media_cache
from generator.records import validate
from generator.records.record_cache import CACHE_SUBDIR

from ..conftest import add_record_fixture, load_project, project_config, record_fixture_text, run_cli, where


def _record(project: Path, fixture: str, number: int, name: str | None = None) -> Path:
    """The fixture as ``sites/<name>`` with an id and slug of its own (fixtures share TH-0901)."""
    text = record_fixture_text(fixture).replace("TH-0901", f"TH-09{number:02d}")
    path = project / "sites" / (name or fixture)
    path.write_text(text.replace("den-thu-nghiem", f"den-thu-nghiem-{number}"), encoding="utf-8")
    return path


def _bundle(project: Path) -> Path:
    return project / ".diachido" / "cache" / CACHE_SUBDIR / "site.pickle"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the loader parses (a file whose outcome is kept is not parsed)."""
    calls: list[Path] = []
    real = validate.parse_yaml

    def counting(path, text, **options):
        calls.append(path)
        return real(path, text, **options)

    monkeypatch.setattr(validate, "parse_yaml", counting)
    return calls


def _check(project: Path) -> tuple[int, str]:
    result = run_cli(project, "check")
    return result.exit_code, result.output


def test_a_warm_check_parses_nothing_and_prints_the_same_bytes(records_project, parsed):
    _record(records_project, "valid.yml", 1)
    _record(records_project, "unknown_commune.yml", 2)  # a warning
    _record(records_project, "lat_out_of_range.yml", 3)  # an error
    _record(records_project, "syntax_error.yml", 4)  # not even YAML
    cold = _check(records_project)
    assert len(parsed) == 4 and _bundle(records_project).is_file()
    parsed.clear()
    warm = _check(records_project)
    assert parsed == []
    assert warm == cold
    assert cold[0] == 1 and "sites/lat_out_of_range.yml:10:8: location.lat" in cold[1]


def test_an_edited_file_is_validated_again_and_its_new_error_shown_at_its_line(records_project, parsed):
    record = _record(records_project, "valid.yml", 1)
    _record(records_project, "unknown_commune.yml", 2)
    assert _check(records_project)[0] == 0
    parsed.clear()
    record.write_text(record.read_text(encoding="utf-8").replace("lat: 19.80", "lat: 91.80"), encoding="utf-8")
    code, output = _check(records_project)
    assert parsed == [record]  # the other file's outcome was kept
    assert code == 1 and "sites/valid.yml:10:8: location.lat" in output


def test_two_kept_files_with_one_id_are_still_a_duplicate(records_project, parsed):
    add_record_fixture(records_project, "valid.yml", "a.yml")
    add_record_fixture(records_project, "valid.yml", "b.yml")
    cold = load_project(records_project)
    parsed.clear()
    warm = load_project(records_project)
    assert parsed == []
    assert [where(d) for d in warm.report.sorted()] == [where(d) for d in cold.report.sorted()]
    assert ("b.yml", 1, 5, "id", "id.duplicate") in [where(d) for d in warm.report.errors]


def test_a_new_generator_version_validates_every_file_again(records_project, parsed, monkeypatch):
    add_record_fixture(records_project, "valid.yml")
    load_project(records_project)
    parsed.clear()
    load_project(records_project)
    assert parsed == []
    monkeypatch.setattr(media_cache, "generator_version", lambda module: "another generator")
    load_project(records_project)
    assert [p.name for p in parsed] == ["valid.yml"]


def test_other_settings_validate_every_file_again(records_project, parsed):
    add_record_fixture(records_project, "unknown_commune.yml")
    load_project(records_project)
    parsed.clear()
    settings = records_project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("province: Thanh Hóa", "province: Nghệ An"),
                        encoding="utf-8")
    load_project(records_project)
    assert [p.name for p in parsed] == ["unknown_commune.yml"]


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated by a crash or a full disk
    lambda data: b"\x00" * len(data),  # corrupt
    lambda data: b"plaques: []\n",  # foreign: some other file under that name
    lambda data: pickle.dumps({"format": "diachido-record-outcomes-1", "shards": {"00": b"not a pickle"}}),
])
def test_a_damaged_cache_is_ignored_and_written_again(records_project, parsed, damage):
    _record(records_project, "valid.yml", 1)
    _record(records_project, "unknown_commune.yml", 2)
    cold = _check(records_project)
    bundle = _bundle(records_project)
    bundle.write_bytes(damage(bundle.read_bytes()))
    parsed.clear()
    assert _check(records_project) == cold
    assert len(parsed) == 2
    parsed.clear()
    assert _check(records_project) == cold and parsed == []  # and the cache is whole again


class _Planted:
    """What an attacker would plant: unpickling it would delete ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __reduce__(self):
        return shutil.rmtree, (str(self.folder),)


def test_a_planted_cache_never_runs_code(records_project, tmp_path):
    add_record_fixture(records_project, "valid.yml")
    cold = _check(records_project)
    victim = tmp_path / "victim"
    victim.mkdir()
    shards = {f"{n:02x}": pickle.dumps({"key": _Planted(victim)}) for n in range(256)}
    _bundle(records_project).write_bytes(pickle.dumps({"format": "diachido-record-outcomes-1", "shards": shards}))
    assert _check(records_project) == cold
    assert victim.is_dir()


def test_a_cache_that_cannot_be_written_does_not_fail_check(records_project):
    add_record_fixture(records_project, "unknown_commune.yml")
    (records_project / ".diachido" / "cache").mkdir(parents=True)
    (records_project / ".diachido" / "cache" / CACHE_SUBDIR).write_text("a file where the folder would be")
    first, second = _check(records_project), _check(records_project)
    assert first == second and first[0] == 0 and "unknown_commune.yml" in first[1]


def test_a_photo_replaced_with_unchanged_yaml_is_checked_again(records_project):
    add_record_fixture(records_project, "missing_image.yml", "a.yml")
    photo = records_project / "sites" / "anh" / "cong-chinh.jpg"
    photo.parent.mkdir()
    Image.new("RGB", (64, 48), "red").save(photo, "JPEG")
    assert _check(records_project)[0] == 0
    photo.write_text("<svg onload='alert(1)'/>")
    code, output = _check(records_project)
    assert code == 1 and "sites/a.yml:18:11: images[0].file" in output


def test_a_moved_project_keeps_its_cache_and_names_its_own_files(records_project, tmp_path, parsed):
    _record(records_project, "unknown_commune.yml", 1)
    add_record_fixture(records_project, "valid.yml", "a.yml")
    add_record_fixture(records_project, "valid.yml", "b.yml")
    load_project(records_project)
    moved = tmp_path / "elsewhere"
    shutil.copytree(records_project, moved)
    parsed.clear()
    result = load_project(moved)
    assert parsed == []
    assert {d.path.parent for d in result.report.diagnostics} == {moved / "sites"}
    assert {record.path.parent for record in result.records} == {moved / "sites"}


def test_loading_some_files_keeps_the_others_outcomes(records_project, parsed):
    first = _record(records_project, "valid.yml", 1, "a.yml")
    _record(records_project, "valid.yml", 2, "b.yml")
    load_project(records_project)
    validate.load_sites(project_config(records_project), [first])
    parsed.clear()
    load_project(records_project)
    assert parsed == []


def test_a_file_given_twice_is_two_records_as_without_the_cache(records_project):
    record = _record(records_project, "valid.yml", 1)
    load_project(records_project)
    twice = validate.load_sites(project_config(records_project), [record, record])
    assert len(twice.records) == 2 and twice.records[0] is not twice.records[1]
    assert "id.duplicate" in [d.code for d in twice.report.errors]
