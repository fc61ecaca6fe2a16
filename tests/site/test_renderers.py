"""The generated site_docs/ renders with no broken link under MkDocs (the pinned
renderer) and under the alternatives we claim portability to (ProperDocs, Zensical),
each crawled link by link. An alternative that is not installed is skipped; the test
extras install both (pyproject.toml)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.build import build
from generator.config import load_config
from tests.conftest import FEW_SAMPLES
from tests.site_crawl import broken_links, page_links, render_with, renderer_available
from tests.site_fixtures import make_site_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("renderers") / "project", FEW_SAMPLES)
    result = build(load_config(root))
    assert result.built, (result.load.report.errors, result.renderer_output, result.problems)
    return root


def test_crawl_finds_a_broken_link(tmp_path: Path) -> None:
    """The crawler itself: a missing page, a missing asset and a root-absolute link are found."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../">up</a><a href="../b/">gone</a><img src="x.png"><link href="/assets/s.css">'
        '<a href="https://example.org/">out</a><a href="#top">here</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/">a</a>', encoding="utf-8")
    checked, broken = broken_links(tmp_path)
    assert checked == 5
    assert sorted((b.link, b.reason) for b in broken) == [("../b/", "missing"), ("/assets/s.css", "absolute"),
                                                          ("x.png", "missing")]


def test_mkdocs_build_has_no_broken_link(project: Path) -> None:
    checked, broken = broken_links(project / "site")
    assert checked > 500  # every page, its assets, nearby sites, lists, the 404 page
    assert broken == []


def test_site_pages_are_written_as_folder_index_files(project: Path) -> None:
    """``di-tich/<slug>/index.md``, never ``di-tich/<slug>.md`` (Zensical would resolve
    the page's raw-HTML links one folder too high)."""
    docs = project / "site_docs"
    assert (docs / "di-tich" / "den-thu-nghiem" / "index.md").is_file()
    assert (docs / "en" / "di-tich" / "den-thu-nghiem" / "index.md").is_file()
    assert [p.name for p in (docs / "di-tich").glob("*.md")] == ["index.md"]


@pytest.mark.parametrize("renderer", ["properdocs", "zensical"])
def test_alternative_renderer_has_no_broken_link(project: Path, renderer: str, tmp_path: Path) -> None:
    if not renderer_available(renderer, sys.executable):
        pytest.skip(f"{renderer} is not installed (pip install -e '.[test]')")
    out = tmp_path / renderer
    render_with(renderer, load_config(project), sys.executable, out)
    assert (out / "di-tich" / "den-thu-nghiem" / "index.html").is_file()
    assert (out / "s" / "TH-0901" / "index.html").is_file()
    checked, broken = broken_links(out)
    assert checked > 500
    assert broken == []
    # The page is ours, not an empty shell: the site page's own links are there.
    links = page_links((out / "di-tich" / "den-thu-nghiem" / "index.html").read_text(encoding="utf-8"))
    assert "../../en/di-tich/den-thu-nghiem/" in links
