"""The live preview in a browser: an open page reloads by itself after a save."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.browser_support import phone_page, requires_chromium
from tests.conftest import LANGUAGE_ENV_VARS, make_records_project
from tests.test_serve import _free_port

DIACHIDO = Path(sys.executable).with_name("diachido")


def _served(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return text in response.read().decode("utf-8")
    except OSError:
        return False


@requires_chromium
def test_an_open_page_shows_the_saved_edit_without_the_volunteer_reloading(tmp_path):
    project = make_records_project(tmp_path / "p", ["lam-kinh", "thanh-nha-ho"], ledger=True)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_ENV_VARS}
    serve = subprocess.Popen([str(DIACHIDO), "serve", "--address", f"127.0.0.1:{port}"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/di-tich/lam-kinh/"
    try:
        deadline = time.monotonic() + 240
        while not _served(url, "Lam Kinh"):
            assert serve.poll() is None and time.monotonic() < deadline, "the preview never started"
            time.sleep(0.5)
        with phone_page() as (page, _log):
            page.goto(url)
            record = project / "sites" / "lam-kinh.yml"
            record.write_text(record.read_text(encoding="utf-8").replace("Quê hương của Lê Lợi",
                                                                         "Quê hương của vua Lê Lợi"), encoding="utf-8")
            # MkDocs' live-reload script, which the preview's server puts in every page, reloads it.
            page.wait_for_function("document.body.innerText.includes('Quê hương của vua Lê Lợi')", timeout=120_000)
    finally:
        os.killpg(serve.pid, signal.SIGKILL)
        serve.wait(30)
