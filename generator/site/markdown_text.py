"""Volunteers' Markdown to safe HTML.

Python-Markdown passes raw HTML and ``javascript:`` links straight through, so its
output goes through nh3 (the Rust ammonia sanitiser): text from YAML is data and
must never become markup that runs.
"""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "code", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def markdown_to_safe_html(text: str) -> str:
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="nofollow noopener",
    )
