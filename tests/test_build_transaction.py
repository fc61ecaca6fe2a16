"""``diachido build`` as a transaction: whatever the filesystem does, the previous site
stays whole or the new one is in place whole, every failure names its path, and
two builds never run at once. Builds run in copies of one small built project.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import tree_bytes, run_cli
from tests.test_build import build_process, built_small, copy_project  # noqa: F401 - built_small is a fixture
from tests.test_files import tmpfs

KEPT = "No new site was built; the previous one in {site} is unchanged."


def assert_failed_cleanly(result, project: Path, *stderr_lines: str) -> None:
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    # Warnings about the records (e.g. a published site without a location) may come first.
    assert [line for line in result.stderr.splitlines() if line and ": warning: " not in line] == list(stderr_lines)
    assert result.stdout.splitlines()[-1] == KEPT.format(site=project / "site")


def test_a_file_named_site_is_reported_before_any_work_and_kept(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    shutil.rmtree(project / "site")
    (project / "site").write_text("bản nháp của tôi", encoding="utf-8")
    result = run_cli(project, "--lang", "en", "build")
    assert_failed_cleanly(result, project, f"{project / 'site'} is not a folder (perhaps a file of that name); "
                                           "rename or move it, then build again")
    assert (project / "site").read_text(encoding="utf-8") == "bản nháp của tôi"
    assert not (project / "site.old").exists()


def test_a_symlinked_deploy_folder_gets_the_same_bytes_and_stays_linked(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    deploy = tmp_path / "srv" / "www"
    deploy.parent.mkdir()
    (project / "site").rename(deploy)
    (deploy / "cu.html").write_text("old", encoding="utf-8")
    (project / "site").symlink_to(deploy)
    run = build_process(project)
    assert run.returncode == 0, run.stderr
    assert (project / "site").is_symlink()
    assert tree_bytes(deploy) == tree_bytes(built_small / "site")  # byte-identical, old file gone


def test_leftovers_of_interrupted_builds_do_not_break_the_next(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    (project / "site.old").write_text("from an old version of diachido", encoding="utf-8")
    stale = project / ".diachido" / "site-x1y2"
    (stale / "s" / "TH-0001").mkdir(parents=True)
    (stale / "s" / "TH-0001" / "index.html").write_text("half", encoding="utf-8")
    (project / ".diachido" / "docs-abc").mkdir()
    (project / ".diachido" / "lock").write_text("99999", encoding="utf-8")  # its holder is dead
    run = build_process(project)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (project / ".diachido").iterdir() if p.name.startswith(("site-", "docs-"))) == []
    assert tree_bytes(project / "site") == tree_bytes(built_small / "site")


def test_a_folder_in_the_old_site_that_cannot_be_deleted_only_warns(built_small, tmp_path, monkeypatch):
    project = copy_project(built_small, tmp_path / "p")
    (project / "site" / "khoa").mkdir()
    (project / "site" / "khoa" / "bi-khoa.txt").write_text("x", encoding="utf-8")
    real_unlink = os.unlink

    def stuck(path, *args, **kwargs):
        if os.fspath(path) == "bi-khoa.txt" or os.fspath(path).endswith("/bi-khoa.txt"):
            raise PermissionError(errno.EPERM, "Operation not permitted", os.fspath(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", stuck)
    result = run_cli(project, "--lang", "en", "build")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    leftover = Path(warning.split(" at ")[1].split(" could not")[0])
    assert leftover.parent == project / ".diachido" and (leftover / "khoa" / "bi-khoa.txt").is_file()
    assert tree_bytes(project / "site") == tree_bytes(built_small / "site")
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert run_cli(project, "build").exit_code == 0 and not leftover.exists()  # cleaned by the next build


def test_a_second_build_says_the_first_is_running(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    before = tree_bytes(project / "site")
    lock = project / ".diachido" / "lock"
    with lock.open("w") as held:  # as a running build holds it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("4242")
        held.flush()
        result = run_cli(project, "--lang", "en", "build")
    assert_failed_cleanly(result, project, f"Another build (process 4242) is running in this project; wait for it "
                                           f"to finish, then run again (lock: {lock})")
    assert tree_bytes(project / "site") == before


def test_a_failure_of_the_plaques_made_beside_the_render_names_the_path_and_keeps_the_site(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    before = tree_bytes(project / "site")
    cache = project / ".diachido" / "cache" / "plaques"  # where the plaque PDFs are made: a file instead
    shutil.rmtree(cache)
    cache.write_text("không phải thư mục", encoding="utf-8")
    result = run_cli(project, "--lang", "en", "build")
    assert_failed_cleanly(result, project, f"File error at {cache / 'fonts'}: Not a directory")
    assert tree_bytes(project / "site") == before
    assert [p.name for p in (project / ".diachido").iterdir() if p.name.startswith(("site-", "docs-"))] == []

def test_a_full_disk_names_the_path_and_keeps_the_site(built_small, tmp_path):
    used = int(subprocess.run(["du", "-s", "--block-size=1", str(built_small)], capture_output=True, text=True,
                              check=True).stdout.split()[0])
    with tmpfs(tmp_path / "disk", str(used + 400 * 1024)) as disk:  # room for the project, not for a new site_docs
        project = copy_project(built_small, disk / "p")
        before = tree_bytes(project / "site")
        result = run_cli(project, "--lang", "en", "build")
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        [problem] = [line for line in result.stderr.splitlines() if line.startswith("The disk is full")]
        written = Path(problem.removeprefix("The disk is full while writing ").split(";")[0])
        assert written.is_relative_to(project / ".diachido")
        assert problem.endswith("; free some space, then build again")
        assert tree_bytes(project / "site") == before
        assert [p.name for p in (project / ".diachido").iterdir() if p.name.startswith(("site-", "docs-"))] == []


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting needs root")
def test_a_site_folder_that_is_a_read_only_mount_is_a_message(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    with tmpfs(project / "site", "1m", "ro"):
        result = run_cli(project, "--lang", "en", "build")
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert f"File error at {project / 'site'}: Device or resource busy" in result.stderr
        assert list((project / "site").iterdir()) == []
