"""360° panoramas on a site page: the preview figures, the tour the viewer opens, the badge.

The page carries a preview picture per panorama and a "Xem 360°" button; the tour
(every scene's tiles and hotspots) is JSON in the page, read by ``panorama-viewer.js``,
which loads the vendored Pannellum only when the visitor taps. Hotspots become
Pannellum's: to another scene of the site, to another site's page, or an info point.
Text from YAML stays data: the JSON is script-safe (``json_ld``), Pannellum runs
with ``escapeHTML``, and our own labels are set with ``textContent``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import urls
from ..config import ProjectConfig
from ..i18n.labels import ui
from ..media.panoramas import PanoramaPipeline, ProcessedPanorama
from ..records.schema import Hotspot, Panorama, Site
from .text import display_name, json_ld, localized, site_link

# Under the assets folder; the version is pinned in package.json (tests compare the copy).
VIEWER_DIR = "vendor/pannellum-2.5.7"
SCRIPT = "panorama-viewer.js"
STYLE = "panorama-viewer.css"
PREVIEW_SIZES = "(min-width: 76.25em) 680px, 100vw"
OFFLINE_LEVELS = 3  # tiles "save for offline" keeps: what a phone shows before zooming
FADE_MS = 400
STRINGS = ("dialog", "close", "save", "saved", "save_unavailable", "error", "loading")


@dataclass(frozen=True)
class Scene:
    """One panorama of a site, processed: its record entry and its files."""

    panorama: Panorama
    processed: ProcessedPanorama

    @property
    def scene_id(self) -> str:
        return self.panorama.scene_id


@dataclass(frozen=True)
class Panoramas:
    """Every published site's scenes, and the published sites hotspots may lead to."""

    scenes: dict[str, list[Scene]] = field(default_factory=dict)
    published: dict[str, Site] = field(default_factory=dict)
    english: frozenset[str] = frozenset()


def process_panoramas(config: ProjectConfig, sites: list[Site], docs_root: Path,
                      english: frozenset[str] = frozenset(), media_of: list[Site] | None = None) -> Panoramas:
    """Tiles and previews of the panoramas of ``media_of`` (default: every published
    site), into ``generated/pano/`` (through the content cache: only new or changed
    photos are processed); hotspots may lead to any of ``sites``. Each is read from
    the file validation checked (``Panorama.source``)."""
    pipeline = PanoramaPipeline.for_project(config.root, docs_root / urls.PANORAMAS_DIR)
    scenes = {
        site.id: [Scene(p, pipeline.process(p.source, p.yaw, p.pitch)) for p in site.panoramas]
        for site in (sites if media_of is None else media_of) if site.panoramas
    }
    return Panoramas(scenes, {site.id: site for site in sites}, english)


def _hotspot(hotspot: Hotspot, lang: str, page_path: str, panoramas: Panoramas,
             captions: dict[str, str]) -> dict[str, Any] | None:
    """One Pannellum hotspot; None for a link to a site without a page (a draft)."""
    spot: dict[str, Any] = {"yaw": hotspot.yaw, "pitch": hotspot.pitch}
    label = localized(hotspot.text, lang) or ""
    if hotspot.scene:
        spot.update(type="scene", sceneId=hotspot.scene, text=label or captions[hotspot.scene])
    elif hotspot.site:
        other = panoramas.published.get(hotspot.site)
        if other is None:
            return None
        # attributes replace Pannellum's target=_blank: the other site opens in place.
        spot.update(type="info", URL=site_link(page_path, other, lang, panoramas.english),
                    text=label or display_name(other, lang), attributes={"target": "_self"})
    else:
        spot.update(type="info", text=label)
    return spot


def tour(scenes: list[Scene], lang: str, page_path: str, panoramas: Panoramas) -> dict[str, Any]:
    """Pannellum's configuration for a site's ``scenes``, with URLs relative to ``page_path``."""
    words = ui(lang)
    prefix = urls.relative_url(page_path, urls.PANORAMAS_DIR + "/")
    captions = {scene.scene_id: localized(scene.panorama.caption, lang) or "" for scene in scenes}
    config: dict[str, Any] = {
        "escapeHTML": True,  # Pannellum reads it from the top level only, not from "default"
        "default": {
            "firstScene": scenes[0].scene_id, "autoLoad": True, "sceneFadeDuration": FADE_MS, "compass": False,
            "strings": {"loadingLabel": words["pano_loading"], "genericWebGLError": words["pano_no_webgl"],
                        "unknownError": words["pano_error"], "noPanoramaError": words["pano_error"]},
        },
        "scenes": {},
    }
    for scene in scenes:
        tiles, panorama = scene.processed.tiles, scene.panorama
        config["scenes"][scene.scene_id] = {
            "type": "multires", "yaw": panorama.yaw, "pitch": panorama.pitch, "hfov": panorama.hfov,
            "multiRes": {
                "basePath": prefix + tiles.key, "path": "/%l/%s%y_%x", "fallbackPath": "/fallback/%s",
                "extension": "jpg", "tileResolution": tiles.tile_resolution, "maxLevel": tiles.max_level,
                "cubeResolution": tiles.cube_resolution,
            },
            "hotSpots": [spot for hotspot in panorama.hotspots
                         if (spot := _hotspot(hotspot, lang, page_path, panoramas, captions))],
        }
    return config


def _figure(scene: Scene, lang: str, prefix: str) -> dict[str, Any]:
    key, variants = scene.processed.tiles.key, scene.processed.preview.variants
    caption = localized(scene.panorama.caption, lang) or ""
    width, height, _, jpeg = variants[-1]
    return {
        "scene": scene.scene_id,
        "webp_srcset": ", ".join(f"{prefix}{key}/{webp} {w}w" for w, _, webp, _ in variants),
        "jpeg_srcset": ", ".join(f"{prefix}{key}/{jpg} {w}w" for w, _, _, jpg in variants),
        "src": f"{prefix}{key}/{jpeg}", "width": width, "height": height, "sizes": PREVIEW_SIZES,
        "alt": caption or ui(lang)["pano_view"], "caption": caption,
        "credit": scene.panorama.credit, "licence": scene.panorama.licence,
    }


def section_context(site: Site, lang: str, page_path: str, panoramas: Panoramas) -> dict[str, Any] | None:
    """What the site page's 360° section needs, or None when the site has no panorama."""
    scenes = panoramas.scenes.get(site.id)
    if not scenes:
        return None
    words = ui(lang)
    assets = urls.relative_url(page_path, urls.ASSETS_DIR + "/")
    credit = {s.scene_id: f"{words['photo_by']}: {s.panorama.credit}" + (f" ({s.panorama.licence})" if s.panorama.licence else "")
              for s in scenes}
    data = {
        "script": f"{assets}{VIEWER_DIR}/pannellum.js",
        "css": [f"{assets}{VIEWER_DIR}/pannellum.css", assets + STYLE],
        "offlineLevels": OFFLINE_LEVELS,
        "strings": {key: words[f"pano_{key}"] for key in STRINGS},
        "scenes": {s.scene_id: {"caption": localized(s.panorama.caption, lang) or "", "credit": credit[s.scene_id]}
                   for s in scenes},
        "tour": tour(scenes, lang, page_path, panoramas),
    }
    prefix = urls.relative_url(page_path, urls.PANORAMAS_DIR + "/")
    return {"figures": [_figure(scene, lang, prefix) for scene in scenes], "data_json": json_ld(data),
            "script": assets + SCRIPT}
