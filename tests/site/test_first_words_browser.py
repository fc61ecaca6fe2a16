"""Faster to the first words: a site page's first screen renders from its HTML alone,
and looks the same before and after the theme's stylesheets arrive (the inline
critical CSS is complete and current: ``bench/bench_first_words.py --update-critical-css``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest

from generator.build import build
from generator.config import load_config
from tests.browser_support import phone_page, requires_chromium, serve_directory
from tests.site_fixtures import make_site_project

pytestmark = [pytest.mark.browser, requires_chromium]

FIRST_SCREEN = (".md-header", ".md-header__title", ".dcd-badges", "h1", ".dcd-place", ".dcd-summary",
                ".dcd-btn--primary", "a[data-dcd-share]", ".dcd-card")
PAGES = ("di-tich/khu-di-tich-ba-trieu/", "di-tich/den-thu-nghiem/", "", "di-tich/", "tim-kiem/")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = make_site_project(tmp_path_factory.mktemp("words") / "project", ("khu-di-tich-ba-trieu", "lam-kinh"),
                                hostile=False)
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    with serve_directory(project / "site") as url:
        yield project / "site", url


@pytest.mark.parametrize("path", PAGES)
def test_no_stylesheet_blocks_the_first_render(site: tuple, path: str) -> None:
    html = (site[0] / path / "index.html").read_text(encoding="utf-8")
    head = re.sub(r"<noscript>.*?</noscript>", "", html[:html.index("</head>")], flags=re.S)
    assert re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', head) == []
    assert head.count("<style>") == 2  # the theme's rules our pages use, and ours


def _boxes(page: object) -> dict[str, tuple[int, int, int, int]]:
    boxes = {}
    for selector in FIRST_SCREEN:
        box = page.locator(selector).first.bounding_box() if page.locator(selector).count() else None
        if box:
            boxes[selector] = tuple(round(box[key]) for key in ("x", "y", "width", "height"))
    return boxes


@pytest.mark.parametrize("path", PAGES)
def test_the_first_screen_looks_the_same_before_the_theme_stylesheets_arrive(site: tuple, path: str) -> None:
    _, base = site
    with phone_page() as (page, _):
        page.goto(base + path)
        page.wait_for_function("[...document.styleSheets].some(s => s.href && s.href.includes('/assets/stylesheets/main.'))")
        final = _boxes(page)
        colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    with phone_page() as (page, _):
        page.route("**/assets/stylesheets/**", lambda route: route.abort())  # they never come
        page.goto(base + path)
        assert _boxes(page) == final
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == colour
        # The drawer (navigation) stays off screen, as with the full stylesheet.
        drawer = page.locator(".md-sidebar--primary").bounding_box()
        assert drawer is None or drawer["x"] + drawer["width"] <= 0
