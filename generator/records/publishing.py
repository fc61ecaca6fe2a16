"""Checks that only matter once a site is published: what visitors would read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .diagnostics import Diagnostic, Severity
from .template import TEMPLATE_FILE, placeholder_fields, template_placeholders

if TYPE_CHECKING:
    from ..config import ProjectConfig
    from .validate import SiteRecord


def published_checks(records: list["SiteRecord"], config: "ProjectConfig") -> Iterable[Diagnostic]:
    """An error for each field of a published record that still holds the template's
    placeholder text, or that its plaque cannot print, at that field; a warning for a
    published record citing no source."""
    yield from placeholder_checks(records, config, "sites")
    for record in records:
        if record.site.is_published:
            yield from _unprintable(record)
            if not record.site.sources:
                yield _no_sources(record)


def placeholder_checks(records: list["SiteRecord"], config: "ProjectConfig", folder: str) -> Iterable[Diagnostic]:
    """An error for each field of a published record of the kind in ``folder`` (``sites``,
    ``tours``, ``villages``) that still holds its template's placeholder text, at that field."""
    placeholders = template_placeholders(config, folder)  # read once per run
    for record in records:
        if record.site.is_published:
            for path, text in placeholder_fields(record, placeholders):
                yield record.at(path, "text.template_placeholder", text=text, template=f"{folder}/{TEMPLATE_FILE}")


def _unprintable(record: "SiteRecord") -> Iterable[Diagnostic]:
    """The names its plaque prints, with a character the plaque font lacks: the build
    would stop at that plaque (``plaques.content``), so check says so first, at the field."""
    from ..plaques.typesetting import missing_glyphs  # reads the font: only for published sites

    for path, text in ((("name", "vi"), record.site.name.vi), (("name", "en"), record.site.name.en)):
        missing = missing_glyphs(text or "")
        if missing:
            yield record.at(path, "plaques.missing_glyphs", id=record.site.id, chars=" ".join(sorted(missing)))


def _no_sources(record: "SiteRecord") -> Diagnostic:
    """At ``sources:`` if the file has it, else at ``status:`` (what makes it matter)."""
    data = record.document.data
    position = record.document.position_of(("sources",) if "sources" in data else ("status",))
    return Diagnostic(record.path, position.line, position.column, "sources", "sources.none", {}, Severity.WARNING)
