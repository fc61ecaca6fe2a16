"""The visitor's site: site pages, lists, search pages and the home page's parts.

The generator owns every byte of content; the renderer (MkDocs) only lays it out.
Everything is written into a staging copy of the generated folders (see ``build``)
by ``write_visitor_site``, the content writer; ``finish_rendered_site`` then runs on
the rendered (staged) site: it puts each site's full page at its permanent address
``s/<ID>/`` and at its former slugs (no redirect, no extra round trip) and writes the
service worker at the site root.

Text from YAML is data: templates autoescape it, volunteers' Markdown goes through
``markdown_to_safe_html``, front matter values are escaped once in ``front_matter``
and JSON-LD is serialised with ``<``, ``>`` and ``&`` escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

import jinja2

from .front_matter import front_matter
from ..map.maps import site_map_script_path
from ..plaques.command import site_download_paths
from .. import urls
from ..config import ProjectConfig
from ..media.photos import ImagePipeline, ProcessedImage, share_card_png, site_folders
from ..i18n.labels import CATEGORY_ORDER, RANK_ORDER, category_label, rank_label, ui
from .markdown_text import markdown_to_safe_html
from ..records.validate import distance_metres
from ..records.schema import Address, Image, Site
from .search import fold, write_search_index
from ..records.slugs import slugify
from ..files import write_text

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.site", "templates"),
    autoescape=True,  # YAML text is data: escape it everywhere by default
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)

STATIC_DIR = Path(__file__).parent / "static"
THEME_DIR = Path(__file__).parent / "templates" / "theme"
# Where MkDocs finds our theme overrides (``theme.custom_dir`` in mkdocs.yml): copied
# there on every build, so a throw-away project needs only mkdocs.yml and sites/.
THEME_OUT = Path(".diachido") / "theme"
PARTS_DIR = f"{urls.GENERATED_DIR}/parts"  # home-page fragments, included by site_docs/index.md
SHARE_CARD = "share.png"
NEARBY_COUNT = 5
HERO_SIZES = "(min-width: 76.25em) 680px, 100vw"
GALLERY_SIZES = "(min-width: 76.25em) 340px, (min-width: 30em) 50vw, 100vw"


# --- small helpers -----------------------------------------------------------------


def _join(parts: Iterable[str | None]) -> str:
    return ", ".join(part for part in parts if part)


def address_line(address: Address) -> str:
    return _join([address.village, address.street, address.commune, address.province])


def former_address_line(address: Address) -> str:
    former = address.former
    return _join([former.commune, former.district]) if former else ""


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">: nothing in it can close the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def has_english(site: Site) -> bool:
    """A site gets an English page when its record has English text to show."""
    return bool(site.summary.en or (site.history and site.history.en))


def _text(value: Any, lang: str) -> str | None:
    """A localized field in ``lang``, else Vietnamese, else whatever there is."""
    if value is None:
        return None
    return getattr(value, lang, None) or value.vi or getattr(value, "en", None)


def format_distance(metres: float, lang: str) -> str:
    words = ui(lang)
    if metres < 1000:
        return f"{int(round(metres, -1))} {words['m']}"
    km = f"{metres / 1000:.1f}" if metres < 10_000 else f"{metres / 1000:.0f}"
    return f"{km.replace('.', ',') if lang == 'vi' else km} {words['km']}"


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def format_date(day: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}/{day.month}/{day.year}"


def _coord(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


# --- nearest sites -----------------------------------------------------------------


def nearest_sites(sites: list[Site], count: int = NEARBY_COUNT) -> dict[str, list[tuple[Site, float]]]:
    """Each located site's ``count`` nearest located sites, nearest first.

    A grid of 0.1° cells keeps this near-linear at thousands of sites: rings of cells
    are searched outwards until no unsearched cell can hold anything nearer.
    """
    cell = 0.1
    located = [s for s in sites if s.location]
    grid: dict[tuple[int, int], list[Site]] = defaultdict(list)
    for site in located:
        grid[(math.floor(site.location.lat / cell), math.floor(site.location.lon / cell))].append(site)
    if not grid:
        return {}
    rows, cols = [key[0] for key in grid], [key[1] for key in grid]
    span = max(max(rows) - min(rows), max(cols) - min(cols)) + 1
    result: dict[str, list[tuple[Site, float]]] = {}
    for site in located:
        lat, lon = site.location.lat, site.location.lon
        home = (math.floor(lat / cell), math.floor(lon / cell))
        # The narrowest a cell can be here, in metres (longitude cells shrink with latitude).
        cell_metres = distance_metres(lat, lon, lat, lon + cell) * 0.999
        found: list[tuple[float, str, Site]] = []
        for ring in range(span + 1):
            for dx in range(-ring, ring + 1):
                for dy in range(-ring, ring + 1):
                    if max(abs(dx), abs(dy)) != ring:
                        continue
                    for other in grid.get((home[0] + dx, home[1] + dy), ()):
                        if other.id != site.id:
                            o = other.location
                            found.append((distance_metres(lat, lon, o.lat, o.lon), other.id, other))
            found.sort(key=lambda item: (item[0], item[1]))
            if len(found) >= count and found[count - 1][0] <= ring * cell_metres:
                break
        result[site.id] = [(other, metres) for metres, _, other in found[:count]]
    return result


# --- photos --------------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    image: Image
    processed: ProcessedImage


def process_photos(config: ProjectConfig, sites: list[Site], docs_root: Path) -> tuple[dict[str, list[Photo]], ImagePipeline]:
    """Resize every published photo into ``generated/img/`` (through the content cache)."""
    pipeline = ImagePipeline.for_project(config.root, docs_root / urls.IMAGES_DIR)
    with_images = [site for site in sites if site.images]
    if not with_images:
        return {}, pipeline
    folders = site_folders(config.sites_dir)
    sources = {(site.id, index): (folders.get(site.id, config.sites_dir) / image.file)
               for site in with_images for index, image in enumerate(site.images)}
    done = pipeline.process_many(sources.values())
    photos = {site.id: [Photo(image, done[sources[(site.id, index)]]) for index, image in enumerate(site.images)]
              for site in with_images}
    return photos, pipeline


def _picture(photo: Photo, site: Site, lang: str, prefix: str, *, hero: bool) -> dict[str, Any]:
    image, processed = photo.image, photo.processed
    caption = _text(image.caption, lang)
    fallback = processed.fallback()
    return {
        "webp_srcset": processed.srcset("webp", prefix),
        "jpeg_srcset": processed.srcset("jpeg", prefix),
        "src": prefix + fallback.jpeg,
        "width": fallback.width,
        "height": fallback.height,
        "sizes": HERO_SIZES if hero else GALLERY_SIZES,
        "alt": caption or f"{ui(lang)['photo_alt_missing']}: {site.name.vi}",
        "caption": caption,
        "credit": image.credit,
        "licence": image.licence,
        "hero": hero,
    }


# --- the site page ---------------------------------------------------------------


@dataclass(frozen=True)
class SiteContext:
    """What every page needs to know about the whole set of sites."""

    config: ProjectConfig
    english: frozenset[str]
    nearby: dict[str, list[tuple[Site, float]]]
    photos: dict[str, list[Photo]]
    share_card: str


_ICONS = {
    # Material Design icons (Apache 2.0), inlined: no icon font, no extra request.
    "directions": "M21.71 11.29l-9-9a1 1 0 0 0-1.42 0l-9 9a1 1 0 0 0 0 1.42l9 9a1 1 0 0 0 1.42 0l9-9a1 1 0 0 0 0-1.42M14 14.5V12h-4v3H8v-4a1 1 0 0 1 1-1h5V7.5l3.5 3.5",
    "map": "M15 19l-6-2.11V5l6 2.11M20.5 3h-.16L15 5.1 9 3 3.36 4.9c-.21.07-.36.25-.36.48V20.5a.5.5 0 0 0 .5.5c.05 0 .11 0 .16-.03L9 18.9l6 2.1 5.64-1.9c.21-.1.36-.25.36-.48V3.5a.5.5 0 0 0-.5-.5",
    "share": "M18 16.08c-.76 0-1.44.3-1.96.77L8.91 12.7c.05-.23.09-.46.09-.7s-.04-.47-.09-.7l7.05-4.11c.54.5 1.25.81 2.04.81a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3c0 .24.04.47.09.7L8.04 9.81C7.5 9.31 6.79 9 6 9a3 3 0 0 0-3 3 3 3 0 0 0 3 3c.79 0 1.5-.31 2.04-.81l7.12 4.15c-.05.21-.08.43-.08.66 0 1.61 1.31 2.91 2.92 2.91s2.92-1.3 2.92-2.91A2.92 2.92 0 0 0 18 16.08",
}


def _icon(name: str) -> str:
    return f'<svg viewBox="0 0 24 24" aria-hidden="true"><path d="{_ICONS[name]}"/></svg>'


def _site_link(from_path: str, site: Site, lang: str, english: frozenset[str]) -> str:
    target_lang = lang if lang == "vi" or site.id in english else "vi"
    return urls.relative_url(from_path, urls.site_page_path(site.slug, target_lang))


def _display_name(site: Site, lang: str) -> str:
    return (site.name.en if lang == "en" else None) or site.name.vi


def site_json_ld(site: Site, lang: str, config: ProjectConfig, page_url: str, image_urls: list[str]) -> dict[str, Any]:
    """schema.org markup: a tourist attraction that is a historical landmark."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["TouristAttraction", "LandmarksOrHistoricalBuildings"],
        "@id": page_url + "#site",
        "name": _display_name(site, lang),
        "description": _text(site.summary, lang),
        "url": page_url,
        "identifier": site.id,
        "inLanguage": lang,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": site.address.commune or (site.address.former.commune if site.address.former else None),
            "addressRegion": site.address.province,
            "addressCountry": "VN",
        },
    }
    others = [site.name.vi] if lang == "en" and site.name.en else []
    others += ([site.name.en] if lang == "vi" and site.name.en else []) + list(site.name.other)
    if others:
        data["alternateName"] = others
    if site.location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": site.location.lat, "longitude": site.location.lon}
    if image_urls:
        data["image"] = image_urls
    if site.visiting and site.visiting.website:
        data["sameAs"] = site.visiting.website
    data["address"] = {k: v for k, v in data["address"].items() if v}
    return data


