"""generator.config: configuration lives in mkdocs.yml (extra.diachido), not in code."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT

from generator.config import Bounds, ConfigError, load_config


def write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path


MINIMAL = """\
site_name: Thử
site_url: https://example.org/thu
extra:
  diachido:
    province: Ninh Bình
    id_prefix: NB
    bounds: {south: 19.9, west: 105.5, north: 20.5, east: 106.2}
"""


def test_the_project_configuration():
    config = load_config(REPO_ROOT)
    assert config.province == "Thanh Hóa"
    assert config.id_prefix == "TH"
    assert config.bounds == Bounds(south=19.2, west=104.3, north=20.75, east=106.25)
    assert config.site_url == "https://diachido-thanhhoa.github.io/"
    assert config.languages == ("vi", "en")
    assert config.docs_dir == REPO_ROOT / "site_docs" and config.site_dir == REPO_ROOT / "site"
    assert config.sites_dir == REPO_ROOT / "sites"
    assert config.organisation.name == "Tỉnh đoàn Thanh Hóa"


def test_another_province_is_configuration_only(tmp_path):
    config = load_config(write_config(tmp_path, MINIMAL))
    assert (config.province, config.id_prefix) == ("Ninh Bình", "NB")
    assert config.site_url == "https://example.org/thu/"  # a trailing slash is added
    assert config.languages == ("vi",)
    assert config.docs_dir == tmp_path / "docs" and config.site_dir == tmp_path / "site"  # MkDocs' defaults
    assert config.bounds.contains(20.25, 105.97) and not config.bounds.contains(19.8, 105.78)


def test_english_pages_name_the_site_in_english_when_configured(tmp_path):
    assert load_config(REPO_ROOT).site_name_in("en") == "Red Addresses of Thanh Hóa"
    assert load_config(REPO_ROOT).site_name_in("vi") == "Địa chỉ đỏ Thanh Hóa"
    config = load_config(write_config(tmp_path, MINIMAL))  # no site_name_en: the one name everywhere
    assert config.site_name_in("en") == config.site_name_in("vi") == "Thử"


def test_renderer_tags_in_mkdocs_yml_are_read_as_text_not_run(tmp_path):
    text = MINIMAL + "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    text += "copyright: !ENV [COPYRIGHT, 'Tỉnh đoàn']\n"
    config = load_config(write_config(tmp_path, text))
    assert config.province == "Ninh Bình"


def test_bom_is_fine(tmp_path):
    (tmp_path / "mkdocs.yml").write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load_config(tmp_path).id_prefix == "NB"


def test_logo_path_is_relative_to_the_project(tmp_path):
    text = MINIMAL + "    organisation: {name: Đoàn, logo: anh/logo.png}\n"
    config = load_config(write_config(tmp_path, text))
    assert config.organisation.logo == tmp_path / "anh" / "logo.png"


@pytest.mark.parametrize(
    "text, code, setting, line",
    [
        (None, "config.not_found", (), 0),
        ("site_name: [unclosed\n", "config.not_yaml", (), 2),
        ("- a\n", "config.not_mapping", (), 0),
        ("site_name: x\nsite_url: https://x/\n", "config.block_missing", ("extra", "diachido"), 1),
        (MINIMAL.replace("    province: Ninh Bình\n", ""), "config.missing", ("extra", "diachido", "province"), 5),
        (MINIMAL.replace("site_url: https://example.org/thu\n", ""), "config.missing", ("site_url",), 1),
        (MINIMAL.replace("south: 19.9", "south: nineteen"), "config.bounds_numbers", ("extra", "diachido", "bounds"), 7),
        (MINIMAL.replace("east: 106.2", "up: 106.2"), "config.bounds_numbers", ("extra", "diachido", "bounds"), 7),
        (MINIMAL.replace("south: 19.9", "south: 20.9"), "config.bounds_order", ("extra", "diachido", "bounds"), 7),
        (MINIMAL.replace("bounds: {", "bounds: [").replace("106.2}", "106.2]"), "config.bounds_numbers",
         ("extra", "diachido", "bounds"), 7),
    ],
)
def test_unusable_configuration_says_why(tmp_path, text, code, setting, line):
    if text is not None:
        write_config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert (caught.value.code, caught.value.setting, caught.value.line) == (code, setting, line)
    assert caught.value.file == tmp_path / "mkdocs.yml"


@pytest.mark.parametrize(
    "extra, code, setting",
    [
        ("    organisation: Tỉnh đoàn Thanh Hóa\n", "config.organisation", "organisation"),
        ("    target: năm mươi\n", "config.target", "target"),
        ("    target: 0\n", "config.target", "target"),
        ("    target: -5\n", "config.target", "target"),
        ("    target: 12.5\n", "config.target", "target"),
        ("    target: yes\n", "config.target", "target"),
        ("    languages: vi\n", "config.languages", "languages"),
        ("    photo_request: zalo 0912 345 678\n", "config.photo_request", "photo_request"),
        ("    photo_request: javascript:alert(1)\n", "config.photo_request", "photo_request"),
        ("    photo_request: [https://zalo.me/a]\n", "config.photo_request", "photo_request"),
    ],
)
def test_mistyped_optional_settings_say_why(tmp_path, extra, code, setting):
    write_config(tmp_path, MINIMAL + extra)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert (caught.value.code, caught.value.setting) == (code, ("extra", "diachido", setting))
    assert (caught.value.line, caught.value.column) == (8, 5 + len(setting) + 2)  # the value's own place


@pytest.mark.parametrize("value, target", [("50", 50), ("'7'", 7), ("1", 1), (None, 0)])
def test_the_target_is_a_whole_number_of_sites(tmp_path, value, target):
    config = load_config(write_config(tmp_path, MINIMAL + (f"    target: {value}\n" if value else "")))
    assert config.target == target


def test_a_bad_setting_reads_in_vietnamese_or_english_at_its_line(tmp_path):
    write_config(tmp_path, MINIMAL + "    target: -5\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    where = f"{tmp_path / 'mkdocs.yml'}:8:13: extra.diachido.target: "
    assert caught.value.describe("vi") == where + "mục tiêu số di tích phải là một số nguyên từ 1 trở lên, ví dụ 50 (đang là '-5')"
    assert caught.value.describe("en") == where + "the target number of sites must be a whole number of at least 1, e.g. 50 (not '-5')"
    assert caught.value.describe("vi", base=tmp_path).startswith("mkdocs.yml:8:13: extra.diachido.target: ")


def test_extra_that_is_not_a_mapping_says_why(tmp_path):
    write_config(tmp_path, "site_name: x\nsite_url: https://x/\nextra: [diachido]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.code == "config.block_missing" and caught.value.line == 3


@pytest.mark.parametrize("extra, message", [
    ("a: &a [x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n",
     ":9:4: not valid YAML: YAML anchors/aliases (&, *) are not allowed in site records; write the value out in full"),
    ("nav: " + "[" * 3000 + "]" * 3000 + "\n", ":8:"),
    ("# " + "x" * (256 * 1024) + "\n", ": not valid YAML: file is too large"),
    ("site_name: again\n", ":8:1: not valid YAML: key 'site_name' appears twice (first at line 1); remove one of them"),
], ids=["alias-bomb", "deep", "too-large", "duplicate-key"])
def test_mkdocs_yml_has_the_same_limits_as_records(tmp_path, monkeypatch, extra, message):
    monkeypatch.setenv("DIACHIDO_LANG", "en")
    write_config(tmp_path, MINIMAL + extra)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / "mkdocs.yml") + message)


def test_renderer_tags_are_read_as_plain_values(tmp_path):
    text = MINIMAL.replace("province: Ninh Bình", "province: !ENV [PROVINCE, Ninh Bình]").replace(
        "id_prefix: NB", "id_prefix: !!python/name:os.system NB")
    config = load_config(write_config(tmp_path, text))
    assert config.extra["province"] == ["PROVINCE", "Ninh Bình"]  # the text as written; never evaluated
    assert config.id_prefix == "NB"


def test_shipped_site_url_is_known_as_the_example(tmp_path: Path) -> None:
    from generator.config import EXAMPLE_SITE_URL
    from tests.conftest import make_records_project

    project = make_records_project(tmp_path / "p", docs=False)
    assert load_config(project).site_url == EXAMPLE_SITE_URL and load_config(project).site_url_is_example
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace(EXAMPLE_SITE_URL, "https://tinhdoan.example.vn/dcd/"), encoding="utf-8")
    assert not load_config(project).site_url_is_example


@pytest.mark.parametrize("value", ["https://zalo.me/0912345678", "https://www.facebook.com/tinhdoanthanhhoa",
                                   "mailto:anh@example.org", ""])
def test_the_photo_request_is_a_web_page_or_an_email(tmp_path, value):
    config = load_config(write_config(tmp_path, MINIMAL + f"    photo_request: {value}\n"))
    assert config.photo_request == (value or None)
    assert load_config(REPO_ROOT).photo_request is None  # shipped without: no request is shown
