"""Vietnamese alphabetical order: the one sort key of every list a visitor reads.

Vietnamese dictionaries order letters ``a ă â b c d đ e ê g h i k l m n o ô ơ p q r
s t u ư v x y`` (ă, â, đ, ê, ô, ơ, ư are letters of their own, not accented copies)
and compare tones only when the letters are equal, in the order
ngang, huyền, hỏi, ngã, sắc, nặng (as in CLDR's ``vi`` collation). Sorting by the
name with its accents removed puts "Đền …" before "Di chỉ …" and "Hầm …" before
"Hang …"; ``collation_key`` puts them as a Vietnamese reader expects.

The key has three levels, compared in turn over the whole text: letters, then tones,
then case; the text itself breaks any remaining tie, so the order is total and stable.
Open-data exports keep their order by permanent id (a machine's order, not a reader's).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# The Latin letters Vietnamese does not use (f, j, w, z) sit where the Latin alphabet
# puts them, so foreign names in a record still sort sensibly.
_ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
             "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
# Marks that make a letter (breve, circumflex, horn) versus marks that are tones.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
# Spaces sort before everything ("Đền X" before "Đềnh"), then other punctuation, then
# digits, then letters; any other character keeps its code point order after them.
_SPACE, _PUNCTUATION, _DIGITS, _LETTERS, _OTHER = 1, 2, 10, 100, 1000
_LETTER_RANK = {letter: _LETTERS + index for index, letter in enumerate(_ALPHABET)}


def _split(char: str) -> tuple[str, int]:
    """One precomposed character -> (its letter with letter-marks, NFC; its tone number)."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = 0
    kept = []
    for part in decomposed:
        if part in _TONES:
            tone = _TONES[part]
        elif not unicodedata.combining(part) or part in _LETTER_MARKS:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _primary(letter: str) -> int:
    lower = letter.lower()
    if lower in _LETTER_RANK:
        return _LETTER_RANK[lower]
    if lower.isspace():
        return _SPACE
    if lower.isdigit() and len(lower) == 1 and lower.isascii():
        return _DIGITS + int(lower)
    if len(lower) == 1 and not lower.isalnum():
        return _PUNCTUATION
    return _OTHER + ord(lower[0]) if lower else _OTHER


@lru_cache(maxsize=4096)
def _character(char: str) -> tuple[int, int, int]:
    """(alphabet rank, tone 0–5, case 0/1) of one NFC character; cached because names
    reuse a few hundred characters and the build sorts thousands of them several times."""
    letter, tone = _split(char)
    return _primary(letter), tone, 1 if letter != letter.lower() else 0


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]:
    """Sort key for ``text`` in Vietnamese alphabetical order.

    Returns (letters, tones, case, text): letters as alphabet ranks, tones as 0–5 per
    character (0 = no tone), case as 0 lower / 1 upper; compare with ``<`` or pass to
    ``sorted(key=...)``. Accepts NFC or NFD text; never raises.
    """
    nfc = unicodedata.normalize("NFC", text)
    keys = [_character(char) for char in nfc]
    return (tuple(key[0] for key in keys), tuple(key[1] for key in keys), tuple(key[2] for key in keys), nfc)
