"""generator.records.spreadsheet (and import as a whole): spreadsheets as volunteers really save them.

Excel's "Unicode Text" (UTF-16, tabs), Windows-1258 CSV, semicolons from European
settings, real .xlsx files (also renamed .csv), huge cells, duplicated headers,
superscript digits, and a write that fails half-way: each becomes records or a
message by code, never a traceback, and a failed run leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import load_project, problems, project_config, run_cli
from tests.records.test_importer import GOOD_A, GOOD_B, HEADER, rejections, site_files, write_csv

from generator.records.ids import ledger_ids
from generator.records.importer import KNOWN_COLUMNS, MAX_CELL_CHARS, import_csv
from generator.records.spreadsheet import CsvImportError, read_table

ROWS = [HEADER.split(","), next(csv.reader([GOOD_A])), next(csv.reader([GOOD_B]))]
NAMES = ["Đền Bà Triệu", "Đồi C4"]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """What Windows saves as "CSV" on a Vietnamese system: precomposed vowels, separate tone marks."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def imported_names(project: Path) -> list[str]:
    result = load_project(project)
    # A row with only the former commune gets today's filled in, with a warning.
    assert [p for p in problems(result) if p[-1] != "place.commune_filled"] == []
    return sorted(site.name.vi for site in result.sites)


@pytest.mark.parametrize("name, data, encoding", [
    ("unicode-text.txt", b"\xff\xfe" + csv_text(ROWS, "\t").encode("utf-16-le"), "utf-16"),
    ("windows.csv", windows_1258(csv_text(ROWS)), "cp1258"),
    ("chau-au.csv", csv_text(ROWS, ";").encode("utf-8"), "utf-8"),
    ("excel-bom.csv", b"\xef\xbb\xbf" + csv_text(ROWS).encode("utf-8"), "utf-8-sig"),
], ids=["excel-unicode-text-utf16-tabs", "windows-1258", "semicolons", "utf8-bom"])
def test_every_way_excel_saves_text_is_read(records_project, tmp_path, name, data, encoding):
    path = tmp_path / name
    path.write_bytes(data)
    outcome = import_csv(project_config(records_project), path)
    assert outcome.encodings == [encoding] and outcome.rejected == [] and outcome.written
    assert imported_names(records_project) == NAMES  # NFC, exactly as typed
    site = load_project(records_project).sites[0]
    assert (site.location.lat, site.rank.year) == (19.9325, 2025)


def test_the_cli_says_which_encoding_it_read(records_project, tmp_path):
    path = tmp_path / "windows.csv"
    path.write_bytes(windows_1258(csv_text(ROWS)))
    result = run_cli(records_project, "--lang", "en", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Read the spreadsheet as cp1258; next time save it as 'CSV UTF-8'."


def test_an_explicit_delimiter_wins(records_project, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text(csv_text(ROWS, ";"), encoding="utf-8")
    result = run_cli(records_project, "import", "--delimiter", ";", str(path))
    assert result.exit_code == 0, result.output
    assert imported_names(records_project) == NAMES


@pytest.mark.parametrize("name", ["ds.xlsx", "doi-ten.csv"], ids=["xlsx", "xlsx-renamed-csv"])
def test_a_real_workbook_is_read_with_numbers_as_typed(records_project, tmp_path, name):
    rows: list[list[object]] = [list(row) for row in ROWS]
    rows[1][HEADER.split(",").index("lat")] = 19.9325      # numbers typed as numbers
    rows[1][HEADER.split(",").index("year_recognised")] = 2025
    (tmp_path / name).write_bytes(xlsx_bytes(rows))
    outcome = import_csv(project_config(records_project), tmp_path / name)
    assert outcome.encodings == ["xlsx"] and outcome.written
    assert imported_names(records_project) == NAMES
    site = next(s for s in load_project(records_project).sites if s.name.vi == NAMES[0])
    assert (site.location.lat, site.rank.year) == (19.9325, 2025)


@pytest.mark.parametrize("data, code", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "import.old_excel"),
    (b"", "import.missing_columns"),
    (bytes(range(256)) * 40, "import.not_text"),
], ids=["xls", "empty", "binary"])
def test_files_that_are_no_table_get_a_message(records_project, tmp_path, data, code):
    path = tmp_path / "ds.csv"
    path.write_bytes(data)
    with pytest.raises(CsvImportError) as caught:
        import_csv(project_config(records_project), path)
    assert caught.value.code == code


