"""The lists of the other record kinds (tours, villages), one per language: ``tuyen-tham-quan/``
and ``en/tuyen-tham-quan/``, ``thon/`` and ``en/thon/``.

Both lists of a kind always exist, also before its first record is published: the
navigation links to them. A record whose page is not written in the list's language
is listed with its Vietnamese name, linking to its Vietnamese page and marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import urls
from ..files import write_text
from ..i18n.collation import collation_key
from ..i18n.labels import ui
from ..i18n.route_labels import ROUTE_UI
from ..records.schema import Name
from ..site.front_matter import front_matter
from ..site.templating import template_env

ENV = template_env("generator.tours")
LIST_LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class ListRow:
    """One record in its kind's list. ``languages``: those its page is written in
    (Vietnamese always); ``details(lang)``: the line after its name, in ``lang``."""

    slug: str
    name: Name
    languages: tuple[str, ...]
    details: Callable[[str], str]


@dataclass(frozen=True)
class ListKind:
    """How a kind's list looks: its URL folder (``urls.TOUR_PAGES_DIR``), the ``ROUTE_UI``
    keys of its title and of the line shown while it is empty, its CSS class."""

    page_dir: str
    title_key: str
    empty_key: str
    css_class: str


def render_record_list(kind: ListKind, rows: list[ListRow], lang: str, style: str) -> str:
    """The list page's Markdown in ``lang``, in alphabetical order of the names it shows;
    ``style`` is the root-relative stylesheet path."""
    words = ROUTE_UI[lang]
    path = urls.record_list_path(kind.page_dir, lang)
    entries = []
    for row in rows:
        page_lang = lang if lang in row.languages else urls.DEFAULT_LANGUAGE
        entries.append({
            "href": urls.relative_url(path, urls.record_page_path(kind.page_dir, row.slug, page_lang)),
            "name": (row.name.en if page_lang == "en" and row.name.en else row.name.vi),
            "lang": page_lang, "details": row.details(lang),
        })
    entries.sort(key=lambda entry: (collation_key(entry["name"]), entry["href"]))  # as every list people read
    return ENV.get_template("record_list.md.j2").render(
        front_matter=front_matter(title=words[kind.title_key], lang=lang,
                                  translation=urls.record_list_path(kind.page_dir, urls.other_language(lang))),
        lang=lang, title=words[kind.title_key], empty=words[kind.empty_key], css_class=kind.css_class,
        in_vietnamese=ui(lang)["written_in_vi"],
        rows=entries, style=urls.relative_url(path, style))


def write_record_lists(kind: ListKind, rows: list[ListRow], style: str, docs_root: Path) -> None:
    """Write the kind's list in every language."""
    for lang in LIST_LANGUAGES:
        path = urls.record_list_path(kind.page_dir, lang)
        write_text(docs_root / urls.page_source_file(path), render_record_list(kind, rows, lang, style))
