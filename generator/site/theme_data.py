"""Facts the theme overrides need, handed to them as data: ``partials/dcd_data.html``.

MkDocs only renders (no project Python inside it), and mkdocs-material renders one
navigation for the whole site. So the generator writes, beside the copied overrides, a
Jinja partial that only sets variables: the English navigation (label and target per
Vietnamese navigation URL), the interface words the theme prints, and what the 404
page's script needs to turn a mistyped plaque address into the site's page (the site's
top-level folders, the id prefix and the short-address folder).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import urls
from ..config import ProjectConfig
from ..i18n.labels import ui
from ..i18n.route_labels import ROUTE_UI
from ..map.data import MAP_PAGE_DIR
from ..records.kinds import KINDS

DATA_PARTIAL = Path("partials") / "dcd_data.html"
# Interface words the theme prints, per language (the rest of the theme's words come
# from mkdocs-material's own translations).
THEME_WORDS = ("home", "search", "search_title", "search_button", "search_label", "all_sites", "lists",
               "switch_language", "not_found_title", "not_found_text", "plaque_id_label", "plaque_id_button",
               "search_name_label", "redirecting")
# Folders every build puts at the site root, besides the hand-written ones found in docs_dir.
# Every generated one must be here: docs_dir holds the previous build's generated folders,
# so one missing here would make a rebuild's 404 page differ from a clean build's.
ROOT_FOLDERS = ("assets", urls.GENERATED_DIR, urls.SITE_PAGES_DIR, urls.SHORT_DIR, urls.ENGLISH_DIR, urls.LISTS_DIR,
                urls.SEARCH_DIRS["vi"], MAP_PAGE_DIR, urls.DASHBOARD_DIR, urls.GUIDE_DIR)


def english_nav() -> dict[str, dict[str, str]]:
    """English label and target for each Vietnamese navigation URL we know
    (root-relative, as MkDocs' ``nav_item.url``). A nav entry an organiser adds that is
    not here keeps its Vietnamese label and target on English pages."""
    en = ui("en")
    all_sites = {"title": en["all_sites"], "url": urls.site_list_path("en")}
    return {
        urls.home_path(): {"title": en["home"], "url": urls.home_path("en")},
        urls.search_page_path(): {"title": en["search"], "url": urls.search_page_path("en")},
        urls.lists_index_path(): all_sites,
        urls.site_list_path(): all_sites,
        f"{MAP_PAGE_DIR}/": {"title": en["map_nav"], "url": f"{urls.ENGLISH_DIR}/{MAP_PAGE_DIR}/"},
        **{urls.record_list_path(folder): {"title": ROUTE_UI["en"][key], "url": urls.record_list_path(folder, "en")}
           for folder, key in ((urls.TOUR_PAGES_DIR, "tours"), (urls.VILLAGE_PAGES_DIR, "villages"))},
    }


def theme_data(config: ProjectConfig) -> dict[str, Any]:
    """Everything the partial sets, as plain strings, lists and mappings."""
    handwritten = sorted(p.name for p in config.docs_dir.iterdir() if p.is_dir()) if config.docs_dir.is_dir() else []
    return {
        "nav_en": english_nav(),
        "words": {lang: {key: ui(lang)[key] for key in THEME_WORDS} for lang in ("vi", "en")},
        "site_names": {lang: config.site_name_in(lang) for lang in ("vi", "en")},
        "homes": {lang: urls.home_path(lang) for lang in ("vi", "en")},
        "searches": {lang: urls.search_page_path(lang) for lang in ("vi", "en")},
        "site_lists": {lang: urls.site_list_path(lang) for lang in ("vi", "en")},
        "root_folders": sorted(set(ROOT_FOLDERS) | {kind.page_dir for kind in KINDS.values()} | set(handwritten)),
        "short_dir": urls.SHORT_DIR,
        "english_dir": urls.ENGLISH_DIR,
        "id_prefix": config.id_prefix,
        # Kinds other than sites set their ids apart with a letter (TH-T0001).
        "id_letters": "".join(sorted(kind.id_letter for kind in KINDS.values() if kind.id_letter)),
        # Where the build says the site lives, and a file every build puts at the root:
        # the 404 page's script finds the root of a site served somewhere else with it.
        "base_path": urlsplit(config.site_url).path or "/",
        "root_probe": urls.asset_path("site.css"),
    }


def render_theme_data(config: ProjectConfig) -> str:
    """The partial: one ``{% set dcd = ... %}``. JSON (ASCII-escaped, strings only) is a
    valid Jinja literal; templates use it as ``data.dcd`` after ``import ... as data``."""
    literal = json.dumps(theme_data(config), ensure_ascii=True, sort_keys=True)
    return "{#- Written by diachido build (generator/site/theme_data.py): do not edit. -#}\n" \
           "{%- set dcd = " + literal + " -%}\n"
