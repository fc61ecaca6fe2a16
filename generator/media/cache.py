"""The content cache shared by media kinds: one folder per content key, filled atomically.

An entry is written into a temporary folder beside the others and renamed into
place, so a crash or a parallel build never leaves a half-written entry under a
key; files then reach the output as hard links (no bytes copied) where possible.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def fill_entry(cache_dir: Path, key: str, render: Callable[[Path], T], is_complete: Callable[[Path], bool]) -> T:
    """Run ``render(folder)`` into a fresh folder and make it the entry for ``key``.

    ``is_complete(folder)`` tells a good existing entry (kept: another thread made it
    from the same bytes) from a stale or partial one (replaced). Returns what
    ``render`` returned; its exceptions propagate and leave no entry behind."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    folder = cache_dir / key
    work = Path(tempfile.mkdtemp(prefix=key + "-", dir=cache_dir))
    try:
        result = render(work)
        if folder.exists() and not is_complete(folder):
            shutil.rmtree(folder)
        try:
            work.rename(folder)
        except OSError:
            if not is_complete(folder):
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def place(source: Path, target: Path) -> None:
    """Put a cached file into the output: a hard link where possible (no bytes copied)."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        pass
    except OSError:
        shutil.copyfile(source, target)
