"""The content cache shared by media kinds: one folder per content key, filled atomically.

An entry is written into a temporary folder beside the others and renamed into
place, so a crash or a parallel build never leaves a half-written entry under a
key; files then reach the output as hard links (no bytes copied) where possible.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar, TypeVar

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


@dataclass
class PipelineStats:
    processed: int = 0
    cached: int = 0
    source_bytes: int = 0
    output_bytes: int = 0


@dataclass
class CachedPipeline:
    """A media kind's pipeline: source files processed into ``out_dir`` through the
    content cache in ``cache_dir`` (``CACHE_SUBDIR`` of the project for ``for_project``)."""

    CACHE_SUBDIR: ClassVar[Path]
    cache_dir: Path
    out_dir: Path
    stats: PipelineStats = field(default_factory=PipelineStats)

    @classmethod
    def for_project(cls, root: Path, out_dir: Path) -> "CachedPipeline":
        return cls(root / cls.CACHE_SUBDIR, out_dir)

    def cached(self, source: Path, key_of: Callable[[bytes], str], load: Callable[[Path], T | None],
               render: Callable[[Path, str, Path], T]) -> tuple[str, Path, T]:
        """The cache entry for ``source``: (key, folder, what ``load`` read from it).

        ``key_of(bytes)`` names the entry; ``load(folder)`` reads a complete entry (None
        if missing or partial); ``render(source, key, folder)`` fills a new one."""
        data = source.read_bytes()
        key = key_of(data)
        folder = self.cache_dir / key
        result = load(folder)
        if result is None:
            result = fill_entry(self.cache_dir, key, lambda work: render(source, key, work),
                                lambda existing: load(existing) is not None)
            self.stats.processed += 1
        else:
            self.stats.cached += 1
        self.stats.source_bytes += len(data)
        return key, folder, result

    def publish(self, folder: Path, names: list[str], target: Path) -> None:
        """Place the cache entry's files ``names`` (relative paths) under ``target``."""
        for name in names:
            place(folder / name, target / name)
            self.stats.output_bytes += (folder / name).stat().st_size
