"""The tour and village pages as a phone shows them (headless Debian Chromium, 360 px):
the route map and its stop popups, a simulated walk with a mocked position that enters
two stop zones in turn and starts each stop's narration only after the first tap, the
walk's bar always in reach, the end of the tour, and the village's lane map."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.browser_support import phone_page, requires_chromium
from tests.conftest import REPO_ROOT
from tests.route_fixtures import TOUR, served_tour_site

pytestmark = [pytest.mark.browser, requires_chromium]

TOUR_PAGE = "tuyen-tham-quan/ba-di-tich-thu/"
VILLAGE_PAGE = "thon/thon-thu-nghiem/"
TILES = "tile.openstreetmap.org"
FAR = {"latitude": 19.5, "longitude": 105.0}
# ~50 m north-east of the stops (zones: 250 m, the motorbike default, and 300 m).
NEAR_1 = {"latitude": 20.0781 + 0.0003, "longitude": 105.6047 + 0.0003}
NEAR_2 = {"latitude": 20.0 + 0.0003, "longitude": 105.5}
NEAR_3 = {"latitude": 19.927561 + 0.0004, "longitude": 105.403514}
# The waypoint's name as the record writes it: a popup that took it as HTML would show "&".
WAYPOINT = 'Bãi đỗ xe "thử" &amp; bến'
HEADER_PX = 48  # mkdocs-material's fixed header at 360 px


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tour = TOUR.replace("name: {vi: Bãi đỗ xe thử}", "name: {vi: '" + WAYPOINT + "'}")
    with served_tour_site(tmp_path_factory.mktemp("tours"), tour) as url:
        yield url


def _audio_state(page: object) -> list[dict[str, object]]:
    return page.eval_on_selector_all(
        ".dcd-tour-stop", "items => items.map(li => { const a = li.querySelector('audio');"
        " return {n: li.dataset.stop, current: li.classList.contains('is-current'),"
        " playing: a ? !a.paused : null, time: a ? a.currentTime : null}; })")


def test_the_tour_page_shows_the_route_stops_and_distances(base_url: str) -> None:
    with phone_page(tile_host=TILES) as (page, log):
        page.goto(base_url + TOUR_PAGE)
        page.wait_for_selector("#ban-do .dcd-tour-marker")
        assert page.locator(".dcd-tour-marker").count() == 3
        assert page.locator("#ban-do path.leaflet-interactive").count() >= 2  # two legs
        assert page.locator(".dcd-tour-leg").all_inner_texts()[0].startswith("Chặng 1–2: 14 km")
        assert "xe máy" in page.inner_text(".dcd-tour").lower()
        links = page.eval_on_selector_all(".dcd-tour a[download]", "as => as.map(a => a.getAttribute('href'))")
        assert [href.rsplit(".", 1)[1] for href in links] == ["pdf", "gpx", "geojson", "kml", "pdf"]
        for href in links:
            assert page.request.get(base_url + TOUR_PAGE + href).ok, href
        # The permanent address opens the same page.
        page.goto(base_url + "s/TH-T0001/")
        page.wait_for_selector("#ban-do .dcd-tour-marker")
        assert log.console_errors == [] and log.external_except() == []


def test_a_walk_plays_each_stop_only_after_the_first_tap(base_url: str) -> None:
    with phone_page(tile_host=TILES, geolocation=FAR) as (page, log):
        page.goto(base_url + TOUR_PAGE)
        page.wait_for_selector("#ban-do .dcd-tour-marker")
        # Standing in stop 1's zone before the tap: nothing is followed, nothing plays.
        page.context.set_geolocation(NEAR_1)
        page.wait_for_timeout(800)
        assert all(not s["playing"] and not s["current"] for s in _audio_state(page))
        page.context.set_geolocation(FAR)
        page.click("[data-tour-start]")
        page.wait_for_timeout(300)
        assert all(not s["playing"] for s in _audio_state(page))
        page.context.set_geolocation(NEAR_1)
        page.wait_for_function("() => { const a = document.querySelector('#diem-1 audio'); return !a.paused && a.currentTime > 0.2; }")
        assert "1: Thành nhà Hồ" in page.inner_text("[data-tour-status]")
        page.context.set_geolocation(NEAR_2)  # the car park: shown, nothing to play
        page.wait_for_selector("#diem-2.is-current")
        page.context.set_geolocation(NEAR_3)
        page.wait_for_function("() => { const a = document.querySelector('#diem-3 audio'); return !a.paused && a.currentTime > 0.2; }")
        state = {s["n"]: s for s in _audio_state(page)}
        sources = page.eval_on_selector_all(".dcd-tour-stop audio", "items => items.map(a => a.getAttribute('src'))")
        assert len(sources) == 2 and all(src.startswith("../../generated/audio/") for src in sources)
        assert state["1"]["playing"] is False and state["3"]["current"] and state["2"]["playing"] is None
        assert page.eval_on_selector("#diem-1", "li => li.classList.contains('is-visited')")
        assert log.console_errors == []


def test_next_stop_works_by_hand_without_a_position(base_url: str) -> None:
    with phone_page(tile_host=TILES) as (page, log):  # no permission: the position is refused
        page.goto(base_url + TOUR_PAGE)
        page.click("[data-tour-start]")
        page.wait_for_function("() => document.querySelector('[data-tour-status]').textContent.includes('Không lấy được vị trí')")
        page.click("[data-tour-next]")
        page.wait_for_function("() => { const a = document.querySelector('#diem-1 audio'); return !a.paused && a.currentTime > 0.2; }")
        # Another stop's player started by hand: one voice at a time.
        page.evaluate("document.querySelector('#diem-3 audio').play()")
        page.wait_for_function("() => document.querySelector('#diem-1 audio').paused && !document.querySelector('#diem-3 audio').paused")
        assert "Giọng đọc máy" in page.inner_text("#diem-3")  # the player says whose voice it is
        page.click("[data-tour-next]")
        page.wait_for_selector("#diem-2.is-current")
        assert log.console_errors == []


def _box(page: object, selector: str) -> dict[str, float]:
    """``selector``'s box in the viewport (CSS px)."""
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " return {top: r.top, bottom: r.bottom, height: r.height}; }")


