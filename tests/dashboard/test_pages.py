"""The organisers' pages in a real build: counts from records and the plaque registry, work
lists whose links open existing pages, charts byte-identical across builds, the guide in
step with the schema, the Report-a-problem link, the home page's way in."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from tests.conftest import tree_bytes
from tests.site_fixtures import make_site_project

from generator.build import build
from generator.config import load_config
from generator.dashboard.guide import field_rules
from generator.plaques.fieldwork import record_check, record_installed
from generator.plaques.lifecycle import ConditionCheck, Installation, PlaqueState
from generator.plaques.registry import record_printed
from generator.records.schema import json_schema
from generator.records.validate import load_sites

D = dt.date
SITE_ROOT = "https://diachido-thanhhoa.github.io/"


def _prepare(root: Path) -> Path:
    """Full (TH-0901), village (TH-0902) and hostile (TH-0903) records; all three plaques
    printed, TH-0901 and TH-0903 installed, TH-0903 reported damaged."""
    project = make_site_project(root)
    config = load_config(project)
    record_printed(config, load_sites(config).published, when=D(2025, 6, 30))
    record_installed(config, "TH-0901", Installation(D(2025, 7, 2), "Cổng", "nhôm", "a5"))
    record_installed(config, "TH-0903", Installation(D(2025, 7, 3)))
    record_check(config, "TH-0903", ConditionCheck(D(2026, 1, 15), PlaqueState.DAMAGED, 'nứt "góc" <trái>'))
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _prepare(tmp_path_factory.mktemp("dashboard") / "project")
    result = build(load_config(project))
    assert result.built, (result.problems, result.renderer_output)
    return project


def _page(project: Path, path: str) -> str:
    return (project / "site" / path / "index.html").read_text(encoding="utf-8")


def _row(page: str, label: str) -> list[str]:
    """The cells of the table row headed ``label``."""
    match = re.search(rf'<tr><th scope="row">{re.escape(label)}</th>(.*?)</tr>', page)
    assert match, label
    return re.findall(r"<td[^>]*>(.*?)</td>", match.group(1))


def test_progress_counts_every_item(built: Path) -> None:
    page = _page(built, "tien-do")
    assert "<strong>3</strong> di tích đã công bố trên mục tiêu <strong>50</strong> (6 %)" in page
    expected = {"Ảnh": 1, "Lịch sử": 2, "Tiếng Anh": 2, "Thuyết minh riêng": 0, "Ảnh 360°": 0, "Vị trí chính xác": 2,
                "Đã in biển": 3, "Đã gắn biển": 2, "Đã kiểm tra tại chỗ": 2}
    for label, count in expected.items():
        assert _row(page, label)[0] == f"{count}/3", label
    # By rank: one national, one provincial, one unknown; by today's commune, the hostile name escaped.
    assert _row(page, "Di tích quốc gia")[0] == "1"
    assert _row(page, "Xã &#34;A&#34; &amp; B")[0] == "1"
    assert _row(page, "Huyện Hậu Lộc · Xã Triệu Lộc")[0] == "1" and _row(page, "Huyện Hậu Lộc")[0] == "1"
    assert '<meta name="robots" content="noindex">' in page


def test_the_narration_column_says_what_it_counts_and_what_the_others_play(built: Path) -> None:
    """Every page has a player (the machine voice reads the summary): the column counts a
    volunteer's own recording or written narration, and both pages say so."""
    progress, todo = _page(built, "tien-do"), _page(built, "tien-do/viec-can-lam")
    assert ('<p class="dcd-note"><strong>Thuyết minh riêng</strong>: ghi âm tiếng Việt của tình nguyện viên (audio) '
            "hoặc bài thuyết minh viết để đọc (narration.vi). Di tích chưa có thuyết minh riêng vẫn có nút nghe trên "
            "trang: giọng đọc máy đọc tên và phần tóm tắt (summary) của di tích.</p>") in progress
    section = re.search(r'<h2 id="chua-thuyet-minh">(.*?)</h2>\s*<p>(.*?)</p>(.*?)<h2', todo, re.S)
    assert section and section.group(1) == "Chưa có thuyết minh riêng (3)"
    assert section.group(2).startswith("Di tích chưa có thuyết minh riêng vẫn có nút nghe trên trang: giọng đọc máy")
    assert "narration.vi" in section.group(2)
    for site_id in ("TH-0901", "TH-0902", "TH-0903"):  # no recording or narration text in the fixtures, all listed
        assert f"<small>{site_id}" in section.group(3)
        assert '<audio controls preload="none"' in _page(built, f"s/{site_id}")  # the machine voice's recording


