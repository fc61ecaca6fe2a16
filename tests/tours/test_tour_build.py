"""The build with tours and villages: their pages and permanent copies, and a build that
would break a printed tour or lane-entrance URL is refused, keeping the previous site."""

from __future__ import annotations

from pathlib import Path

from generator.build import build
from generator.config import load_config
from generator.plaques.registry import record_printed
from generator.records.kinds import load_project
from tests.conftest import FEW_SAMPLES, make_records_project
from tests.route_fixtures import add_tour, add_village


def test_a_build_that_drops_a_printed_tour_is_refused(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "p", FEW_SAMPLES)
    tour_file = add_tour(project)
    add_village(project)
    config = load_config(project)
    first = build(config)
    assert first.built, (first.problems, first.renderer_output[-1500:])
    site = project / "site"
    for page in ("tuyen-tham-quan/ba-di-tich-thu/", "en/tuyen-tham-quan/ba-di-tich-thu/", "s/TH-T0001/",
                 "thon/thon-thu-nghiem/", "s/TH-V0001/", "tuyen-tham-quan/", "thon/"):
        assert (site / page / "index.html").is_file(), page
    for download in ("generated/tours/TH-T0001.gpx", "generated/plaques/tours/TH-T0001.pdf",
                     "generated/plaques/villages/TH-V0001-ngo-1.pdf", "generated/plaques/TH-0001.pdf"):
        assert (site / download).is_file(), download
    load = load_project(config)
    record_printed(config, [*load.published_of("tour"), *load.published_of("village")])
    tour_file.unlink()
    second = build(config, "en")
    assert not second.built
    assert any("s/TH-T0001/" in problem for problem in second.problems), second.problems
    assert (site / "s/TH-T0001/index.html").is_file()  # the previous site stays
