"""The map as a visitor's phone shows it: headless Debian Chromium at 360 px.

The 42 sample sites are built once into a throw-away project and served from
127.0.0.1. Map tiles are answered locally with a blank image (and counted): they
are the only requests allowed to leave the machine; anything else is recorded and
aborted by ``phone_page`` and fails the test.
"""

from __future__ import annotations

import base64
import json
import math
import re
from typing import Iterator

import pytest

from generator.build import build
from generator.config import load_config
from generator.map.data import site_map_script_path
from generator.map.settings import map_settings
from generator.records.schema import Category, RankLevel, Site
from tests.browser_support import phone_page, requires_chromium, serve_directory
from tests.conftest import REPO_ROOT, make_records_project, sample_site_names
from tests.map.test_maps import with_map_config

pytestmark = [pytest.mark.browser, requires_chromium]

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLANK_TILE = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgYGBgAAAABQABeqhXUAAAAABJRU5ErkJggg==")  # a transparent 1x1 PNG
SUM_ON_MAP = """() => {
  const clusters = [...document.querySelectorAll('.dcd-cluster span')].reduce((n, s) => n + Number(s.textContent), 0);
  return clusters + document.querySelectorAll('.dcd-marker').length;
}"""

# No zoom or cluster animation running: markers are where a finger would tap them.
SETTLED = ("!document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim') && !dcdMap.instance.map._animatingZoom"
           " && !(dcdMap.instance.map._panAnim && dcdMap.instance.map._panAnim._inProgress)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Site], object]]:
    project = make_records_project(tmp_path_factory.mktemp("map-browser") / "project", sample_site_names())
    # An optional layer (test data, not a real route), off until the visitor ticks it.
    (project / "maps").mkdir()
    (project / "maps" / "route.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Tuyến <b>thử</b>"},
         "geometry": {"type": "LineString", "coordinates": [[105.786, 19.839], [105.4035, 19.9276]]}}]}), encoding="utf-8")
    with_map_config(project, {"layers": [{"name": {"vi": "Tuyến thử", "en": "Test route"}, "file": "maps/route.geojson"}]})
    config = load_config(project)
    result = build(config)
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    with serve_directory(project / "site") as url:
        yield url, result.load.published, config


@pytest.fixture(scope="module")
def visitor(built: tuple) -> Iterator[tuple[object, object, list[str]]]:
    tile_host = re.match(r"https://([^/]+)/", map_settings(built[2]).tiles.url).group(1)
    with phone_page() as (page, log):
        tiles: list[str] = []

        def tile(route: object) -> None:
            tiles.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

        page.route(f"https://{tile_host}/**", tile)  # page routes come before phone_page's own
        yield page, log, tiles
        assert log.external_requests == [], log.external_requests
        assert log.console_errors == [], log.console_errors
        assert tiles and all(url.startswith(f"https://{tile_host}/") for url in tiles)


@pytest.fixture
def map_frame(built: tuple, visitor: tuple) -> object:
    base, _, _ = built
    page = visitor[0]
    page.goto(base + "ban-do/")
    frame = page.frame(url=re.compile(r"/generated/map/vi\.html"))
    assert frame is not None
    frame.wait_for_function("window.dcdMap && window.dcdMap.ready", timeout=15_000)
    return frame


def _located(sites: list[Site]) -> list[Site]:
    return [s for s in sites if s.location is not None]


def test_every_sample_site_is_on_the_map(built: tuple, map_frame: object) -> None:
    assert len(_located(built[1])) == 42
    map_frame.wait_for_function(f"({SUM_ON_MAP})() === 42")  # once cluster animations settle
    assert map_frame.locator(".dcd-count").text_content() is not None


def test_a_marker_popup_links_to_the_site_page(built: tuple, visitor: tuple, map_frame: object) -> None:
    base, sites, _ = built
    page = visitor[0]
    lam_kinh = next(s for s in sites if s.slug == "lam-kinh")
    location = lam_kinh.location
    map_frame.evaluate(f"void dcdMap.instance.map.setView([{location.lat}, {location.lon}], 15, {{animate: false}})")
    map_frame.wait_for_function(SETTLED)
    map_frame.locator(f'.dcd-marker[title="{lam_kinh.name.vi}"]').click()
    popup = map_frame.locator(".dcd-popup")
    popup.wait_for()
    assert popup.locator(".dcd-popup-name").text_content() == lam_kinh.name.vi
    page_link = popup.locator("a.dcd-popup-page")
    assert page_link.evaluate("a => a.href") == base + "di-tich/lam-kinh/"
    assert page_link.get_attribute("target") == "_top"
    map_frame.wait_for_function("document.querySelector('.dcd-popup-summary').textContent.length > 40")
    assert popup.locator(".dcd-popup-summary").text_content() == lam_kinh.summary.vi
    assert "19.92756,105.40351" in popup.locator("a.dcd-popup-directions").get_attribute("href")
    assert popup.locator(".dcd-popup-approx").count() == 0
    page_link.click()
    page.wait_for_url(base + "di-tich/lam-kinh/")


