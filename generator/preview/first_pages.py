"""The preview's first answer to a save: the pages an edit changes, before everything else.

A full ``generate_content`` rewrites every page, list, index and download, which at
5,000 sites takes far longer than a volunteer waits for the preview. So the preview
first writes the pages of the sites whose records changed, and of the sites whose
"nearby" block names them (or now names other sites), straight into ``site_docs/``,
and the renderer shows them; the full generation then brings the lists, search,
map and downloads up to date and is what the preview keeps. Every file written here
is one the full generation writes with the same bytes (both use the site stage's
``site_context`` and ``write_site_pages``), so it finds nothing more to do for them.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..config import ProjectConfig
from ..files import keep_unchanged_times, staging_dir
from ..records.listing import kind_listings
from ..records.schema import Site
from ..records.validate import LoadResult
from ..site.nearby import nearest_sites
from ..site.text import has_english
from ..site.writer import built_pages, site_context, write_site_pages


@dataclass
class FirstPages:
    """Files put into docs_dir ahead of the full generation (relative POSIX paths), and
    their bytes before (None: the file was new), to put back if the generation fails."""

    docs_dir: Path
    written: list[str] = field(default_factory=list)
    before: dict[str, bytes | None] = field(default_factory=dict)

    def undo(self) -> list[str]:
        """Put every written file back as it was; the paths touched. Raises OSError."""
        for path, old in self.before.items():
            target = self.docs_dir / path
            if old is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(old)
        return list(self.before)


Nearby = dict[str, list[tuple[Site, float]]]


@dataclass
class Shown:
    """The load whose content docs_dir holds, its sites' nearby lists and the paths of
    the site stage's pages (each worked out when first needed: each takes seconds at
    5,000 sites, so an edit that changes none of their inputs carries them over)."""

    load: LoadResult
    nearby: Nearby | None = None
    pages: frozenset[str] | None = None

    def nearby_lists(self) -> Nearby:
        if self.nearby is None:
            self.nearby = nearest_sites(self.load.published)
        return self.nearby

    def page_paths(self) -> frozenset[str]:
        if self.pages is None:
            self.pages = built_pages(self.load.published)
        return self.pages


def affected_sites(before: Shown, after: list[Site]) -> tuple[list[Site], Nearby]:
    """The sites of ``after`` whose pages an edit from ``before`` changes, in ``after``'s
    order: those whose records differ, and those whose nearby block names one of them
    or lists other sites than before (a moved, added or removed site); and ``after``'s
    nearby lists."""
    old = {site.id: site for site in before.load.published}
    changed = {site.id for site in after if old.get(site.id) != site}
    near_before = before.nearby_lists()
    if _points(before.load.published) == _points(after):
        now = {site.id: site for site in after}
        near_after = {site_id: [(now[other.id], metres) for other, metres in near]
                      for site_id, near in near_before.items()}
    else:
        near_after = nearest_sites(after)
    shown = {site_id for site_id, near in near_after.items()
             if any(other.id in changed for other, _ in near)
             or _ids(near) != _ids(near_before.get(site_id, []))}
    return [site for site in after if site.id in changed | shown], near_after


def _points(sites: list[Site]) -> dict[str, tuple[float, float] | None]:
    return {site.id: (site.location.lat, site.location.lon) if site.location else None for site in sites}


def _page_inputs(sites: list[Site]) -> list[tuple[object, ...]]:
    """What decides which pages the site stage writes: addresses, languages, and the
    fields the lists group by."""
    return [(site.id, site.slug, has_english(site), tuple(site.category), site.rank.level, site.address.commune,
             site.address.former) for site in sites]


def _ids(near: list[tuple[Site, float]]) -> list[tuple[str, float]]:
    return [(other.id, metres) for other, metres in near]


def write_first_pages(config: ProjectConfig, before: Shown, after: LoadResult) -> tuple[FirstPages, Shown]:
    """Write the pages of ``affected_sites`` (with their photos, narration and panoramas)
    into docs_dir, only the files whose bytes differ; what docs_dir will show once the
    full generation is done. Raises OSError and MediaError, with docs_dir unchanged."""
    first = FirstPages(config.docs_dir)
    sites, nearby = affected_sites(before, after.published)
    same_pages = _page_inputs(before.load.published) == _page_inputs(after.published)
    shown = Shown(after, nearby, before.page_paths() if same_pages else None)
    if not sites:
        return first, shown
    staging = staging_dir(config.root, "docs")
    try:
        ctx, _ = site_context(config, after.published, staging, kind_listings(after), shown.page_paths(),
                              media_of=sites, nearby=nearby)
        write_site_pages(sites, ctx, staging)
        for path in keep_unchanged_times(staging, config.docs_dir):
            target = config.docs_dir / path
            first.before[path] = target.read_bytes() if target.is_file() else None
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / path, target)
            first.written.append(path)
    except OSError:
        first.undo()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return first, shown
