"""generator.records.places: names of communes and districts against the official list."""

from __future__ import annotations

import re

from tests.conftest import (
    SAMPLE_SITES_DIR,
    load_project,
    problems,
    record_fixture_text,
    sample_site_names,
)

from generator.records.places import official_names, place_key
from generator.site.lists import list_pages


def test_tone_mark_placement_does_not_change_the_key():
    assert place_key("Thanh Hoá") == place_key("Thanh Hóa") == place_key("thanh  HÓA")
    assert place_key("Hoà Bình") == place_key("Hòa Bình")
    assert place_key("Thuý") == place_key("Thúy")
    assert place_key("Thanh Hoa") != place_key("Thanh Hóa") != place_key("Thanh Hòa")


def _with_address(project, name: str, address: str, site_id: str = "TH-0901", slug: str = "den-thu-nghiem") -> None:
    text = record_fixture_text("valid.yml").replace("address: {province: Thanh Hóa}\n", address)
    text = text.replace("id: TH-0901", f"id: {site_id}").replace("slug: den-thu-nghiem", f"slug: {slug}")
    text = text.replace("lat: 19.80", f"lat: {19.80 + int(site_id[-2:]) / 100:.2f}")
    (project / "sites" / name).write_text(text, encoding="utf-8")


def test_the_official_list_is_read_offline_for_the_configured_province():
    names = official_names("Thanh Hóa")
    assert names.districts.find("Huyện Thọ Xuân").full == "Huyện Thọ Xuân"
    assert names.communes.find("xã lam sơn").spelling == "Xã Lam Sơn"
    assert len({unit.full for unit in names.districts.units.values()}) > 20
    assert official_names("Nowhere") is None


def test_a_name_in_the_other_tone_placement_is_stored_in_the_official_spelling(records_project):
    _with_address(records_project, "a.yml", "address:\n  province: Thanh Hóa\n  commune: Phường Hạc Thành\n"
                  "  former:\n    district: Thành phố Thanh Hoá\n    commune: Phường Đông Vệ\n")
    result = load_project(records_project)
    assert problems(result) == []
    assert result.sites[0].address.former.district == "Thành phố Thanh Hóa"


def test_an_unknown_name_is_a_warning_with_the_closest_official_one(records_project):
    _with_address(records_project, "a.yml", "address:\n  province: Thanh Hóa\n  former:\n    district: Huyện Thọ Xuan\n")
    result = load_project(records_project)
    assert problems(result) == [("a.yml", 16, 15, "address.former.district", "place.unknown")]
    assert result.ok
    assert result.report.warnings[0].render("en").endswith(
        "address.former.district: 'Huyện Thọ Xuan' is not in the official list of administrative units; "
        "did you mean 'Huyện Thọ Xuân'?")


def test_a_commune_merged_before_2025_is_known_by_its_old_name(records_project):
    """Xuân Lam joined Lam Sơn town in 2019; sources still use the old name."""
    _with_address(records_project, "a.yml", "address:\n  province: Thanh Hóa\n"
                  "  former:\n    district: Huyện Thọ Xuân\n    commune: Xã Xuân Lam\n")
    result = load_project(records_project)
    assert [p[-1] for p in problems(result)] == ["place.commune_filled"]
    assert result.sites[0].address.commune == "Xã Lam Sơn"
    assert result.sites[0].address.former.commune == "Xã Xuân Lam"  # kept as written


def _sample_without_commune(stem: str) -> tuple[str, str | None]:
    text = (SAMPLE_SITES_DIR / f"{stem}.yml").read_text(encoding="utf-8")
    found = re.search(r"^  commune: (.+)$", text, re.M)
    return re.sub(r"^  commune: .+\n", "", text, count=1, flags=re.M), found.group(1) if found else None


def test_todays_commune_is_filled_from_the_former_one_as_the_samples_have_it(records_project):
    """Every sample whose former commune the reform kept whole gets back the commune its
    record names (the samples' communes come from the province's own table)."""
    filled = 0
    for stem in sample_site_names():
        text, commune = _sample_without_commune(stem)
        if commune is None or "former:" not in text:
            continue
        (records_project / "sites" / "s.yml").write_text(text, encoding="utf-8")
        result = load_project(records_project)
        if result.sites[0].address.commune is not None:
            assert result.sites[0].address.commune == commune, stem
            assert "place.commune_filled" in [d.code for d in result.report.warnings]
            filled += 1
    assert filled >= 25


def test_lists_group_names_that_differ_only_in_tone_placement(records_project):
    """Names the official list does not know are kept as written; one list still takes both placements."""
    for index, district in enumerate(["Huyện Hoà Xuân Cũ", "Huyện Hòa Xuân Cũ", "Huyện Hoa Xuân Cũ"]):
        _with_address(records_project, f"s{index}.yml", f"address:\n  province: Thanh Hóa\n  former:\n    district: {district}\n",
                      site_id=f"TH-090{index + 1}", slug=f"den-{index}")
    result = load_project(records_project)
    assert sorted(s.address.former.district for s in result.sites) == ["Huyện Hoa Xuân Cũ", "Huyện Hoà Xuân Cũ", "Huyện Hòa Xuân Cũ"]
    _, entries = list_pages(result.sites)
    assert sorted((e["label"], e["count"]) for e in entries["district"]) == [("Huyện Hoa Xuân Cũ", 1), ("Huyện Hoà Xuân Cũ", 2)]


def test_closest_match_gives_difflibs_answer():
    import difflib
    import random

    from generator.records.places import closest_match

    rng = random.Random(5)
    pool = ["xa lam son", "xa ham rong", "phuong dong son", "xa thieu duong", "xa hoang loc", "xa nga son",
            "phuong ham rong", "xa tho xuan", "xa xuan lap", "xa dong tien"]
    words = ["".join(rng.choice("axmnhlo sgu") for _ in range(rng.randint(0, 16))) for _ in range(300)]
    words += [w[:-1] + "x" for w in pool] + ["", "xa lam", "ham rong"]
    for word in words:
        expected = difflib.get_close_matches(word, pool, n=1)
        assert closest_match(word, pool) == (expected[0] if expected else None), word
