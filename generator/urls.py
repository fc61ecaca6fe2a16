"""The one place that knows where a site's pages live.

Plaques, the map, exports and page links all ask these functions. The short
id-based address (``s/TH-0042/``) is what plaques print: it must never change.

Every path here is relative to the site root and, for pages, ends in ``/``
(MkDocs' directory URLs). Pages link to each other with ``relative_url`` so the
site works wherever it is hosted (a domain root or a sub-folder).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .config import ProjectConfig
    from .records.schema import Site

SITE_PAGES_DIR = "di-tich"
TOUR_PAGES_DIR = "tuyen-tham-quan"
VILLAGE_PAGES_DIR = "thon"
SHORT_DIR = "s"
ENGLISH_DIR = "en"
DEFAULT_LANGUAGE = "vi"
# List pages (by category, rank, place): a folder of their own, so no list can ever
# take a URL that a site slug might want.
LISTS_DIR = "danh-sach"
SEARCH_DIRS = {"vi": "tim-kiem", "en": "search"}
# Files the generator writes for the browser (CSS, JS, photos, search index).
GENERATED_DIR = "generated"
ASSETS_DIR = f"{GENERATED_DIR}/dcd"
IMAGES_DIR = f"{GENERATED_DIR}/img"
AUDIO_DIR = f"{GENERATED_DIR}/audio"
PANORAMAS_DIR = f"{GENERATED_DIR}/pano"  # one folder per panorama, named by its content key
SEARCH_INDEX_DIR = f"{GENERATED_DIR}/search"
# The service worker must sit at the site root to control every page.
SERVICE_WORKER_FILE = "sw.js"
# Pages for organisers and volunteers (progress, work lists, the contributor guide): not
# in the navigation, linked from the home page's footer.
DASHBOARD_DIR = "tien-do"
GUIDE_DIR = "huong-dan"
# The hand-over bundles (zip) and the Wikidata QuickStatements file, for download.
HANDOVER_DIR = f"{GENERATED_DIR}/data/ban-giao"
# List kinds -> URL folder names under LISTS_DIR.
LIST_KINDS = {"category": "loai", "rank": "xep-hang", "commune": "xa", "district": "huyen"}


def record_page_path(page_dir: str, slug: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Path of a record's page relative to the site root, e.g. ``di-tich/den-ba-trieu/``;
    ``page_dir`` is the URL folder of the record's kind (``records.kinds.RecordKind``)."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{prefix}{page_dir}/{slug}/"


def site_page_path(slug: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Path of a site's page relative to the site root, e.g. ``di-tich/den-ba-trieu/``."""
    return record_page_path(SITE_PAGES_DIR, slug, lang)


def short_path(site_id: str) -> str:
    """Permanent id-based path, e.g. ``s/TH-0042/``: what QR plaques encode."""
    return f"{SHORT_DIR}/{site_id}/"


def page_source_file(page_path: str) -> str:
    """The Markdown file (relative to docs_dir) that MkDocs renders at ``page_path``.

    Always ``<path>/index.md``, never ``<path>.md``: every renderer agrees that the
    page of ``<path>/index.md`` lives at ``<path>/``, while Zensical resolves the raw
    HTML links of ``<slug>.md`` one folder too high (they would work only at a domain
    root). ``""`` (the home page) gives ``index.md``.
    """
    return page_path + "index.md"


def absolute_url(config: "ProjectConfig", path: str) -> str:
    return config.site_url + path


def short_url(config: "ProjectConfig", site_id: str) -> str:
    """The full permanent URL of a site, built from ``site_url`` in mkdocs.yml."""
    return absolute_url(config, short_path(site_id))


def site_url(config: "ProjectConfig", site: "Site", lang: str = DEFAULT_LANGUAGE) -> str:
    return absolute_url(config, site_page_path(site.slug, lang))


def site_aliases(site: "Site") -> list[str]:
    """Every other path where the site's (Vietnamese) page must open: its permanent
    id address and the pages of its former slugs."""
    return [short_path(site.id)] + [site_page_path(old) for old in site.former_slugs]


