"""One site's page (Vietnamese, and English when the record has English text).

JSON-LD is serialised with ``<``, ``>`` and ``&`` escaped; everything else goes through
the autoescaping templates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import quote

from .. import urls
from ..config import ProjectConfig
from ..i18n.labels import category_label, rank_label, ui
from ..map.data import site_map_script_path
from ..media.narration import Narration
from ..plaques.command import site_download_paths
from ..records.listing import Listing
from ..records.schema import Site
from ..repository import repository
from .front_matter import front_matter
from .markdown_text import markdown_to_safe_html
from .narration import narration_html
from .panoramas import Panoramas, section_context
from .pictures import Photo, picture
from .related import related_links
from .templating import ENV
from .text import (
    address_line,
    display_name,
    format_coord,
    format_date,
    format_distance,
    former_address_line,
    join_parts,
    json_ld,
    localized,
    photo_request_href,
    shown_text,
    site_link,
    source_host,
    source_title,
)

# --- the site page ---------------------------------------------------------------


@dataclass(frozen=True)
class SiteContext:
    """What every page needs to know about the whole set of sites."""

    config: ProjectConfig
    english: frozenset[str]
    nearby: dict[str, list[tuple[Site, float]]]
    photos: dict[str, list[Photo]]
    share_card: str
    # Every page path the site stage writes, in both languages: where the header's
    # language switch may lead (urls.translation_path).
    pages: frozenset[str] = frozenset()
    narrations: dict[tuple[str, str], Narration] = field(default_factory=dict)  # (site id, lang)
    panoramas: Panoramas = field(default_factory=Panoramas)
    # Site id -> the tours and villages that name it (``records.listing.listings_by_site``).
    related: dict[str, list[Listing]] = field(default_factory=dict)

    @cached_property
    def site_map_script(self) -> str:
        """Root-relative path of the small map's script: one for every page, and naming
        it hashes the script (13 ms), so it is named once per build."""
        return site_map_script_path(self.config)


_ICONS = {
    # Material Design icons (Apache 2.0), inlined: no icon font, no extra request.
    "directions": "M21.71 11.29l-9-9a1 1 0 0 0-1.42 0l-9 9a1 1 0 0 0 0 1.42l9 9a1 1 0 0 0 1.42 0l9-9a1 1 0 0 0 0-1.42M14 14.5V12h-4v3H8v-4a1 1 0 0 1 1-1h5V7.5l3.5 3.5",
    "map": "M15 19l-6-2.11V5l6 2.11M20.5 3h-.16L15 5.1 9 3 3.36 4.9c-.21.07-.36.25-.36.48V20.5a.5.5 0 0 0 .5.5c.05 0 .11 0 .16-.03L9 18.9l6 2.1 5.64-1.9c.21-.1.36-.25.36-.48V3.5a.5.5 0 0 0-.5-.5",
    "share": "M18 16.08c-.76 0-1.44.3-1.96.77L8.91 12.7c.05-.23.09-.46.09-.7s-.04-.47-.09-.7l7.05-4.11c.54.5 1.25.81 2.04.81a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3c0 .24.04.47.09.7L8.04 9.81C7.5 9.31 6.79 9 6 9a3 3 0 0 0-3 3 3 3 0 0 0 3 3c.79 0 1.5-.31 2.04-.81l7.12 4.15c-.05.21-.08.43-.08.66 0 1.61 1.31 2.91 2.92 2.91s2.92-1.3 2.92-2.91A2.92 2.92 0 0 0 18 16.08",
}


def _icon(name: str) -> str:
    return f'<svg viewBox="0 0 24 24" aria-hidden="true"><path d="{_ICONS[name]}"/></svg>'


def site_json_ld(site: Site, lang: str, config: ProjectConfig, page_url: str, image_urls: list[str]) -> dict[str, Any]:
    """schema.org markup: a tourist attraction that is a historical landmark."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["TouristAttraction", "LandmarksOrHistoricalBuildings"],
        "@id": page_url + "#site",
        "name": display_name(site, lang),
        "description": localized(site.summary, lang),
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


