"""ASCII slugs from Vietnamese names: ``Đền Bà Triệu`` -> ``den-ba-trieu``."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# NFD does not decompose đ/Đ (a letter of its own, not d + mark), so map it first.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold_diacritics(text: str) -> str:
    """Remove tones and vowel marks; keep case. ``Hàm Rồng`` -> ``Ham Rong``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; empty if nothing survives."""
    return _NON_ALNUM.sub("-", fold_diacritics(text).lower()).strip("-")
