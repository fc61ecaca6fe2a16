"""What one record file yields on its own, kept between runs.

``check``, ``build`` and ``serve`` load every record; at 5,000 sites parsing and
validating each file is most of ``check``. A file's own outcome (its parsed document
with the position of every value, its validated and completed record, its own
problems such as an unknown commune name) depends only on its bytes, its place in the
project, the project's settings and the generator, so it is kept in
``.diachido/cache/records/<kind>.pickle`` under a key of exactly those
(``media.cache.cache_key``: the generator's version comes with it). Everything
across files (ids, URLs, the ledger and the plaques, nearby sites, links between
kinds) and everything that reads another file (photos, recordings, routes, the
template) is not kept: it runs on every load.

The cache is a convenience, never a source of truth: a missing, truncated, corrupt or
foreign file reads as empty, and one that cannot be written is left as it was. It is
read with an unpickler that builds only the record classes of ``generator.records``
and a few standard types, so a planted file cannot run code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import pickle
import threading
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from pydantic import BaseModel

from ..media.cache import cache_keyer, cache_root
from .diagnostics import Diagnostic, relative_path
from .yaml_source import YamlDocument

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from .kinds import RecordKind
    from .validate import SiteRecord

CACHE_SUBDIR = "records"
# The code that makes an outcome: the kinds' registry reaches every kind's schema,
# completion step and the loader, so their version is this module's import closure.
OUTCOME_MODULE = "generator.records.kinds"
_FORMAT = "diachido-record-outcomes-1"
# 256 shards: a few dozen outcomes each at 5,000 files.
_SHARD_DIGITS = 2


@dataclass
class FileOutcome:
    """What one record file yields on its own.

    ``document`` is None when the file is not YAML data (``problems`` say why);
    ``record`` is None when the document does not validate (the loader then reports
    why, with the run's next free id); otherwise ``problems`` are the record's own
    warnings from the kind's completion step.
    """

    document: YamlDocument | None
    record: "SiteRecord | None" = None
    problems: list[Diagnostic] = field(default_factory=list)

    def moved_to(self, path: Path) -> "FileOutcome":
        """This outcome for the same bytes read from ``path`` (the project may have moved)."""
        if self.document is not None:
            self.document.path = path  # the record shares this document
        self.problems = [d if d.path == path else dataclasses.replace(d, path=path) for d in self.problems]
        return self


class OutcomeCache:
    """The kept outcomes of one record kind in one project, read once per load.

    Outcomes are grouped in shards by the first hex digits of their key, one pickle per
    shard: loading unpickles a few hundred shards rather than one pickle per file (the
    unpickler's start-up and class look-ups were most of a warm check), and a load after
    editing one file pickles again only the shards it touched.
    """

    def __init__(self, config: "ProjectConfig", kind: "RecordKind"):
        self.root = config.root
        self.file = cache_root(config.root) / CACHE_SUBDIR / f"{kind.name}.pickle"
        self.key = cache_keyer(OUTCOME_MODULE, kind.name, _settings(config, config.root))
        self.stored = _read_bundle(self.file)  # shard -> its pickle, as read
        self.shards: dict[str, dict[str, FileOutcome]] = {}  # shard -> key -> outcome, unpickled this load
        self.used: dict[str, set[str]] = {}  # shard -> keys this load asked for
        self.changed: set[str] = set()

    def outcome(self, path: Path, raw: bytes, compute: Callable[[], FileOutcome]) -> FileOutcome:
        """The outcome of the file at ``path`` holding ``raw``: kept, or ``compute()``d and kept.

        Kept outcomes are unpickled afresh by every load, so nothing a caller does to a
        record (binding its checked media files) reaches the next load.
        """
        key = self.key(relative_path(path, self.root), raw)
        shard = key[:_SHARD_DIGITS]
        entries, used = self._shard(shard), self.used.setdefault(shard, set())
        found = entries.get(key) if key not in used else None  # a file listed twice: two records, as before
        used.add(key)
        if isinstance(found, FileOutcome):
            return found.moved_to(path)
        entries[key] = outcome = compute()
        self.changed.add(shard)
        return outcome

    def _shard(self, shard: str) -> dict[str, FileOutcome]:
        if shard not in self.shards:
            kept = self.stored.get(shard)
            entries = _unpickle(kept) if kept is not None else None
            self.shards[shard] = entries if isinstance(entries, dict) else {}
        return self.shards[shard]

    def save(self, every_file: bool) -> None:
        """Write the shards this load changed; with ``every_file`` (the load read the
        kind's whole folder) keep only the outcomes it used. Call it before anything
        changes the records; errors (a read-only project) are ignored."""
        shards = dict(self.stored)
        changed = set(self.changed)
        if every_file:
            for shard in set(shards) - set(self.used):
                del shards[shard]  # no file of this load lands here any more
                changed.add(shard)
            for shard, keys in self.used.items():
                if self.shards[shard].keys() != keys:
                    self.shards[shard] = {key: self.shards[shard][key] for key in keys}
                    changed.add(shard)
        if not changed:
            return
        for shard in changed & set(self.shards):
            shards[shard] = pickle.dumps(self.shards[shard], protocol=pickle.HIGHEST_PROTOCOL)
        _write_bundle(self.file, shards)


def _settings(value: Any, root: Path) -> str:
    """What the per-file step may read besides the file: the project's settings (the
    province, for commune names), with paths relative to the project, so that a project
    moved or restored elsewhere keeps its cache."""
    if isinstance(value, Path):
        return repr(os.path.relpath(value, root))
    if dataclasses.is_dataclass(value):
        return repr([(item.name, _settings(getattr(value, item.name), root)) for item in dataclasses.fields(value)])
    return repr(value)


def _read_bundle(file: Path) -> dict[str, bytes]:
    try:
        bundle = _unpickle(file.read_bytes())
    except OSError:
        return {}
    if not isinstance(bundle, dict) or bundle.get("format") != _FORMAT or not isinstance(bundle.get("shards"), dict):
        return {}
    return bundle["shards"]


def _write_bundle(file: Path, shards: dict[str, bytes]) -> None:
    """Replace ``file`` atomically (a reader sees the old bundle or the new one)."""
    data = pickle.dumps({"format": _FORMAT, "shards": shards}, protocol=pickle.HIGHEST_PROTOCOL)
    temporary = file.with_name(f"{file.name}.{os.getpid()}-{threading.get_ident()}.tmp")  # one per writer
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, file)
    except OSError:  # a read-only project or a full disk: loading works without the cache
        with contextlib.suppress(OSError):
            temporary.unlink()


_STANDARD_TYPES = {("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("datetime", "date"), ("datetime", "datetime")}


class _RecordUnpickler(pickle.Unpickler):
    """Builds record classes of ``generator.records`` (models, enums, dataclasses, named
    tuples) and ``_STANDARD_TYPES``; any other global is refused."""

    allowed: dict[tuple[str, str], type] = {}

    def find_class(self, module: str, name: str) -> Any:
        found = self.allowed.get((module, name))
        if found is not None:
            return found
        if (module, name) in _STANDARD_TYPES or module.startswith(__package__ + "."):
            found = super().find_class(module, name)
            if (module, name) in _STANDARD_TYPES or _is_record_type(found):
                self.allowed[module, name] = found
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a record type")


def _is_record_type(found: Any) -> bool:
    if not isinstance(found, type):
        return False
    return (issubclass(found, (BaseModel, Enum)) or dataclasses.is_dataclass(found)
            or (issubclass(found, tuple) and hasattr(found, "_fields")))


def _unpickle(data: bytes) -> Any:
    """What ``data`` holds, or None if it is not a pickle of record types."""
    try:
        return _RecordUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - truncated or foreign bytes raise almost anything; all mean "not kept"
        return None
