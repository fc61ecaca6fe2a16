"""End-to-end ``diachido build``: records -> site_docs/ -> a real MkDocs build into site/.

Builds run in temporary copies of the project: once with every shipped sample, once
with a few samples plus hostile records. Whole builds run as separate processes with
different hash seeds, so "byte-identical" also covers set and dict ordering.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import (
    FEW_SAMPLES,
    LANGUAGE_ENV_VARS,
    RECORD_FIXTURES_DIR,
    add_record_fixture,
    load_project,
    make_records_project,
    run_cli,
    sample_site_names,
    tree_bytes,
)

DIACHIDO = Path(sys.executable).with_name("diachido")
MARKER = "dcdxss"  # every hostile payload calls dcdxss(): it must never become live markup

HOSTILE_RECORD = """\
id: TH-0990
slug: den-thu-xss
former_slugs: [den-cu-xss]
status: published
name:
  vi: 'Đền "Thử" onload="dcdxss()" & Co'
  en: "Temple ' onmouseover='dcdxss()"
category: [historical]
rank:
  level: national
  decision: '" onfocus="dcdxss()'
location: {lat: 19.85, lon: 105.70, quality: site-survey, source: "javascript:dcdxss()"}
address: {province: Thanh Hóa, commune: "Xã \\" onclick=\\"dcdxss()"}
summary:
  vi: 'Tóm tắt " onload="dcdxss()" và javascript:dcdxss() &amp; &lt;b&gt;'
  en: "Summary ' onload='dcdxss()' javascript:dcdxss()"
history:
  vi: |
    ## Lịch sử

    Đoạn mở đầu an toàn.

    <script>dcdxss()</script>

    <img src=x onerror="dcdxss()">

    [bấm vào](javascript:dcdxss())

    <a href="javascript:dcdxss()">liên kết</a>

    <iframe src="javascript:dcdxss()"></iframe>

    <div onmouseover="dcdxss()">di chuột</div>

    <svg><script>dcdxss()</script></svg>

    [dữ liệu](data:text/html;base64,PHNjcmlwdD4=)
sources:
  # A quote or angle bracket makes check refuse the address (tests/records/test_schema.py);
  # what remains allowed must still never leave the href attribute.
  - url: "https://example.org/?q='onmouseover='dcdxss()&x=1"
    title: '" onclick="dcdxss()'
tags: ['" onload="dcdxss()']
notes:
  vi: '" onmouseover="dcdxss()'
"""
HOSTILE_NAME = 'Đền "Thử" onload="dcdxss()" & Co'


def build_process(project: Path, seed: str = "1") -> subprocess.CompletedProcess:
    """``diachido build`` as a real process, with a chosen hash seed and no locale."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_ENV_VARS}
    env["PYTHONHASHSEED"] = seed
    return subprocess.run([str(DIACHIDO), "build"], cwd=project, capture_output=True, text=True, env=env, timeout=300)


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


@pytest.fixture(scope="module")
def built_samples(tmp_path_factory) -> Path:
    """Every shipped sample site, built once."""
    project = make_records_project(tmp_path_factory.mktemp("samples") / "project", sample_site_names(), ledger=True)
    run = build_process(project)
    assert run.returncode == 0, run.stdout + run.stderr
    return project


@pytest.fixture(scope="module")
def built_small(tmp_path_factory) -> Path:
    """A few samples, a draft, a site without a point and a hostile record, built once."""
    project = make_records_project(tmp_path_factory.mktemp("small") / "project", FEW_SAMPLES, ledger=True)
    sites = project / "sites"
    (sites / "den-thu-xss.yml").write_text(HOSTILE_RECORD, encoding="utf-8")
    draft = (RECORD_FIXTURES_DIR / "valid.yml").read_text(encoding="utf-8").replace("status: published", "status: draft")
    (sites / "nhap.yml").write_text(draft.replace("TH-0901", "TH-0991").replace("den-thu-nghiem", "den-nhap"), encoding="utf-8")
    nowhere = (RECORD_FIXTURES_DIR / "valid.yml").read_text(encoding="utf-8")
    nowhere = nowhere.replace("location:\n  lat: 19.80\n  lon: 105.78\n  quality: site-survey\n", "")
    (sites / "chua-ro-vi-tri.yml").write_text(nowhere.replace("TH-0901", "TH-0992").replace("den-thu-nghiem", "chua-ro-vi-tri"),
                                              encoding="utf-8")
    run = build_process(project)
    assert run.returncode == 0, run.stdout + run.stderr
    return project


