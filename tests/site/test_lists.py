"""List pages and the search index read in Vietnamese alphabetical order (real samples)."""

from __future__ import annotations

import re

import pytest

from generator.config import load_config
from generator.i18n.collation import collation_key
from generator.records.validate import load_sites
from generator.site.lists import ListPage, list_pages, render_list
from generator.site.search import build_index
from generator.site.text import sort_key
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def samples() -> list:
    return load_sites(load_config(REPO_ROOT)).published


def _names(markdown: str) -> list[str]:
    return re.findall(r"<b>([^<]+)</b>", markdown)


def test_the_list_of_all_sites_is_in_vietnamese_order(samples: list) -> None:
    ordered = sorted(samples, key=sort_key)
    names = _names(render_list(ListPage("di-tich/", "Tất cả", "", [("", ordered)]), frozenset()))
    # Di chỉ before every Đ…, Hang before Hầm: the accent-stripped order had them the other way.
    assert names.index("Di chỉ khảo cổ học văn hóa Đông Sơn") < min(i for i, n in enumerate(names) if n.startswith("Đ"))
    hang = names.index("Hang Con Moong và các di tích phụ cận")
    assert hang < next(i for i, n in enumerate(names) if n.startswith("Hầm"))
    assert names == sorted(names, key=collation_key)


def test_every_list_page_and_group_heading_is_in_vietnamese_order(samples: list) -> None:
    pages, entries = list_pages(samples)
    for page in pages:
        headings = [heading for heading, _ in page.groups]
        assert headings == sorted(headings, key=collation_key), page.path
        for _, members in page.groups:
            assert members == sorted(members, key=sort_key), page.path
    for kind in ("commune", "district"):
        labels = [entry["label"] for entry in entries[kind]]
        assert labels == sorted(labels, key=collation_key), kind


def test_equal_search_scores_come_in_vietnamese_order(samples: list) -> None:
    _, shards = build_index(samples, set())
    numbered = sorted({entry[0]: entry[2] for entries in shards.values() for entry in entries}.items())
    names = [name for _, name in numbered]
    assert names == sorted(names, key=collation_key)
