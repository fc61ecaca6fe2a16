"""``sites/_template.yml`` (and ``tours/``, ``villages/_template.yml``), the records volunteers
copy, and the placeholder text they ship.

The template's texts (``name.vi: Tên di tích``, ``summary.vi``, ``history.vi`` ...) are
instructions, not facts. A published record that still carries one would put
"Viết ở đây." on the public site, so ``check`` refuses it. The placeholders are read
from the template itself: editing the template's wording cannot leave a stale copy here.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, Iterable

from .diagnostics import FieldPath
from .yaml_source import YamlSourceError, load_yaml_file

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from .validate import SiteRecord

TEMPLATE_FILE = "_template.yml"


def _paragraphs(text: str) -> set[str]:
    """Blank-line separated paragraphs, whitespace collapsed and NFC; Markdown headings
    left out (a volunteer may keep a heading and write under it)."""
    parts = (" ".join(part.split()) for part in text.split("\n\n"))
    return {unicodedata.normalize("NFC", part) for part in parts if part and not part.startswith("#")}


def _texts(data: Any, path: FieldPath = ()) -> Iterable[tuple[FieldPath, str]]:
    """Every ``vi``/``en`` text of a localized field, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("vi", "en") and isinstance(value, str) and value.strip():
                yield (*path, key), value
            else:
                yield from _texts(value, (*path, key))


def template_placeholders(config: "ProjectConfig", folder: str = "sites") -> dict[FieldPath, set[str]]:
    """The placeholder paragraphs of ``<folder>/_template.yml`` by field path, e.g.
    ``("summary", "vi")``; empty if the project has no readable template there."""
    try:
        document = load_yaml_file(config.root / folder / TEMPLATE_FILE)
    except (YamlSourceError, OSError):
        return {}
    return {path: _paragraphs(text) for path, text in _texts(document.data)}


def _value(data: Any, path: FieldPath) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def placeholder_fields(record: "SiteRecord", placeholders: dict[FieldPath, set[str]]) -> Iterable[tuple[FieldPath, str]]:
    """(field path, placeholder paragraph) for each field of ``record`` that still holds
    text of the template at that field."""
    for path, texts in placeholders.items():
        value = _value(record.document.data, path)
        if isinstance(value, str) and _may_hold(value, texts):
            kept = sorted(_paragraphs(value) & texts)
            if kept:
                yield path, kept[0]


def _may_hold(value: str, texts: set[str]) -> bool:
    """False only if no paragraph of ``value`` can be one of ``texts``: a paragraph that
    is one holds its first word. Splitting every history of 5,000 records into
    paragraphs was a sixth of a check that had nothing else to do."""
    return any(text.split(" ", 1)[0] in value for text in texts)