def record_list_path(page_dir: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The list of one kind's records, in the kind's URL folder: ``tuyen-tham-quan/``,
    ``en/tuyen-tham-quan/``."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{prefix}{page_dir}/"


def site_list_path(lang: str = DEFAULT_LANGUAGE) -> str:
    """The A–Z list of every site (``di-tich/``, ``en/di-tich/``)."""
    return record_list_path(SITE_PAGES_DIR, lang)


def lists_index_path() -> str:
    return f"{LISTS_DIR}/"


def list_page_path(kind: str, key: str) -> str:
    """A list page, e.g. ``danh-sach/loai/di-tich-cach-mang/``; ``kind`` is a LIST_KINDS key."""
    return f"{LISTS_DIR}/{LIST_KINDS[kind]}/{key}/"


def search_page_path(lang: str = DEFAULT_LANGUAGE) -> str:
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{prefix}{SEARCH_DIRS[lang]}/"


def home_path(lang: str = DEFAULT_LANGUAGE) -> str:
    """The landing page of ``lang``: ``""`` (the site root) or ``en/``."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def other_language(lang: str) -> str:
    """The language the header's VI/EN switch leads to from a page in ``lang``."""
    return ENGLISH_DIR if lang == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def _counterpart(page_path: str, lang: str) -> str:
    """The same page in the other language, whether or not it exists."""
    if page_path == search_page_path(lang):
        return search_page_path(other_language(lang))
    if lang == DEFAULT_LANGUAGE:
        return f"{ENGLISH_DIR}/{page_path}"
    return page_path.removeprefix(f"{ENGLISH_DIR}/")


def _parent(page_path: str) -> str:
    parts = page_path.rstrip("/").split("/")[:-1]
    return "/".join(parts) + "/" if parts else ""


def translation_path(page_path: str, lang: str, exists: Callable[[str], bool]) -> str:
    """Where the language switch of the page at ``page_path`` (in ``lang``) leads.

    The same page in the other language when ``exists`` says it is built, else its
    nearest built parent (``en/danh-sach/xa/x/`` -> ... -> ``en/``); the other
    language's home is always taken to exist. Paths are root-relative, like every
    path here.
    """
    home = home_path(other_language(lang))
    path = _counterpart(page_path, lang)
    while path != home and not exists(path) and path.startswith(home):
        path = _parent(path)
    return path if path.startswith(home) else home


def record_translation(folder: str, slug: str, lang: str, languages: tuple[str, ...]) -> str:
    """The language switch of a record's page (a tour, a village) written in ``languages``:
    its page in the other language, else that language's nearest built parent."""
    built = {record_page_path(folder, slug, language) for language in languages}
    return translation_path(record_page_path(folder, slug, lang), lang, built.__contains__)


def dashboard_path(page: str = "") -> str:
    """The progress page (``tien-do/``) or one of its sub-pages, e.g. ``tien-do/viec-can-lam/``."""
    return f"{DASHBOARD_DIR}/{page + '/' if page else ''}"


def guide_path() -> str:
    """The volunteers' guide to the record's fields."""
    return f"{GUIDE_DIR}/"


def handover_path(name: str) -> str:
    """A downloadable hand-over file, e.g. ``generated/data/ban-giao/tat-ca.zip``."""
    return f"{HANDOVER_DIR}/{name}"


OFFLINE_DIR = f"{GENERATED_DIR}/offline"


def offline_page_path(lang: str = DEFAULT_LANGUAGE) -> str:
    """The page the service worker shows offline for a page never saved. Its address is
    never seen: the worker serves it at the address the visitor asked for."""
    return f"{OFFLINE_DIR}/" if lang == DEFAULT_LANGUAGE else f"{OFFLINE_DIR}/{lang}/"


def asset_path(name: str) -> str:
    return f"{ASSETS_DIR}/{name}"


def image_path(name: str) -> str:
    return f"{IMAGES_DIR}/{name}"


def reserved_paths() -> list[tuple[str, str, bool]]:
    """The paths the generator writes for itself, as ``(path, name, whole_folder)``.

    ``name`` is the constant a message shows; ``whole_folder`` means everything below
    ``path`` belongs to the generator too. Records claim only their own pages
    (``records.namespace``), which must not fall on any of these.
    """
    pages = [(site_list_path(), "SITE_PAGES_DIR", False), (site_list_path("en"), "ENGLISH_DIR/SITE_PAGES_DIR", False),
             (home_path(), "home_path", False), (lists_index_path(), "LISTS_DIR", True),
             (GENERATED_DIR + "/", "GENERATED_DIR", True), (SERVICE_WORKER_FILE, "SERVICE_WORKER_FILE", False)]
    return pages + [(search_page_path(lang), "SEARCH_DIRS", True) for lang in SEARCH_DIRS]


def audio_path(name: str) -> str:
    return f"{AUDIO_DIR}/{name}"


def to_root(from_path: str) -> str:
    """The relative prefix from the page at ``from_path`` back to the site root."""
    depth = from_path.strip("/").count("/") + 1 if from_path.strip("/") else 0
    return "../" * depth


def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path`` (both root-relative).

    Site pages, their permanent ``s/<ID>/`` copies and former-slug copies are all two
    folders deep, so a link computed for the page works unchanged in its copies.
    """
    return to_root(from_path) + to_path or "./"
