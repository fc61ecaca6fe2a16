"""The one place that knows where a site's pages live.

Plaques, the map, exports and page links all ask these functions. The short
id-based address (``s/TH-0042/``) is what plaques print: it must never change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import ProjectConfig
    from .schema import Site

SITE_PAGES_DIR = "di-tich"
SHORT_DIR = "s"
ENGLISH_DIR = "en"
DEFAULT_LANGUAGE = "vi"


def site_page_path(slug: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Path of a site's page relative to the site root, e.g. ``di-tich/den-ba-trieu/``."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{prefix}{SITE_PAGES_DIR}/{slug}/"


def short_path(site_id: str) -> str:
    """Permanent id-based path, e.g. ``s/TH-0042/``: what QR plaques encode."""
    return f"{SHORT_DIR}/{site_id}/"


def page_source_file(page_path: str) -> str:
    """The Markdown file (relative to docs_dir) that MkDocs renders at ``page_path``."""
    return page_path.rstrip("/") + ".md"


def absolute_url(config: "ProjectConfig", path: str) -> str:
    return config.site_url + path


def short_url(config: "ProjectConfig", site_id: str) -> str:
    """The full permanent URL of a site, built from ``site_url`` in mkdocs.yml."""
    return absolute_url(config, short_path(site_id))


def site_url(config: "ProjectConfig", site: "Site", lang: str = DEFAULT_LANGUAGE) -> str:
    return absolute_url(config, site_page_path(site.slug, lang))
