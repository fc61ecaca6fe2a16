"""The site page's history section: one "Lịch sử" heading, whoever writes it."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.records.template import template_placeholders
from generator.site.site_page import without_leading_heading
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize("markdown, heading, expected", [
    ("## Lịch sử\n\nĐền dựng năm 1470.\n", "Lịch sử", "Đền dựng năm 1470.\n"),
    ("# LỊCH SỬ ##\nĐền dựng năm 1470.", "Lịch sử", "Đền dựng năm 1470."),
    ("\n### History\n\nBuilt in 1470.", "History", "Built in 1470."),
    # Any other heading, or the word in the text, stays.
    ("## Lịch sử xây dựng\n\nĐền dựng năm 1470.", "Lịch sử", "## Lịch sử xây dựng\n\nĐền dựng năm 1470."),
    ("Lịch sử của đền bắt đầu năm 1470.", "Lịch sử", "Lịch sử của đền bắt đầu năm 1470."),
    ("Đền dựng năm 1470.\n\n## Lịch sử", "Lịch sử", "Đền dựng năm 1470.\n\n## Lịch sử"),
])
def test_a_leading_heading_equal_to_the_pages_own_is_dropped(markdown: str, heading: str, expected: str) -> None:
    assert without_leading_heading(markdown, heading) == expected


def test_the_template_history_does_not_repeat_the_pages_heading() -> None:
    placeholders = template_placeholders(load_config(REPO_ROOT))
    assert placeholders[("history", "vi")] == {"Viết ở đây."}
    template = (REPO_ROOT / "sites" / "_template.yml").read_text(encoding="utf-8")
    assert "## Lịch sử" not in template
