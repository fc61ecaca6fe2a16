"""Reading spreadsheets as volunteers really save them, into rows of text cells.

Excel alone saves "CSV UTF-8" (with a BOM), "CSV" in the Windows code page (for
Vietnamese Windows-1258, whose tone marks are separate combining characters),
"Unicode Text" (UTF-16, tab-separated) and ``.xlsx``; regional settings turn the
comma into a semicolon; people rename an ``.xlsx`` to ``.csv``. We detect the
format from the bytes, the encoding with charset-normalizer (a maintained detector
that knows Windows-1258), and the delimiter from the header line, and read
``.xlsx`` with openpyxl. Anything else gets a message saying how to save the file.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import charset_normalizer

# A province has hundreds of sites; these bound memory and time on a hostile file.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # an .xlsx is a zip: refuse zip bombs before inflating
MAX_ROWS = 20_000
MAX_COLUMNS = 200
DELIMITERS = ",;\t"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected .xlsx
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class CsvImportError(Exception):
    """The spreadsheet as a whole cannot be imported; ``code`` is a message code."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass
class Table:
    """A spreadsheet read as text: column names and numbered rows.

    ``rows`` pairs the row number a spreadsheet program shows (the header is row 1)
    with the row's cells by column name; ``ignored`` names the columns with content
    that no known column name matched (``#5`` for the fifth column if it has no name).
    """

    path: Path
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    encoding: str | None = None  # None for .xlsx
    ignored: list[str] = field(default_factory=list)


def read_table(path: Path, known_columns: Iterable[str] = (), delimiter: str | None = None) -> Table:
    """Read ``path`` (CSV in any common encoding, or .xlsx) into a Table.

    Column names are matched case-insensitively after trimming. Raises CsvImportError
    for a file that cannot be read as a table (unreadable, too large, .xls/.ods, a
    column name used twice, malformed quoting); never another exception for bad bytes.
    """
    raw = _read_bytes(path)
    if raw.startswith(_ZIP_MAGIC):
        encoding, grid = None, _xlsx_rows(path, raw)
    elif raw.startswith(_OLE_MAGIC):
        raise CsvImportError("import.old_excel", path=str(path))
    else:
        encoding, text = _decode(path, raw)
        grid = _csv_rows(path, text, delimiter or sniff_delimiter(text))
    return _table(path, grid, encoding, set(known_columns))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CsvImportError("import.too_large", path=str(path), size=size, limit=MAX_FILE_BYTES)
        return path.read_bytes()
    except OSError as exc:
        raise CsvImportError("import.unreadable", path=str(path), reason=exc.strerror or str(exc)) from None


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """(encoding, text); text in NFC (Windows-1258 writes tones as combining marks)."""
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is None and _is_utf8(raw):
        encoding = "utf-8"
    if encoding is None:
        best = charset_normalizer.from_bytes(raw).best()
        if best is None:
            raise CsvImportError("import.not_text", path=str(path))
        encoding = best.encoding
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise CsvImportError("import.not_text", path=str(path)) from None
    if "\x00" in text:  # binary bytes that happened to decode
        raise CsvImportError("import.not_text", path=str(path))
    return encoding, unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def _is_utf8(raw: bytes) -> bool:
    # NUL is valid UTF-8 but no text has it, while UTF-16 without a BOM is full of them.
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(text: str) -> str:
    """The delimiter used in the header line: the candidate it contains most often.

    Column names never contain one, so the header says it plainly; csv.Sniffer's
    guess from whole rows is swayed by commas inside descriptions.
    """
    header = text.split("\n", 1)[0]
    counts = {candidate: header.count(candidate) for candidate in DELIMITERS}
    best = max(DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    # csv refuses cells over 131,072 characters; the file is already in memory and
    # bounded, so let any cell through and report long ones with their row instead.
    previous = csv.field_size_limit(max(limit, csv.field_size_limit()))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _csv_rows(path: Path, text: str, delimiter: str) -> list[list[str]]:
    # strict: a quote left open would otherwise swallow the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    started = [1]  # line where the row being read starts: where an unclosed quote opened

    def rows() -> Iterator[list[str]]:
        for cells in reader:
            yield cells
            started[0] = reader.line_num + 1

    try:
        with _field_limit(len(text) + 1):
            return _bounded(path, rows())
    except csv.Error as exc:
        raise CsvImportError("import.csv_syntax", path=str(path), line=started[0], problem=str(exc)) from None


def _bounded(path: Path, rows: Iterable[list[str]]) -> list[list[str]]:
    grid: list[list[str]] = []
    for cells in rows:
        if len(grid) > MAX_ROWS:
            raise CsvImportError("import.too_many_rows", path=str(path), limit=MAX_ROWS)
        grid.append(cells[:MAX_COLUMNS])
    return grid


def _xlsx_rows(path: Path, raw: bytes) -> list[list[str]]:
    """The first sheet of an .xlsx, each cell as the text a volunteer sees."""
    import openpyxl  # only for .xlsx: keeps CSV imports light
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
            if unzipped > MAX_UNZIPPED_BYTES:
                raise CsvImportError("import.too_large", path=str(path), size=unzipped, limit=MAX_UNZIPPED_BYTES)
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            return [[_cell_text(value) for value in row] for row in _bounded(path, (list(r) for r in rows))]
        finally:
            book.close()
    except CsvImportError:
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError, ValueError, OSError, TypeError,
            SyntaxError):  # SyntaxError: ElementTree's ParseError, e.g. expat refusing an entity bomb
        # Not a workbook openpyxl reads: .ods, .numbers, a damaged or hostile zip.
        raise CsvImportError("import.not_xlsx", path=str(path)) from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year typed as 2025 is stored as 2025.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))


def _column_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().lower()


def _table(path: Path, grid: list[list[str]], encoding: str | None, known: set[str]) -> Table:
    header = [_column_name(name) for name in grid[0]] if grid else []
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name and name in seen:
            raise CsvImportError("import.duplicate_column", path=str(path), column=name, first=seen[name], second=number)
        seen.setdefault(name, number)
    rows = [(number, {name: (cells[i] if i < len(cells) else "").strip() for i, name in enumerate(header) if name})
            for number, cells in enumerate(grid[1:], start=2)]
    return Table(path, [name for name in header if name], rows, encoding, _ignored(header, grid[1:], known))


def _ignored(header: list[str], body: list[list[str]], known: set[str]) -> list[str]:
    """Columns whose content the import would drop: unknown names, and unnamed columns with data."""
    width = max([len(header)] + [len(cells) for cells in body])
    ignored = []
    for index in range(width):
        name = header[index] if index < len(header) else ""
        if name and (not known or name in known):
            continue
        if name or any(index < len(cells) and cells[index].strip() for cells in body):
            ignored.append(name or f"#{index + 1}")
    return ignored
