"""A build with the caches of the previous one redoes only what changed, and its site
is byte-identical to a clean build. Renders are counted as new cache entries (a render
makes an entry, a hit makes none), never timed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from tests.conftest import RECORD_FIXTURES_DIR, make_records_project, tree_bytes

from generator.build import GENERATED_DIRS, build, generate_content
from generator.config import load_config
from generator.files import project_lock
from generator.media import cache
from generator.records.kinds import load_project
from generator.records.record_cache import CACHE_SUBDIR as RECORD_CACHE

RECORD = "sites/den-thu-nghiem.yml"
PAGE, OTHER_PAGE = "di-tich/den-thu-nghiem/index.md", "di-tich/lam-kinh/index.md"
PLAQUE, OTHER_PLAQUE = "generated/plaques/TH-0901.pdf", "generated/plaques/TH-0002.pdf"
WITH_PHOTO = (RECORD_FIXTURES_DIR / "valid.yml").read_text(encoding="utf-8") + (
    "images:\n  - file: anh/cong.jpg\n    caption: {vi: Cổng đền}\n    credit: Tình nguyện viên\n    licence: CC-BY-4.0\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two published sites, one with a photo, built once (the caches are warm)."""
    root = make_records_project(tmp_path / "p", ["lam-kinh"])
    (root / RECORD).write_text(WITH_PHOTO, encoding="utf-8")
    (root / "sites" / "anh").mkdir()
    Image.new("RGB", (640, 480), (150, 40, 30)).save(root / "sites" / "anh" / "cong.jpg", "JPEG")
    assert build(load_config(root)).built
    return root


def _entries(root: Path) -> dict[str, set[str]]:
    """The rendered outputs' cache entries by kind (not the record cache: one file per record kind)."""
    top = cache.cache_root(root)
    return {kind.name: {entry.name for entry in kind.iterdir()} for kind in top.iterdir()
            if kind.is_dir() and kind.name != RECORD_CACHE}


def _renders(root: Path, before: dict[str, set[str]]) -> dict[str, int]:
    return {kind: len(names - before.get(kind, set())) for kind, names in sorted(_entries(root).items())}


def _regenerate(root: Path) -> list[str]:
    """The files of site_docs/ the generator rewrote (new or different bytes)."""
    config = load_config(root)
    load = load_project(config)
    assert load.ok
    with project_lock(root):
        return generate_content(config, load.published, load).changed_files


def _edit(root: Path, old: str, new: str) -> None:
    path = root / RECORD
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _clean_build_matches(root: Path, tmp_path: Path) -> bool:
    """Build a copy with no caches and no previous output; compare the sites."""
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=lambda folder, names: [".diachido", "site"] if Path(folder) == root else [])
    for name in GENERATED_DIRS:
        shutil.rmtree(clean / "site_docs" / name, ignore_errors=True)
    assert build(load_config(clean)).built
    return tree_bytes(clean / "site") == tree_bytes(root / "site")


def test_nothing_changed_rewrites_nothing_and_renders_nothing(project: Path) -> None:
    before = _entries(project)
    assert _regenerate(project) == []
    assert _renders(project, before) == {"images": 0, "plaques": 0}


def test_a_record_edit_redoes_that_records_page_only_and_matches_a_clean_build(project: Path, tmp_path: Path) -> None:
    before = _entries(project)
    _edit(project, "Di tích dùng để kiểm thử.", "Di tích dùng để kiểm thử, đã sửa.")
    changed = _regenerate(project)
    assert PAGE in changed and OTHER_PAGE not in changed
    assert not any(path.startswith(("generated/plaques/", "generated/img/")) for path in changed)
    assert _renders(project, before) == {"images": 0, "plaques": 0}  # the summary is on no plaque or photo
    assert build(load_config(project)).built
    assert _clean_build_matches(project, tmp_path)


def test_a_name_edit_renders_that_sites_plaque_only(project: Path) -> None:
    before = _entries(project)
    _edit(project, "vi: Đền Thử Nghiệm", "vi: Đền Thử Nghiệm Mới")
    changed = _regenerate(project)
    assert PLAQUE in changed and OTHER_PLAQUE not in changed  # the name is also on other pages (nearby sites)
    assert _renders(project, before) == {"images": 0, "plaques": 1}


def test_a_new_photo_renders_that_photo_only(project: Path, tmp_path: Path) -> None:
    before = _entries(project)
    Image.new("RGB", (640, 480), (20, 90, 160)).save(project / "sites" / "anh" / "cong.jpg", "JPEG")
    changed = _regenerate(project)
    assert PAGE in changed and OTHER_PAGE not in changed and PLAQUE not in changed
    assert _renders(project, before) == {"images": 1, "plaques": 0}
    assert build(load_config(project)).built
    assert _clean_build_matches(project, tmp_path)


def test_a_new_plaque_font_renders_every_plaque_and_no_photo(project: Path, generator_package_copy: Path) -> None:
    before = _entries(project)
    assert _regenerate(project) == []  # the copy is the same generator
    font = next((generator_package_copy / "plaques" / "fonts").glob("*.ttf"))
    font.write_bytes(font.read_bytes() + b"\0")
    cache.generator_version.cache_clear()
    _regenerate(project)
    assert _renders(project, before) == {"images": 0, "plaques": 2}


def test_a_new_generator_version_renders_everything_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _entries(project)
    versions = cache._distribution_versions()
    monkeypatch.setattr(cache, "_distribution_versions", lambda: [("diachido", "99.0"), *versions[1:]])
    cache.generator_version.cache_clear()
    try:
        _regenerate(project)
        assert _renders(project, before) == {"images": 1, "plaques": 2}
    finally:
        cache.generator_version.cache_clear()
