"""A small search index that folds Vietnamese diacritics, fetched only when someone searches.

mkdocs-material's search loads one index of every page on every page load (about
800 KB gzip at 1,500 pages), and lunr does not fold Vietnamese diacritics. This
index is written by the generator and read by ``static/search.js``:

* ``generated/search/index.json`` (the manifest): every shard key with the number of
  entries in that shard, the rank labels, and each record kind's page folder and name.
* ``generated/search/<key>.json`` (a shard): every site with a word whose key is
  ``<key>``, with what a result shows and all of its words (folded), so one shard is
  enough to check every word of a query.
* ``generated/search/all-sites.json``: every entry once. Never fetched online; the
  service worker keeps it on a first visit (while small enough, see ``offline``) and
  the script reads it when a shard cannot be fetched, so search works offline.

Tours and villages are entries too, from their kinds' listings (``records.listing``):
a result names its kind ("Tuyến tham quan") and links to the record's own page.

A word's key is its first three letters (``trieu`` -> ``tri``); words ending in two
digits (ids: ``th0042``, ``0042``, ``42``) are keyed by those digits (``n-42``),
because every id shares its first letters. The hyphen never occurs in a word, so such
a key cannot clash with a word's; no key starts with ``_`` (GitHub Pages' Jekyll drops
such files, and the site must not depend on ``.nojekyll`` being honoured). A query fetches the manifest and the
smallest shard among its words' keys; a word of fewer than three letters must match
a whole word, a longer last word may be the start of one ("ba trie" finds Bà Triệu).

Words that name a kind of relic (đền, chùa, đình, khu di tích...) are optional when
the query has other words: "den ba trieu" finds "Khu di tích Bà Triệu", and the
site whose name has "Đền" ranks higher. They are listed in the manifest (``g``), so
the JavaScript and this module share one list.

``plan_query`` mirrors the JavaScript's choice of files, for tests and benchmarks.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..files import write_text
from ..i18n.collation import collation_key
from ..i18n.labels import RANK_ORDER, rank_label
from ..i18n.route_labels import kind_label
from ..records.listing import Listing
from ..records.schema import Site
from ..records.slugs import fold_diacritics
from ..urls import SITE_PAGES_DIR

INDEX_VERSION = 1
SITE_KIND = "site"  # the kind of entries without a kind field (``records.kinds.SITE``)
MANIFEST = "index.json"
ALL_SITES = "all-sites.json"  # longer than any shard key, so never one of them
KEY_LENGTH = 3
_WORD = re.compile(r"[a-z0-9]+")
_ID = re.compile(r"^([a-z]{1,5})[-\s]?([a-z]?[0-9]{3,6})$")
_NUMBERED = re.compile(r"[0-9]{2}$")
NUMBER_KEY_PREFIX = "n-"
# Administrative words before place names say nothing about which site is meant.
_UNIT = re.compile(r"^(xa|phuong|thi tran|thi xa|thanh pho|huyen|tp\.?)\s+")
# Kinds of relic, folded: optional in a query that has other words.
GENERIC_WORDS = ("am", "chi", "chua", "den", "di", "dinh", "khu", "lang", "mieu", "nghe", "nha", "phu", "quan",
                 "the", "tho", "tich")


def fold(text: str) -> str:
    return fold_diacritics(text).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def id_words(record_id: str) -> list[str]:
    """``TH-0042`` -> ``th0042``, ``0042``, ``42``; ``TH-T0001`` -> ``tht0001``, ``t0001``, ``1``:
    how people type an id (a tour's or village's carries its kind's letter)."""
    letters, number = record_id.lower().split("-")
    digits = number.lstrip("abcdefghijklmnopqrstuvwxyz")
    return list(dict.fromkeys([letters + number, number, str(int(digits))]))


def query_words(query: str) -> list[str]:
    """The words of a query; an id typed with or without its hyphen becomes one word."""
    text = fold(query).strip()
    match = _ID.match(text)
    if match:
        return [match.group(1) + match.group(2)]
    return _WORD.findall(text)


def shard_key(word: str) -> str:
    ending = _NUMBERED.search(word)
    return NUMBER_KEY_PREFIX + ending.group(0) if ending else word[:KEY_LENGTH]


def _place_words(name: str | None) -> list[str]:
    return words(_UNIT.sub("", fold(name))) if name else []


def site_words(site: Site) -> list[str]:
    """Every word a visitor might type to find ``site``, folded, without repeats."""
    address = site.address
    former = address.former
    texts = [site.name.vi, site.name.en or "", *site.name.other, *site.tags, address.village or ""]
    found = [w for text in texts for w in words(text)]
    found += id_words(site.id)
    for place in (address.commune, former and former.district, former and former.commune,
                  former and former.commune_in_sources):
        found += _place_words(place)
    return list(dict.fromkeys(found))


def _place(site: Site) -> str:
    address = site.address
    district = address.former.district if address.former else None
    return ", ".join(part for part in (address.commune, district) if part)


def listing_words(listing: Listing) -> list[str]:
    """Every word a visitor might type to find a tour or village: its names, id, places
    and its kind's name in both languages (``tuyen tham quan`` lists every tour)."""
    kind_names = [kind_label(listing.kind, "name", lang) for lang in ("vi", "en")]
    found = [w for text in (listing.name_vi, listing.name_en or "", *kind_names) for w in words(text)]
    found += id_words(listing.id)
    for place in listing.place_names:
        found += _place_words(place)
    return list(dict.fromkeys(found))


def _entries(sites: Iterable[Site], english: set[str], listings: Iterable[Listing]) -> list[tuple[list[str], list[Any]]]:
    """(words, entry without its number) per site and listing, in Vietnamese alphabetical
    order of the name: entry numbers are the results' order among equal scores. A site's
    entry has its rank's index; a listing's has no rank and ends with its kind's name."""
    rows = [((collation_key(s.name.vi), s.id), site_words(s),
             [s.slug, s.name.vi, s.name.en or "", RANK_ORDER.index(s.rank.level), _place(s), s.id,
              1 if s.id in english else 0]) for s in sites]
    rows += [((collation_key(item.name_vi), item.id), listing_words(item),
              [item.slug, item.name_vi, item.name_en or "", None, item.place, item.id, 1 if item.english else 0,
               item.kind]) for item in listings]
    return [(found, entry) for _, found, entry in sorted(rows, key=lambda row: row[0])]


def build_index(sites: Iterable[Site], english: set[str],
                listings: Iterable[Listing] = ()) -> tuple[dict[str, Any], dict[str, list[list[Any]]]]:
    """The manifest and the shards for ``sites`` and the other kinds' ``listings``;
    ``english`` holds the ids of sites with an English page.

    An entry is ``[number, slug, name vi, name en, rank index or null, place, id, words,
    English page 0/1]`` and, for a listing, its kind; the manifest's ``p`` gives each
    kind's page folder and ``t`` each kind's name in each language.
    """
    shards: dict[str, list[list[Any]]] = defaultdict(list)
    kinds: dict[str, str] = {SITE_KIND: SITE_PAGES_DIR}
    for number, (found, row) in enumerate(_entries(sites, english, listings)):
        entry = [number, *row[:6], " ".join(found), *row[6:]]
        for key in dict.fromkeys(shard_key(w) for w in found):
            shards[key].append(entry)
    for listing in listings:
        kinds.setdefault(listing.kind, listing.page_dir)
    manifest = {
        "v": INDEX_VERSION,
        "k": {key: len(entries) for key, entries in sorted(shards.items())},
        "r": {lang: [rank_label(level, lang) for level in RANK_ORDER] for lang in ("vi", "en")},
        "g": list(GENERIC_WORDS),
        "p": kinds,
        "t": {lang: {kind: kind_label(kind, "name", lang) for kind in kinds if kind != SITE_KIND}
              for lang in ("vi", "en")},
    }
    return manifest, dict(shards)


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def write_search_index(sites: list[Site], english: set[str], folder: Path, listings: Iterable[Listing] = ()) -> None:
    """Write the manifest, the shards and the whole index (``ALL_SITES``) into ``folder``."""
    manifest, shards = build_index(sites, english, listings)
    write_text(folder / MANIFEST, _dump(manifest))
    everything = {entry[0]: entry for entries in shards.values() for entry in entries}
    write_text(folder / ALL_SITES, _dump([everything[number] for number in sorted(everything)]))
    for key, entries in shards.items():
        write_text(folder / f"{key}.json", _dump(entries))


def required_words(asked: list[str]) -> list[str]:
    """The words a result must have: all but the generic ones, unless that is all there is."""
    specific = [w for w in asked if w not in GENERIC_WORDS]
    return specific or asked


def plan_query(query: str, manifest: dict[str, Any]) -> list[str]:
    """The shard files ``search.js`` fetches for ``query`` (besides the manifest)."""
    keys = [shard_key(w) for w in required_words(query_words(query))]
    if not keys or any(key not in manifest["k"] for key in keys):
        return []
    return [min(keys, key=lambda k: (manifest["k"][k], k)) + ".json"]


def matches(query: str, entry: list[Any]) -> bool:
    """Whether a shard entry matches every word of ``query`` (the JavaScript's rule)."""
    found = entry[7].split(" ")
    asked = query_words(query)
    required = required_words(asked)
    for index, word in enumerate(asked):
        prefix = index == len(asked) - 1 and len(word) >= KEY_LENGTH and not _NUMBERED.search(word)
        if word in required and not any(w == word or (prefix and w.startswith(word)) for w in found):
            return False
    return True
