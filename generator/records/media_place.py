"""Where a file named in a record is: inside the record's folder, as the disk spells it.

Records name their files (photos, recordings, panoramas, lane maps) relative to the
YAML file. Both the media check and the GeoJSON reader resolve names here, so the
rules (symlinks followed, nothing outside the folder, the same name in another Unicode
composition found, a near miss suggested) are the same for every kind of file.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

# A folder with more files than this is not searched for a suggestion (the hint is a help, not a crawl).
_SUGGESTION_SCAN_LIMIT = 2000


class PlaceProblem(Exception):
    """The name does not lead to a usable file: ``code`` (``media.missing`` or
    ``media.outside``) and ``params`` for the message catalogue."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def locate(folder: Path, name: str, suffixes: tuple[str, ...] = ()) -> Path:
    """The file ``name`` stands for, relative to ``folder`` with symlinks followed.

    A name whose letters are composed differently on disk (macOS and some zip tools
    store "ả" as "a" plus a combining mark; records are read as NFC) finds the file.
    Raises PlaceProblem: ``media.outside`` (absolute, or leads out of ``folder``),
    ``media.type`` (the file's name does not end in one of ``suffixes``, when given) or
    ``media.missing`` (with ``expected`` and a ``hint`` naming a file of that name
    in a subfolder, if there is one), in that order.
    """
    folder = folder.resolve()
    try:
        target = (folder / name).resolve()
        exists = target.is_file()
    except (OSError, ValueError, RuntimeError):  # a name no file can have (NUL byte, too long, a loop)
        raise PlaceProblem("media.missing", file=name, expected=folder / name, hint="") from None
    if Path(name).is_absolute() or not target.is_relative_to(folder):
        raise PlaceProblem("media.outside", file=name)
    if suffixes and target.suffix.lower() not in suffixes:
        raise PlaceProblem("media.type", file=name, allowed=", ".join(suffixes))
    if not exists:
        target = _composed_differently(folder, target) or target
    if not target.is_file():
        raise PlaceProblem("media.missing", file=name, expected=target, hint=_near_miss(folder, target))
    return target


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _composed_differently(folder: Path, target: Path) -> Path | None:
    current = folder
    for part in target.relative_to(folder).parts:
        candidate = current / part
        if not candidate.exists():
            try:
                candidate = next(e for e in current.iterdir() if _nfc(e.name) == _nfc(part))
            except (StopIteration, OSError):
                return None
        current = candidate
    return current


def _near_miss(folder: Path, target: Path) -> tuple[str, dict[str, str]] | str:
    """("hint.did_you_mean", ...) for a file of the same name elsewhere under ``folder``."""
    wanted = _nfc(target.name).lower()
    try:
        for count, found in enumerate(folder.rglob("*")):
            if count > _SUGGESTION_SCAN_LIMIT:
                break
            if _nfc(found.name).lower() == wanted and found.is_file():
                return "hint.did_you_mean", {"suggestion": found.relative_to(folder).as_posix()}
    except OSError:
        pass
    return ""
