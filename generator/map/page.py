"""The map as a build stage: the map page (``ban-do/``, generated Markdown that embeds the
map document in an iframe, so the site's header and language stay around it), the small
map script of site pages, and ``write_map``, the content writer."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import jinja2

from ..config import ProjectConfig
from ..export.formats import EXPORT_DIR, EXPORT_FORMATS
from ..files import write_text
from ..records.listing import Listing
from ..records.schema import Site
from ..site.front_matter import front_matter
from ..urls import DEFAULT_LANGUAGE, other_language, page_source_file, relative_url, site_list_path
from .data import located_sites
from .document import first_load_paths, map_document_path, map_files, map_page_path
from .settings import text

_PAGES = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.map", "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


# --- the map page and the site-page snippet -------------------------------------------------


def _size_label(size: int) -> str:
    return f"{max(1, round(size / 1024))} KB"


_PRELOAD_AS = {".js": "script", ".css": "style", ".json": "fetch"}


def render_map_page(config: ProjectConfig, sites: list[Site], lang: str, downloads: list[tuple[str, str, int]],
                    site_list: str, map_loads: list[str] = ()) -> str:
    """Markdown of the map page: the map in an iframe, counts, and the data downloads.

    ``downloads`` are (label, site-root relative path, size in bytes); ``site_list`` is
    the path of the list of sites, for visitors who prefer a list; ``map_loads`` are the
    files the map document loads first (``first_load_paths``): the page preloads them
    (front matter ``preload``) instead of waiting for the frame's HTML, a round trip or
    more sooner on 3G.
    """
    page = map_page_path(lang)
    suffix = lambda path: "." + path.rsplit(".", 1)[-1]  # noqa: E731
    located = located_sites(sites)
    return _PAGES.get_template("map_page.md.j2").render(
        lang=lang,
        front_matter=front_matter(
            title=text("title", lang), description=text("frame_title", lang), lang=lang, hide=["toc"],
            translation=map_page_path(other_language(lang)),
            # Printed at the top of <head> by the theme (main.html), before the inline
            # stylesheets: the map's files start 0.1-0.2 s sooner on weak 3G than from the body.
            preload=[[relative_url(page, path), _PRELOAD_AS[suffix(path)]]
                     for path in map_loads if suffix(path) in _PRELOAD_AS]),
        title=text("title", lang),
        frame_title=text("frame_title", lang),
        map_src=relative_url(page, map_document_path(lang)),
        list_href=relative_url(page, site_list),
        located=len(located),
        approximate=sum(1 for s in located if s.location.quality.is_approximate),
        unlocated=len(sites) - len(located),
        downloads=[(label, relative_url(page, path), _size_label(size)) for label, path, size in downloads],
    )


# --- the content writer ---------------------------------------------------------------------


def write_map(config: ProjectConfig, sites: list[Site], docs_root: Path, listings: Sequence[Listing] = ()) -> None:
    """Write the map into the staging docs folder (after the pages, before MkDocs), with
    the other kinds' published records (``listings``) as layers of their own."""
    files = map_files(config, sites, page_exists=lambda path: (docs_root / page_source_file(path)).is_file(),
                      listings=listings)
    for path, content in files.items():
        target = docs_root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for lang in config.languages:
        downloads = [
            (label, path, (docs_root / path).stat().st_size)
            for label, path in ((fmt.label(lang), f"{EXPORT_DIR}/{fmt.filename}") for fmt in EXPORT_FORMATS)
            if (docs_root / path).is_file()
        ]
        site_list = site_list_path(lang)
        if not (docs_root / site_list / "index.md").is_file():
            site_list = site_list_path(DEFAULT_LANGUAGE)
        write_text(docs_root / map_page_path(lang) / "index.md",
                   render_map_page(config, sites, lang, downloads, site_list, first_load_paths(files, lang)))
