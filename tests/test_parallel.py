"""generator.parallel: work in a forked process beside the ``with`` body."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator import parallel
from generator.parallel import in_background


def test_background_work_is_done_when_the_block_ends(tmp_path: Path):
    target = tmp_path / "out" / "file.txt"

    def work() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(str(os.getpid()), encoding="utf-8")

    with in_background(work):
        (tmp_path / "body.txt").write_text("body", encoding="utf-8")
    assert (tmp_path / "body.txt").read_text(encoding="utf-8") == "body"
    writer = int(target.read_text(encoding="utf-8"))
    assert writer != os.getpid() if parallel._FORK else writer == os.getpid()


def test_an_oserror_in_the_background_comes_back_as_itself(tmp_path: Path):
    missing = tmp_path / "no-such-folder" / "file.txt"
    with pytest.raises(OSError) as raised, in_background(lambda: missing.write_text("x", encoding="utf-8")):
        pass
    assert raised.value.errno == errno.ENOENT
    assert raised.value.filename == str(missing)  # the build's message names the path


def test_a_failing_body_stops_the_background_and_keeps_its_own_error(tmp_path: Path):
    marker = tmp_path / "late.txt"

    def slow() -> None:
        import time

        time.sleep(5)
        marker.write_text("too late", encoding="utf-8")

    with pytest.raises(KeyError), in_background(slow):
        raise KeyError("body")
    assert not marker.exists()


def test_an_error_that_cannot_be_pickled_is_reported_with_its_text():
    class Local(Exception):  # a local class cannot be pickled
        pass

    def work() -> None:
        raise Local("from the writer")

    with pytest.raises(Exception, match="from the writer"), in_background(work):
        pass


def test_with_another_thread_running_the_work_runs_here(tmp_path: Path):
    import threading

    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)  # like the preview's file watcher
    watcher.start()
    try:
        target = tmp_path / "pid.txt"
        with in_background(lambda: target.write_text(str(os.getpid()), encoding="utf-8")):
            assert target.is_file()  # already done: it ran before the body
        assert int(target.read_text(encoding="utf-8")) == os.getpid()
    finally:
        stop.set()
        watcher.join()


def test_while_background_work_runs_neither_side_starts_a_pool(tmp_path: Path):
    seen = tmp_path / "workers.txt"
    with in_background(lambda: seen.write_text(str(parallel.spare_workers()), encoding="utf-8")):
        assert parallel.spare_workers() == (1 if parallel._FORK else os.cpu_count())
    assert int(seen.read_text(encoding="utf-8")) == (1 if parallel._FORK else os.cpu_count())
    assert parallel.spare_workers() == os.cpu_count()  # the machine is whole again


@pytest.mark.skipif(not parallel._FORK, reason="without fork the work runs in this process, before the body")
def test_an_inner_background_block_leaves_the_outer_one_sharing(tmp_path: Path):
    with in_background(lambda: None):
        with in_background(lambda: (tmp_path / "inner.txt").write_text("x", encoding="utf-8")):
            pass
        assert parallel.spare_workers() == 1  # the outer background process still runs
    assert (tmp_path / "inner.txt").is_file()
    assert parallel.spare_workers() == os.cpu_count()


@pytest.mark.skipif(not parallel._FORK, reason="without fork the work runs in this process, before the body")
def test_work_with_time_to_spare_runs_at_a_lower_priority(tmp_path: Path):
    seen = tmp_path / "niceness.txt"
    with in_background(lambda: seen.write_text(str(os.nice(0)), encoding="utf-8"), slack=True):
        pass
    assert int(seen.read_text(encoding="utf-8")) == min(os.nice(0) + parallel.SLACK_NICENESS, 19)
