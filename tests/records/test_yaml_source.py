"""generator.records.yaml_source: safe loading with positions, NFC text, and refusals."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from pathlib import Path

import pytest

from generator.i18n.messages import translate
from tests.conftest import record_fixture_text

from generator.records import yaml_source
from generator.records.yaml_source import (
    MAX_DEPTH,
    MAX_YAML_BYTES,
    Position,
    YamlSourceError,
    load_yaml_file,
    parse_yaml,
)

VALID = record_fixture_text("valid.yml")
NAME_NFC = "Đền Thử Nghiệm"


def write(tmp_path: Path, data: bytes | str, name: str = "site.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refusal(path: Path) -> tuple[int, int, str, dict]:
    with pytest.raises(YamlSourceError) as caught:
        load_yaml_file(path)
    d = caught.value.diagnostic
    assert d.path == path and d.field == ""
    return d.line, d.column, d.code, d.params


# --- positions ---------------------------------------------------------------------


def test_every_value_and_key_keeps_its_line_and_column(tmp_path):
    doc = load_yaml_file(write(tmp_path, VALID))
    assert doc.data["name"]["vi"] == NAME_NFC
    assert doc.positions[("name", "vi")] == Position(5, 7)
    assert doc.positions[("category", 0)] == Position(6, 12)
    assert doc.positions[("location", "lat")] == Position(10, 8)
    assert doc.key_positions[("summary",)] == Position(15, 1)
    assert doc.key_positions[("location", "quality")] == Position(12, 3)


def test_position_of_an_absent_value_is_its_nearest_parent(tmp_path):
    doc = load_yaml_file(write(tmp_path, VALID))
    assert doc.position_of(("location", "source")) == Position(10, 3)  # the location block
    assert doc.position_of(("history", "vi")) == Position(1, 1)  # the whole file


# --- accepted variants: BOM, CRLF, NFD ---------------------------------------------------


@pytest.mark.parametrize("variant", ["bom", "crlf", "cr", "nfd", "all"])
def test_bom_windows_line_ends_and_nfd_are_accepted_and_stored_nfc(tmp_path, variant):
    text = VALID
    if variant in ("nfd", "all"):
        text = unicodedata.normalize("NFD", text)
        assert NAME_NFC not in text  # the input really is decomposed
    if variant in ("crlf", "all"):
        text = text.replace("\n", "\r\n")
    if variant == "cr":
        text = text.replace("\n", "\r")
    raw = text.encode("utf-8")
    if variant in ("bom", "all"):
        raw = b"\xef\xbb\xbf" + raw
    doc = load_yaml_file(write(tmp_path, raw))
    assert doc.data["name"]["vi"] == NAME_NFC
    assert doc.data["address"]["province"] == "Thanh Hóa"
    assert all(unicodedata.is_normalized("NFC", v) for v in _strings(doc.data))
    # Line ends and the BOM do not shift positions.
    assert doc.positions[("location", "lat")] == Position(10, 8)
    assert doc.positions[("id",)] == Position(1, 5)


def test_nfd_keys_are_normalised_too(tmp_path):
    doc = load_yaml_file(write(tmp_path, unicodedata.normalize("NFD", "tên: Hàm Rồng\n")))
    assert doc.data == {"tên": "Hàm Rồng"}


def _strings(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


# --- refusals, each with its position ------------------------------------------------------


def test_tab_is_refused_at_its_position(tmp_path):
    assert refusal(write(tmp_path, record_fixture_text("tab.yml")))[:3] == (8, 1, "yaml.tab")


def test_tab_inside_a_value_is_refused_too(tmp_path):
    assert refusal(write(tmp_path, "name:\n  vi: Đền\tHàm\n"))[:3] == (2, 10, "yaml.tab")


def test_duplicate_key_names_both_lines(tmp_path):
    line, column, code, params = refusal(write(tmp_path, record_fixture_text("duplicate_key.yml")))
    assert (line, column, code) == (6, 3, "yaml.duplicate_key")
    assert params == {"key": "vi", "first_line": 5}


def test_duplicate_keys_that_differ_only_in_normal_form_are_duplicates(tmp_path):
    text = "tên: a\n" + unicodedata.normalize("NFD", "tên") + ": b\n"
    assert refusal(write(tmp_path, text))[:3] == (2, 1, "yaml.duplicate_key")


def test_alias_bomb_is_refused_fast_without_expanding(tmp_path):
    path = write(tmp_path, record_fixture_text("alias_bomb.yml"))
    started = time.perf_counter()
    line, column, code, _ = refusal(path)
    assert time.perf_counter() - started < 0.5
    # The first reuse of an anchor is the first item of b's list (line 2).
    assert (line, column, code) == (2, 4, "yaml.alias")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: &x 1\nb: *x\n", (2, 1)),  # a reused scalar, reported at its key
        ("a: [&x 1, *x]\n", (1, 4)),  # inside a list, at the list
    ],
)
def test_any_alias_is_refused(tmp_path, text, expected):
    assert refusal(write(tmp_path, text))[:3] == (*expected, "yaml.alias")


def test_merge_keys_are_refused(tmp_path):
    assert refusal(write(tmp_path, "a: {x: 1}\n<<: {y: 2}\n"))[:3] == (2, 1, "yaml.complex_key")


def test_python_tags_are_refused_not_executed(tmp_path):
    line, column, code, params = refusal(write(tmp_path, record_fixture_text("yaml_tag.yml")))
    assert (line, column, code) == (15, 10, "yaml.tag")
    assert params["tag"] == "tag:yaml.org,2002:python/object/apply:os.system"


@pytest.mark.parametrize("text", ["a: !!binary aGVsbG8=\n", "a: !custom x\n", "a: !!set {x: null}\n"])
def test_other_tags_are_refused(tmp_path, text):
    assert refusal(write(tmp_path, text))[2] == "yaml.tag"


def test_syntax_error_has_a_position_and_the_parser_problem(tmp_path):
    line, column, code, params = refusal(write(tmp_path, record_fixture_text("syntax_error.yml")))
    assert code == "yaml.syntax" and line >= 5 and column >= 1
    assert params["problem"]


@pytest.mark.parametrize(("text", "problem"), [
    ("name:\n  vi: Đền: thờ Bà\n", "có dấu ':' ở chỗ không được phép"),
    ("name:\n  vi: a\n en: b\n", "thụt lề không khớp với các dòng trên"),
    ("name:\n  vi: @Đền\n", "giá trị bắt đầu bằng ký tự không được phép (Tab, @ hoặc `); thụt lề bằng dấu cách"),
    ("tags: [a, b\nid: 1\n", "danh sách [ ... ] thiếu dấu ']' hoặc ','"),
    ("name: {vi: a\nid: 1\n", "nhóm { ... } thiếu dấu '}' hoặc ','"),
])
def test_common_syntax_errors_are_said_in_vietnamese(tmp_path, text, problem):
    """The volunteer reads what is wrong in their language, not the parser's English."""
    code, params = refusal(write(tmp_path, text))[2:]
    assert translate(code, "vi", **params).startswith(f"lỗi cú pháp YAML ({problem});")


