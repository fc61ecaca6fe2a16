"""Offline beyond the pages already visited: the offline pages and the service worker's
precache manifest, written at build time.

The worker (``static/sw.js``) downloads the manifest's entries on a visitor's first
visit, after the page has loaded. Every entry carries a hash of its bytes, so a
rebuild re-downloads exactly the files that changed and nothing else, and the worker's
own bytes (which embed the manifest) change whenever any kept file does.

What is kept, in this order while the extra download stays within ``PRECACHE_BUDGET``
(gzip bytes a phone fetches beyond what the page it opened had already loaded):
the offline pages (always), the home page, the search page with its script and index
manifest, the list of all sites, their English versions, then the whole search index
in one file (``search.ALL_SITES``, read only offline). At 50 sites everything fits;
at thousands the list and the whole index do not, and pages are kept when first
opened instead (figures: ``bench/bench_page_weight.py``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..i18n.labels import ui
from .front_matter import front_matter
from .search import ALL_SITES, MANIFEST
from .templating import ENV

PRECACHE_BUDGET = 80 * 1024
_CSS_URL = re.compile(r"url\(['\"]?([^'\")]+)")


def render_offline_page(config: ProjectConfig, lang: str) -> str:
    """Markdown of the offline page in ``lang`` (``urls.offline_page_path``)."""
    path = urls.offline_page_path(lang)
    words = ui(lang)
    return ENV.get_template("offline.md.j2").render(
        front_matter=front_matter(title=words["offline_title"], lang=lang, hide=["toc", "navigation"]),
        t=words, lang=lang, site_name=config.site_name_in(lang),
        home=urls.relative_url(path, urls.home_path(lang)),
    )


def write_offline_pages(config: ProjectConfig, docs_root: Path) -> None:
    for lang in ("vi", "en"):
        write_text(docs_root / urls.offline_page_path(lang) / "index.md", render_offline_page(config, lang))


@dataclass(frozen=True)
class Entry:
    """One kept URL (site-root relative, as the browser asks for it) and its file."""

    url: str
    file: Path

    def revision(self) -> str:
        return hashlib.sha256(self.file.read_bytes()).hexdigest()[:12]

    def gzip_size(self) -> int:
        return len(gzip.compress(self.file.read_bytes(), compresslevel=6))


class _Loads(HTMLParser):
    """The stylesheets, scripts, icons and images a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") in ("stylesheet", "icon", "preload") and a.get("href"):
            self.refs.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.refs.append(a["src"])


def _page(site_dir: Path, path: str) -> Entry:
    return Entry(path, site_dir / path / "index.html")


def page_assets(site_dir: Path, page_path: str) -> list[Entry]:
    """Our files that the page at ``page_path`` loads (and those its CSS pulls in)."""
    parser = _Loads()
    parser.feed((site_dir / page_path / "index.html").read_text(encoding="utf-8"))
    found: dict[str, Entry] = {}
    queue = [((site_dir / page_path / ref.split("#")[0].split("?")[0]).resolve()) for ref in parser.refs
             if "://" not in ref and not ref.startswith("data:")]
    while queue:
        file = queue.pop(0)
        if not file.is_file() or not file.is_relative_to(site_dir.resolve()):
            continue
        url = file.relative_to(site_dir.resolve()).as_posix()
        if url in found:
            continue
        found[url] = Entry(url, file)
        if file.suffix == ".css":
            queue += [(file.parent / ref.split("#")[0].split("?")[0]).resolve()
                      for ref in _CSS_URL.findall(file.read_text(encoding="utf-8", errors="replace"))
                      if "://" not in ref and not ref.startswith("data:")]
    return list(found.values())


def search_version(site_dir: Path) -> str:
    """The hash of the whole search index: its files are asked for with ``?v=`` this."""
    digest = hashlib.sha256()
    for file in sorted((site_dir / urls.SEARCH_INDEX_DIR).glob("*.json")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]


def _search_entry(site_dir: Path, name: str, version: str) -> Entry:
    """A search file as the search page asks for it."""
    return Entry(f"{urls.SEARCH_INDEX_DIR}/{name}?v={version}", site_dir / urls.SEARCH_INDEX_DIR / name)


@dataclass(frozen=True)
class Precache:
    entries: list[Entry]
    shared: list[Entry]  # loaded by every page anyway: no extra download
    left_out: list[Entry]

    @property
    def extra_gzip(self) -> int:
        shared = {e.url for e in self.shared}
        return sum(e.gzip_size() for e in self.entries if e.url not in shared)


def precache_plan(site_dir: Path, budget: int = PRECACHE_BUDGET) -> Precache:
    """What the worker keeps on a first visit, within ``budget`` extra gzip bytes."""
    offline = [_page(site_dir, urls.offline_page_path(lang)) for lang in ("vi", "en")]
    shared = page_assets(site_dir, urls.offline_page_path())
    version = search_version(site_dir)
    search_page = urls.search_page_path()
    groups: list[list[Entry]] = [
        [_page(site_dir, urls.home_path())],
        [_page(site_dir, search_page), *[a for a in page_assets(site_dir, search_page) if a.url not in
                                         {s.url for s in shared}], _search_entry(site_dir, MANIFEST, version)],
        [_page(site_dir, urls.site_list_path())],
        [_page(site_dir, urls.search_page_path("en"))],
        [_page(site_dir, urls.site_list_path("en"))],
        [_search_entry(site_dir, ALL_SITES, version)],
    ]
    kept = offline + shared
    used = sum(e.gzip_size() for e in offline)
    left_out: list[Entry] = []
    for group in groups:
        group = [e for e in group if e.file.is_file() and e.url not in {k.url for k in kept}]
        cost = sum(e.gzip_size() for e in group)
        if used + cost <= budget:
            kept += group
            used += cost
        else:
            left_out += group
    return Precache(kept, shared, left_out)


def write_service_worker(site_dir: Path, source: Path) -> Precache:
    """``sw.js`` at the site root with its precache manifest; returns the plan."""
    plan = precache_plan(site_dir)
    listed = [[entry.url, entry.revision()] for entry in plan.entries]
    manifest = {
        "entries": listed,
        "offline": {lang: urls.offline_page_path(lang) for lang in ("vi", "en")},
    }
    worker = source.read_text(encoding="utf-8")
    manifest["version"] = hashlib.sha256((json.dumps(manifest, sort_keys=True) + worker).encode()).hexdigest()[:12]
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    write_text(site_dir / urls.SERVICE_WORKER_FILE, worker.replace("__DCD_PRECACHE__", text))
    return plan