def site_page_context(site: Site, lang: str, ctx: SiteContext) -> dict[str, Any]:
    config, words = ctx.config, ui(lang)
    page_path = urls.site_page_path(site.slug, lang)
    root = urls.to_root(page_path)
    image_prefix = root + urls.IMAGES_DIR + "/"
    photos = ctx.photos.get(site.id, [])
    pictures = [_picture(photo, site, lang, image_prefix, hero=index == 0) for index, photo in enumerate(photos)]
    absolute_images = [urls.absolute_url(config, urls.image_path(p.processed.largest.jpeg)) for p in photos]
    page_url = urls.absolute_url(config, page_path)
    name = _display_name(site, lang)
    location = site.location
    history = _text(site.history, lang) if site.history else None
    history_in_vi_only = lang == "en" and site.history is not None and not site.history.en and bool(site.history.vi)
    visiting = site.visiting
    english_page = site.id in ctx.english
    other_lang = "en" if lang == "vi" else "vi"
    nearby = [{
        "href": _site_link(page_path, other, lang, ctx.english),
        "name": _display_name(other, lang) if other.id in ctx.english or lang == "vi" else other.name.vi,
        "sub": _join([rank_label(other.rank.level, lang), other.address.commune]),
        "distance": (words["same_point"] if metres < 1 and other.location.quality.is_approximate
                     else ("~" if (other.location.quality.is_approximate or location.quality.is_approximate) else "")
                     + format_distance(metres, lang)),
    } for other, metres in ctx.nearby.get(site.id, [])]
    share_url = urls.short_url(config, site.id) if lang == "vi" else page_url
    directions = None
    if location:
        lat, lon = _coord(location.lat), _coord(location.lon)
        directions = {
            "web": f"https://www.google.com/maps/dir/?api=1&destination={lat},{lon}",
            "geo": f"geo:{lat},{lon}?q={lat},{lon}({quote(name, safe='')})",
            "lat": lat,
            "lon": lon,
        }
    return {
        "site": site,
        "lang": lang,
        "t": words,
        "name": name,
        "name_vi": site.name.vi,
        "summary": _text(site.summary, lang),
        "rank_label": rank_label(site.rank.level, lang),
        "rank_class": site.rank.level.value,
        "categories": [category_label(c, lang) for c in site.category],
        "place": _join([site.address.commune, site.address.province]),
        "address": address_line(site.address),
        "former_address": former_address_line(site.address),
        "hero": pictures[0] if pictures else None,
        "gallery": pictures[1:],
        "history_html": markdown_to_safe_html(history) if history else "",
        "history_in_vi_only": history_in_vi_only,
        "vi_page": urls.relative_url(page_path, urls.site_page_path(site.slug, "vi")),
        "other_page": urls.relative_url(page_path, urls.site_page_path(site.slug, other_lang)) if english_page else None,
        "other_lang": other_lang,
        "opening_hours": _text(visiting.opening_hours, lang) if visiting else None,
        "fee": _text(visiting.fee, lang) if visiting else None,
        "contact": visiting.contact if visiting else None,
        "website": visiting.website if visiting else None,
        "visiting_notes": _text(visiting.notes, lang) if visiting else None,
        "notes": getattr(site.notes, lang, None) if site.notes else None,
        "rank_date": format_date(site.rank.date, lang) if site.rank.date else None,
        "location": location,
        "approximate": bool(location and location.quality.is_approximate),
        "directions": directions,
        "icons": {key: _icon(key) for key in _ICONS},
        "share_url": share_url,
        "short_url": urls.short_url(config, site.id),
        "nearby": nearby,
        "last_checked": format_date(site.last_checked, lang) if site.last_checked else None,
        "site_map_script": urls.relative_url(page_path, site_map_script_path(config)),
        "plaques": {fmt: urls.relative_url(page_path, path) for fmt, path in site_download_paths(site.id).items()},
        "json_ld": json_ld(site_json_ld(site, lang, config, page_url, absolute_images)),
        "front_matter": front_matter(
            title=name,
            description=_text(site.summary, lang),
            lang=lang,
            hide=["toc"],
            og_type="place",
            og_image=absolute_images[0] if absolute_images else ctx.share_card,
        ),
    }