def test_empty_file_and_comment_only_file_are_refused(tmp_path):
    assert refusal(write(tmp_path, record_fixture_text("empty.yml")))[2] == "file.empty"
    assert refusal(write(tmp_path, "# chỉ có ghi chú\n", "b.yml"))[2] == "file.empty"


def test_a_list_at_the_top_is_refused(tmp_path):
    assert refusal(write(tmp_path, record_fixture_text("not_mapping.yml")))[2] == "yaml.not_mapping"


def test_several_documents_are_refused(tmp_path):
    assert refusal(write(tmp_path, "a: 1\n---\nb: 2\n"))[2] == "yaml.syntax"


def test_not_utf8_is_refused_at_the_bad_byte(tmp_path):
    raw = b"id: TH-0001\nname:\n  vi: \xd0en\n"  # a Windows-1258 'Đ', not UTF-8
    assert refusal(write(tmp_path, raw))[:3] == (3, 7, "file.not_utf8")


@pytest.mark.parametrize("char, shown", [("\x0b", "000B"), ("\x00", "0000"), ("\x1b", "001B"), ("\x9f", "009F")])
def test_control_characters_are_refused_at_their_position(tmp_path, char, shown):
    line, column, code, params = refusal(write(tmp_path, f"name:\n  vi: Đền{char}Hàm\n"))
    assert (line, column, code, params) == (2, 10, "yaml.control_char", {"char": shown})


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = write(tmp_path, VALID + "# " + "x" * MAX_YAML_BYTES + "\n")
    line, column, code, params = refusal(path)
    assert (line, column, code) == (0, 0, "file.too_large")
    assert params == {"size": path.stat().st_size, "limit": MAX_YAML_BYTES}


