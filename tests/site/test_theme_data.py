"""The data partial the theme overrides read (English navigation, words, 404 facts)."""

from __future__ import annotations

import jinja2
import yaml

from generator.config import load_config
from generator.site.theme_data import english_nav, render_theme_data, theme_data
from tests.conftest import REPO_ROOT


def _nav_urls(entries: list) -> list[str]:
    """MkDocs' URL of each page in mkdocs.yml's nav (directory URLs)."""
    found = []
    for entry in entries:
        for value in entry.values():
            if isinstance(value, list):
                found += _nav_urls(value)
            else:
                found.append(value.removesuffix("index.md"))
    return found


def test_every_entry_of_the_shipped_navigation_has_an_english_label() -> None:
    nav = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    english = english_nav()
    assert _nav_urls(nav) and all(url in english for url in _nav_urls(nav))
    assert english[""] == {"title": "Home", "url": "en/"}
    assert english["tim-kiem/"]["url"] == "en/search/"
    # The lists of tours and villages have English versions, and are in the navigation.
    assert english["tuyen-tham-quan/"] == {"title": "Tours", "url": "en/tuyen-tham-quan/"}
    assert english["thon/"] == {"title": "Villages", "url": "en/thon/"}
    assert {"tuyen-tham-quan/", "thon/"} <= set(_nav_urls(nav))


def test_partial_is_a_jinja_template_that_sets_the_data() -> None:
    config = load_config(REPO_ROOT)
    env = jinja2.Environment(loader=jinja2.DictLoader({"data.html": render_theme_data(config),
                                                       "use.html": '{% import "data.html" as data %}'
                                                                   '{{ data.dcd.words.vi.not_found_title }}|'
                                                                   '{{ data.dcd.nav_en["ban-do/"].title }}'}))
    assert env.get_template("use.html").render() == "Không tìm thấy trang này|Map of sites"
    data = theme_data(config)
    assert data["id_prefix"] == "TH" and data["base_path"] == "/"
    assert {"s", "di-tich", "en", "assets", "generated"} <= set(data["root_folders"])
