"""Links into the repository: edit pages and prefilled issue forms, only when configured."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from tests.plaques.test_command import make_project

from generator.config import ConfigError, load_config
from generator.repository import ISSUE_FORMS, SITE_ID_FIELD, Repository, repository

FORMS_DIR = Path(__file__).resolve().parents[1] / ".github" / "ISSUE_TEMPLATE"


def _with(config, block):  # type: ignore[no-untyped-def]
    return dataclasses.replace(config, extra={**config.extra, "repository": block})


def test_links_from_the_configured_repository(tmp_path: Path) -> None:
    config = _with(make_project(tmp_path), {"url": "https://github.com/org/repo/", "branch": "trunk"})
    repo = repository(config)
    assert repo == Repository("https://github.com/org/repo", "trunk")
    assert repo.edit_url("sites/đền bà.yml") == "https://github.com/org/repo/edit/trunk/sites/%C4%91%E1%BB%81n%20b%C3%A0.yml"
    url = repo.issue_url("plaque", "[TH-0042] Biển & QR", "TH-0042")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith("https://github.com/org/repo/issues/new?")
    assert query == {"template": ["bao-loi-bang-qr.yml"], "title": ["[TH-0042] Biển & QR"], "site-id": ["TH-0042"]}


def test_absent_or_empty_repository_means_no_links(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    assert repository(config) is None
    assert repository(_with(config, {"url": ""})) is None


@pytest.mark.parametrize("block", [{"url": "javascript:alert(1)"}, {"url": "http://github.com/o/r"},
                                   {"url": 'https://github.com/o/r" onclick="x'}, "https://github.com/o/r"])
def test_bad_repository_settings_are_config_errors(tmp_path: Path, block: object) -> None:
    with pytest.raises(ConfigError) as caught:
        repository(_with(make_project(tmp_path), block))
    assert caught.value.code in ("config.repository_url", "config.repository_shape")


def test_every_linked_form_exists_and_asks_for_the_site_id() -> None:
    for key, name in ISSUE_FORMS.items():
        form = yaml.safe_load((FORMS_DIR / name).read_text(encoding="utf-8"))
        ids = [field.get("id") for field in form["body"]]
        assert key == "new_site" or SITE_ID_FIELD in ids, name


def test_a_bad_repository_url_stops_loading_the_configuration(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    mkdocs = config.root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8") + "    repository: {url: 'ftp://example.org/r'}\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config.root)
    assert (caught.value.code, caught.value.setting) == ("config.repository_url", ("extra", "diachido", "repository", "url"))
    assert "'ftp://example.org/r'" in caught.value.describe("vi") and "https" in caught.value.describe("en")
