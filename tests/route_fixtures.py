"""Small tour and village records for tests (the villages are invented: fixtures only,
never shipped). Sites are the real samples of ``conftest.FEW_SAMPLES``."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# Thành nhà Hồ (TH-0001), Lam Kinh (TH-0002), Cầu Hàm Rồng (TH-0024): published, located.
TOUR = """\
id: TH-T0001
status: published
name:
  vi: Ba di tích thử
  en: Three test sites
description:
  vi: Tuyến thử nghiệm.
  en: A test tour.
mode: motorbike-car
stops:
- site: TH-0001
- name: {vi: Bãi đỗ xe thử}
  point: {lat: 20.0, lon: 105.5}
- site: TH-0002
  radius: 300
"""

VILLAGE = """\
id: TH-V0001
status: published
name:
  vi: Thôn Thử Nghiệm
  en: Test Village
address:
  province: Thanh Hóa
  commune: Xã Thử
  former: {district: Huyện Cũ, commune: Xã Cũ}
cultural_house: {lat: 19.8214, lon: 105.7803, quality: site-survey, source: fixture}
summary:
  vi: Một thôn bịa ra cho kiểm thử.
  en: A village made up for tests.
history:
  vi: "Lịch sử **thử**. <script>alert(1)</script>"
sites: [TH-0024]
entrances:
- slug: ngo-1
  name: {vi: Ngõ Một, en: Lane One}
  point: {lat: 19.8220, lon: 105.7810}
lanes: lanes.geojson
sources:
- url: https://example.org/thon-thu
  title: Nguồn thử
"""

LANES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": "Ngõ Một"},
         "geometry": {"type": "LineString", "coordinates": [[105.7810, 19.8220], [105.7803, 19.8214], [105.7795, 19.8209]]}},
        {"type": "Feature", "properties": {"name": "Giếng làng"},
         "geometry": {"type": "Point", "coordinates": [105.7799, 19.8212]}},
    ],
}


def add_tour(project: Path, text: str = TOUR, name: str = "ba-di-tich-thu.yml") -> Path:
    folder = project / "tours"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def add_village(project: Path, text: str = VILLAGE, lanes: object = LANES, name: str = "thon-thu-nghiem.yml") -> Path:
    folder = project / "villages"
    folder.mkdir(exist_ok=True)
    if lanes is not None:
        (folder / "lanes.geojson").write_text(json.dumps(lanes, ensure_ascii=False), encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def served_tour_site(folder: Path, tour: str = TOUR) -> Iterator[str]:
    """The few sample sites with the fixture tour (or the tour record ``tour``) and
    village, built (narration by the demo's machine voice) and served: yields the base URL."""
    from generator.build import build
    from generator.config import load_config
    from tests.browser_support import serve_directory
    from tests.conftest import FEW_SAMPLES, make_records_project

    project = make_records_project(folder / "project", FEW_SAMPLES)
    add_tour(project, tour)
    add_village(project)
    result = build(load_config(project))
    assert result.built, (result.load.report.render("en"), result.problems, result.renderer_output[-2000:])
    with serve_directory(project / "site") as url:
        yield url

