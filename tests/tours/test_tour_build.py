"""The build with tours and villages: their pages and permanent copies, and a build that
would break a printed tour or lane-entrance URL is refused, keeping the previous site."""

from __future__ import annotations

from pathlib import Path

from generator.build import build
from generator.config import load_config
from generator.plaques.registry import record_printed
from generator.records.kinds import load_project
from generator.tours.page import relink_for
from tests.conftest import FEW_SAMPLES, make_records_project
from tests.route_fixtures import add_tour, add_village
from tests.site_crawl import broken_links


def test_a_build_that_drops_a_printed_tour_is_refused(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "p", FEW_SAMPLES)
    tour_file = add_tour(project)
    add_village(project)
    config = load_config(project)
    first = build(config)
    assert first.built, (first.problems, first.renderer_output[-1500:])
    site = project / "site"
    for page in ("tuyen-tham-quan/ba-di-tich-thu/", "en/tuyen-tham-quan/ba-di-tich-thu/", "s/TH-T0001/",
                 "thon/thon-thu-nghiem/", "s/TH-V0001/", "tuyen-tham-quan/", "thon/", "en/tuyen-tham-quan/", "en/thon/"):
        assert (site / page / "index.html").is_file(), page
    for download in ("generated/tours/TH-T0001.gpx", "generated/plaques/tours/TH-T0001.pdf",
                     "generated/plaques/villages/TH-V0001-ngo-1.pdf", "generated/plaques/TH-0001.pdf"):
        assert (site / download).is_file(), download
    # The permanent copies' links lead where the real pages' do (MkDocs' nav link to the
    # tour list is "../" on the tour page: from s/TH-T0001/ it must not become s/).
    checked, broken = broken_links(site)
    copies = [link for link in broken if link.page in ("s/TH-T0001/index.html", "s/TH-V0001/index.html")]
    assert checked and copies == [], copies
    copy = (site / "s/TH-T0001/index.html").read_text(encoding="utf-8")
    assert 'href="../../tuyen-tham-quan/"' in copy and 'href="../"' not in copy
    load = load_project(config)
    record_printed(config, [*load.published_of("tour"), *load.published_of("village")])
    tour_file.unlink()
    second = build(config, "en")
    assert not second.built
    # Refused as 'check' refuses it, before rendering: the printed tour's record is gone.
    errors = second.load.report.errors
    assert any(error.code == "plaques.printed_unpublished" and error.params["id"] == "TH-T0001" for error in errors), errors
    assert (site / "s/TH-T0001/index.html").is_file()  # the previous site stays


def test_relink_for_remakes_links_that_do_not_climb_to_the_root() -> None:
    html = ('<a href="../">x</a> <a href="../../di-tich/a/">y</a> <a href="#ban-do">z</a> '
            '<img src="anh.jpg"> <a href="https://example.org/">w</a> <a href="./?q=1#k">v</a>')
    relinked = relink_for(html, "tuyen-tham-quan/ba-di-tich/", "s/TH-T0001/")
    assert relinked == ('<a href="../../tuyen-tham-quan/">x</a> <a href="../../di-tich/a/">y</a> <a href="#ban-do">z</a> '
                        '<img src="../../tuyen-tham-quan/ba-di-tich/anh.jpg"> <a href="https://example.org/">w</a> '
                        '<a href="../../tuyen-tham-quan/ba-di-tich/?q=1#k">v</a>')
