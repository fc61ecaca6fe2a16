"""Every URL path the build writes, as one namespace: no two owners may share a path.

Records of any kind (sites today; tours and villages later) hand in *claims*: a path,
the file and field that want it, and where that field is. The generator's own pages
and folders (``urls.reserved_paths``) are claims too. ``collisions`` finds every
claim that falls on a path already claimed by someone else, so ``check`` can name
both files before the build would silently overwrite one page with another.

MkDocs serves ``x/index.md`` and ``x.md`` at the same address, so a path whose last
part is ``index`` is the address of its folder (``slug: index`` would be the list).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import urls

_INDEX_NAMES = {"index", "index.md", "index.html"}


@dataclass(frozen=True)
class Claim:
    """``owner`` (a file) wants ``path`` through ``field``; where in the file is for the
    caller to say (``validate`` looks it up only for the claims it reports).

    ``whole_folder`` claims every path below ``path`` as well.
    """

    path: str
    owner: Path
    field: str
    whole_folder: bool = False

    @property
    def key(self) -> str:
        return address_key(self.path)


@dataclass(frozen=True)
class Collision:
    claim: Claim
    other: Claim  # the claim that had the path first


def address_key(path: str) -> str:
    """The address a path is served at: ``di-tich/index/`` and ``di-tich/`` are one."""
    parts = [part for part in path.split("/") if part]
    while parts and parts[-1] in _INDEX_NAMES:
        parts.pop()
    return "/".join(parts)


# How messages name the owner of the generator's own paths (relative, not a file to open).
GENERATOR_OWNER = Path("generator") / "urls.py"


def generator_claims() -> list[Claim]:
    """The generator's own pages and folders (lists, search, generated files, the map)."""
    from ..map.data import MAP_PAGE_DIR  # the map page's folder lives with the map

    owner = GENERATOR_OWNER
    reserved = urls.reserved_paths() + [(MAP_PAGE_DIR + "/", "MAP_PAGE_DIR", True),
                                        (f"{urls.ENGLISH_DIR}/{MAP_PAGE_DIR}/", "MAP_PAGE_DIR", True)]
    return [Claim(path, owner, name, whole_folder=whole) for path, name, whole in reserved]


def _folders_above(key: str) -> Iterable[str]:
    parts = key.split("/")
    for end in range(len(parts) - 1, -1, -1):
        yield "/".join(parts[:end])


def collisions(claims: Iterable[Claim]) -> list[Collision]:
    """Every claim on a path someone else (another file, or another field of the same
    file) claimed first, in claim order. Repeats of one claim are not collisions."""
    exact: dict[str, Claim] = {}
    folders: dict[str, Claim] = {}
    found: list[Collision] = []
    for claim in claims:
        key = claim.key
        other = exact.get(key) or folders.get(key) or next(
            (folders[above] for above in _folders_above(key) if above in folders), None)
        if other is not None and (other.owner, other.field) != (claim.owner, claim.field):
            found.append(Collision(claim, other))
            continue
        exact.setdefault(key, claim)
        if claim.whole_folder:
            folders.setdefault(key, claim)
    return found
