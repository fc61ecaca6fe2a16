"""Commune and district names against the official list (Vietnam's 1 July 2025 reform).

Volunteers write names the way their sources do: pre-2025 units, and old or new
tone-mark placement ("Thanh Hoá" and "Thanh Hóa" are one province). ``place_key``
makes both one key; a name the official list knows (in either placement) is stored in
the list's spelling, so pages and lists show one name. An unknown name is a warning
with the closest official one. A record without today's commune gets it from its
former commune when the reform kept that commune whole (the volunteer is told).

The official lists are the GSO names shipped with ``vietnamadminunits`` (MIT), read
from its SQLite data file and its 2025 conversion table: offline, and without importing
its parser (which loads geocoding libraries and takes seconds; given a street it would
even geocode over the network).
"""

from __future__ import annotations

import difflib
import json
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .diagnostics import Diagnostic, Severity
from .schema import Address, FormerAddress
from .slugs import fold_diacritics

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from .validate import SiteRecord

_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


@lru_cache(maxsize=8192)  # a province repeats its few hundred names in thousands of records
def place_key(name: str) -> str:
    """One key for every spelling of a name: case, spacing and where the tone mark
    sits (``Hoá``/``Hóa``) do not matter; the tone itself and the letters do."""
    words = []
    for word in unicodedata.normalize("NFD", name.casefold()).split():
        tones = "".join(_TONES[ch] for ch in word if ch in _TONES)
        words.append("".join(ch for ch in word if ch not in _TONES) + tones)
    return unicodedata.normalize("NFC", " ".join(words))


@lru_cache(maxsize=8192)
def _compact(name: str) -> str:
    """The data files' own key: ``Xã Lam Sơn`` -> ``xalamson``."""
    return "".join(ch for ch in fold_diacritics(name).casefold() if ch.isalnum())


@dataclass
class OfficialNames:
    """One province's units: today's communes, former districts and their communes."""

    communes: "Level" = field(default_factory=lambda: Level())
    districts: "Level" = field(default_factory=lambda: Level())
    former_communes: dict[str, "Level"] = field(default_factory=dict)  # by the district's place_key
    successor: dict[tuple[str, str], str] = field(default_factory=dict)  # (district, commune) compact -> today's


def _data_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("vietnamadminunits")
    return Path(spec.origin).parent / "data" if spec and spec.origin else Path("/nonexistent")


# The package's SQLite copy of the lists: one province's rows in milliseconds, where its
# JSON files take a second to parse.
_TODAY_SQL = ("SELECT provinceKey, ward, wardShort, wardKeywords, wardKey FROM admin_units"
              " WHERE ? IN (provinceKey, provinceShortKey)")
_LEGACY_SQL = ("SELECT district, districtShort, districtKeywords, districtKey, ward, wardShort, wardKeywords, wardKey"
               " FROM admin_units_legacy WHERE ? IN (provinceKey, provinceShortKey)")


def _rows(sql: str, province: str) -> list[sqlite3.Row]:
    database = sqlite3.connect(f"file:{_data_dir() / 'dataset.db'}?mode=ro", uri=True)
    try:
        database.row_factory = sqlite3.Row
        return database.execute(sql, (_compact(province),)).fetchall()
    finally:
        database.close()


def _unit(row: sqlite3.Row, level: str) -> dict:
    return {level: row[level], level + "Short": row[level + "Short"], level + "Keywords": json.loads(row[level + "Keywords"] or "[]")}


@dataclass(frozen=True)
class Unit:
    spelling: str  # the official spelling of the form the volunteer used (full or short)
    full: str  # the full official name, e.g. "Xã Lam Sơn"


@dataclass
class Level:
    """The units of one level (today's communes, former districts, one former district's
    communes) by ``place_key`` of the full and the short name; older names by ``_ALIAS``."""

    units: dict[str, Unit] = field(default_factory=dict)
    _folded: dict[str, str] | None = field(default=None, repr=False)
    _closest: dict[str, str | None] = field(default_factory=dict, repr=False)

    def find(self, value: str) -> Unit | None:
        """The unit ``value`` names, in the official spelling (an older name stays as written)."""
        found = self.units.get(place_key(value)) or self.units.get(_ALIAS + _compact(value))
        return Unit(value, found.full) if found is not None and not found.spelling else found

    def closest(self, value: str) -> str | None:
        """The official name most like ``value`` (remembered: a province repeats its names)."""
        if value not in self._closest:
            if self._folded is None:
                self._folded = {fold_diacritics(u.spelling).casefold(): u.spelling for u in self.units.values() if u.spelling}
            close = closest_match(fold_diacritics(value).casefold(), self._folded)
            self._closest[value] = self._folded[close] if close is not None else None
        return self._closest[value]


