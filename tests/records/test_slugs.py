"""generator.records.slugs: ASCII slugs from Vietnamese names (đ→d, tones removed)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.records.schema import SLUG_PATTERN
from generator.records.slugs import fold_diacritics, slugify, ref_hint

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Every Vietnamese letter with every mark, both cases: the alphabet volunteers type.
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VIETNAMESE_LETTERS += VIETNAMESE_LETTERS.upper()
vietnamese_text = st.text(alphabet=VIETNAMESE_LETTERS + " -,.()'0123456789", max_size=60)


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Đền Bà Triệu", "den-ba-trieu"),
        ("Thành nhà Hồ", "thanh-nha-ho"),
        ("Khu di tích lịch sử Lam Kinh", "khu-di-tich-lich-su-lam-kinh"),
        ("Cầu Hàm Rồng", "cau-ham-rong"),
        ("Đồi C4", "doi-c4"),
        ("Nhà mẹ Tơm", "nha-me-tom"),
        ("Hang Con Moong", "hang-con-moong"),
        ("  Đình   Gia Miêu -- (Hà Trung)  ", "dinh-gia-mieu-ha-trung"),
        ("ĐƯỜNG MÒN", "duong-mon"),
        ("Chùa Sùng Nghiêm Diên Thánh", "chua-sung-nghiem-dien-thanh"),
        ("Vườn quốc gia Bến En", "vuon-quoc-gia-ben-en"),
        ("", ""),
        ("---", ""),
        ("寺", ""),
    ],
)
def test_known_names(name, slug):
    assert slugify(name) == slug


def test_d_with_stroke_becomes_d():
    assert slugify("đĐ") == "dd"
    assert fold_diacritics("Đền đài") == "Den dai"


def test_fold_keeps_case_and_removes_every_mark():
    assert fold_diacritics("Hàm Rồng Ỷ Lạc Ữ") == "Ham Rong Y Lac U"


def test_the_schema_checks_slugs_with_the_same_rule():
    assert SLUG_PATTERN == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@given(st.text())
def test_output_is_a_valid_slug_or_empty(text):
    slug = slugify(text)
    assert slug == "" or SLUG.match(slug)
    assert slug == "" or re.match(SLUG_PATTERN, slug)


@given(st.text())
def test_idempotent(text):
    assert slugify(slugify(text)) == slugify(text)


@given(vietnamese_text)
def test_normal_form_does_not_matter(text):
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(unicodedata.normalize("NFC", text))


@given(vietnamese_text)
def test_tones_and_marks_never_survive_and_no_letter_is_lost(text):
    slug = slugify(text)
    assert slug.isascii()
    # Each letter maps to exactly one ASCII letter, so letters and digits are all kept.
    kept = [c for c in text if c.isalnum()]
    assert len(slug.replace("-", "")) == len(kept)


@given(vietnamese_text)
def test_slug_ignores_case(text):
    assert slugify(text.upper()) == slugify(text.lower()) == slugify(text)


@given(st.lists(st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=8), min_size=1, max_size=6))
def test_words_become_hyphen_separated(words):
    assert slugify(" ".join(words)).split("-") == [fold_diacritics(w).lower() for w in words]


KNOWN = ["TH-0001", "thanh-nha-ho", "TH-0002", "khu-di-tich-ba-trieu", "TH-0003", "den-ba-trieu-hau-loc",
         "TH-0004", "cau-ham-rong"]


def test_a_reference_that_names_no_site_gets_the_site_it_was_probably_meant_for():
    assert ref_hint("ham-rong", KNOWN) == ("hint.did_you_mean", {"suggestion": "cau-ham-rong"})
    assert ref_hint("ba-trieu", KNOWN) == ("hint.one_of", {"choices": "den-ba-trieu-hau-loc, khu-di-tich-ba-trieu"})
    assert ref_hint("th-0001x", KNOWN) == ("hint.did_you_mean", {"suggestion": "TH-0001"})
    # Part of too many slugs, or like nothing: no guess.
    assert ref_hint("-", KNOWN) == ""
    assert ref_hint("zzzzzz", KNOWN) == ""