def test_a_file_just_under_the_limit_is_read(tmp_path):
    padding = "# " + "x" * (MAX_YAML_BYTES - len(VALID.encode()) - 10) + "\n"
    path = write(tmp_path, VALID + padding)
    assert path.stat().st_size <= MAX_YAML_BYTES
    assert load_yaml_file(path).data["id"] == "TH-0901"


def test_unreadable_file_is_a_diagnostic(tmp_path):
    assert refusal(tmp_path / "missing.yml")[2] == "file.unreadable"


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000 + "\n",  # once crashed the interpreter (C stack)
        "a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n",
        "a:\n" + "".join(" " * i + "- \n" for i in range(200)),
        "a:\n  " + "- " * 1_000 + "x\n",
    ],
    ids=["flow-lists", "flow-maps", "block-lists", "compact-lists"],
)
def test_deep_nesting_is_refused_not_a_crash(tmp_path, text):
    line, column, code, params = refusal(write(tmp_path, text))
    assert code == "yaml.too_deep" and params == {"limit": MAX_DEPTH} and line >= 1


def test_nesting_up_to_the_limit_is_fine():
    depth = MAX_DEPTH - 1  # plus the top-level mapping
    doc = parse_yaml(Path("x.yml"), "a: " + "[" * depth + "]" * depth + "\n")
    value = doc.data["a"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == []


def test_scalars_keep_their_yaml_types_and_bad_dates_stay_text(tmp_path):
    doc = parse_yaml(Path("x.yml"), "a: 19.5\nb: 2014\nc: 2025-06-30\nd: 2025-13-45\ne: 'TH-0001'\nf:\n")
    assert doc.data == {"a": 19.5, "b": 2014, "c": dt.date(2025, 6, 30), "d": "2025-13-45", "e": "TH-0001", "f": None}


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 30 + "]" * 30 + "\n", "a:\n" + "".join(" " * i + "- \n" for i in range(40)),
     "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(30)), "a: " + "[" * 19 + "]" * 19 + "\n"],
    ids=["flow", "block-lists", "block-maps", "at-the-limit"],
)
def test_both_depth_guards_agree(monkeypatch, text):
    """Texts with few indicators skip the event pass; the builder must then say the same."""
    def outcome():
        try:
            return parse_yaml(Path("x.yml"), text).data
        except YamlSourceError as exc:
            return exc.diagnostic
    cheap = outcome()
    monkeypatch.setattr(yaml_source, "_COMPOSER_SAFE_DEPTH", -1)  # force the event pass
    assert outcome() == cheap


# --- characters that hide: decoded escapes and invisible spaces ------------------------

# Every text field a record has (a value of each is decoded the same way, escapes included).
TEXT_FIELDS = [
    ("name:\n  vi: {v}\n", "name.vi"),
    ("name:\n  vi: A\n  other:\n  - {v}\n", "name.other[0]"),
    ("summary:\n  vi: {v}\n", "summary.vi"),
    ("history:\n  en: {v}\n", "history.en"),
    ("images:\n- file: a.jpg\n  caption:\n    vi: {v}\n", "images[0].caption.vi"),
    ("sources:\n- url: https://a.vn/\n  title: {v}\n", "sources[0].title"),
    ("tags: [{v}]\n", "tags[0]"),
    ("address:\n  former:\n    commune: {v}\n", "address.former.commune"),
]


