"""Writing generated files: deterministic bytes, folders swapped in whole, one build at a time.

A build writes into fresh staging folders under ``.diachido/`` and only puts them
in place when everything succeeded. The swap is one atomic exchange of two names
(Linux ``renameat2(RENAME_EXCHANGE)``; two renames elsewhere), so ``site/`` is
always a complete site, old or new, and stays a real folder that ``mkdocs serve``
and a GitHub Pages upload read as before. The old tree is removed afterwards;
if that fails the new site is already published and the leftover, which lives
under ``.diachido/``, is cleaned at the next build instead of breaking it.
Every filesystem failure becomes a FileProblem naming the path.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SCHEMA_FILE = "site.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}"
WORK_DIR = ".diachido"
LOCK_FILE = "lock"
# Prefixes of the staging folders a build makes in WORK_DIR; anything left with
# them is from an interrupted build (we hold the lock when cleaning).
STAGING_PREFIXES = ("docs-", "site-")
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


class FileProblem(Exception):
    """A filesystem step failed; ``code`` is a message code whose params name the path."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


def file_problem(exc: OSError, path: Path) -> FileProblem:
    """The message for ``exc``: disk full, permission, or the OS's own words; the path
    the OS names, else ``path`` (a failing write() names no file). An OSError that
    no system call raised (Pillow's decoding errors are OSErrors) names no path."""
    if exc.errno is None:
        return FileProblem("build.content_failed", reason=str(exc))
    code = "build.disk_full" if exc.errno in _DISK_FULL else "build.denied" if exc.errno in _DENIED else "build.file_error"
    return FileProblem(code, path=str(exc.filename or path), reason=exc.strerror or str(exc))


