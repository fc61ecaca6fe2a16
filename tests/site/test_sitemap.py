"""generator.site.sitemap: pages that ask not to be indexed leave MkDocs' sitemap, and its
gzip copy stays byte-reproducible."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from generator.site.sitemap import drop_from_sitemap

ROOT = "https://example.org/dcd/"
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.org/dcd/</loc>
         <lastmod>2026-01-02</lastmod>
    </url>
    <url>
         <loc>https://example.org/dcd/tien-do/</loc>
         <lastmod>2026-01-02</lastmod>
    </url>
    <url>
         <loc>https://example.org/dcd/tien-do/viec-can-lam/</loc>
         <lastmod>2026-01-02</lastmod>
    </url>
    <url>
         <loc>https://example.org/dcd/di-tich/lam-kinh/</loc>
         <lastmod>2026-01-02</lastmod>
    </url>
</urlset>"""
MTIME = 1767312000


def _gzip_as_mkdocs(site: Path, text: str) -> bytes:
    """How mkdocs.commands.build writes sitemap.xml.gz (level 9, its path, the build time)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, filename=str(site / "sitemap.xml.gz"), mode="wb", mtime=MTIME) as packed:
        packed.write(text.encode("utf-8"))
    return buffer.getvalue()


def _site(tmp_path: Path) -> Path:
    """A staged site with the sitemap as MkDocs writes it."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "sitemap.xml").write_text(SITEMAP, encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(_gzip_as_mkdocs(tmp_path, SITEMAP))
    return tmp_path


def test_unindexed_pages_leave_both_copies_of_the_sitemap(tmp_path: Path) -> None:
    site = _site(tmp_path)
    removed = drop_from_sitemap(site, ROOT, ["tien-do/", "tien-do/viec-can-lam/", "huong-dan/"])
    assert removed == [ROOT + "tien-do/", ROOT + "tien-do/viec-can-lam/"]
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "tien-do" not in text and "<loc>https://example.org/dcd/di-tich/lam-kinh/</loc>" in text
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset') and text.endswith("</url>\n</urlset>")
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == text
    assert int.from_bytes(packed[4:8], "little") == MTIME  # the build's time, not now
    (tmp_path / "mkdocs").mkdir()
    (tmp_path / "mkdocs" / "sitemap.xml").write_text(text, encoding="utf-8")
    assert packed == _gzip_as_mkdocs(tmp_path / "mkdocs", text)  # as if MkDocs had written it so


def test_the_rewritten_gzip_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    first, second = _site(tmp_path / "a"), _site(tmp_path / "b")
    for site in (first, second):
        drop_from_sitemap(site, ROOT, ["tien-do/"])
    assert (first / "sitemap.xml.gz").read_bytes() == (second / "sitemap.xml.gz").read_bytes()


def test_nothing_to_drop_leaves_the_files_untouched(tmp_path: Path) -> None:
    site = _site(tmp_path)
    before = {name: (site / name).read_bytes() for name in ("sitemap.xml", "sitemap.xml.gz")}
    assert drop_from_sitemap(site, ROOT, ["huong-dan/"]) == []
    assert {name: (site / name).read_bytes() for name in before} == before
    assert drop_from_sitemap(tmp_path / "no-sitemap", ROOT, ["tien-do/"]) == []
