"""Offline beyond the pages already visited, and no stale data after a rebuild:
headless Debian Chromium with the browser's own offline switch.

Each test builds its own small project (a rebuild is part of the story) and uses a
fresh visitor (browser profile), as someone who scans a plaque for the first time.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from generator.build import build
from generator.config import load_config
from tests.browser_support import phone_page, requires_chromium, serve_directory
from tests.conftest import SAMPLE_SITES_DIR
from tests.site_fixtures import make_site_project

pytestmark = [pytest.mark.browser, requires_chromium]

SAMPLES = ("khu-di-tich-ba-trieu", "lam-kinh", "hang-con-moong")
BA_TRIEU = "di-tich/khu-di-tich-ba-trieu/"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_site_project(tmp_path / "project", SAMPLES, hostile=False)
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    return project


@pytest.fixture
def visitor(project: Path) -> Iterator[tuple[str, object, object]]:
    with serve_directory(project / "site") as base, phone_page(tile_host="tile.openstreetmap.org") as (page, log):
        yield base, page, log
        # Offline, the browser logs each request that had no saved answer (and the
        # offline page's own 503); anything else would be a script error.
        errors = [e for e in log.console_errors if not e.startswith("Failed to load resource")]
        assert log.external_requests == [] and errors == [], (log.external_requests, errors)


def wait_for_precache(page: object) -> None:
    """Until the worker controls the page and has kept the home page (install done)."""
    page.wait_for_function(
        "navigator.serviceWorker.controller !== null && caches.open('dcd-precache')"
        ".then(c => c.match(new URL('./', navigator.serviceWorker.controller.scriptURL).href)).then(Boolean)",
        polling=100, timeout=20_000)


def styled(page: object) -> bool:
    """The theme's stylesheet applied: the header is lacquer red, not an unstyled page."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(158, 27, 27)"


def test_the_first_visit_keeps_home_list_and_search_for_offline(visitor: tuple) -> None:
    base, page, _ = visitor
    page.goto(base + "s/TH-0003/")  # opened from its plaque: the only page visited
    wait_for_precache(page)
    page.context.set_offline(True)
    try:
        page.goto(base)
        assert page.locator(".dcd-banner h1").inner_text() == "Địa chỉ đỏ Thanh Hóa" and styled(page)
        page.goto(base + "di-tich/")
        assert page.locator(".dcd-list li").count() == len(SAMPLES) + 2  # and the two fixture sites
        page.goto(base + "tim-kiem/?q=hang con moong")  # never searched online: the whole index is kept
        first = page.locator("#dcd-results li a").first
        first.wait_for(timeout=10_000)
        assert first.inner_text().startswith("Hang Con Moong")
    finally:
        page.context.set_offline(False)


def test_offline_a_page_never_saved_gets_a_styled_page_listing_what_is_saved(visitor: tuple) -> None:
    base, page, _ = visitor
    page.goto(base + BA_TRIEU)
    wait_for_precache(page)
    page.wait_for_function(f"caches.open('dcd-pages').then(c => c.match('{base + BA_TRIEU}')).then(Boolean)",
                           polling=100, timeout=10_000)
    page.context.set_offline(True)
    try:
        response = page.goto(base + "di-tich/lam-kinh/")
        assert response.status == 503 and page.url == base + "di-tich/lam-kinh/"
        assert page.locator("h1").inner_text() == "Không có mạng" and styled(page)
        assert page.locator("html").get_attribute("lang") == "vi"
        page.wait_for_selector("#dcd-saved[data-dcd-ready]")
        saved = {link.inner_text(): link.get_attribute("href") for link in page.locator("#dcd-saved a").all()}
        for name in ("Trang chủ", "Khu di tích Bà Triệu", "Tìm di tích", "Tất cả di tích"):
            assert name in saved, saved
        page.locator("#dcd-saved a", has_text="Khu di tích Bà Triệu").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Khu di tích Bà Triệu"
        page.goto(base + "en/di-tich/lam-kinh/")  # an English address: the English page
        assert page.locator("h1").inner_text() == "You are offline" and styled(page)
        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        page.context.set_offline(False)


def test_after_a_rebuild_the_first_search_finds_the_new_site(project: Path, visitor: tuple) -> None:
    base, page, _ = visitor
    page.goto(base + "tim-kiem/?q=gia mieu")
    page.wait_for_function("document.getElementById('dcd-status').textContent.startsWith('Không tìm thấy')")
    wait_for_precache(page)
    page.reload()  # searched again, from what the worker keeps
    page.wait_for_function("document.getElementById('dcd-status').textContent.startsWith('Không tìm thấy')")

    shutil.copy2(SAMPLE_SITES_DIR / "dinh-gia-mieu.yml", project / "sites" / "dinh-gia-mieu.yml")
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)

    page.goto(base + "tim-kiem/?q=gia mieu")  # the old worker still controls this visit
    first = page.locator("#dcd-results li a").first
    first.wait_for(timeout=10_000)
    assert first.inner_text().startswith("Đình Gia Miêu")


def test_pages_can_save_media_for_offline_through_the_worker(project: Path, visitor: tuple) -> None:
    base, page, _ = visitor
    media = project / "site" / "generated" / "dcd" / "narration-test.bin"
    media.write_bytes(bytes(range(256)) * 40)  # stands in for a narration file
    page.goto(base + BA_TRIEU)
    wait_for_precache(page)
    answer = page.evaluate("window.dcdOffline.save(['generated/dcd/narration-test.bin', 'https://example.org/x'])")
    assert answer == {"type": "dcd-save", "saved": [base + "generated/dcd/narration-test.bin"], "failed": []}
    assert page.evaluate("window.dcdOffline.has(['generated/dcd/narration-test.bin'])")["saved"]
    page.context.set_offline(True)
    try:
        part = page.evaluate("""fetch('../../generated/dcd/narration-test.bin', {headers: {Range: 'bytes=256-511'}})
          .then(r => r.arrayBuffer().then(b => [r.status, r.headers.get('Content-Range'), new Uint8Array(b)[0], b.byteLength]))""")
        assert part == [206, "bytes 256-511/10240", 0, 256]
    finally:
        page.context.set_offline(False)
    assert page.evaluate("window.dcdOffline.forget(['generated/dcd/narration-test.bin'])")["removed"]
