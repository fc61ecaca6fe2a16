"""List pages (all sites, by category, rank, commune, former district), the lists index,
the search pages and the home page's generated parts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from .. import urls
from ..i18n.collation import collation_key
from ..i18n.labels import CATEGORY_ORDER, RANK_ORDER, category_label, rank_label, ui
from ..i18n.route_labels import ROUTE_UI
from ..map.data import MAP_PAGE_DIR
from ..records.places import place_key
from ..records.schema import Site
from ..records.slugs import slugify
from .front_matter import front_matter
from .search import fold
from .templating import ENV
from .text import display_name, site_link, sort_key

PARTS_DIR = f"{urls.GENERATED_DIR}/parts"  # home-page fragments, included by site_docs/index.md


# --- lists ---------------------------------------------------------------------------


def _entry(site: Site, from_path: str, lang: str, english: frozenset[str]) -> dict[str, Any]:
    return {
        "panorama": bool(site.panoramas),
        "href": site_link(from_path, site, lang, english),
        "name": display_name(site, lang) if lang == "vi" or site.id in english else site.name.vi,
        "sub": " · ".join(part for part in (rank_label(site.rank.level, lang), site.address.commune, site.id) if part),
    }


def _unique_keys(names: Iterable[str]) -> dict[str, str]:
    """URL keys for place names; names that fold to the same slug get -2, -3...

    Assigned in accent-stripped order (not the reading order of ``collation_key``) so
    the list pages keep the addresses they had before lists were collated."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (fold(n), n)):
        base = slugify(name) or "khac"
        key, number = base, 2
        while key in taken:
            key, number = f"{base}-{number}", number + 1
        taken.add(key)
        keys[name] = key
    return keys


def _one_spelling(names: Iterable[str]) -> dict[str, str]:
    """Each place name -> one spelling of it: names with one ``place_key`` ("Thanh Hoá",
    "Thanh Hóa") make one list, not two. Validation already stores names the official
    list knows in its spelling; this covers the names it does not know."""
    chosen: dict[str, str] = {}
    return {name: chosen.setdefault(place_key(name), name) for name in sorted(set(names))}


@dataclass(frozen=True)
class ListPage:
    path: str
    title: str
    intro: str
    groups: list[tuple[str, list[Site]]]


def _district(site: Site) -> str | None:
    return site.address.former.district if site.address.former else None


def list_pages(sites: list[Site]) -> tuple[list[ListPage], dict[str, Any]]:
    """Every list page (by category, rank, commune, former district) and the home-page
    entry points that link to them."""
    words = ui("vi")
    ordered = sorted(sites, key=sort_key)
    pages: list[ListPage] = []
    entries: dict[str, list[dict[str, Any]]] = {"category": [], "rank": [], "district": [], "commune": []}

    for category in CATEGORY_ORDER:
        members = [s for s in ordered if category in s.category]
        if members:
            path = urls.list_page_path("category", slugify(category_label(category, "vi")))
            label = category_label(category, "vi")
            pages.append(ListPage(path, label, f"{len(members)} {words['sites_count']}", [("", members)]))
            entries["category"].append({"path": path, "label": label, "count": len(members)})
    for level in RANK_ORDER:
        members = [s for s in ordered if s.rank.level is level]
        if members:
            path = urls.list_page_path("rank", slugify(rank_label(level, "vi")))
            label = rank_label(level, "vi")
            pages.append(ListPage(path, label, f"{len(members)} {words['sites_count']}", [("", members)]))
            entries["rank"].append({"path": path, "label": label, "count": len(members), "level": level.value})

    commune_spelling = _one_spelling(s.address.commune for s in ordered if s.address.commune)
    communes = _unique_keys(commune_spelling.values())
    by_commune: dict[str, list[Site]] = defaultdict(list)
    for site in ordered:
        if site.address.commune:
            by_commune[commune_spelling[site.address.commune]].append(site)
    for name in sorted(by_commune, key=collation_key):
        members = by_commune[name]
        path = urls.list_page_path("commune", communes[name])
        pages.append(ListPage(path, name, f"{len(members)} {words['sites_count']} · {members[0].address.province}",
                              [("", members)]))
        entries["commune"].append({"path": path, "label": name, "count": len(members)})

    district_spelling = _one_spelling(d for s in ordered if (d := _district(s)))
    districts = _unique_keys(district_spelling.values())
    by_district: dict[str, list[Site]] = defaultdict(list)
    for site in ordered:
        if (district := _district(site)):
            by_district[district_spelling[district]].append(site)
    for name in sorted(by_district, key=collation_key):
        members = by_district[name]
        groups: dict[str, list[Site]] = defaultdict(list)
        for site in members:
            former = site.address.former
            groups[(former.commune if former and former.commune else None) or site.address.commune
                   or words["unknown_commune"]].append(site)
        path = urls.list_page_path("district", districts[name])
        pages.append(ListPage(path, name, f"{len(members)} {words['sites_count']} · {words['by_district']}",
                              [(g, groups[g]) for g in sorted(groups, key=collation_key)]))
        entries["district"].append({"path": path, "label": name, "count": len(members)})
    return pages, entries