def test_an_ods_or_damaged_zip_says_how_to_save(records_project, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    path = tmp_path / "ds.ods"
    path.write_bytes(buffer.getvalue())
    result = run_cli(records_project, "--lang", "en", "import", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (f"{path}: a zip file but not a readable Excel .xlsx workbook (perhaps .ods, or damaged); "
                             "save it again as .xlsx or 'CSV UTF-8'\n")


def test_an_xml_entity_bomb_in_a_workbook_is_refused(records_project, tmp_path):
    entities = '<!ENTITY e0 "lol">' + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(ROWS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = data.decode().replace(">Đồi C4<", ">&e9;<")
                assert "&e9;" in body
                data = f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>{body}'.encode()
            archive.writestr(info, data)
    path = tmp_path / "bom.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(CsvImportError) as caught:
        import_csv(project_config(records_project), path)
    assert caught.value.code == "import.not_xlsx"


def test_a_zip_bomb_is_refused_before_inflating(records_project, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (65 * 1024 * 1024))
    path = tmp_path / "bom.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(CsvImportError) as caught:
        import_csv(project_config(records_project), path)
    assert caught.value.code == "import.too_large"


def test_a_cell_past_the_csv_field_limit_rejects_its_row_only(records_project, tmp_path):
    huge = "Đền " + "a" * 131_073  # more than Python's csv module accepts by default
    path = write_csv(tmp_path, GOOD_A, f'"{huge}",,historical,,,,,,,,Mô tả.,,', GOOD_B, "Đền Sai,,temple,,,,,,,,Mô tả.,,")
    outcome = import_csv(project_config(records_project), path)
    assert rejections(outcome) == [(3, "name_vi", "import.cell_too_long"), (5, "category", "type.choice")]
    assert outcome.rejected[0][1][0].params == {"length": len(huge), "limit": MAX_CELL_CHARS}
    assert not outcome.written


@pytest.mark.parametrize("year", ["2025²", "²⁰²⁵", "２０２５", "MMXXV"])
def test_a_year_that_is_not_ascii_digits_rejects_the_row(records_project, tmp_path, year):
    path = write_csv(tmp_path, GOOD_A.replace(",2025,", f",{year},"))
    outcome = import_csv(project_config(records_project), path)
    assert rejections(outcome) == [(2, "year_recognised", "type.integer")]


@pytest.mark.parametrize("lat, code", [("nan", "lat.range"), ("inf", "lat.range"), ("1e999", "lat.range"), ("١٩.٩", "type.number"), ("19°55′", "type.number")])
def test_a_latitude_that_is_not_a_plain_decimal_rejects_the_row(records_project, tmp_path, lat, code):
    outcome = import_csv(project_config(records_project), write_csv(tmp_path, GOOD_A.replace('"19,9325"', lat)))
    assert rejections(outcome) == [(2, "lat", code)]


@pytest.mark.parametrize("header, column", [
    (HEADER + ",name_vi", "name_vi"),
    (HEADER.replace("name_en", "Name_VI "), "name_vi"),
])
def test_a_duplicated_column_stops_the_import_instead_of_losing_one(records_project, tmp_path, header, column):
    path = write_csv(tmp_path, GOOD_A + ",Tên khác", header=header)
    result = run_cli(records_project, "--lang", "en", "import", str(path))
    assert result.exit_code == 1
    second = len(header.split(","))if header.endswith("name_vi") else 2
    assert result.stderr == (f"{path}: column '{column}' appears twice (columns 1 and {second}); rename or delete one, "
                             "otherwise one column's data would be lost\n")
    assert site_files(records_project) == ["_template.yml", "site.schema.json"]


def test_columns_the_import_does_not_read_are_named(records_project, tmp_path):
    path = write_csv(tmp_path, "1," + GOOD_B + ",ghi chú lạc", header="stt," + HEADER + ",")
    result = run_cli(records_project, "--lang", "en", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ("warning: not importing columns that are not in the template "
                             "(sites/_import_template.csv): stt, #15\n")


def test_a_quote_left_open_is_a_message_with_its_line(records_project, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text(HEADER + "\n" + GOOD_B + '\n"Đền Mở,,historical,,,,,,,,Mô tả.,,\n' + GOOD_A + "\n" + GOOD_B + "\n", encoding="utf-8")
    result = run_cli(records_project, "--lang", "en", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:3: malformed CSV (',' expected after '\"'); "
                             "usually a quotation mark that is never closed\n")


def test_nul_bytes_are_not_text(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(b"name_vi,category\n\"a\"b\x00,c\n")
    with pytest.raises(CsvImportError) as caught:
        read_table(path, KNOWN_COLUMNS)
    assert caught.value.code == "import.not_text"


def test_a_failed_write_on_row_3_leaves_neither_row_2_nor_its_id(records_project, tmp_path):
    config = project_config(records_project)
    (records_project / "sites" / "_ids.txt").write_text("# ledger\nTH-0007 cu\n", encoding="utf-8")
    ledger_before = (records_project / "sites" / "_ids.txt").read_bytes()
    # A dangling symlink is not "an existing record", but the OS refuses to create the file there.
    (records_project / "sites" / "doi-c4.yml").symlink_to(tmp_path / "nowhere" / "x.yml")
    path = write_csv(tmp_path, GOOD_A, GOOD_B)
    with pytest.raises(CsvImportError) as caught:
        import_csv(config, path)
    assert caught.value.code == "import.write_failed"
    assert caught.value.params["path"] == str(records_project / "sites" / "doi-c4.yml")
    assert not (records_project / "sites" / "den-ba-trieu.yml").exists()
    assert (records_project / "sites" / "_ids.txt").read_bytes() == ledger_before
    (records_project / "sites" / "doi-c4.yml").unlink()
    assert [site_id for _, _, site_id in import_csv(config, path).created] == ["TH-0008", "TH-0009"]


def test_an_unwritable_ledger_is_a_message_and_no_record(records_project, tmp_path):
    (records_project / "sites" / "_ids.txt").mkdir()
    result = run_cli(records_project, "--lang", "en", "import", str(write_csv(tmp_path, GOOD_A)))
    assert result.exit_code == 1 and "Traceback" not in result.output
    # The ledger is read before anything is written (records.ids.read_ledger).
    assert result.stderr.startswith("sites/_ids.txt: cannot read the file: Is a directory")
    assert site_files(records_project) == ["_ids.txt", "_template.yml", "site.schema.json"]


# --- fuzzing ----------------------------------------------------------------------------------

_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_table_or_a_message(tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        table = read_table(path, KNOWN_COLUMNS)
    except CsvImportError as exc:
        assert exc.code.startswith("import.")
        return
    assert all(isinstance(number, int) and number >= 2 for number, _ in table.rows)


_CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=40)


@_FUZZ
@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=5),
       st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]), st.sampled_from([",", ";", "\t"]))
def test_cells_survive_any_encoding_and_delimiter(tmp_path, body, encoding, delimiter):
    rows = [["name_vi", "category", "description_vi"]] + body
    path = tmp_path / "fuzz.csv"
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    table = read_table(path, KNOWN_COLUMNS)
    got = [[row[name] for name in rows[0]] for _, row in table.rows]
    expected = [[unicodedata.normalize("NFC", cell).strip() for cell in cells] for cells in body]
    assert got == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_CELL, min_size=len(ROWS[0]), max_size=len(ROWS[0])), min_size=1, max_size=3))
def test_any_rows_are_imported_whole_or_rejected_with_messages(records_project, tmp_path, body):
    path = tmp_path / "fuzz.csv"
    path.write_text(csv_text([ROWS[0]] + body), encoding="utf-8")
    config = project_config(records_project)
    before = site_files(records_project)
    outcome = import_csv(config, path)
    if outcome.rejected:
        assert site_files(records_project) == before and all(found for _, found in outcome.rejected)
    else:
        for _, created, site_id in outcome.created:
            assert created.is_file() and site_id in ledger_ids(config)
            created.unlink()
        assert [p for p in problems(load_project(records_project)) if p[-1] != "place.commune_filled"] == []


def test_a_join_file_without_an_id_column_is_a_message(records_project, tmp_path):
    main = write_csv(tmp_path, "r1," + GOOD_B, header="id," + HEADER)
    extra = write_csv(tmp_path, "den-ba-trieu,2025", header="key,year_recognised", name="them.xlsx.csv")
    result = run_cli(records_project, "--lang", "en", "import", str(main), "--join", str(extra))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == f"{extra}: the --join file needs an 'id' column to match the rows of the main file\n"
