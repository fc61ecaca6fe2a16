"""Permanent site ids (``TH-0042``): assigned once, never reused.

``sites/_ids.txt`` is an append-only ledger of every id ever handed out, with the
slug it was given for, so an id whose site was deleted is not given to a new site
(its plaque may still hang) and a record that takes an old id for another monument
is caught (``identity.check_identity``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..config import ProjectConfig
from .diagnostics import Diagnostic

LEDGER_FILE = "_ids.txt"
# prefix, the kind's letter (none for sites), number: TH-0042, TH-T0001.
_ID_NUMBER = re.compile(r"^([A-Z]{1,5})-([A-Z]?)([0-9]{4,6})$")


@dataclass(frozen=True)
class LedgerLine:
    slug: str
    line: int


@dataclass
class Ledger:
    """The ledger as read: ``entries`` maps id -> the slug and line it was recorded with.

    ``exists`` is False for a project that has none yet (before its first id).
    """

    path: Path
    exists: bool
    entries: dict[str, LedgerLine] = field(default_factory=dict)


class LedgerError(Exception):
    """The ledger exists but cannot be read; ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def ledger_path(config: ProjectConfig) -> Path:
    return config.sites_dir / LEDGER_FILE


def read_ledger(config: ProjectConfig) -> Ledger:
    """Parse the ledger; raise LedgerError if it exists but is unreadable or not UTF-8.

    The first line that records an id wins: an id appended again later (by hand)
    cannot rewrite what it was first given for.
    """
    path = ledger_path(config)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Ledger(path, exists=False)
    except OSError as exc:
        raise LedgerError(Diagnostic(path, 0, 0, "", "file.unreadable", {"reason": exc.strerror or str(exc)})) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LedgerError(Diagnostic(path, line, 1, "", "ids.ledger_not_utf8")) from None
    ledger = Ledger(path, exists=True)
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if words and not line.startswith("#"):
            ledger.entries.setdefault(words[0], LedgerLine(words[1] if len(words) > 1 else "", number))
    return ledger


def ledger_ids(config: ProjectConfig) -> set[str]:
    """Every id ever recorded; raises LedgerError for an unreadable ledger."""
    return set(read_ledger(config).entries)


def format_id(prefix: str, number: int, letter: str = "") -> str:
    return f"{prefix}-{letter}{number:04d}"


def highest_free_id(prefix: str, taken: Iterable[str], letter: str = "") -> str:
    """One past the highest of ``taken`` with this prefix and record-kind letter."""
    highest = 0
    for record_id in taken:
        match = _ID_NUMBER.match(record_id)
        if match and match.group(1) == prefix and match.group(2) == letter:
            highest = max(highest, int(match.group(3)))
    return format_id(prefix, highest + 1, letter)


def next_free_id(config: ProjectConfig, taken: Iterable[str], letter: str = "") -> str:
    """One past the highest id in use or ever recorded for this prefix and record-kind letter.

    Every kind shares the one ledger: ids are one namespace, as their ``s/<ID>/`` pages
    are. Raises LedgerError when the ledger cannot be read: guessing would reuse ids.
    """
    return highest_free_id(config.id_prefix, set(taken) | ledger_ids(config), letter)


def record_ids(config: ProjectConfig, entries: Iterable[tuple[str, str]]) -> None:
    """Append ``(id, slug)`` pairs to the ledger."""
    lines = "".join(f"{site_id} {slug}\n" for site_id, slug in entries)
    if not lines:
        return
    path = ledger_path(config)
    if not path.exists():
        lines = "# Every site id ever assigned; never edit or remove a line (ids are not reused).\n" + lines
    with path.open("a", encoding="utf-8") as ledger:
        ledger.write(lines)
