"""The SVG charts: well-formed, escaped, proportional, and the same bytes for the same input."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.dashboard.charts import Bar, bar_chart, progress_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart_parses_and_bars_are_proportional() -> None:
    svg = bar_chart('Ảnh & "chú thích" <b>', [Bar("Có ảnh", 3, 12, "3/12"), Bar("<script>", 12, 12, "12/12"),
                                                   Bar("Không có", 0, 0, "0/0")])
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == 'Ảnh & "chú thích" <b>'
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    span = widths[0]
    assert widths == [span, span / 4, span, span, span, 0.0]
    assert [t.text for t in root.iter(f"{SVG}text")][3] == "<script>"
    assert "<script>" not in svg


def test_charts_are_byte_identical_and_small() -> None:
    bars = [Bar(f"Xã {index}", index, 10, f"{index}/10") for index in range(10)]
    assert bar_chart("Theo xã", bars) == bar_chart("Theo xã", list(bars))
    progress = progress_chart("Đã công bố 42 trên mục tiêu 50 di tích", 42, 50)
    assert progress == progress_chart("Đã công bố 42 trên mục tiêu 50 di tích", 42, 50)
    rects = list(ET.fromstring(progress).iter(f"{SVG}rect"))
    assert float(rects[1].get("width")) / float(rects[0].get("width")) == 42 / 50
    assert len(progress.encode()) < 1500


def test_progress_past_the_target_fills_the_bar_and_marks_the_target() -> None:
    rects = list(ET.fromstring(progress_chart("x", 60, 50)).iter(f"{SVG}rect"))
    assert rects[1].get("width") == rects[0].get("width")
    assert float(rects[2].get("x")) < float(rects[0].get("width"))
