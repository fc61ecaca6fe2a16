"""generator.files: folders swapped in one step, every filesystem failure named, one build at a time."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from generator import files
from generator.files import FileProblem, clean_leftovers, project_lock, remove_tree, replace_dir, write_text


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_tree(folder: Path, **contents: str) -> Path:
    for name, text in contents.items():
        write_text(folder / name, text)
    return folder


@contextlib.contextmanager
def tmpfs(mount_point: Path, size: str, *options: str):
    """A small real filesystem (to fill up, or to cross), or a skip where mounting is not allowed."""
    mount_point.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join((f"size={size}",) + options), "tmpfs", str(mount_point)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {run.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_new_folder_takes_the_place_of_the_old_in_one_exchange(tmp_path):
    target = make_tree(tmp_path / "site", **{"index.html": "old", "cu/a.html": "old"})
    new = make_tree(tmp_path / ".diachido" / "site-1", **{"index.html": "new"})
    assert files._RENAMEAT2 is not None  # Linux: the atomic path is the one tested here
    assert replace_dir(new, target) == []
    assert tree(target) == {"index.html": "new"} and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".diachido", "site"]  # no site.old


def test_without_rename_exchange_two_renames_do_it(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_RENAMEAT2", None)  # macOS, Windows, old glibc
    target = make_tree(tmp_path / "site", **{"index.html": "old"})
    assert replace_dir(make_tree(tmp_path / "w" / "site-1", **{"index.html": "new"}), target) == []
    assert tree(target) == {"index.html": "new"} and list((tmp_path / "w").iterdir()) == []


def test_a_first_build_just_moves_the_folder_in(tmp_path):
    replace_dir(make_tree(tmp_path / "w" / "site-1", **{"a": "1"}), tmp_path / "out" / "site")
    assert tree(tmp_path / "out" / "site") == {"a": "1"}


def test_a_file_where_the_folder_goes_is_refused_and_kept(tmp_path):
    (tmp_path / "site").write_text("ghi chú của tôi")
    new = make_tree(tmp_path / "w" / "site-1", **{"a": "1"})
    with pytest.raises(FileProblem) as caught:
        replace_dir(new, tmp_path / "site")
    assert (caught.value.code, caught.value.params) == ("build.not_a_folder", {"path": str(tmp_path / "site")})
    assert (tmp_path / "site").read_text() == "ghi chú của tôi" and tree(new) == {"a": "1"}


def test_a_symlink_to_a_deploy_folder_stays_a_link_and_its_folder_is_replaced(tmp_path):
    deploy = make_tree(tmp_path / "var" / "www", **{"index.html": "old"})
    (tmp_path / "site").symlink_to(deploy)
    replace_dir(make_tree(tmp_path / "w" / "site-1", **{"index.html": "new"}), tmp_path / "site")
    assert (tmp_path / "site").is_symlink() and tree(deploy) == {"index.html": "new"}


def test_a_deploy_folder_on_another_filesystem_is_replaced_whole(tmp_path):
    with tmpfs(tmp_path / "disk", "4m") as disk:
        deploy = make_tree(disk / "www", **{"index.html": "old"})
        (tmp_path / "site").symlink_to(deploy)
        replace_dir(make_tree(tmp_path / "w" / "site-1", **{"index.html": "new", "s/a.html": "a"}), tmp_path / "site")
        assert tree(deploy) == {"index.html": "new", "s/a.html": "a"}
        assert sorted(p.name for p in disk.iterdir()) == ["www"]  # the copy beside it was renamed in


def test_a_failed_swap_names_the_path_and_leaves_both_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_RENAMEAT2", None)
    target = make_tree(tmp_path / "site", **{"index.html": "old"})
    new = make_tree(tmp_path / "w" / "site-1", **{"index.html": "new"})
    real_rename = os.rename

    def read_only(source, destination):
        if Path(source) == target:  # the project folder is read-only: site/ cannot move
            raise PermissionError(errno.EROFS, "Read-only file system", str(source))
        return real_rename(source, destination)

    monkeypatch.setattr(os, "rename", read_only)
    with pytest.raises(FileProblem) as caught:
        replace_dir(new, target)
    assert (caught.value.code, caught.value.params) == (
        "build.denied", {"path": str(target), "reason": "Read-only file system"})
    assert tree(target) == {"index.html": "old"} and tree(new) == {"index.html": "new"}


def test_an_old_tree_that_cannot_be_deleted_is_reported_and_cleaned_next_time(tmp_path, monkeypatch):
    target = make_tree(tmp_path / "site", **{"index.html": "old", "khoa/bi-khoa.txt": "x"})
    work = tmp_path / ".diachido"
    real_unlink = os.unlink

    def stuck(path, *args, **kwargs):
        if os.fspath(path).endswith("bi-khoa.txt"):
            raise PermissionError(errno.EPERM, "Operation not permitted", os.fspath(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", stuck)
    left = replace_dir(make_tree(work / "site-1", **{"index.html": "new"}), target)
    assert left == [work / "site-1"] and tree(target) == {"index.html": "new"}
    assert tree(work / "site-1") == {"khoa/bi-khoa.txt": "x"}
    monkeypatch.setattr(os, "unlink", real_unlink)
    make_tree(work / "docs-2", **{"a": "1"})  # a build killed half-way
    (work / "cache").mkdir()
    clean_leftovers(tmp_path)
    assert sorted(p.name for p in work.iterdir()) == ["cache"]


def test_read_only_folders_inside_are_made_writable_to_delete(tmp_path):
    folder = make_tree(tmp_path / "old", **{"anh/a.jpg": "x"})
    (folder / "anh").chmod(0o555)
    assert remove_tree(folder) and not folder.exists()


def test_a_full_disk_is_named_with_the_file_being_written(tmp_path):
    with tmpfs(tmp_path / "disk", "64k") as disk:
        with pytest.raises(OSError) as caught:
            write_text(disk / "s" / "trang.html", "x" * 200_000)
        problem = files.file_problem(caught.value, disk)
    assert caught.value.errno == errno.ENOSPC
    assert (problem.code, problem.params) == (
        "build.disk_full", {"path": str(disk / "s" / "trang.html"), "reason": "No space left on device"})


def test_a_second_build_is_told_that_the_first_is_running(tmp_path):
    with project_lock(tmp_path):
        with pytest.raises(FileProblem) as caught:
            with project_lock(tmp_path):
                pass
    lock = tmp_path / ".diachido" / "lock"
    assert (caught.value.code, caught.value.params) == ("build.locked", {"path": str(lock), "pid": str(os.getpid())})
    with project_lock(tmp_path):  # released: the next one gets it
        pass


def test_a_waiting_preview_gets_the_lock_when_the_build_ends(tmp_path):
    got = threading.Event()

    def preview() -> None:
        with project_lock(tmp_path, wait_seconds=10):
            got.set()

    with project_lock(tmp_path):
        waiter = threading.Thread(target=preview)
        waiter.start()
        time.sleep(0.3)
        assert not got.is_set()
    waiter.join(10)
    assert got.is_set()


# --- keeping the times of unchanged files ------------------------------------------------------


def test_unchanged_files_keep_their_times_and_changed_ones_are_named(tmp_path: Path) -> None:
    old = make_tree(tmp_path / "old", **{"same.md": "a", "sub/same.md": "b", "edited.md": "old", "resized.md": "xy"})
    shared = tmp_path / "cache.pdf"
    shared.write_bytes(b"%PDF")
    os.link(shared, old / "linked.pdf")
    for path in old.rglob("*"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    new = make_tree(tmp_path / "new", **{"same.md": "a", "sub/same.md": "b", "edited.md": "new", "resized.md": "xyz",
                                          "added.md": "c"})
    os.link(shared, new / "linked.pdf")  # the same inode: equal without reading

    changed = files.keep_unchanged_times(new, old)

    assert sorted(changed) == ["added.md", "edited.md", "resized.md"]
    assert {name: (new / name).stat().st_mtime_ns == 1_000_000_000 for name in ("same.md", "sub/same.md", "edited.md")} \
        == {"same.md": True, "sub/same.md": True, "edited.md": False}
    assert (new / "edited.md").read_text() == "new"  # times only: bytes are never touched
    assert sorted(files.keep_unchanged_times(new, tmp_path / "missing")) == sorted(
        p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file())
