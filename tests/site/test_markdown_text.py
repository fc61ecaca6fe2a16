"""site.markdown_text: volunteers' Markdown to sanitised HTML, one converter reused."""

from __future__ import annotations

from generator.site.markdown_text import markdown_to_safe_html


def test_reference_links_of_one_history_do_not_leak_into_the_next():
    first = markdown_to_safe_html("Xem [nguồn][a].\n\n[a]: https://example.org/a\n")
    assert '<a href="https://example.org/a"' in first
    second = markdown_to_safe_html("Không có định nghĩa: [nguồn][a].")
    assert "<a" not in second and "[nguồn][a]" in second


def test_the_same_text_gives_the_same_html_every_time():
    text = "## Kiến trúc\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n1. một\n2. hai\n\n*nghiêng* **đậm**\n"
    outputs = {markdown_to_safe_html(text) for _ in range(3)}
    assert len(outputs) == 1
    (html,) = outputs
    assert "<table>" in html and "<ol>" in html and "<em>nghiêng</em>" in html


def test_raw_html_and_script_links_are_removed():
    html = markdown_to_safe_html('<script>alert(1)</script> [x](javascript:alert(1))')
    assert "<script" not in html and "javascript:" not in html
