"""The register of printed plaques, and the check that keeps every printed URL alive."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.plaques.test_command import make_project, make_site

from generator.config import ProjectConfig
from generator.i18n.messages import translate
from generator.plaques.errors import PlaqueError
from generator.plaques.registry import check_registry, load_registry, record_printed, registry_path, registry_problems
from generator.urls import short_path


def build_site(site_dir: Path, *site_ids: str) -> Path:
    """A built site with the permanent short page of each id."""
    for site_id in site_ids:
        page = site_dir / short_path(site_id) / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<!doctype html><title>x</title>", encoding="utf-8")
    return site_dir


def test_record_writes_every_url_with_its_dates(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    record_printed(config, [make_site("TH-0042"), make_site("TH-0007")], when=dt.date(2025, 6, 30))
    record_printed(config, [make_site("TH-0042")], when=dt.date(2026, 3, 2))
    record_printed(config, [make_site("TH-0042")], when=dt.date(2026, 3, 2))
    path = registry_path(config)
    assert path == tmp_path / "project" / "plaques" / "registry.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Sổ biển QR đã in")
    assert "  url: https://example.org/dcd/s/TH-0042/\n  printed: [2025-06-30, 2026-03-02]\n" in text
    entries = load_registry(path)
    assert [(e.site_id, e.url, e.printed) for e in entries] == [
        ("TH-0007", "https://example.org/dcd/s/TH-0007/", (dt.date(2025, 6, 30),)),
        ("TH-0042", "https://example.org/dcd/s/TH-0042/", (dt.date(2025, 6, 30), dt.date(2026, 3, 2))),
    ]


def test_nothing_printed_means_nothing_to_check(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    assert check_registry(config, tmp_path / "site") == []


def test_all_printed_pages_present_passes(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    record_printed(config, [make_site("TH-0042"), make_site("TH-0007")], when=dt.date(2025, 6, 30))
    assert check_registry(config, build_site(tmp_path / "site", "TH-0042", "TH-0007")) == []


def test_missing_page_of_a_printed_plaque_is_reported(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    record_printed(config, [make_site("TH-0042"), make_site("TH-0007")], when=dt.date(2025, 6, 30))
    site = build_site(tmp_path / "site", "TH-0042")
    assert [code for code, _ in registry_problems(config, site)] == ["plaques.registry_dead"]
    (vi,) = check_registry(config, site, lang="vi")
    (en,) = check_registry(config, site, lang="en")
    assert vi.startswith("biển QR TH-0007 đã in (ngày 2025-06-30) trỏ tới https://example.org/dcd/s/TH-0007/")
    # The page the site lacks, site-relative: the build's staging folder means nothing to a volunteer.
    assert "(thiếu s/TH-0007/)" in vi and str(site) not in vi
    assert en.startswith("QR plaque TH-0007, printed 2025-06-30, points to https://example.org/dcd/s/TH-0007/")


def test_changed_site_url_breaks_every_printed_plaque(tmp_path: Path) -> None:
    old = make_project(tmp_path / "project")
    record_printed(old, [make_site("TH-0042")], when=dt.date(2025, 6, 30))
    moved: ProjectConfig = make_project(tmp_path / "project", site_url="https://new.example.org/")
    site = build_site(tmp_path / "site", "TH-0042")
    (problem,) = registry_problems(moved, site)
    assert problem[0] == "plaques.registry_moved"
    assert problem[1]["site_url"] == "https://new.example.org/"


def test_damaged_registry_fails_loudly(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    path = registry_path(config)
    path.parent.mkdir(parents=True)
    path.write_text("plaques:\n- id: TH-0042\n  printed: [yesterday]\n", encoding="utf-8")
    assert [code for code, _ in registry_problems(config, tmp_path / "site")] == ["plaques.registry_invalid"]
    path.write_text("plaques: [\n", encoding="utf-8")
    (message,) = check_registry(config, tmp_path / "site", lang="en")
    assert message.startswith(f"{path}:2:1: the plaque register is damaged (YAML syntax error")


ENTRY = "- id: TH-0042\n  url: https://example.org/dcd/s/TH-0042/\n  printed: [2025-06-30]\n"


@pytest.mark.parametrize("text, where, code", [
    ("a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nplaques:\n" + ENTRY, ":2:4", "yaml.alias"),
    ("plaques:\n- !!python/object/apply:os.system [echo pwned]\n", ":2:3", "yaml.tag"),
    ("plaques:\n" + ENTRY + "plaques: []\n", ":5:1", "yaml.duplicate_key"),
    ("plaques: " + "[" * 5000 + "]" * 5000 + "\n", ":1:", "yaml.too_deep"),
    ("plaques:\n" + ENTRY + "# " + "x" * (4 * 1024 * 1024) + "\n", "", "file.too_large"),
    ("plaques:\n" + ENTRY.replace("TH-0042\n", "TH-0042\t\n"), ":2:14", "yaml.tab"),
], ids=["alias-bomb", "python-tag", "duplicate-key", "deep", "too-large", "tab"])
def test_the_registry_goes_through_the_records_safe_loader(tmp_path: Path, text: str, where: str, code: str) -> None:
    config = make_project(tmp_path / "project")
    path = registry_path(config)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlaqueError) as caught:
        load_registry(path)
    assert caught.value.code == "plaques.registry_invalid"
    assert caught.value.params["path"].startswith(f"{path}{where}")
    assert caught.value.params["problem"][0] == code


@pytest.mark.parametrize("url", [
    "https://example.org/dcd/../../../../tmp/fakepage/",
    "https://example.org/dcd/s/%2e%2e/%2E%2E/tmp/",
    "https://example.org/dcd/s/./TH-0042/",
    "http://example.org/dcd/s/TH-0042/",
    "file:///etc/passwd",
    "https://example.org/dcd/s/TH-0042/?next=..",
    "https://example.org/dcd/s\\..\\..\\x/",
])
def test_a_registry_url_that_leaves_the_site_is_a_wrong_entry(tmp_path: Path, url: str) -> None:
    """Not advice to change site_url, and never a look at a page outside the built site."""
    config = make_project(tmp_path / "project")
    path = registry_path(config)
    path.parent.mkdir(parents=True)
    path.write_text("plaques:\n" + ENTRY + "\n" + ENTRY.replace("TH-0042", "TH-0007").replace(
        "https://example.org/dcd/s/TH-0007/", url), encoding="utf-8")
    outside = tmp_path / "tmp" / "fakepage" / "index.html"  # what the old check found and accepted
    outside.parent.mkdir(parents=True)
    outside.write_text("x", encoding="utf-8")
    site = build_site(tmp_path / "site", "TH-0042", "TH-0007")
    assert [code for code, _ in registry_problems(config, site)] == ["plaques.registry_bad_url"]
    (en,) = check_registry(config, site, lang="en")
    assert en.startswith(f"{path}:7:8: url: entry TH-0007 of the plaque register has the address {url}")
    assert "This register entry is wrong, not site_url" in en and "site_url (" not in en
    (vi,) = check_registry(config, site, lang="vi")
    assert vi.startswith(f"{path}:7:8: url: mục TH-0007 trong sổ biển QR") and "Mục này trong sổ bị sai" in vi


def test_an_unknown_field_in_a_registry_entry_is_an_error_at_its_line(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    path = registry_path(config)
    path.parent.mkdir(parents=True)
    path.write_text("plaques:\n" + ENTRY + "  instaled: []\n", encoding="utf-8")
    with pytest.raises(PlaqueError) as caught:
        load_registry(path)
    assert caught.value.code == "plaques.registry_unknown_key"
    message = translate(caught.value.code, "en", **caught.value.params)
    assert message.startswith(f"{path}:5:3: instaled: entry TH-0042 of the plaque register has an unknown field 'instaled'")
    assert "trường lạ 'instaled'" in translate(caught.value.code, "vi", **caught.value.params)


def test_a_registry_of_comments_only_records_nothing(tmp_path: Path) -> None:
    path = tmp_path / "registry.yml"
    path.write_text("# Sổ biển QR đã in\n", encoding="utf-8")
    assert load_registry(path) == []


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_any_registry_text_gives_entries_or_a_message(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "registry.yml"
        path.write_text("plaques:\n" + text, encoding="utf-8")
        try:
            entries = load_registry(path)
        except PlaqueError as error:
            assert error.code in {"plaques.registry_invalid", "plaques.registry_bad_url", "plaques.registry_unknown_key"}
            translate(error.code, "vi", **error.params)  # a message can be made of it
            return
        assert all(isinstance(entry.printed, tuple) for entry in entries)


def test_build_refuses_to_break_a_printed_plaque_and_keeps_the_last_site(sample_project: Path) -> None:
    """End to end: print (record) a plaque, delete its site, build: refused, site/ intact."""
    from tests.conftest import run_cli
    from tests.plaques.test_printable import use_site_url

    use_site_url(sample_project)
    assert run_cli(sample_project, "build").exit_code == 0
    assert run_cli(sample_project, "plaques", "--size", "sticker", "--format", "png", "--record").exit_code == 0
    page = sample_project / "site" / "s" / "TH-0028" / "index.html"  # nha-me-tom
    before = page.read_bytes()
    (sample_project / "sites" / "nha-me-tom.yml").unlink()
    result = run_cli(sample_project, "--lang", "en", "build")
    assert result.exit_code == 1
    assert "s/TH-0028/" in result.output and "previous one" in result.output
    assert page.read_bytes() == before


def test_check_refuses_what_the_build_would_a_printed_record_unpublished(sample_project: Path) -> None:
    """``check`` passing means ``build`` passes: a printed id whose record went back to draft
    (or was deleted) is an error at the register's line, before any build."""
    from tests.conftest import run_cli
    from tests.plaques.test_printable import use_site_url

    use_site_url(sample_project)
    assert run_cli(sample_project, "plaques", "--size", "sticker", "--format", "pdf", "--record").exit_code == 0
    assert run_cli(sample_project, "check").exit_code == 0
    registry = sample_project / "plaques" / "registry.yml"
    line = registry.read_text(encoding="utf-8").splitlines().index("- id: TH-0028") + 1  # nha-me-tom
    record = sample_project / "sites" / "nha-me-tom.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    result = run_cli(sample_project, "--lang", "en", "check")
    assert result.exit_code == 1
    assert (f"plaques/registry.yml:{line}:1: QR plaque TH-0028, printed {dt.date.today()}, points to "
            f"https://ditich.thanhhoa.example.vn/s/TH-0028/, but no record TH-0028 is published any more") in result.output
    record.unlink()
    vi = run_cli(sample_project, "check")
    assert vi.exit_code == 1 and f"plaques/registry.yml:{line}:1: biển QR TH-0028 đã in" in vi.output