def test_a_commune_centre_is_drawn_and_labelled_as_approximate(built: tuple, map_frame: object) -> None:
    doi_c4 = next(s for s in built[1] if s.slug == "doi-c4")
    assert doi_c4.location.quality.is_approximate
    map_frame.evaluate("dcdMap.showSite('TH-0040')")
    map_frame.locator(".dcd-popup-approx").wait_for()
    assert "tâm xã" in map_frame.locator(".dcd-popup-approx").text_content()
    assert map_frame.locator(f'.dcd-marker.dcd-approx[title^="{doi_c4.name.vi}"]').count() == 1


def test_filters_hide_markers(built: tuple, map_frame: object) -> None:
    located = _located(built[1])
    map_frame.locator(".dcd-panel-toggle").click()
    map_frame.locator("input[name=category][value='0']").uncheck()  # historical, as main category
    expected = [s for s in located if s.primary_category is not Category.HISTORICAL]
    map_frame.wait_for_function(f"({SUM_ON_MAP})() === {len(expected)}")
    assert map_frame.locator(".dcd-count").text_content() == f"Đang hiện {len(expected)}/{len(located)} di tích"
    map_frame.locator("input[name=rank][value='1']").uncheck()  # national
    expected = [s for s in expected if s.rank.level is not RankLevel.NATIONAL]
    map_frame.wait_for_function(f"({SUM_ON_MAP})() === {len(expected)}")
    assert 0 < len(expected) < len(located)


def test_the_english_map_links_english_pages(built: tuple, visitor: tuple) -> None:
    base, _, config = built
    page = visitor[0]
    page.goto(base + "en/ban-do/")
    frame = page.frame(url=re.compile(r"/generated/map/en\.html"))
    frame.wait_for_function("window.dcdMap && window.dcdMap.ready", timeout=15_000)
    frame.evaluate("dcdMap.showSite('TH-0002')")
    link = frame.locator("a.dcd-popup-page")
    link.wait_for()
    english = (config.site_dir / "en" / "di-tich" / "lam-kinh" / "index.html").is_file()
    assert link.evaluate("a => a.href") == base + ("en/" if english else "") + "di-tich/lam-kinh/"
    assert link.text_content() == "Open the site's page"


def test_the_small_map_loads_leaflet_only_when_scrolled_to(built: tuple, visitor: tuple) -> None:
    base, _, config = built
    page = visitor[0]
    page.goto(base + "di-tich/lam-kinh/")
    assert page.locator(f'script[src$="{site_map_script_path(config).rsplit("/", 1)[-1]}"]').count() == 1
    box = page.locator(".dcd-site-map")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.L") == "undefined"
    assert box.locator(".leaflet-container, .leaflet-pane").count() == 0
    box.scroll_into_view_if_needed()
    page.wait_for_selector(".dcd-site-map[data-dcd-ready]", timeout=10_000)
    assert box.locator(".leaflet-marker-pane, .leaflet-overlay-pane").count() >= 1
    assert page.locator(".dcd-site-map-link a").get_attribute("href").endswith("vi.html#TH-0002")


def test_an_optional_layer_loads_when_ticked(map_frame: object) -> None:
    lines = map_frame.locator("path.leaflet-interactive")
    assert lines.count() == 0
    control = map_frame.locator(".leaflet-control-layers")
    control.hover()
    control.get_by_label("Tuyến thử").check()
    lines.first.wait_for()
    assert lines.count() == 1


def test_no_serious_accessibility_violation_on_the_map(built: tuple, visitor: tuple) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run npm ci")
    base = built[0]
    page = visitor[0]
    for path, frame_path in (("ban-do/", r"/generated/map/vi\.html"), ("en/ban-do/", r"/generated/map/en\.html")):
        page.goto(base + path)
        frame = page.frame(url=re.compile(frame_path))
        frame.wait_for_function("window.dcdMap && window.dcdMap.ready", timeout=15_000)
        frame.locator(".dcd-panel-toggle").click()  # the legend and filters open
        frame.evaluate("dcdMap.showSite('TH-0040').then(() => true)")  # an approximate site's popup open
        frame.locator(".dcd-popup-summary").wait_for()
        for target in (frame, page):  # axe checks the iframe's document from the page when both have it
            target.add_script_tag(path=str(AXE))
        violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, serious)


