"""The content cache shared by every cached output: one folder per content key, filled atomically.

An entry is written into a temporary folder beside the others and renamed into
place, so a crash or a parallel build never leaves a half-written entry under a
key; files then reach the output as hard links (no bytes copied) where possible.

Every key is made by ``cache_key``, which hashes the inputs with the generator's
version as seen by the code that makes the output (``generator_version(module)``):
this module is the one place that decides when cached bytes go stale. That version
is the package's version, the installed versions of its pinned dependencies
(Pillow's or fpdf2's encoders make the bytes), and a hash of the generator's own
files that the module can reach: its import closure inside the ``generator`` package
and the data files (fonts, templates) of the module's own subpackage. A pipeline that
reads a data file of another subpackage, or any other file, names its bytes among
the key's parts.

Why hash our files and not only a version number: a number is bumped by hand and
forgotten, and a stale entry publishes bytes that a clean build no longer makes (for
photos, under a name browsers keep forever), so a developer's edit or a checkout of
another commit must invalidate by itself. Why the import closure and not the whole
package: a new plaque font then redoes the plaques but not 5,000 photos and 35 s
panoramas, and an edit of a page template redoes none of them; the closure is found
by reading the imports, so a new dependency of a pipeline is covered without a list
to keep up to date.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import importlib.metadata
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar, Iterator, TypeVar

T = TypeVar("T")

CACHE_DIR = Path(".diachido") / "cache"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
DISTRIBUTION = "diachido"


@functools.cache
def generator_version(module: str) -> str:
    """The generator's version for the dotted ``module`` (e.g. ``generator.media.photos``)
    as 64 hex digits: the same for the same reachable files and dependency versions on
    any machine. Computed once per process and module (milliseconds)."""
    digest = hashlib.sha256()
    for name, version in _distribution_versions():
        digest.update(f"{name}=={version}\n".encode())
    for path in sorted(_reachable_files(module)):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _distribution_versions() -> list[tuple[str, str]]:
    """(name, installed version) of the package and its dependencies (not test extras);
    empty when the package runs from a source tree that was never installed."""
    try:
        requirements = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return []
    names = [DISTRIBUTION] + [re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0]
                              for line in requirements if "extra ==" not in line]
    found = []
    for name in names:
        try:
            found.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            found.append((name, "missing"))
    return found


def _reachable_files(module: str) -> set[Path]:
    """The source files of ``module``'s import closure inside the package (with the
    ``__init__`` of every package on the way) and the data files of its subpackage."""
    files: set[Path] = set()
    pending, seen = [module], set()
    while pending:
        name = pending.pop()
        path = _source_of(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        files.add(path)
        parts = name.split(".")
        pending += [".".join(parts[:end]) for end in range(1, len(parts))]  # parent packages run first
        pending += list(_imported(path, name))
    own = _source_of(module)
    if own is not None and own.parent != PACKAGE_DIR:
        files |= set(_data_files(own.parent))
    return files


def _source_of(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != PACKAGE_DIR.name:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


# An import statement at the start of a line: ``from .x import (a, b)`` or ``import x, y``.
# Read with a pattern, not ``ast`` (ten times slower); a match inside a docstring only
# adds a file to the hash.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)|import[ \t]+([\w., \t]+))", re.M)


def _imported(path: Path, name: str) -> Iterator[str]:
    """Dotted names ``path`` (module ``name``) imports, each ``from X import y`` also as
    ``X.y`` (y may be a submodule); names outside the package are dropped later."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for dots, module, names, plain in _IMPORT.findall(path.read_text(encoding="utf-8")):
        if plain:
            yield from (item.split()[0] for item in plain.split(",") if item.strip())
            continue
        base = module
        if dots:
            anchor = package.split(".")[: len(package.split(".")) - len(dots) + 1]
            base = ".".join(anchor + ([module] if module else []))
        yield base
        yield from (f"{base}.{item.split()[0]}" for item in names.strip("()").split(",") if item.strip())


def _data_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
            yield path


def cache_key(module: str, *parts: bytes | str, length: int = 20) -> str:
    """The cache key of an output that the code of ``module`` (pass ``__name__``) makes
    from ``parts`` (input bytes, settings), as ``length`` hex digits; it changes with
    ``generator_version(module)``."""
    return cache_keyer(module, length=length)(*parts)


def cache_keyer(module: str, *first: bytes | str, length: int = 20) -> Callable[..., str]:
    """``cache_key(module, *first, *rest)`` as a function of ``rest``, with ``first``
    hashed once: for a key per file of thousands of files that share their settings."""
    prefix = hashlib.sha256(generator_version(module).encode())
    _add_parts(prefix, first)

    def key(*rest: bytes | str) -> str:
        digest = prefix.copy()
        _add_parts(digest, rest)
        return digest.hexdigest()[:length]

    return key


def _add_parts(digest: "hashlib._Hash", parts: tuple[bytes | str, ...]) -> None:
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)  # lengths: no two part lists collide


def cache_root(root: Path) -> Path:
    """Where the project in ``root`` caches outputs (one subfolder per kind)."""
    return root / CACHE_DIR


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
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # shutil names the source; the target could not be written
                exc.filename, exc.filename2 = str(target), None
            raise


@dataclass
class PipelineStats:
    processed: int = 0
    cached: int = 0
    source_bytes: int = 0
    output_bytes: int = 0


@dataclass
class CachedPipeline:
    """A media kind's pipeline: source files processed into ``out_dir`` through the
    content cache in ``cache_dir`` (``CACHE_SUBDIR`` of ``cache_root`` for ``for_project``)."""

    CACHE_SUBDIR: ClassVar[str]
    cache_dir: Path
    out_dir: Path
    stats: PipelineStats = field(default_factory=PipelineStats)

    @classmethod
    def for_project(cls, root: Path, out_dir: Path) -> "CachedPipeline":
        return cls(cache_root(root) / cls.CACHE_SUBDIR, out_dir)

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
