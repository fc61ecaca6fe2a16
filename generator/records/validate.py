"""Load every site file and validate it into ``Site`` records, collecting every problem.

Checks within one file come from the schema; checks across files (ids against each
other, the ledger and the printed plaques; every URL path; province bounds; media
files; sites suspiciously close together) live here and in ``identity``,
``namespace`` and ``places``.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from pydantic import ValidationError

from .. import urls
from ..config import ProjectConfig
from ..media import MEDIA_KINDS, MediaKind
from .diagnostics import Diagnostic, FieldPath, Report, Severity, field_name
from .identity import IdContext, check_identity, id_context
from .media_place import PlaceProblem, locate
from .publishing import published_checks
from .namespace import Claim, collisions, generator_claims
from .pydantic_errors import translate_error
from .scenes import check_scenes
from .schema import Site
from .slugs import slugify
from .record_cache import FileOutcome, OutcomeCache
from .yaml_source import YamlDocument, YamlSourceError, parse_yaml, read_yaml_bytes, yaml_text

if TYPE_CHECKING:
    from .kinds import RecordKind

__all__ = ["LoadResult", "SiteRecord", "field_name", "load_records", "load_sites", "site_files"]

NEARBY_METRES = 20.0
# Records are YAML files; editors and phones save them as .yml, .yaml, .YML...
RECORD_SUFFIXES = (".yml", ".yaml")


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

    def at(self, where: FieldPath, code: str, severity: Severity = Severity.ERROR, **params: Any) -> Diagnostic:
        """A problem with the field at ``where``, positioned where the file has it."""
        position = self.document.position_of(where)
        return Diagnostic(self.path, position.line, position.column, field_name(where), code, params, severity)


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
    """Every site record (``.yml``/``.yaml`` in any case) in ``sites_dir`` and its folders
    (not through links to folders), in path order; names starting with ``_`` (the template,
    the ledger) are not sites. ``os.scandir`` knows each type without a ``stat``."""
    found: list[tuple[str, ...]] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        parts = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(sites_dir, *parts)))
        except OSError:  # unreadable or gone: as rglob, nothing from there
            continue
        for entry in entries:
            if entry.name.startswith("_"):
                continue
            if entry.is_dir() and not entry.is_symlink():
                pending.append(parts + (entry.name,))
            elif os.path.splitext(entry.name)[1].lower() in RECORD_SUFFIXES and entry.is_file():
                found.append(parts + (entry.name,))
    found.sort(key=lambda parts: tuple(map(os.path.normcase, parts)))  # the order of the paths themselves
    return [sites_dir.joinpath(*parts) for parts in found]


# --- loading ------------------------------------------------------------------------------


def _validated(document: YamlDocument, kind: "RecordKind") -> Any:
    """``document`` as the kind's model with its slug, or None if the name gives no slug;
    ValidationError if the schema refuses it."""
    site = kind.model.model_validate(document.data)
    if site.slug is None:
        derived = slugify(site.name.vi)
        if not derived:
            return None
        site = site.model_copy(update={"slug": derived})
    return site


def _validate(document: YamlDocument, config: ProjectConfig, next_id: str,
              kind: "RecordKind") -> tuple[Any, list[Diagnostic]]:
    try:
        site = _validated(document, kind)
    except ValidationError as exc:
        return None, [translate_error(e, document, config, next_id, kind.model, kind.template)
                      for e in exc.errors(include_url=False)]
    if site is None:
        pos = document.position_of(("name", "vi"))
        return None, [Diagnostic(document.path, pos.line, pos.column, "slug", "slug.underivable")]
    return site, []


def _outcome(path: Path, raw: bytes, config: ProjectConfig, kind: "RecordKind") -> FileOutcome:
    """What the file at ``path`` (holding ``raw``) yields on its own (``record_cache``)."""
    try:
        document = parse_yaml(path, yaml_text(path, raw))
    except YamlSourceError as exc:
        return FileOutcome(None, problems=[_with_template_hint(exc.diagnostic, kind)])
    try:
        site = _validated(document, kind)
    except ValidationError:
        site = None
    if site is None:
        return FileOutcome(document)
    record, problems = SiteRecord(site, document), []
    if kind.complete is not None:
        record, problems = kind.complete(record, config)
    return FileOutcome(document, record, problems)


def _raw_ids(documents: Iterable[YamlDocument]) -> set[str]:
    return {doc.data["id"] for doc in documents if isinstance(doc.data.get("id"), str)}


def _file_outcome(path: Path, config: ProjectConfig, kind: "RecordKind", cache: OutcomeCache) -> FileOutcome:
    try:
        raw = read_yaml_bytes(path)
    except YamlSourceError as exc:
        return FileOutcome(None, problems=[exc.diagnostic])
    return cache.outcome(path, raw, lambda: _outcome(path, raw, config, kind))


def load_sites(config: ProjectConfig, paths: list[Path] | None = None) -> LoadResult:
    """Read and validate all site files; never raises for bad input."""
    from .kinds import SITE  # kinds imports this module for the site's cross-checks

    return load_records(config, SITE, paths)


def load_records(config: ProjectConfig, kind: "RecordKind", paths: list[Path] | None = None) -> LoadResult:
    """Read and validate every record of ``kind`` (or the given files); never raises for bad input.

    Each record's ``site`` is the validated ``kind.model``; problems carry file, line,
    column and field. What each file yields on its own (parsed, validated, completed by
    the kind's ``complete`` step) comes from ``record_cache`` when the file, settings and
    generator are unchanged; the checks across files run every time.
    """
    result = LoadResult()
    cache = OutcomeCache(config, kind)
    outcomes = [_file_outcome(path, config, kind, cache)
                for path in (paths if paths is not None else site_files(kind.folder_path(config)))]
    cache.save(every_file=paths is None)  # before the checks below bind media files to the records
    result.files = len(outcomes)
    parsed = [outcome for outcome in outcomes if outcome.document is not None]
    for outcome in outcomes:
        if outcome.document is None:
            result.report.extend(outcome.problems)
    ids = id_context(config, _raw_ids(outcome.document for outcome in parsed), kind.id_letter)  # one ledger and registry read per run
    result.report.extend(ids.problems)
    for outcome in parsed:
        if outcome.record is None:
            result.report.extend(_validate(outcome.document, config, ids.next_id, kind)[1])
        else:
            result.records.append(outcome.record)
    for outcome in parsed:
        result.report.extend(outcome.problems)
    if kind.cross_check is not None:
        result.report.extend(kind.cross_check(result.records, config, ids))
    return result


# A file that is not a record at all: its message sends the volunteer to the kind's template.
_TEMPLATE_HINTS = {"file.empty": "hint.copy_template", "yaml.not_mapping": "hint.like_template"}


def _with_template_hint(diagnostic: Diagnostic, kind: "RecordKind") -> Diagnostic:
    hint = _TEMPLATE_HINTS.get(diagnostic.code)
    if hint is None:
        return diagnostic
    return replace(diagnostic, params={**diagnostic.params, "hint": (hint, {"template": kind.template})})


# --- checks across records -----------------------------------------------------------


def _relative(record: SiteRecord, config: ProjectConfig) -> str:
    return os.path.relpath(record.path, config.root)


def _check_ids_unique(records: list[SiteRecord], config: ProjectConfig, next_id: str) -> Iterable[Diagnostic]:
    ids: dict[str, SiteRecord] = {}
    for record in records:
        first = ids.setdefault(record.site.id, record)
        if first is not record:
            yield record.at(("id",), "id.duplicate", value=record.site.id, other=_relative(first, config), next_id=next_id)


def site_claims(record: SiteRecord, page_dir: str) -> list[tuple[Claim, FieldPath]]:
    """The paths one record's pages take, each with the field that wants it: its page,
    its English page, its permanent ``s/<ID>/`` address and a copy at each former slug (in
    its kind's page folder ``page_dir``). Claims carry no position (``_check_paths``
    finds it for the few it reports)."""
    site = record.site
    slug_field: FieldPath = ("slug",) if "slug" in record.document.data else ("name", "vi")
    slug_name = field_name(slug_field)
    claims = [(Claim(urls.record_page_path(page_dir, site.slug, lang), record.path, slug_name), slug_field)
              for lang in (urls.DEFAULT_LANGUAGE, "en")]
    claims.append((Claim(urls.short_path(site.id), record.path, "id"), ("id",)))
    claims += [(Claim(urls.record_page_path(page_dir, old), record.path, f"former_slugs[{index}]"),
                ("former_slugs", index)) for index, old in enumerate(site.former_slugs)]
    return claims


def _check_paths(records: list[SiteRecord], config: ProjectConfig) -> Iterable[Diagnostic]:
    """One namespace for every path the build writes; the generator's own come first.

    Two records with one id are reported by ``_check_ids_unique`` (with the next free id).
    """
    from .kinds import KINDS  # kinds imports this module

    page_dirs = {kind.model: kind.page_dir for kind in KINDS.values()}
    claims = generator_claims()
    wanted_by: dict[int, tuple[SiteRecord, FieldPath]] = {}  # a record's claim -> where that record wants it
    for record in records:
        for claim, where in site_claims(record, page_dirs.get(type(record.site), urls.SITE_PAGES_DIR)):
            claims.append(claim)
            wanted_by[id(claim)] = record, where
    reported: set[tuple[Path, str, Path]] = set()
    for found in collisions(claims):
        claim, other = found.claim, found.other
        if claim.field == other.field == "id" or (claim.owner, claim.field, other.owner) in reported:
            continue  # the English twin of a reported clash says nothing new
        reported.add((claim.owner, claim.field, other.owner))
        code = "url.taken" if id(other) in wanted_by else "url.reserved"
        shown = os.path.relpath(other.owner, config.root) if other.owner.is_absolute() else other.owner.as_posix()
        record, where = wanted_by[id(claim)]
        line, column = record.document.position_of(where)
        yield Diagnostic(claim.owner, line, column, claim.field, code,
                         {"path": claim.path, "other": shown, "other_field": other.field})


def _check_prefix(record: SiteRecord, config: ProjectConfig) -> Iterable[Diagnostic]:
    if not record.site.id.startswith(config.id_prefix + "-"):
        yield record.at(("id",), "id.prefix", got=record.site.id, prefix=config.id_prefix)


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
    yield record.at(
        where, "location.outside", lat=lat, lon=lon,
        province=config.province, south=bounds.south, north=bounds.north, west=bounds.west, east=bounds.east, hint=hint,
    )


def _resolve_media(record: SiteRecord, where: FieldPath, name: str, kind: MediaKind) -> Path | Diagnostic:
    """The one file ``name`` stands for (symlinks followed), or why there is none: it
    must be inside the record's folder, of one of ``kind``'s types and within its size."""
    try:
        target = locate(record.folder, name, kind.suffixes)
    except PlaceProblem as problem:
        return record.at(where, problem.code, **problem.params)
    if (size := target.stat().st_size) > kind.max_bytes:
        return record.at(where, "media.too_large", file=name, size_mb=round(size / 2**20, 1), limit_mb=kind.max_bytes // 2**20)
    return target


def _check_media(record: SiteRecord, root: Path) -> Iterable[Diagnostic]:
    """Every media kind's files (``MEDIA_KINDS``; a record kind without the field has
    none): resolve each once, look inside it as the build will, and bind the resolved
    path to the item, so the build reads exactly the file that was checked. A file with
    an error stays unbound; warnings (a panorama's ratio) do not stop the binding."""
    for kind in MEDIA_KINDS:
        for index, item in enumerate(getattr(record.site, kind.field, ())):
            where = (kind.field, index, "file")
            target = _resolve_media(record, where, item.file, kind)
            if isinstance(target, Diagnostic):
                yield target
                continue
            findings = kind.check_content(target, root) if kind.check_content else []
            for finding in findings:
                severity = Severity.WARNING if finding.warning else Severity.ERROR
                yield record.at(where, finding.code, severity, file=item.file, **finding.params)
            if all(finding.warning for finding in findings):
                item.bind_source(target)


def _check_location(record: SiteRecord) -> Iterable[Diagnostic]:
    """A published site without a point builds (it has no map marker): say so."""
    if record.site.is_published and record.site.location is None:
        yield record.at(("location",), "location.absent", Severity.WARNING)


def _check_scenes(records: list[SiteRecord]) -> Iterable[Diagnostic]:
    """Each site's 360° scenes and the hotspots between them and to other sites."""
    sites = {record.site.id: record.site for record in records}
    for record in records:
        for where, code, severity, params in check_scenes(record.site, sites):
            yield record.at(where, code, severity, **params)


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
                        yield record.at(("location",), "sites.nearby", Severity.WARNING,
                                  distance=round(metres, 1), other=_relative(other, config))
        grid[key].append(record)


def cross_check(records: list[SiteRecord], config: ProjectConfig, ids: IdContext) -> list[Diagnostic]:
    problems = common_checks(records, config, ids)
    for record in records:
        problems.extend(_check_bounds(record, config))
        problems.extend(_check_location(record))
    problems.extend(_check_scenes(records))
    problems.extend(_check_nearby(records, config))
    problems.extend(published_checks(records, config))
    from ..media.audio_check import check_narration  # late: it imports this module

    problems.extend(check_narration(records, config))
    return problems


def common_checks(records: list[SiteRecord], config: ProjectConfig, ids: IdContext) -> list[Diagnostic]:
    """Checks every record kind needs: unique ids, ids against the ledger and the printed
    plaques, the paths its pages take, the id prefix, and the files of every media kind
    (``MEDIA_KINDS``) it has."""
    problems = list(_check_ids_unique(records, config, ids.next_id))
    problems.extend(check_identity(records, ids))
    problems.extend(_check_paths(records, config))
    for record in records:
        problems.extend(_check_prefix(record, config))
        problems.extend(_check_media(record, config.root))
    return problems
