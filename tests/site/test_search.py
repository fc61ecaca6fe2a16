"""The search index: diacritic folding, ids, optional relic-kind words, one shard per query.

The browser test runs the same queries through static/site/search.js; here the Python
mirror (``plan_query``/``matches``) is checked against the real sample records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.config import load_config
from generator.records.listing import Listing
from generator.records.validate import load_sites
from generator.site.search import (
    ALL_SITES,
    GENERIC_WORDS,
    build_index,
    id_words,
    matches,
    plan_query,
    query_words,
    shard_key,
    site_words,
    write_search_index,
)
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def samples() -> list:
    return load_sites(load_config(REPO_ROOT)).published


@pytest.fixture(scope="module")
def index(samples: list) -> tuple[dict, dict]:
    return build_index(samples, {s.id for s in samples if s.summary.en})


def search(query: str, index: tuple[dict, dict]) -> list[str]:
    """Slugs found for ``query``, reading only the shard the browser would fetch."""
    manifest, shards = index
    files = plan_query(query, manifest)
    if not files:
        return []
    assert len(files) == 1
    return [entry[1] for entry in shards[files[0][:-len(".json")]] if matches(query, entry)]


@pytest.mark.parametrize("query", ["den ba trieu", "ba trieu", "đền bà triệu", "Đền Bà Triệu", "BA TRIEU",
                                   "khu di tich ba trieu", "ba trie", "triệu lộc"])
def test_ba_trieu_is_found_however_it_is_typed(query: str, index: tuple[dict, dict]) -> None:
    assert "khu-di-tich-ba-trieu" in search(query, index)


@pytest.mark.parametrize("query", ["TH-0042", "th-0042", "TH0042", "th 0042", "0042", "42"])
def test_a_site_is_found_by_its_id(query: str, index: tuple[dict, dict]) -> None:
    assert search(query, index) == ["ham-uy-ban-hanh-chinh"]


def test_every_sample_is_found_by_its_own_name_and_id(index: tuple[dict, dict], samples: list) -> None:
    for site in samples:
        assert site.slug in search(site.name.vi, index), site.name.vi
        assert search(site.id, index) == [site.slug], site.id


def test_words_that_are_not_there_find_nothing(index: tuple[dict, dict]) -> None:
    assert search("ba trieu xyzzy", index) == []
    assert search("zzz", index) == []
    assert search("   ", index) == []


def test_relic_kind_words_are_optional_only_beside_other_words(index: tuple[dict, dict]) -> None:
    assert set(search("chùa", index)) >= {"chua-dong-cao", "chua-linh-xung", "chua-thai-binh"}
    assert all(slug.startswith("chua") or "chua" in slug for slug in search("chua", index))
    assert "den" in GENERIC_WORDS and "trieu" not in GENERIC_WORDS


def test_folding_and_keys() -> None:
    assert query_words("Đền  Bà Triệu!") == ["den", "ba", "trieu"]
    assert query_words("th-0042") == ["th0042"]
    assert id_words("TH-0042") == ["th0042", "0042", "42"]
    assert [shard_key(w) for w in ("trieu", "ba", "th0042", "0042", "c4")] == ["tri", "ba", "n-42", "n-42", "c4"]


def test_site_words_skip_administrative_prefixes(samples: list) -> None:
    site = next(s for s in samples if s.id == "TH-0003")
    found = site_words(site)
    assert {"khu", "di", "tich", "ba", "trieu", "th0003", "loc", "hau"} <= set(found)
    assert "xa" not in found and "huyen" not in found


def test_written_index_is_compact_json(tmp_path: Path, samples: list) -> None:
    write_search_index(samples, set(), tmp_path)
    manifest = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert manifest["v"] == 1 and manifest["g"] == list(GENERIC_WORDS)
    assert set(manifest["k"]) == {p.stem for p in tmp_path.glob("*.json")} - {"index", "all-sites"}
    shard = (tmp_path / "tri.json").read_text(encoding="utf-8")
    assert "Khu di tích Bà Triệu" in shard and ": " not in shard  # UTF-8, no padding


def test_the_whole_index_for_offline_holds_every_entry_once_in_order(tmp_path: Path, samples: list) -> None:
    write_search_index(samples, set(), tmp_path)
    everything = json.loads((tmp_path / ALL_SITES).read_text(encoding="utf-8"))
    assert [entry[0] for entry in everything] == list(range(len(samples)))
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in tmp_path.glob("*.json")
              if p.name not in ("index.json", ALL_SITES)]
    assert {tuple(map(str, e)) for shard in shards for e in shard} == {tuple(map(str, e)) for e in everything}


# --- tours and villages (listings of the other record kinds; fixtures, never shipped) -------

TOUR = Listing("TH-T0001", "ba-di-tich-thu", "Ba di tích thử", "Three test sites", True, sites=("TH-0001",),
               kind="tour", page_dir="tuyen-tham-quan")
VILLAGE = Listing("TH-V0001", "thon-thu-nghiem", "Thôn Thử Nghiệm", None, False, place="Xã Thử, Huyện Cũ",
                  place_names=("Xã Thử", "Huyện Cũ", "Xã Cũ"), kind="village", page_dir="thon")


@pytest.fixture(scope="module")
def with_kinds(samples: list) -> tuple[dict, dict]:
    return build_index(samples, {s.id for s in samples if s.summary.en}, [TOUR, VILLAGE])


def found(query: str, index: tuple[dict, dict]) -> list[list]:
    manifest, shards = index
    files = plan_query(query, manifest)
    return [entry for entry in shards[files[0][:-len(".json")]] if matches(query, entry)] if files else []


@pytest.mark.parametrize("query", ["ba di tich thu", "Ba di tích thử", "three test", "TH-T0001", "tht0001", "t0001",
                                   "tuyến tham quan"])
def test_a_tour_is_found_by_name_id_or_its_kind(query: str, with_kinds: tuple[dict, dict]) -> None:
    entries = [e for e in found(query, with_kinds) if len(e) > 9]
    assert [(e[1], e[6], e[9]) for e in entries] == [("ba-di-tich-thu", "TH-T0001", "tour")]


@pytest.mark.parametrize("query", ["thon thu nghiem", "Thôn Thử", "cũ", "TH-V0001", "thôn"])
def test_a_village_is_found_by_name_id_place_or_its_kind(query: str, with_kinds: tuple[dict, dict]) -> None:
    entries = [e for e in found(query, with_kinds) if len(e) > 9]
    assert [(e[1], e[5], e[9]) for e in entries] == [("thon-thu-nghiem", "Xã Thử, Huyện Cũ", "village")]


def test_the_manifest_names_each_kinds_page_folder_and_label(with_kinds: tuple[dict, dict]) -> None:
    manifest, shards = with_kinds
    assert manifest["p"] == {"site": "di-tich", "tour": "tuyen-tham-quan", "village": "thon"}
    assert manifest["t"] == {"vi": {"tour": "Tuyến tham quan", "village": "Thôn, làng"},
                             "en": {"tour": "Tour", "village": "Village"}}
    entries = {entry[6]: entry for entries in shards.values() for entry in entries}
    # One alphabetical order for all: Thôn Thử Nghiệm sorts among the sites' names.
    assert entries["TH-V0001"][4] is None and entries["TH-V0001"][8] == 0 and entries["TH-T0001"][8] == 1
    names = [entry[2] for entry in sorted(entries.values(), key=lambda entry: entry[0])]
    assert names.index("Ba di tích thử") < names.index("Thôn Thử Nghiệm") < len(names) - 1
    # A site's entry keeps its shape (no kind field): existing caches and the script read it as before.
    assert len(entries["TH-0042"]) == 9


def test_kind_ids_are_typed_like_site_ids() -> None:
    assert id_words("TH-T0001") == ["tht0001", "t0001", "1"] and id_words("TH-0042") == ["th0042", "0042", "42"]
    assert query_words("TH-T0001") == query_words("th t0001") == ["tht0001"]
