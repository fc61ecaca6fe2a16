"""generator.records.new and ids: a ready-to-fill record with the next free permanent id."""

from __future__ import annotations

import shutil

import pytest
from tests.conftest import REPO_ROOT, load_project, problems, project_config, run_cli

from generator.records.ids import ledger_ids, next_free_id, record_ids
from generator.records.kinds import KINDS
from generator.records.kinds import load_project as load_kinds
from generator.records.new import InvalidSlugError, SiteExistsError, create_record, create_site
from generator.records.schema import Status
from generator.files import SCHEMA_COMMENT


def test_new_record_gets_the_next_id_the_slug_and_passes_check(sample_project):
    config = project_config(sample_project)
    path, site_id = create_site(config, "Đền Bà Triệu")
    assert (path, site_id) == (sample_project / "sites" / "den-ba-trieu.yml", "TH-0043")  # the ledger ends at TH-0042
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_COMMENT
    assert "id: TH-0043\nslug: den-ba-trieu\n" in text
    assert "# " in text.splitlines()[2]  # the template's guidance comments are kept
    result = load_project(sample_project)
    assert problems(result) == []
    (site,) = [s for s in result.sites if s.id == "TH-0043"]
    assert (site.name.vi, site.slug, site.status) == ("Đền Bà Triệu", "den-ba-trieu", Status.DRAFT)
    assert "TH-0043" in ledger_ids(config)
    assert (sample_project / "sites" / "_ids.txt").read_text(encoding="utf-8").endswith("TH-0043 den-ba-trieu\n")


def test_new_never_overwrites(sample_project):
    config = project_config(sample_project)
    path, _ = create_site(config, "Đền Bà Triệu")
    path.write_text(path.read_text(encoding="utf-8") + "# của tôi\n", encoding="utf-8")
    before, ledger = path.read_bytes(), (sample_project / "sites" / "_ids.txt").read_bytes()
    with pytest.raises(SiteExistsError) as caught:
        create_site(config, "Đền Bà Triệu")
    assert caught.value.path == path
    assert path.read_bytes() == before
    assert (sample_project / "sites" / "_ids.txt").read_bytes() == ledger  # no id used up


def test_ids_of_deleted_sites_are_never_reused(sample_project):
    config = project_config(sample_project)
    path, first = create_site(config, "Đền Bà Triệu")
    path.unlink()
    (sample_project / "sites" / "lam-kinh.yml").unlink()  # TH-0002 disappears too
    _, second = create_site(config, "Đền Bà Triệu")
    assert (first, second) == ("TH-0043", "TH-0044")


def test_without_a_ledger_ids_continue_after_the_highest_in_use(records_project):
    config = project_config(records_project)
    assert next_free_id(config, set()) == "TH-0001"
    assert next_free_id(config, {"TH-0007", "TH-0002", "HN-0099", "bad"}) == "TH-0008"
    _, site_id = create_site(config, "Đình Gia Miêu")
    assert site_id == "TH-0001"
    ledger = (records_project / "sites" / "_ids.txt").read_text(encoding="utf-8").splitlines()
    assert ledger[0].startswith("#") and ledger[1:] == ["TH-0001 dinh-gia-mieu"]


def test_ledger_append_only(records_project):
    config = project_config(records_project)
    record_ids(config, [("TH-0005", "a")])
    record_ids(config, [])
    record_ids(config, [("TH-0009", "b"), ("TH-0010", "c")])
    lines = (records_project / "sites" / "_ids.txt").read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["TH-0005 a", "TH-0009 b", "TH-0010 c"] and lines[0].startswith("#")
    assert ledger_ids(config) == {"TH-0005", "TH-0009", "TH-0010"}
    assert next_free_id(config, {"TH-0003"}) == "TH-0011"


@pytest.mark.parametrize(
    "name",
    ['Chùa "Một" Cột', "Đền C:\\Hồ # không phải ghi chú", "Đền: Bà Triệu", "- Đền -", "'Đền'", "Đền Bà Triệu   "],
)
def test_awkward_names_are_written_as_valid_yaml(records_project, name):
    path, _ = create_site(project_config(records_project), name)
    (site,) = load_project(records_project).sites
    assert site.name.vi == name.strip()
    assert path.stem == site.slug


