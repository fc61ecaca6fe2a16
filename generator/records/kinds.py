"""Record kinds: what volunteers write, one YAML file per record, each kind in its folder.

A kind names its folder, the pydantic model that validates one file, the URL folder of
its pages, the letter of its permanent ids and its checks across records. The shared
mechanisms take a kind rather than assuming a site: loading with positioned errors
(``validate.load_records``), permanent ids and their one ledger (``ids``), page URLs
(``urls.record_page_path``) and the ``s/<ID>/`` short addresses that plaques print
and the registry guards. A new kind (tours, villages) is its schema, its checks and
one ``register_kind`` call, not a copy of the site's path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pydantic import BaseModel

from ..urls import SITE_PAGES_DIR, TOUR_PAGES_DIR, VILLAGE_PAGES_DIR
from .places import complete_places
from .schema import Site, json_schema
from .template import TEMPLATE_FILE
from .tours import Tour, tour_checks, tour_links, tour_listing
from .validate import LoadResult, cross_check, load_records
from .villages import Village, village_checks, village_links, village_listing

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from .diagnostics import Diagnostic
    from .identity import IdContext
    from .listing import Listing
    from .validate import SiteRecord

# Checks across every valid record of one kind: (records, config, what the run knows about
# ids: the next free one, the ledger, the printed plaques) -> problems.
CrossCheck = Callable[[list["SiteRecord"], "ProjectConfig", "IdContext"], list["Diagnostic"]]
# Checks of one kind's records against the sites: (records, sites by id, config) -> problems.
LinkCheck = Callable[[list["SiteRecord"], dict[str, Site], "ProjectConfig"], list["Diagnostic"]]
# Fills in one valid record from reference data before the checks (e.g. today's commune):
# (record, config) -> (record, what the volunteer is told). It may read only the record,
# the settings and installed data: its outcome is kept per file (``record_cache``).
Completion = Callable[["SiteRecord", "ProjectConfig"], tuple["SiteRecord", list["Diagnostic"]]]
# How one valid record shows beside the sites (search, the big map, site pages):
# (record, sites by id) -> its listing (``records.listing``).
ListingOf = Callable[["SiteRecord", dict[str, Site]], "Listing"]


@dataclass(frozen=True)
class RecordKind:
    """One kind of record.

    ``folder`` is relative to the project root; ``page_dir`` is the URL folder of the
    kind's pages (``di-tich`` gives ``di-tich/<slug>/``); ``id_letter`` sets the kind's
    permanent ids apart in the one id namespace (``""``: ``TH-0042``; ``"T"``: ``TH-T0001``).
    ``listing`` (kinds other than sites) puts the kind's records in search, on the big
    map and on the pages of the sites they name.
    """

    name: str
    folder: str
    model: type[BaseModel]
    page_dir: str
    id_letter: str = ""
    cross_check: CrossCheck | None = None
    links: LinkCheck | None = None
    complete: Completion | None = None
    schema_title: str = ""  # the title of the editors' JSON Schema (``diachido schema``)
    listing: ListingOf | None = None

    def folder_path(self, config: "ProjectConfig") -> Path:
        return config.root / self.folder

    @property
    def template(self) -> str:
        """The file volunteers copy for a new record, e.g. ``tours/_template.yml``."""
        return f"{self.folder}/{TEMPLATE_FILE}"


KINDS: dict[str, RecordKind] = {}


def register_kind(kind: RecordKind) -> RecordKind:
    """Add ``kind`` to the registry; names, folders, page folders and id letters are unique."""
    for other in KINDS.values():
        clashes = (other.name == kind.name, other.folder == kind.folder, other.page_dir == kind.page_dir,
                   other.id_letter == kind.id_letter)
        if any(clashes):
            raise ValueError(f"record kind {kind.name!r} clashes with {other.name!r}")
    KINDS[kind.name] = kind
    return kind


SITE = register_kind(RecordKind("site", "sites", Site, SITE_PAGES_DIR, cross_check=cross_check, complete=complete_places,
                                schema_title="Hồ sơ di tích / Heritage site record"))
TOUR = register_kind(RecordKind("tour", "tours", Tour, TOUR_PAGES_DIR, "T", tour_checks, tour_links,
                                schema_title="Tuyến tham quan / Tour", listing=tour_listing))
VILLAGE = register_kind(RecordKind("village", "villages", Village, VILLAGE_PAGES_DIR, "V", village_checks, village_links,
                                   schema_title="Thôn, làng / Village", listing=village_listing))


def load_project(config: "ProjectConfig") -> LoadResult:
    """Every record of every kind: the sites as ``records``, the other kinds' valid records
    in ``others[kind name]``, and one report (and file count) for them all.

    Sites load first; the other kinds are then checked against them (a tour's stops).
    """
    result = load_records(config, SITE)
    sites = {record.site.id: record.site for record in result.records}
    for kind in KINDS.values():
        if kind is SITE or not kind.folder_path(config).is_dir():
            continue
        loaded = load_records(config, kind)
        if kind.links is not None:
            loaded.report.extend(kind.links(loaded.records, sites, config))
        result.report.extend(loaded.report.diagnostics)
        result.files += loaded.files
        result.others[kind.name] = loaded.records
    result.report.extend(_printed_plaque_problems(config, result))
    return result


def _printed_plaque_problems(config: "ProjectConfig", result: LoadResult) -> list["Diagnostic"]:
    """What the build's printed-plaque check would refuse, at the register's line, so
    that ``check`` passing means ``build`` will pass."""
    from ..plaques.registry import registry_path, unpublished_problems
    from .diagnostics import Diagnostic

    published = {record.id for record in result.published}
    published.update(record.id for kind in KINDS.values() if kind is not SITE for record in result.published_of(kind.name))
    path = registry_path(config)
    return [Diagnostic(path, line, 1 if line else 0, "", code, params)
            for line, code, params in unpublished_problems(config, published)]


def kind_schema_file(kind: RecordKind) -> str:
    """``tour.schema.json``: beside the kind's records, named by the kind."""
    return f"{kind.name}.schema.json"


def kind_schema_text(kind: RecordKind) -> str:
    """The kind's JSON Schema as ``diachido schema`` writes it (stable bytes)."""
    return json.dumps(json_schema(kind.model, kind.schema_title), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
