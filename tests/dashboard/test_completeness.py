"""Completeness items and work lists counted on records with known gaps."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tests.plaques.test_command import make_site

from generator.dashboard.completeness import ITEMS, SiteFacts, completeness, has_narration, has_panorama, item_counts
from generator.dashboard.worklists import WORK_LISTS, work_lists
from generator.plaques.fieldwork import PlaqueStatus
from generator.plaques.lifecycle import ConditionCheck, Installation, PlaqueState
from generator.records.schema import Site

D = dt.date
IMAGE = {"file": "a.jpg", "caption": {"vi": "Cổng"}, "credit": "Nguyễn Văn A"}
PRECISE = {"lat": 19.9, "lon": 105.8, "quality": "site-survey"}
CENTROID = {"lat": 19.9, "lon": 105.8, "quality": "commune-centroid"}


def test_every_item_is_counted_on_sites_with_known_gaps() -> None:
    full = make_site("TH-0001", images=[IMAGE], history={"vi": "Dựng năm 1470."}, summary={"vi": "x", "en": "y"},
                     location=PRECISE, last_checked=D(2025, 6, 30))
    centroid = make_site("TH-0002", en=None, location=CENTROID)
    bare = make_site("TH-0003", en=None)
    facts = {
        "TH-0001": SiteFacts(PlaqueStatus((D(2025, 6, 1),), (Installation(D(2025, 7, 1)),))),
        "TH-0002": SiteFacts(PlaqueStatus((D(2025, 6, 1),))),
        "TH-0003": SiteFacts(PlaqueStatus((D(2025, 6, 1),), (Installation(D(2025, 7, 1)),),
                                          ConditionCheck(D(2026, 1, 2), PlaqueState.DAMAGED))),
    }
    rows = [completeness(site, facts[site.id]) for site in (full, centroid, bare)]
    assert item_counts(rows) == {"photo": 1, "history": 1, "english": 1, "narration": 0, "panorama": 0,
                                 "location": 1, "printed": 3, "installed": 2, "checked": 2}
    assert rows[0].score == 7 / 9 and rows[1].score == 1 / 9
    lists = {key: [row.site.id for row in members] for key, members in work_lists(rows).items()}
    assert lists == {
        "chua-co-anh": ["TH-0002", "TH-0003"],
        "vi-tri-tam-xa": ["TH-0002", "TH-0003"],
        "chua-thuyet-minh": ["TH-0001", "TH-0002", "TH-0003"],
        "chua-kiem-tra": ["TH-0002"],
        "bien-chua-gan": ["TH-0002"],
        "bien-hong": ["TH-0003"],
    }
    assert [work.key for work in WORK_LISTS] == list(lists) and len(ITEMS) == 9


class _SiteWithMedia(Site):
    """The record as it will look once the panorama feature adds its field."""

    panoramas: list[dict[str, str]] = []


def test_narration_counts_a_vietnamese_recording_or_text_written_to_be_heard() -> None:
    recording = {"file": "a.m4a", "credit": "Lê Thị B", "licence": "CC BY 4.0"}
    facts = SiteFacts()
    assert not has_narration(make_site("TH-0001"), facts)
    assert not has_narration(make_site("TH-0001", narration={}), facts)
    assert not has_narration(make_site("TH-0001", narration={"en": "Spoken."}), facts)
    assert not has_narration(make_site("TH-0001", audio=[{**recording, "lang": "en"}]), facts)
    assert has_narration(make_site("TH-0001", narration={"vi": "Lời thuyết minh."}), facts)
    assert has_narration(make_site("TH-0001", audio=[{**recording, "lang": "vi"}]), facts)


def test_panorama_is_counted_once_the_record_has_it() -> None:
    base = make_site("TH-0001")
    later = _SiteWithMedia.model_validate({**base.model_dump(), "panoramas": [{"file": "p.jpg"}]})
    empty = _SiteWithMedia.model_validate(base.model_dump())
    facts = SiteFacts()
    assert not has_panorama(base, facts)
    assert has_panorama(later, facts)
    assert not has_panorama(empty, facts)


def test_the_narration_work_list_says_what_such_a_site_plays_today(tmp_path) -> None:
    """With a machine voice for Vietnamese, the site still has a player reading its summary;
    without one (engine: none), it has nothing to listen to: the work list says which."""
    from tests.plaques.test_command import make_project

    from generator.dashboard.worklists import render_worklists
    from generator.dashboard.writer import machine_voice

    config = make_project(tmp_path)
    spoken = dataclasses.replace(config, extra={**config.extra, "narration": {"engine": "espeak-ng", "voices": {"vi": "vi"}}})
    silent = dataclasses.replace(config, extra={**config.extra, "narration": {"engine": "none"}})
    english_only = dataclasses.replace(config, extra={**config.extra, "narration": {"engine": "espeak-ng",
                                                                                   "voices": {"en": "en-us"}}})
    assert machine_voice(spoken) and not machine_voice(silent) and not machine_voice(english_only)
    rows = [completeness(make_site("TH-0001"), SiteFacts())]
    links = {"progress": "../", "guide": "../../huong-dan/"}
    with_voice = render_worklists(rows, {}, None, links, True)
    without = render_worklists(rows, {}, None, links, False)
    assert "Chưa có thuyết minh riêng (1)" in with_voice
    assert "vẫn có nút nghe trên trang: giọng đọc máy đọc tên và phần tóm tắt" in with_voice
    assert "không có gì để nghe trên trang" in without and "narration.engine" in without
