"""The village record (``villages/<slug>.yml``): a "thôn thông minh" page.

A village (thôn, bản or tổ dân phố) has a permanent id with the letter V
(``TH-V0001``), a slug, its commune today and before the 2025 reform, the location of
its cultural house (where the main QR plaque hangs), history and customs in Markdown,
photos, the sites in it (ids), the entrances of lanes that get a plaque each, and an
optional GeoJSON file of lanes and landmarks drawn by volunteers. No village may be
published without sources: its facts must be checkable.
"""

from __future__ import annotations

from typing import Annotated, Any, Iterable

from pydantic import AfterValidator, Field

from ..config import ProjectConfig
from .diagnostics import Diagnostic
from .schema import (
    ID_PATTERN,
    SLUG_PATTERN,
    Address,
    Image,
    LocalizedMarkdown,
    LocalizedSummary,
    Location,
    Name,
    Source,
    _Record,
    _unique,
)
from .geojson_file import GeoJsonProblem, read_features
from .listing import Listing
from .tours import PageRecord, Point, SiteFiles, diagnostic_at, published_site_links, record_geojson
from .identity import IdContext
from .publishing import placeholder_checks
from .validate import SiteRecord, common_checks, point_outside

VILLAGE_ID_PATTERN = r"^[A-Z]{1,5}-V[0-9]{4,6}$"
# Anchors of the village page's own parts; a lane entrance's slug is the anchor its
# plaque opens (``#ngo-1``), so it may not be one of these.
PAGE_ANCHORS = {"map": "ban-do", "history": "lich-su", "customs": "phong-tuc", "sites": "di-tich",
                "sources": "nguon", "plaques": "bien-qr"}
LANE_GEOMETRIES = ("LineString", "Point")
# What a point of the lanes file may be (its ``type`` property); a point without one is
# another landmark (a well, a banyan tree). The cultural house is the record's own field.
LANDMARK_TYPES = ("shrine", "school")


class Entrance(_Record):
    """A lane entrance with its own plaque; ``slug`` names it in the plaque's URL (``#ngo-1``)."""

    slug: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=40)] = Field(description="Tên ngõ không dấu, ví dụ ngo-1")
    name: Name
    point: Point


class Village(PageRecord):
    """One village: what a volunteer writes in ``villages/<slug>.yml``."""

    id: Annotated[str, Field(pattern=VILLAGE_ID_PATTERN)] = Field(description="Mã cố định, ví dụ TH-V0001")
    address: Address = Field(description="Xã hiện nay và xã, huyện trước 1/7/2025")
    # Optional in a draft (a volunteer's first skeleton must not stop everyone's build);
    # required to publish (``_published_needs``).
    cultural_house: Location | None = Field(None, description="Vị trí nhà văn hóa thôn, nơi gắn biển QR chính")
    summary: LocalizedSummary
    history: LocalizedMarkdown | None = Field(None, description="Lịch sử thôn (Markdown)")
    customs: LocalizedMarkdown | None = Field(None, description="Phong tục, lễ hội (Markdown)")
    images: list[Image] = Field(default_factory=list)
    sites: Annotated[list[Annotated[str, Field(pattern=ID_PATTERN)]], AfterValidator(_unique)] = Field(
        default_factory=list, description="Mã các di tích trong thôn")
    entrances: list[Entrance] = Field(default_factory=list, description="Đầu ngõ có biển QR riêng")
    lanes: Annotated[str, Field(min_length=1, max_length=300)] | None = Field(
        None, description="Tệp GeoJSON các ngõ (LineString) và địa điểm (Point), cạnh tệp YAML")
    sources: list[Source] = Field(default_factory=list, description="Nguồn của các thông tin (bắt buộc khi công bố) / sources")

    @property
    def has_english(self) -> bool:
        """The village gets an English page when its name and summary are in English."""
        return bool(self.name.en and self.summary.en)


def village_listing(record: SiteRecord, sites: dict[str, Any]) -> Listing:
    """How a published village shows beside the sites (``records.listing``): a marker at
    its cultural house, its place, and the sites it lists."""
    village: Village = record.site
    former = village.address.former
    place_names = (village.address.commune, former.district if former else None, former.commune if former else None)
    return Listing(village.id, village.slug, village.name.vi, village.name.en, village.has_english,
                   place=", ".join(part for part in (village.address.commune, place_names[1]) if part),
                   place_names=tuple(name for name in place_names if name), sites=tuple(village.sites),
                   point=(village.cultural_house.lat, village.cultural_house.lon))


def village_checks(records: list[SiteRecord], config: ProjectConfig, ids: IdContext) -> list[Diagnostic]:
    """Checks across villages: ids, slugs, photos, points inside the province, the lanes file,
    lane entrance slugs unique within the village and apart from the page's own anchors."""
    problems = common_checks(records, config, ids)
    for record in records:
        village: Village = record.site
        problems.extend(_published_needs(record))
        if (house := village.cultural_house) is not None:
            problems.extend(point_outside(record, ("cultural_house", "lat"), house.lat, house.lon, config))
        seen: set[str] = set()
        for index, entrance in enumerate(village.entrances):
            problems.extend(point_outside(record, ("entrances", index, "point"), entrance.point.lat, entrance.point.lon, config))
            if entrance.slug in PAGE_ANCHORS.values():
                problems.append(diagnostic_at(record, ("entrances", index, "slug"), "slug.reserved", value=entrance.slug))
            if entrance.slug in seen:
                problems.append(diagnostic_at(record, ("entrances", index, "slug"), "list.duplicate", value=entrance.slug))
            seen.add(entrance.slug)
        problems.extend(record_geojson(record, "lanes", LANE_GEOMETRIES, config))
        problems.extend(_landmark_types(record))
    problems.extend(placeholder_checks(records, config, "villages"))
    return problems


def _published_needs(record: SiteRecord) -> Iterable[Diagnostic]:
    """What a village page cannot go without: where its cultural house is (the map, the
    plaque's place) and a source for its facts. A draft may lack them."""
    village: Village = record.site
    if not village.is_published:
        return
    if village.cultural_house is None:
        yield diagnostic_at(record, ("status",), "published.needs_house")
    if not village.sources:
        yield diagnostic_at(record, ("status",), "published.needs_sources")


def landmark_type(properties: dict[str, str]) -> str:
    """A lanes-file point's kind for the map and its legend: ``shrine``, ``school`` or ``landmark``."""
    value = properties.get("type", "")
    return value if value in LANDMARK_TYPES else "landmark"


def _landmark_types(record: SiteRecord) -> list[Diagnostic]:
    """A point whose ``type`` is not one the map knows, at the ``lanes`` field (the file
    itself is reported by ``record_geojson`` when it cannot be read)."""
    village: Village = record.site
    if village.lanes is None:
        return []
    try:
        features = read_features(record.folder, village.lanes, LANE_GEOMETRIES)
    except GeoJsonProblem:
        return []
    return [diagnostic_at(record, ("lanes",), "geojson.landmark_type", got=f.properties["type"],
                          name=f.properties.get("name", ""), allowed=", ".join(LANDMARK_TYPES))
            for f in features if f.kind == "Point" and f.properties.get("type", "") not in ("", *LANDMARK_TYPES)]


def village_links(records: list[SiteRecord], sites: dict[str, Any], config: ProjectConfig) -> list[Diagnostic]:
    """Every listed site exists, and is published when the village is."""
    problems: list[Diagnostic] = []
    files = SiteFiles(config)
    for record in records:
        for index, site_id in enumerate(record.site.sites):
            problems.extend(published_site_links(record, ("sites", index), site_id, sites, files))
    return problems