def closest_match(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """``difflib.get_close_matches(word, candidates, n=1, cutoff)``, the same answer
    (highest ratio, then the greater string), found faster: a candidate whose cheap
    upper bounds cannot reach the best ratio so far is never fully compared. With
    hundreds of official names, the full comparison was a third of ``check``."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for candidate in candidates:
        matcher.set_seq1(candidate)
        floor = cutoff if best is None else best[0]
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        score = matcher.ratio()
        if score >= cutoff and (best is None or (score, candidate) > best):
            best = (score, candidate)
    return best[1] if best else None


def _names(units: Iterable[dict], full: str, short: str) -> Level:
    """place_key of the full and of the short name -> that name's official spelling."""
    found: dict[str, Unit] = {}
    for unit in units:
        found.setdefault(place_key(unit[full]), Unit(unit[full], unit[full]))
        found.setdefault(place_key(unit[short]), Unit(unit[short], unit[full]))
        # Older names the list records for a unit (communes merged before 2025): known,
        # kept as written, and part of that unit.
        own = {_compact(unit[full]), _compact(unit[short])}  # its own name without diacritics is no alias
        for keyword in {_compact(word) for word in unit.get(full + "Keywords", ())} - own:
            found.setdefault(_ALIAS + keyword, Unit("", unit[full]))
    return Level(found)


_ALIAS = "~"


@cache
def official_names(province: str) -> OfficialNames | None:
    """The official units of ``province`` (e.g. ``Thanh Hóa``); None if unknown or no data."""
    try:
        today, legacy = _rows(_TODAY_SQL, province), _rows(_LEGACY_SQL, province)
        converter = json.loads((_data_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, sqlite3.Error):
        return None
    if not today or not legacy:
        return None
    names = OfficialNames()
    names.communes = _names((_unit(row, "ward") for row in today), "ward", "wardShort")
    names.districts = _names({row["districtKey"]: _unit(row, "district") for row in legacy}.values(), "district", "districtShort")
    by_district: dict[str, list[sqlite3.Row]] = {}
    for row in legacy:
        by_district.setdefault(row["districtKey"], []).append(row)
    for rows in by_district.values():
        communes = _names((_unit(row, "ward") for row in rows), "ward", "wardShort")
        for name in (rows[0]["district"], rows[0]["districtShort"]):
            names.former_communes[place_key(name)] = communes
    new_wards = {row["wardKey"]: row["ward"] for row in today}
    for new_ward, olds in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(today[0]["provinceKey"], {}).items():
        for old in olds:
            _, district_key, ward_key = old.split("_", 2)
            if new_ward in new_wards:
                names.successor[(district_key, ward_key)] = new_wards[new_ward]
    return names


def _official(record: "SiteRecord", where: tuple, value: str | None, known: Level,
              problems: list[Diagnostic]) -> Unit | None:
    """The official unit ``value`` names, or None (warned about when not in the list)."""
    if not value or not known.units:
        return None
    found = known.find(value)
    if found is None:
        close = known.closest(value)
        hint = ("hint.did_you_mean", {"suggestion": close}) if close else ""
        problems.append(record.at(where, "place.unknown", Severity.WARNING, name=value, hint=hint))
    return found


def _complete(record: "SiteRecord", names: OfficialNames, problems: list[Diagnostic]) -> "SiteRecord":
    address = record.site.address
    former = address.former or FormerAddress()
    district = _official(record, ("address", "former", "district"), former.district, names.districts, problems)
    communes_then = names.former_communes.get(place_key(former.district or ""), Level())
    old_commune = _official(record, ("address", "former", "commune"), former.commune, communes_then, problems)
    commune = _official(record, ("address", "commune"), address.commune, names.communes, problems)
    today = commune.spelling if commune else address.commune
    if today is None and district and old_commune:
        today = names.successor.get((_compact(district.full), _compact(old_commune.full)))
        if today:
            problems.append(record.at(("address",), "place.commune_filled", Severity.WARNING,
                                      commune=today, former=old_commune.spelling))
    spelled = (today, district.spelling if district else former.district,
               old_commune.spelling if old_commune else former.commune)
    if spelled == (address.commune, former.district, former.commune):
        return record
    new_former = former.model_copy(update={"district": spelled[1], "commune": spelled[2]}) if address.former else None
    new_address: Address = address.model_copy(update={"commune": today, "former": new_former})
    return type(record)(record.site.model_copy(update={"address": new_address}), record.document)


def complete_places(record: "SiteRecord", config: "ProjectConfig") -> tuple["SiteRecord", list[Diagnostic]]:
    """The site kind's completion step (``kinds.RecordKind.complete``): the record with
    names in official spelling and today's commune filled in, and what the volunteer is
    told (unknown names, a filled-in commune). Unchanged without the province's list."""
    names = official_names(config.province)
    if names is None:
        return record, []
    problems: list[Diagnostic] = []
    return _complete(record, names, problems), problems
