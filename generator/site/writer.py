"""The visitor's site as a build stage: ``write_visitor_site`` writes every page into the
staging docs folder; ``finish_rendered_site`` completes the rendered site.

The generator owns every byte of content; the renderer (MkDocs) only lays it out.
``finish_rendered_site`` puts each site's full page at its permanent address ``s/<ID>/``
and at its former slugs (no redirect, no extra round trip) and writes the service
worker at the site root."""

from __future__ import annotations

import shutil
from pathlib import Path

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..i18n.labels import ui
from ..media.photos import ImagePipeline
from ..records.schema import Site
from .assets import (
    STATIC_DIR,
    asset_version,
    write_assets,
    write_share_card,
    write_theme_overrides,
)
from .lists import (
    PARTS_DIR,
    ListPage,
    list_pages,
    render_home_parts,
    render_list,
    render_lists_index,
    render_search_page,
    sort_key,
)
from .nearby import nearest_sites
from .panoramas import process_panoramas
from .pictures import process_photos
from .search import write_search_index
from .site_page import SiteContext, render_site_page
from .text import has_english

# --- the content writer and the post-render step ------------------------------------------


def write_visitor_site(config: ProjectConfig, sites: list[Site], docs_root: Path) -> ImagePipeline:
    """Write every page of the visitor's site for the published ``sites``."""
    write_theme_overrides(config.root)
    write_assets(docs_root)
    photos, pipeline = process_photos(config, sites, docs_root)
    english = frozenset(site.id for site in sites if has_english(site))
    ctx = SiteContext(config, english, nearest_sites(sites), photos, write_share_card(config, docs_root),
                      process_panoramas(config, sites, docs_root, english))
    for site in sites:
        write_text(docs_root / urls.page_source_file(urls.site_page_path(site.slug)), render_site_page(site, "vi", ctx))
        if site.id in english:
            write_text(docs_root / urls.page_source_file(urls.site_page_path(site.slug, "en")),
                       render_site_page(site, "en", ctx))
    pages, entries = list_pages(sites)
    for page in pages:
        write_text(docs_root / page.path / "index.md", render_list(page, english))
    ordered = sorted(sites, key=sort_key)
    all_vi = ListPage(urls.site_list_path(), ui("vi")["all_sites"], f"{len(sites)} {ui('vi')['sites_count']}",
                      [("", ordered)])
    write_text(docs_root / all_vi.path / "index.md", render_list(all_vi, english))
    in_english = [s for s in ordered if s.id in english]
    all_en = ListPage(urls.site_list_path("en"), ui("en")["all_sites"], f"{len(in_english)} {ui('en')['sites_count']}",
                      [("", in_english)])
    write_text(docs_root / all_en.path / "index.md", render_list(all_en, english, "en"))
    write_text(docs_root / urls.lists_index_path() / "index.md", render_lists_index(entries))
    write_text(docs_root / PARTS_DIR / "home.md", render_home_parts(sites, entries))
    for lang in ("vi", "en"):
        write_text(docs_root / urls.search_page_path(lang) / "index.md", render_search_page(lang))
    write_search_index(sites, set(english), docs_root / urls.SEARCH_INDEX_DIR)
    return pipeline



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
    worker = (STATIC_DIR / urls.SERVICE_WORKER_FILE).read_text(encoding="utf-8")
    write_text(site_dir / urls.SERVICE_WORKER_FILE, worker.replace("__DCD_VERSION__", asset_version(site_dir)))
