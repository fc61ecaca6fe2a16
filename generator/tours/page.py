"""The tour pages: one per published tour (Vietnamese, and English when the tour has
English text), their downloads, the list of tours, and the permanent ``s/<ID>/`` copies.

The page carries its map data as JSON (escaped for HTML) and ``static/tour.js`` draws
the route with Leaflet and runs the guided walk: after one tap on "Bắt đầu tham quan",
it follows the visitor's position and plays a stop's narration on entering its zone.

A stop at a site plays that site's narration: the same file as the site's page, from
the narration cache the site stage filled (``media.narration``). A stop without one has
no player, and the walk still shows each stop as the visitor arrives.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Callable

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..i18n.labels import ui
from ..i18n.route_labels import MODE_LABELS, ROUTE_UI, duration
from ..map.data import MAP_DIR, MAP_PAGE_DIR, VENDOR, hashed_name, json_bytes
from ..map.settings import map_settings
from ..media.narration import Narration, Narrator, prepare_narrations
from ..plaques.command import DOWNLOADS_DIR, write_site_downloads
from ..records.schema import Site
from ..records.tours import SPEEDS_KMH, Tour
from ..records.validate import LoadResult
from ..site.front_matter import front_matter
from ..site.pictures import Photo, picture, process_photos
from ..site.templating import template_env
from ..site.text import format_distance, localized
from ..site.text import has_english as site_has_english
from .exports import tour_file_path, write_tour_exports
from .lists import ListKind, ListRow, write_record_lists
from .plan import TourPlan, tour_plans
from .route import Leg, TourStop

ENV = template_env("generator.tours")
STATIC_DIR = Path(__file__).parent / "static"
STATIC_OUT = "generated/tours/static"
PLAQUES_OUT = DOWNLOADS_DIR / "tours"  # A5 PDFs of the tour plaques, beside the sites'



@dataclass(frozen=True)
class StopMedia:
    """What the stops show of their sites: photos by site id, narration audio (root-relative
    path) by (site id, language)."""

    photos: dict[str, list[Photo]] = field(default_factory=dict)
    audio: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # -> (path, who reads)


def tour_languages(tour: Tour) -> tuple[str, ...]:
    """The languages the tour's page is written in."""
    return ("vi", "en") if tour.has_english else ("vi",)


def _stop_context(stop: TourStop, leg: Leg | None, lang: str, page_path: str, media: StopMedia,
                  english_sites: frozenset[str]) -> dict[str, Any]:
    site = stop.site
    name = (stop.name_en if lang == "en" and stop.name_en else stop.name_vi)
    context: dict[str, Any] = {
        "number": stop.number, "name": name, "site_id": site.id if site else None, "approximate": stop.approximate,
        "radius": stop.radius, "summary": None, "href": None, "photo": None, "audio": None, "audio_by": None,
        "from_previous": format_distance(leg.metres, lang) if leg else None,
        "leg_approximate": bool(leg and leg.approximate),
    }
    if site is not None:
        page_lang = lang if lang == "vi" or site.id in english_sites else "vi"
        context["href"] = urls.relative_url(page_path, urls.site_page_path(site.slug, page_lang))
        context["summary"] = localized(site.summary, lang)
        site_photos = media.photos.get(site.id)
        if site_photos:
            context["photo"] = picture(site_photos[0], site, lang, urls.to_root(page_path) + urls.IMAGES_DIR + "/", hero=False)
        audio, context["audio_by"] = media.audio.get((site.id, lang), (None, None))
        context["audio"] = urls.relative_url(page_path, audio) if audio else None
    return context


def _map_data(config: ProjectConfig, plan: TourPlan, stops: list[dict[str, Any]], lang: str) -> str:
    tiles = map_settings(config).tiles
    data = {
        "tiles": {"url": tiles.url, "attribution": tiles.attribution, "maxZoom": tiles.max_zoom},
        "stops": [{"n": s["number"], "name": s["name"], "lat": stop.lat, "lon": stop.lon, "r": stop.radius,
                   "approx": stop.approximate} for s, stop in zip(stops, plan.stops)],
        "legs": [leg.approximate for leg in plan.legs],
        "route": [[lat, lon] for lat, lon in plan.geometry.line] if plan.geometry.drawn else None,
        "text": {key: ROUTE_UI[lang][key] for key in ("following", "no_position", "now_at", "approx_leg", "map", "tap_to_play",
                                                       "finish", "open_stop")},
    }
    return json_bytes(data).decode("utf-8")


