"""The organisers' pages as a build stage: ``write_organiser_pages`` takes the whole load
(it links each site to the YAML file it was loaded from)."""

from __future__ import annotations

from pathlib import Path

from .. import urls
from ..config import ProjectConfig
from ..export.handover import ALL_BUNDLE, QUICKSTATEMENTS_FILE
from ..plaques.fieldwork import PlaqueStatus, plaque_statuses
from ..plaques.registry import load_registry, registry_path
from ..records.schema import Site
from ..records.validate import LoadResult
from ..repository import repository
from ..files import write_text
from ..media import MediaError
from ..media.narration import NarrationSettings
from ..site.lists import PARTS_DIR, sort_key
from ..site.sitemap import drop_from_sitemap
from .completeness import SiteCompleteness, SiteFacts, completeness
from .guide import write_guide
from .progress import write_progress
from .worklists import WORKLISTS_PAGE, write_worklists


def site_rows(config: ProjectConfig, sites: list[Site]) -> list[SiteCompleteness]:
    """Completeness of each site (A-Z), with its plaques' state from the registry.

    Raises PlaqueError if the registry cannot be read (the build reports it).
    """
    statuses = plaque_statuses(load_registry(registry_path(config)))
    return [completeness(site, SiteFacts(statuses.get(site.id, PlaqueStatus()))) for site in sorted(sites, key=sort_key)]


def machine_voice(config: ProjectConfig) -> bool:
    """Whether a machine voice speaks Vietnamese on the site pages (the settings in
    ``extra.diachido.narration``; ``check`` has already refused unusable ones)."""
    try:
        engine = NarrationSettings.from_config(config).make_engine(config.root)
    except MediaError:
        return False
    return engine is not None and engine.speaks("vi")


def repository_files(config: ProjectConfig, load: LoadResult) -> dict[str, str]:
    """Site id -> the YAML file it was loaded from, relative to the project root ('/'-separated),
    for edit links."""
    return {record.site.id: record.path.relative_to(config.root).as_posix() for record in load.records}


def _links(from_page: str) -> dict[str, str]:
    def href(path: str) -> str:
        return urls.relative_url(from_page, path)

    return {
        "progress": href(urls.dashboard_path()),
        "worklists": href(urls.dashboard_path(WORKLISTS_PAGE)),
        "guide": href(urls.guide_path()),
        "bundle": href(urls.handover_path(ALL_BUNDLE)),
        "quickstatements": href(urls.handover_path(QUICKSTATEMENTS_FILE)),
    }


def home_footer() -> str:
    """The home page's way in for organisers (included by site_docs/index.md): one quiet line."""
    links = _links("")
    return ('<footer class="dcd-organisers"><p>Dành cho ban tổ chức và tình nguyện viên: '
            f'<a href="{links["progress"]}" rel="nofollow">Tiến độ</a> · '
            f'<a href="{links["worklists"]}" rel="nofollow">Việc cần làm</a> · '
            f'<a href="{links["guide"]}">Hướng dẫn cho tình nguyện viên</a></p></footer>\n')


def organiser_pages() -> tuple[str, ...]:
    """The organisers' pages: public, but marked ``noindex`` for search engines."""
    return urls.dashboard_path(), urls.dashboard_path(WORKLISTS_PAGE), urls.guide_path()


def finish_organiser_pages(config: ProjectConfig, load: LoadResult, site_dir: Path) -> None:
    """Post-render: the organisers' pages leave MkDocs' sitemap (they ask not to be indexed)."""
    drop_from_sitemap(site_dir, config.site_url, organiser_pages())


def write_organiser_pages(config: ProjectConfig, load: LoadResult, docs_root: Path) -> None:
    """Writes the published sites' pages: ``tien-do/`` (progress, charts), ``tien-do/viec-can-lam/``, ``huong-dan/``
    and the home page's footer line (``generated/parts/organisers.md``)."""
    write_text(docs_root / PARTS_DIR / "organisers.md", home_footer())
    rows = site_rows(config, load.published)
    voice = machine_voice(config)
    write_progress(config, rows, docs_root, _links(urls.dashboard_path()), voice)
    write_worklists(config, rows, docs_root, repository_files(config, load), repository(config),
                    _links(urls.dashboard_path(WORKLISTS_PAGE)), voice)
    write_guide(docs_root, _links(urls.guide_path()))
