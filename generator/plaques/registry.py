"""The register of printed plaques: every URL that is on a wall somewhere.

``diachido plaques --record`` adds the batch going to print to ``plaques/registry.yml``
(tracked in git; ``extra.diachido.plaques.registry`` in mkdocs.yml moves it). Entries
are never removed: a plaque stays on its wall for years. ``check_registry`` lets the
build refuse a site in which any recorded URL would no longer lead to a page, whether
the site was deleted, its id changed or ``site_url`` moved. Printed plaques never 404.

The file, one entry per URL, sorted by id::

    plaques:
    - id: TH-0042
      url: https://diachido-thanhhoa.github.io/s/TH-0042/
      printed: [2025-06-30, 2026-03-02]
      installed:
      - {date: 2025-07-02, where: Cổng chính, material: nhôm, size: a5}
      checks:
      - {date: 2026-01-15, state: good}

What follows printing (``installed``, ``checks``, ``replaced_by``) is described in
``lifecycle``; ``fieldwork`` records it. Entries are separated by a blank line and every
event is one line, so concurrent edits of different plaques merge cleanly in git.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator
from urllib.parse import unquote, urlsplit

import yaml

from ..files import project_lock, replace_text
from ..i18n.messages import pick_language, translate
from ..records.yaml_source import YamlDocument, YamlSourceError, load_yaml_file, parse_yaml
from ..urls import absolute_url, short_path
from .content import plaque_subjects
from .errors import PlaqueError
from .lifecycle import (
    ConditionCheck,
    Installation,
    LifecycleError,
    dump_checks,
    dump_installations,
    parse_checks,
    parse_installations,
)

if TYPE_CHECKING:
    from ..config import ProjectConfig

REGISTRY_FILE = "plaques/registry.yml"
# About 100 bytes an entry: room for tens of thousands of printed URLs, while a
# hostile or corrupted file is refused before it is parsed.
MAX_REGISTRY_BYTES = 4 * 1024 * 1024
HEADER = """\
# Sổ biển QR đã in · Register of printed QR plaques
# Ghi bởi `diachido plaques --record`. Không xóa mục nào: mỗi địa chỉ ở đây đang gắn trên tường.
# Written by `diachido plaques --record`. Never remove an entry: every URL here is on a wall.
# Gắn biển, kiểm tra biển · installed, checked: diachido plaques --installed/--checked MÃ --date YYYY-MM-DD
"""


class _Dumper(yaml.SafeDumper):
    """Writes a date shared by several entries out in full, not as an &anchor/*alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass(frozen=True)
class PrintedUrl:
    site_id: str
    url: str
    printed: tuple[dt.date, ...]
    installed: tuple[Installation, ...] = ()
    checks: tuple[ConditionCheck, ...] = ()
    line: int = field(default=0, compare=False)  # of the entry in the register; 0 if not read from it


def registry_path(config: "ProjectConfig") -> Path:
    options = config.extra.get("plaques") or {}
    return config.root / str(options.get("registry") or REGISTRY_FILE)


ENTRY_KEYS = ("id", "url", "printed", "installed", "checks")


def _is_page_url(url: str) -> bool:
    """Whether ``url`` is an https address whose path stays where it points: no ``.``/``..``
    segments (also percent-encoded), backslashes, query or control characters, which
    would let the printed-URL check look at a file outside the built site."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    segments = path.split("/")[1:]
    return (parts.scheme == "https" and bool(parts.netloc) and not parts.query and path.startswith("/")
            and not any(segment in (".", "..") for segment in segments)
            and not any(char == "\\" or ord(char) < 32 for char in path))


def _entry(raw: Any, document: YamlDocument, index: int) -> PrintedUrl:
    path, line = document.path, document.position_of(("plaques", index)).line

    def at(*field: str) -> str:
        where = document.key_position_of(("plaques", index, *field)) if field else document.position_of(("plaques", index))
        return f"{path}:{where.line}:{where.column}"

    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("url"):
        raise PlaqueError("plaques.registry_invalid", path=at(), problem=f"an entry needs id and url: {raw!r}")
    for key in raw:
        if key not in ENTRY_KEYS:
            raise PlaqueError("plaques.registry_unknown_key", path=at(str(key)), key=key, id=raw["id"],
                              allowed=", ".join(ENTRY_KEYS))
    if not isinstance(raw["url"], str) or not _is_page_url(raw["url"]):
        where = document.position_of(("plaques", index, "url"))
        raise PlaqueError("plaques.registry_bad_url", path=f"{path}:{where.line}:{where.column}", id=raw["id"],
                          url=raw["url"])
    dates = raw.get("printed") or []
    if not isinstance(dates, list) or not all(isinstance(date, dt.date) for date in dates):
        raise PlaqueError("plaques.registry_invalid", path=at("printed"), problem=f"printed must be a list of dates: {raw!r}")
    try:
        installed, checks = parse_installations(raw.get("installed")), parse_checks(raw.get("checks"))
    except LifecycleError as exc:
        raise PlaqueError("plaques.registry_invalid", path=at(), problem=f"{raw['id']}: {exc}") from None
    return PrintedUrl(str(raw["id"]), raw["url"], tuple(sorted(set(dates))), installed, checks, line)


def load_registry(path: Path) -> list[PrintedUrl]:
    """The entries in ``path``; none if the file does not exist yet (nothing printed).

    Read with the records' safe loader (size limit, no aliases or tags, depth guard);
    raises PlaqueError("plaques.registry_invalid") with the line of the problem.
    """
    if not path.exists():
        return []
    try:
        document = load_yaml_file(path, MAX_REGISTRY_BYTES)
    except YamlSourceError as exc:
        problem = exc.diagnostic
        if problem.code == "file.empty":  # only the header comments: nothing recorded yet
            return []
        where = f"{path}:{problem.line}:{problem.column}" if problem.line else str(path)
        raise PlaqueError("plaques.registry_invalid", path=where, problem=(problem.code, problem.params)) from None
    data = document.data
    entries = data.get("plaques") if isinstance(data, dict) else data
    if not isinstance(data, dict) or not isinstance(entries or [], list):
        raise PlaqueError("plaques.registry_invalid", path=str(path), problem="expected 'plaques:' with a list")
    return [_entry(raw, document, index) for index, raw in enumerate(entries or [])]


def _block(entry: PrintedUrl) -> str:
    """One entry as a YAML list item; each event on one line (no wrapping), keys in a fixed order."""
    data: dict[str, Any] = {"id": entry.site_id, "url": entry.url, "printed": list(entry.printed)}
    if entry.installed:
        data["installed"] = dump_installations(entry.installed)
    if entry.checks:
        data["checks"] = dump_checks(entry.checks)
    return yaml.dump([data], Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=100_000)


def save_registry(path: Path, entries: Iterable[PrintedUrl]) -> None:
    """Write ``entries`` sorted by id and URL, a blank line between entries (merge-friendly).

    The file is replaced whole (a build reading it meanwhile sees the old or the new one),
    and only with text that ``load_registry`` reads back: otherwise PlaqueError
    ("plaques.registry_unsaved") and the file stays as it was. Call under ``registry_lock``.
    """
    ordered = sorted(entries, key=lambda entry: (entry.site_id, entry.url))
    body = "plaques:\n" + "\n".join(_block(entry) for entry in ordered) if ordered else "plaques: []\n"
    try:
        parse_yaml(path, HEADER + body)
    except YamlSourceError as exc:
        raise PlaqueError("plaques.registry_unsaved", path=str(path),
                          problem=(exc.diagnostic.code, exc.diagnostic.params)) from None
    replace_text(path, HEADER + body)


# A second recording waits for the first (each takes well under a second).
REGISTRY_WAIT_SECONDS = 60.0


@contextmanager
def registry_lock(config: "ProjectConfig") -> Iterator[None]:
    """Hold the registry for one read-change-write, so two organisers' commands run at
    once never lose each other's records. Raises FileProblem if held over a minute."""
    with project_lock(config.root, REGISTRY_WAIT_SECONDS, name="registry.lock"):
        yield


def record_printed(config: "ProjectConfig", sites: Iterable[Any], when: dt.date | None = None) -> list[PrintedUrl]:
    """Add the URL of every plaque of the records (sites, tours, villages; see
    ``content.plaque_subjects``), printed on ``when`` (today), to the registry; return the new state."""
    date = when or dt.date.today()
    path = registry_path(config)
    with registry_lock(config):
        return _add_printed(config, path, sites, date)


def _add_printed(config: "ProjectConfig", path: Path, sites: Iterable[Any], date: dt.date) -> list[PrintedUrl]:
    by_url = {entry.url: entry for entry in load_registry(path)}
    for subject in plaque_subjects(sites):
        url = absolute_url(config, subject.path)
        previous = by_url.get(url)
        dates = set(previous.printed) if previous else set()
        kept = (previous.installed, previous.checks) if previous else ((), ())
        by_url[url] = PrintedUrl(subject.record_id, url, tuple(sorted(dates | {date})), *kept)
    save_registry(path, by_url.values())
    return sorted(by_url.values(), key=lambda entry: (entry.site_id, entry.url))


def site_page(config: "ProjectConfig", url: str) -> str | None:
    """The site-relative page ``url`` opens (``s/TH-0042/``; no #fragment), or None if ``url``
    is not under ``site_url``."""
    if not url.startswith(config.site_url):
        return None
    return unquote(urlsplit(url[len(config.site_url) :]).path)


def page_for(config: "ProjectConfig", url: str, site_dir: Path) -> Path | None:
    """The file in ``site_dir`` that serves ``url``, or None if ``url`` is not under ``site_url``."""
    relative = site_page(config, url)
    if relative is None:
        return None
    candidate = site_dir / relative
    # A static host serves "dir/" (and redirects "dir") from dir/index.html.
    return candidate if relative.endswith(".html") else candidate / "index.html"


def _params(entry: PrintedUrl) -> dict[str, object]:
    return {"id": entry.site_id, "url": entry.url, "printed": ", ".join(map(str, entry.printed))}


def registry_problems(config: "ProjectConfig", site_dir: Path) -> list[tuple[str, dict[str, object]]]:
    """Every recorded URL that would not resolve in the built ``site_dir``, as (message code, params)."""
    try:
        entries = load_registry(registry_path(config))
    except PlaqueError as error:
        return [(error.code, error.params)]
    problems: list[tuple[str, dict[str, object]]] = []
    for entry in entries:
        page = page_for(config, entry.url, site_dir)
        if page is None:
            problems.append(("plaques.registry_moved", {**_params(entry), "site_url": config.site_url}))
        elif not page.is_file():
            problems.append(("plaques.registry_dead", {**_params(entry), "page": site_page(config, entry.url)}))
    return problems


def unpublished_problems(config: "ProjectConfig", published_ids: set[str]) -> list[tuple[int, str, dict[str, object]]]:
    """What ``registry_problems`` will find in the build, told before it (for ``check``):
    a printed id whose record is deleted or not published, or a URL outside ``site_url``.

    Returns (line in the register, message code, params); a register that cannot be read
    is reported by the identity check, so it gives nothing here.
    """
    try:
        entries = load_registry(registry_path(config))
    except PlaqueError:
        return []
    problems: list[tuple[int, str, dict[str, object]]] = []
    for entry in entries:
        relative = site_page(config, entry.url)
        if relative is None:
            problems.append((entry.line, "plaques.registry_moved", {**_params(entry), "site_url": config.site_url}))
        elif relative == short_path(entry.site_id) and entry.site_id not in published_ids:
            problems.append((entry.line, "plaques.printed_unpublished", _params(entry)))
    return problems


def check_registry(config: "ProjectConfig", site_dir: Path, lang: str | None = None) -> list[str]:
    """Readable problems (Vietnamese unless ``lang``/locale says English); empty if all is well."""
    language = lang or pick_language()
    return [translate(code, language, **params) for code, params in registry_problems(config, site_dir)]