_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+(?P<text>[^\n]*?)[ \t#]*(?:\n|\Z)")


def without_leading_heading(markdown: str, heading: str) -> str:
    """``markdown`` without a first line that is a heading saying ``heading`` (the page
    already heads the section with it: "## Lịch sử" under <h2>Lịch sử</h2> would repeat)."""
    match = _HEADING.match(markdown)
    if match and unicodedata.normalize("NFC", match["text"]).casefold() == heading.casefold():
        return markdown[match.end():].lstrip("\n")
    return markdown


def site_page_context(site: Site, lang: str, ctx: SiteContext) -> dict[str, Any]:
    config, words = ctx.config, ui(lang)
    page_path = urls.site_page_path(site.slug, lang)
    root = urls.to_root(page_path)
    image_prefix = root + urls.IMAGES_DIR + "/"
    photos = ctx.photos.get(site.id, [])
    pictures = [picture(photo, site, lang, image_prefix, hero=index == 0) for index, photo in enumerate(photos)]
    absolute_images = [urls.absolute_url(config, urls.image_path(p.processed.largest.jpeg)) for p in photos]
    page_url = urls.absolute_url(config, page_path)
    name = display_name(site, lang)
    location = site.location
    history = localized(site.history, lang) if site.history else None
    history_in_vi_only = lang == "en" and site.history is not None and not site.history.en and bool(site.history.vi)
    visiting = site.visiting
    english_page = site.id in ctx.english
    other_lang = "en" if lang == "vi" else "vi"
    nearby = [{
        "href": site_link(page_path, other, lang, ctx.english),
        "name": display_name(other, lang) if other.id in ctx.english or lang == "vi" else other.name.vi,
        "sub": join_parts([rank_label(other.rank.level, lang), other.address.commune]),
        "distance": (words["same_point"] if metres < 1 and other.location.quality.is_approximate
                     else ("~" if (other.location.quality.is_approximate or location.quality.is_approximate) else "")
                     + format_distance(metres, lang)),
    } for other, metres in ctx.nearby.get(site.id, [])]
    share_url = urls.short_url(config, site.id) if lang == "vi" else page_url
    directions = None
    if location:
        lat, lon = format_coord(location.lat), format_coord(location.lon)
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
        "summary": localized(site.summary, lang),
        "rank_label": rank_label(site.rank.level, lang),
        "rank_class": site.rank.level.value,
        "categories": [category_label(c, lang) for c in site.category],
        "place": join_parts([site.address.commune, site.address.province]),
        "address": address_line(site.address),
        "former_address": former_address_line(site.address),
        "hero": pictures[0] if pictures else None,
        "photo_request": photo_request_href(config.photo_request, site, lang)
        if config.photo_request and not pictures else None,
        "sources": [{"url": s.url, "title": source_title(s.url, s.title), "host": source_host(s.url)}
                    for s in site.sources],
        "gallery": pictures[1:],
        "panoramas": section_context(site, lang, page_path, ctx.panoramas),
        "history_html": markdown_to_safe_html(without_leading_heading(history, words["history"])) if history else "",
        "history_in_vi_only": history_in_vi_only,
        "vi_page": urls.relative_url(page_path, urls.site_page_path(site.slug, "vi")),
        "other_page": urls.relative_url(page_path, urls.site_page_path(site.slug, other_lang)) if english_page else None,
        "other_lang": other_lang,
        "opening_hours": shown_text(visiting.opening_hours, lang) if visiting else None,
        "fee": shown_text(visiting.fee, lang) if visiting else None,
        "contact": visiting.contact if visiting else None,
        "website": visiting.website if visiting else None,
        "visiting_notes": shown_text(visiting.notes, lang) if visiting else None,
        # The ranking decision is quoted as the record has it: official Vietnamese text.
        "rank_decision": shown_text(site.rank.decision, lang, written_in="vi"),
        "notes": getattr(site.notes, lang, None) if site.notes else None,
        "rank_date": format_date(site.rank.date, lang) if site.rank.date else None,
        "location": location,
        "approximate": bool(location and location.quality.is_approximate),
        "directions": directions,
        "icons": {key: _icon(key) for key in _ICONS},
        "share_url": share_url,
        "short_url": urls.short_url(config, site.id),
        "nearby": nearby,
        "related": related_links(site.id, lang, page_path, ctx.related),
        "last_checked": format_date(site.last_checked, lang) if site.last_checked else None,
        "site_map_script": urls.relative_url(page_path, ctx.site_map_script),
        "narration_html": narration_html(ctx.narrations.get((site.id, lang)), site.id, lang, page_path),
        "plaques": {fmt: urls.relative_url(page_path, path) for fmt, path in site_download_paths(site.id).items()},
        "report": report_links(site, ctx.config),
        "json_ld": json_ld(site_json_ld(site, lang, config, page_url, absolute_images)),
        "front_matter": front_matter(
            title=name,
            description=localized(site.summary, lang),
            lang=lang,
            translation=urls.translation_path(page_path, lang, ctx.pages.__contains__),
            hide=["toc"],
            og_type="place",
            og_image=absolute_images[0] if absolute_images else ctx.share_card,
        ),
    }


def report_links(site: Site, config: ProjectConfig) -> dict[str, str] | None:
    """"Báo lỗi / Report a problem": prefilled issue forms for wrong information and for a
    damaged or missing plaque; None when no repository is configured."""
    repo = repository(config)
    if repo is None:
        return None
    return {"info": repo.issue_url("fix_site", f"[{site.id}] Sửa thông tin: {site.name.vi}", site.id),
            "plaque": repo.issue_url("plaque", f"[{site.id}] Biển QR: {site.name.vi}", site.id)}


def render_site_page(site: Site, lang: str, ctx: SiteContext) -> str:
    return ENV.get_template("site_page.md.j2").render(site_page_context(site, lang, ctx))
