"""The hand-over bundle: everything a museum (e.g. "Tự hào Tuổi trẻ Việt Nam") or an open
data portal needs to take the sites over, per site and for all sites.

A bundle holds::

    datapackage.json        Frictionless Data Package describing the files below
    data/di-tich.csv        the sites (same columns as the site's CSV download)
    data/di-tich.geojson    the sites on a map (RFC 7946)
    data/di-tich.jsonld     schema.org descriptions (JSON-LD)
    data/tep-media.csv      every media file with its caption, author and licence
    media/<ID>/<file>       the original photos (and audio, panoramas) as volunteers gave them

The bundles the website offers leave the originals out (``write_site_handover``): each
phone photo is megabytes, and in both the site's bundle and the all-sites bundle they
would fill GitHub Pages' 1 GB at about 160 sites with three photos each
(bench/bench_scale.py). Their rows stay in ``tep-media.csv`` with an empty ``path``;
``diachido export`` writes the full bundles.

Zips are byte-identical for the same input: entries sorted, fixed timestamps and modes.
Media kinds are read by field name with ``getattr``, so kinds added to the record later
(narration audio, panoramas) are bundled as soon as the record has them.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from .. import media, urls
from ..config import ProjectConfig
from ..files import remove_others
from ..records.schema import Site
from ..site.site_page import site_json_ld
from .datapackage import MEDIA_COLUMNS, datapackage
from .formats import to_csv, to_geojson
from .wikidata import to_quickstatements

ALL_BUNDLE = "tat-ca.zip"
HANDOVER_FOLDER = "ban-giao"  # inside the folder of `diachido export`
QUICKSTATEMENTS_FILE = "wikidata-quickstatements.txt"
# Record fields that hold media items (each with file, credit, licence, maybe caption).
MEDIA_KINDS = ("images", "narration", "audio", "panoramas")
# Originals that change on their way out (photos lose their GPS and owner metadata).
HAND_OVER = {kind.field: kind.hand_over for kind in media.MEDIA_KINDS if kind.hand_over is not None}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build date leaks in
PATHS = {"sites": "data/di-tich.csv", "geojson": "data/di-tich.geojson", "jsonld": "data/di-tich.jsonld",
         "media": "data/tep-media.csv"}


def site_bundle_name(site_id: str) -> str:
    return f"{site_id}.zip"


def media_items(site: Site) -> list[tuple[str, Any]]:
    """(kind, item) for every media item of the site that names a file."""
    found = []
    for kind in MEDIA_KINDS:
        value = getattr(site, kind, None)
        for item in value if isinstance(value, (list, tuple)) else [value] if value is not None else []:
            if isinstance(getattr(item, "file", None), str):
                found.append((kind, item))
    return found


def _caption(item: Any, lang: str) -> str:
    caption = getattr(item, "caption", None)
    return caption if isinstance(caption, str) else str(getattr(caption, lang, None) or "")


def _media_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MEDIA_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def json_ld_node(config: ProjectConfig, site: Site) -> str:
    """The site's schema.org node as ``json.dumps(indent=1)`` prints it inside the
    ``@graph`` list of ``_json_ld``: each node is serialised once, for the all-sites
    bundle and its own (the indenting encoder is pure Python, and slow)."""
    node = site_json_ld(site, "vi", config, urls.site_url(config, site), [])
    node.pop("@context")
    return "  " + json.dumps(node, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _json_ld(nodes: list[str]) -> bytes:
    """The JSON-LD document of ``nodes`` (from ``json_ld_node``), byte for byte what
    ``json.dumps({"@context": ..., "@graph": [...]}, ensure_ascii=False, indent=1)`` gives."""
    graph = "[\n" + ",\n".join(nodes) + "\n ]" if nodes else "[]"
    return ('{\n "@context": "https://schema.org",\n "@graph": ' + graph + "\n}\n").encode("utf-8")


def bundle_files(config: ProjectConfig, sites: list[Site], nodes: dict[str, str] | None = None,
                 originals: bool = True) -> dict[str, bytes]:
    """Bundle path -> bytes for ``sites`` (ordered by id); media come from the files
    validation resolved (``source``), or only their credits without ``originals``.
    ``nodes`` caches ``json_ld_node`` texts by site id between bundles of the same build."""
    nodes = {} if nodes is None else nodes
    ordered = sorted(sites, key=lambda site: site.id)
    files: dict[str, bytes] = {}
    media_rows = []
    for site in ordered:
        for kind, item in media_items(site):
            path = f"media/{site.id}/{Path(item.file).as_posix()}" if originals else ""
            if originals:
                hand_over = HAND_OVER.get(kind)
                data = item.source.read_bytes()
                files[path] = hand_over(data) if hand_over else data
            media_rows.append([site.id, kind, path, _caption(item, "vi"), _caption(item, "en"),
                               str(getattr(item, "credit", "") or ""), str(getattr(item, "licence", "") or "")])
    files[PATHS["sites"]] = to_csv(config, ordered)
    files[PATHS["geojson"]] = to_geojson(config, ordered).encode("utf-8")
    for site in ordered:
        if site.id not in nodes:
            nodes[site.id] = json_ld_node(config, site)
    files[PATHS["jsonld"]] = _json_ld([nodes[site.id] for site in ordered])
    files[PATHS["media"]] = _media_csv(media_rows)
    title = f"{config.site_name}: " + (ordered[0].name.vi if len(ordered) == 1 else f"{len(ordered)} di tích")
    files["datapackage.json"] = datapackage(title, files, PATHS)
    return files


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    """A deterministic zip: sorted entries, fixed time and permissions, fixed compression."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, files[name], compresslevel=6)


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """The bundle unpacked into ``folder`` (replaced whole)."""
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def write_bundles(config: ProjectConfig, sites: list[Site], folder: Path, unpacked: bool = False,
                  originals: bool = True) -> list[Path]:
    """All-sites and per-site zips and the QuickStatements file into ``folder``; with
    ``unpacked`` also the all-sites bundle as a folder; media files only with
    ``originals``. Returns the paths written."""
    written = []
    nodes: dict[str, str] = {}
    everything = bundle_files(config, sites, nodes, originals)
    write_zip(folder / ALL_BUNDLE, everything)
    written.append(folder / ALL_BUNDLE)
    if unpacked:
        write_folder(folder / Path(ALL_BUNDLE).stem, everything)
        written.append(folder / Path(ALL_BUNDLE).stem)
    for site in sites:
        write_zip(folder / site_bundle_name(site.id), bundle_files(config, [site], nodes, originals))
        written.append(folder / site_bundle_name(site.id))
    (folder / QUICKSTATEMENTS_FILE).write_text(to_quickstatements(config, sites), encoding="utf-8")
    remove_others(folder, written, (".zip",))  # bundles of sites no longer published
    return written + [folder / QUICKSTATEMENTS_FILE]


def write_site_handover(config: ProjectConfig, sites: list[Site], docs_root: Path) -> None:
    """Content writer: the bundles the site offers for download (``generated/data/ban-giao/``),
    without the original media files (see the module's docstring)."""
    write_bundles(config, sites, docs_root / urls.HANDOVER_DIR, originals=False)
