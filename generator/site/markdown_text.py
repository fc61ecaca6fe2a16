"""Volunteers' Markdown to safe HTML.

Python-Markdown passes raw HTML and ``javascript:`` links straight through, so its
output goes through nh3 (the Rust ammonia sanitiser): text from YAML is data and
must never become markup that runs.

Its link patterns look for the ``]`` (and the ``)``) closing each ``[`` one character
at a time through the rest of the paragraph, so a paragraph of unmatched ``[`` takes
time quadratic in its length (20 KB: 93 s). CommonMark limits a link label to 999
characters; ``_BoundedLinks`` stops each search there (and a destination at the
schema's URL limit), so no ``[`` costs more than that. The schema bounds how many
there may be (``records.schema.MARKDOWN_MAX_BRACKETS``); bench/bench_markdown.py
measures the worst records it accepts.
"""

from __future__ import annotations

import threading
from typing import Any

import markdown
import nh3
from markdown import inlinepatterns as ip
from markdown.extensions import Extension

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "code", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
MAX_LINK_LABEL = 999  # CommonMark's own limit on a link label
MAX_LINK_DESTINATION = 2100  # a schema URL (2000) with its title and spaces


class _Bounded:
    """Mixin for Python-Markdown's link processors: search a bounded window only."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 - the library's name
        return super().getText(data[: index + MAX_LINK_LABEL + 1], index)  # type: ignore[misc]

    def getLink(self, data: str, index: int) -> Any:  # noqa: N802
        return super().getLink(data[: index + MAX_LINK_DESTINATION], index)  # type: ignore[misc]


def _bounded(base: type) -> type:
    return type("Bounded" + base.__name__, (_Bounded, base), {})


# name -> (processor, pattern), as Python-Markdown registers them (same priorities).
_LINK_PROCESSORS = {
    "reference": (_bounded(ip.ReferenceInlineProcessor), ip.REFERENCE_RE, 170),
    "link": (_bounded(ip.LinkInlineProcessor), ip.LINK_RE, 160),
    "image_link": (_bounded(ip.ImageInlineProcessor), ip.IMAGE_LINK_RE, 150),
    "image_reference": (_bounded(ip.ImageReferenceInlineProcessor), ip.IMAGE_REFERENCE_RE, 140),
    "short_reference": (_bounded(ip.ShortReferenceInlineProcessor), ip.REFERENCE_RE, 130),
    "short_image_ref": (_bounded(ip.ShortImageReferenceInlineProcessor), ip.IMAGE_REFERENCE_RE, 125),
}


class _BoundedLinks(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        for name, (processor, pattern, priority) in _LINK_PROCESSORS.items():
            md.inlinePatterns.register(processor(pattern, md), name, priority)


# Setting up a Markdown instance (extensions, ~40 processors) cost more than converting a
# whole history (about 5 of 11 ms per page), so each thread keeps one and resets it
# between texts, as Python-Markdown documents for reuse.
_converters = threading.local()


def _converter() -> markdown.Markdown:
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = markdown.Markdown(extensions=["tables", "sane_lists", _BoundedLinks()], output_format="html")
        _converters.markdown = converter
    return converter


def markdown_to_safe_html(text: str) -> str:
    """``text`` (volunteers' Markdown) as sanitised HTML: only ALLOWED_TAGS and
    ALLOWED_ATTRIBUTES, links to http(s)/mailto/tel with rel="nofollow noopener"."""
    html = _converter().reset().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="nofollow noopener",
    )
