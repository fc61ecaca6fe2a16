"""YAML front matter for generated pages, with every text value HTML-escaped once."""

from __future__ import annotations

import html
from typing import Any

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # PyYAML wheels ship libyaml; fall back without it


def _escape_value(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escape_value(item) for item in value]
    return value


def front_matter(**fields: Any) -> str:
    """YAML front matter whose text values are HTML-escaped.

    mkdocs-material prints ``title`` and ``description`` (and our theme override the
    Open Graph values) into <title> and attributes without escaping them, so we
    escape here, once. Values are strings or lists of strings; None is left out.
    """
    escaped = {key: _escape_value(value) for key, value in fields.items() if value is not None}
    # libyaml's emitter: the pure-Python one took 7 ms a page (a third of writing it).
    return "---\n" + yaml.dump(escaped, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"
