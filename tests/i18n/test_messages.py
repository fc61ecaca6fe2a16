"""generator.i18n.messages and diagnostics: every message exists in Vietnamese and English."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT

from generator.records.diagnostics import Diagnostic, Report, Severity
from generator.i18n.messages import CATALOGUE, LANGUAGES, pick_language, translate

# Every module of the package: a code used anywhere must exist in the catalogue.
MODULES = sorted(p.relative_to(REPO_ROOT / "generator").with_suffix("").as_posix() for p in (REPO_ROOT / "generator").rglob("*.py"))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_placeholders(code):
    texts = CATALOGUE[code]
    assert set(texts) == set(LANGUAGES)
    assert _placeholders(texts["vi"]) == _placeholders(texts["en"])
    if not code.startswith("label."):
        assert texts["vi"] and texts["en"] and texts["vi"] != texts["en"]


def _string_literals(module: str) -> set[str]:
    tree = ast.parse((REPO_ROOT / "generator" / f"{module}.py").read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_code_the_code_uses_is_in_the_catalogue():
    prefixes = {code.split(".")[0] for code in CATALOGUE}
    used = {
        text for module in MODULES for text in _string_literals(module)
        if "." in text and " " not in text and text.split(".")[0] in prefixes and all(part.replace("_", "").isalpha() for part in text.split("."))
    }
    assert len(used) > 30
    assert sorted(used - set(CATALOGUE)) == []


def test_hints_are_messages_inside_messages():
    assert translate("lat.range", "en", got=105.8, hint=("hint.swapped", {})) == (
        "105.8 is not a latitude (must be between -90 and 90); did you swap lat and lon?"
    )
    assert translate("field.unknown", "vi", name="sumary", hint=("hint.did_you_mean", {"suggestion": "summary"})) == (
        "trường 'sumary' không có trong mẫu; có phải ý bạn là 'summary'?"
    )


def test_unknown_language_falls_back_to_vietnamese():
    assert translate("text.empty", "fr") == translate("text.empty", "vi") == "không được để trống"


@pytest.mark.parametrize(
    "explicit, env, expected",
    [
        (None, {}, "vi"),
        ("en", {"LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"DIACHIDO_LANG": "en", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LANG": "C.UTF-8"}, "vi"),
        (None, {"DIACHIDO_LANG": "klingon"}, "vi"),
    ],
)
def test_language_choice(monkeypatch, explicit, env, expected):
    for name in ("DIACHIDO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert pick_language(explicit) == expected


def test_diagnostic_renders_file_line_column_field_and_message():
    d = Diagnostic(Path("/p/sites/den-ba-trieu.yml"), 12, 5, "location.lat", "lat.range",
                   {"got": 119.2, "hint": ("hint.swapped", {})})
    assert d.render("en", base=Path("/p")) == (
        "sites/den-ba-trieu.yml:12:5: location.lat: 119.2 is not a latitude (must be between -90 and 90); "
        "did you swap lat and lon?"
    )
    assert d.render("vi", base=Path("/p")).startswith("sites/den-ba-trieu.yml:12:5: location.lat: 119.2 không phải vĩ độ")


def test_file_level_problems_render_without_position_and_warnings_are_labelled():
    big = Diagnostic(Path("/p/sites/a.yml"), 0, 0, "", "file.too_large", {"size": 300000, "limit": 262144})
    assert big.render("en", base=Path("/p")).startswith("sites/a.yml: file is too large")
    near = Diagnostic(Path("/p/sites/b.yml"), 3, 1, "location", "sites.nearby", {"distance": 4.2, "other": "sites/a.yml"},
                      Severity.WARNING)
    assert near.render("en", base=Path("/p")) == (
        "sites/b.yml:3:1: warning: location: only 4.2 m from sites/a.yml; is this the same site entered twice?"
    )
    assert near.render("vi", base=Path("/p")).startswith("sites/b.yml:3:1: cảnh báo: location: cách sites/a.yml")


def test_report_sorts_by_file_then_position():
    report = Report()
    for path, line in (("b.yml", 1), ("a.yml", 9), ("a.yml", 2)):
        report.add(Diagnostic(Path(path), line, 1, "", "text.empty"))
    report.add(Diagnostic(Path("a.yml"), 5, 1, "", "sites.nearby", {"distance": 1, "other": "x"}, Severity.WARNING))
    assert [(str(d.path), d.line) for d in report.sorted()] == [("a.yml", 2), ("a.yml", 5), ("a.yml", 9), ("b.yml", 1)]
    assert len(report.errors) == 3 and len(report.warnings) == 1


def test_english_counts_take_the_singular_for_one_and_vietnamese_measures_take_a_decimal_comma():
    assert translate("summary.failed", "en", files=1, errors=1, warnings=2).startswith(
        "Checked 1 file: 1 error, 2 warnings.")
    assert translate("summary.ok", "en", files=3, sites=3, warnings=0) == "Checked 3 files: 3 valid sites, 0 warnings."
    assert "chỉ dài 1,5 giây" in translate("audio.too_short", "vi", file="a.mp3", seconds=1.5, limit=3)
    assert "only 1.5 seconds" in translate("audio.too_short", "en", file="a.mp3", seconds=1.5, limit=3)
    # What the volunteer typed is echoed as typed: YAML needs the decimal point.
    assert translate("lat.range", "vi", got=119.2, hint="").startswith("119.2 không phải vĩ độ")
