"""Problems found in volunteers' files, and how they are shown.

Every problem names the file, line, column and field, says what is wrong and how to
fix it, in Vietnamese or English (the catalogue lives in ``messages``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ..i18n.messages import translate


FieldPath = tuple[str | int, ...]


def field_name(path: FieldPath) -> str:
    """``('images', 0, 'file')`` -> ``images[0].file``: how messages name a field."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem. ``code`` selects the message; ``params`` fill it in."""

    path: Path
    line: int
    column: int
    field: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def render(self, lang: str, base: Path | None = None) -> str:
        shown = _display_path(self.path, base)
        label = translate("label." + self.severity.value, lang)
        where = f"{shown}:{self.line}:{self.column}" if self.line else shown
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {label}{subject}{translate(self.code, lang, **self.params)}"


def _display_path(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return relative_path(path, base)
        except ValueError:  # another drive on Windows
            pass
    return str(path)


def relative_path(path: Path, base: Path) -> str:
    """``os.path.relpath(path, base)``, without its cost in the usual case (a file under
    ``base``, both normalised): thousands of messages and cache keys name one each."""
    text, prefix = str(path), os.path.join(base, "")
    if text.startswith(prefix) and os.path.normpath(text) == text:
        return text[len(prefix):]
    return os.path.relpath(path, base)


@dataclass
class Report:
    """All problems of one run, so a volunteer sees every mistake at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (str(d.path), d.line, d.column, d.code))

    def render(self, lang: str, base: Path | None = None) -> list[str]:
        return [d.render(lang, base) for d in self.sorted()]