def render_site_page(site: Site, lang: str, ctx: SiteContext) -> str:
    return _ENV.get_template("site_page.md.j2").render(site_page_context(site, lang, ctx))


# --- lists ---------------------------------------------------------------------------


def _sort_key(site: Site) -> tuple[str, str]:
    return fold(site.name.vi), site.id


def _entry(site: Site, from_path: str, lang: str, english: frozenset[str]) -> dict[str, str]:
    return {
        "href": _site_link(from_path, site, lang, english),
        "name": _display_name(site, lang) if lang == "vi" or site.id in english else site.name.vi,
        "sub": " · ".join(part for part in (rank_label(site.rank.level, lang), site.address.commune, site.id) if part),
    }


def _unique_keys(names: Iterable[str]) -> dict[str, str]:
    """URL keys for place names; names that fold to the same slug get -2, -3..."""
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
    ordered = sorted(sites, key=_sort_key)
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

    communes = _unique_keys(s.address.commune for s in ordered if s.address.commune)
    by_commune: dict[str, list[Site]] = defaultdict(list)
    for site in ordered:
        if site.address.commune:
            by_commune[site.address.commune].append(site)
    for name in sorted(by_commune, key=lambda n: (fold(n), n)):
        members = by_commune[name]
        path = urls.list_page_path("commune", communes[name])
        pages.append(ListPage(path, name, f"{len(members)} {words['sites_count']} · {members[0].address.province}",
                              [("", members)]))
        entries["commune"].append({"path": path, "label": name, "count": len(members)})

    districts = _unique_keys(d for s in ordered if (d := _district(s)))
    by_district: dict[str, list[Site]] = defaultdict(list)
    for site in ordered:
        if (district := _district(site)):
            by_district[district].append(site)
    for name in sorted(by_district, key=lambda n: (fold(n), n)):
        members = by_district[name]
        groups: dict[str, list[Site]] = defaultdict(list)
        for site in members:
            former = site.address.former
            groups[(former.commune if former and former.commune else None) or site.address.commune
                   or words["unknown_commune"]].append(site)
        path = urls.list_page_path("district", districts[name])
        pages.append(ListPage(path, name, f"{len(members)} {words['sites_count']} · {words['by_district']}",
                              [(g, groups[g]) for g in sorted(groups, key=lambda n: (fold(n), n))]))
        entries["district"].append({"path": path, "label": name, "count": len(members)})
    return pages, entries


