"""A permanent id must never point to another monument.

Two witnesses say what an id stands for: the ledger (``sites/_ids.txt``: every id
ever handed out, with the slug it was given for) and the plaque registry (every id
printed on a plaque). A record whose id the ledger gave to another slug is taken to
be another monument, unless the record says it is the same one renamed: its
``slug``, a ``former_slugs`` entry or ``renamed_from`` names the ledger's slug.
Neither witness keeps the printed place, so the slug (the name when the id was
given) is what identifies the monument.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..config import ProjectConfig
from .diagnostics import Diagnostic, Severity
from .ids import Ledger, LedgerError, highest_free_id, read_ledger

if TYPE_CHECKING:
    from .validate import SiteRecord


@dataclass
class IdContext:
    """What one run knows about ids: read once, used by every check."""

    next_id: str
    ledger: Ledger | None  # None: unreadable (reported in ``problems``)
    printed: dict[str, tuple[dt.date, ...]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def _printed_ids(config: ProjectConfig, problems: list[Diagnostic]) -> dict[str, tuple[dt.date, ...]]:
    from ..plaques.errors import PlaqueError
    from ..plaques.registry import load_registry, registry_path

    path = registry_path(config)
    try:
        entries = load_registry(path)
    except PlaqueError as error:  # the build refuses it too; say so in check
        problems.append(Diagnostic(path, 0, 0, "", error.code, dict(error.params)))
        return {}
    printed: dict[str, tuple[dt.date, ...]] = {}
    for entry in entries:
        printed[entry.site_id] = tuple(sorted(set(printed.get(entry.site_id, ())) | set(entry.printed)))
    return printed


def id_context(config: ProjectConfig, ids_in_records: Iterable[str], letter: str = "") -> IdContext:
    """Read the ledger and the registry; the next free id (of the kind with ``letter``)
    is past every id either knows."""
    problems: list[Diagnostic] = []
    try:
        ledger: Ledger | None = read_ledger(config)
    except LedgerError as error:
        ledger = None
        problems.append(error.diagnostic)
    printed = _printed_ids(config, problems)
    known = set(ids_in_records) | set(printed) | set(ledger.entries if ledger else ())
    return IdContext(highest_free_id(config.id_prefix, known, letter), ledger, printed, problems)


def _printed_note(ids: IdContext, site_id: str) -> tuple[str, dict[str, object]] | str:
    dates = ids.printed.get(site_id)
    return ("hint.printed", {"printed": ", ".join(map(str, dates))}) if dates else ""


def _check_one(record: "SiteRecord", ids: IdContext, ledger: Ledger) -> Diagnostic | None:
    site = record.site
    entry = ledger.entries.get(site.id)
    shown = ledger.path.name
    if entry is None:
        if site.id in ids.printed:
            return record.at(("id",), "id.printed_unledgered", value=site.id, ledger=shown, hint=_printed_note(ids, site.id))
        return record.at(("id",), "id.unledgered", Severity.WARNING, value=site.id, ledger=shown, slug=site.slug)
    renamed_from = getattr(site, "renamed_from", None)  # sites have it; other kinds use former_slugs
    if not entry.slug or entry.slug in {site.slug, *site.former_slugs, renamed_from}:
        return None
    where = ("renamed_from",) if renamed_from else ("id",)
    return record.at(where, "id.reused", value=site.id, ledger=shown, line=entry.line, ledger_slug=entry.slug,
                     next_id=ids.next_id, hint=_printed_note(ids, site.id))


def check_identity(records: list["SiteRecord"], ids: IdContext) -> Iterable[Diagnostic]:
    """Every record's id against the ledger and the printed plaques.

    Without a ledger (a project before its first id) there is nothing to compare.
    """
    if ids.ledger is None or not ids.ledger.exists:
        return
    for record in records:
        problem = _check_one(record, ids, ids.ledger)
        if problem is not None:
            yield problem