def write_text(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        exc.filename = exc.filename or str(path)  # write() on a full disk names no file
        raise


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, \\n line ends) to ``path`` whole or not at all: into a
    temporary file beside it, then renamed over it, so a reader (another command, a
    build) never sees half a file and a crash or full disk leaves the old one. For files
    edited in place (the plaque registry); staged output needs no such care."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, _mode_of(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        exc.filename = exc.filename or str(path)
        raise
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def remove_others(folder: Path, kept: Iterable[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Delete the files directly in ``folder`` ending in ``suffixes`` that are not in
    ``kept``: what an earlier run wrote for a record that is no longer published (a
    withdrawn site's plaque must not reach the print shop). Returns what it deleted."""
    keep = {path.resolve() for path in kept}
    removed = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.is_file() and path.name.endswith(suffixes) and path.resolve() not in keep:
            path.unlink()
            removed.append(path)
    return removed


def _mode_of(path: Path) -> int:
    """The permissions a rewritten file keeps: its own, or readable by all for a new
    one (a temporary file starts private)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


def work_dir(root: Path) -> Path:
    work = root / WORK_DIR
    try:
        work.mkdir(exist_ok=True)
    except OSError as exc:
        raise file_problem(exc, work) from None
    return work


def staging_dir(root: Path, name: str) -> Path:
    """A fresh temporary folder under ``.diachido/``, on the project's filesystem."""
    work = work_dir(root)
    try:
        folder = Path(tempfile.mkdtemp(prefix=name + "-", dir=work))
        folder.chmod(0o755)  # mkdtemp makes it owner-only; it becomes site/, which a web server must read
    except OSError as exc:
        raise file_problem(exc, work) from None
    return folder


def clean_leftovers(root: Path) -> None:
    """Remove staging and old folders of interrupted builds; what cannot go stays ignored."""
    work = root / WORK_DIR
    if work.is_dir():
        for entry in work.iterdir():
            if entry.name.startswith(STAGING_PREFIXES) and entry.is_dir() and not entry.is_symlink():
                remove_tree(entry)


# --- one build at a time ---------------------------------------------------------------------


@contextlib.contextmanager
def project_lock(root: Path, wait_seconds: float = 0.0, name: str = LOCK_FILE) -> Iterator[None]:
    """Hold ``.diachido/<name>`` (the build's lock by default) for the block; raise
    FileProblem("build.locked") if another process holds it for longer than ``wait_seconds``.

    The OS releases the lock when the holder dies, so a killed build never blocks the next.
    """
    path = work_dir(root) / name
    try:
        handle = path.open("a+", encoding="utf-8")
    except OSError as exc:
        raise file_problem(exc, path) from None
    with handle:
        deadline = time.monotonic() + wait_seconds
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.seek(0)
                raise FileProblem("build.locked", path=str(path), pid=handle.read().strip() or "?")
            time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def _try_lock(handle: Any) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


# --- keeping what did not change ------------------------------------------------------------


def keep_unchanged_times(new: Path, old: Path) -> list[str]:
    """Give each file under ``new`` whose bytes equal those of the file at the same
    relative path under ``old`` that file's access and modification times; returns
    the files under ``new`` that are new or differ (relative POSIX paths).

    A folder is still swapped in whole (a failed build changes nothing), but a
    renderer that rebuilds only sources newer than their output (``mkdocs serve
    --dirty``) then sees exactly the files whose bytes changed. The same inode (a
    hard link from the media caches) is equal without reading; other files are
    compared only when their sizes match. Raises OSError.
    """
    changed = []
    for entry in _files_under(new):
        relative = Path(os.path.relpath(entry.path, new)).as_posix()
        try:
            before = os.stat(os.path.join(old, relative))
        except (FileNotFoundError, NotADirectoryError):
            changed.append(relative)
            continue
        now = entry.stat()
        if (now.st_dev, now.st_ino) == (before.st_dev, before.st_ino):
            continue
        if now.st_size == before.st_size and _same_bytes(entry.path, os.path.join(old, relative)):
            os.utime(entry.path, ns=(before.st_atime_ns, before.st_mtime_ns))
        else:
            changed.append(relative)
    return changed


def _files_under(folder: Path) -> Iterator[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                yield entry


def _same_bytes(first: str, second: str, chunk: int = 1 << 20) -> bool:
    with open(first, "rb") as a, open(second, "rb") as b:
        while True:
            block = a.read(chunk)
            if block != b.read(chunk):
                return False
            if not block:
                return True


# --- the swap --------------------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _load_renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a libc without it (glibc < 2.28)
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _load_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap the names of two existing paths; False if the OS or the
    filesystem cannot (then nothing happened). Raises OSError for other failures."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def published_path(target: Path) -> Path:
    """The folder a build really replaces: ``target``, or where it links to (a deploy
    folder). Raises FileProblem if that is a file or anything else but a folder."""
    real = target.resolve() if target.is_symlink() else target
    if real.exists() and not real.is_dir():
        raise FileProblem("build.not_a_folder", path=str(target))
    return real


def replace_dir(new: Path, target: Path, remove_old: bool = True) -> list[Path]:
    """Put the folder ``new`` where ``target`` is, in one atomic step.

    A symlinked ``target`` stays a link: the folder it points to is replaced. Returns
    the old trees that could not be removed afterwards (the new one is in place
    then), or with ``remove_old=False`` the old tree, for the caller to remove after
    more swaps (several folders then change within milliseconds of each other, not
    one deletion apart); raises FileProblem, with ``target`` unchanged, if the swap
    itself fails.
    """
    real = published_path(target)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        new = _beside(new, real)
        if not real.exists():
            os.rename(new, real)
            return []
        if not exchange(new, real):
            new = _swap_by_renames(new, real)
    except OSError as exc:
        raise file_problem(exc, real) from None
    return [] if remove_old and remove_tree(new) else [new]  # ``new`` now holds the old tree


def _beside(new: Path, real: Path) -> Path:
    """``new``, copied next to ``real`` first if it is on another filesystem (a rename
    cannot cross filesystems; a deploy folder is often on another disk)."""
    if os.stat(new).st_dev == os.stat(real.parent).st_dev:
        return new
    sibling = Path(tempfile.mkdtemp(prefix=f".{real.name}.new-", dir=real.parent))
    try:
        shutil.copytree(new, sibling, dirs_exist_ok=True)
        sibling.chmod(0o755)
    except OSError:
        remove_tree(sibling)
        raise
    remove_tree(new)
    return sibling


def _swap_by_renames(new: Path, real: Path) -> Path:
    """Two renames where exchange is missing: site/ is absent for an instant, never half-written."""
    aside = new.with_name(new.name + ".old")
    os.rename(real, aside)
    try:
        os.rename(new, real)
    except OSError:
        os.rename(aside, real)
        raise
    return aside


def remove_tree(folder: Path) -> bool:
    """Delete ``folder``; True if it is gone. Read-only folders inside (copied from a
    CD, or from a read-only checkout) are made writable first."""

    def retry_writable(function: Callable[[str], Any], path: str, _info: Any) -> None:
        parent = os.path.dirname(path)
        with contextlib.suppress(OSError):
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
            function(path)

    shutil.rmtree(folder, onerror=retry_writable)
    return not os.path.lexists(folder)
