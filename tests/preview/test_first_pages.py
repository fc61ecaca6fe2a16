"""generator.preview.first_pages: an edit's own pages first, the same bytes as the full generation."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from generator import build
from generator.build import GENERATED_DIRS, generate_content
from generator.config import load_config
from generator.records.kinds import load_project
from generator.preview.serve import regenerate
from generator.preview.first_pages import Shown, affected_sites, write_first_pages
from generator.site.site_page import render_site_page
from generator.site.writer import site_context
from tests.conftest import make_records_project, sample_site_names, tree_bytes

FEW = ["lam-kinh", "thanh-nha-ho", "khu-di-tich-ba-trieu", "cau-ham-rong"]


def _quiet_project(root: Path, samples: list[str]) -> Path:
    """A project of sample sites without the machine voice (it would narrate every page)."""
    project = make_records_project(root, samples)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("engine: espeak-ng", "engine: none"), encoding="utf-8")
    return project


def _rename(project: Path, stem: str, words: str) -> None:
    record = project / "sites" / f"{stem}.yml"
    text = record.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("  vi: "))
    record.write_text(text.replace(name, name + words, 1), encoding="utf-8")


def _pages(sites, ctx) -> dict[tuple[str, str], str]:
    return {(site.id, lang): render_site_page(site, lang, ctx)
            for site in sites for lang in (("vi", "en") if site.id in ctx.english else ("vi",))}


def test_the_affected_sites_are_exactly_those_whose_pages_change(tmp_path):
    project = _quiet_project(tmp_path / "p", sample_site_names())
    config = load_config(project)
    before = load_project(config)
    edited = before.published[len(before.published) // 2]
    _rename(project, edited.slug, " (đã sửa)")
    after = load_project(config)
    assert after.ok
    affected = {site.id for site in affected_sites(Shown(before), after.published)[0]}
    old = _pages(before.published, site_context(config, before.published, tmp_path / "a")[0])
    new = _pages(after.published, site_context(config, after.published, tmp_path / "b")[0])
    changed = {site_id for (site_id, lang), text in new.items() if old[(site_id, lang)] != text}
    assert edited.id in changed and changed == affected
    assert len(affected) < len(after.published) / 3  # the neighbours that name it, not every site


def test_moving_a_site_also_redoes_the_sites_it_left_and_joined(tmp_path):
    project = _quiet_project(tmp_path / "p", sample_site_names())
    config = load_config(project)
    before = load_project(config)
    moved = next(site for site in before.published if site.location)
    record = project / "sites" / f"{moved.slug}.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(f"lat: {moved.location.lat}", "lat: 20.4", 1),
                      encoding="utf-8")
    after = load_project(config)
    assert after.ok
    affected = {site.id for site in affected_sites(Shown(before), after.published)[0]}
    old = _pages(before.published, site_context(config, before.published, tmp_path / "a")[0])
    new = _pages(after.published, site_context(config, after.published, tmp_path / "b")[0])
    assert {site_id for key, text in new.items() if old[key] != text for site_id in [key[0]]} <= affected


def test_nothing_changed_writes_nothing(tmp_path):
    project = _quiet_project(tmp_path / "p", FEW)
    config = load_config(project)
    load = load_project(config)
    assert affected_sites(Shown(load), load_project(config).published)[0] == []
    assert write_first_pages(config, Shown(load), load)[0].written == []


def test_after_an_edit_the_preview_content_is_byte_identical_to_a_full_generation(tmp_path):
    project = _quiet_project(tmp_path / "p", FEW)
    config = load_config(project)
    shown: list[Shown] = []
    regenerate(config, pytest.fail, "en", on_shown=shown.append)
    docs = project / "site_docs"
    times = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    _rename(project, "cau-ham-rong", " mới")
    written: list[list[str]] = []
    assert regenerate(config, pytest.fail, "en", shown[0], written.append, shown.append).ok and len(shown) == 2
    first, rest = written
    assert "di-tich/cau-ham-rong/index.md" in first and len(first) < 8
    assert not set(first) & set(rest)  # the full generation found those already written
    # Unrelated files keep their times (the renderer is told only about what changed).
    touched = {p.relative_to(docs).as_posix() for p, t in times.items() if p.exists() and p.stat().st_mtime_ns != t}
    assert touched <= set(first) | set(rest)

    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns(".diachido"))
    for name in GENERATED_DIRS:
        shutil.rmtree(clean / "site_docs" / name, ignore_errors=True)
    clean_config = load_config(clean)
    load = load_project(clean_config)
    generate_content(clean_config, load.published, load)
    assert tree_bytes(clean / "site_docs") == tree_bytes(docs)


def test_a_generation_that_fails_puts_the_early_pages_back(tmp_path, monkeypatch):
    project = _quiet_project(tmp_path / "p", FEW)
    config = load_config(project)
    shown: list[Shown] = []
    regenerate(config, pytest.fail, "en", on_shown=shown.append)
    before = tree_bytes(project / "site_docs")
    _rename(project, "cau-ham-rong", " mới")

    def disk_full(config, sites, docs_root, *listings):  # a content writer meeting a full disk
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(docs_root / "ban-do" / "index.md"))

    monkeypatch.setattr(build, "CONTENT_WRITERS", [*build.CONTENT_WRITERS, disk_full])
    problems: list[str] = []
    written: list[list[str]] = []
    assert regenerate(config, problems.append, "en", shown[0], written.append, shown.append).ok
    assert len(shown) == 1  # still what docs_dir holds
    assert len(problems) == 1 and "ban-do" in problems[0]
    assert "di-tich/cau-ham-rong/index.md" in written[0] and written[-1] == written[0]  # written, then put back
    assert tree_bytes(project / "site_docs") == before
