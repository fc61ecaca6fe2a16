"""A published record must not show the template's placeholder text to visitors."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

TEMPLATE_TEXTS = {"name.vi": "Tên di tích", "summary.vi": "Viết vài câu giới thiệu di tích bằng lời của bạn.",
                  "history.vi": "Viết ở đây."}


def copy_template(project: Path, status: str) -> tuple[Path, list[str]]:
    """The template copied as a volunteer would, changing only id and status."""
    text = (project / "sites" / "_template.yml").read_text(encoding="utf-8")
    text = text.replace("\nid: TH-XXXX\n", "\nid: TH-0001\n").replace("\nstatus: draft\n", f"\nstatus: {status}\n")
    path = project / "sites" / "den-moi.yml"
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines()


def _line_of(lines: list[str], text: str) -> int:
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_the_untouched_template_published_is_refused_at_each_placeholder(records_project: Path) -> None:
    path, lines = copy_template(records_project, "published")
    result = run_cli(records_project, "--lang", "en", "check")
    assert result.exit_code == 1
    for field in ("name.vi", "summary.vi"):
        text = TEMPLATE_TEXTS[field]
        line = _line_of(lines, f"  vi: {text}")
        column = lines[line - 1].index(text) + 1
        assert (f"sites/den-moi.yml:{line}:{column}: {field}: still the placeholder text of sites/_template.yml "
                f"('{text}')") in result.output
    history = _line_of(lines, "history:") + 1  # a block scalar is positioned at its indicator
    assert f"sites/den-moi.yml:{history}:" in result.output
    assert "history.vi: still the placeholder text of sites/_template.yml ('Viết ở đây.')" in result.output
    vi = run_cli(records_project, "check")
    assert "name.vi: vẫn là chữ mẫu của sites/_template.yml ('Tên di tích')" in vi.output


def test_a_draft_may_keep_the_placeholders(records_project: Path) -> None:
    copy_template(records_project, "draft")
    result = run_cli(records_project, "check")
    assert result.exit_code == 0, result.output
    assert "chữ mẫu" not in result.output


def fill_placeholders(path: Path) -> str:
    """Write real-looking text in place of each placeholder; return the new text."""
    text = path.read_text(encoding="utf-8")
    for field, placeholder in TEMPLATE_TEXTS.items():
        text = text.replace(placeholder, "Đền Mới" if field == "name.vi" else "Di tích được xếp hạng năm 1962.")
    path.write_text(text, encoding="utf-8")
    return text


def test_real_text_in_place_of_the_placeholders_is_accepted(records_project: Path) -> None:
    path, _ = copy_template(records_project, "published")
    fill_placeholders(path)
    result = run_cli(records_project, "check")
    assert "chữ mẫu" not in result.output, result.output


def test_a_published_record_without_sources_is_warned_at_the_field(records_project: Path) -> None:
    path, lines = copy_template(records_project, "published")
    text = fill_placeholders(path)
    line = _line_of(lines, "sources: []")
    result = run_cli(records_project, "--lang", "en", "check")
    assert f"sites/den-moi.yml:{line}:10: warning: sources: published without any source" in result.output
    assert result.exit_code == 0, result.output  # a warning: the page still builds
    vi = run_cli(records_project, "check")
    assert f"sites/den-moi.yml:{line}:10: cảnh báo: sources: di tích đã công bố nhưng chưa ghi nguồn" in vi.output
    path.write_text(text.replace("sources: []", "sources:\n  - title: Sở VHTTDL Thanh Hóa\n    url: https://svhttdl.thanhhoa.gov.vn/"),
                    encoding="utf-8")
    assert "sources" not in run_cli(records_project, "--lang", "en", "check").output


def test_a_draft_without_sources_is_not_warned(records_project: Path) -> None:
    copy_template(records_project, "draft")
    assert "sources" not in run_cli(records_project, "--lang", "en", "check").output


def test_a_published_name_the_plaque_font_cannot_print_is_refused_at_the_field(records_project: Path) -> None:
    """check passing means the build passes: the build stops at a plaque it cannot print."""
    path, _ = copy_template(records_project, "published")
    text = fill_placeholders(path).replace("Đền Mới", "Chùa 寺 Mới")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = _line_of(lines, "  vi: Chùa 寺 Mới")
    result = run_cli(records_project, "--lang", "en", "check")
    assert result.exit_code == 1
    assert (f"sites/den-moi.yml:{line}:{lines[line - 1].index('Chùa') + 1}: name.vi: site TH-0001: "
            "the plaque font has no 寺; retype the name with a Unicode Vietnamese keyboard") in result.output
    path.write_text(text.replace("\nstatus: published\n", "\nstatus: draft\n"), encoding="utf-8")
    assert run_cli(records_project, "check").exit_code == 0  # a draft prints no plaque