def tour_page(config: ProjectConfig, plan: TourPlan, lang: str, media: StopMedia,
              english_sites: frozenset[str]) -> str:
    """The page's Markdown (front matter and one raw-HTML block)."""
    tour, words = plan.tour, ROUTE_UI[lang]
    page_path = urls.record_page_path(urls.TOUR_PAGES_DIR, tour.slug, lang)
    stops = [_stop_context(stop, plan.legs[index - 1] if index else None, lang, page_path, media, english_sites)
             for index, stop in enumerate(plan.stops)]
    name = tour.name.en if lang == "en" and tour.name.en else tour.name.vi
    description = localized(tour.description, lang)
    link = lambda path: urls.relative_url(page_path, path)  # noqa: E731
    speed = f"{SPEEDS_KMH[tour.mode]:g}"
    return ENV.get_template("tour_page.md.j2").render(
        front_matter=front_matter(title=name, description=description, lang=lang, hide=["toc"], og_type="website",
                                  translation=urls.record_translation(urls.TOUR_PAGES_DIR, tour.slug, lang,
                                                                      tour_languages(tour))),
        lang=lang, t=words, tour=tour, name=name, description=description,
        mode=MODE_LABELS[tour.mode][lang], stops=stops,
        total=format_distance(plan.length_m, lang), time=duration(plan.minutes, lang),
        speed_note=words["speed_note_drawn" if plan.geometry.drawn else "speed_note"].format(speed=speed),
        any_approximate=any(leg.approximate for leg in plan.legs) and not plan.geometry.drawn,
        map_json=_map_data(config, plan, stops, lang),
        leaflet=link(f"{MAP_DIR}/vendor/{VENDOR['leaflet']}/"),
        script=link(static_paths()["tour.js"]), style=link(static_paths()["tour.css"]),
        downloads=[(words[key], link(tour_file_path(tour.id, suffix))) for key, suffix in
                   (("itinerary", "pdf"), ("gpx", "gpx"), ("geojson", "geojson"), ("kml", "kml"))]
        + [(words["plaque"], link((PLAQUES_OUT / f"{tour.id}.pdf").as_posix()))],
        short_url=urls.short_url(config, tour.id),
        tours_href=link(urls.record_list_path(urls.TOUR_PAGES_DIR, lang)),
        map_href=link(urls.home_path(lang) + f"{MAP_PAGE_DIR}/"), map_label=ui(lang)["map_nav"],
    )


def write_tours(config: ProjectConfig, load: LoadResult, docs_root: Path) -> None:
    """Kind writer: every published tour's pages, downloads and the list of tours."""
    from .itinerary import itinerary_pdf  # fpdf2 and the plaque fonts: only when tours exist

    plans = tour_plans(load)
    # The lists are in the navigation: they exist (and say so) even before the first tour.
    write_record_lists(TOUR_LIST, tour_rows(plans), static_paths()["tour.css"], docs_root)
    write_static(STATIC_DIR, STATIC_OUT, docs_root)
    if not plans:
        return
    stop_sites = list({stop.site.id: stop.site for plan in plans for stop in plan.stops if stop.site}.values())
    english_sites = frozenset(site.id for site in load.published if site_has_english(site))  # as the site pages decide
    media = _stop_media(config, stop_sites, english_sites, docs_root)
    for plan in plans:
        for lang in tour_languages(plan.tour):
            path = urls.record_page_path(urls.TOUR_PAGES_DIR, plan.tour.slug, lang)
            write_text(docs_root / urls.page_source_file(path), tour_page(config, plan, lang, media, english_sites))
        write_tour_exports(config, plan.geometry, docs_root)
        (docs_root / tour_file_path(plan.tour.id, "pdf")).write_bytes(itinerary_pdf(config, plan))
    write_site_downloads(config, [plan.tour for plan in plans], docs_root, PLAQUES_OUT)