def test_organisers_pages_are_public_but_not_offered_to_search_engines(built: Path) -> None:
    sitemap = (built / "site" / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert SITE_ROOT + "di-tich/dinh-lang-thu/" in locs and SITE_ROOT in locs
    for page in ("tien-do/", "tien-do/viec-can-lam/", "huong-dan/"):
        assert SITE_ROOT + page not in locs
        assert '<meta name="robots" content="noindex">' in _page(built, page)
    packed = (built / "site" / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    assert ET.fromstring(sitemap.encode("utf-8")).tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    for page in ("tien-do", "tien-do/viec-can-lam"):
        assert "công khai (ai có địa chỉ đều mở được) nhưng không đưa lên công cụ tìm kiếm" in _page(built, page)


def test_work_lists_link_to_existing_pages_and_edit_pages(built: Path) -> None:
    page = _page(built, "tien-do/viec-can-lam")
    sections = dict(re.findall(r'<h2 id="([a-z0-9-]+)">.*?</h2>\s*<p>.*?</p>\s*(.*?)(?=<h2|</article>|$)', page, re.S))
    ids = {key: re.findall(r"<small>(TH-\d{4})", body) for key, body in sections.items()}
    assert ids["chua-co-anh"] == ["TH-0903", "TH-0902"]  # A–Z: "Đền ..." before "Đình ..."
    assert ids["vi-tri-tam-xa"] == ["TH-0902"] and ids["chua-kiem-tra"] == ["TH-0902"]
    assert ids["bien-chua-gan"] == ["TH-0902"] and ids["bien-hong"] == ["TH-0903"]
    assert "hỏng ngày 2026-01-15: nứt &#34;góc&#34; &lt;trái&gt;" in page
    base = SITE_ROOT + "tien-do/viec-can-lam/"
    links = [html.unescape(href) for href in re.findall(r'<li><a href="([^"]+)">', page)]
    assert links
    for href in links:
        target = urlsplit(urljoin(base, href)).path.lstrip("/")
        assert (built / "site" / target / "index.html").is_file(), href
    edits = [html.unescape(h) for h in re.findall(r'href="(https://github.com/[^"]+/edit/[^"]+)"', page)]
    assert "https://github.com/diachido-thanhhoa/diachido-thanhhoa.github.io/edit/main/sites/dinh-lang-thu.yml" in edits
    for url in edits:
        assert (built / urlsplit(url).path.split("/edit/main/", 1)[1]).is_file()


def test_charts_parse_and_are_byte_identical_across_builds(built: Path, tmp_path: Path) -> None:
    charts = tree_bytes(built / "site" / "tien-do" / "bieu-do")
    assert set(charts) == {"muc-tieu.svg", "day-du.svg", "xep-hang.svg", "loai.svg", "xa.svg", "truoc-2025.svg"}
    for data in charts.values():
        assert ET.fromstring(data).tag == "{http://www.w3.org/2000/svg}svg"
    again = shutil.copytree(built, tmp_path / "again", ignore=shutil.ignore_patterns("site", ".diachido"))
    assert build(load_config(again)).built
    assert tree_bytes(again / "site" / "tien-do") == tree_bytes(built / "site" / "tien-do")
    assert tree_bytes(again / "site" / "generated" / "data" / "ban-giao") == \
        tree_bytes(built / "site" / "generated" / "data" / "ban-giao")


def test_home_footer_leads_to_the_organisers_pages(built: Path) -> None:
    home = _page(built, "")
    footer = re.search(r'<footer class="dcd-organisers">(.*?)</footer>', home, re.S).group(1)
    for href in re.findall(r'href="([^"]+)"', footer):
        assert (built / "site" / href / "index.html").is_file()
    assert "tien-do" not in re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S).group(0)


def test_guide_has_one_rule_for_every_field(built: Path) -> None:
    page = _page(built, "huong-dan")
    shown = re.findall(r'<tr data-field="([^"]+)">', page)
    rules = field_rules()
    assert shown == [rule.path for rule in rules]
    assert all(rule.rule or rule.allowed for rule in rules), [r.path for r in rules if not (r.rule or r.allowed)]
    assert len([r for r in rules if r.depth == 0]) == len(json_schema()["properties"])
    assert "<code>commune-centroid</code>" in page


def test_site_page_reports_a_problem_with_the_site_id(built: Path) -> None:
    page = _page(built, "di-tich/dinh-lang-thu")
    links = [html.unescape(h) for h in re.findall(r'<p class="dcd-report">.*?</p>', page, re.S)[0].split('href="')[1:]]
    queries = [parse_qs(urlsplit(link.split('"')[0]).query) for link in links]
    assert [q["template"] for q in queries] == [["sua-thong-tin.yml"], ["bao-loi-bang-qr.yml"]]
    assert all(q["site-id"] == ["TH-0902"] for q in queries)
    for query in queries:
        assert (Path(__file__).parents[2] / ".github" / "ISSUE_TEMPLATE" / query["template"][0]).is_file()


def test_no_repository_no_links(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p", hostile=False)
    mkdocs = project / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text(re.sub(r"(repository:\n\s+url:)[^\n]*", r"\1", text), encoding="utf-8")
    assert build(load_config(project)).built
    # The class name is in the page's inlined stylesheet; the element must be absent.
    assert 'class="dcd-report' not in _page(project, "di-tich/dinh-lang-thu")
    assert "/edit/" not in _page(project, "tien-do/viec-can-lam")
