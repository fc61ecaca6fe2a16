"""Plaques in the field: installations, condition checks and replacements in the registry,
recorded through the CLI, round-tripped through the file, and merged across git branches."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.plaques.test_command import make_project, make_site

from generator.config import ProjectConfig
from generator.plaques.errors import PlaqueError
from generator.plaques.fieldwork import plaque_statuses, record_check, record_installed
from generator.plaques.lifecycle import ConditionCheck, Installation, PlaqueState
from generator.plaques.registry import load_registry, record_printed, registry_path

D = dt.date


def printed_project(root: Path, *ids: str) -> ProjectConfig:
    config = make_project(root)
    record_printed(config, [make_site(site_id) for site_id in ids], when=D(2025, 6, 30))
    return config


def test_installation_check_and_replacement_round_trip(tmp_path: Path) -> None:
    config = printed_project(tmp_path / "p", "TH-0042", "TH-0007")
    record_installed(config, "TH-0042", Installation(D(2025, 7, 2), "Cổng chính", "nhôm", "a5"))
    record_check(config, "TH-0042", ConditionCheck(D(2026, 1, 15), PlaqueState.DAMAGED, "Mặt biển nứt: 'QR' mờ #2"))
    record_installed(config, "TH-0042", Installation(D(2026, 3, 10), "Cổng chính", "inox", "a5"), D(2025, 7, 2))
    record_check(config, "TH-0042", ConditionCheck(D(2026, 4, 1), PlaqueState.GOOD))

    text = registry_path(config).read_text(encoding="utf-8")
    # One line per event; the replaced installation names its successor.
    assert "  - {date: 2025-07-02, where: Cổng chính, material: nhôm, size: a5, replaced_by: 2026-03-10}\n" in text
    assert "  - {date: 2026-03-10, where: Cổng chính, material: inox, size: a5}\n" in text
    assert "  - {date: 2026-04-01, state: good}\n" in text
    entry = {e.site_id: e for e in load_registry(registry_path(config))}["TH-0042"]
    assert [i.date for i in entry.installed] == [D(2025, 7, 2), D(2026, 3, 10)]
    assert entry.checks[0].note == "Mặt biển nứt: 'QR' mờ #2"
    status = plaque_statuses(load_registry(registry_path(config)))
    assert status["TH-0042"].is_installed and not status["TH-0042"].needs_replacing
    assert status["TH-0042"].state is PlaqueState.GOOD
    assert status["TH-0007"].is_printed and not status["TH-0007"].is_installed
    # Saving what was loaded gives the same bytes: the format is stable.
    record_printed(config, [], when=D(2026, 5, 1))
    assert registry_path(config).read_text(encoding="utf-8") == text


def test_damage_before_a_replacement_no_longer_counts(tmp_path: Path) -> None:
    config = printed_project(tmp_path / "p", "TH-0042")
    record_installed(config, "TH-0042", Installation(D(2025, 7, 2)))
    record_check(config, "TH-0042", ConditionCheck(D(2026, 1, 15), PlaqueState.MISSING))
    assert plaque_statuses(load_registry(registry_path(config)))["TH-0042"].needs_replacing
    record_installed(config, "TH-0042", Installation(D(2026, 2, 1)), replaces=D(2025, 7, 2))
    status = plaque_statuses(load_registry(registry_path(config)))["TH-0042"]
    assert status.is_installed and status.last_check is None and not status.needs_replacing


def test_fieldwork_needs_a_printed_plaque_and_a_real_installation(tmp_path: Path) -> None:
    config = printed_project(tmp_path / "p", "TH-0042")
    with pytest.raises(PlaqueError) as error:
        record_check(config, "TH-0099", ConditionCheck(D(2026, 1, 1), PlaqueState.GOOD))
    assert error.value.code == "plaques.not_printed"
    with pytest.raises(PlaqueError) as error:
        record_installed(config, "TH-0042", Installation(D(2026, 1, 1)), replaces=D(2020, 1, 1))
    assert error.value.code == "plaques.no_installation"


def test_printing_again_keeps_the_field_history(tmp_path: Path) -> None:
    config = printed_project(tmp_path / "p", "TH-0042")
    record_installed(config, "TH-0042", Installation(D(2025, 7, 2), "Nhà bia"))
    record_printed(config, [make_site("TH-0042")], when=D(2026, 3, 2))
    (entry,) = load_registry(registry_path(config))
    assert entry.printed == (D(2025, 6, 30), D(2026, 3, 2)) and entry.installed[0].where == "Nhà bia"


@pytest.mark.parametrize("bad", [
    "  checks:\n  - {date: 2026-01-01, state: broken}\n",
    "  checks:\n  - {date: soon, state: good}\n",
    "  installed:\n  - {date: 2026-01-01, colour: red}\n",
    "  installed: yes\n",
])
def test_malformed_field_history_is_a_readable_error(tmp_path: Path, bad: str) -> None:
    config = printed_project(tmp_path / "p", "TH-0042")
    path = registry_path(config)
    path.write_text(path.read_text(encoding="utf-8") + bad, encoding="utf-8")
    with pytest.raises(PlaqueError) as error:
        load_registry(path)
    assert error.value.code == "plaques.registry_invalid" and "TH-0042" in error.value.params["problem"]


def test_cli_records_installation_and_check(tmp_path: Path) -> None:
    config = printed_project(tmp_path / "p", "TH-0042")
    result = run_cli(config.root, "plaques", "--installed", "TH-0042", "--date", "2025-07-02",
                     "--where", "Cổng chính", "--material", "nhôm", "--size", "a5")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Đã ghi: biển TH-0042 gắn ngày 2025-07-02")
    result = run_cli(config.root, "--lang", "en", "plaques", "--checked", "TH-0042", "--date", "2026-01-15",
                     "--state", "faded", "--note", "nắng làm phai")
    assert result.exit_code == 0, result.output
    (entry,) = load_registry(registry_path(config))
    assert entry.installed[0].material == "nhôm" and entry.checks[0].state is PlaqueState.FADED
    # Missing date or state: a message and exit 2, the file untouched.
    before = registry_path(config).read_bytes()
    assert run_cli(config.root, "plaques", "--checked", "TH-0042", "--date", "2026-02-01").exit_code == 2
    assert run_cli(config.root, "plaques", "--installed", "TH-0042").exit_code == 2
    unknown = run_cli(config.root, "plaques", "--checked", "TH-0999", "--date", "2026-02-01", "--state", "good")
    assert unknown.exit_code == 1 and "TH-0999" in unknown.output and "Traceback" not in unknown.output
    assert registry_path(config).read_bytes() == before


@pytest.mark.parametrize("option, text", [("--note", "mất\u202eevil"), ("--note", "dán\u200btừ Zalo"),
                                          ("--where", "cổng\rsau"), ("--material", "nhôm\x07")])
def test_text_the_registry_could_not_keep_is_refused_before_anything_is_written(
        tmp_path: Path, option: str, text: str) -> None:
    config = printed_project(tmp_path / "p", "TH-0042")
    before = registry_path(config).read_bytes()
    command = "--checked" if option == "--note" else "--installed"
    result = run_cli(config.root, "plaques", command, "TH-0042", "--date", "2026-01-15", "--state", "good", option, text)
    assert result.exit_code == 1 and f"{option} có ký tự U+" in result.output and "Chưa ghi gì" in result.output
    assert registry_path(config).read_bytes() == before
    # A no-break space (typed by some phone keyboards) is plain text, kept.
    assert run_cli(config.root, "plaques", "--checked", "TH-0042", "--date", "2026-01-15", "--state", "good",
                   "--note", "cổng\u00a0sau").exit_code == 0
    assert load_registry(registry_path(config))[0].checks[0].note == "cổng\u00a0sau"


def test_a_visit_dated_after_today_is_refused(tmp_path: Path) -> None:
    config = printed_project(tmp_path / "p", "TH-0042")
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = run_cli(config.root, "--lang", "en", "plaques", "--installed", "TH-0042", "--date", tomorrow)
    assert result.exit_code == 1 and f"{tomorrow} has not come yet" in result.output
    assert load_registry(registry_path(config))[0].installed == ()


def _record_checks_in_a_process(root: str, worker: int) -> None:
    from generator.config import load_config

    config = load_config(Path(root))
    for n in range(5):
        record_check(config, "TH-0042", ConditionCheck(D(2026, 1, 15), PlaqueState.FADED, f"{worker}.{n}"))


def test_recordings_made_at_the_same_time_all_reach_the_registry(tmp_path: Path) -> None:
    import multiprocessing

    config = printed_project(tmp_path / "p", "TH-0042")
    context = multiprocessing.get_context("fork")  # separate processes, as separate commands are
    workers = [context.Process(target=_record_checks_in_a_process, args=(str(config.root), w)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert all(worker.exitcode == 0 for worker in workers)
    (entry,) = load_registry(registry_path(config))
    assert sorted(check.note for check in entry.checks) == [f"{w}.{n}" for w in range(4) for n in range(5)]


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                          capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_branches_recording_different_plaques_merge_without_conflict(tmp_path: Path) -> None:
    config = printed_project(tmp_path / "repo", "TH-0001", "TH-0002", "TH-0003")
    repo = config.root
    assert _git(repo, "init", "-q", "-b", "main").returncode == 0
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "printed")
    _git(repo, "checkout", "-qb", "team-a")
    record_installed(config, "TH-0001", Installation(D(2025, 7, 2), "Cổng"))
    record_check(config, "TH-0002", ConditionCheck(D(2025, 8, 1), PlaqueState.GOOD))
    _git(repo, "commit", "-qam", "team a")
    _git(repo, "checkout", "-q", "main")
    _git(repo, "checkout", "-qb", "team-b")
    record_installed(config, "TH-0003", Installation(D(2025, 7, 5), "Nhà bia"))
    record_printed(config, [make_site("TH-0004")], when=D(2025, 7, 6))
    _git(repo, "commit", "-qam", "team b")
    merge = _git(repo, "merge", "-q", "--no-edit", "team-a")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    statuses = plaque_statuses(load_registry(registry_path(config)))
    assert statuses["TH-0001"].is_installed and statuses["TH-0003"].is_installed
    assert statuses["TH-0002"].state is PlaqueState.GOOD and statuses["TH-0004"].is_printed
    # The merged file is exactly what the tool would write for the merged state.
    merged = registry_path(config).read_text(encoding="utf-8")
    record_printed(config, [], when=D(2025, 9, 1))
    assert registry_path(config).read_text(encoding="utf-8") == merged
