"""generator.preview.render: MkDocs in the preview renders only the files it is told about."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from generator.build import GENERATED_DIRS
from generator.config import load_config
from generator.preview.serve import regenerate
from generator.preview.render import PreviewRenderer
from tests.conftest import make_records_project

PAGE = "di-tich/lam-kinh/index.md"


def _free_address() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A generated two-site project rendered once; the renderer is not serving (its
    builder is called directly, as the server's build loop would)."""
    project = make_records_project(tmp_path / "p", ["lam-kinh", "thanh-nha-ho"])
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("engine: espeak-ng", "engine: none"),
                           encoding="utf-8")
    assert regenerate(load_config(project), pytest.fail, "en").ok
    monkeypatch.chdir(project)  # as `diachido serve` does: mkdocs.yml's relative paths start there
    renderer = PreviewRenderer(config_file, _free_address(), GENERATED_DIRS)
    renderer.render_all()
    yield project, renderer
    renderer.server.server_close()
    shutil.rmtree(renderer.site_dir)  # serve_forever would have removed it


def _outputs(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_a_changed_page_is_rendered_alone(rendered):
    project, renderer = rendered
    before = _outputs(renderer.site_dir)
    source = project / "site_docs" / PAGE
    source.write_text(source.read_text(encoding="utf-8").replace("Lam Kinh", "Lam Kinh (đã sửa)", 1), encoding="utf-8")
    renderer.request([PAGE])
    renderer.render_requested()
    assert "Lam Kinh (đã sửa)" in (renderer.site_dir / "di-tich/lam-kinh/index.html").read_text(encoding="utf-8")
    after = _outputs(renderer.site_dir)
    assert {path for path, time in after.items() if before.get(path) != time} == {"di-tich/lam-kinh/index.html"}
    assert renderer.rendered_pages == 1


def test_a_new_data_file_is_copied_and_a_new_page_rendered(rendered):
    project, renderer = rendered
    data = project / "site_docs" / "generated" / "map" / "new.0123456789.json"
    data.write_text("{}", encoding="utf-8")
    renderer.request([data.relative_to(project / "site_docs").as_posix()])
    renderer.render_requested()
    assert (renderer.site_dir / "generated/map/new.0123456789.json").read_text(encoding="utf-8") == "{}"
    page = project / "site_docs" / "di-tich" / "moi" / "index.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: Trang mới\n---\n\nMột trang mới.\n", encoding="utf-8")
    renderer.request(["di-tich/moi/index.md"])
    renderer.render_requested()
    assert "Một trang mới." in (renderer.site_dir / "di-tich/moi/index.html").read_text(encoding="utf-8")
    page.unlink()
    renderer.request(["di-tich/moi/index.md"])
    renderer.render_requested()
    assert not (renderer.site_dir / "di-tich/moi/index.html").exists()


def test_a_hand_written_page_is_rendered_when_its_time_changes(rendered):
    project, renderer = rendered
    home = project / "site_docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nMột dòng mới của tình nguyện viên.\n", encoding="utf-8")
    renderer.request_handwritten()
    renderer.render_requested()
    assert "Một dòng mới của tình nguyện viên." in (renderer.site_dir / "index.html").read_text(encoding="utf-8")
    assert renderer.rendered_pages == 1


def test_a_changed_mkdocs_yml_is_read_again_and_every_page_rendered(rendered):
    project, renderer = rendered
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  - generated/dcd/site.js\n", "  - generated/dcd/site.js\n  - generated/dcd/them.js\n", 1), encoding="utf-8")
    renderer.render_requested()  # what MkDocs' own poll of mkdocs.yml sets off
    for page in ("index.html", "di-tich/lam-kinh/index.html", "di-tich/thanh-nha-ho/index.html"):
        assert "generated/dcd/them.js" in (renderer.site_dir / page).read_text(encoding="utf-8")
