"""The bundled font as plaque PDFs embed it: prepared once per font file, cut per document.

fpdf2 parses the whole TTF with fontTools for every document and runs fontTools' subsetter
at output: about 50 of the 75 ms a plaque PDF cost. Here fontTools does its work once per
font file (``prepare``): it drops hinting (print and PDF viewers rasterise at high
resolution; FreeType hints unhinted glyphs itself), the OpenType layout tables (plaque text
is NFC Vietnamese, drawn without shaping, as in ``typesetting``) and decomposes composite
glyphs, keeping every glyph id. The result is kept in the content cache by font bytes and
generator version (``plaque_fonts``).

A document then embeds only the glyphs it draws (``EmbeddedFont.program``): every glyph's
outline is an independent byte string in ``glyf``, so the per-document font is those byte
strings joined, a new ``loca`` and ``hmtx``, the other tables as prepared: no parsing, no
compiling, about 0.1 ms. The glyphs drawn are renumbered 1, 2, 3... in the order of their ids
in the font file, and the content stream names them by those numbers (``Identity-H``
encoding, ``CIDToGIDMap /Identity``).
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterable

from ..media.cache import cache_key, fill_entry
from .typesetting import FONT_FILES, font_path

PREPARED_NAME = "font.ttf"
KEPT_NAME_IDS = (1, 2, 3, 4, 6)  # family, style, unique id, full and PostScript names
HEAD_CHECKSUM_ADJUSTMENT = 8  # byte offset of checkSumAdjustment in 'head'
HEAD_LOCA_FORMAT = 50  # byte offset of indexToLocFormat (0: short offsets, 1: long)
HHEA_METRIC_COUNT = 34  # numberOfHMetrics
MAXP_GLYPH_COUNT = 4  # numGlyphs
CHECKSUM_MAGIC = 0xB1B0AFBA
# Copied into every document's font as prepared; glyf, loca, hmtx, head, hhea, maxp are made per document.
FIXED_TABLES = (b"OS/2", b"name", b"post")
KEPT_RUNS = 10_000


def prepare(source: bytes) -> bytes:
    """``source`` (TrueType bytes) without hinting, layout tables or composite glyphs,
    every glyph id kept; deterministic bytes."""
    from fontTools import subset
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    glyphs, glyph_set = font["glyf"], font.getGlyphSet()
    for name in font.getGlyphOrder():
        if glyphs[name].isComposite():
            recording = DecomposingRecordingPen(glyph_set)
            glyph_set[name].draw(recording)
            pen = TTGlyphPen(None)
            recording.replay(pen)
            glyphs[name] = pen.glyph()
    options = subset.Options(hinting=False, retain_gids=True, notdef_outline=True, layout_features=[],
                             name_IDs=list(KEPT_NAME_IDS), glyph_names=False, recalc_timestamp=False)
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG", "gasp"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font["post"].formatType = 3.0  # no glyph names: a PDF never asks for them
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


@dataclass(frozen=True)
class FontFacts:
    """What a PDF's FontDescriptor says, in 1/1000 em (PDF glyph space)."""

    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float


