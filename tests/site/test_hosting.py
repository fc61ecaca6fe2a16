"""What a static host needs from the built site: one site name in titles, .nojekyll,
no generated name starting with "_" (Jekyll drops them), and a 404 page whose URLs do
not depend on where the site is served."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build
from generator.config import load_config
from tests.conftest import FEW_SAMPLES
from tests.site_fixtures import make_site_project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("hosting") / "project", FEW_SAMPLES)
    result = build(load_config(project))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    return project / "site"


def title(site: Path, path: str) -> str:
    return re.search(r"<title>(.*?)</title>", (site / path).read_text(encoding="utf-8"), re.S).group(1).strip()


def test_home_title_is_the_site_name_once(built: Path) -> None:
    assert title(built, "index.html") == "Địa chỉ đỏ Thanh Hóa"


def test_other_titles_name_the_page_then_the_site(built: Path) -> None:
    assert title(built, "di-tich/cau-ham-rong/index.html") == "Cầu Hàm Rồng - Địa chỉ đỏ Thanh Hóa"
    assert title(built, "404.html") == "Không tìm thấy trang này - Địa chỉ đỏ Thanh Hóa"


def test_english_pages_carry_the_english_site_name(built: Path) -> None:
    """extra.diachido.site_name_en, in the title, the header, the menu and the footer."""
    assert title(built, "en/di-tich/den-thu-nghiem/index.html") == "Test Temple - Red Addresses of Thanh Hóa"
    assert title(built, "en/index.html") == "Red Addresses of Thanh Hóa"
    text = (built / "en" / "di-tich" / "den-thu-nghiem" / "index.html").read_text(encoding="utf-8")
    assert "Địa chỉ đỏ Thanh Hóa" not in re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    assert text.count("Red Addresses of Thanh Hóa") >= 5  # title, og:site_name, header, menu, footer


def test_404_page_declares_its_charset_once_and_first(built: Path) -> None:
    text = (built / "404.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<meta charset=", text)) == 1
    assert text.index("<meta charset=") < text.index("<script")


def test_only_pages_and_assets_are_published_from_the_theme_overrides(built: Path) -> None:
    # MkDocs copies every file of a theme folder that is not a template (the 404 page's
    # scripts were published as site/partials/*.js).
    assert not (built / "partials").exists()
    assert [p for p in built.rglob("*") if p.suffix in (".j2", ".js") and "dcd_" in p.name] == []


def test_site_carries_nojekyll_and_no_name_starting_with_underscore(built: Path) -> None:
    assert (built / ".nojekyll").is_file()
    assert [p for p in built.rglob("_*")] == []
    assert any(p.name.startswith("n-") for p in (built / "generated" / "search").iterdir())


def test_404_page_urls_do_not_depend_on_site_url(built: Path) -> None:
    text = (built / "404.html").read_text(encoding="utf-8")
    urls = re.findall(r'(?:href|src)="([^"]*)"', text)
    assert urls and not [u for u in urls if u.startswith("/") or "diachido-thanhhoa.github.io" in u]
    # The theme's stylesheets by relative links; ours inline (critical CSS, visitor-pages).
    assert 'href="assets/stylesheets/' in text and "<style>" in text
