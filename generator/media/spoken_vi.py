"""Vietnamese text written for the eye -> text a speech engine reads as a guide would.

espeak-ng (and most engines) read "2/9/1945" as "hai gạch chín gạch..." and "QĐ" as
letters. ``spoken_vi`` rewrites only what is unambiguous: dates and date ranges,
months with years, clock times ("7:00–17:00", "12h30"), numbers (Vietnamese grouping
``1.500`` and decimal comma ``3,5``), ranges, centuries in Roman numerals after "thế kỷ",
units and money after numbers (``25°C``, ``20.000 đ``),
decision codes, and a short list of administrative abbreviations. Anything else is
left as written. Numbers are read the Northern way (Thanh Hóa): "linh", "nghìn".
"""

from __future__ import annotations

import re

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
GROUPS = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ")

# Whole words only; longest first so "HĐND" wins over shorter overlaps.
ABBREVIATIONS = {
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "văn hóa, thể thao và du lịch",
    "ĐCSVN": "Đảng Cộng sản Việt Nam",
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "QĐND": "quân đội nhân dân",
    "LLVT": "lực lượng vũ trang",
    "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở",
    "VHTT": "văn hóa thông tin",
    "HTX": "hợp tác xã",
    "BCH": "ban chấp hành",
    "TCN": "trước Công nguyên",
    "SCN": "sau Công nguyên",
    "PGS.": "phó giáo sư",
    "GS.": "giáo sư",
    "TS.": "tiến sĩ",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TX.": "thị xã",
    "QĐ": "quyết định",
    "TW": "trung ương",
    "Đ/c": "đồng chí",
    "v.v.": "vân vân",
}
# Units only right after a number ("3 km"), where they cannot be a word.
UNITS = {"km²": "ki lô mét vuông", "km2": "ki lô mét vuông", "m²": "mét vuông", "m2": "mét vuông",
         "km": "ki lô mét", "ha": "héc ta", "kg": "ki lô gam", "m": "mét", "%": "phần trăm",
         "°C": "độ C", "VNĐ": "đồng", "đ": "đồng"}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_DASH = r"\s*[-–—]\s*"
_DATE_RANGE = re.compile(rf"(?<![\d/])(ngày\s+)?(\d{{1,2}}){_DASH}(\d{{1,2}})/(\d{{1,2}})/(\d{{3,4}})(?![\d/])", re.I)
_DATE = re.compile(r"(?<![\d/])(ngày\s+)?(\d{1,2})([/.-])(\d{1,2})\3(\d{3,4})(?!\d|[/.-]\d)", re.I)
_DAY_MONTH = re.compile(r"(ngày\s+)(\d{1,2})/(\d{1,2})(?![\d/])", re.I)
_MONTH_YEAR = re.compile(r"(?<![\d/])(tháng\s+)?(\d{1,2})/(\d{4})(?![\d/])", re.I)
_CODE = re.compile(r"(\d+)/[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ][A-ZĐa-z0-9]*)+")
_RANGE = re.compile(rf"(?<![\d.,])(\d+){_DASH}(\d+)(?!\d|[.,]\d)")
_PHONE = re.compile(r"(?<![\d.,])0\d{2,3}(?:[ .]\d{3,4}){1,2}(?!\d|[.,]\d)")
_POINT = re.compile(r"(?<![\w.,])(\d+)\.(\d{1,2}|\d{4,})(?!\w|[.,]\d)")
_CENTURY = re.compile(r"(thế kỷ|thế kỉ)\s+([IVXLC]+)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?!\w)")
_UNIT = re.compile(r"(\d)\s*(km²|km2|m²|m2|km|ha|kg|m|%|°C|VNĐ|đ)(?!\w)")
# Clock times, alone or as a range: "7:00", "12h30", "7:00–17:00" (two-digit minutes, so a
# map scale "1:500" is not a time).
_CLOCK = r"(\d{1,2})(?::|h)(\d{2})(?![\d:])"
_TIME = re.compile(rf"(?<![\d:]){_CLOCK}(?:{_DASH}{_CLOCK})?")
_ABBREVIATION = re.compile(
    "|".join(rf"(?<!\w){re.escape(a)}(?!\w)" if a[-1].isalnum() else rf"(?<!\w){re.escape(a)}"
             for a in sorted(ABBREVIATIONS, key=len, reverse=True))
)


