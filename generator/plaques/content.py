"""What a plaque says: the record's words and its permanent URL, before any layout.

Every record kind prints plaques through the same pipeline: ``SUBJECT_MAKERS`` turns a
site, a tour or a village into its plaques (a village has one for its cultural house
and one per lane entrance), and ``plaque_content`` turns one into the words to lay out."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..i18n.labels import rank_label
from ..records.schema import RankLevel, Site
from ..records.tours import Tour
from ..records.villages import Village
from ..urls import absolute_url, short_path
from .errors import PlaqueError
from .typesetting import missing_glyphs

if TYPE_CHECKING:
    from ..config import ProjectConfig


# Only an official rank goes on a plaque; "not ranked" would read as a slight.
RANKS_SHOWN = (RankLevel.SPECIAL_NATIONAL, RankLevel.NATIONAL, RankLevel.PROVINCIAL)
SCAN_LINE_VI = "Quét mã để tìm hiểu"
SCAN_LINE_EN = "Scan to learn more"


# --- content ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlaqueContent:
    """Everything a plaque says, already NFC and checked against the font."""

    site_id: str
    url: str
    name_vi: str
    name_en: str | None
    rank_label: str | None
    brand: str
    organisation: str
    logo: Path | None
    id_label: str = "Mã di tích"  # before the id in the footer: "Mã tuyến" on a tour's plaque


def display_url(url: str) -> str:
    """The URL as a person types it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def _nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", " ".join(text.split())) if text else None


# --- subjects: what each record kind puts on plaques -------------------------------------


@dataclass(frozen=True)
class PlaqueSubject:
    """One plaque of any record kind. ``key`` names its files (``TH-V0001-ngo-1``) and is
    the id printed on it; ``path`` is what its QR opens, relative to ``site_url``."""

    key: str
    record_id: str
    path: str
    name_vi: str
    name_en: str | None
    badge: str | None  # the line above the name: a site's official rank, "Tuyến tham quan"…
    id_label: str = "Mã di tích"


def _site_subjects(site: "Site") -> list[PlaqueSubject]:
    badge = rank_label(site.rank.level, "vi") if site.rank.level in RANKS_SHOWN else None
    return [PlaqueSubject(site.id, site.id, short_path(site.id), site.name.vi, site.name.en, badge)]


def _tour_subjects(tour: Tour) -> list[PlaqueSubject]:
    return [PlaqueSubject(tour.id, tour.id, short_path(tour.id), tour.name.vi, tour.name.en, TOUR_BADGE, "Mã tuyến")]


def _village_subjects(village: Village) -> list[PlaqueSubject]:
    """The cultural house's plaque, then one per lane entrance (opening the page at it)."""
    house = PlaqueSubject(village.id, village.id, short_path(village.id), village.name.vi, village.name.en, VILLAGE_BADGE,
                          "Mã thôn")
    lanes = [PlaqueSubject(f"{village.id}-{entrance.slug}", village.id, f"{short_path(village.id)}#{entrance.slug}",
                           entrance.name.vi, entrance.name.en, f"{LANE_BADGE} · {village.name.vi}", "Mã biển")
             for entrance in village.entrances]
    return [house, *lanes]


TOUR_BADGE = "Tuyến tham quan"
VILLAGE_BADGE = "Nhà văn hóa"
LANE_BADGE = "Đầu ngõ"
# Record model -> its plaques; a new record kind adds one entry.
SUBJECT_MAKERS: dict[type, Callable[[Any], list[PlaqueSubject]]] = {
    Site: _site_subjects, Tour: _tour_subjects, Village: _village_subjects,
}


def plaque_subjects(records: Iterable[Any]) -> list[PlaqueSubject]:
    """Every plaque of the given records (sites, tours, villages), in their order."""
    return [subject for record in records for subject in SUBJECT_MAKERS[type(record)](record)]


def plaque_content(config: "ProjectConfig", record: Any) -> PlaqueContent:
    """What the plaque of ``record`` (a PlaqueSubject, or a record with one plaque) says."""
    subject = record if isinstance(record, PlaqueSubject) else plaque_subjects([record])[0]
    content = PlaqueContent(
        site_id=subject.key,
        url=absolute_url(config, subject.path),
        name_vi=_nfc(subject.name_vi) or subject.key,
        name_en=_nfc(subject.name_en),
        rank_label=subject.badge,
        brand=_nfc(config.site_name) or "",
        organisation=_nfc(config.organisation.name) or "",
        logo=config.organisation.logo,
        id_label=subject.id_label,
    )
    texts = (content.name_vi, content.name_en, content.rank_label, content.brand, content.organisation)
    missing = missing_glyphs(" ".join(text for text in texts if text))
    if missing:
        raise PlaqueError("plaques.missing_glyphs", id=subject.key, chars=" ".join(sorted(missing)))
    if content.logo is not None and not content.logo.is_file():
        raise PlaqueError("plaques.logo_missing", path=str(content.logo))
    return content