def test_slug_option_chooses_the_file_name(records_project):
    path, _ = create_site(project_config(records_project), "Đền Bà Triệu", slug="den-ba-trieu-hau-loc")
    assert path.name == "den-ba-trieu-hau-loc.yml"
    (site,) = load_project(records_project).sites
    assert site.slug == "den-ba-trieu-hau-loc"


@pytest.mark.parametrize("name, slug", [("???", None), ("寺", None), ("Đền", "../../ngoai"), ("Đền", "Den Ba")])
def test_a_name_without_a_slug_or_a_bad_slug_is_refused_and_nothing_written(records_project, name, slug):
    with pytest.raises(InvalidSlugError):
        create_site(project_config(records_project), name, slug=slug)
    assert sorted(p.name for p in (records_project / "sites").iterdir()) == ["_template.yml", "site.schema.json"]
    assert not (records_project.parent / "ngoai.yml").exists()


def _kind_templates(project):
    """The tour and village templates of the real project, in ``project``."""
    for folder in ("tours", "villages"):
        (project / folder).mkdir(exist_ok=True)
        shutil.copy2(REPO_ROOT / folder / "_template.yml", project / folder / "_template.yml")


def test_new_tour_gets_the_next_tour_id_and_the_tour_template(sample_project):
    _kind_templates(sample_project)
    config = project_config(sample_project)
    path, tour_id = create_record(config, KINDS["tour"], "Đường về Lam Kinh")
    # The ledger gave TH-T0001 to the shipped tour: ids are never reused.
    assert (path, tour_id) == (sample_project / "tours" / "duong-ve-lam-kinh.yml", "TH-T0002")
    text = path.read_text(encoding="utf-8")
    assert "id: TH-T0002\nslug: duong-ve-lam-kinh\n" in text and 'vi: "Đường về Lam Kinh"' in text
    assert "# Cách đi: foot (đi bộ)" in text  # the Vietnamese guidance stays
    result = load_kinds(config)
    assert problems(result) == []  # a draft through two real sample sites: valid as written
    (tour,) = result.others["tour"]
    assert (tour.site.name.vi, tour.site.status) == ("Đường về Lam Kinh", Status.DRAFT)
    assert (sample_project / "sites" / "_ids.txt").read_text(encoding="utf-8").endswith("TH-T0002 duong-ve-lam-kinh\n")
    _, second = create_record(config, KINDS["tour"], "Tuyến hai")
    assert second == "TH-T0003"


def test_new_village_from_its_template_says_what_must_be_filled_in(sample_project):
    _kind_templates(sample_project)
    config = project_config(sample_project)
    path, village_id = create_record(config, KINDS["village"], "Thôn Đông")
    assert (path.name, village_id) == ("thon-dong.yml", "TH-V0001")
    # A draft skeleton passes check (it must not stop everyone's build)...
    assert problems(load_kinds(config)) == []
    # ...and publishing it asks for what the template could not guess: the house's point, a source.
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    found = {(name, field, code) for name, _, _, field, code in problems(load_kinds(config))}
    assert {("thon-dong.yml", "status", "published.needs_house"), ("thon-dong.yml", "status", "published.needs_sources")} <= found


def test_cli_new_kind_tour(sample_project):
    _kind_templates(sample_project)
    result = run_cli(sample_project, "--lang", "en", "new", "--kind", "tour", "Đường về Lam Kinh")
    assert result.exit_code == 0, result.output
    assert "tours/duong-ve-lam-kinh.yml" in result.output and "TH-T0002" in result.output
    (sample_project / "villages" / "_template.yml").unlink()
    missing = run_cli(sample_project, "--lang", "en", "new", "--kind", "village", "Thôn Đông")
    assert missing.exit_code == 1 and "villages/_template.yml is missing" in missing.output
