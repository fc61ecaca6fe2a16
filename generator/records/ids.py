"""Permanent site ids (``TH-0042``): assigned once, never reused.

``sites/_ids.txt`` is an append-only ledger of every id ever handed out, so an id
whose site was deleted is not given to a new site (its plaque may still hang).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..config import ProjectConfig

LEDGER_FILE = "_ids.txt"
# prefix, the kind's letter (none for sites), number: TH-0042, TH-T0001.
_ID_NUMBER = re.compile(r"^([A-Z]{1,5})-([A-Z]?)([0-9]{4,6})$")


def ledger_path(config: ProjectConfig) -> Path:
    return config.sites_dir / LEDGER_FILE


def ledger_ids(config: ProjectConfig) -> set[str]:
    path = ledger_path(config)
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def format_id(prefix: str, number: int, letter: str = "") -> str:
    return f"{prefix}-{letter}{number:04d}"


def next_free_id(config: ProjectConfig, taken: Iterable[str], letter: str = "") -> str:
    """One past the highest id in use or ever recorded for this prefix and record-kind letter.

    Every kind shares the one ledger: ids are one namespace, as their ``s/<ID>/`` pages are.
    """
    highest = 0
    for record_id in set(taken) | ledger_ids(config):
        match = _ID_NUMBER.match(record_id)
        if match and match.group(1) == config.id_prefix and match.group(2) == letter:
            highest = max(highest, int(match.group(3)))
    return format_id(config.id_prefix, highest + 1, letter)


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
