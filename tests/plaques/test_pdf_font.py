"""The per-document font: a valid TrueType file holding exactly the glyphs drawn, with the
bundled font's outlines and advances, read back by fontTools (an independent reader)."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from generator.plaques.pdf_font import plaque_fonts
from generator.plaques.typesetting import font_path

TEXT = "Đền Bà Triệu Ỗ ữ 0123 ·"


def outline(font: TTFont, name: str) -> list:
    pen = RecordingPen()
    font.getGlyphSet()[name].draw(pen)
    return pen.value


def test_a_documents_font_has_only_its_glyphs_with_the_bundled_outlines(tmp_path: Path) -> None:
    embedded = plaque_fonts(tmp_path / "cache")["bold"]
    gids = sorted({embedded.glyph_of[char] for char in TEXT if not char.isspace()})
    program = TTFont(io.BytesIO(embedded.program(gids)), checkChecksums=2)  # a wrong checksum raises
    original = TTFont(font_path("bold"))
    assert program["maxp"].numGlyphs == len(gids) + 1  # .notdef first
    cmap = original.getBestCmap()
    order = program.getGlyphOrder()
    for char in TEXT.replace(" ", ""):
        number = gids.index(embedded.glyph_of[char]) + 1
        name = cmap[ord(char)]
        assert outline(program, order[number]) == outline(original, name), char
        assert program["hmtx"][order[number]][0] == original["hmtx"][name][0], char
    assert "fpgm" not in program and "GSUB" not in program  # hinting and layout tables stay out


def test_prepared_fonts_are_kept_in_the_cache_and_reused(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = plaque_fonts(cache)
    entries = sorted(cache.glob("*/font.ttf"))
    assert len(entries) == 2
    stamps = [path.stat().st_mtime_ns for path in entries]
    plaque_fonts.cache_clear()  # a new process
    again = plaque_fonts(cache)
    assert [path.stat().st_mtime_ns for path in entries] == stamps
    assert again["regular"].program([5, 9]) == first["regular"].program([5, 9])
