"""The live preview in a browser: an open page reloads by itself after a save."""

from __future__ import annotations

from tests.browser_support import phone_page, requires_chromium
from tests.conftest import make_records_project
from tests.preview.test_serve import running_preview


@requires_chromium
def test_an_open_page_shows_the_saved_edit_without_the_volunteer_reloading(tmp_path):
    project = make_records_project(tmp_path / "p", ["lam-kinh", "thanh-nha-ho"], ledger=True)
    with running_preview(project, "di-tich/lam-kinh/", "Lam Kinh") as (_, root), phone_page() as (page, _log):
        page.goto(root + "di-tich/lam-kinh/")
        record = project / "sites" / "lam-kinh.yml"
        record.write_text(record.read_text(encoding="utf-8").replace("Quê hương của Lê Lợi", "Quê hương của vua Lê Lợi"),
                          encoding="utf-8")
        # MkDocs' live-reload script, which the preview's server puts in every page, reloads it.
        page.wait_for_function("document.body.innerText.includes('Quê hương của vua Lê Lợi')", timeout=120_000)
