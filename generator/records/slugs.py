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



# A reference contained in this many slugs or more names no site in particular.
MAX_REF_CHOICES = 4


def ref_hint(ref: str, known: list[str]) -> str | tuple[str, dict[str, str]]:
    """A did-you-mean hint (a ``(code, params)`` message, or "") for a site reference
    ``ref`` that named nothing; ``known`` holds every id and slug it could have named.

    A typed part of a slug ("ba-trieu") lists the slugs containing it (fewer than
    MAX_REF_CHOICES); otherwise the closest id or slug by spelling, ignoring case.
    """
    from .places import closest_match  # the official-names module is heavy to import

    folded = {name.casefold(): name for name in known}
    typed = ref.casefold()
    containing = sorted(name for key, name in folded.items() if typed in key)
    if len(containing) == 1:
        return "hint.did_you_mean", {"suggestion": containing[0]}
    if 1 < len(containing) < MAX_REF_CHOICES:
        return "hint.one_of", {"choices": ", ".join(containing)}
    close = None if containing else closest_match(typed, folded)
    return ("hint.did_you_mean", {"suggestion": folded[close]}) if close else ""
