"""A printed address opens however it is typed or hosted, and English is a real second
language: headless Debian Chromium at 360 px against a local server that behaves like
GitHub Pages (case-sensitive, the site's own 404.html for every missing address), at a
domain root and under a project sub-path (``/REPO/``), without rebuilding."""

from __future__ import annotations

from typing import Iterator

import pytest

from generator.build import build
from generator.config import load_config
from tests.browser_support import clean_visit, phone_page, requires_chromium, serve_like_github_pages
from tests.conftest import FEW_SAMPLES
from tests.site.test_site_browser import AXE
from tests.site_fixtures import make_site_project

pytestmark = [pytest.mark.browser, requires_chromium]

PLAQUE = "s/TH-0024/"  # Cầu Hàm Rồng, one of FEW_SAMPLES
# How people type the printed …/s/TH-0024: every one must reach the page.
TYPED = ["s/th-0024/", "s/th-0024", "S/TH-0024", "s/TH0024", "s/TH-24", "s/th%200024", "s/TH-0024.", "TH-0024",
         "s/TH%E2%80%930024",
         # ... and under the English site's folder, as an English visitor might.
         "en/s/th-0024", "en/s/TH-0024/", "EN/S/TH-0024", "en/th-0024"]
# What a page whose address is missing logs, besides its own errors.
NOT_FOUND_LOG = "the server responded with a status of 404"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    project = make_site_project(tmp_path_factory.mktemp("addresses") / "project", FEW_SAMPLES, hostile=False)
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    return project / "site"


@pytest.fixture(scope="module", params=["/", "/REPO/"], ids=["domain-root", "project-sub-path"])
def base_url(request: pytest.FixtureRequest, site) -> Iterator[str]:
    with serve_like_github_pages(site, request.param) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page() -> Iterator[tuple[object, object]]:
    with phone_page(tile_host="tile.openstreetmap.org") as (page, log):
        yield page, log


@pytest.fixture
def phone(browser_page: tuple) -> Iterator[object]:
    with clean_visit(browser_page, expected_errors=(NOT_FOUND_LOG,)) as page:
        yield page