def render_list(page: ListPage, english: frozenset[str], lang: str = "vi") -> str:
    return _ENV.get_template("site_list.md.j2").render(
        front_matter=front_matter(title=page.title, description=page.intro, lang=lang, hide=["toc"]),
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
    return _ENV.get_template("home_parts.md.j2").render(
        total=len(sites), entries=entries, t=ui("vi"),
        all_href=urls.site_list_path(), lists_href=urls.lists_index_path(),
    )


def render_lists_index(entries: dict[str, Any]) -> str:
    path = urls.lists_index_path()
    relative = {kind: [{**e, "href": urls.relative_url(path, e["path"])} for e in items] for kind, items in entries.items()}
    return _ENV.get_template("lists_index.md.j2").render(
        front_matter=front_matter(title=ui("vi")["lists"], lang="vi", hide=["toc"]),
        entries=relative, t=ui("vi"), all_href=urls.relative_url(path, urls.site_list_path()),
    )


def render_search_page(lang: str) -> str:
    path = urls.search_page_path(lang)
    root = urls.to_root(path)
    words = ui(lang)
    return _ENV.get_template("search.md.j2").render(
        front_matter=front_matter(title=words["search_title"], lang=lang, hide=["toc"]),
        t=words, lang=lang, root=root,
        index=root + urls.SEARCH_INDEX_DIR + "/",
        script=root + urls.asset_path("search.js"),
    )


# --- assets ----------------------------------------------------------------------------


def write_assets(docs_root: Path) -> None:
    """Our CSS, JS and images for the browser, into ``generated/dcd/`` (sw.js goes to
    the site root after rendering: see ``finish_rendered_site``)."""
    target = docs_root / urls.ASSETS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC_DIR.iterdir()):
        if source.is_file() and source.name != urls.SERVICE_WORKER_FILE:
            shutil.copyfile(source, target / source.name)