def _triplet(number: int, full: bool) -> list[str]:
    """Words for 0..999; ``full`` reads "không trăm linh" as inside a larger number."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if full or hundreds:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["linh"] if words else []) + [DIGITS[units]]
    elif tens == 1:
        words += ["mười"] + ([{5: "lăm"}.get(units, DIGITS[units])] if units else [])
    else:
        words += [DIGITS[tens], "mươi"] + ([{1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units])] if units else [])
    return words


def number_words(digits: str) -> str:
    """``"1945"`` -> ``"một nghìn chín trăm bốn mươi lăm"``.

    Digits with a leading zero ("0237", a phone number) or longer than 18 are read
    one by one, as people read them.
    """
    if (len(digits) > 1 and digits[0] == "0") or len(digits) > 18:
        return _one_by_one(digits)
    number = int(digits)
    if number == 0:
        return DIGITS[0]
    groups = []
    while number:
        groups.append(number % 1000)
        number //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index] == 0:
            continue
        words += _triplet(groups[index], full=bool(words))
        if GROUPS[index]:
            words.append(GROUPS[index])
    return " ".join(words)


def _month(month: str) -> str:
    return "tư" if int(month) == 4 else number_words(str(int(month)))


def _roman(text: str) -> int | None:
    values = [ROMAN[c] for c in text.upper()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total < 40 else None


def _dates(text: str) -> str:
    def date_range(m: re.Match) -> str:
        if not (1 <= int(m[4]) <= 12):
            return m[0]
        return f"{m[1] or 'ngày '}{m[2]} đến {m[3]} tháng {_month(m[4])} năm {m[5]}"

    def date(m: re.Match) -> str:
        if not (1 <= int(m[2]) <= 31 and 1 <= int(m[4]) <= 12):
            return m[0]
        return f"{m[1] or 'ngày '}{m[2]} tháng {_month(m[4])} năm {m[5]}"

    text = _DATE_RANGE.sub(date_range, text)
    text = _DATE.sub(date, text)
    text = _DAY_MONTH.sub(lambda m: f"{m[1]}{m[2]} tháng {_month(m[3])}" if 1 <= int(m[3]) <= 12 else m[0], text)
    return _MONTH_YEAR.sub(lambda m: f"{m[1] or 'tháng '}{_month(m[2])} năm {m[3]}" if 1 <= int(m[2]) <= 12 else m[0], text)


def _clock(hours: str, minutes: str) -> str:
    return f"{int(hours)} giờ" + (f" {int(minutes)}" if int(minutes) else "")


def _times(m: re.Match) -> str:
    if int(m[1]) > 24 or int(m[2]) > 59 or (m[3] and (int(m[3]) > 24 or int(m[4]) > 59)):
        return m[0]
    return _clock(m[1], m[2]) + (f" đến {_clock(m[3], m[4])}" if m[3] else "")


def _one_by_one(digits: str) -> str:
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def _numbers(m: re.Match) -> str:
    """Decimals as people say them: "3,14" -> "ba phẩy mười bốn"; longer tails digit by digit."""
    words = number_words(m[1].replace(".", ""))
    if not m[2]:
        return words
    tail = number_words(m[2]) if len(m[2]) <= 2 and m[2][0] != "0" else _one_by_one(m[2])
    return f"{words} phẩy {tail}"


def spoken_vi(text: str) -> str:
    """Rewrite dates, numbers, units and abbreviations in ``text`` as spoken Vietnamese."""
    text = _CODE.sub(r"\1", text)
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m[0]], text)
    text = _dates(text)
    text = _TIME.sub(_times, text)
    text = _CENTURY.sub(lambda m: f"{m[1]} {number_words(str(_roman(m[2])))}" if _roman(m[2]) else m[0], text)
    text = _RANGE.sub(r"\1 đến \2", text)
    text = _UNIT.sub(lambda m: f"{m[1]} {UNITS[m[2]]}", text)
    text = _PHONE.sub(lambda m: _one_by_one(m[0]), text)
    text = _POINT.sub(lambda m: f"{number_words(m[1])} chấm {_one_by_one(m[2])}", text)
    return _NUMBER.sub(_numbers, text)