def render_list(page: ListPage, english: frozenset[str], lang: str = "vi",
                pages: frozenset[str] = frozenset()) -> str:
    """A list page; ``pages`` (every page path the build writes) picks its language switch."""
    return ENV.get_template("site_list.md.j2").render(
        front_matter=front_matter(title=page.title, description=page.intro, lang=lang, hide=["toc"],
                                  translation=urls.translation_path(page.path, lang, pages.__contains__)),
        title=page.title,
        intro=page.intro,
        groups=[(heading, [_entry(s, page.path, lang, english) for s in members]) for heading, members in page.groups],
        t=ui(lang),
        lang=lang,
        lists_href=urls.relative_url(page.path, urls.lists_index_path()),
        search_href=urls.relative_url(page.path, urls.search_page_path(lang)),
    )


def render_home_parts(sites: list[Site], entries: dict[str, Any]) -> str:
    """The generated part of the home page: counts and entry points (``generated/parts/home.md``)."""
    return ENV.get_template("home_parts.md.j2").render(
        total=len(sites), entries=entries, t=ui("vi"),
        all_href=urls.site_list_path(), lists_href=urls.lists_index_path(),
        tours_href=urls.record_list_path(urls.TOUR_PAGES_DIR), tours=ROUTE_UI["vi"]["tours"],
    )


def render_english_home_parts(total: int, in_english: int) -> str:
    """The generated part of the English home page (``generated/parts/home.en.md``,
    included by ``site_docs/en/index.md``): counts and the English entry points.
    Links are relative to ``en/``."""
    home = urls.home_path("en")
    return ENV.get_template("home_parts_en.md.j2").render(
        total=total, in_english=in_english, t=ui("en"),
        all_href=urls.relative_url(home, urls.site_list_path("en")),
        search_href=urls.relative_url(home, urls.search_page_path("en")),
        map_href=urls.relative_url(home, f"{urls.ENGLISH_DIR}/{MAP_PAGE_DIR}/"),
        vi_lists_href=urls.relative_url(home, urls.lists_index_path()),
        tours_href=urls.relative_url(home, urls.record_list_path(urls.TOUR_PAGES_DIR, "en")), tours=ROUTE_UI["en"]["tours"],
    )


def render_lists_index(entries: dict[str, Any]) -> str:
    path = urls.lists_index_path()
    relative = {kind: [{**e, "href": urls.relative_url(path, e["path"])} for e in items] for kind, items in entries.items()}
    return ENV.get_template("lists_index.md.j2").render(
        front_matter=front_matter(title=ui("vi")["lists"], lang="vi", hide=["toc"],
                                  translation=urls.translation_path(path, "vi", lambda _: False)),
        entries=relative, t=ui("vi"), all_href=urls.relative_url(path, urls.site_list_path()),
    )


def render_search_page(lang: str, version: str) -> str:
    """The search page; ``version`` (a hash of the index) makes the worker never answer
    it with an older index (``offline.search_version``)."""
    path = urls.search_page_path(lang)
    root = urls.to_root(path)
    words = ui(lang)
    return ENV.get_template("search.md.j2").render(
        front_matter=front_matter(title=words["search_title"], lang=lang, hide=["toc"],
                                  translation=urls.search_page_path(urls.other_language(lang))),
        t=words, lang=lang, root=root,
        index=root + urls.SEARCH_INDEX_DIR + "/", version=version,
        script=root + urls.asset_path("search.js"),
    )