@pytest.mark.parametrize(("template", "field"), TEXT_FIELDS, ids=[f for _, f in TEXT_FIELDS])
@pytest.mark.parametrize(("escape", "shown"), [
    ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\\x1b", "U+001B CONTROL CHARACTER"),
    ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"), ("\\u200b", "U+200B ZERO WIDTH SPACE"), ("\\0", "U+0000 CONTROL CHARACTER"),
    # Characters that show as nothing and make a blank or faked name.
    ("\\u3164", "U+3164 HANGUL FILLER"), ("\\u00ad", "U+00AD SOFT HYPHEN"), ("\\u2028", "U+2028 LINE SEPARATOR"),
    ("\\U000E0041", "U+E0041 TAG LATIN CAPITAL LETTER A"), ("\\u180e", "U+180E MONGOLIAN VOWEL SEPARATOR"),
])
def test_control_and_bidi_characters_written_as_escapes_are_refused_in_every_text_field(tmp_path, template, field, escape, shown):
    text = "id: TH-0001\n" + template.format(v=f'"Đền {escape}Bà"')
    with pytest.raises(YamlSourceError) as caught:
        load_yaml_file(write(tmp_path, text))
    d = caught.value.diagnostic
    assert (d.field, d.code, d.params) == (field, "text.control_char", {"char": shown})
    assert d.line == text.count("\n", 0, text.index('"Đền')) + 1


def test_a_bidi_override_typed_into_the_file_is_refused_too(tmp_path):
    with pytest.raises(YamlSourceError) as caught:
        load_yaml_file(write(tmp_path, "id: TH-0001\nname:\n  vi: Đền \u202eBà\n"))
    assert (caught.value.diagnostic.line, caught.value.diagnostic.field) == (3, "name.vi")


@pytest.mark.parametrize(("text", "line", "column"), [
    ("id: TH-0001\nlocation:\n  lat:\u00a019.8\n  lon: 105.7\n", 3, 7),  # YAML reports line 4
    ("id: TH-0001\nlocation:\n  lat: \u00a019.8\n  lon: 105.7\n", 3, 8),  # silently a text "\u00a019.8"
    ("id: TH-0001\nlocation:\n  lat: 19.8\u2007\n  lon: 105.7\n", 3, 12),
    ("id: TH-0001\nloca\u00a0tion:\n  lat: 19.8\n", 2, 5),
    ("id: TH-0001\nname:\n  vi: Đền\n\ufeffstatus: draft\n", 4, 1),
])
def test_invisible_characters_are_named_where_they_are(tmp_path, text, line, column):
    with pytest.raises(YamlSourceError) as caught:
        load_yaml_file(write(tmp_path, text))
    d = caught.value.diagnostic
    assert (d.line, d.column, d.code) == (line, column, "yaml.invisible_char")
    assert d.render("en").endswith("looks like a space but is not one); delete it and type a plain space")


def test_a_no_break_space_inside_text_is_kept(tmp_path):
    document = load_yaml_file(write(tmp_path, "id: TH-0001\nname:\n  vi: Đền\u00a0Bà\n"))
    assert document.data["name"]["vi"] == "Đền\u00a0Bà"


@pytest.mark.parametrize("value, refused", [
    ("Nguyễn Huệ", False),
    ("Nguye\u0302\u0303n Hue\u0323\u0302", False),  # decomposed Vietnamese: two marks at most
    ("Ba\u0300\u0301\u0302\u0303\u0304 Triệu", True),
])
def test_marks_piled_on_one_letter_are_refused(tmp_path, value, refused):
    path = write(tmp_path, f'id: TH-0001\nname:\n  vi: "{value}"\n')
    if not refused:
        assert load_yaml_file(path).data["name"]["vi"] == unicodedata.normalize("NFC", value)
        return
    with pytest.raises(YamlSourceError) as caught:
        load_yaml_file(path)
    d = caught.value.diagnostic
    # Read as NFC: the first mark joins the letter (à), four remain piled on it.
    assert (d.line, d.field, d.code, d.params) == (3, "name.vi", "text.stacked_marks", {"count": 4})
