"""360° panoramas as a visitor's phone meets them: headless Debian Chromium, software WebGL.

A throw-away project with two linked scenes (drawn by ``tests.panorama_fixtures``: a
grid and a red disc at yaw 40°/pitch 10° in the gate scene, a green disc at 120°/5°
in the courtyard) is built once through the real pipeline and served from 127.0.0.1.
Chromium's SwiftShader gives WebGL without a GPU (the default flags suffice).
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image

from generator.build import build
from generator.config import load_config
from tests.browser_support import phone_page, requires_chromium, serve_directory
from tests.conftest import make_records_project
from tests.panorama_fixtures import panorama_record, write_fixture
from tests.records.test_scenes import OTHER_SITE, TWO_SCENES

pytestmark = [pytest.mark.browser, requires_chromium]

PAGE = "di-tich/den-thu-nghiem/"
RED, GREEN = (220, 30, 30), (30, 200, 40)
XSS = '<img src=x onerror="window.__xss=1">'


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_records_project(tmp_path_factory.mktemp("pano") / "project")
    write_fixture(project / "sites" / "pano" / "cong.jpg", 2048, 40, 10, disc=RED)
    write_fixture(project / "sites" / "pano" / "san.jpg", 2048, 120, 5, disc=GREEN)
    panorama_record(project, "  []\n", name="den-khac.yml", replace=OTHER_SITE)
    # No location: the small site map (Leaflet, loaded when scrolled to) stays out of the offline test.
    panorama_record(project, TWO_SCENES, replace={"location:\n  lat: 19.80\n  lon: 105.78\n  quality: site-survey\n": ""})
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture
def phone() -> Iterator[tuple[object, object]]:
    with phone_page() as (page, log):
        yield page, log
        assert log.external_requests == [], log.external_requests
        assert log.console_errors == [], log.console_errors


def _open_viewer(page: object, scene: str = "cong") -> None:
    page.locator(f"[data-dcd-pano='{scene}']").click()
    page.wait_for_selector(".dcd-pano-overlay[data-state='ready']", timeout=20_000)
    page.wait_for_function("window.dcdPanoramaViewer.isLoaded()", timeout=20_000)
    page.wait_for_timeout(500)  # tiles of the current level finish drawing


def _look(page: object, yaw: float, pitch: float) -> tuple[int, int, int]:
    """Turn the viewer to ``yaw``/``pitch`` and return the colour at the middle of the canvas."""
    page.evaluate(f"window.dcdPanoramaViewer.lookAt({pitch}, {yaw}, 60, false)")
    page.wait_for_timeout(800)
    return _centre(page)


def _stage(page: object) -> Image.Image:
    png = page.locator(".dcd-pano-stage canvas").screenshot()
    return Image.open(io.BytesIO(png)).convert("RGB")


def _centre(page: object) -> tuple[int, int, int]:
    shot = _stage(page)
    return shot.getpixel((shot.width // 2, shot.height // 2))


def _near(colour: tuple[int, int, int], expected: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


def _resources(page: object) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")


def test_viewer_loads_only_on_tap_renders_and_turns_to_the_disc(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + PAGE)
    button = page.locator("[data-dcd-pano='cong']")
    button.wait_for(state="visible")
    assert button.inner_text() == "Xem 360°"
    assert not any("pannellum" in url or "/1/" in url for url in _resources(page))
    _open_viewer(page)
    assert page.locator(".dcd-pano-caption").inner_text() == "Cổng đền"
    shot = _stage(page)
    colours = shot.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50, "the canvas is blank"
    assert _near(_look(page, 40, 10), RED)
    assert not _near(_look(page, -140, -10), RED)
    loaded = _resources(page)
    assert any(url.endswith("/pannellum.js") for url in loaded)
    assert all("127.0.0.1" in url for url in loaded)


def test_drag_turns_the_view(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + PAGE)
    _open_viewer(page)
    before = page.evaluate("window.dcdPanoramaViewer.getYaw()")
    box = page.locator(".dcd-pano-stage").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.8, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + box["width"] * (0.8 - 0.06 * step), y)
    page.mouse.up()
    page.wait_for_timeout(1500)  # Pannellum eases out after the drag
    after = page.evaluate("window.dcdPanoramaViewer.getYaw()")
    assert after - before > 10  # dragging the picture to the left looks to the right


def test_hotspot_leads_to_the_next_scene_and_closing_returns_to_the_page(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + PAGE)
    _open_viewer(page)
    spot = page.locator(".pnlm-hotspot.pnlm-scene").first
    spot.wait_for(state="visible")
    spot.click()
    page.wait_for_function("window.dcdPanoramaViewer.getScene() === 'san'", timeout=10_000)
    page.wait_for_function("window.dcdPanoramaViewer.isLoaded()", timeout=20_000)
    assert page.locator(".dcd-pano-overlay").get_attribute("data-scene") == "san"
    assert page.locator(".dcd-pano-caption").inner_text() == "Sân đền"
    assert "CC BY-SA 4.0" in page.locator(".dcd-pano-credit").inner_text()
    assert _near(_look(page, 120, 5), GREEN)
    # The other site's hotspot is a link to its page, opening in place.
    link = page.locator(".dcd-pano-stage a[href$='di-tich/den-khac/']")
    assert link.count() == 1 and link.get_attribute("target") == "_self"
    page.locator(".dcd-pano-close").click()
    assert page.locator(".dcd-pano-overlay").count() == 0
    assert page.url.endswith(PAGE)


def test_texts_are_data_even_when_markup_reaches_the_page(site_dir: Path, tmp_path: Path, phone: tuple) -> None:
    """``check`` refuses < and > in captions and hotspot texts; were markup to reach a
    page anyway, the viewer must still show it as text."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page_file = copy / PAGE / "index.html"
    html = page_file.read_text(encoding="utf-8")
    found = re.search(r'(<script type="application/json" id="dcd-pano-data">)(.*?)(</script>)', html, re.S)
    data = json.loads(found.group(2))
    data["scenes"]["cong"]["caption"] = XSS
    data["tour"]["scenes"]["cong"]["hotSpots"][1]["text"] = XSS  # the info point
    safe = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    page_file.write_text(html[:found.start(2)] + safe + html[found.end(2):], encoding="utf-8")
    page, _ = phone
    with serve_directory(copy) as url:
        page.goto(url + PAGE)
        _open_viewer(page)
        assert page.locator(".dcd-pano-caption").inner_text() == XSS
        info = page.locator(".pnlm-hotspot.pnlm-info span").first
        assert info.evaluate("span => span.textContent") == XSS
        assert page.locator(".dcd-pano-overlay img[src='x']").count() == 0
        assert page.evaluate("window.__xss") is None
        assert not any(u.endswith("/x") for u in _resources(page))


def test_saved_scenes_open_offline(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + PAGE)
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=10_000)
    page.reload()  # now the worker controls the page
    page.wait_for_function("!!navigator.serviceWorker.controller", timeout=10_000)
    _open_viewer(page)
    page.locator(".dcd-pano-save").click()
    page.wait_for_function("document.querySelector('.dcd-pano-save').textContent === 'Đã lưu'", timeout=30_000)
    # Levels 1 to 3 of both scenes (all of them for these 648-px faces): 1 + 4 + 9 tiles
    # per face, 6 faces, 2 scenes.
    page.wait_for_function(
        "caches.open('dcd-saved').then(c => c.keys()).then(k => k.filter(r => /\\/[123]\\/[fbudlr]\\d+_\\d+\\.jpg$/.test(r.url)).length >= 168)",
        polling=200, timeout=20_000)
    page.context.set_offline(True)
    try:
        page.reload()
        _open_viewer(page, "san")
        assert _near(_look(page, 120, 5), GREEN)
    finally:
        page.context.set_offline(False)
