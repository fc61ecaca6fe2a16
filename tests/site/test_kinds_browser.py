"""Tours and villages beside the sites, as a visitor meets them on a phone (headless Debian
Chromium, 360 px): found by the site's search, linked from the pages of the sites they
name, and drawn on the big map (tour lines, village houses) with a switch in the legend.
The tour and village are fixtures (``tests/route_fixtures``): no invented village ships."""

from __future__ import annotations

from typing import Iterator

import pytest

from generator.map.layers import KIND_STYLE
from tests.browser_support import clean_visit, phone_page, requires_chromium
from tests.route_fixtures import served_tour_site

pytestmark = [pytest.mark.browser, requires_chromium]

TILES = "tile.openstreetmap.org"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_tour_site(tmp_path_factory.mktemp("kinds")) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page() -> Iterator[tuple[object, object]]:
    """One browser for the module; the tour and village pages draw maps, so tiles are allowed."""
    with phone_page(tile_host=TILES) as (page, log):
        yield page, log


@pytest.fixture
def phone(browser_page: tuple) -> Iterator[tuple[object, object]]:
    """The shared page, for one test: nothing may leave the machine, nothing may fail."""
    with clean_visit(browser_page) as page:
        yield page, browser_page[1]


def _results(page: object) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#dcd-results li", "items => items.map(li => ({kind: li.dataset.kind,"
                                     " name: li.querySelector('b').textContent, sub: li.querySelector('span').textContent,"
                                     " href: li.querySelector('a').getAttribute('href')}))")


@pytest.mark.parametrize(("query", "kind", "sub", "lands_on"), [
    ("ba di tich thu", "tour", "Tuyến tham quan · TH-T0001", "tuyen-tham-quan/ba-di-tich-thu/"),
    ("thôn thử nghiệm", "village", "Thôn, làng · Xã Thử, Huyện Cũ · TH-V0001", "thon/thon-thu-nghiem/"),
    ("TH-T0001", "tour", "Tuyến tham quan · TH-T0001", "tuyen-tham-quan/ba-di-tich-thu/"),
])
def test_search_finds_tours_and_villages_without_diacritics(base_url: str, phone: tuple, query: str, kind: str, sub: str,
                                                            lands_on: str) -> None:
    page, _ = phone
    page.goto(base_url + "tim-kiem/")
    page.fill("#dcd-q", query)
    page.wait_for_selector(f"#dcd-results li[data-kind={kind}]")
    (found,) = [r for r in _results(page) if r["kind"] == kind]
    assert found["sub"] == sub
    assert page.inner_text("#dcd-status").endswith("kết quả")  # results may be tours or villages, not only sites
    page.click(f"#dcd-results li[data-kind={kind}] a")
    page.wait_for_url("**/" + lands_on)
    assert page.locator("h1").first.inner_text() in ("Ba di tích thử", "Thôn Thử Nghiệm")


def test_english_search_leads_to_the_english_tour_and_labels_the_kind(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + "en/search/?q=tuyen+tham+quan")
    page.wait_for_selector("#dcd-results li[data-kind=tour]")
    assert [(r["name"], r["sub"], r["href"]) for r in _results(page)] == [
        ("Three test sites", "Tour · TH-T0001", "../../en/tuyen-tham-quan/ba-di-tich-thu/")]


def test_site_pages_link_the_tours_and_villages_that_name_them(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url + "di-tich/thanh-nha-ho/")
    tour = page.locator(".dcd-related[data-kind=tour]")
    assert tour.inner_text() == "Nằm trên tuyến tham quan: Ba di tích thử"
    assert page.locator(".dcd-related[data-kind=village]").count() == 0
    tour.locator("a").click()
    page.wait_for_url("**/tuyen-tham-quan/ba-di-tich-thu/")
    page.goto(base_url + "s/TH-0024/")  # the permanent copy of Cầu Hàm Rồng's page: same links
    village = page.locator(".dcd-related[data-kind=village]")
    assert village.inner_text() == "Thuộc thôn: Thôn Thử Nghiệm"
    village.locator("a").click()
    page.wait_for_url("**/thon/thon-thu-nghiem/")
    page.goto(base_url + "en/di-tich/thanh-nha-ho/")
    assert page.inner_text(".dcd-related[data-kind=tour]") == "On the tour: Three test sites"


def test_the_big_map_draws_tour_lines_and_village_houses_with_a_legend_switch(base_url: str, phone: tuple) -> None:
    colour = KIND_STYLE["tour"][0]
    page, _ = phone
    page.goto(base_url + "generated/map/vi.html")
    page.wait_for_function("document.documentElement.dataset.dcdKinds === 'true'")
    # The two layers are asked for only after the sites' data has arrived.
    timing = page.evaluate("""() => { const r = performance.getEntriesByType('resource');
        return {points: r.filter(e => e.name.includes('/data/points.')).map(e => e.responseEnd),
                layers: r.filter(e => e.name.includes('/layers/')).map(e => e.startTime)}; }""")
    assert len(timing["layers"]) == 2 and min(timing["layers"]) > max(timing["points"])
    tour_line = f"path.leaflet-interactive[stroke='{colour}']"
    assert page.locator(tour_line).count() == 1
    assert page.locator(".dcd-kind-village").count() == 1
    page.click(".dcd-panel-toggle")  # folded on a phone
    labels = page.eval_on_selector_all(".dcd-kinds label", "ls => ls.map(l => l.innerText.replace(/\\s+/g, ' ').trim())")
    assert labels == ["Tuyến tham quan 1", "Thôn, làng 1"]
    page.uncheck(".dcd-kinds input[value=tour]")
    assert page.locator(tour_line).count() == 0
    assert page.evaluate("dcdMap.instance.visible.length") == 4  # the site markers are untouched
    page.check(".dcd-kinds input[value=tour]")
    page.wait_for_selector(tour_line)
    page.click(".dcd-panel-toggle")
    page.click(".dcd-kind-village")
    link = page.wait_for_selector(".dcd-popup[data-record='TH-V0001'] a.dcd-popup-page")
    assert (link.inner_text(), link.get_attribute("target")) == ("Xem trang thôn", "_top")
    assert link.get_attribute("href").endswith("thon/thon-thu-nghiem/")