def _stop_media(config: ProjectConfig, sites: list[Site], english_sites: frozenset[str], docs_root: Path) -> StopMedia:
    """The stop sites' photos and narration, through the caches the site stage filled."""
    photos, _ = process_photos(config, sites, docs_root)
    pages = [(site, lang) for site in sites for lang in ("vi", "en") if lang == "vi" or site.id in english_sites]
    narrations = prepare_narrations(Narrator.for_project(config, docs_root / urls.AUDIO_DIR), pages)
    return StopMedia(photos, {key: (urls.audio_path(found.audio.file), _read_by(found, key[1]))
                              for key, found in narrations.items() if found.audio})


def _read_by(narration: Narration, lang: str) -> str:
    """The credit line a stop's player carries, as on the site page: the machine voice
    named as such, a volunteer's reading with its reader and licence (CC BY asks it)."""
    words = ui(lang)
    if narration.generated:
        return words["machine_voice"]
    licence = f" ({narration.licence})" if narration.licence else ""
    return f"{words['read_by']}: {narration.credit}{licence}"


def hashed_static(source: Path, out: str) -> dict[str, str]:
    """A stage's browser files (JS, CSS) by name -> root-relative path with the content's
    hash in the name: the service worker keeps files under ``generated/`` for good, so a
    changed file must get a new name."""
    return {path.name: f"{out}/{hashed_name(path.name, path.read_bytes())}" for path in sorted(source.iterdir())}


def static_paths() -> dict[str, str]:
    """The tour stage's files (``tour.js``, ``tour.css``, shared by the village pages)."""
    return hashed_static(STATIC_DIR, STATIC_OUT)


def write_static(source: Path, out: str, docs_root: Path) -> None:
    """Write a stage's browser files under their hashed names."""
    for name, path in hashed_static(source, out).items():
        target = docs_root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, target)


TOUR_LIST = ListKind(urls.TOUR_PAGES_DIR, "tours", "no_tours", "dcd-tour-list")


def tour_rows(plans: list[TourPlan]) -> list[ListRow]:
    """The tours as their lists show them: mode, number of stops, total length."""
    def details(plan: TourPlan) -> Callable[[str], str]:
        return lambda lang: (f"{MODE_LABELS[plan.tour.mode][lang]} · {len(plan.stops)} {ROUTE_UI[lang]['stops']} · "
                             f"{format_distance(plan.length_m, lang)}")

    return [ListRow(plan.tour.slug, plan.tour.name, tour_languages(plan.tour), details(plan)) for plan in plans]


# A relative URL in an attribute MkDocs or our templates wrote (double-quoted): not
# absolute, not root-relative, not an in-page anchor or a scheme like mailto:.
_RELATIVE_ATTR = re.compile(r'(\s(?:href|src)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"?#]*)')


def relink_for(html: str, page_path: str, alias_path: str) -> str:
    """``html`` of the page at ``page_path`` with every relative href/src rewritten to lead
    to the same file from ``alias_path`` (both root-relative folders, e.g. ``s/TH-T0001/``).

    Links that climb to the root already work from any page as deep; links that do not
    (MkDocs' nav link to the tour list is ``../`` from ``tuyen-tham-quan/<slug>/``) would
    lead elsewhere in the copy, so each is re-made with ``urls.relative_url``.
    """
    def relink(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(page_path, match[2]))
        target = "" if target == "." else target + ("/" if match[2].endswith("/") or not match[2] else "")
        return match[1] + urls.relative_url(alias_path, target)

    return _RELATIVE_ATTR.sub(relink, html)


def copy_to_aliases(site_dir: Path, page_dir: str, records: list[Any]) -> None:
    """Post-render: each record's page also at ``s/<ID>/`` and its former slugs, its relative
    links re-made for the copy's folder (``relink_for``)."""
    for record in records:
        page_path = urls.record_page_path(page_dir, record.slug)
        html = (site_dir / page_path / "index.html").read_text(encoding="utf-8")
        aliases = [urls.short_path(record.id)] + [urls.record_page_path(page_dir, old) for old in record.former_slugs]
        for alias in aliases:
            write_text(site_dir / alias / "index.html", relink_for(html, page_path, alias))


def finish_tours(config: ProjectConfig, load: LoadResult, site_dir: Path) -> None:
    copy_to_aliases(site_dir, urls.TOUR_PAGES_DIR, load.published_of("tour"))