def styled(page: object) -> bool:
    """The theme's and our stylesheets applied: the header is lacquer red."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(158, 27, 27)"


@pytest.mark.parametrize("typed", TYPED)
def test_every_typed_form_of_a_plaque_address_opens_the_site_page(base_url: str, phone: object, typed: str) -> None:
    phone.goto(base_url + typed)
    phone.wait_for_url(base_url + PLAQUE)
    assert phone.locator("h1").first.inner_text() == "Cầu Hàm Rồng"
    assert styled(phone)


def test_a_page_address_in_capitals_opens_the_page(base_url: str, phone: object) -> None:
    phone.goto(base_url + "Di-Tich/Cau-Ham-Rong")
    phone.wait_for_url(base_url + "di-tich/cau-ham-rong/")
    assert phone.locator("h1").first.inner_text() == "Cầu Hàm Rồng"


def test_missing_page_is_the_sites_own_404_in_vietnamese_with_its_styles(base_url: str, phone: object) -> None:
    response = phone.goto(base_url + "khong/co/trang/nay")
    assert response.status == 404
    assert phone.url == base_url + "khong/co/trang/nay"  # no redirect loop, no guess
    assert phone.locator("html").get_attribute("lang") == "vi"
    assert phone.locator("h1").first.inner_text() == "Không tìm thấy trang này"
    assert phone.title().startswith("Không tìm thấy trang này")
    assert styled(phone)
    assert phone.locator(".md-header__topic").first.inner_text().strip() == "Địa chỉ đỏ Thanh Hóa"
    footer = phone.locator(".md-footer").inner_text()
    assert "di tích tỉnh Thanh Hóa" in footer and "heritage sites" not in footer
    notice = phone.locator("[data-dcd-404=vi]")
    assert notice.is_visible() and not phone.locator("[data-dcd-404=en]").is_visible()
    assert notice.get_by_label("Mã di tích in trên biển").is_visible()
    assert notice.get_by_label("Tìm theo tên di tích hoặc xã").is_visible()
    notice.get_by_role("link", name="Tất cả di tích").click()
    phone.wait_for_url(base_url + "di-tich/")
    phone.go_back()
    phone.locator("[data-dcd-404=vi]").get_by_role("link", name="Trang chủ").click()
    phone.wait_for_url(base_url)


def test_unknown_id_stays_on_the_404_page(base_url: str, phone: object) -> None:
    response = phone.goto(base_url + "s/TH-9999/")
    assert response.status == 404 and phone.url == base_url + "s/TH-9999/"
    assert phone.locator("h1").first.inner_text() == "Không tìm thấy trang này"


def test_plaque_field_of_the_404_page_opens_the_site(base_url: str, phone: object) -> None:
    phone.goto(base_url + "khong-co")
    field = phone.get_by_label("Mã di tích in trên biển")
    field.fill("th 24")
    field.press("Enter")
    phone.wait_for_url(base_url + PLAQUE)
    assert phone.locator("h1").first.inner_text() == "Cầu Hàm Rồng"


def test_search_field_of_the_404_page_searches(base_url: str, phone: object) -> None:
    phone.goto(base_url + "a/b/c/d")
    field = phone.get_by_label("Tìm theo tên di tích hoặc xã")
    field.fill("ham rong")
    field.press("Enter")
    phone.wait_for_url(base_url + "tim-kiem/?q=ham+rong")
    phone.locator("#dcd-results li").first.wait_for()
    assert "Cầu Hàm Rồng" in phone.locator("#dcd-results").inner_text()


def test_404_page_is_english_on_english_addresses(base_url: str, phone: object) -> None:
    phone.goto(base_url + "en/di-tich/no-such-site/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("[data-dcd-404=en] h1").inner_text() == "Page not found"
    assert not phone.locator("[data-dcd-404=vi]").is_visible()
    assert phone.title() == "Page not found - Red Addresses of Thanh Hóa"
    assert styled(phone)
    # The header's site name and the footer are English too, and only English.
    assert phone.locator(".md-header__topic").first.inner_text().strip() == "Red Addresses of Thanh Hóa"
    footer = phone.locator(".md-footer").inner_text()
    assert "heritage sites of Thanh Hóa" in footer and "di tích tỉnh" not in footer
    phone.locator("[data-dcd-404=en]").get_by_role("link", name="Home").click()
    phone.wait_for_url(base_url + "en/")


def test_english_landing_page(base_url: str, phone: object) -> None:
    response = phone.goto(base_url + "en/")
    assert response.status == 200
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("h1").first.inner_text() == "Red Addresses of Thanh Hóa"
    # The longer English name shows whole at 360 px, on two lines.
    name = phone.locator(".md-header__topic .md-ellipsis").first
    assert name.inner_text().strip() == "Red Addresses of Thanh Hóa"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1"), name.bounding_box()
    assert name.bounding_box()["height"] <= phone.locator(".md-header").bounding_box()["height"]
    # The logo leads to the English home; the drawer's navigation is in English.
    assert phone.locator(".md-header a.md-logo").evaluate("a => a.href") == base_url + "en/"
    phone.locator("label.md-header__button[for=__drawer]").click()
    labels = phone.locator("nav.md-nav--primary > ul > li a").all_inner_texts()
    assert [label.strip() for label in labels] == ["Home", "Search", "All sites in English", "Map of sites", "Tours",
                                                   "Villages"]
    phone.locator("nav.md-nav--primary").get_by_role("link", name="Map of sites").click()
    phone.wait_for_url(base_url + "en/ban-do/")
    # The English home leads to the English list of tours too.
    phone.goto(base_url + "en/")
    phone.locator(".dcd-chips").get_by_role("link", name="Tours").click()
    phone.wait_for_url(base_url + "en/tuyen-tham-quan/")
    assert phone.locator("h1").first.inner_text() == "Tours"


def test_language_switch_leads_to_the_same_page_in_the_other_language(base_url: str, phone: object) -> None:
    phone.goto(base_url + "di-tich/den-thu-nghiem/")
    switch = phone.locator(".md-header [data-dcd-switch]")
    box = switch.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44 and box["x"] + box["width"] <= 360
    # ... and leaves the site name room to show whole at 360 px.
    name = phone.locator(".md-header__topic .md-ellipsis").first
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), name.inner_text()
    switch.click()
    phone.wait_for_url(base_url + "en/di-tich/den-thu-nghiem/")
    assert phone.locator("h1").first.inner_text() == "Test Temple"
    phone.locator(".md-header [data-dcd-switch]").click()
    phone.wait_for_url(base_url + "di-tich/den-thu-nghiem/")
    # The plaque address carries the same page, so the same switch.
    phone.goto(base_url + "s/TH-0901/")
    phone.locator(".md-header [data-dcd-switch]").click()
    phone.wait_for_url(base_url + "en/di-tich/den-thu-nghiem/")


def test_language_switch_falls_back_to_the_nearest_parent(base_url: str, phone: object) -> None:
    phone.goto(base_url + "di-tich/dinh-lang-thu/")  # no English text: the English list
    phone.locator(".md-header [data-dcd-switch]").click()
    phone.wait_for_url(base_url + "en/di-tich/")
    phone.goto(base_url + "danh-sach/")  # lists are Vietnamese only: the English home
    phone.locator(".md-header [data-dcd-switch]").click()
    phone.wait_for_url(base_url + "en/")
    phone.locator(".md-header [data-dcd-switch]").click()
    phone.wait_for_url(base_url)
    assert phone.locator("html").get_attribute("lang") == "vi"


DRAWER = {
    "vi": ("Địa chỉ đỏ Thanh Hóa", "Thanh điều hướng",
           ["Trang chủ", "Tìm kiếm", "Danh sách di tích", "Bản đồ di tích", "Tuyến tham quan", "Thôn, làng"]),
    "en": ("Red Addresses of Thanh Hóa", "Navigation",
           ["Home", "Search", "All sites in English", "Map of sites", "Tours", "Villages"]),
}


@pytest.mark.parametrize("path, lang", [("khong/co/trang/nay", "vi"), ("en/no-such-page", "en")])
def test_the_drawer_menu_of_the_404_page_speaks_the_pages_language(base_url: str, phone: object, path: str,
                                                                     lang: str) -> None:
    name, label, entries = DRAWER[lang]
    phone.goto(base_url + path)
    phone.locator("label.md-header__button[for=__drawer]").click()
    drawer = phone.locator("nav.md-nav--primary")
    shown = drawer.evaluate("nav => [...nav.querySelectorAll(':scope > ul > li')].filter(li => li.checkVisibility())"
                            ".map(li => li.innerText.trim())")
    assert shown == entries
    assert drawer.locator("label.md-nav__title").inner_text().strip() == name
    assert drawer.get_attribute("aria-label") == label
    assert drawer.locator(".md-logo").get_attribute("aria-label") == name
    assert phone.locator(".md-header .md-logo").get_attribute("aria-label") == name
    drawer.get_by_role("link", name=entries[4]).click()
    phone.wait_for_url(base_url + ("en/" if lang == "en" else "") + "tuyen-tham-quan/")


@pytest.mark.parametrize("path", ["khong/co/trang/nay", "en/no-such-page"])
def test_404_page_has_no_serious_accessibility_violation(base_url: str, phone: object, path: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run npm ci")
    phone.goto(base_url + path)
    phone.add_script_tag(path=str(AXE))
    violations = phone.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
            if v["impact"] in ("serious", "critical")] == []