class EmbeddedFont:
    """A prepared TrueType font: glyph ids, advances and per-document font programs.

    Built from ``prepare``'s bytes; its font data never changes, so one instance serves
    every document of a process."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name  # PostScript name, e.g. BeVietnamPro-Bold
        self.tables: dict[bytes, bytes] = {}
        count = struct.unpack_from(">H", data, 4)[0]
        for index in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
            self.tables[tag] = data[offset:offset + length]
        head = self.tables[b"head"]
        self.units_per_em = struct.unpack_from(">H", head, 18)[0]
        glyph_count = struct.unpack_from(">H", self.tables[b"maxp"], MAXP_GLYPH_COUNT)[0]
        long_loca = struct.unpack_from(">h", head, HEAD_LOCA_FORMAT)[0] == 1
        offsets = struct.unpack(f">{glyph_count + 1}{'I' if long_loca else 'H'}", self.tables[b"loca"])
        offsets = offsets if long_loca else tuple(2 * offset for offset in offsets)
        glyf = self.tables[b"glyf"]
        self.outlines = [glyf[start:end] for start, end in zip(offsets, offsets[1:])]
        self.advances, self._metrics = self._horizontal_metrics(glyph_count)
        self.widths = [round(advance * 1000 / self.units_per_em) for advance in self.advances]
        self.glyph_of = self._cmap(data)
        # The character a glyph stands for in extracted text: the lowest that maps to it.
        self.char_of = {gid: char for char, gid in sorted(self.glyph_of.items(), reverse=True)}
        self._runs: dict[str, tuple[int, ...]] = {}  # the same lines recur on every plaque
        self.facts = self._facts()
        self._padded = [_pad(outline) for outline in self.outlines]
        self._sums = [_checksum(outline) for outline in self._padded]
        self._fixed = {tag: (body, _checksum(body)) for tag, body in self.tables.items() if tag in FIXED_TABLES}

    def _horizontal_metrics(self, glyph_count: int) -> tuple[list[int], list[bytes]]:
        """Advance of every glyph (font units) and its 4-byte ``hmtx`` record."""
        hmtx = self.tables[b"hmtx"]
        metric_count = struct.unpack_from(">H", self.tables[b"hhea"], HHEA_METRIC_COUNT)[0]
        advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metric_count)]
        advances += [advances[-1]] * (glyph_count - metric_count)  # the last advance repeats
        bearings = [hmtx[4 * i + 2:4 * i + 4] for i in range(metric_count)]
        bearings += [hmtx[4 * metric_count + 2 * i:4 * metric_count + 2 * i + 2] for i in range(glyph_count - metric_count)]
        return advances, [struct.pack(">H", advance) + bearing for advance, bearing in zip(advances, bearings)]

    def _cmap(self, data: bytes) -> dict[str, int]:
        """Character -> glyph id (fontTools reads the cmap; once per process)."""
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(data), lazy=True)
        ids = font.getReverseGlyphMap()
        return {chr(code): ids[name] for code, name in font.getBestCmap().items()}

    def _facts(self) -> FontFacts:
        scale = 1000 / self.units_per_em
        x_min, y_min, x_max, y_max = struct.unpack_from(">hhhh", self.tables[b"head"], 36)
        ascent, descent = struct.unpack_from(">hh", self.tables[b"hhea"], 4)
        os2 = self.tables[b"OS/2"]
        cap = struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else ascent
        italic = struct.unpack_from(">i", self.tables[b"post"], 4)[0] / 65536
        return FontFacts(tuple(round(v * scale) for v in (x_min, y_min, x_max, y_max)), round(ascent * scale),
                         round(descent * scale), round(cap * scale), italic)

    def glyphs(self, text: str) -> tuple[int, ...]:
        """Glyph ids of ``text``'s characters (0, .notdef, for one the font lacks)."""
        found = self._runs.get(text)
        if found is None:
            if len(self._runs) >= KEPT_RUNS:
                self._runs.clear()
            found = self._runs[text] = tuple(self.glyph_of.get(char, 0) for char in text)
        return found

    def program(self, gids: Iterable[int]) -> bytes:
        """A TrueType font of .notdef and ``gids`` (sorted ascending), numbered 0, 1, 2...

        Glyph ``gids[i]`` becomes glyph i + 1: a document's content stream names glyphs
        by these new numbers. No cmap: a PDF selects glyphs by CID (PDF 32000-1 §9.7.4.2)."""
        order = [0, *gids]
        glyf = b"".join(self._padded[gid] for gid in order)
        loca = struct.pack(f">{len(order) + 1}I", 0, *accumulate(len(self._padded[gid]) for gid in order))
        hmtx = b"".join(self._metrics[gid] for gid in order)
        head = bytearray(self.tables[b"head"])
        head[HEAD_CHECKSUM_ADJUSTMENT:HEAD_CHECKSUM_ADJUSTMENT + 4] = b"\0\0\0\0"
        head[HEAD_LOCA_FORMAT:HEAD_LOCA_FORMAT + 2] = b"\0\1"  # this loca is always long
        hhea = bytearray(self.tables[b"hhea"])
        struct.pack_into(">H", hhea, HHEA_METRIC_COUNT, len(order))
        maxp = bytearray(self.tables[b"maxp"])
        struct.pack_into(">H", maxp, MAXP_GLYPH_COUNT, len(order))
        tables = dict(self._fixed)
        tables[b"glyf"] = (glyf, sum(self._sums[gid] for gid in order) & 0xFFFFFFFF)
        for tag, body in ((b"loca", loca), (b"hmtx", hmtx), (b"head", bytes(head)), (b"hhea", bytes(hhea)), (b"maxp", bytes(maxp))):
            tables[tag] = (body, _checksum(body))
        return _assemble(tables)


def _assemble(tables: dict[bytes, tuple[bytes, int]]) -> bytes:
    """An sfnt file from (body, checksum) per tag, with head's checksum adjustment set."""
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    directory = [struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)]
    offset = 12 + 16 * count
    for tag in tags:
        body, checksum = tables[tag]
        directory.append(struct.pack(">4sIII", tag, checksum, offset, len(body)))
        offset += len(_pad(body))
    header = b"".join(directory)
    # The file's checksum is the sum of its 4-byte words: the directory's plus every padded table's.
    total = _checksum(header) + sum(checksum for _, checksum in tables.values())
    data = bytearray(header + b"".join(_pad(tables[tag][0]) for tag in tags))
    head_offset = struct.unpack_from(">I", data, 12 + 16 * tags.index(b"head") + 8)[0]
    struct.pack_into(">I", data, head_offset + HEAD_CHECKSUM_ADJUSTMENT, (CHECKSUM_MAGIC - total) & 0xFFFFFFFF)
    return bytes(data)


def _prepared(cache_dir: Path, weight: str) -> bytes:
    """``prepare`` of the bundled font of ``weight``, from the content cache when made before."""
    source = font_path(weight).read_bytes()
    key = cache_key(__name__, source, length=24)
    entry = cache_dir / key / PREPARED_NAME
    if not entry.is_file():
        fill_entry(cache_dir, key, lambda work: (work / PREPARED_NAME).write_bytes(prepare(source)),
                   lambda folder: (folder / PREPARED_NAME).is_file())
    return entry.read_bytes()


@lru_cache(maxsize=4)
def plaque_fonts(cache_dir: Path | None = None) -> dict[str, EmbeddedFont]:
    """The bundled fonts by weight, prepared for embedding; once per process and cache.

    ``cache_dir`` keeps the prepared fonts between runs (``prepare`` takes ~0.4 s a font);
    without one they are prepared in memory. Keyed by the font's bytes and the
    generator's version (``media.cache.cache_key``), so a new font or generator is
    prepared anew."""
    fonts = {}
    for weight, file_name in FONT_FILES.items():
        data = _prepared(cache_dir, weight) if cache_dir is not None else prepare(font_path(weight).read_bytes())
        fonts[weight] = EmbeddedFont(Path(file_name).stem, data)
    return fonts
