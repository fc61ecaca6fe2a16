"""``diachido new``: a ready-to-fill record from its kind's template (``sites/_template.yml``,
``tours/_template.yml``, ``villages/_template.yml``)."""

from __future__ import annotations

import re
from pathlib import Path

from typing import TYPE_CHECKING

from ..config import ProjectConfig
from .identity import id_context
from .ids import LedgerError, ledger_path, record_ids
from .validate import load_records, load_sites
from .slugs import SLUG_PATTERN, slugify

if TYPE_CHECKING:
    from .kinds import RecordKind


class SiteExistsError(Exception):
    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


class LedgerMissingError(Exception):
    """Sites or printed plaques exist but ``sites/_ids.txt`` does not: the next id
    cannot be known, and guessing could hand out an id that is on a wall."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


class InvalidSlugError(Exception):
    """The name gives no slug, or ``--slug`` is not one (it would name a file outside sites/)."""

    def __init__(self, slug: str):
        super().__init__(slug)
        self.slug = slug


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill_template(template: str, site_id: str, slug: str, name: str) -> str:
    """Put id, slug and name into the template, keeping its comments for volunteers."""
    text = re.sub(r"^id: .*$", f"id: {site_id}\nslug: {slug}", template, count=1, flags=re.M)
    return re.sub(r"^(name:\n  vi: ).*$", lambda m: m.group(1) + _yaml_string(name), text, count=1, flags=re.M)


def create_site(config: ProjectConfig, name: str, slug: str | None = None) -> tuple[Path, str]:
    """Write ``sites/<slug>.yml`` with the next free id and record the id in the ledger
    (``create_record`` for the site kind)."""
    from .kinds import SITE  # kinds imports the loader this module uses

    return create_record(config, SITE, name, slug)


def create_record(config: ProjectConfig, kind: "RecordKind", name: str, slug: str | None = None) -> tuple[Path, str]:
    """Write ``<kind folder>/<slug>.yml`` from the kind's template with the kind's next
    free id (``TH-0043``, ``TH-T0002``...) and record the id in the one ledger.

    Raises SiteExistsError, InvalidSlugError, LedgerError (ledger unreadable),
    LedgerMissingError (no ledger in a project that has records or printed plaques) and
    OSError (no template: its path is in the error).
    """
    slug = slug or slugify(name)
    if not re.match(SLUG_PATTERN, slug):
        raise InvalidSlugError(slug)
    folder = kind.folder_path(config)
    path = folder / f"{slug}.yml"
    if path.exists():
        raise SiteExistsError(path)
    existing = load_records(config, kind)
    ids = id_context(config, {record.site.id for record in existing.records}, kind.id_letter)
    if ids.ledger is None:  # unreadable: its own message says where and why
        raise LedgerError(ids.problems[0])
    if not ids.ledger.exists and (existing.files or load_sites(config).files or ids.printed):
        raise LedgerMissingError(ledger_path(config))
    record_id = ids.next_id
    template = (config.root / kind.template).read_text(encoding="utf-8")
    with path.open("x", encoding="utf-8") as handle:
        handle.write(fill_template(template, record_id, slug, name))
    record_ids(config, [(record_id, slug)])
    return path, record_id
