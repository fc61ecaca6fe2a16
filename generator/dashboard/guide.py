"""The volunteers' guide ("Hướng dẫn cho tình nguyện viên"): one plain rule per field of
the site record, generated from the schema's descriptions so it can never drift from
what ``diachido check`` accepts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .. import urls
from ..files import write_text
from ..records.schema import json_schema
from ..site.front_matter import front_matter
from .templating import ENV

# Sub-fields of the many localised texts ({vi, en}) share one rule each.
LANGUAGE_RULES = {"vi": "tiếng Việt, đủ dấu", "en": "tiếng Anh (không bắt buộc)"}


@dataclass(frozen=True)
class FieldRule:
    path: str  # e.g. "location.lat", "images[].file"
    depth: int
    required: bool
    rule: str  # the Vietnamese part of the description
    allowed: tuple[str, ...]  # enumerated values, if any
    kind: str  # chữ, số, ngày, danh sách, nhóm


def _vietnamese(description: str) -> str:
    """Descriptions are written "Vietnamese / English"; the guide is Vietnamese."""
    return description.split(" / ")[0].strip()


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Follow $ref and drop the ``null`` branch of optional values; the field's own keys
    (its description) win over those of the definition it points to."""
    branches = [branch for branch in node.get("anyOf", []) if branch.get("type") != "null"]
    if len(branches) == 1:
        node = {**{key: value for key, value in node.items() if key != "anyOf"}, **branches[0]}
    if "$ref" in node:
        target = defs[node["$ref"].split("/")[-1]]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def _kind(node: dict[str, Any]) -> str:
    if "properties" in node:
        return "nhóm"
    if node.get("type") == "array":
        return "danh sách"
    if node.get("format") == "date":
        return "ngày (YYYY-MM-DD)"
    if node.get("type") in ("number", "integer"):
        return "số"
    return "chữ"


def _rules(node: dict[str, Any], path: str, depth: int, defs: dict[str, Any]) -> Iterator[FieldRule]:
    required = set(node.get("required", []))
    for name, raw in node.get("properties", {}).items():
        field = _resolve(dict(raw), defs)
        items = _resolve(dict(field["items"]), defs) if field.get("type") == "array" and "items" in field else {}
        allowed = field.get("enum") or items.get("enum") or ()
        description = field.get("description") or (LANGUAGE_RULES.get(name) if not field.get("properties") else "")
        full = f"{path}{name}"
        yield FieldRule(full, depth, name in required, _vietnamese(description or items.get("description", "")),
                        tuple(str(value) for value in allowed), _kind(field))
        if "properties" in field:
            yield from _rules(field, f"{full}.", depth + 1, defs)
        elif "properties" in items:
            yield from _rules(items, f"{full}[].", depth + 1, defs)


def field_rules() -> list[FieldRule]:
    """Every field of the site record, parents before their children, in schema order."""
    schema = json_schema()
    return list(_rules(schema, "", 0, schema.get("$defs", {})))


def render_guide(links: dict[str, str]) -> str:
    return ENV.get_template("guide.md.j2").render(
        front_matter=front_matter(title="Hướng dẫn cho tình nguyện viên",
                                  description="Cách điền hồ sơ di tích: mỗi trường một quy tắc.",
                                  lang="vi", robots="noindex", hide=["navigation"]),
        rules=field_rules(),
        links=links,
    )


def write_guide(docs_root: Path, links: dict[str, str]) -> None:
    write_text(docs_root / urls.guide_path() / "index.md", render_guide(links))
