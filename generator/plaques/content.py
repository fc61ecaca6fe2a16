"""What a plaque says: the record's words and its permanent URL, before any layout."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n.labels import rank_label
from ..records.schema import RankLevel
from ..urls import short_url
from .errors import PlaqueError
from .typesetting import missing_glyphs

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from ..records.schema import Site


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


def display_url(url: str) -> str:
    """The URL as a person types it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def _nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", " ".join(text.split())) if text else None


def plaque_content(config: "ProjectConfig", site: "Site") -> PlaqueContent:
    content = PlaqueContent(
        site_id=site.id,
        url=short_url(config, site.id),
        name_vi=_nfc(site.name.vi) or site.id,
        name_en=_nfc(site.name.en),
        rank_label=rank_label(site.rank.level, "vi") if site.rank.level in RANKS_SHOWN else None,
        brand=_nfc(config.site_name) or "",
        organisation=_nfc(config.organisation.name) or "",
        logo=config.organisation.logo,
    )
    texts = (content.name_vi, content.name_en, content.brand, content.organisation)
    missing = missing_glyphs(" ".join(text for text in texts if text))
    if missing:
        raise PlaqueError("plaques.missing_glyphs", id=site.id, chars=" ".join(sorted(missing)))
    if content.logo is not None and not content.logo.is_file():
        raise PlaqueError("plaques.logo_missing", path=str(content.logo))
    return content