def _in_reach(page: object) -> bool:
    """The walk's bar is whole on the screen."""
    bar = _box(page, ".dcd-tour-guide")
    return bar["height"] > 0 and bar["top"] >= HEADER_PX and bar["bottom"] <= page.viewport_size["height"] + 0.5


def _shown_clear_of_the_bar(page: object, selector: str) -> bool:
    """``selector`` is on the screen, below the header and above the walk's bar."""
    box, bar = _box(page, selector), _box(page, ".dcd-tour-guide")
    return box["top"] >= HEADER_PX and box["bottom"] <= bar["top"] + 0.5


def test_at_360_px_next_stop_stays_in_reach_and_the_tour_ends(base_url: str) -> None:
    with phone_page(tile_host=TILES) as (page, log):
        page.goto(base_url + TOUR_PAGE)
        page.wait_for_selector("#ban-do .dcd-tour-marker")
        # On the first screen, with both buttons on one row.
        assert _in_reach(page)
        assert _box(page, "[data-tour-start]")["top"] == _box(page, "[data-tour-next]")["top"]
        # Scrolled down into the stops (no click: a click would scroll to the button itself).
        page.evaluate("scrollTo(0, document.getElementById('diem-2').offsetTop)")
        assert _in_reach(page)
        page.evaluate("scrollTo(0, 0)")
        for n in (1, 2, 3):
            assert _in_reach(page), n
            page.click("[data-tour-next]")
            # The stop reached comes into view, its heading under neither the header nor the bar.
            page.wait_for_function("n => { const r = document.querySelector('#diem-' + n + ' h2').getBoundingClientRect();"
                                   " return r.top >= 48 && r.top < 200; }", arg=n)
            assert _shown_clear_of_the_bar(page, f"#diem-{n} h2"), n
        assert page.inner_text("[data-tour-next]") == "Kết thúc tham quan"
        # At the bottom of the page the bar is back in its place after the stops: it hides no text.
        page.evaluate("scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(200)
        assert _box(page, "#diem-3")["bottom"] <= _box(page, ".dcd-tour-guide")["top"] + 0.5
        page.evaluate("scrollTo(0, 0)")
        assert _in_reach(page)
        page.click("[data-tour-next]")
        end = page.locator("#het-tuyen")
        end.wait_for()
        assert end.locator("h2").inner_text() == "Hết tuyến"
        assert "Bạn đã đi hết tuyến tham quan" in end.inner_text()
        assert page.evaluate("document.activeElement.id") == "het-tuyen"
        assert not page.is_visible(".dcd-tour-guide")  # nothing more to tap
        assert end.get_by_role("link", name="Bản đồ di tích").evaluate("a => a.href") == base_url + "ban-do/"
        end.get_by_role("link", name="Các tuyến tham quan").click()
        page.wait_for_url(base_url + "tuyen-tham-quan/")
        assert page.locator(".dcd-tour-list a").first.inner_text() == "Ba di tích thử"
        # The plaque's copy of the page has the same end, its links re-made for s/TH-T0001/.
        page.goto(base_url + "s/TH-T0001/")
        hrefs = page.eval_on_selector_all("#het-tuyen a", "as => as.map(a => a.href)")
        assert hrefs == [base_url + "tuyen-tham-quan/", base_url + "ban-do/"]
        assert log.console_errors == [] and log.external_except() == []


def test_the_english_tour_ends_in_english_and_leads_to_the_english_lists(base_url: str) -> None:
    with phone_page(tile_host=TILES) as (page, log):
        page.goto(base_url + "en/" + TOUR_PAGE)
        for _ in range(3):
            page.click("[data-tour-next]")
        assert page.inner_text("[data-tour-next]") == "Finish the tour"
        page.click("[data-tour-next]")
        end = page.locator("#het-tuyen")
        end.wait_for()
        assert end.locator("h2").inner_text() == "End of the tour"
        assert "You have reached the end of the tour" in end.inner_text()
        assert end.get_by_role("link", name="Map of sites").evaluate("a => a.href") == base_url + "en/ban-do/"
        end.get_by_role("link", name="All tours").click()
        page.wait_for_url(base_url + "en/tuyen-tham-quan/")
        assert page.locator("html").get_attribute("lang") == "en" and page.locator("h1").first.inner_text() == "Tours"
        page.locator(".dcd-tour-list").get_by_role("link", name="Three test sites").click()
        page.wait_for_url(base_url + "en/" + TOUR_PAGE)
        assert log.console_errors == [] and log.external_except() == []


def test_each_stop_marker_opens_a_popup_with_its_number_and_name_as_text(base_url: str) -> None:
    with phone_page(tile_host=TILES) as (page, log):
        page.goto(base_url + TOUR_PAGE)
        page.wait_for_selector("#ban-do .dcd-tour-marker")
        page.locator("#ban-do .dcd-tour-marker").nth(1).click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert popup.locator("strong").inner_text() == "2. " + WAYPOINT  # "&amp;" as written: text, not HTML
        assert popup.evaluate("p => [...p.querySelectorAll('*')].map(e => e.tagName)") == ["DIV", "STRONG", "BR", "A"]
        popup.get_by_role("link", name="Xem điểm dừng này").click()
        page.wait_for_url("**#diem-2")
        page.wait_for_function("() => { const r = document.querySelector('#diem-2 h2').getBoundingClientRect();"
                               " return r.top >= 0 && r.bottom <= innerHeight; }")
        page.locator("#ban-do .dcd-tour-marker").nth(2).click()
        page.wait_for_function("() => document.querySelector('.leaflet-popup-content strong').textContent"
                               " === '3. Khu di tích lịch sử Lam Kinh'")
        assert log.console_errors == [] and log.external_except() == []


def test_the_village_page_draws_its_lanes_landmarks_and_sites(base_url: str) -> None:
    with phone_page(tile_host=TILES) as (page, log):
        page.on("dialog", lambda dialog: pytest.fail("a script from the record ran"))
        page.goto(base_url + "s/TH-V0001/#ngo-1")
        page.wait_for_selector("#ban-do path.dcd-lane")
        counts = {name: page.locator(f"#ban-do path.{name}").count() for name in ("dcd-lane", "dcd-landmark", "dcd-house", "dcd-entrance")}
        assert counts == {"dcd-lane": 1, "dcd-landmark": 1, "dcd-house": 1, "dcd-entrance": 1}
        # The legend under the map names what it draws, in the colours it draws them.
        legend = page.eval_on_selector_all(".dcd-map-legend li", "ls => ls.map(l => [l.dataset.role, l.innerText.trim()])")
        assert legend == [["lane", "Ngõ, đường làng"], ["house", "Nhà văn hóa"], ["landmark", "Địa điểm khác"],
                          ["entrance", "Đầu ngõ có biển QR"], ["site", "Di tích"]]
        for role in ("house", "landmark", "entrance"):
            drawn = page.get_attribute(f"#ban-do path.dcd-{role}", "stroke")
            assert drawn == page.get_attribute(f".dcd-map-legend li[data-role={role}] circle", "fill"), role
        assert page.get_attribute("#ban-do path.dcd-lane", "stroke") == page.get_attribute(
            ".dcd-map-legend li[data-role=lane] path", "stroke")
        page.click("#ban-do .leaflet-marker-icon")  # the site in the village
        link = page.wait_for_selector(".leaflet-popup-content a")
        assert link.inner_text() == "Cầu Hàm Rồng"
        history = page.locator("section[aria-labelledby=lich-su]")
        assert history.locator("strong").inner_text() == "thử" and history.locator("script").count() == 0
        assert page.inner_text("#ngo-1") == "Đầu ngõ: Ngõ Một"
        link.click()
        page.wait_for_url("**/di-tich/cau-ham-rong/")
        assert log.console_errors == [] and log.external_except() == []


@pytest.mark.parametrize("path", [TOUR_PAGE, "en/" + TOUR_PAGE, VILLAGE_PAGE, "tuyen-tham-quan/", "en/tuyen-tham-quan/",
                                  "en/thon/"])
def test_no_serious_accessibility_violation(base_url: str, path: str) -> None:
    axe = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.skip("axe-core is not installed: run npm ci")
    with phone_page(tile_host=TILES) as (page, _):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(axe))
        violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
