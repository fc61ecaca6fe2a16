"""urls.py: where pages' Markdown is written and where the language switch leads."""

from __future__ import annotations

from generator import urls


def test_every_page_is_a_folder_index_file() -> None:
    assert urls.page_source_file("di-tich/den-ba-trieu/") == "di-tich/den-ba-trieu/index.md"
    assert urls.page_source_file("en/di-tich/") == "en/di-tich/index.md"
    assert urls.page_source_file(urls.home_path()) == "index.md"
    assert urls.page_source_file(urls.home_path("en")) == "en/index.md"


def test_translation_is_the_same_page_when_it_exists() -> None:
    built = {"en/di-tich/den-ba-trieu/", "di-tich/den-ba-trieu/"}.__contains__
    assert urls.translation_path("di-tich/den-ba-trieu/", "vi", built) == "en/di-tich/den-ba-trieu/"
    assert urls.translation_path("en/di-tich/den-ba-trieu/", "en", built) == "di-tich/den-ba-trieu/"
    assert urls.translation_path("tim-kiem/", "vi", lambda path: path == "en/search/") == "en/search/"
    assert urls.translation_path("en/search/", "en", lambda path: path == "tim-kiem/") == "tim-kiem/"


def test_translation_falls_back_to_the_nearest_parent_then_home() -> None:
    built = {"en/di-tich/"}.__contains__
    assert urls.translation_path("di-tich/dinh-lang/", "vi", built) == "en/di-tich/"
    assert urls.translation_path("danh-sach/xa/trieu-loc/", "vi", built) == "en/"
    assert urls.translation_path("en/ban-do/", "en", lambda path: False) == ""
    assert urls.translation_path("", "vi", lambda path: False) == "en/"
    assert urls.translation_path("en/", "en", lambda path: False) == ""


def test_a_tour_or_village_page_switches_to_its_own_page_in_the_other_language() -> None:
    both = ("vi", "en")
    assert urls.record_translation("tuyen-tham-quan", "ham-rong", "vi", both) == "en/tuyen-tham-quan/ham-rong/"
    assert urls.record_translation("tuyen-tham-quan", "ham-rong", "en", both) == "tuyen-tham-quan/ham-rong/"
    # Written in Vietnamese only: the English switch goes to the English home.
    assert urls.record_translation("thon", "dong-son", "vi", ("vi",)) == "en/"