def test_locate_me_centres_the_map_on_the_visitor(built: tuple, visitor: tuple, map_frame: object) -> None:
    context = visitor[0].context
    context.grant_permissions(["geolocation"], origin=built[0].rstrip("/"))
    context.set_geolocation({"latitude": 19.8075, "longitude": 105.7764, "accuracy": 50})  # Thanh Hóa city
    map_frame.locator(".dcd-locate-button").click()
    map_frame.wait_for_function("dcdMap.instance.map.getZoom() === 12")
    map_frame.wait_for_function(SETTLED)
    centre = map_frame.evaluate("(() => { const c = dcdMap.instance.map.getCenter(); return [c.lat, c.lng]; })()")
    assert abs(centre[0] - 19.8075) < 0.01 and abs(centre[1] - 105.7764) < 0.01
    assert map_frame.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() >= 1


def test_the_first_view_fetches_tiles_for_one_zoom_only_and_no_retina(built: tuple, visitor: tuple) -> None:
    base, _, _ = built
    page, _, tiles = visitor
    page.goto("about:blank")
    tiles.clear()
    page.goto(base + "generated/map/vi.html")
    page.wait_for_function("window.dcdMap && window.dcdMap.ready", timeout=15_000)
    page.wait_for_timeout(1000)  # tiles of the settled view
    zooms = {int(url.split("/")[-3]) for url in tiles}
    final = page.evaluate("dcdMap.instance.map.getZoom()")
    # Tiles come once the view is final: none for a first view the markers then replace,
    # none at a device-pixel zoom (the phone is 2×), none kept around the edges.
    assert zooms == {final}, (zooms, final)
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert len(tiles) <= (math.ceil(width / 256) + 1) * (math.ceil(height / 256) + 1), tiles


def test_the_full_screen_map_has_a_visible_way_back_to_the_site(built: tuple, visitor: tuple) -> None:
    base, _, _ = built
    page = visitor[0]
    page.goto(base + "di-tich/lam-kinh/")
    page.goto(base + "generated/map/vi.html#TH-0001", referer=base + "di-tich/lam-kinh/")
    back = page.get_by_role("link", name="‹ Về trang web")
    back.wait_for()
    box = back.bounding_box()
    assert box["height"] >= 44 and box["y"] < 200  # near the top, big enough to tap
    back.click()  # came from a page of the site: back to it
    page.wait_for_url(base + "di-tich/lam-kinh/")
    page.goto(base + "ban-do/")  # inside the map page's frame there is no second way back
    frame = page.frame(url=re.compile(r"/generated/map/vi\.html"))
    frame.wait_for_function("window.dcdMap && window.dcdMap.ready", timeout=15_000)
    assert frame.locator(".dcd-back-link").count() == 0
    page.goto(base + "generated/map/en.html")  # opened directly: the link leads to the map page
    link = page.get_by_role("link", name="‹ Back to the site")
    assert link.get_attribute("href") == "../../en/ban-do/"


def test_the_map_is_asked_for_first_and_the_theme_script_after_it(built: tuple, visitor: tuple) -> None:
    """On weak 3G every byte shares one slow line: the map page asks for the map's files
    from the top of its <head>, and the theme's script (35 KB gzip) only once the page
    (with the map's frame) has loaded; the theme's components still start then."""
    base, _, _ = built
    page = visitor[0]
    page.goto(base + "ban-do/")
    head = page.content().split("</head>")[0]
    preloads = re.findall(r'<link rel="preload" href="([^"]+)"', head)
    assert any(p.endswith("/leaflet.js") for p in preloads) and any("/points.vi." in p for p in preloads)
    assert head.index('rel="preload"') < head.index("<style>")
    frame = page.frame(url=re.compile(r"/generated/map/vi\.html"))
    frame.wait_for_function("window.dcdMap && window.dcdMap.ready", timeout=15_000)
    page.wait_for_function("document.documentElement.classList.contains('js')")  # set by the theme's script
    timing = page.evaluate("""() => {
        const entry = part => performance.getEntriesByType('resource').find(r => r.name.includes(part));
        return {leaflet: entry('/leaflet.js').responseEnd, points: entry('/points.vi.').responseEnd,
                theme: entry('/assets/javascripts/bundle.').startTime};
    }""")
    assert timing["theme"] >= max(timing["leaflet"], timing["points"]), timing
    # Its components wait for DOMContentLoaded, long past when it runs: the header shows
    # the page's title once the heading has scrolled away, as on every other page.
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    page.wait_for_selector(".md-header__title--active", timeout=5_000)
