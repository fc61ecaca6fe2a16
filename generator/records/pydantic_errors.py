"""Pydantic's validation errors -> positioned diagnostics with our message codes."""

from __future__ import annotations

import difflib
import re
from typing import Any, get_args

from pydantic import BaseModel

from ..config import ProjectConfig
from .diagnostics import Diagnostic, FieldPath, field_name
from .schema import ANGLE_RANGES
from .slugs import slugify
from .yaml_source import YamlDocument

_TYPE_CODES = {
    "string_type": "type.text",
    "int_type": "type.integer",
    "int_parsing": "type.integer",
    "int_from_float": "type.integer",
    "float_type": "type.number",
    "float_parsing": "type.number",
    "list_type": "type.list",
    "model_type": "type.mapping",
    "model_attributes_type": "type.mapping",
    "dict_type": "type.mapping",
    "date_type": "type.date",
    "date_parsing": "type.date",
    "date_from_datetime_parsing": "type.date",
    "date_from_datetime_inexact": "type.date",
}
_PATTERN_CODES = {"id": "id.format", "slug": "slug.format", "renamed_from": "slug.format", "url": "url.scheme",
                  "website": "url.scheme", "site": "id.format", "scene": "slug.format"}  # the last two: hotspots
_RANGE_CODES = {"lat": "lat.range", "lon": "lon.range", "year": "year.range"}
_BOUND_ERRORS = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}


def _model_at(root: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The model class that holds the field at ``path`` of a ``root`` record, to list its allowed fields."""
    model = root
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        found = _first_model(info.annotation)
        if found is None:
            return None
        model = found
    return model


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _first_model(arg)
        if found:
            return found
    return None


def _describe(value: Any) -> Any:
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return type(value).__name__
    return value


def _unknown_field_hint(root: type[BaseModel], path: FieldPath) -> tuple[str, dict[str, Any]]:
    model = _model_at(root, path[:-1])
    allowed = sorted(model.model_fields) if model else []
    close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return "hint.did_you_mean", {"suggestion": close[0]}
    return "hint.allowed_fields", {"allowed": ", ".join(allowed)}


def _choice_params(expected: str, value: object) -> dict[str, Any]:
    """The allowed values of an enum in the reader's language ("a, b hoặc c"), after the
    closest one when the value looks like a typo of it. ``expected`` is pydantic's
    rendering ("'a', 'b' or 'c'"); the values are the quoted parts. Returns the
    ``type.choice`` parameters ``allowed`` and ``hint`` (nested messages)."""
    choices = re.findall(r"'([^']*)'", expected)
    listed = ", ".join(f"'{choice}'" for choice in choices[:-1])
    allowed = ("list.alternatives", {"items": listed, "last": f"'{choices[-1]}'"}) if len(choices) > 1 else expected
    typed = str(value).strip().lower()
    # The same words in another order ("national-special") before the closest spelling.
    close = [c for c in choices if sorted(c.split("-")) == sorted(typed.replace(" ", "-").split("-"))] or \
        difflib.get_close_matches(typed, choices, n=1, cutoff=0.6)
    return {"allowed": allowed, "hint": ("hint.did_you_mean", {"suggestion": close[0]}) if close else ""}


# "19.8128, 105.8378": a point copied whole from a map app into one field.
_PASTED_POINT = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def _pasted_point_hint(value: object) -> tuple[str, dict[str, Any]] | str:
    found = _PASTED_POINT.match(value) if isinstance(value, str) else None
    return ("hint.pasted_point", {"lat": found[1], "lon": found[2]}) if found else ""


def _swap_hint(document: YamlDocument, location_path: FieldPath) -> bool:
    raw = document.data
    for part in location_path:
        raw = raw.get(part) if isinstance(raw, dict) else None
    if not isinstance(raw, dict):
        return False
    lat, lon = raw.get("lat"), raw.get("lon")
    return isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and abs(lon) <= 90 and abs(lat) <= 180


def translate_error(error: dict[str, Any], document: YamlDocument, config: ProjectConfig, next_id: str,
                    root: type[BaseModel], template: str = "") -> Diagnostic:
    """Map one pydantic error to a message code, parameters and position; ``template``
    (e.g. ``tours/_template.yml``) is where a missing field's message sends the volunteer."""
    path: FieldPath = tuple(error["loc"])
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    last = path[-1] if path else ""
    params: dict[str, Any] = {"got": _describe(value)}
    position = document.position_of(path)
    if kind == "missing":
        hint = ("hint.see_template", {"template": template}) if template else ""
        code, params = "field.missing", {"name": last, "hint": hint}
    elif kind == "extra_forbidden":
        position = document.key_position_of(path)
        hint_code, hint_params = _unknown_field_hint(root, path)
        code, params = "field.unknown", {"name": last, "hint": (hint_code, hint_params)}
    elif kind in _TYPE_CODES and value is None:  # "lat:" with nothing after it
        code = "value.empty"
    elif kind in _TYPE_CODES:
        code = _TYPE_CODES[kind]
        if code == "type.number":
            params["hint"] = _pasted_point_hint(value) if last in ("lat", "lon") else ""
    elif kind == "enum":
        code = "type.choice"
        params.update(_choice_params(ctx.get("expected", ""), value))
    elif kind == "string_too_short":
        code = "text.empty"
    elif kind == "string_too_long":
        code, params = "text.too_long", {"length": len(str(value)), "limit": ctx.get("max_length")}
    elif kind == "too_short":
        code, params = "list.too_short", {"min": ctx.get("min_length", 1)}
    elif kind == "string_pattern_mismatch" and last in _PATTERN_CODES:
        code = _PATTERN_CODES[last]
        params.update(prefix=config.id_prefix, next_id=next_id, suggestion=slugify(str(value)) or "den-ba-trieu")
    elif kind in _BOUND_ERRORS and last in _RANGE_CODES:
        code = _RANGE_CODES[last]
        params.update(min=1945, max=2100, hint=("hint.swapped", {}) if _swap_hint(document, path[:-1]) else "")
    elif kind in _BOUND_ERRORS and last in ANGLE_RANGES:
        code = "angle.range"
        params.update(min=ANGLE_RANGES[last][0], max=ANGLE_RANGES[last][1])
    elif kind.startswith(("text.", "list.", "url.", "id.", "slug.", "stop.", "markdown.", "hotspot.")):
        code = kind
        params.update(ctx)
    else:
        code, params = "field.invalid", {"detail": error.get("msg", kind)}
    return Diagnostic(document.path, position.line, position.column, field_name(path), code, params)
