"""The lists of tours and villages in both languages: a record without an English page is
listed on the English list by its Vietnamese name, marked and linked as Vietnamese;
names are escaped; the order is Vietnamese alphabetical; an empty list says so."""

from __future__ import annotations

import re
from pathlib import Path

from generator.records.schema import Name
from generator.tours.lists import ListKind, ListRow, write_record_lists
from generator.tours.page import TOUR_LIST
from generator.villages.page import VILLAGE_LIST

STYLE = "generated/tours/static/tour.abc.css"


def _rows() -> list[ListRow]:
    return [
        ListRow("tuyen-b", Name(vi="Đường về Lam Kinh", en="The road to Lam Kinh"), ("vi", "en"),
                lambda lang: {"vi": "Xe đạp", "en": "By bicycle"}[lang]),
        ListRow("tuyen-a", Name(vi='Di tích "Hàm Rồng" & cầu'), ("vi",), lambda lang: f"details-{lang}"),
    ]


def _written(kind: ListKind, rows: list[ListRow], tmp_path: Path) -> dict[str, str]:
    write_record_lists(kind, rows, STYLE, tmp_path)
    return {lang: (tmp_path / prefix / kind.page_dir / "index.md").read_text(encoding="utf-8")
            for lang, prefix in (("vi", ""), ("en", "en"))}


def _items(text: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", text)


def test_each_language_has_its_list_and_the_switch_between_them(tmp_path: Path) -> None:
    pages = _written(TOUR_LIST, _rows(), tmp_path)
    assert "title: Tuyến tham quan" in pages["vi"] and "translation: en/tuyen-tham-quan/" in pages["vi"]
    assert "title: Tours" in pages["en"] and "translation: tuyen-tham-quan/" in pages["en"]
    assert '<div class="dcd-tour-list" lang="en">' in pages["en"] and "<h1>Tours</h1>" in pages["en"]
    assert '<link rel="stylesheet" href="../../generated/tours/static/tour.abc.css">' in pages["en"]


def test_the_english_list_marks_a_tour_written_only_in_vietnamese(tmp_path: Path) -> None:
    pages = _written(TOUR_LIST, _rows(), tmp_path)
    # Vietnamese alphabetical order of the names shown: "Di" before "Đường" (d before đ).
    assert _items(pages["vi"]) == [
        '<a href="../tuyen-tham-quan/tuyen-a/">Di tích &#34;Hàm Rồng&#34; &amp; cầu</a> · details-vi',
        '<a href="../tuyen-tham-quan/tuyen-b/">Đường về Lam Kinh</a> · Xe đạp',
    ]
    assert _items(pages["en"]) == [
        '<a href="../../tuyen-tham-quan/tuyen-a/" hreflang="vi" lang="vi">Di tích &#34;Hàm Rồng&#34; &amp; cầu</a>'
        ' (in Vietnamese) · details-en',
        '<a href="../../en/tuyen-tham-quan/tuyen-b/">The road to Lam Kinh</a> · By bicycle',
    ]


def test_an_empty_list_says_so_in_its_language(tmp_path: Path) -> None:
    tours = _written(TOUR_LIST, [], tmp_path)
    villages = _written(VILLAGE_LIST, [], tmp_path)
    assert "Chưa có tuyến tham quan nào được công bố." in tours["vi"] and "<ul>" not in tours["vi"]
    assert "No tour has been published yet." in tours["en"]
    assert "Chưa có thôn, làng nào được công bố." in villages["vi"] and "<h1>Thôn, làng</h1>" in villages["vi"]
    assert "No village has been published yet." in villages["en"] and "<h1>Villages</h1>" in villages["en"]
