"""generator.i18n.collation: Vietnamese alphabetical order (letters first, tones after)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.i18n.collation import collation_key
from tests.records.test_slugs import vietnamese_text


def ordered(*names: str) -> list[str]:
    return sorted(names, key=collation_key)


@pytest.mark.parametrize("first, second", [
    ("Di chỉ khảo cổ học Đông Sơn", "Đền Bà Triệu"),  # d before đ
    ("Hang Con Moong", "Hầm chỉ huy"),                 # a before â
    ("Hàm Rồng", "Hăng"),                              # a before ă, whatever the tone
    ("Hăng", "Hâm"),                                   # ă before â
    ("Đình Gia Miêu", "Đồi C4"),                       # i before ô
    ("Chùa Sùng Nghiêm", "Cửa Hà"),                    # u before ư
    ("Lê Lai", "Lò Gạch"),                             # ê before o
    ("Đền X", "Đềnh"),                                 # a space before any letter
    ("Đồi 3", "Đồi C4"),                               # digits before letters
])
def test_vietnamese_letters_come_in_dictionary_order(first: str, second: str) -> None:
    assert ordered(second, first) == [first, second]


def test_tones_order_only_words_with_the_same_letters() -> None:
    # ngang, huyền, hỏi, ngã, sắc, nặng
    assert ordered("má", "mạ", "mả", "ma", "mã", "mà") == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # the letters decide before any tone: "mạc" (m-a-c) sorts before "man" (m-a-n)
    assert ordered("man", "mạc") == ["mạc", "man"]


def test_accent_stripped_order_is_not_what_readers_expect() -> None:
    names = ["Đền Bà Triệu", "Di chỉ Núi Đọ", "Hầm Hàm Rồng", "Hang Con Moong", "Am Tiên"]
    assert ordered(*names) == ["Am Tiên", "Di chỉ Núi Đọ", "Đền Bà Triệu", "Hang Con Moong", "Hầm Hàm Rồng"]


def test_case_never_outweighs_letters() -> None:
    assert ordered("đền", "Di", "ĐỀN", "di") == ["di", "Di", "đền", "ĐỀN"]


@given(vietnamese_text)
def test_normal_form_does_not_matter(text: str) -> None:
    assert collation_key(unicodedata.normalize("NFD", text)) == collation_key(text)


@given(st.lists(vietnamese_text, max_size=8))
def test_order_is_total_and_stable(texts: list[str]) -> None:
    once = sorted(texts, key=collation_key)
    assert sorted(reversed(once), key=collation_key) == once
