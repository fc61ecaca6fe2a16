"""The built site as a visitor's phone shows it: headless Debian Chromium at 360 px.

The sample sites (plus two records with photos, history and English) are built once
per module into a throw-away project and served from 127.0.0.1. Every test checks
that nothing left the machine and that the page logged no error.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from generator.build import build
from generator.config import load_config
from tests.browser_support import PHONE, phone_page, requires_chromium, serve_directory
from tests.conftest import REPO_ROOT, sample_site_names
from tests.site_fixtures import make_site_project

pytestmark = [pytest.mark.browser, requires_chromium]

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BA_TRIEU = "di-tich/khu-di-tich-ba-trieu/"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_site_project(tmp_path_factory.mktemp("browser") / "project", tuple(sample_site_names()),
                                hostile=False)
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    with serve_directory(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser_page() -> Iterator[tuple[object, object]]:
    """One browser for the module (starting Chromium is the slow part); one visitor too,
    so the service worker installed by one test serves the next, as on a real phone."""
    # Tiles (for the small site map) are the one thing the site may load from outside.
    with phone_page(tile_host="tile.openstreetmap.org") as (page, log):
        yield page, log


@pytest.fixture
def phone(browser_page: tuple) -> Iterator[tuple[object, object]]:
    page, log = browser_page
    log.external_requests.clear()
    log.console_errors.clear()
    yield page, log
    assert log.external_requests == [], log.external_requests
    assert log.console_errors == [], log.console_errors


def in_first_screen(page: object, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_site_page_shows_name_summary_and_actions_on_the_first_screen(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + BA_TRIEU)
    assert page.locator("h1").inner_text() == "Khu di tích Bà Triệu"
    for selector in ("h1", ".dcd-badges", ".dcd-summary", "a.dcd-btn--primary", "a[data-dcd-share]"):
        assert in_first_screen(page, selector), selector
    assert page.locator(".dcd-summary").inner_text().startswith("Quần thể tưởng niệm nữ anh hùng")
    # No photo: no empty hero; the name sits clear of the header, and with no
    # photo_request configured (the shipped mkdocs.yml) nothing asks for one.
    assert page.locator(".dcd-hero").count() == 0 and page.locator(".dcd-photo-request").count() == 0
    header = page.locator(".md-header").bounding_box()
    badges = page.locator(".dcd-badge").first.bounding_box()
    assert header["y"] + header["height"] + 8 <= badges["y"] <= header["y"] + header["height"] + 48
    facts = page.locator(".dcd-facts")
    facts.scroll_into_view_if_needed()
    assert facts.is_visible()
    assert "Di tích quốc gia đặc biệt" in facts.inner_text() and "Xã Triệu Lộc" in facts.inner_text()
    # Every tap target is at least 44 × 44 CSS px (WCAG 2.5.5 / AA's 24-px minimum with room).
    for button in page.locator(".dcd-actions .dcd-btn").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44


def test_permanent_address_opens_the_same_page_without_a_redirect(base_url: str, phone: tuple) -> None:
    page, _ = phone
    response = page.goto(base_url + "s/TH-0003/")
    assert response.status == 200 and response.request.redirected_from is None
    assert page.url == base_url + "s/TH-0003/"
    assert page.locator("h1").inner_text() == "Khu di tích Bà Triệu"
    assert page.locator("link[rel=canonical]").get_attribute("href").endswith("/" + BA_TRIEU)
    # The page's own links still work from the permanent address.
    page.locator(".dcd-nearby a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(base_url + "di-tich/") and page.locator("h1").count() == 1


def test_small_site_map_draws_when_scrolled_to_with_tiles_as_the_only_outside_request(base_url: str, phone: tuple) -> None:
    page, log = phone
    page.goto(base_url + BA_TRIEU)
    log.tiles.clear()
    page.locator(".dcd-site-map").scroll_into_view_if_needed()
    page.wait_for_selector(".dcd-site-map[data-dcd-ready]", timeout=10_000)
    assert page.locator(".dcd-site-map .leaflet-overlay-pane path, .dcd-site-map .leaflet-marker-pane > *").count() >= 1
    assert log.tiles and all(url.startswith("https://tile.openstreetmap.org/") for url in log.tiles)


@pytest.mark.parametrize("query", ["den ba trieu", "ba trieu", "đền bà triệu"])
def test_search_finds_ba_trieu(base_url: str, phone: tuple, query: str) -> None:
    page, _ = phone
    page.goto(base_url + "tim-kiem/")
    page.fill("#dcd-q", query)
    page.keyboard.press("Enter")
    first = page.locator("#dcd-results li a").first
    first.wait_for()
    assert first.get_attribute("href") == "../" + BA_TRIEU
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Khu di tích Bà Triệu"


def test_search_by_id_and_from_the_home_page(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url)
    page.fill("#dcd-home-q", "TH-0042")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=TH-0042")
    results = page.locator("#dcd-results li a")
    results.first.wait_for()
    assert results.count() == 1 and results.first.get_attribute("href") == "../di-tich/ham-uy-ban-hanh-chinh/"
    # The index is fetched only by the search page, never by the home or a site page.
    requested: list[str] = []
    record = lambda request: requested.append(request.url)  # noqa: E731
    page.on("request", record)
    try:
        page.goto(base_url + "di-tich/lam-kinh/")
        page.goto(base_url + "danh-sach/")
    finally:
        page.remove_listener("request", record)
    assert requested and not [url for url in requested if "/generated/search/" in url or "search_index" in url]


def test_photos_are_responsive_webp_and_lazy_below_the_fold(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + "di-tich/den-thu-nghiem/")
    hero = page.locator(".dcd-hero img")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert hero.evaluate("img => img.currentSrc").endswith("-800.webp")  # 360 px at 2x
    assert hero.get_attribute("alt") == "Cổng đền nhìn từ phía đông"
    gallery = page.locator(".dcd-gallery img")
    assert gallery.get_attribute("loading") == "lazy"
    gallery.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.dcd-gallery img').naturalWidth > 0")
    assert page.locator(".dcd-gallery figcaption").inner_text().endswith("Ảnh: Trần Thị B")


def test_english_page_has_an_english_interface(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + "di-tich/den-thu-nghiem/")
    # The link in the page (the header's switch has the same name: tests/site/test_addresses_browser.py).
    page.locator("article").get_by_role("link", name="Read in English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Test Temple"
    assert page.get_by_role("link", name="Directions").is_visible()
    page.locator("article").get_by_role("link", name="Đọc bằng tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Đền Thử Nghiệm"


def test_a_visited_page_opens_again_offline(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + BA_TRIEU)
    page.wait_for_function(
        "caches.open('dcd-pages').then(c => c.match(location.href)).then(Boolean)", polling=100, timeout=10_000)
    page.wait_for_function(  # the theme's stylesheet is kept with the first visit's precache
        "caches.open('dcd-precache').then(c => c.keys()).then(k => k.some(r => r.url.includes('/assets/stylesheets/')))",
        polling=100, timeout=20_000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", polling=100, timeout=10_000)
    page.context.set_offline(True)
    try:
        page.reload()
        assert page.locator("h1").inner_text() == "Khu di tích Bà Triệu"
        assert page.evaluate("getComputedStyle(document.querySelector('.dcd-btn--primary')).borderRadius") != "0px"
    finally:
        page.context.set_offline(False)


SMALL_LINKS = """() => [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length
    && getComputedStyle(a).visibility !== 'hidden' && !a.closest('.md-sidebar, .md-footer'))
  .map(a => [a.textContent.trim().slice(0, 40), a.getBoundingClientRect().height])
  .filter(([, height]) => height < 24)"""


@pytest.mark.parametrize("path", ["", BA_TRIEU, "di-tich/den-thu-nghiem/", "di-tich/", "danh-sach/",
                                  "tim-kiem/?q=chua", "ban-do/"])
def test_every_link_is_at_least_24_px_tall_to_tap(base_url: str, phone: tuple, path: str) -> None:
    page, _ = phone
    page.goto(base_url + path)
    if "?q=" in path:
        page.locator("#dcd-results li").first.wait_for()
    if path == BA_TRIEU:  # the small map's attribution link too
        page.locator(".dcd-site-map").scroll_into_view_if_needed()
        page.locator(".dcd-site-map .leaflet-control-attribution a").first.wait_for()
    assert page.evaluate(SMALL_LINKS) == []


@pytest.mark.parametrize("path, field", [("", "#dcd-home-q"), ("tim-kiem/", "#dcd-q")])
def test_the_search_placeholder_fits_its_field_at_360_px(base_url: str, phone: tuple, path: str, field: str) -> None:
    page, _ = phone
    page.goto(base_url + path)
    room, needed = page.evaluate("""(selector) => {
      const input = document.querySelector(selector), style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      context.font = style.font;
      return [input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
              context.measureText(input.placeholder).width];
    }""", field)
    assert needed <= room, (needed, room)


def test_the_drum_stays_clear_of_the_home_page_text(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url)
    # The drum is the banner's first background layer: its box must not meet the text's.
    drum = page.evaluate("""() => {
      const banner = document.querySelector('.dcd-banner'), style = getComputedStyle(banner);
      const box = banner.getBoundingClientRect(), size = parseFloat(style.backgroundSize.split(',')[0]);
      const [x, y] = style.backgroundPosition.split(',')[0].trim().split(' ');
      const right = parseFloat(x.replace('right', '').trim() || x.split(' ').pop());
      return {left: box.right - right - size, top: box.top + parseFloat(y.replace('top', '').trim() || y.split(' ').pop()), size};
    }""")
    for selector in (".dcd-banner h1", ".dcd-banner p:not(.dcd-kicker)", ".dcd-banner .dcd-kicker"):
        for box in [page.locator(selector).nth(i).evaluate(
                "e => { const r = document.createRange(); r.selectNodeContents(e); const b = r.getBoundingClientRect();"
                " return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; }")
                for i in range(page.locator(selector).count())]:
            overlaps = (box["right"] > drum["left"] and box["left"] < drum["left"] + drum["size"]
                        and box["bottom"] > drum["top"] and box["top"] < drum["top"] + drum["size"])
            assert not overlaps, (selector, box, drum)


@pytest.mark.parametrize("path", ["", "en/", BA_TRIEU, "di-tich/den-thu-nghiem/", "en/di-tich/den-thu-nghiem/",
                                  "tim-kiem/?q=chua", "danh-sach/", "danh-sach/huyen/huyen-hau-loc/"])
def test_no_serious_accessibility_violation(base_url: str, phone: tuple, path: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run npm ci")
    page, _ = phone
    page.goto(base_url + path)
    if "?q=" in path:
        page.locator("#dcd-results li").first.wait_for()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []
