"""Listings: how tours and villages show beside the sites (search, the big map, site pages),
given by each record kind through the registry, from fixture records (never shipped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.i18n.route_labels import KIND_LABELS
from generator.config import load_config
from generator.records.kinds import KINDS, SITE, load_project
from generator.records.listing import kind_listings, listings_by_site
from generator.records.validate import LoadResult
from tests.conftest import FEW_SAMPLES, make_records_project, problems
from tests.route_fixtures import TOUR, VILLAGE, add_tour, add_village


def load(project: Path) -> LoadResult:
    return load_project(load_config(project))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_records_project(tmp_path / "project", FEW_SAMPLES)
    add_tour(project)
    add_village(project)
    return project


def test_every_published_tour_and_village_gives_a_listing(project: Path) -> None:
    result = load(project)
    assert problems(result) == []
    tour, village = kind_listings(result)
    assert (tour.kind, tour.page_dir, tour.id, tour.slug, tour.english) == ("tour", "tuyen-tham-quan", "TH-T0001",
                                                                           "ba-di-tich-thu", True)
    # Straight legs through the stops in the visitor's order: Thành nhà Hồ, the car park, Lam Kinh.
    assert tour.line == ((20.0781, 105.6047), (20.0, 105.5), (19.927561, 105.403514))
    assert tour.sites == ("TH-0001", "TH-0002") and tour.point is None
    assert (village.kind, village.page_dir, village.point, village.sites) == ("village", "thon", (19.8214, 105.7803),
                                                                              ("TH-0024",))
    assert village.place == "Xã Thử, Huyện Cũ" and village.place_names == ("Xã Thử", "Huyện Cũ", "Xã Cũ")
    assert village.name("en") == "Test Village" and village.name("vi") == "Thôn Thử Nghiệm"


def test_a_drawn_route_is_the_listed_line(project: Path) -> None:
    route = {"type": "LineString", "coordinates": [[105.6047, 20.0781], [105.55, 20.03], [105.403514, 19.927561]]}
    (project / "tours" / "route.geojson").write_text(json.dumps(route), encoding="utf-8")
    add_tour(project, TOUR + "route: route.geojson\n")
    (tour, _) = kind_listings(load(project))
    assert tour.line == ((20.0781, 105.6047), (20.03, 105.55), (19.927561, 105.403514))


def test_drafts_are_not_listed_and_sites_map_to_what_names_them(project: Path) -> None:
    add_village(project, VILLAGE.replace("status: published", "status: draft"))
    listings = kind_listings(load(project))
    assert [item.kind for item in listings] == ["tour"]
    assert {site: [item.id for item in items] for site, items in listings_by_site(listings).items()} == {
        "TH-0001": ["TH-T0001"], "TH-0002": ["TH-T0001"]}


def test_a_tour_passing_a_site_twice_names_it_once(project: Path) -> None:
    add_tour(project, TOUR + "- site: TH-0001\n")
    listings = kind_listings(load(project))
    assert [item.id for item in listings_by_site(listings)["TH-0001"]] == ["TH-T0001"]


def test_every_kind_but_sites_gives_listings_with_labels_and_a_template() -> None:
    others = [kind for kind in KINDS.values() if kind is not SITE]
    assert SITE.listing is None and all(kind.listing is not None for kind in others)
    root = Path(__file__).resolve().parents[2]
    for kind in others:
        assert set(KIND_LABELS[kind.name]) == {"vi", "en"}
        assert (root / kind.template).is_file(), kind.template
