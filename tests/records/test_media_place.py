"""Where a file named in a record is (generator/records/media_place.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.records.media_place import PlaceProblem, locate


def test_a_name_composed_differently_on_disk_is_found(tmp_path: Path) -> None:
    """macOS and some zip tools store 'ả' as 'a' + a combining mark; the record is NFC."""
    stored = tmp_path / unicodedata.normalize("NFD", "Bản ghi mới") / unicodedata.normalize("NFD", "Đình làng.m4a")
    stored.parent.mkdir()
    stored.write_bytes(b"x")
    assert locate(tmp_path, "Bản ghi mới/Đình làng.m4a") == stored.resolve()


def test_a_file_in_a_subfolder_is_suggested(tmp_path: Path) -> None:
    (tmp_path / "den-thu").mkdir()
    (tmp_path / "den-thu" / "thuyet-minh.m4a").write_bytes(b"x")
    with pytest.raises(PlaceProblem) as caught:
        locate(tmp_path, "thuyet-minh.m4a")
    assert caught.value.code == "media.missing"
    assert caught.value.params["hint"] == ("hint.did_you_mean", {"suggestion": "den-thu/thuyet-minh.m4a"})


@pytest.mark.parametrize(("name", "code"), [
    ("../ngoai.m4a", "media.outside"), ("/etc/passwd", "media.outside"), ("ghi-chu.txt", "media.type"),
    ("khong-co.m4a", "media.missing"), ("a\0b.m4a", "media.missing"),
])
def test_outside_then_type_then_missing(tmp_path: Path, name: str, code: str) -> None:
    (tmp_path / "ghi-chu.txt").write_text("x")
    with pytest.raises(PlaceProblem) as caught:
        locate(tmp_path / ".", name, (".m4a",))
    assert caught.value.code == code
