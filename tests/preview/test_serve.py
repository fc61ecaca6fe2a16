"""generator.preview.serve: the live preview survives bad input and stops cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from tests.conftest import LANGUAGE_ENV_VARS, RECORD_FIXTURES_DIR, make_records_project, run_cli, tree_bytes
from watchdog.events import FileModifiedEvent

from generator.config import load_config
from generator.preview.serve import _Debounced, regenerate

DIACHIDO = Path(sys.executable).with_name("diachido")
WITH_PHOTO = (RECORD_FIXTURES_DIR / "valid.yml").read_text(encoding="utf-8") + (
    "images:\n  - file: anh/cong.jpg\n    caption: {vi: Cổng đền}\n    credit: Tình nguyện viên\n    licence: CC-BY-4.0\n")


@pytest.fixture
def photo_project(tmp_path: Path) -> Path:
    project = make_records_project(tmp_path / "p")
    (project / "sites" / "den-thu-nghiem.yml").write_text(WITH_PHOTO, encoding="utf-8")
    (project / "sites" / "anh").mkdir()
    Image.new("RGB", (64, 48), (150, 40, 30)).save(project / "sites" / "anh" / "cong.jpg", "JPEG")
    return project


def test_an_undecodable_photo_is_reported_and_the_last_good_preview_stays(photo_project, monkeypatch):
    config = load_config(photo_project)
    problems: list[str] = []
    assert regenerate(config, problems.append, "en").ok and problems == []
    before = tree_bytes(photo_project / "site_docs")
    photo = photo_project / "sites" / "anh" / "cong.jpg"
    photo.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")  # an SVG named .jpg
    crashed: list[object] = []
    monkeypatch.setattr(threading, "excepthook", crashed.append)
    done = threading.Event()

    results = []

    def update() -> None:  # what serve's watcher runs, in the watcher's timer thread
        results.append(regenerate(config, problems.append, "en"))
        done.set()

    _Debounced(update).on_any_event(FileModifiedEvent(str(photo)))
    assert done.wait(60)
    assert crashed == [] and problems == []
    # Validation opens every photo now: the SVG is a positioned problem, never a traceback.
    [result] = results
    assert [(d.field, d.code) for d in result.report.errors] == [("images[0].file", "media.not_a_photo")]
    assert tree_bytes(photo_project / "site_docs") == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as client:
        client.settimeout(1)
        return client.connect_ex(("127.0.0.1", port)) == 0


def test_sigterm_stops_the_mkdocs_child_and_frees_the_port(tmp_path):
    project = make_records_project(tmp_path / "p", ["lam-kinh"], ledger=True)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_ENV_VARS}
    # Its own session, so that a failing test can still kill everything it started.
    serve = subprocess.Popen([str(DIACHIDO), "serve", "--address", f"127.0.0.1:{port}"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not _listening(port):
            assert serve.poll() is None and time.monotonic() < deadline, "the preview never started"
            time.sleep(0.5)
        serve.send_signal(signal.SIGTERM)  # to diachido only, as systemd or `docker stop` would
        assert serve.wait(timeout=30) == 0
        with socket.socket() as again:
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' own server does
            again.bind(("127.0.0.1", port))  # OSError "Address already in use" if MkDocs were still there
    finally:
        if serve.poll() is None or _listening(port):
            os.killpg(serve.pid, signal.SIGKILL)


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_a_regeneration_keeps_the_times_of_every_file_it_did_not_change(photo_project):
    config = load_config(photo_project)
    assert regenerate(config, print, "en").ok
    docs = photo_project / "site_docs"
    times = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    record = photo_project / "sites" / "den-thu-nghiem.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Di tích dùng để kiểm thử.", "Đã sửa."), encoding="utf-8")
    assert regenerate(config, print, "en").ok
    newer = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.stat().st_mtime_ns != times.get(p)}
    # MkDocs' dirty reload re-renders exactly these: the page, and what lists or searches it.
    assert "di-tich/den-thu-nghiem/index.md" in newer
    assert not any(path.startswith(("generated/img/", "generated/plaques/", "s/")) for path in newer)
    assert len(newer) < len(times) / 4


@contextlib.contextmanager
def running_preview(project: Path, path: str, text: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """``diachido serve`` of ``project`` in its own session (so that everything it started
    can be killed), once ``path`` serves ``text``; yields it and its root URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_ENV_VARS}
    serve = subprocess.Popen([str(DIACHIDO), "serve", "--address", f"127.0.0.1:{port}"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    root = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 240
        while text not in _page(root + path):
            assert serve.poll() is None and time.monotonic() < deadline, "the preview never started"
            time.sleep(0.5)
        yield serve, root
    finally:
        os.killpg(serve.pid, signal.SIGKILL)
        serve.wait(30)


def test_an_edit_reaches_the_running_preview(tmp_path):
    project = make_records_project(tmp_path / "p", ["lam-kinh", "thanh-nha-ho"], ledger=True)
    with running_preview(project, "di-tich/lam-kinh/", "Lam Kinh") as (serve, root):
        record = project / "sites" / "lam-kinh.yml"
        record.write_text(record.read_text(encoding="utf-8").replace("Quê hương của Lê Lợi", "Quê hương của vua Lê Lợi"),
                          encoding="utf-8")
        deadline = time.monotonic() + 120
        while "Quê hương của vua Lê Lợi" not in _page(root + "di-tich/lam-kinh/"):
            assert serve.poll() is None and time.monotonic() < deadline, "the edit never reached the preview"
            time.sleep(0.5)
        assert "Thành nhà Hồ" in _page(root + "di-tich/thanh-nha-ho/")  # not re-rendered, still served


def test_a_busy_address_is_said_in_the_volunteers_words_before_any_work(tmp_path):
    project = make_records_project(tmp_path / "p", ["lam-kinh"], ledger=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = run_cli(project, "serve", "--address", address)
    assert result.exit_code == 1
    assert f"Không mở được trang xem trước tại {address}" in result.output and "Traceback" not in result.output
    assert not (project / "site_docs" / "di-tich").exists()  # nothing was generated for a preview that cannot open


def test_bursts_during_a_regeneration_start_one_more_not_one_each(photo_project, monkeypatch):
    from generator.preview import serve as serve_module

    started = []
    release = threading.Event()

    def slow_regenerate(*args, **kwargs):
        started.append(time.monotonic())
        release.wait(30)
        return regenerate(*args, **kwargs)

    monkeypatch.setattr(serve_module, "regenerate", slow_regenerate)
    update = serve_module._Regenerator(load_config(photo_project), lambda result: None, pytest.fail, "en",
                                       lambda paths: None)
    threads = [threading.Thread(target=update) for _ in range(4)]  # one running, three bursts meanwhile
    for thread in threads:
        thread.start()
        time.sleep(0.2)
    release.set()
    for thread in threads:
        thread.join(120)
    assert len(started) == 2
