"""What happens to a plaque after printing: installed on a wall, checked, replaced.

A registry entry (one printed URL, ``registry.PrintedUrl``) may carry::

    installed:
    - {date: 2025-07-02, where: Cổng chính, material: nhôm, size: a5}
    - {date: 2026-03-10, where: Cổng chính, material: inox, size: a5}
    checks:
    - {date: 2026-01-15, state: damaged, note: Mặt biển bị nứt}

An installation that a newer one took over has ``replaced_by: <date of the newer one>``.
Each event is one line (a flow mapping), so two volunteers who record different plaques
on different branches edit different lines and git merges them without a conflict.

This module only parses and writes these values; ``fieldwork`` records them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any


class PlaqueState(str, Enum):
    """What a volunteer saw at the site."""

    GOOD = "good"
    FADED = "faded"
    DAMAGED = "damaged"
    MISSING = "missing"

    @property
    def needs_replacing(self) -> bool:
        return self in (PlaqueState.DAMAGED, PlaqueState.MISSING)


@dataclass(frozen=True)
class Installation:
    """A plaque mounted at the site on ``date``; ``where``: the spot, e.g. "cổng chính"."""

    date: dt.date
    where: str = ""
    material: str = ""
    size: str = ""
    replaced_by: dt.date | None = None


@dataclass(frozen=True)
class ConditionCheck:
    date: dt.date
    state: PlaqueState
    note: str = ""


class LifecycleError(ValueError):
    """A malformed ``installed``/``checks`` value; the message says which."""


def _date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise LifecycleError(f"{what} must be a date like 2025-07-02: {value!r}")


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise LifecycleError(f"{key} must be plain text: {value!r}")
    return str(value)


def _events(raw: Any, name: str, allowed: set[str]) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise LifecycleError(f"{name} must be a list of {{date: ..., ...}} entries")
    for item in raw:
        unknown = set(item) - allowed
        if unknown:
            raise LifecycleError(f"{name}: unknown field {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(allowed))})")
    return raw


def parse_installations(raw: Any) -> tuple[Installation, ...]:
    """The ``installed:`` list of an entry, oldest first. Raises LifecycleError."""
    items = _events(raw, "installed", {"date", "where", "material", "size", "replaced_by"})
    parsed = [Installation(_date(item.get("date"), "installed.date"), _text(item, "where"), _text(item, "material"),
                           _text(item, "size"),
                           _date(item["replaced_by"], "installed.replaced_by") if item.get("replaced_by") else None)
              for item in items]
    return tuple(sorted(parsed, key=lambda item: item.date))


def parse_checks(raw: Any) -> tuple[ConditionCheck, ...]:
    """The ``checks:`` list of an entry, oldest first. Raises LifecycleError."""
    checks = []
    for item in _events(raw, "checks", {"date", "state", "note"}):
        try:
            state = PlaqueState(item.get("state"))
        except ValueError:
            raise LifecycleError(f"checks.state must be one of {', '.join(s.value for s in PlaqueState)}: "
                                 f"{item.get('state')!r}") from None
        checks.append(ConditionCheck(_date(item.get("date"), "checks.date"), state, _text(item, "note")))
    return tuple(sorted(checks, key=lambda check: check.date))


def _without_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in (None, "")}


def dump_installations(installations: tuple[Installation, ...]) -> list[dict[str, Any]]:
    """Plain values for YAML, in a fixed key order (stable diffs)."""
    return [_without_empty({"date": item.date, "where": item.where, "material": item.material, "size": item.size,
                            "replaced_by": item.replaced_by}) for item in installations]


def dump_checks(checks: tuple[ConditionCheck, ...]) -> list[dict[str, Any]]:
    return [_without_empty({"date": check.date, "state": check.state.value, "note": check.note}) for check in checks]


def current_installations(installations: tuple[Installation, ...]) -> tuple[Installation, ...]:
    """The plaques still on the wall: installed and not replaced by a newer one."""
    return tuple(item for item in installations if item.replaced_by is None)


def latest_check(installations: tuple[Installation, ...], checks: tuple[ConditionCheck, ...]) -> ConditionCheck | None:
    """The newest check of the plaque on the wall now: checks older than its installation
    describe a plaque that has since been replaced."""
    current = current_installations(installations)
    since = max((item.date for item in current), default=dt.date.min)
    relevant = [check for check in checks if check.date >= since]
    return relevant[-1] if relevant else None
