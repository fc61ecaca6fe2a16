"""Load every site file and validate it into ``Site`` records, collecting every problem.

Checks within one file come from the schema; checks across files (duplicate ids and
slugs, province bounds, media files, sites suspiciously close together) live here.
"""

from __future__ import annotations

import difflib
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, get_args

from pydantic import BaseModel, ValidationError

from ..config import ProjectConfig
from .diagnostics import Diagnostic, Report, Severity
from .ids import next_free_id
from ..media import MEDIA_KINDS
from .scenes import check_scenes
from .schema import ANGLE_RANGES, Site
from .slugs import slugify
from .yaml_source import FieldPath, YamlDocument, YamlSourceError, load_yaml_file

if TYPE_CHECKING:
    from .kinds import RecordKind

MAX_MEDIA_BYTES = MEDIA_KINDS[0].max_bytes  # photos
NEARBY_METRES = 20.0
SITE_FILE_GLOB = "*.yml"


@dataclass(frozen=True)
class SiteRecord:
    """A valid site and where it came from (for messages and media paths)."""

    site: Site
    document: YamlDocument

    @property
    def path(self) -> Path:
        return self.document.path

    @property
    def folder(self) -> Path:
        return self.document.path.parent


@dataclass
class LoadResult:
    records: list[SiteRecord] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    files: int = 0
    # Valid records of the other kinds (tours, villages) by kind name; see kinds.load_project.
    others: dict[str, list["SiteRecord"]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.report.errors

    @property
    def sites(self) -> list[Site]:
        return [record.site for record in self.records]

    @property
    def published(self) -> list[Site]:
        return [record.site for record in self.records if record.site.is_published]

    def published_of(self, kind: str) -> list[Any]:
        """The published records of another kind, e.g. ``published_of("tour")``."""
        return [record.site for record in self.others.get(kind, []) if record.site.is_published]


def site_files(sites_dir: Path) -> list[Path]:
    """Every site record; files starting with ``_`` (the template) are not sites."""
    return sorted(
        path for path in sites_dir.rglob(SITE_FILE_GLOB) if not any(p.startswith("_") for p in path.relative_to(sites_dir).parts)
    )


def field_name(path: FieldPath) -> str:
    """``('images', 0, 'file')`` -> ``images[0].file``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# --- translating pydantic's errors -------------------------------------------------

_TYPE_CODES = {
    "string_type": "type.text",
    "int_type": "type.integer",
    "int_parsing": "type.integer",
    "int_from_float": "type.integer",
    "float_type": "type.number",
    "float_parsing": "type.number",
    "list_type": "type.list",
    "model_type": "type.mapping",
    "model_attributes_type": "type.mapping",
    "dict_type": "type.mapping",
    "date_type": "type.date",
    "date_parsing": "type.date",
    "date_from_datetime_parsing": "type.date",
    "date_from_datetime_inexact": "type.date",
}
_PATTERN_CODES = {"id": "id.format", "slug": "slug.format", "url": "url.scheme", "website": "url.scheme",
                  "site": "id.format", "scene": "slug.format"}
_RANGE_CODES = {"lat": "lat.range", "lon": "lon.range", "year": "year.range"}
_BOUND_ERRORS = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}


def _model_at(root: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The model class that holds the field at ``path`` of a ``root`` record, to list its allowed fields."""
    model = root
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        found = _first_model(info.annotation)
        if found is None:
            return None
        model = found
    return model


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _first_model(arg)
        if found:
            return found
    return None


def _describe(value: Any) -> Any:
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return type(value).__name__
    return value


def _unknown_field_hint(root: type[BaseModel], path: FieldPath) -> tuple[str, dict[str, Any]]:
    model = _model_at(root, path[:-1])
    allowed = sorted(model.model_fields) if model else []
    close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return "hint.did_you_mean", {"suggestion": close[0]}
    return "hint.allowed_fields", {"allowed": ", ".join(allowed)}


def _swap_hint(document: YamlDocument, location_path: FieldPath) -> bool:
    raw = document.data
    for part in location_path:
        raw = raw.get(part) if isinstance(raw, dict) else None
    if not isinstance(raw, dict):
        return False
    lat, lon = raw.get("lat"), raw.get("lon")
    return isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and abs(lon) <= 90 and abs(lat) <= 180


def _translate_error(error: dict[str, Any], document: YamlDocument, config: ProjectConfig, next_id: str,
                     root: type[BaseModel]) -> Diagnostic:
    """Map one pydantic error to a message code, parameters and position."""
    path: FieldPath = tuple(error["loc"])
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    last = path[-1] if path else ""
    params: dict[str, Any] = {"got": _describe(value)}
    position = document.position_of(path)
    if kind == "missing":
        code, params = "field.missing", {"name": last}
    elif kind == "extra_forbidden":
        position = document.key_position_of(path)
        hint_code, hint_params = _unknown_field_hint(root, path)
        code, params = "field.unknown", {"name": last, "hint": (hint_code, hint_params)}
    elif kind in _TYPE_CODES:
        code = _TYPE_CODES[kind]
    elif kind == "enum":
        code, params["allowed"] = "type.choice", ctx.get("expected", "")
    elif kind == "string_too_short":
        code = "text.empty"
    elif kind == "string_too_long":
        code, params = "text.too_long", {"length": len(str(value)), "limit": ctx.get("max_length")}
    elif kind == "too_short":
        code, params = "list.too_short", {"min": ctx.get("min_length", 1)}
    elif kind == "string_pattern_mismatch" and last in _PATTERN_CODES:
        code = _PATTERN_CODES[last]
        params.update(prefix=config.id_prefix, next_id=next_id, suggestion=slugify(str(value)) or "den-ba-trieu")
    elif kind in _BOUND_ERRORS and last in _RANGE_CODES:
        code = _RANGE_CODES[last]
        params.update(min=1945, max=2100, hint=("hint.swapped", {}) if _swap_hint(document, path[:-1]) else "")
    elif kind in _BOUND_ERRORS and last in ANGLE_RANGES:
        code = "angle.range"
        params.update(min=ANGLE_RANGES[last][0], max=ANGLE_RANGES[last][1])
    elif kind.startswith(("text.", "list.", "url.", "id.", "slug.", "stop.", "hotspot.")):
        code = kind
        params.update(ctx)
    else:
        code, params = "field.invalid", {"detail": error.get("msg", kind)}
    return Diagnostic(document.path, position.line, position.column, field_name(path), code, params)


# --- loading ------------------------------------------------------------------------------


def _validate(document: YamlDocument, config: ProjectConfig, next_id: str, model: type[BaseModel]) -> tuple[Any, list[Diagnostic]]:
    try:
        site = model.model_validate(document.data)
    except ValidationError as exc:
        return None, [_translate_error(e, document, config, next_id, model) for e in exc.errors(include_url=False)]
    if site.slug is None:
        derived = slugify(site.name.vi)
        if not derived:
            pos = document.position_of(("name", "vi"))
            return None, [Diagnostic(document.path, pos.line, pos.column, "slug", "slug.underivable")]
        site = site.model_copy(update={"slug": derived})
    return site, []


def _raw_ids(documents: Iterable[YamlDocument]) -> set[str]:
    return {doc.data["id"] for doc in documents if isinstance(doc.data.get("id"), str)}


def load_sites(config: ProjectConfig, paths: list[Path] | None = None) -> LoadResult:
    """Read and validate all site files; never raises for bad input."""
    from .kinds import SITE  # kinds imports this module for the site's cross-checks

    return load_records(config, SITE, paths)


def load_records(config: ProjectConfig, kind: "RecordKind", paths: list[Path] | None = None) -> LoadResult:
    """Read and validate every record of ``kind`` (or the given files); never raises for bad input.

    Each record's ``site`` is the validated ``kind.model``; problems carry file, line,
    column and field.
    """
    result = LoadResult()
    documents: list[YamlDocument] = []
    for path in paths if paths is not None else site_files(kind.folder_path(config)):
        result.files += 1
        try:
            documents.append(load_yaml_file(path))
        except YamlSourceError as exc:
            result.report.add(exc.diagnostic)
    # Suggested in messages about ids; one ledger read per run.
    next_id = next_free_id(config, _raw_ids(documents), kind.id_letter)
    for document in documents:
        site, problems = _validate(document, config, next_id, kind.model)
        result.report.extend(problems)
        if site is not None:
            result.records.append(SiteRecord(site, document))
    if kind.cross_check is not None:
        result.report.extend(kind.cross_check(result.records, config, next_id))
    return result


# --- checks across records -----------------------------------------------------------


def _at(record: SiteRecord, path: FieldPath, code: str, severity: Severity = Severity.ERROR, **params: Any) -> Diagnostic:
    position = record.document.position_of(path)
    return Diagnostic(record.path, position.line, position.column, field_name(path), code, params, severity)


def _relative(record: SiteRecord, config: ProjectConfig) -> str:
    return os.path.relpath(record.path, config.root)


def _check_unique(records: list[SiteRecord], config: ProjectConfig, next_id: str) -> Iterable[Diagnostic]:
    ids: dict[str, SiteRecord] = {}
    slugs: dict[str, SiteRecord] = {}
    for record in records:
        site = record.site
        first = ids.setdefault(site.id, record)
        if first is not record:
            yield _at(record, ("id",), "id.duplicate", value=site.id, other=_relative(first, config), next_id=next_id)
        first = slugs.setdefault(site.slug, record)
        if first is not record:
            yield _at(record, ("slug",), "slug.duplicate", value=site.slug, other=_relative(first, config))
    for record in records:
        for index, old in enumerate(record.site.former_slugs):
            owner = slugs.get(old)
            if owner is not None and owner is not record:
                yield _at(record, ("former_slugs", index), "slug.retired", value=old, other=_relative(owner, config))


def _check_prefix(record: SiteRecord, config: ProjectConfig) -> Iterable[Diagnostic]:
    if not record.site.id.startswith(config.id_prefix + "-"):
        yield _at(record, ("id",), "id.prefix", got=record.site.id, prefix=config.id_prefix)


def _check_bounds(record: SiteRecord, config: ProjectConfig) -> Iterable[Diagnostic]:
    location = record.site.location
    if location is not None:
        yield from point_outside(record, ("location", "lat"), location.lat, location.lon, config)


def point_outside(record: SiteRecord, where: FieldPath, lat: float, lon: float, config: ProjectConfig) -> Iterable[Diagnostic]:
    """A problem at ``where`` if (lat, lon) lies outside the province box (any record kind)."""
    bounds = config.bounds
    if bounds.contains(lat, lon):
        return
    hint = ("hint.swapped", {}) if bounds.contains(lon, lat) else ""
    yield _at(
        record, where, "location.outside", lat=lat, lon=lon,
        province=config.province, south=bounds.south, north=bounds.north, west=bounds.west, east=bounds.east, hint=hint,
    )


def _check_media(record: SiteRecord, root: Path) -> Iterable[Diagnostic]:
    """Every media kind's files: inside the site's folder, present, of a known type and
    size, and (for kinds that look inside) usable."""
    folder = record.folder.resolve()
    for kind in MEDIA_KINDS:
        for index, item in enumerate(getattr(record.site, kind.field, ())):  # kinds without it: none
            where = (kind.field, index, "file")
            try:
                target = (folder / item.file).resolve()
                target.is_file()
            except (OSError, ValueError):  # a name no file can have (a NUL byte, too long)
                yield _at(record, where, "media.missing", file=item.file, expected=folder / item.file)
                continue
            if Path(item.file).is_absolute() or not target.is_relative_to(folder):
                yield _at(record, where, "media.outside", file=item.file)
            elif target.suffix.lower() not in kind.suffixes:
                yield _at(record, where, "media.type", file=item.file, allowed=", ".join(kind.suffixes))
            elif not target.is_file():
                yield _at(record, where, "media.missing", file=item.file, expected=target)
            elif (size := target.stat().st_size) > kind.max_bytes:
                yield _at(record, where, "media.too_large", file=item.file, size_mb=round(size / 2**20, 1),
                          limit_mb=kind.max_bytes // 2**20)
            elif kind.check_content:
                for finding in kind.check_content(target, root):
                    severity = Severity.WARNING if finding.warning else Severity.ERROR
                    yield _at(record, where, finding.code, severity, file=item.file, **finding.params)


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), good to a fraction of a metre at these scales."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(a))


def _check_nearby(records: list[SiteRecord], config: ProjectConfig) -> Iterable[Diagnostic]:
    """Warn about site-level points within 20 m: probably one site entered twice.

    Commune centroids are skipped: sites in one commune share that point by design.
    A grid of ~0.001° cells keeps this linear for thousands of sites.
    """
    cell = 0.001
    grid: dict[tuple[int, int], list[SiteRecord]] = defaultdict(list)
    for record in records:
        location = record.site.location
        if location is None or location.quality.is_approximate:
            continue
        key = (math.floor(location.lat / cell), math.floor(location.lon / cell))
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid.get((key[0] + dx, key[1] + dy), ()):
                    o = other.site.location
                    metres = distance_metres(location.lat, location.lon, o.lat, o.lon)
                    if metres < NEARBY_METRES:
                        yield _at(record, ("location",), "sites.nearby", Severity.WARNING,
                                  distance=round(metres, 1), other=_relative(other, config))
        grid[key].append(record)


def cross_check(records: list[SiteRecord], config: ProjectConfig, next_id: str) -> list[Diagnostic]:
    problems = common_checks(records, config, next_id)
    for record in records:
        problems.extend(_check_bounds(record, config))
    problems.extend(_check_nearby(records, config))
    return problems


def common_checks(records: list[SiteRecord], config: ProjectConfig, next_id: str) -> list[Diagnostic]:
    """Checks every record kind needs: unique ids and slugs, the id prefix, and the media
    files (``MEDIA_KINDS``) and 360° scenes of the kinds that have them."""
    problems = list(_check_unique(records, config, next_id))
    sites = {record.site.id: record.site for record in records}
    for record in records:
        problems.extend(_check_prefix(record, config))
        problems.extend(_check_media(record, config.root))
        if "panoramas" in type(record.site).model_fields:
            problems.extend(_at(record, where, code, severity, **params)
                            for where, code, severity, params in check_scenes(record.site, sites))
    return problems