# --- the shipped samples ---------------------------------------------------------------------


def test_every_published_sample_has_its_page_and_permanent_address(built_samples):
    result = load_project(built_samples)
    assert len(result.published) == len(sample_site_names()) == 42
    site = built_samples / "site"
    for record in result.published:
        page = site / "di-tich" / record.slug / "index.html"
        short = site / "s" / record.id / "index.html"
        assert page.is_file() and short.is_file(), record.slug
        text = page.read_text(encoding="utf-8")
        assert html.escape(record.name.vi, quote=False) in text and record.id in text
        assert f"di-tich/{record.slug}/" in short.read_text(encoding="utf-8")  # it leads to the page
    listing = (site / "di-tich" / "index.html").read_text(encoding="utf-8")
    assert all(f"{record.slug}/" in listing for record in result.published)
    assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file()


def test_building_the_samples_twice_gives_byte_identical_output(built_samples, tmp_path):
    first = tree_bytes(built_samples / "site")
    again = copy_project(built_samples, tmp_path / "again")
    run = build_process(again, seed="2")
    assert run.returncode == 0, run.stdout + run.stderr
    second = tree_bytes(again / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_build_leaves_no_staging_folders_behind(built_samples):
    work = built_samples / ".diachido"
    leftovers = [p.name for p in work.iterdir() if p.name.startswith(("site-", "docs-"))] if work.exists() else []
    assert leftovers == []
    assert not (built_samples / "site.old").exists()


# --- a small project: drafts, missing points, hostile text -------------------------------------


def test_drafts_get_no_page_and_sites_without_a_point_do(built_small):
    site = built_small / "site"
    assert not (site / "di-tich" / "den-nhap").exists() and not (site / "s" / "TH-0991").exists()
    assert "den-nhap" not in (site / "di-tich" / "index.html").read_text(encoding="utf-8")
    assert (site / "di-tich" / "chua-ro-vi-tri" / "index.html").is_file()
    assert (site / "s" / "TH-0992" / "index.html").is_file()


def test_former_slugs_keep_working(built_small):
    old = built_small / "site" / "di-tich" / "den-cu-xss" / "index.html"
    assert old.is_file() and "den-thu-xss/" in old.read_text(encoding="utf-8")


class _LiveMarkup(HTMLParser):
    """Collects any way the marker could run: event handlers, script URLs, script bodies."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "content"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed") and any(MARKER in (v or "") for _, v in attrs):
            self.live.append(f"<{tag}> {attrs}")
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on") and MARKER in value:
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in self.URL_ATTRIBUTES and MARKER in value and value.lower().startswith(("javascript:", "data:")):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in self.URL_ATTRIBUTES and value.lower().startswith("data:text/html"):
                self.live.append(f"<{tag} {name}={value!r}>")
        if tag not in ("img", "meta", "link", "br", "hr", "input"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        inside = self._in[-1] if self._in else ""
        if inside == "script" and data.strip().startswith(MARKER):
            self.live.append(f"<script>{data.strip()}</script>")
        elif inside == "title":
            self.title += data
        elif inside not in ("script", "style"):
            self.text.append(data)


def _parse(path: Path) -> _LiveMarkup:
    parser = _LiveMarkup()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_text_from_yaml_never_becomes_live_markup(built_small):
    pages = sorted((built_small / "site").rglob("*.html"))
    live = {str(p.relative_to(built_small / "site")): _parse(p).live for p in pages}
    assert {page: found for page, found in live.items() if found} == {}
    # The hostile text really is on the page, shown as text (so the check above has teeth).
    page = _parse(built_small / "site" / "di-tich" / "den-thu-xss" / "index.html")
    shown = " ".join(page.text)
    assert 'Tóm tắt " onload="dcdxss()" và javascript:dcdxss() &amp; &lt;b&gt;' in shown
    assert "Đoạn mở đầu an toàn." in shown and "di chuột" in shown
    assert page.title.startswith(HOSTILE_NAME)  # escaped once: shown exactly as written


# --- failures keep the previous site ------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["lat_lon_swapped.yml", "markup_in_name.yml", "alias_bomb.yml"])
def test_a_broken_record_fails_the_build_and_keeps_the_previous_site(built_small, tmp_path, fixture):
    project = copy_project(built_small, tmp_path / "p")
    site_before, docs_before = tree_bytes(project / "site"), tree_bytes(project / "site_docs")
    add_record_fixture(project, fixture)
    result = run_cli(project, "--lang", "en", "build")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"sites/{fixture}:" in result.stderr and "Traceback" not in result.output
    assert f"No new site was built; the previous one in {project / 'site'} is unchanged." in result.stdout
    assert tree_bytes(project / "site") == site_before
    assert tree_bytes(project / "site_docs") == docs_before


def test_a_renderer_failure_keeps_the_previous_site(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    before = tree_bytes(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: khong-co-giao-dien"), encoding="utf-8")
    result = run_cli(project, "--lang", "en", "build")
    assert result.exit_code == 1
    assert "MkDocs failed while rendering" in result.stdout
    assert "khong-co-giao-dien" in result.stderr  # MkDocs' own explanation is shown
    assert tree_bytes(project / "site") == before
    assert [p.name for p in (project / ".diachido").iterdir() if p.name.startswith("site-")] == []


def test_a_fixed_record_builds_again(built_small, tmp_path):
    project = copy_project(built_small, tmp_path / "p")
    add_record_fixture(project, "lat_lon_swapped.yml", "sua.yml")
    assert run_cli(project, "build").exit_code == 1
    fixed = (RECORD_FIXTURES_DIR / "valid.yml").read_text(encoding="utf-8").replace("den-thu-nghiem", "da-sua")
    (project / "sites" / "sua.yml").write_text(fixed, encoding="utf-8")
    run = build_process(project)
    assert run.returncode == 0, run.stderr
    assert (project / "site" / "di-tich" / "da-sua" / "index.html").is_file()


def test_files_made_beside_the_render_land_where_a_serial_build_puts_them(built_small, tmp_path):
    """The plaque PDFs a build makes while MkDocs renders (``build.STATIC_WRITERS``) end
    up in site/ and site_docs/ byte for byte as when they are written before the render,
    as the preview writes them."""
    from generator.build import KIND_POST_RENDER, POST_RENDER_STEPS, generate_content, render_site
    from generator.config import load_config
    from generator.records.kinds import load_project as load_kinds

    project = copy_project(built_small, tmp_path / "serial")
    shutil.rmtree(project / ".diachido")
    config = load_config(project)
    load = load_kinds(config)
    generate_content(config, load.published, load)
    rendered, output = render_site(config)
    assert rendered is not None, output
    for step in POST_RENDER_STEPS:
        step(config, load.published, rendered)
    for kind_step in KIND_POST_RENDER:
        kind_step(config, load, rendered)
    serial = tree_bytes(rendered)
    assert any(path.startswith("generated/plaques/") and path.endswith(".pdf") for path in serial)
    assert serial == tree_bytes(built_small / "site")
    assert tree_bytes(project / "site_docs") == tree_bytes(built_small / "site_docs")
