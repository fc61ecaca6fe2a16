"""``diachido import``: turn a spreadsheet of sites into YAML records.

``spreadsheet`` reads the file (CSV in any common encoding, or .xlsx); columns follow
``sites/_import_template.csv`` (documented in README). A second spreadsheet can be
joined on the ``id`` column (row handle) to add columns, as the sample data does with
its recognition file. All or nothing: every row is validated with check's messages
first, and records are written (with their ids in the ledger) only if none is
rejected; existing records are never overwritten.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..config import ProjectConfig
from ..files import SCHEMA_COMMENT
from ..i18n.labels import CATEGORY_LABELS, RANK_LABELS
from .diagnostics import Diagnostic
from .ids import ledger_path, next_free_id, record_ids
from .schema import Site
from .spreadsheet import CsvImportError, Table, read_table
from .validate import _validate, load_sites
from .yaml_source import YamlDocument

__all__ = ["CsvImportError", "ImportOutcome", "import_csv", "read_rows", "row_to_record"]

REQUIRED_COLUMNS = ("name_vi", "category", "description_vi")


def _names(labels: dict[Any, dict[str, str]]) -> dict[str, str]:
    """lower-case name -> code, for each code and its Vietnamese and English labels,
    with and without the leading "di tích" that spreadsheets often leave out."""
    names: dict[str, str] = {}
    for value, label in labels.items():
        for name in (value.value, label["vi"], label["en"]):
            name = unicodedata.normalize("NFC", name).lower()
            names[name] = names[name.removeprefix("di tích ")] = value.value
    return names


# What spreadsheets write in the rank and category columns: our codes or the words
# people use (the labels pages show, "quốc gia", "lịch sử").
RANKS = _names(RANK_LABELS) | {"không xếp hạng": "not-ranked", "": "unknown"}
CATEGORIES = _names(CATEGORY_LABELS) | {"kiến trúc - nghệ thuật": "architectural-artistic"}
SOURCE_SEPARATOR = " | "
COORDS_PREFIX = "coords:"
# Every column the import reads; others are reported, never silently dropped.
KNOWN_COLUMNS = frozenset({
    "id", "key", "slug", "name_vi", "name_en", "category", "rank", "decision", "year_recognised",
    "province", "district", "commune", "commune_2025", "commune_in_source", "village", "lat", "lon",
    "coord_quality", "coord_source", "description_vi", "description_en", "sources", "notes", "notes_vi", "notes_en",
})
# The longest text the schema allows (history Markdown); a longer cell is a mistake
# (often a whole document pasted into one cell) and is reported without echoing it.
MAX_CELL_CHARS = 50_000
_ASCII_YEAR = re.compile(r"^[0-9]{1,4}$")
_ASCII_NUMBER = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")


@dataclass
class ImportOutcome:
    """What an import did, by spreadsheet row number.

    ``rejected`` lists each bad row with all its problems (field, message code and
    parameters as Diagnostics); when it is not empty nothing was written
    (``written`` is False) and ``created`` lists what a clean run would create.
    """

    created: list[tuple[int, Path, str]] = field(default_factory=list)
    skipped: list[tuple[int, Path]] = field(default_factory=list)
    rejected: list[tuple[int, list[Diagnostic]]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    encodings: list[str] = field(default_factory=list)  # how each file was read; "xlsx" for a workbook
    written: bool = False


def read_rows(path: Path, delimiter: str | None = None) -> list[dict[str, str]]:
    """The rows of ``path`` after the header, as dicts by (lower-case) column name."""
    return [row for _, row in read_table(path, KNOWN_COLUMNS, delimiter).rows]


def join_rows(rows: list[tuple[int, dict[str, str]]], extra: Table) -> list[tuple[int, dict[str, str]]]:
    """Add the columns of ``extra`` to ``rows`` matched on ``id``; the main file wins."""
    if "id" not in extra.columns:
        raise CsvImportError("import.join_without_id", path=str(extra.path))
    by_id = {row.get("id"): row for _, row in extra.rows}
    return [(number, {**by_id.get(row.get("id"), {}), **row}) for number, row in rows]


def _clean(data: Any) -> Any:
    """Drop empty values so records stay short and optional fields stay absent."""
    if isinstance(data, dict):
        cleaned = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def _split_sources(text: str) -> tuple[list[dict[str, str]], str | None]:
    sources, coords = [], None
    for item in filter(None, (part.strip() for part in text.split(SOURCE_SEPARATOR))):
        if item.lower().startswith(COORDS_PREFIX):
            coords = item[len(COORDS_PREFIX):].strip()
        else:
            sources.append({"url": item})
    return sources, coords


def _number(text: str) -> float | str | None:
    """A decimal written with ASCII digits (comma or point); anything else goes to the
    schema as text, which reports it (float() would take "nan", "1e999" or "١٩")."""
    if not text:
        return None
    if _ASCII_NUMBER.match(text):
        return float(text.replace(",", "."))
    return text


def _location(row: dict[str, str], coords_source: str | None) -> dict[str, Any] | None:
    if not (row.get("lat") or row.get("lon")):
        return None
    return {
        "lat": _number(row.get("lat", "")),
        "lon": _number(row.get("lon", "")),
        "quality": row.get("coord_quality", "").replace("_", "-") or None,
        "source": coords_source or row.get("coord_source"),
    }


def _choice(names: dict[str, str], cell: str) -> str:
    """The code a cell names (see RANKS, CATEGORIES); an unknown cell goes to the schema as
    typed, which reports it with the allowed codes."""
    text = unicodedata.normalize("NFC", cell.strip())
    return names.get(text.lower(), text)


def row_to_record(row: dict[str, str], config: ProjectConfig, site_id: str, status: str) -> dict[str, Any]:
    sources, coords_source = _split_sources(row.get("sources", ""))
    year = row.get("year_recognised", "")
    record = {
        "id": site_id,
        "slug": row.get("slug") or row.get("key") or None,
        "status": status,
        "name": {"vi": row.get("name_vi"), "en": row.get("name_en")},
        "category": [_choice(CATEGORIES, c) for c in row.get("category", "").split(";") if c.strip()],
        "rank": {
            "level": _choice(RANKS, row.get("rank", "")),
            "decision": row.get("decision"),
            # isdigit() is true for "²"; only ASCII digits are a year, the schema reports the rest.
            "year": int(year) if _ASCII_YEAR.match(year) else (year or None),
        },
        "location": _location(row, coords_source),
        "address": {
            "province": row.get("province") or config.province,
            "commune": row.get("commune_2025"),
            "village": row.get("village"),
            "former": {
                "district": row.get("district"),
                "commune": row.get("commune"),
                "commune_in_sources": row.get("commune_in_source"),
            },
        },
        "summary": {"vi": row.get("description_vi"), "en": row.get("description_en")},
        "sources": sources,
        "notes": {"vi": row.get("notes_vi"), "en": row.get("notes") or row.get("notes_en")},
    }
    return _clean(record)


# The record field each column fills (row_to_record), for messages in the spreadsheet's words.
FIELD_COLUMNS = {
    ("slug",): "slug", ("name", "vi"): "name_vi", ("name", "en"): "name_en", ("category",): "category",
    ("rank", "level"): "rank", ("rank", "decision"): "decision", ("rank", "year"): "year_recognised",
    ("location",): "lat, lon", ("location", "lat"): "lat", ("location", "lon"): "lon",
    ("location", "quality"): "coord_quality", ("location", "source"): "coord_source",
    ("address", "province"): "province", ("address", "commune"): "commune_2025", ("address", "village"): "village",
    ("address", "former", "district"): "district", ("address", "former", "commune"): "commune",
    ("address", "former", "commune_in_sources"): "commune_in_source", ("summary", "vi"): "description_vi",
    ("summary", "en"): "description_en", ("sources",): "sources", ("notes", "vi"): "notes_vi",
    ("notes", "en"): "notes_en",
}


def _column_of(field_name: str) -> str:
    """The column behind a record field ("sources[0].url" -> "sources"), else the field."""
    parts = tuple(re.sub(r"\[\d+\]", "", field_name).split("."))
    for end in range(len(parts), 0, -1):
        if (column := FIELD_COLUMNS.get(parts[:end])) is not None:
            return column
    return field_name


def _long_cells(row: dict[str, str], path: Path) -> list[Diagnostic]:
    return [Diagnostic(path, 0, 0, column, "import.cell_too_long", {"length": len(text), "limit": MAX_CELL_CHARS})
            for column, text in row.items() if len(text) > MAX_CELL_CHARS]


def _validate_row(row: dict[str, str], data: dict[str, Any], config: ProjectConfig, path: Path,
                  next_id: str) -> tuple[Site | None, list[Diagnostic]]:
    """The record a row makes, or every problem with it (the same messages as ``check``)."""
    too_long = _long_cells(row, path)
    if too_long:
        return None, too_long
    from .kinds import SITE  # kinds imports the loader; imported here as load_sites does

    site, problems = _validate(YamlDocument(path, data), config, next_id, SITE)
    return site, [replace(problem, field=_column_of(problem.field)) for problem in problems]


@dataclass
class _Planned:
    row: int
    path: Path
    site_id: str
    slug: str
    data: dict[str, Any]


def import_csv(config: ProjectConfig, csv_path: Path, join_path: Path | None = None, status: str = "draft",
               delimiter: str | None = None) -> ImportOutcome:
    """Turn every row of ``csv_path`` (CSV in any common encoding, or .xlsx) into a record.

    All or nothing: every row is validated first; if any is rejected, nothing is
    written and ``outcome.rejected`` lists each bad row with all its problems. Rows
    whose file already exists are skipped, never overwritten. Raises CsvImportError
    for a file that cannot be read as a table, or a write that fails (then nothing
    of this run is left behind and the id ledger is as it was).
    """
    table = read_table(csv_path, KNOWN_COLUMNS, delimiter)
    outcome = ImportOutcome(ignored_columns=list(table.ignored), encodings=[table.encoding or "xlsx"])
    rows, columns = table.rows, set(table.columns)
    if join_path is not None:
        extra = read_table(join_path, KNOWN_COLUMNS, delimiter)
        rows, columns = join_rows(rows, extra), columns | set(extra.columns)
        outcome.ignored_columns += [name for name in extra.ignored if name not in outcome.ignored_columns]
        outcome.encodings.append(extra.encoding or "xlsx")
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CsvImportError("import.missing_columns", columns=", ".join(missing))
    planned = _plan(config, csv_path, rows, status, outcome)
    if not outcome.rejected:
        _write_all(config, planned)
        outcome.written = True
    return outcome


def _plan(config: ProjectConfig, csv_path: Path, rows: list[tuple[int, dict[str, str]]], status: str,
          outcome: ImportOutcome) -> list[_Planned]:
    """Validate every row and decide its file and id, writing nothing."""
    existing = load_sites(config)
    taken_ids = {s.id for s in existing.sites}
    taken_slugs = {s.slug for s in existing.sites}
    planned: list[_Planned] = []
    for row_number, row in rows:
        if not any(row.values()):
            continue  # a blank row
        site_id = next_free_id(config, taken_ids)
        data = row_to_record(row, config, site_id, status)
        site, problems = _validate_row(row, data, config, csv_path, site_id)
        if site is None:
            outcome.rejected.append((row_number, problems))
            continue
        slug = site.slug  # derived from the name by validation when the row gives none
        path = config.sites_dir / f"{slug}.yml"
        if path.exists() or slug in taken_slugs:
            outcome.skipped.append((row_number, path))
            continue
        taken_ids.add(site_id)
        taken_slugs.add(slug)
        planned.append(_Planned(row_number, path, site_id, slug, data))
        outcome.created.append((row_number, path, site_id))
    return planned


def _write_all(config: ProjectConfig, planned: list[_Planned]) -> None:
    """Ledger first, then the files; on any failure undo both, so that a record never
    exists without its id in the ledger and a failed run leaves nothing behind."""
    ledger = ledger_path(config)
    ledger_size = ledger.stat().st_size if ledger.is_file() else None
    written: list[Path] = []
    current = ledger
    try:
        record_ids(config, [(item.site_id, item.slug) for item in planned])
        for item in planned:
            current = item.path
            write_record(item.path, item.data)
            written.append(item.path)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        _restore_ledger(ledger, ledger_size)
        raise CsvImportError("import.write_failed", path=str(exc.filename or current),
                             reason=exc.strerror or str(exc)) from None


def _restore_ledger(ledger: Path, size: int | None) -> None:
    try:
        if size is None:
            ledger.unlink(missing_ok=True)
        else:
            os.truncate(ledger, size)
    except OSError:
        pass  # ids recorded but unused are harmless: they are never handed out again


def write_record(path: Path, data: dict[str, Any]) -> None:
    """Write a new record file; never replaces a file, never leaves a partial one."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    # "x": never replace a file that appeared since we looked.
    with path.open("x", encoding="utf-8") as handle:
        try:
            handle.write(SCHEMA_COMMENT + "\n" + body)
            handle.flush()
        except OSError:
            handle.close()
            path.unlink(missing_ok=True)
            raise
