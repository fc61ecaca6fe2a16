"""generator.site.text: how a source, a photo request and a text in another language read
on a site page."""

from __future__ import annotations

import pytest

from generator.records.schema import LocalizedText
from generator.site.text import shown_text, source_host, source_title


@pytest.mark.parametrize("url, title, shown", [
    ("https://dsvh.gov.vn/di-tich-khao-co-hang-con-moong-1284", None, ""),  # accent-stripped slug: not a title
    ("https://defzone.net/wiki/%C4%90%E1%BB%81n_B%C3%A0_Tri%E1%BB%87u", None, "Đền Bà Triệu"),
    ("https://vi.wikipedia.org/wiki/Th%C3%A0nh_nh%C3%A0_H%E1%BB%93", None, "Thành nhà Hồ"),
    ("https://dulichvn.org.vn/index.php/item/7614", None, ""),
    ("https://example.org/", None, ""),
    ("https://example.org/a%2Fb", "  Hồ sơ di tích ", "Hồ sơ di tích"),
])
def test_a_source_reads_as_its_title_or_nothing(url: str, title: str | None, shown: str) -> None:
    assert source_title(url, title) == shown


def test_a_source_host_drops_www_and_keeps_the_publisher() -> None:
    assert source_host("https://www.dsvh.gov.vn/a?b=1") == "dsvh.gov.vn"
    assert source_host("https://vhds.baothanhhoa.vn/x") == "vhds.baothanhhoa.vn"


@pytest.mark.parametrize("value, lang, shown", [
    (LocalizedText(vi="Miễn phí", en="Free"), "en", {"text": "Free", "lang": "en"}),
    (LocalizedText(vi="Miễn phí"), "en", {"text": "Miễn phí", "lang": "vi"}),  # no English: marked Vietnamese
    (LocalizedText(vi="Miễn phí"), "vi", {"text": "Miễn phí", "lang": "vi"}),
    (LocalizedText(en="Free"), "vi", {"text": "Free", "lang": "en"}),
    (LocalizedText(), "en", None),
    (None, "en", None),
])
def test_a_text_shown_says_which_language_it_is_written_in(value: object, lang: str, shown: object) -> None:
    assert shown_text(value, lang) == shown


def test_a_quoted_text_keeps_its_own_language() -> None:
    assert shown_text("QĐ 123/QĐ-BVHTTDL", "en", written_in="vi") == {"text": "QĐ 123/QĐ-BVHTTDL", "lang": "vi"}
    assert shown_text(None, "en", written_in="vi") is None
