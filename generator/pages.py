"""Site pages: Markdown files with front matter that MkDocs (or a successor) renders.

The generator owns every byte of content; the renderer only lays it out. Pages are
written into a staging copy of the generated folders (see ``build``).
"""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
import yaml

from .labels import category_label, rank_label
from .markdown_text import markdown_to_safe_html
from .schema import Address, Site
from .urls import SITE_PAGES_DIR, page_source_file, short_path, site_page_path
from .writing import write_text

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,  # YAML text is data: escape it everywhere by default
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def _join(parts: list[str | None]) -> str:
    return ", ".join(part for part in parts if part)


def address_line(address: Address) -> str:
    return _join([address.village, address.street, address.commune, address.province])


def former_address_line(address: Address) -> str:
    former = address.former
    return _join([former.commune, former.district]) if former else ""


def front_matter(**fields: str) -> str:
    """YAML front matter whose values are HTML-escaped.

    mkdocs-material prints ``title`` and ``description`` into <title> and
    attributes without escaping them, so we escape here, once.
    """
    escaped = {key: html.escape(value) for key, value in fields.items()}
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def render_site_page(site: Site) -> str:
    history = site.history.vi if site.history else None
    return _ENV.get_template("site_page.md.j2").render(
        site=site,
        front_matter=front_matter(title=site.name.vi, description=site.summary.vi),
        rank_label=rank_label(site.rank.level, "vi"),
        categories=", ".join(category_label(c, "vi") for c in site.category),
        address=address_line(site.address),
        former_address=former_address_line(site.address),
        history_html=markdown_to_safe_html(history) if history else "",
    )


def redirect_stub(target: str) -> str:
    """A tiny HTML page that forwards to ``target`` (a path relative to the stub)."""
    return _ENV.get_template("redirect.html.j2").render(target=target)


def _relative_from(stub_path: str, target_path: str) -> str:
    depth = stub_path.rstrip("/").count("/") + 1
    return "../" * depth + target_path


def write_site_pages(sites: list[Site], docs_root: Path) -> None:
    """Write one page per site, its permanent id address and its former slugs."""
    for site in sites:
        page = site_page_path(site.slug)
        write_text(docs_root / page_source_file(page), render_site_page(site))
        for alias in [short_path(site.id)] + [site_page_path(old) for old in site.former_slugs]:
            write_text(docs_root / alias / "index.html", redirect_stub(_relative_from(alias, page)))
    write_text(docs_root / SITE_PAGES_DIR / "index.md", _ENV.get_template("site_list.md.j2").render(sites=sites))
