"""The village pages ("thôn thông minh"): the village's story, a map of its lanes with
landmarks, the cultural house, lane entrances and its sites, and links to the sites.

The cultural house plaque opens the page (``s/<ID>/``); each lane entrance's plaque
opens it at that entrance (``s/<ID>/#<key>``). The map data is JSON in the page,
escaped for HTML; ``static/village.js`` draws it with Leaflet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..i18n.route_labels import ROUTE_UI
from ..map.data import MAP_DIR, VENDOR, json_bytes
from ..map.settings import map_settings
from ..plaques.content import plaque_subjects
from ..records.geojson_file import read_features
from ..records.schema import Site
from ..records.validate import LoadResult, SiteRecord
from ..records.villages import LANE_GEOMETRIES, PAGE_ANCHORS, Village, landmark_type
from ..site.front_matter import front_matter
from ..site.markdown_text import markdown_to_safe_html
from ..site.pictures import picture, process_photos
from ..site.templating import template_env
from ..site.text import join_parts, localized
from ..plaques.command import DOWNLOADS_DIR, write_site_downloads
from .exports import village_file_path, write_village_export
from ..tours.lists import ListKind, ListRow, write_record_lists
from ..tours.page import copy_to_aliases, hashed_static, static_paths, write_static

ENV = template_env("generator.villages")
STATIC_DIR = Path(__file__).parent / "static"
STATIC_OUT = "generated/villages/static"
PLAQUES_OUT = DOWNLOADS_DIR / "villages"
# What the lane map draws, in the legend's order: colour and shape. ``static/village.js``
# reads them from the page's map data, the legend under the map from here: one source.
MAP_STYLE: dict[str, tuple[str, str]] = {
    "lane": ("#6d4c41", "line"), "house": ("#c62828", "dot"), "shrine": ("#6a1b9a", "dot"),
    "school": ("#ef6c00", "dot"), "landmark": ("#2e7d32", "dot"), "entrance": ("#1565c0", "dot"),
    "site": ("#2a81cb", "pin"),  # Leaflet's own marker
}


def lane_features(record: SiteRecord) -> list[dict[str, Any]]:
    """The lanes file as small dicts for the page: kind, name, [lat, lon] points."""
    village: Village = record.site
    if village.lanes is None:
        return []
    return [{"kind": f.kind, "role": "lane" if f.kind == "LineString" else landmark_type(f.properties),
             "name": f.properties.get("name", ""), "points": [list(p) for p in f.positions]}
            for f in read_features(record.folder, village.lanes, LANE_GEOMETRIES)]


def map_legend(village: Village, lanes: list[dict[str, Any]], sites: list[Site], lang: str) -> list[dict[str, str]]:
    """The lane map's legend: what it draws, only what this village's map has
    (``{"role", "label", "color", "shape"}`` in ``MAP_STYLE``'s order)."""
    present = {feature["role"] for feature in lanes} | {"house"}
    present |= {"entrance"} if village.entrances else set()
    present |= {"site"} if any(site.location for site in sites) else set()
    words = ROUTE_UI[lang]
    return [{"role": role, "label": words[f"legend_{role}"], "color": color, "shape": shape}
            for role, (color, shape) in MAP_STYLE.items() if role in present]


def _map_json(config: ProjectConfig, village: Village, lanes: list[dict[str, Any]], sites: list[Site], page_path: str,
              lang: str) -> str:
    words = ROUTE_UI[lang]
    tiles = map_settings(config).tiles
    data = {
        "tiles": {"url": tiles.url, "attribution": tiles.attribution, "maxZoom": tiles.max_zoom},
        "house": {"name": words["cultural_house"], "lat": village.cultural_house.lat, "lon": village.cultural_house.lon},
        "entrances": [{"key": e.slug, "name": localized(e.name, lang) or e.name.vi, "lat": e.point.lat, "lon": e.point.lon}
                      for e in village.entrances],
        "features": lanes,
        "styles": {role: color for role, (color, _) in MAP_STYLE.items()},
        "sites": [{"id": s.id, "name": s.name.vi, "lat": s.location.lat, "lon": s.location.lon,
                   "href": urls.relative_url(page_path, urls.site_page_path(s.slug))} for s in sites if s.location],
    }
    return json_bytes(data).decode("utf-8")


def village_languages(village: Village) -> tuple[str, ...]:
    """The languages the village's page is written in."""
    return ("vi", "en") if village.has_english else ("vi",)


def village_page(config: ProjectConfig, village: Village, lanes: list[dict[str, Any]], listed: list[Site],
                 photos: dict[str, Any], lang: str) -> str:
    """The page's Markdown; ``lanes`` from ``lane_features``, ``listed`` the village's published sites."""
    words = ROUTE_UI[lang]
    page_path = urls.record_page_path(urls.VILLAGE_PAGES_DIR, village.slug, lang)
    name = village.name.en if lang == "en" and village.name.en else village.name.vi
    root = urls.to_root(page_path)
    pictures = [picture(photo, village, lang, root + urls.IMAGES_DIR + "/", hero=index == 0)
                for index, photo in enumerate(photos.get(village.id, []))]
    former = village.address.former
    return ENV.get_template("village_page.md.j2").render(
        front_matter=front_matter(title=name, description=localized(village.summary, lang), lang=lang, hide=["toc"],
                                  translation=urls.record_translation(urls.VILLAGE_PAGES_DIR, village.slug, lang,
                                                                      village_languages(village))),
        lang=lang, t=words, village=village, name=name, summary=localized(village.summary, lang),
        place=join_parts([village.address.commune, village.address.province]),
        former=join_parts([former.commune, former.district]) if former else None,
        history_html=markdown_to_safe_html(localized(village.history, lang)) if village.history else "",
        customs_html=markdown_to_safe_html(localized(village.customs, lang)) if village.customs else "",
        pictures=pictures, legend=map_legend(village, lanes, listed, lang),
        sites=[{"name": s.name.vi, "href": urls.relative_url(page_path, urls.site_page_path(s.slug)),
                "summary": localized(s.summary, lang)} for s in listed],
        entrances=[{"key": e.slug, "name": localized(e.name, lang) or e.name.vi} for e in village.entrances],
        map_json=_map_json(config, village, lanes, listed, page_path, lang),
        geojson=urls.relative_url(page_path, village_file_path(village.id)),
        leaflet=urls.relative_url(page_path, f"{MAP_DIR}/vendor/{VENDOR['leaflet']}/"),
        script=urls.relative_url(page_path, hashed_static(STATIC_DIR, STATIC_OUT)["village.js"]),
        style=urls.relative_url(page_path, static_paths()["tour.css"]),
        plaques=[(subject.name_vi, urls.relative_url(page_path, (PLAQUES_OUT / f"{subject.key}.pdf").as_posix()))
                 for subject in plaque_subjects([village])],
        short_url=urls.short_url(config, village.id),
        anchors=PAGE_ANCHORS,
    )


VILLAGE_LIST = ListKind(urls.VILLAGE_PAGES_DIR, "villages", "no_villages", "dcd-village-list")


def village_rows(records: list[SiteRecord]) -> list[ListRow]:
    """The villages as their lists show them: commune and province (names, the same in
    both languages)."""
    return [ListRow(r.site.slug, r.site.name, village_languages(r.site),
                    lambda _lang, place=join_parts([r.site.address.commune, r.site.address.province]): place)
            for r in records]


def write_villages(config: ProjectConfig, load: LoadResult, docs_root: Path) -> None:
    """Kind writer: every published village's pages (English too when it has English text)."""
    records = sorted((r for r in load.others.get("village", []) if r.site.is_published), key=lambda r: r.site.id)
    # The lists are in the navigation: they exist (and say so) even before the first village.
    write_record_lists(VILLAGE_LIST, village_rows(records), static_paths()["tour.css"], docs_root)
    if not records:
        return
    sites = {site.id: site for site in load.published}
    photos, _ = process_photos(config, [r.site for r in records], docs_root)
    for record in records:
        village: Village = record.site
        lanes = lane_features(record)
        listed = [sites[site_id] for site_id in village.sites if site_id in sites]
        langs = village_languages(village)
        for lang in langs:
            path = urls.record_page_path(urls.VILLAGE_PAGES_DIR, village.slug, lang)
            write_text(docs_root / urls.page_source_file(path), village_page(config, village, lanes, listed, photos, lang))
        write_village_export(config, record, lanes, listed, docs_root)
    write_site_downloads(config, [r.site for r in records], docs_root, PLAQUES_OUT)
    write_static(STATIC_DIR, STATIC_OUT, docs_root)  # tour.css, shared, comes from write_tours (it runs first)


def finish_villages(config: ProjectConfig, load: LoadResult, site_dir: Path) -> None:
    copy_to_aliases(site_dir, urls.VILLAGE_PAGES_DIR, load.published_of("village"))
