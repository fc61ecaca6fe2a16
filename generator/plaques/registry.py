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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import unquote, urlsplit

import yaml

from ..i18n.messages import pick_language, translate
from ..records.yaml_source import YamlSourceError, load_yaml_file
from ..urls import absolute_url
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


def registry_path(config: "ProjectConfig") -> Path:
    options = config.extra.get("plaques") or {}
    return config.root / str(options.get("registry") or REGISTRY_FILE)


def _entry(raw: Any, path: Path) -> PrintedUrl:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("url"):
        raise PlaqueError("plaques.registry_invalid", path=str(path), problem=f"an entry needs id and url: {raw!r}")
    dates = raw.get("printed") or []
    if not isinstance(dates, list) or not all(isinstance(date, dt.date) for date in dates):
        raise PlaqueError("plaques.registry_invalid", path=str(path), problem=f"printed must be a list of dates: {raw!r}")
    try:
        installed, checks = parse_installations(raw.get("installed")), parse_checks(raw.get("checks"))
    except LifecycleError as exc:
        raise PlaqueError("plaques.registry_invalid", path=str(path), problem=f"{raw['id']}: {exc}") from None
    return PrintedUrl(str(raw["id"]), str(raw["url"]), tuple(sorted(set(dates))), installed, checks)


def load_registry(path: Path) -> list[PrintedUrl]:
    """The entries in ``path``; none if the file does not exist yet (nothing printed).

    Read with the records' safe loader (size limit, no aliases or tags, depth guard);
    raises PlaqueError("plaques.registry_invalid") with the line of the problem.
    """
    if not path.exists():
        return []
    try:
        data = load_yaml_file(path, MAX_REGISTRY_BYTES).data
    except YamlSourceError as exc:
        problem = exc.diagnostic
        if problem.code == "file.empty":  # only the header comments: nothing recorded yet
            return []
        where = f"{path}:{problem.line}:{problem.column}" if problem.line else str(path)
        raise PlaqueError("plaques.registry_invalid", path=where, problem=(problem.code, problem.params)) from None
    entries = data.get("plaques")
    if entries is not None and not isinstance(entries, list):
        raise PlaqueError("plaques.registry_invalid", path=str(path), problem="expected 'plaques:' with a list")
    return [_entry(raw, path) for raw in entries or []]


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
    """Write ``entries`` sorted by id and URL, a blank line between entries (merge-friendly)."""
    ordered = sorted(entries, key=lambda entry: (entry.site_id, entry.url))
    body = "plaques:\n" + "\n".join(_block(entry) for entry in ordered) if ordered else "plaques: []\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")


def record_printed(config: "ProjectConfig", sites: Iterable[Any], when: dt.date | None = None) -> list[PrintedUrl]:
    """Add the URL of every plaque of the records (sites, tours, villages; see
    ``content.plaque_subjects``), printed on ``when`` (today), to the registry; return the new state."""
    date = when or dt.date.today()
    path = registry_path(config)
    by_url = {entry.url: entry for entry in load_registry(path)}
    for subject in plaque_subjects(sites):
        url = absolute_url(config, subject.path)
        previous = by_url.get(url)
        dates = set(previous.printed) if previous else set()
        kept = (previous.installed, previous.checks) if previous else ((), ())
        by_url[url] = PrintedUrl(subject.record_id, url, tuple(sorted(dates | {date})), *kept)
    save_registry(path, by_url.values())
    return sorted(by_url.values(), key=lambda entry: (entry.site_id, entry.url))


def page_for(config: "ProjectConfig", url: str, site_dir: Path) -> Path | None:
    """The file in ``site_dir`` that serves ``url``, or None if ``url`` is not under ``site_url``."""
    if not url.startswith(config.site_url):
        return None
    relative = unquote(urlsplit(url[len(config.site_url) :]).path)
    candidate = site_dir / relative
    # A static host serves "dir/" (and redirects "dir") from dir/index.html.
    return candidate if relative.endswith(".html") else candidate / "index.html"


def registry_problems(config: "ProjectConfig", site_dir: Path) -> list[tuple[str, dict[str, object]]]:
    """Every recorded URL that would not resolve, as (message code, params)."""
    try:
        entries = load_registry(registry_path(config))
    except PlaqueError as error:
        return [(error.code, error.params)]
    problems: list[tuple[str, dict[str, object]]] = []
    for entry in entries:
        params: dict[str, object] = {"id": entry.site_id, "url": entry.url, "printed": ", ".join(map(str, entry.printed))}
        page = page_for(config, entry.url, site_dir)
        if page is None:
            problems.append(("plaques.registry_moved", {**params, "site_url": config.site_url}))
        elif not page.is_file():
            problems.append(("plaques.registry_dead", {**params, "page": str(page)}))
    return problems


def check_registry(config: "ProjectConfig", site_dir: Path, lang: str | None = None) -> list[str]:
    """Readable problems (Vietnamese unless ``lang``/locale says English); empty if all is well."""
    language = lang or pick_language()
    return [translate(code, language, **params) for code, params in registry_problems(config, site_dir)]
