"""Checks of a site's 360° scenes that need more than one field: scene names are
unique within the site, and every hotspot leads somewhere that exists."""

from __future__ import annotations

from typing import Any, Iterator

from .diagnostics import Severity
from .schema import Site
from .yaml_source import FieldPath

# (where, message code, severity, message parameters)
SceneProblem = tuple[FieldPath, str, Severity, dict[str, Any]]


def check_scenes(site: Site, sites: dict[str, Site]) -> Iterator[SceneProblem]:
    """Problems with ``site``'s scenes; ``sites`` holds every valid record by id.

    A hotspot to a draft site is a warning on a published site: the link stays out
    of the page until that site is published."""
    first: dict[str, int] = {}
    for index, panorama in enumerate(site.panoramas):
        name = panorama.scene_id
        if name in first:
            where = ("panoramas", index, "scene" if panorama.scene else "file")
            yield where, "panorama.scene_duplicate", Severity.ERROR, {"scene": name, "other": first[name] + 1}
        first.setdefault(name, index)
    for index, panorama in enumerate(site.panoramas):
        for number, hotspot in enumerate(panorama.hotspots):
            where: FieldPath = ("panoramas", index, "hotspots", number)
            if hotspot.scene and hotspot.scene not in first:
                yield (*where, "scene"), "panorama.scene_unknown", Severity.ERROR, {
                    "got": hotspot.scene, "allowed": ", ".join(first)}
            elif hotspot.site and hotspot.site not in sites:
                yield (*where, "site"), "panorama.site_unknown", Severity.ERROR, {"got": hotspot.site}
            elif hotspot.site and site.is_published and not sites[hotspot.site].is_published:
                yield (*where, "site"), "panorama.site_draft", Severity.WARNING, {"got": hotspot.site}
