"""Site pages link the tours that pass through them and the villages that list them."""

from __future__ import annotations

from generator.records.listing import Listing, listings_by_site
from generator.site.related import related_links

TOUR = Listing("TH-T0001", "ba-di-tich-thu", "Ba di tích thử", "Three test sites", True, sites=("TH-0001", "TH-0002"),
               kind="tour", page_dir="tuyen-tham-quan")
VILLAGE = Listing("TH-V0001", "thon-thu", "Thôn Thử", None, False, sites=("TH-0001",), kind="village", page_dir="thon")


def test_each_kind_is_one_line_with_links_relative_to_the_page() -> None:
    related = listings_by_site([TOUR, VILLAGE])
    groups = related_links("TH-0001", "vi", "di-tich/thanh-nha-ho/", related)
    assert [(g["kind"], g["label"]) for g in groups] == [("tour", "Nằm trên tuyến tham quan"), ("village", "Thuộc thôn")]
    assert groups[0]["links"] == [{"name": "Ba di tích thử", "href": "../../tuyen-tham-quan/ba-di-tich-thu/", "hreflang": None}]
    assert related_links("TH-0024", "vi", "di-tich/cau-ham-rong/", related) == []


def test_english_pages_link_english_tours_and_vietnamese_ones_marked_as_such() -> None:
    groups = related_links("TH-0001", "en", "en/di-tich/thanh-nha-ho/", listings_by_site([TOUR, VILLAGE]))
    assert [g["label"] for g in groups] == ["On the tour", "In the village"]
    assert groups[0]["links"][0] == {"name": "Three test sites", "href": "../../../en/tuyen-tham-quan/ba-di-tich-thu/",
                                     "hreflang": None}
    assert groups[1]["links"][0] == {"name": "Thôn Thử", "href": "../../../thon/thon-thu/", "hreflang": "vi"}
