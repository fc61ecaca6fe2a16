"""The tour page's Markdown: text from YAML escaped everywhere (HTML and the map's JSON),
approximate legs marked, the speeds stated, the narration slot filled by the hook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.records.kinds import load_project
from generator.tours import page as tour_page
from generator.tours.plan import tour_plans
from tests.conftest import FEW_SAMPLES, make_records_project, project_config
from tests.route_fixtures import TOUR, add_tour

HOSTILE = 'Bãi "xe" & bến \'đò\''


@pytest.fixture
def rendered(tmp_path: Path) -> str:
    project = make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)
    # Nhà mẹ Tơm (TH-0028) has a commune-centre point: the leg to it is approximate.
    text = TOUR.replace("name: {vi: Bãi đỗ xe thử}", "name: {vi: '" + HOSTILE.replace("'", "''") + "'}")
    add_tour(project, text.replace("- site: TH-0002\n", "- site: TH-0028\n"))
    config = project_config(project)
    plan = tour_plans(load_project(config))[0]
    audio = {(stop.site.id, "vi"): (f"generated/audio/{stop.site.id}-vi.mp3", "Người đọc: Lê Thị C (CC BY 4.0)")
             for stop in plan.stops if stop.site}
    return tour_page.tour_page(config, plan, "vi", tour_page.StopMedia(audio=audio), frozenset())


def test_names_are_escaped_in_html_and_json(rendered: str) -> None:
    assert HOSTILE not in rendered
    assert "Bãi &#34;xe&#34; &amp; bến &#39;đò&#39;" in rendered
    data = json.loads(re.search(r'<script type="application/json" id="dcd-tour-data">(.*?)</script>', rendered).group(1))
    assert data["stops"][1]["name"] == HOSTILE
    assert "&" not in re.search(r'id="dcd-tour-data">(.*?)</script>', rendered).group(1)  # \u0026 in the JSON


def test_approximate_legs_speeds_and_narration_slots(rendered: str) -> None:
    assert "dcd-tour-leg--approx" in rendered and "Chặng 2–3" in rendered
    assert "40 km/h" in rendered
    # A site stop gets its narration player; the waypoint has none.
    assert re.findall(r'<audio class="dcd-tour-audio" controls preload="none" src="([^"]+)"', rendered) == [
        "../../generated/audio/TH-0001-vi.mp3", "../../generated/audio/TH-0028-vi.mp3"]
    assert rendered.count("Người đọc: Lê Thị C (CC BY 4.0)") == 2  # each player credits its reader
