"""generator.records.namespace: every path the build writes is one namespace."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import load_project, problems, record_fixture_text

from generator.records.namespace import Claim, address_key, collisions, generator_claims


def _site(project: Path, name: str, site_id: str, extra: str = "", slug: str | None = "den-thu-nghiem") -> None:
    text = record_fixture_text("valid.yml").replace("id: TH-0901\n", f"id: {site_id}\n")
    text = text.replace("lat: 19.80", f"lat: {19.80 + int(site_id[-2:]) / 100:.2f}")  # ~1 km apart
    if slug is not None:
        text = text.replace("slug: den-thu-nghiem\n", f"slug: {slug}\n{extra}")
    (project / "sites" / name).write_text(text, encoding="utf-8")


def test_two_sites_cannot_share_a_former_slug(records_project):
    _site(records_project, "a.yml", "TH-0901", "former_slugs: [den-cu]\n", slug="den-a")
    _site(records_project, "b.yml", "TH-0902", "former_slugs: [den-cu]\n", slug="den-b")
    result = load_project(records_project)
    assert problems(result) == [("b.yml", 3, 16, "former_slugs[0]", "url.taken")]
    assert result.report.errors[0].params == {"path": "di-tich/den-cu/", "other": "sites/a.yml", "other_field": "former_slugs[0]"}


def test_a_former_slug_equal_to_the_own_slug_is_an_error_not_a_crash(records_project):
    _site(records_project, "a.yml", "TH-0901", "former_slugs: [den-thu-nghiem]\n")
    assert problems(load_project(records_project)) == [("a.yml", 3, 16, "former_slugs[0]", "url.taken")]


def test_a_former_slug_equal_to_another_sites_slug_names_both_files(records_project):
    _site(records_project, "a.yml", "TH-0901", slug="den-a")
    _site(records_project, "b.yml", "TH-0902", "former_slugs: [den-a]\n", slug="den-b")
    (diagnostic,) = load_project(records_project).report.errors
    assert (diagnostic.path.name, diagnostic.field, diagnostic.params["other"]) == ("b.yml", "former_slugs[0]", "sites/a.yml")


def test_slug_index_would_be_the_list_page(records_project):
    _site(records_project, "a.yml", "TH-0901", slug="index")
    result = load_project(records_project)
    assert problems(result) == [("a.yml", 2, 7, "slug", "url.reserved")]
    assert result.report.errors[0].render("en").endswith(
        "slug: the page address 'di-tich/index/' is one the site itself uses (SITE_PAGES_DIR in generator/urls.py); choose another slug")


def test_address_key_folds_index_pages_into_their_folder():
    assert address_key("di-tich/index/") == address_key("di-tich/") == address_key("di-tich/index.md") == "di-tich"
    assert address_key("s/TH-0001/") == "s/TH-0001"


def test_claims_from_any_record_kind_collide_with_the_generators_folders():
    """A later kind (tours) hands in its own claims; nothing assumes sites."""
    tour = Claim("generated/tour/", Path("tours/a.yml"), "slug")
    page = Claim("tour/di-bo/", Path("tours/a.yml"), "slug")
    other = Claim("tour/di-bo/", Path("tours/b.yml"), "slug")
    found = collisions(generator_claims() + [tour, page, other])
    assert [(c.claim.owner.name, c.other.field) for c in found] == [("a.yml", "GENERATED_DIR"), ("b.yml", "slug")]


def test_the_shipped_paths_do_not_collide():
    assert collisions(generator_claims()) == []
