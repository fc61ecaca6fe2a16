"""One-page PDFs written directly: a content stream, the fonts' glyphs drawn, the images.

fpdf2 costs about 1 ms per document before any font work (its object model, then
per-document font parsing and subsetting: ~75 ms a plaque), and a build writes a plaque
PDF for every site. ``PageCanvas`` takes the same drawing calls as ``pdf.FpdfCanvas``
(``pdf.draw_plaque`` is the one drawing routine for both) and ``PageCanvas.pdf`` writes
the file: one page, fonts as CIDFontType2 (Identity-H) with only the glyphs drawn
(``pdf_font``), a ToUnicode map so text stays selectable and searchable, images as
Flate XObjects. The same input gives the same bytes: no timestamp, fixed object order.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Sequence, Union

from PIL import Image

from .pdf_font import EmbeddedFont
from .sizes import MM_PER_INCH, Colour

PT_PER_MM = 72 / MM_PER_INCH
PRODUCER = "diachido"
FONT_RESOURCES = {"regular": "F1", "bold": "F2"}

# A piece of the content stream: finished text, or (weight, glyph ids) whose numbers in
# the embedded font are known only once every glyph of the page is (``pdf_font.program``).
Piece = Union[str, tuple[str, tuple[int, ...]]]
HEX4 = [f"{number:04X}" for number in range(1024)]  # a page draws far fewer glyphs than this


def _n(value: float) -> str:
    """A number as PDF writes it: 2 decimals, no trailing zeros (fpdf2 writes the same 0.01 pt grid)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@lru_cache(maxsize=4096)
def _run(run: tuple[int, int, int]) -> str:
    row, column, length = run
    return f"{column} {row} {length} 1 re"


@lru_cache(maxsize=64)
def _colour(colour: Colour, operator: str) -> str:
    return " ".join(f"{channel / 255:.3f}".rstrip("0").rstrip(".") or "0" for channel in colour) + f" {operator}"


