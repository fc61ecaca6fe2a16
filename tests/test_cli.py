"""The ``diachido`` command through click's test runner (and once as a real process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import (
    LANGUAGE_ENV_VARS,
    RECORD_FIXTURES_DIR,
    SAMPLE_SITES_DIR,
    add_record_fixture,
    run_cli,
)

from generator.config import EXAMPLE_REPOSITORY_URL
from generator.records.schema import json_schema

BROKEN = ["tab.yml", "lat_lon_swapped.yml", "unknown_field.yml", "missing_image.yml", "alias_bomb.yml"]


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- check -----------------------------------------------------------------------------------


def test_check_lists_every_problem_in_every_file_in_vietnamese_and_fails(records_project):
    for name in BROKEN:
        add_record_fixture(records_project, name)
    shutil.copy2(SAMPLE_SITES_DIR / "lam-kinh.yml", records_project / "sites")  # a valid one among them
    result = run_cli(records_project, "check")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "sites/alias_bomb.yml:2:4: không dùng neo/bí danh YAML (&, *) trong hồ sơ di tích; hãy viết giá trị ra đầy đủ",
        "sites/lat_lon_swapped.yml:10:8: location.lat: 105.78 không phải vĩ độ (phải nằm trong khoảng -90 đến 90); "
        "có phải bạn đã đổi chỗ lat và lon?",
        "sites/missing_image.yml:18:11: images[0].file: không tìm thấy tệp 'anh/cong-chinh.jpg' "
        f"(tìm tại {records_project / 'sites' / 'anh' / 'cong-chinh.jpg'}); kiểm tra tên tệp, kể cả chữ hoa/thường",
        "sites/tab.yml:8:1: có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề, hãy thay Tab bằng dấu cách",
        "sites/unknown_field.yml:17:1: histroy: trường 'histroy' không có trong mẫu; có phải ý bạn là 'history'?",
    ]
    assert lines(result.stdout) == [
        "Đã kiểm tra 6 tệp: 5 lỗi, 0 cảnh báo. Hãy sửa các lỗi trên rồi chạy lại."
    ]


@pytest.mark.parametrize(
    "args, env",
    [(["--lang", "en", "check"], {}), (["check", "--lang", "en"], {}), (["check"], {"DIACHIDO_LANG": "en"}),
     (["check"], {"LANG": "en_US.UTF-8"})],
    ids=["--lang", "--lang-after-the-command", "DIACHIDO_LANG", "locale"],
)
def test_check_speaks_english_when_asked(records_project, args, env):
    add_record_fixture(records_project, "lat_lon_swapped.yml")
    result = run_cli(records_project, *args, env=env)
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "sites/lat_lon_swapped.yml:10:8: location.lat: 105.78 is not a latitude (must be between -90 and 90); "
        "did you swap lat and lon?"
    ]
    assert lines(result.stdout) == ["Checked 1 file: 1 error, 0 warnings. Fix the errors above and run again."]


def test_lang_option_beats_the_environment(records_project):
    add_record_fixture(records_project, "valid.yml")
    result = run_cli(records_project, "--lang", "vi", "check", env={"DIACHIDO_LANG": "en", "LANG": "en_US.UTF-8"})
    assert result.stdout.startswith("Đã kiểm tra 1 tệp")


def test_warnings_are_printed_without_failing(records_project):
    add_record_fixture(records_project, "nearby")
    result = run_cli(records_project, "--lang", "en", "check")
    assert result.exit_code == 0
    assert lines(result.stderr) == [
        "sites/b.yml:10:3: warning: location: only 10.0 m from sites/a.yml; is this the same site entered twice?"
    ]
    assert lines(result.stdout) == ["Checked 2 files: 2 valid sites, 1 warning."]


def test_check_of_valid_samples_passes(sample_project):
    result = run_cli(sample_project, "check")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "Đã kiểm tra 4 tệp: 4 di tích hợp lệ, 0 cảnh báo.\n"


def test_every_error_fixture_at_once_gives_messages_never_a_traceback(records_project):
    names = sorted(p.name for p in RECORD_FIXTURES_DIR.glob("*.yml") if p.name != "valid.yml")
    for name in names:
        add_record_fixture(records_project, name)
    for lang in ("vi", "en"):
        result = run_cli(records_project, "--lang", lang, "check")
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        named = {line.split(":")[0] for line in lines(result.stderr)}
        assert named == {f"sites/{name}" for name in names}  # every broken file is named


def test_missing_configuration_is_a_message_not_a_traceback(tmp_path):
    result = run_cli(tmp_path, "check")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("mkdocs.yml: không tìm thấy tệp; hãy chạy diachido trong thư mục dự án")
    assert "Traceback" not in result.output
    english = run_cli(tmp_path, "check", "--lang", "en")
    assert english.exit_code == 1 and english.stderr.startswith("mkdocs.yml: not found; run diachido in the project")


def test_deep_nesting_in_a_real_process_is_a_message_not_a_crash(records_project):
    # A real process, so that a crash of the interpreter itself (it once segfaulted) fails the test.
    (records_project / "sites" / "sau.yml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_ENV_VARS}
    diachido = Path(sys.executable).with_name("diachido")  # the installed entry point
    run = subprocess.run([str(diachido), "--lang", "en", "check"], cwd=records_project,
                         capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 1, run.stderr[-500:]
    assert run.stderr.startswith("sites/sau.yml:1:") and "nested too deeply (more than 20 levels)" in run.stderr


# --- new -------------------------------------------------------------------------------------


def test_new_writes_a_draft_with_the_next_id_that_passes_check(sample_project):
    result = run_cli(sample_project, "new", "Đền Bà Triệu")
    path = sample_project / "sites" / "den-ba-trieu.yml"
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã tạo {path} với mã TH-0043. Hãy điền các trường rồi chạy: diachido check\n"
    text = path.read_text(encoding="utf-8")
    assert "\nid: TH-0043\nslug: den-ba-trieu\n" in text and "\nstatus: draft\n" in text
    check = run_cli(sample_project, "check")
    assert (check.exit_code, check.stderr) == (0, "")
    assert "5 di tích hợp lệ" in check.stdout


def test_new_never_overwrites(sample_project):
    assert run_cli(sample_project, "new", "Đền Bà Triệu").exit_code == 0
    path = sample_project / "sites" / "den-ba-trieu.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Viết ở đây.", "Lịch sử của tôi."), encoding="utf-8")
    before = path.read_bytes()
    result = run_cli(sample_project, "--lang", "en", "new", "Đền Bà Triệu")
    assert result.exit_code == 1
    assert result.stdout == f"{path} already exists; not overwritten. Use --slug to choose another name.\n"
    assert path.read_bytes() == before
    again = run_cli(sample_project, "new", "Đền Bà Triệu", "--slug", "den-ba-trieu-2")
    assert again.exit_code == 0 and "TH-0044" in again.stdout


@pytest.mark.parametrize("args", [["???"], ["Đền", "--slug", "../ngoai"]])
def test_new_refuses_names_that_make_no_file_name(records_project, args):
    result = run_cli(records_project, "--lang", "en", "new", *args)
    assert result.exit_code == 1 and "cannot be a file name" in result.stdout
    assert sorted(p.name for p in (records_project / "sites").iterdir()) == ["_template.yml", "site.schema.json"]


# --- schema ----------------------------------------------------------------------------------


def test_schema_writes_the_json_schema_of_the_code(records_project):
    target = records_project / "sites" / "site.schema.json"
    target.write_text("{}", encoding="utf-8")
    result = run_cli(records_project, "--lang", "en", "schema")
    assert result.exit_code == 0 and result.stdout == f"Wrote the JSON Schema to {target}\n"
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()
    # ... and what it writes is exactly the committed file: the committed one is current.
    assert target.read_bytes() == (SAMPLE_SITES_DIR / "site.schema.json").read_bytes()


# --- import ----------------------------------------------------------------------------------

CSV_HEADER = "name_vi,category,rank,description_vi,lat,lon,coord_quality"


def test_import_reports_rejected_rows_then_created_and_skipped(sample_project, tmp_path):
    csv_path = tmp_path / "ds.csv"
    csv_path.write_text(
        CSV_HEADER + "\n"
        "Đền Bà Triệu,historical,quốc gia đặc biệt,Đền thờ Bà Triệu.,19.9325,105.8156,site_survey\n"
        "Lam Kinh,historical,,Đã có.,,,\n"
        "Đền Lỗi,temple,,Loại sai.,,,\n",
        encoding="utf-8",
    )
    lam_kinh = (sample_project / "sites" / "lam-kinh.yml").read_bytes()
    result = run_cli(sample_project, "--lang", "en", "import", str(csv_path))
    assert result.exit_code == 1  # a row was rejected: nothing is written
    assert lines(result.stderr) == ["row 4, column category: 'temple' is not allowed; choose one of: 'historical', "
                                    "'revolutionary', 'architectural-artistic', 'archaeological' or 'scenic'"]
    assert lines(result.stdout) == ["No record was created: 1 row was rejected. Fix the rows above in the spreadsheet "
                                    "and import again."]
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace("temple", "historical"), encoding="utf-8")
    result = run_cli(sample_project, "--lang", "en", "import", str(csv_path))
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "row 2: created sites/den-ba-trieu.yml (TH-0043)",
        "row 4: created sites/den-loi.yml (TH-0044)",
        "row 3: skipped, sites/lam-kinh.yml already exists (not overwritten)",
        "Import done: 2 new records, 1 skipped.",
    ]
    assert (sample_project / "sites" / "lam-kinh.yml").read_bytes() == lam_kinh
    check = run_cli(sample_project, "check")
    assert check.exit_code == 0, check.stderr


def test_import_join_and_status_published(records_project, tmp_path):
    main_csv, extra_csv = tmp_path / "a.csv", tmp_path / "b.csv"
    main_csv.write_text("id,name_vi,category,description_vi\nr1,Đền Bà Triệu,historical,Đền thờ.\n", encoding="utf-8")
    extra_csv.write_text("id,key,rank,year_recognised\nr1,den-ba-trieu-hau-loc,quốc gia đặc biệt,2025\n", encoding="utf-8")
    result = run_cli(records_project, "import", str(main_csv), "--join", str(extra_csv), "--status", "published")
    assert result.exit_code == 0, result.output
    text = (records_project / "sites" / "den-ba-trieu-hau-loc.yml").read_text(encoding="utf-8")
    assert "status: published" in text and "level: special-national" in text and "year: 2025" in text


def test_import_without_required_columns_fails_cleanly(records_project, tmp_path):
    csv_path = tmp_path / "ds.csv"
    csv_path.write_text("ten,loai\nĐền,historical\n", encoding="utf-8")
    result = run_cli(records_project, "--lang", "en", "import", str(csv_path))
    assert result.exit_code == 1
    assert result.stderr == "the CSV lacks required columns: name_vi, category, description_vi\n"


def test_import_of_a_missing_file_is_a_usage_error(records_project, tmp_path):
    result = run_cli(records_project, "import", str(tmp_path / "khong-co.csv"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_help_lists_the_commands(records_project):
    result = run_cli(records_project, "--help")
    assert result.exit_code == 0
    for command in ("check", "build", "serve", "new", "import", "schema"):
        assert f"  {command} " in result.stdout


def test_build_with_a_bad_map_setting_fails_cleanly_and_keeps_the_site(sample_project):
    assert run_cli(sample_project, "build").exit_code == 0
    index = (sample_project / "site" / "index.html").read_bytes()
    config = sample_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "url: https://tile.openstreetmap.org/{z}/{x}/{y}.png", "url: http://tiles.invalid/x.png"), encoding="utf-8")
    result = run_cli(sample_project, "build")
    assert result.exit_code == 1
    assert "extra.diachido.map.tiles.url" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (sample_project / "site" / "index.html").read_bytes() == index


def test_build_warns_while_site_url_or_repository_is_the_shipped_example(sample_project):
    """Plaques encode site_url for decades, and every "Báo lỗi" and edit link names the
    repository: say so before anyone prints a plaque or follows a link."""
    result = run_cli(sample_project, "--lang", "en", "build")
    assert result.exit_code == 0
    assert "site_url in mkdocs.yml is still the shipped example (https://diachido-thanhhoa.github.io/)" in result.stderr
    assert ("extra.diachido.repository.url in mkdocs.yml is still the demo repository "
            f"({EXAMPLE_REPOSITORY_URL})") in result.stderr
    vi = run_cli(sample_project, "plaques", "--format", "png")  # the same warnings, before plaques are made
    assert vi.exit_code == 0 and f"extra.diachido.repository.url trong mkdocs.yml vẫn là kho mẫu ({EXAMPLE_REPOSITORY_URL})" in vi.stderr
    config = sample_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "site_url: https://diachido-thanhhoa.github.io/", "site_url: https://tinhdoan.example.vn/dcd/")
    config.write_text(text.replace(EXAMPLE_REPOSITORY_URL, "https://github.com/tinhdoan/dcd"), encoding="utf-8")
    result = run_cli(sample_project, "--lang", "en", "build")
    assert result.exit_code == 0 and "site_url" not in result.stderr and "repository" not in result.stderr


@pytest.mark.parametrize("lang, env, words", [
    ((), {}, "extra.diachido.target: mục tiêu số di tích phải là một số nguyên từ 1 trở lên"),
    (("--lang", "en"), {}, "extra.diachido.target: the target number of sites must be a whole number of at least 1"),
    ((), {"DIACHIDO_LANG": "en"}, "extra.diachido.target: the target number of sites must be"),
])
def test_a_bad_setting_is_one_translated_positioned_line(records_project, lang, env, words):
    config = records_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[:text.index("    target: 50")].count("\n") + 1
    config.write_text(text.replace("    target: 50", "    target: 0"), encoding="utf-8")
    for command in ("check", "build"):
        result = run_cli(records_project, *lang, command, env=env)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        [only] = lines(result.stderr)
        assert only.startswith(f"mkdocs.yml:{line}:13: {words}")
        assert "Traceback" not in result.output and "Error:" not in result.output
