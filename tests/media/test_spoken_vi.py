"""Vietnamese text rewritten for a speech engine: dates, numbers, abbreviations."""

from __future__ import annotations

import pytest

from generator.media.spoken_vi import number_words, spoken_vi


@pytest.mark.parametrize("digits, words", [
    ("0", "không"), ("5", "năm"), ("10", "mười"), ("11", "mười một"), ("15", "mười lăm"),
    ("21", "hai mươi mốt"), ("24", "hai mươi tư"), ("25", "hai mươi lăm"), ("101", "một trăm linh một"),
    ("110", "một trăm mười"), ("1005", "một nghìn không trăm linh năm"),
    ("1945", "một nghìn chín trăm bốn mươi lăm"), ("2008", "hai nghìn không trăm linh tám"),
    ("21000", "hai mươi mốt nghìn"), ("1000001", "một triệu không trăm linh một"),
    ("2500000", "hai triệu năm trăm nghìn"), ("0237", "không hai ba bảy"),
])
def test_numbers_are_read_the_northern_way(digits: str, words: str) -> None:
    assert number_words(digits) == words


@pytest.mark.parametrize("written, spoken", [
    ("Ngày 2/9/1945, Bác đọc Tuyên ngôn.", "Ngày hai tháng chín năm một nghìn chín trăm bốn mươi lăm, Bác đọc Tuyên ngôn."),
    ("khánh thành 19/5/1964", "khánh thành ngày mười chín tháng năm năm một nghìn chín trăm sáu mươi tư"),
    ("ngày 3–4/4/1965.", "ngày ba đến bốn tháng tư năm một nghìn chín trăm sáu mươi lăm."),
    ("Tháng 8/1945 khởi nghĩa", "Tháng tám năm một nghìn chín trăm bốn mươi lăm khởi nghĩa"),
    ("kháng chiến 1946-1954.", "kháng chiến một nghìn chín trăm bốn mươi sáu đến một nghìn chín trăm năm mươi tư."),
    ("QĐ 2408/QĐ-BVHTTDL", "quyết định hai nghìn bốn trăm linh tám"),
    ("UBND tỉnh", "ủy ban nhân dân tỉnh"),
    ("thế kỷ XV", "thế kỷ mười lăm"),
    ("rộng 3,5 ha, dài 1.500 m", "rộng ba phẩy năm héc ta, dài một nghìn năm trăm mét"),
    ("75% diện tích", "bảy mươi lăm phần trăm diện tích"),
    ("gọi 0237 3852 123", "gọi không hai ba bảy ba tám năm hai một hai ba"),
    ("mở cửa 7:00–17:00", "mở cửa bảy giờ đến mười bảy giờ"),
    ("lúc 12h30", "lúc mười hai giờ ba mươi"),
    ("vé 20.000 đ, trời 25°C", "vé hai mươi nghìn đồng, trời hai mươi lăm độ C"),
    ("tăng 3,14%", "tăng ba phẩy mười bốn phần trăm"),
    ("tỷ lệ 1:500", "tỷ lệ một:năm trăm"),
])
def test_written_forms_become_spoken(written: str, spoken: str) -> None:
    assert spoken_vi(written) == spoken


def test_text_without_numbers_or_abbreviations_is_unchanged() -> None:
    text = "Cầu Hàm Rồng bắc qua sông Mã, giữa núi Rồng và núi Ngọc; TS là hai chữ cái."
    assert spoken_vi(text) == text


def test_an_impossible_date_is_not_read_as_a_date() -> None:
    assert "tháng" not in spoken_vi("mã 31/13/1945")


def test_spelling_out_is_idempotent() -> None:
    once = spoken_vi("Ngày 2/9/1945 tại Hà Nội, QĐ số 12.")
    assert spoken_vi(once) == once