def _text_string(text: str) -> str:
    """A PDF text string (document information) as UTF-16BE hex with a byte order mark."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class PageCanvas:
    """Drawing calls in mm from the top left, as ``pdf.Canvas`` defines them."""

    def __init__(self, width: float, height: float, fonts: dict[str, EmbeddedFont]) -> None:
        self.width, self.height = width, height
        self.fonts = fonts
        self.pieces: list[Piece] = []
        self.images: list[Path] = []
        self.drawn: dict[str, set[int]] = {weight: set() for weight in fonts}  # glyph ids, per weight

    def _x(self, mm: float) -> str:
        return _n(mm * PT_PER_MM)

    def _y(self, mm: float) -> str:
        return _n((self.height - mm) * PT_PER_MM)

    def fill_rect(self, colour: Colour, x: float, y: float, w: float, h: float) -> None:
        self.pieces.append(f"{_colour(colour, 'rg')} {self._x(x)} {self._y(y)} {_n(w * PT_PER_MM)} {_n(-h * PT_PER_MM)} re f")

    def stroke_rect(self, colour: Colour, width: float, x: float, y: float, w: float, h: float) -> None:
        self.pieces.append(f"{_colour(colour, 'RG')} {_n(width * PT_PER_MM)} w "
                           f"{self._x(x)} {self._y(y)} {_n(w * PT_PER_MM)} {_n(-h * PT_PER_MM)} re S")

    def fill_runs(self, colour: Colour, x: float, y: float, cell: float, runs: Sequence[tuple[int, int, int]]) -> None:
        """One path of (row, column, length) runs of ``cell``-mm squares: cells are the unit."""
        scale = f"{cell * PT_PER_MM:.4f}".rstrip("0").rstrip(".")
        body = " ".join(map(_run, runs))
        self.pieces.append(f"q {_colour(colour, 'rg')} {scale} 0 0 -{scale} {self._x(x)} {self._y(y)} cm {body} f Q")

    def text(self, weight: str, size: float, colour: Colour, x: float, baseline: float, text: str) -> None:
        self.pieces.append(f"BT {_colour(colour, 'rg')} /{FONT_RESOURCES[weight]} {_n(size)} Tf "
                           f"{self._x(x)} {self._y(baseline)} Td")
        gids = self.fonts[weight].glyphs(text)
        self.drawn[weight].update(gids)
        self.pieces.append((weight, gids))
        self.pieces.append("Tj ET")

    def image(self, path: Path, x: float, y: float, w: float, h: float) -> None:
        """The image at ``path`` as large as fits the box, centred, its aspect kept."""
        width, height = _image(path)[0]
        scale = min(w / width, h / height)
        iw, ih = width * scale, height * scale
        name = f"Im{len(self.images) + 1}"
        self.images.append(path)
        left, top = x + (w - iw) / 2, y + (h - ih) / 2
        self.pieces.append(f"q {_n(iw * PT_PER_MM)} 0 0 {_n(ih * PT_PER_MM)} {self._x(left)} {self._y(top + ih)} cm /{name} Do Q")

    # --- the file ---------------------------------------------------------------

    def pdf(self, title: str) -> bytes:
        """The page as a complete PDF file."""
        used = {weight: sorted(drawn - {0}) for weight, drawn in self.drawn.items() if drawn - {0}}
        numbers = {weight: {0: HEX4[0], **{gid: HEX4[index] for index, gid in enumerate(gids, start=1)}}
                   for weight, gids in used.items()}
        content = "\n".join(piece if isinstance(piece, str) else "<" + "".join(map(numbers[piece[0]].__getitem__, piece[1])) + ">"
                            for piece in self.pieces)
        writer = _Writer()
        page_ref = 3
        writer.reserve(5)  # catalog, pages, page, contents, info
        font_refs = {weight: self._font_objects(writer, weight, gids) for weight, gids in used.items()}
        image_refs = [_image_objects(writer, path) for path in self.images]
        fonts = "".join(f"/{FONT_RESOURCES[weight]} {ref} 0 R " for weight, ref in font_refs.items())
        images = "".join(f"/Im{index} {ref} 0 R " for index, ref in enumerate(image_refs, start=1))
        box = f"[0 0 {_n(self.width * PT_PER_MM)} {_n(self.height * PT_PER_MM)}]"
        writer.put(1, "<< /Type /Catalog /Pages 2 0 R >>")
        writer.put(2, f"<< /Type /Pages /Kids [{page_ref} 0 R] /Count 1 /MediaBox {box} >>")
        writer.put(page_ref, f"<< /Type /Page /Parent 2 0 R /Resources << /Font << {fonts}>> /XObject << {images}>> >> /Contents 4 0 R >>")
        writer.put_stream(4, "", content.encode("ascii"))
        writer.put(5, f"<< /Title {_text_string(title)} /Producer ({PRODUCER}) /CreationDate (D:20250101000000Z) >>")
        return writer.finish(info=5)

    def _font_objects(self, writer: "_Writer", weight: str, gids: list[int]) -> int:
        """Type0 font -> CIDFontType2 -> descriptor -> font program, and its ToUnicode map."""
        font = self.fonts[weight]
        tag = "".join(chr(65 + byte % 26) for byte in hashlib.sha256(repr((weight, gids)).encode()).digest()[:6])
        name = f"{tag}+{font.name}"
        facts = font.facts
        data = font.program(gids)
        program = writer.put_stream(None, f"/Length1 {len(data)}", data)
        descriptor = writer.put(None, f"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{' '.join(map(str, facts.bbox))}] "
                                      f"/ItalicAngle {_n(facts.italic_angle)} /Ascent {facts.ascent} /Descent {facts.descent} "
                                      f"/CapHeight {facts.cap_height} /StemV 80 /FontFile2 {program} 0 R >>")
        widths = " ".join(str(font.widths[gid]) for gid in gids)
        cid_font = writer.put(None, f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                                    f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                                    f"/FontDescriptor {descriptor} 0 R /DW {font.widths[0]} /W [1 [{widths}]] /CIDToGIDMap /Identity >>")
        mapping = "".join(f"<{HEX4[index]}> <{_utf16(font.char_of[gid])}>\n" for index, gid in enumerate(gids, start=1))
        cmap = (f"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
                f"/Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                f"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{len(gids)} beginbfchar\n{mapping}endbfchar\n"
                f"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
        to_unicode = writer.put_stream(None, "", cmap.encode("ascii"))
        return writer.put(None, f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                                f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>")


@lru_cache(maxsize=4096)
def _utf16(char: str) -> str:
    return char.encode("utf-16-be").hex().upper()


@lru_cache(maxsize=8)
def _image(path: Path) -> tuple[tuple[int, int], bytes, bytes | None]:
    """(size, Flate-compressed RGB samples, compressed alpha or None) of an image file."""
    with Image.open(path) as source:
        image = source.convert("RGBA")
    alpha = image.getchannel("A")
    has_alpha = alpha.getextrema() != (255, 255)
    return image.size, zlib.compress(image.convert("RGB").tobytes()), zlib.compress(alpha.tobytes()) if has_alpha else None


def _image_objects(writer: "_Writer", path: Path) -> int:
    (width, height), samples, alpha = _image(path)
    common = f"/Type /XObject /Subtype /Image /Width {width} /Height {height} /BitsPerComponent 8"
    mask = ""
    if alpha is not None:
        mask_ref = writer.put_raw_stream(None, f"{common} /ColorSpace /DeviceGray /Filter /FlateDecode", alpha)
        mask = f" /SMask {mask_ref} 0 R"
    return writer.put_raw_stream(None, f"{common} /ColorSpace /DeviceRGB /Filter /FlateDecode{mask}", samples)


class _Writer:
    """Numbered objects, then the cross-reference table and trailer."""

    def __init__(self) -> None:
        self.objects: dict[int, bytes] = {}
        self.next = 1

    def reserve(self, count: int) -> None:
        self.next = max(self.next, count + 1)

    def put(self, number: int | None, body: str | bytes) -> int:
        if number is None:
            number, self.next = self.next, self.next + 1
        self.objects[number] = body.encode("ascii") if isinstance(body, str) else body
        return number

    def put_stream(self, number: int | None, extra: str, data: bytes) -> int:
        packed = zlib.compress(data, 6)
        return self.put_raw_stream(number, f"/Filter /FlateDecode {extra}".rstrip(), packed)

    def put_raw_stream(self, number: int | None, entries: str, data: bytes) -> int:
        return self.put(number, f"<< {entries} /Length {len(data)} >>\nstream\n".encode("ascii") + data + b"\nendstream")

    def finish(self, info: int) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number in range(1, self.next):
            offsets.append(out.tell())
            out.write(f"{number} 0 obj\n".encode("ascii") + self.objects[number] + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {self.next}\n0000000000 65535 f \n".encode("ascii"))
        out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii"))
        out.write(f"trailer\n<< /Size {self.next} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii"))
        return out.getvalue()
