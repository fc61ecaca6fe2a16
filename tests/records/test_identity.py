"""generator.records.identity and ids: a permanent id never points to another monument."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import add_record_fixture, load_project, problems, project_config, record_fixture_text, run_cli

from generator.records.ids import LedgerError, read_ledger
from generator.records.new import LedgerMissingError, create_site


def _ledger(project: Path, text: str) -> None:
    (project / "sites" / "_ids.txt").write_text("# ledger\n" + text, encoding="utf-8")


def _printed(project: Path, site_id: str) -> None:
    (project / "plaques").mkdir(exist_ok=True)
    (project / "plaques" / "registry.yml").write_text(
        f"plaques:\n- id: {site_id}\n  url: https://diachido-thanhhoa.github.io/s/{site_id}/\n  printed: [2025-06-30]\n",
        encoding="utf-8")


def test_an_id_the_ledger_gave_to_another_site_is_an_error(records_project):
    _ledger(records_project, "TH-0901 den-ba-trieu\nTH-0902 other\n")
    add_record_fixture(records_project, "valid.yml")  # TH-0901, slug den-thu-nghiem
    result = load_project(records_project)
    assert problems(result) == [("valid.yml", 1, 5, "id", "id.reused")]
    params = result.report.errors[0].params
    assert (params["ledger_slug"], params["line"], params["next_id"], params["hint"]) == ("den-ba-trieu", 2, "TH-0903", "")


def test_a_printed_id_reused_says_a_plaque_hangs(records_project):
    _ledger(records_project, "TH-0901 den-ba-trieu\n")
    _printed(records_project, "TH-0901")
    add_record_fixture(records_project, "valid.yml")
    (diagnostic,) = load_project(records_project).report.errors
    assert diagnostic.code == "id.reused" and diagnostic.params["hint"] == ("hint.printed", {"printed": "2025-06-30"})
    line = diagnostic.render("en")
    assert line.endswith("id: id 'TH-0901' was given to the site 'den-ba-trieu' (_ids.txt line 2); an id is never reused "
                         "for another site (this id is on a QR plaque printed 2025-06-30). If this is a new site, use "
                         "TH-0902; if it really is that site renamed, add 'former_slugs: [den-ba-trieu]' (its old page address keeps working)")


@pytest.mark.parametrize("addition", ["renamed_from: den-ba-trieu\n", "former_slugs: [den-ba-trieu]\n"])
def test_the_record_may_say_it_is_the_same_site_renamed(records_project, addition):
    _ledger(records_project, "TH-0901 den-ba-trieu\n")
    _printed(records_project, "TH-0901")
    text = record_fixture_text("valid.yml").replace("status: published\n", "status: published\n" + addition)
    (records_project / "sites" / "a.yml").write_text(text, encoding="utf-8")
    assert problems(load_project(records_project)) == []


def test_renamed_from_naming_another_slug_is_still_an_error(records_project):
    _ledger(records_project, "TH-0901 den-ba-trieu\n")
    text = record_fixture_text("valid.yml").replace("status: published\n", "status: published\nrenamed_from: chua-keo\n")
    (records_project / "sites" / "a.yml").write_text(text, encoding="utf-8")
    assert problems(load_project(records_project)) == [("a.yml", 4, 15, "renamed_from", "id.reused")]


def test_an_id_missing_from_the_ledger_is_a_warning_with_the_line_to_add(records_project):
    _ledger(records_project, "TH-0001 lam-kinh\n")
    add_record_fixture(records_project, "valid.yml")
    result = load_project(records_project)
    assert problems(result) == [("valid.yml", 1, 5, "id", "id.unledgered")]
    assert result.ok and "'TH-0901 den-thu-nghiem'" in result.report.warnings[0].render("en")


def test_a_printed_id_missing_from_the_ledger_is_an_error(records_project):
    _ledger(records_project, "TH-0001 lam-kinh\n")
    _printed(records_project, "TH-0901")
    add_record_fixture(records_project, "valid.yml")
    assert problems(load_project(records_project)) == [("valid.yml", 1, 5, "id", "id.printed_unledgered")]


def test_a_ledger_that_is_not_utf8_is_a_message_not_a_traceback(records_project):
    (records_project / "sites" / "_ids.txt").write_bytes(b"# ledger\nTH-0001 lam-kinh\nTH-0002 \xe9glise\n")
    add_record_fixture(records_project, "valid.yml")
    result = load_project(records_project)
    assert problems(result) == [("_ids.txt", 3, 1, "", "ids.ledger_not_utf8")]
    with pytest.raises(LedgerError):
        read_ledger(project_config(records_project))
    run = run_cli(records_project, "--lang", "en", "new", "Đền Mới")
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert "sites/_ids.txt:3:1: the id ledger is not UTF-8" in run.output
    assert not (records_project / "sites" / "den-moi.yml").exists()


def test_new_refuses_when_the_ledger_is_gone_but_sites_exist(sample_project):
    (sample_project / "sites" / "_ids.txt").unlink()
    with pytest.raises(LedgerMissingError):
        create_site(project_config(sample_project), "Đền Bà Triệu")
    run = run_cli(sample_project, "--lang", "en", "new", "Đền Bà Triệu")
    assert run.exit_code == 1 and "Restore it from git history" in run.output
    assert not (sample_project / "sites" / "den-ba-trieu.yml").exists()


def test_new_refuses_when_only_printed_plaques_remain(records_project):
    _printed(records_project, "TH-0007")
    with pytest.raises(LedgerMissingError):
        create_site(project_config(records_project), "Đền Bà Triệu")


def test_next_id_passes_every_printed_id(records_project):
    _ledger(records_project, "TH-0003 a\n")
    _printed(records_project, "TH-0009")
    _, site_id = create_site(project_config(records_project), "Đền Bà Triệu")
    assert site_id == "TH-0010"
