"""Recording plaques in the field without hand-editing YAML, and reading their state.

``diachido plaques --installed TH-0042 --date 2025-07-02 --where "Cổng chính"`` and
``diachido plaques --checked TH-0042 --date 2026-01-15 --state damaged --note ...`` end
here. Every change goes through ``registry.load_registry`` and ``registry.save_registry``,
so the file keeps one format however it was changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from ..records.yaml_source import BAD_IN_VALUE, INVISIBLE, char_name
from ..urls import short_url
from .errors import PlaqueError
from .lifecycle import ConditionCheck, Installation, PlaqueState, current_installations, latest_check
from .registry import PrintedUrl, load_registry, registry_lock, registry_path, save_registry

if TYPE_CHECKING:
    from ..config import ProjectConfig


def _entry_for(config: "ProjectConfig", entries: list[PrintedUrl], site_id: str) -> PrintedUrl:
    """The entry of ``site_id``'s current URL (or its only entry); a plaque must be printed first."""
    own = [entry for entry in entries if entry.site_id == site_id]
    current = [entry for entry in own if entry.url == short_url(config, site_id)]
    if current or len(own) == 1:
        return (current or own)[0]
    raise PlaqueError("plaques.not_printed", id=site_id, path=str(registry_path(config)))


def _update(config: "ProjectConfig", site_id: str, change: Callable[[PrintedUrl], PrintedUrl]) -> PrintedUrl:
    """Apply ``change`` to the site's entry and save the whole registry."""
    path = registry_path(config)
    with registry_lock(config):
        entries = load_registry(path)
        entry = _entry_for(config, entries, site_id)
        updated = change(entry)
        save_registry(path, [updated if item is entry else item for item in entries])
    return updated


def check_field_text(option: str, text: str) -> None:
    """Refuse what the registry could not keep as typed: line breaks, control and
    invisible characters (pasted from chat apps). Raises PlaqueError("plaques.field_text")."""
    found = BAD_IN_VALUE.search(text) or INVISIBLE.search(text.replace("\u00a0", " "))
    if found is not None or "\n" in text:
        raise PlaqueError("plaques.field_text", option=option, char=char_name(found.group() if found else "\n"))


def check_field_date(date: dt.date, today: dt.date | None = None) -> None:
    """A visit is recorded after it happened: a date after today is a typing mistake (and
    would hide every later report). Raises PlaqueError("plaques.future_date")."""
    if date > (today or dt.date.today()):
        raise PlaqueError("plaques.future_date", date=date.isoformat())


def record_installed(config: "ProjectConfig", site_id: str, installation: Installation,
                     replaces: dt.date | None = None) -> PrintedUrl:
    """Add an installation of ``site_id``'s plaque; with ``replaces`` (the installation date of
    the plaque it takes over), mark that one ``replaced_by`` this one.

    Raises PlaqueError (``plaques.not_printed``, ``plaques.no_installation``).
    """

    def change(entry: PrintedUrl) -> PrintedUrl:
        installed = list(entry.installed)
        if replaces is not None:
            matches = [i for i, item in enumerate(installed) if item.date == replaces and item.replaced_by is None]
            if not matches:
                raise PlaqueError("plaques.no_installation", id=site_id, date=replaces.isoformat())
            installed[matches[0]] = dataclasses.replace(installed[matches[0]], replaced_by=installation.date)
        installed.append(dataclasses.replace(installation, replaced_by=None))
        return dataclasses.replace(entry, installed=tuple(sorted(installed, key=lambda item: item.date)))

    return _update(config, site_id, change)


def record_check(config: "ProjectConfig", site_id: str, check: ConditionCheck) -> PrintedUrl:
    """Add a condition check of ``site_id``'s plaque. Raises PlaqueError (``plaques.not_printed``)."""

    def change(entry: PrintedUrl) -> PrintedUrl:
        return dataclasses.replace(entry, checks=tuple(sorted(entry.checks + (check,), key=lambda item: item.date)))

    return _update(config, site_id, change)


# --- the state of each site's plaque, for the organisers' pages --------------------------


@dataclass(frozen=True)
class PlaqueStatus:
    printed: tuple[dt.date, ...] = ()
    installed: tuple[Installation, ...] = ()
    last_check: ConditionCheck | None = None

    @property
    def is_printed(self) -> bool:
        return bool(self.printed)

    @property
    def is_installed(self) -> bool:
        return bool(current_installations(self.installed))

    @property
    def needs_replacing(self) -> bool:
        """Reported damaged or missing since the plaque now on the wall was put up."""
        return self.last_check is not None and self.last_check.state.needs_replacing

    @property
    def state(self) -> PlaqueState | None:
        return self.last_check.state if self.last_check else None


def plaque_statuses(entries: Iterable[PrintedUrl]) -> dict[str, PlaqueStatus]:
    """Site id -> the state of its plaques (all URLs of the site together)."""
    grouped: dict[str, list[PrintedUrl]] = {}
    for entry in entries:
        grouped.setdefault(entry.site_id, []).append(entry)
    statuses = {}
    for site_id, own in grouped.items():
        installed = tuple(sorted((i for e in own for i in e.installed), key=lambda item: item.date))
        checks = tuple(sorted((c for e in own for c in e.checks), key=lambda item: item.date))
        printed = tuple(sorted({d for e in own for d in e.printed}))
        statuses[site_id] = PlaqueStatus(printed, installed, latest_check(installed, checks))
    return statuses
