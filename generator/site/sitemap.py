"""The rendered site's ``sitemap.xml`` (and ``sitemap.xml.gz``), written by MkDocs, made
to agree with the pages' ``robots`` meta: a page that asks search engines not to index it
is not offered to them in the sitemap either.

No project code runs inside MkDocs, so this edits MkDocs' output in the staged site
after rendering. The gzip copy is rewritten as MkDocs writes it (level 9, the name
``sitemap.xml``) with the modification time MkDocs put in its header (the build's
``SOURCE_DATE_EPOCH``), so the same input still gives the same bytes.
"""

from __future__ import annotations

import gzip
import html
import io
import re
import struct
from pathlib import Path
from typing import Iterable

from ..files import write_text

SITEMAP = "sitemap.xml"
# One <url> entry of MkDocs' sitemap template, with the whitespace before it.
_ENTRY = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)


def drop_from_sitemap(site_dir: Path, site_url: str, paths: Iterable[str]) -> list[str]:
    """Remove the pages at ``paths`` (site-relative, e.g. ``tien-do/``) from ``site_dir``'s
    sitemap and its gzip copy; returns the addresses removed. No sitemap (MkDocs writes one
    only with a ``site_url``): nothing to do."""
    sitemap = site_dir / SITEMAP
    if not sitemap.is_file():
        return []
    unwanted = {site_url + path for path in paths}
    removed: list[str] = []

    def keep(entry: re.Match[str]) -> str:
        if html.unescape(entry.group(1).strip()) in unwanted:
            removed.append(entry.group(1).strip())
            return ""
        return entry.group(0)

    text = _ENTRY.sub(keep, sitemap.read_text(encoding="utf-8"))
    if removed:
        write_text(sitemap, text)
        _rewrite_gzip(site_dir / f"{SITEMAP}.gz", text.encode("utf-8"))
    return removed


def _rewrite_gzip(path: Path, data: bytes) -> None:
    """``data`` gzipped into ``path`` with the mtime of the header already there (0 if none)."""
    mtime = struct.unpack("<I", path.read_bytes()[4:8])[0] if path.is_file() else 0
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=SITEMAP, mode="wb", mtime=mtime) as packed:
        packed.write(data)
    path.write_bytes(buffer.getvalue())  # the staged site: the build reports an OSError
