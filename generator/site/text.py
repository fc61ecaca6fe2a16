"""Small formatting helpers shared by the site's pages: addresses, dates, distances,
localized fields, names and links in the page's language."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any, Iterable
from urllib.parse import quote, unquote, urlsplit

from .. import urls
from ..i18n.collation import collation_key
from ..i18n.labels import ui
from ..records.schema import Address, Site

# --- small helpers -----------------------------------------------------------------


def join_parts(parts: Iterable[str | None]) -> str:
    return ", ".join(part for part in parts if part)


def address_line(address: Address) -> str:
    return join_parts([address.village, address.street, address.commune, address.province])


def former_address_line(address: Address) -> str:
    former = address.former
    return join_parts([former.commune, former.district]) if former else ""


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">: nothing in it can close the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def has_english(site: Site) -> bool:
    """A site gets an English page when its record has English text to show."""
    return bool(site.summary.en or (site.history and site.history.en))


def page_languages(sites: list[Site], english: frozenset[str] | None = None) -> list[tuple[Site, str]]:
    """Every site page as (site, language): Vietnamese for all, English for the sites in
    ``english`` (by default those that ``has_english``)."""
    pages = [(site, "vi") for site in sites]
    return pages + [(site, "en") for site in sites
                    if (site.id in english if english is not None else has_english(site))]


def localized(value: Any, lang: str) -> str | None:
    """A localized field in ``lang``, else Vietnamese, else whatever there is."""
    if value is None:
        return None
    return getattr(value, lang, None) or value.vi or getattr(value, "en", None)


def shown_text(value: Any, lang: str, written_in: str | None = None) -> dict[str, str] | None:
    """What a page in ``lang`` shows of a text: ``{"text", "lang"}`` with the language the
    text is written in, so the page can mark a text it has only in another language
    (``lang="vi"``, "in Vietnamese") instead of passing it off as a translation.

    ``value`` is a localized field (``localized`` picks the text) or, with ``written_in``,
    a plain string in that language (an official decision is quoted, never translated).
    None when there is no text.
    """
    if written_in is not None:
        return {"text": value, "lang": written_in} if value else None
    text = localized(value, lang)
    if not text:
        return None
    return {"text": text, "lang": lang if getattr(value, lang, None) else ("vi" if value.vi else "en")}


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


def format_coord(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def site_link(from_path: str, site: Site, lang: str, english: frozenset[str]) -> str:
    target_lang = lang if lang == "vi" or site.id in english else "vi"
    return urls.relative_url(from_path, urls.site_page_path(site.slug, target_lang))


def display_name(site: Site, lang: str) -> str:
    return (site.name.en if lang == "en" else None) or site.name.vi


def sort_key(site: Site) -> tuple[object, str]:
    """Every list of sites a visitor reads: Vietnamese alphabetical order of the name
    (``i18n.collation``), the permanent id breaking ties."""
    return collation_key(site.name.vi), site.id


_URL_NOISE = re.compile(r"(?:\.(?:html?|php|aspx?|phtml))+$", re.IGNORECASE)


def source_host(url: str) -> str:
    """``https://www.dsvh.gov.vn/a/b`` -> ``dsvh.gov.vn``: who published a source."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def source_title(url: str, title: str | None) -> str:
    """What a source's link says: its title; else, when the address ends in a name
    written with its diacritics (``/wiki/Th%C3%A0nh_nh%C3%A0_H%E1%BB%93``), that name
    (``Thành nhà Hồ``); else "" (the page then names the host alone).
    Accent-stripped slugs (``cau-ham-rong-672144``) are not shown: they misspell the
    Vietnamese they stand for."""
    if title and title.strip():
        return title.strip()
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if not parts:
        return ""
    words = _URL_NOISE.sub("", unquote(parts[-1])).replace("_", " ")
    words = unicodedata.normalize("NFC", " ".join(words.split()))
    vietnamese = any(ord(ch) > 127 and ch.isalpha() for ch in words)
    return words if vietnamese and all(ch.isalpha() or ch in " ,()'" for ch in words) else ""


def photo_request_href(contact: str, site: Site, lang: str) -> str:
    """The photo-request link for ``site``: an email gets a subject naming the site."""
    if not contact.lower().startswith("mailto:") or "?" in contact:
        return contact
    subject = f"{ui(lang)['photo_request_subject']} {site.id} {site.name.vi}"
    return f"{contact}?subject={quote(subject, safe='')}"
