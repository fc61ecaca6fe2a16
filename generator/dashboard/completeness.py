"""How complete each site is: one small test per item, in the order organisers read them.

Items that depend on record fields added by other features (360° panoramas) read
the record's attribute with ``getattr(..., None)``: before those fields
exist every site simply counts as "not yet", and once they exist the same code counts
them. A new item is one more ``Item`` in ``ITEMS``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..plaques.fieldwork import PlaqueStatus
from ..records.schema import Language, Site
from ..site.text import has_english


@dataclass(frozen=True)
class SiteFacts:
    """What is known about a site beyond its record: its plaques in the field."""

    plaque: PlaqueStatus = PlaqueStatus()


@dataclass(frozen=True)
class Item:
    key: str
    label: str  # Vietnamese, as the column heading
    done: Callable[[Site, SiteFacts], bool]
    # What the label counts, where the label alone could mislead; {machine_voice} is
    # replaced by machine_voice_note's sentence.
    note: str = ""


def has_photo(site: Site, facts: SiteFacts) -> bool:
    return bool(site.images)


def has_history(site: Site, facts: SiteFacts) -> bool:
    return bool(site.history and (site.history.vi or site.history.en))


def has_english_text(site: Site, facts: SiteFacts) -> bool:
    return has_english(site)


def has_narration(site: Site, facts: SiteFacts) -> bool:
    """A Vietnamese narration someone made for the site: a recording in Vietnamese, or
    Vietnamese text written to be heard. The machine voice reading the summary does not
    count (it is what a site gets while nobody has done this work), nor English alone."""
    return any(recording.lang is Language.VI for recording in site.audio) or bool(site.narration and site.narration.vi)


def has_panorama(site: Site, facts: SiteFacts) -> bool:
    return bool(getattr(site, "panoramas", None))


def has_precise_location(site: Site, facts: SiteFacts) -> bool:
    """A point on the monument itself, not the centre of its commune (nor no point at all)."""
    return site.location is not None and not site.location.quality.is_approximate


def plaque_printed(site: Site, facts: SiteFacts) -> bool:
    return facts.plaque.is_printed


def plaque_installed(site: Site, facts: SiteFacts) -> bool:
    return facts.plaque.is_installed


def last_visit(site: Site, facts: SiteFacts) -> dt.date | None:
    """The latest day someone checked the site: the record's ``last_checked`` or a plaque check."""
    dates = [site.last_checked, facts.plaque.last_check.date if facts.plaque.last_check else None]
    return max((date for date in dates if date is not None), default=None)


def checked_on_site(site: Site, facts: SiteFacts) -> bool:
    return last_visit(site, facts) is not None


ITEMS: tuple[Item, ...] = (
    Item("photo", "Ảnh", has_photo),
    Item("history", "Lịch sử", has_history),
    Item("english", "Tiếng Anh", has_english_text),
    Item("narration", "Thuyết minh riêng", has_narration,
         "ghi âm tiếng Việt của tình nguyện viên (audio) hoặc bài thuyết minh viết để đọc (narration.vi). "
         "{machine_voice}"),
    Item("panorama", "Ảnh 360°", has_panorama),
    Item("location", "Vị trí chính xác", has_precise_location),
    Item("printed", "Đã in biển", plaque_printed),
    Item("installed", "Đã gắn biển", plaque_installed),
    Item("checked", "Đã kiểm tra tại chỗ", checked_on_site),
)


def machine_voice_note(machine_voice: bool) -> str:
    """What a site page without its own narration plays, in one sentence (Vietnamese):
    ``machine_voice`` is whether a machine voice speaks Vietnamese in this project."""
    if machine_voice:
        return ("Di tích chưa có thuyết minh riêng vẫn có nút nghe trên trang: giọng đọc máy đọc tên và phần tóm tắt "
                "(summary) của di tích.")
    return ("Di tích chưa có thuyết minh riêng không có gì để nghe trên trang: chưa bật giọng đọc máy cho tiếng Việt "
            "(narration.engine trong mkdocs.yml).")


@dataclass(frozen=True)
class SiteCompleteness:
    site: Site
    facts: SiteFacts
    done: dict[str, bool]  # item key -> done

    @property
    def score(self) -> float:
        """Share of items done, 0.0-1.0."""
        return sum(self.done.values()) / len(self.done) if self.done else 0.0


def completeness(site: Site, facts: SiteFacts) -> SiteCompleteness:
    return SiteCompleteness(site, facts, {item.key: item.done(site, facts) for item in ITEMS})


def item_counts(rows: list[SiteCompleteness]) -> dict[str, int]:
    """Item key -> how many of ``rows`` have it done."""
    return {item.key: sum(row.done[item.key] for row in rows) for item in ITEMS}
