"""A Wikidata QuickStatements (V1 syntax) batch of the published sites, for organisers who
contribute to Wikidata.

One command per line: ``CREATE`` then ``LAST|Lvi|"Tên"``, ``LAST|P625|@lat/lon``,
``LAST|P1435|Q...``, each statement followed by its reference ``|S854|"url"`` (reference
URL). Properties used: P625 coordinate location, P1435 heritage designation (with the
qualifier P580 start time: the ranking decision's date), P17 country.

Nothing here invents a Q-id. A site gets ``CREATE`` unless ``extra.diachido.wikidata.items``
maps its id to an item someone looked up; heritage designations and the country are
written only when ``wikidata.designations`` / ``wikidata.country`` give their Q-ids.
Commune-centre points are not the monument and are left out; the number of decimals
written says how precise a point is (QuickStatements takes the precision from it).
"""

from __future__ import annotations

import re
from typing import Any

from ..config import ConfigError, ProjectConfig
from ..i18n.labels import category_label
from ..records.schema import LocationQuality, RankLevel, Site
from ..site.text import join_parts

QID = re.compile(r"^Q[1-9][0-9]*$")
# Decimal places by how the point was obtained: 5 ≈ 1 m, 4 ≈ 10 m, 3 ≈ 100 m.
COORD_DECIMALS = {
    LocationQuality.SITE_OFFICIAL: 5,
    LocationQuality.SITE_SURVEY: 5,
    LocationQuality.SITE_PLUSCODE: 4,
    LocationQuality.SITE_WIKIPEDIA: 4,
    LocationQuality.SITE_SECONDARY: 3,
}


def wikidata_settings(config: ProjectConfig) -> dict[str, Any]:
    """``extra.diachido.wikidata``, every Q-id and rank checked. Raises ConfigError."""
    block = config.extra.get("wikidata") or {}
    setting = ("extra", "diachido", "wikidata")
    if not isinstance(block, dict) or not all(isinstance(block.get(key) or {}, dict) for key in ("designations", "items")):
        raise ConfigError("config.wikidata_shape", setting)
    settings = {"country": block.get("country") or None, "designations": block.get("designations") or {},
                "items": block.get("items") or {}}
    unknown = set(settings["designations"]) - {level.value for level in RankLevel}
    if unknown:
        raise ConfigError("config.wikidata_rank", (*setting, "designations", sorted(unknown)[0]),
                          got=sorted(unknown)[0], ranks=", ".join(level.value for level in RankLevel))
    for key, value in _qid_settings(settings):
        if value is not None and not QID.match(str(value)):
            raise ConfigError("config.wikidata_qid", (*setting, *key), got=str(value))
    return settings


def _qid_settings(settings: dict[str, Any]) -> list[tuple[tuple[str, ...], Any]]:
    """Every Q-id setting with its path below ``extra.diachido.wikidata``."""
    return [(("country",), settings["country"]),
            *((("designations", str(rank)), qid) for rank, qid in settings["designations"].items()),
            *((("items", str(site)), qid) for site, qid in settings["items"].items())]


def quote(text: str) -> str:
    """A QuickStatements string: double-quoted; the separators (| tab newline) and double
    quotes, which the syntax cannot escape, become a space and a single quote."""
    return '"' + re.sub(r"[|\t\r\n]+", " ", text).replace('"', "'") + '"'


def _time(site: Site) -> str | None:
    """The ranking date as a QuickStatements time: day precision (/11) or year (/9)."""
    if site.rank.date:
        return f"+{site.rank.date.isoformat()}T00:00:00Z/11"
    return f"+{site.rank.year:04d}-00-00T00:00:00Z/9" if site.rank.year else None


def _reference(site: Site) -> str:
    return f"|S854|{quote(site.sources[0].url)}" if site.sources else ""


def _description(site: Site) -> str:
    place = join_parts([site.address.commune, site.address.province])
    return f"{category_label(site.primary_category, 'vi').lower()} ở {place}, Việt Nam"


def site_commands(site: Site, settings: dict[str, Any]) -> list[str]:
    """The commands for one site, one per line."""
    item = settings["items"].get(site.id)
    subject = item or "LAST"
    lines = [] if item else ["CREATE", f"LAST|Lvi|{quote(site.name.vi)}", f"LAST|Dvi|{quote(_description(site))}"]
    if not item and site.name.en:
        lines.append(f"LAST|Len|{quote(site.name.en)}")
    lines += [f"{subject}|Avi|{quote(name)}" for name in site.name.other]
    reference = _reference(site)
    location = site.location
    if location and location.quality in COORD_DECIMALS:
        places = COORD_DECIMALS[location.quality]
        lines.append(f"{subject}|P625|@{location.lat:.{places}f}/{location.lon:.{places}f}{reference}")
    designation = settings["designations"].get(site.rank.level.value)
    if designation:
        start = _time(site)
        lines.append(f"{subject}|P1435|{designation}" + (f"|P580|{start}" if start else "") + reference)
    if settings["country"]:
        lines.append(f"{subject}|P17|{settings['country']}")
    return lines


def to_quickstatements(config: ProjectConfig, sites: list[Site]) -> str:
    """The batch for ``sites`` (ordered by id). Raises ConfigError on a malformed Q-id."""
    settings = wikidata_settings(config)
    lines: list[str] = []
    for site in sorted(sites, key=lambda s: s.id):
        lines += site_commands(site, settings)
    return "\n".join(lines) + "\n" if lines else ""

