"""The visitor's site as a build stage: ``write_visitor_site`` writes every page into the
staging docs folder; ``finish_rendered_site`` completes the rendered site.

The generator owns every byte of content; the renderer (MkDocs) only lays it out.
``finish_rendered_site`` puts each site's full page at its permanent address ``s/<ID>/``
and at its former slugs (no redirect, no extra round trip) and writes the service
worker, with its precache manifest (``offline``), and ``.nojekyll`` at the site root."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Sequence

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..i18n.labels import ui
from ..media.narration import Narrator, prepare_narrations
from ..media.photos import ImagePipeline
from ..records.listing import Listing, listings_by_site
from ..records.schema import Site
from .assets import (
    STATIC_DIR,
    write_assets,
    write_share_card,
    write_theme_overrides,
)
from .lists import (
    PARTS_DIR,
    ListPage,
    list_pages,
    render_english_home_parts,
    render_home_parts,
    render_list,
    render_lists_index,
    render_search_page,
)
from .nearby import nearest_sites
from .offline import search_version, write_offline_pages, write_service_worker
from .panoramas import process_panoramas
from .pictures import process_photos
from .search import write_search_index
from .site_page import SiteContext, render_site_page
from .text import has_english, page_languages, sort_key

# --- the content writer and the post-render step ------------------------------------------


def write_visitor_site(config: ProjectConfig, sites: list[Site], docs_root: Path,
                       listings: Sequence[Listing] = ()) -> ImagePipeline:
    """Write every page of the visitor's site for the published ``sites``; ``listings``
    (the other kinds' published records) are searched and linked from the sites they name."""
    write_theme_overrides(config)
    write_assets(docs_root)
    all_lists, entries = _all_lists(sites)
    ctx, pipeline = site_context(config, sites, docs_root, listings, built_pages(sites, all_lists))
    write_site_pages(sites, ctx, docs_root)
    english = ctx.english
    for page in all_lists:
        lang = "en" if page.path == urls.site_list_path("en") else "vi"
        write_text(docs_root / urls.page_source_file(page.path), render_list(page, english, lang, ctx.pages))
    write_text(docs_root / urls.page_source_file(urls.lists_index_path()), render_lists_index(entries))
    write_text(docs_root / PARTS_DIR / "home.md", render_home_parts(sites, entries))
    write_text(docs_root / PARTS_DIR / "home.en.md",
               render_english_home_parts(len(sites), len(english)))
    write_search_index(sites, set(english), docs_root / urls.SEARCH_INDEX_DIR, listings)
    version = search_version(docs_root)
    for lang in ("vi", "en"):
        write_text(docs_root / urls.page_source_file(urls.search_page_path(lang)), render_search_page(lang, version))
    write_offline_pages(config, docs_root)
    return pipeline


def site_context(config: ProjectConfig, sites: list[Site], docs_root: Path, listings: Sequence[Listing] = (),
                 pages: frozenset[str] | None = None,
                 media_of: list[Site] | None = None,
                 nearby: dict[str, list[tuple[Site, float]]] | None = None) -> tuple[SiteContext, ImagePipeline]:
    """What the pages of ``sites`` need to know about all of them; the photos, narrations
    and panoramas of ``media_of`` (default: all) are made into ``docs_root``, so the
    context can render only those sites' pages (the live preview's first answer to an
    edit). ``pages`` defaults to ``built_pages(sites)``, ``nearby`` to
    ``nearest_sites(sites)`` (each takes seconds at 5,000 sites). Raises MediaError."""
    media = sites if media_of is None else media_of
    english = frozenset(site.id for site in sites if has_english(site))
    photos, pipeline = process_photos(config, media, docs_root)
    narrations = prepare_narrations(Narrator.for_project(config, docs_root / urls.AUDIO_DIR),
                                    page_languages(media, english))
    near = nearest_sites(sites) if nearby is None else nearby
    built = built_pages(sites) if pages is None else pages
    ctx = SiteContext(config, english, near, photos, write_share_card(config, docs_root), built,
                      narrations=narrations, panoramas=process_panoramas(config, sites, docs_root, english, media),
                      related=listings_by_site(listings))
    return ctx, pipeline


def write_site_pages(sites: list[Site], ctx: SiteContext, docs_root: Path) -> list[str]:
    """Write the pages of ``sites`` (Vietnamese, and English where the site has it) under
    ``docs_root``; their paths relative to it."""
    written = []
    for site in sites:
        for lang in ("vi", "en") if site.id in ctx.english else ("vi",):
            path = urls.page_source_file(urls.site_page_path(site.slug, lang))
            write_text(docs_root / path, render_site_page(site, lang, ctx))
            written.append(path)
    return written


def _all_lists(sites: list[Site]) -> tuple[list[ListPage], dict[str, Any]]:
    """Every list page (the lists by category, rank and place, and both lists of all
    sites) and the home page's entry points."""
    pages, entries = list_pages(sites)
    ordered = sorted(sites, key=sort_key)
    in_english = [s for s in ordered if has_english(s)]
    return pages + [
        ListPage(urls.site_list_path(), ui("vi")["all_sites"], f"{len(sites)} {ui('vi')['sites_count']}",
                 [("", ordered)]),
        ListPage(urls.site_list_path("en"), ui("en")["all_sites"], f"{len(in_english)} {ui('en')['sites_count']}",
                 [("", in_english)]),
    ], entries


def built_pages(sites: list[Site], lists: list[ListPage] | None = None) -> frozenset[str]:
    """Every page path this stage writes for ``sites``, in both languages (plus both
    homes); ``lists`` are their list pages (``_all_lists``, worked out if not given)."""
    lists = _all_lists(sites)[0] if lists is None else lists
    paths = {urls.site_page_path(s.slug) for s in sites}
    paths |= {urls.site_page_path(s.slug, "en") for s in sites if has_english(s)}
    paths |= {page.path for page in lists} | {urls.lists_index_path()}
    paths |= {urls.search_page_path(lang) for lang in ("vi", "en")} | {urls.home_path(lang) for lang in ("vi", "en")}
    return frozenset(paths)


def finish_rendered_site(config: ProjectConfig, sites: list[Site], site_dir: Path) -> None:
    """Post-render: permanent and former addresses get the full page; the worker goes to the root.

    ``s/<ID>/`` and ``di-tich/<old-slug>/`` are as deep as ``di-tich/<slug>/``, so the
    page's relative links work unchanged there; its canonical link names the real page.
    """
    for site in sites:
        page = site_dir / urls.site_page_path(site.slug) / "index.html"
        for alias in urls.site_aliases(site):
            target = site_dir / alias / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
    # GitHub Pages' "deploy from a branch" runs Jekyll unless this file is there; no
    # name we generate starts with "_" either, so the site survives Jekyll regardless.
    write_text(site_dir / ".nojekyll", "")
    write_service_worker(site_dir, STATIC_DIR / urls.SERVICE_WORKER_FILE)
