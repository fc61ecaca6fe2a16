"""How a record of another kind (a tour, a village) shows up beside the sites.

Search results, the big map and the site pages a tour passes through show tours and
villages without knowing their schemas: each record kind that has pages of its own
gives a ``Listing`` of each record (``RecordKind.listing``, see ``kinds``) and the
render stages read only listings. A new kind plugs in by giving one more function.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from .geojson_file import Position

if TYPE_CHECKING:
    from .schema import Site
    from .validate import LoadResult


@dataclass(frozen=True)
class Listing:
    """One published record of another kind, as search, the map and site pages show it.

    ``kind`` and ``page_dir`` (the URL folder of the kind's pages) are set from the record
    kind; ``place_names`` are searched (commune today and before 2025), ``place`` is
    shown; ``sites`` are the ids of the sites it passes through or lists, in its order;
    ``line`` is a route as (lat, lon) points (empty: none) and ``point`` a marker
    (``None``: none).
    """

    id: str
    slug: str
    name_vi: str
    name_en: str | None
    english: bool  # the record has an English page
    place: str = ""
    place_names: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    line: tuple[Position, ...] = ()
    point: Position | None = None
    kind: str = ""
    page_dir: str = ""

    def name(self, lang: str) -> str:
        return (self.name_en if lang == "en" else None) or self.name_vi


def kind_listings(load: "LoadResult") -> list[Listing]:
    """A listing of every published record of every kind that gives them, by kind (in
    registry order) and id. Sites themselves are not listings: the site stage owns them."""
    from .kinds import KINDS  # kinds imports the modules that give listings

    sites = {site.id: site for site in load.published}
    found: list[Listing] = []
    for kind in KINDS.values():
        if kind.listing is None:
            continue
        records = sorted((r for r in load.others.get(kind.name, []) if r.site.is_published), key=lambda r: r.site.id)
        found += [replace(kind.listing(record, sites), kind=kind.name, page_dir=kind.page_dir) for record in records]
    return found


def listings_by_site(listings: Iterable[Listing]) -> dict[str, list[Listing]]:
    """Site id -> the listings that name that site (each once), in ``listings``' order."""
    by_site: dict[str, list[Listing]] = {}
    for listing in listings:
        for site_id in dict.fromkeys(listing.sites):
            by_site.setdefault(site_id, []).append(listing)
    return by_site


def site_point(site: "Site | None") -> Position | None:
    """A site's (lat, lon), or None without a location."""
    if site is None or site.location is None:
        return None
    return site.location.lat, site.location.lon

