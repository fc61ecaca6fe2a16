"""The organisers' pages as a volunteer meets them: in Debian Chromium on a phone, from the
home page's footer to the progress page (charts drawn), the work lists and a site page."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.browser_support import phone_page, requires_chromium, serve_directory
from tests.conftest import REPO_ROOT
from tests.dashboard.test_pages import _prepare

from generator.build import build
from generator.config import load_config

pytestmark = [pytest.mark.browser, requires_chromium]
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = _prepare(tmp_path_factory.mktemp("dashboard-browser") / "project")
    result = build(load_config(project))
    assert result.built, (result.problems, result.renderer_output)
    with serve_directory(project / "site") as url:
        yield url


@pytest.fixture
def phone() -> Iterator[tuple[object, object]]:
    with phone_page() as (page, log):
        yield page, log
        assert log.external_requests == [] and log.console_errors == [], (log.external_requests, log.console_errors)


def test_from_the_home_footer_to_a_damaged_plaque_site(base_url: str, phone: tuple) -> None:
    page, _ = phone
    page.goto(base_url)
    page.locator("footer.dcd-organisers a", has_text="Tiến độ").click()
    page.wait_for_url(base_url + "tien-do/")
    assert page.locator("h1").inner_text() == "Tiến độ"
    charts = page.locator(".dcd-dashboard img")
    assert charts.count() == 6
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        assert page.evaluate("img => img.complete && img.naturalWidth > 0", charts.nth(index).element_handle())
    page.locator("a", has_text="Việc cần làm").first.click()
    page.wait_for_url(base_url + "tien-do/viec-can-lam/")
    page.locator("#bien-hong + p + ul a").first.click()
    page.wait_for_url(base_url + "di-tich/di-tich-doc-hai/")
    report = page.locator(".dcd-report a").nth(1).get_attribute("href")
    assert "template=bao-loi-bang-qr.yml" in report and "site-id=TH-0903" in report


@pytest.mark.parametrize("path", ["tien-do/", "tien-do/viec-can-lam/", "huong-dan/"])
def test_no_serious_accessibility_violation(base_url: str, phone: tuple, path: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run npm ci")
    page, _ = phone
    page.goto(base_url + path)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
