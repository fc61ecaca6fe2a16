"""The Jinja environment of the organisers' pages: templates beside this module, autoescaped."""

from __future__ import annotations

import jinja2

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.dashboard", "templates"),
    autoescape=True,  # names and notes come from YAML: data, never markup
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
