"""The Jinja environment of the visitor's site: templates beside this module, autoescaped.

Text from YAML is data: templates autoescape it, volunteers' Markdown goes through
``markdown_to_safe_html``, front matter values are escaped once in ``front_matter``.
"""

from __future__ import annotations

import jinja2



def template_env(package: str) -> jinja2.Environment:
    """The templates/ folder of ``package`` (a render stage), with the site's escaping rules."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,  # YAML text is data: escape it everywhere by default
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


ENV = template_env("generator.site")
