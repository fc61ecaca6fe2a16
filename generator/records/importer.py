"""``diachido import``: turn a spreadsheet (CSV) of sites into YAML records.

Columns follow ``sites/_import_template.csv`` (documented in README). A second CSV
can be joined on the ``id`` column (row handle) to add columns, as the sample data
does with its recognition file. Every row becomes a record only if it validates;
existing records are never overwritten.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..config import ProjectConfig
from .ids import next_free_id, record_ids
from .validate import field_name, load_sites
from .schema import Site
from .slugs import slugify
from ..files import SCHEMA_COMMENT

REQUIRED_COLUMNS = ("name_vi", "category", "description_vi")
RANKS = {
    "quốc gia đặc biệt": "special-national",
    "quốc gia": "national",
    "cấp tỉnh": "provincial",
    "chưa xếp hạng": "not-ranked",
    "không xếp hạng": "not-ranked",
    "": "unknown",
}
SOURCE_SEPARATOR = " | "
COORDS_PREFIX = "coords:"


@dataclass
class ImportOutcome:
    created: list[tuple[int, Path, str]] = field(default_factory=list)
    skipped: list[tuple[int, Path]] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)


class CsvImportError(Exception):
    """The CSV as a whole cannot be imported (missing columns, unreadable)."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


def read_rows(path: Path) -> list[dict[str, str]]:
    """One dict per spreadsheet row after the header, blank rows included (as all-empty
    dicts) so that list index + 2 is the row number a spreadsheet shows."""
    # utf-8-sig: Excel saves CSV with a BOM.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader, [])]
        return [{name: (cells[i] if i < len(cells) else "").strip() for i, name in enumerate(header) if name}
                for cells in reader]


def join_rows(rows: list[dict[str, str]], extra: list[dict[str, str]]) -> list[dict[str, str]]:
    """Add the columns of ``extra`` to ``rows`` matched on ``id``; the main file wins."""
    by_id = {row.get("id"): row for row in extra}
    return [{**by_id.get(row.get("id"), {}), **row} for row in rows]


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
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text  # the schema reports it, with the row number


def _location(row: dict[str, str], coords_source: str | None) -> dict[str, Any] | None:
    if not (row.get("lat") or row.get("lon")):
        return None
    return {
        "lat": _number(row.get("lat", "")),
        "lon": _number(row.get("lon", "")),
        "quality": row.get("coord_quality", "").replace("_", "-") or None,
        "source": coords_source or row.get("coord_source"),
    }


def row_to_record(row: dict[str, str], config: ProjectConfig, site_id: str, status: str) -> dict[str, Any]:
    sources, coords_source = _split_sources(row.get("sources", ""))
    year = row.get("year_recognised", "")
    record = {
        "id": site_id,
        "slug": row.get("slug") or row.get("key") or None,
        "status": status,
        "name": {"vi": row.get("name_vi"), "en": row.get("name_en")},
        "category": [c.strip() for c in row.get("category", "").split(";") if c.strip()],
        "rank": {
            "level": RANKS.get(row.get("rank", "").lower(), row.get("rank")),
            "decision": row.get("decision"),
            "year": int(year) if year.isdigit() else (year or None),
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


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{field_name(tuple(e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False))


def import_csv(config: ProjectConfig, csv_path: Path, join_path: Path | None = None, status: str = "draft") -> ImportOutcome:
    rows = read_rows(csv_path)
    if join_path is not None:
        rows = join_rows(rows, read_rows(join_path))
    missing = [c for c in REQUIRED_COLUMNS if rows and c not in rows[0]]
    if missing:
        raise CsvImportError("import.missing_columns", columns=", ".join(missing))
    existing = load_sites(config)
    taken_ids = {s.id for s in existing.sites}
    taken_slugs = {s.slug for s in existing.sites}
    outcome = ImportOutcome()
    assigned: list[tuple[str, str]] = []
    for row_number, row in enumerate(rows, start=2):  # row 1 is the header, as in a spreadsheet
        if not any(row.values()):
            continue  # a blank row
        site_id = next_free_id(config, taken_ids)
        data = row_to_record(row, config, site_id, status)
        try:
            site = Site.model_validate(data)
        except ValidationError as exc:
            outcome.rejected.append((row_number, _problems(exc)))
            continue
        slug = site.slug or slugify(site.name.vi)
        path = config.sites_dir / f"{slug}.yml"
        if path.exists() or slug in taken_slugs:
            outcome.skipped.append((row_number, path))
            continue
        write_record(path, data)
        taken_ids.add(site_id)
        taken_slugs.add(slug)
        assigned.append((site_id, slug))
        outcome.created.append((row_number, path, site_id))
    record_ids(config, assigned)
    return outcome


def write_record(path: Path, data: dict[str, Any]) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    # "x": never replace a file that appeared since we looked.
    with path.open("x", encoding="utf-8") as handle:
        handle.write(SCHEMA_COMMENT + "\n" + body)