def write_theme_overrides(root: Path) -> None:
    """Copy our mkdocs-material overrides to where mkdocs.yml's ``custom_dir`` points."""
    target = root / THEME_OUT
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME_DIR, target)


def write_share_card(config: ProjectConfig, docs_root: Path) -> str:
    """The picture a shared link shows when a site has no photo; returns its absolute URL."""
    path = docs_root / urls.asset_path(SHARE_CARD)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(share_card_png(config.site_name, f"Di tích lịch sử, văn hóa · {config.province}"))
    return urls.absolute_url(config, urls.asset_path(SHARE_CARD))


# --- the content writer and the post-render step ------------------------------------------


def write_visitor_site(config: ProjectConfig, sites: list[Site], docs_root: Path) -> ImagePipeline:
    """Write every page of the visitor's site for the published ``sites``."""
    write_theme_overrides(config.root)
    write_assets(docs_root)
    photos, pipeline = process_photos(config, sites, docs_root)
    english = frozenset(site.id for site in sites if has_english(site))
    ctx = SiteContext(config, english, nearest_sites(sites), photos, write_share_card(config, docs_root))
    for site in sites:
        write_text(docs_root / urls.page_source_file(urls.site_page_path(site.slug)), render_site_page(site, "vi", ctx))
        if site.id in english:
            write_text(docs_root / urls.page_source_file(urls.site_page_path(site.slug, "en")),
                       render_site_page(site, "en", ctx))
    pages, entries = list_pages(sites)
    for page in pages:
        write_text(docs_root / page.path / "index.md", render_list(page, english))
    ordered = sorted(sites, key=_sort_key)
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


def _asset_version(site_dir: Path) -> str:
    """A hash of the CSS and JS the pages load: a new one makes browsers take the new worker."""
    digest = hashlib.sha256()
    for folder in ("assets", urls.ASSETS_DIR):
        for path in sorted((site_dir / folder).rglob("*")):
            if path.is_file() and path.suffix in (".css", ".js"):
                digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


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
    write_text(site_dir / urls.SERVICE_WORKER_FILE, worker.replace("__DCD_VERSION__", _asset_version(site_dir)))
