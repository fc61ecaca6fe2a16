"""generator.records.importer: spreadsheet rows -> YAML records; never overwrites, ids never reused."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, SAMPLE_SITES_DIR, load_project, make_records_project, problems, project_config, run_cli

from generator.records.importer import CsvImportError, import_csv, read_rows
from generator.records.ids import ledger_ids
from generator.records.schema import LocationQuality, RankLevel, Status

SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
HEADER = "name_vi,name_en,category,rank,year_recognised,district,commune,lat,lon,coord_quality,description_vi,sources,notes_vi"


def write_csv(folder: Path, *rows: str, header: str = HEADER, name: str = "ds.csv", bom: bool = False) -> Path:
    path = folder / name
    text = "\n".join((header,) + rows) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


GOOD_A = 'Đền Bà Triệu,Lady Triệu Temple,historical,quốc gia đặc biệt,2025,Huyện Hậu Lộc,Xã Triệu Lộc,"19,9325",105.8156,site_survey,Đền thờ Bà Triệu.,https://a.vn/x | coords: đo tại chỗ,'
GOOD_B = "Đồi C4,,revolutionary;historical,cấp tỉnh,,,,,,,Đồi C4 ở thành phố.,,Chưa có tọa độ"


def test_rows_become_valid_records(records_project, tmp_path):
    csv_path = write_csv(tmp_path, GOOD_A, GOOD_B, bom=True)
    outcome = import_csv(project_config(records_project), csv_path)
    sites = records_project / "sites"
    assert outcome.created == [(2, sites / "den-ba-trieu.yml", "TH-0001"), (3, sites / "doi-c4.yml", "TH-0002")]
    assert outcome.rejected == [] and outcome.skipped == []
    result = load_project(records_project)
    # The spreadsheet gave only the former commune: check fills in today's (Triệu Lộc kept its name).
    assert problems(result) == [("den-ba-trieu.yml", 18, 3, "address", "place.commune_filled")]
    a, b = sorted(result.sites, key=lambda s: s.id)
    assert a.name.en == "Lady Triệu Temple" and a.rank.level is RankLevel.SPECIAL_NATIONAL and a.rank.year == 2025
    assert (a.location.lat, a.location.lon, a.location.quality) == (19.9325, 105.8156, LocationQuality.SITE_SURVEY)
    assert a.location.source == "đo tại chỗ" and [s.url for s in a.sources] == ["https://a.vn/x"]
    assert a.address.former.district == "Huyện Hậu Lộc" and a.address.province == "Thanh Hóa"
    assert a.status is Status.DRAFT
    assert [c.value for c in b.category] == ["revolutionary", "historical"] and b.location is None
    assert b.rank.level is RankLevel.PROVINCIAL and b.notes.vi == "Chưa có tọa độ"
    assert (sites / "doi-c4.yml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=site.schema.json\n")
    assert ledger_ids(project_config(records_project)) == {"TH-0001", "TH-0002"}


def rejections(outcome) -> list[tuple[int, str, str]]:
    """(row, field, message code) of every problem in every rejected row."""
    return [(row, d.field, d.code) for row, found in outcome.rejected for d in found]


def site_files(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "sites").iterdir())


def test_every_bad_row_is_reported_by_number_and_nothing_is_written(records_project, tmp_path):
    csv_path = write_csv(
        tmp_path,
        GOOD_B,                                                              # row 2
        "",                                                                  # row 3: blank, ignored
        'Đền Lỗi,,historical,,,,,"mười chín",105.7,site_survey,"Mô tả\nhai dòng.",,',  # row 4 (two lines)
        ",,,,,,,,,,,,",                                                      # row 5: empty cells, ignored
        "Đền Sai Loại,,temple,,,,,,,,Mô tả.,,",                              # row 6
        "Đền <b>,,historical,,,,,,,,Mô tả.,,",                               # row 7
        "Đền Xa,,historical,cấp huyện,,,,,,,Mô tả.,ftp://x.vn,",             # row 8
        GOOD_A,                                                              # row 9
    )
    before = site_files(records_project)
    outcome = import_csv(project_config(records_project), csv_path)
    assert rejections(outcome) == [
        (4, "lat", "type.number"),
        (6, "category", "type.choice"),
        (7, "name_vi", "text.markup"),
        (8, "rank", "type.choice"),
        (8, "sources", "url.scheme"),
    ]
    assert not outcome.written and site_files(records_project) == before  # no record, no ledger
    assert [(row, site_id) for row, _, site_id in outcome.created] == [(2, "TH-0001"), (9, "TH-0002")]  # once fixed


def test_the_cli_lists_every_problem_and_says_nothing_was_written(records_project, tmp_path):
    csv_path = write_csv(tmp_path, GOOD_B, "Đền Sai Loại,,temple,,,,,,,,Mô tả.,,", "Đền Xa,,historical,cấp huyện,,,,,,,Mô tả.,,")
    result = run_cli(records_project, "--lang", "en", "import", str(csv_path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "row 3, column category: 'temple' is not allowed; choose one of: 'historical', 'revolutionary', "
        "'architectural-artistic', 'archaeological' or 'scenic'",
        "row 4, column rank: 'cấp huyện' is not allowed; choose one of: 'special-national', 'national', "
        "'provincial', 'not-ranked' or 'unknown'",
    ]
    assert result.stdout == "No record was created: 2 rows were rejected. Fix the rows above in the spreadsheet and import again.\n"
    assert not (records_project / "sites" / "doi-c4.yml").exists()


def test_existing_records_are_never_overwritten(sample_project, tmp_path):
    existing = sample_project / "sites" / "lam-kinh.yml"
    before = existing.read_bytes()
    row = "Lam Kinh,,historical,,,,,,,,Ghi đè?,,"  # slug lam-kinh, like the existing record
    outcome = import_csv(project_config(sample_project), write_csv(tmp_path, row, GOOD_B, GOOD_B))
    assert outcome.skipped == [(2, existing), (4, sample_project / "sites" / "doi-c4.yml")]  # row 4 repeats row 3
    assert [(row, site_id) for row, _, site_id in outcome.created] == [(3, "TH-0043")]
    assert existing.read_bytes() == before


def test_ids_are_never_reused_across_imports(records_project, tmp_path):
    config = project_config(records_project)
    first = import_csv(config, write_csv(tmp_path, GOOD_A, GOOD_B))
    for _, path, _ in first.created:
        path.unlink()  # both records deleted
    second = import_csv(config, write_csv(tmp_path, GOOD_A, name="lai.csv"))
    assert [site_id for _, _, site_id in second.created] == ["TH-0003"]
    assert ledger_ids(config) == {"TH-0001", "TH-0002", "TH-0003"}


def test_rejected_rows_use_up_no_id(records_project, tmp_path):
    config = project_config(records_project)
    assert not import_csv(config, write_csv(tmp_path, "Đền Sai,,temple,,,,,,,,Mô tả.,,", GOOD_B)).written
    fixed = import_csv(config, write_csv(tmp_path, "Đền Sai,,historical,,,,,,,,Mô tả.,,", GOOD_B, name="sua.csv"))
    assert [site_id for _, _, site_id in fixed.created] == ["TH-0001", "TH-0002"]


def test_missing_required_columns_stop_the_import(records_project, tmp_path):
    csv_path = write_csv(tmp_path, "Đền A,Mô tả.", header="name_vi,summary")
    with pytest.raises(CsvImportError) as caught:
        import_csv(project_config(records_project), csv_path)
    assert caught.value.code == "import.missing_columns"
    assert caught.value.params == {"columns": "category, description_vi"}
    assert site_files(records_project) == ["_template.yml", "site.schema.json"]


def test_the_project_import_template_has_the_documented_columns():
    template = SAMPLE_SITES_DIR / "_import_template.csv"
    assert read_rows(template) == []  # a header and no rows
    columns = template.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    for name in ("name_vi", "category", "description_vi", "rank", "lat", "lon", "coord_quality", "sources", "slug"):
        assert name in columns


def test_short_rows_and_extra_cells_are_tolerated(tmp_path):
    path = write_csv(tmp_path, "Đền A,historical", "Đền B,historical,Mô tả.,thừa,thừa", header="name_vi,category,description_vi")
    assert read_rows(path) == [
        {"name_vi": "Đền A", "category": "historical", "description_vi": ""},
        {"name_vi": "Đền B", "category": "historical", "description_vi": "Mô tả."},
    ]


@pytest.mark.skipif(not (SHARED_DATA / "thanh_hoa_sites.csv").is_file(), reason="needs ../shared/data")
def test_importing_the_shared_data_gives_the_shipped_ids_and_slugs(tmp_path):
    project = make_records_project(tmp_path / "p", docs=False)
    config = project_config(project)
    outcome = import_csv(config, SHARED_DATA / "thanh_hoa_sites.csv", SHARED_DATA / "thanh_hoa_sites_recognition.csv",
                         status="published")
    assert outcome.rejected == [] and outcome.skipped == [] and len(outcome.created) == 42
    made = (project / "sites" / "_ids.txt").read_text(encoding="utf-8").splitlines()
    shipped = (SAMPLE_SITES_DIR / "_ids.txt").read_text(encoding="utf-8").splitlines()
    assert len(made) == 43 and made == shipped[:43]  # the ledger is append-only: later sites come after
    result = load_project(project)
    assert result.report.errors == [] and len(result.published) == 42


def test_rank_and_category_may_be_written_as_people_say_them(records_project, tmp_path):
    csv_path = write_csv(tmp_path, "Đền Một,,Lịch sử; Kiến trúc nghệ thuật,Quốc gia,,,,,,,Mô tả.,,",
                         "Đền Hai,,di tích cách mạng,Di tích cấp tỉnh,,,,,,,Mô tả.,,")
    outcome = import_csv(project_config(records_project), csv_path)
    assert outcome.written, rejections(outcome)
    sites = load_project(records_project).records
    assert sorted(([c.value for c in r.site.category], r.site.rank.level.value) for r in sites) == [
        (["historical", "architectural-artistic"], "national"), (["revolutionary"], "provincial")]

