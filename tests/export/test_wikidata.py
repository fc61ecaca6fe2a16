"""The Wikidata QuickStatements batch: one command per line in the documented V1 syntax,
no invented Q-ids, coordinates only where they are the monument's, with their precision."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.plaques.test_command import make_site
from tests.site_fixtures import make_site_project

from generator.config import ConfigError, load_config
from generator.export.wikidata import quote, to_quickstatements
from generator.records.validate import load_sites

# QuickStatements V1 (Help:QuickStatements): CREATE, or subject|command|value with optional
# qualifier pairs (Pnnn|value) and reference pairs (Snnn|value).
QS_VALUE = r'(?:Q[1-9]\d*|"[^"|\t\n]*"|@-?\d+(?:\.\d+)?/-?\d+(?:\.\d+)?|\+\d{4}-\d{2}-\d{2}T00:00:00Z/(?:9|11))'
QS_LINE = re.compile(rf"^(?:CREATE|(?:LAST|Q[1-9]\d*)\|(?:[LDA][a-z]{{2,3}}\|\"[^\"|\t\n]*\"|P\d+\|{QS_VALUE}"
                     rf"(?:\|[PS]\d+\|{QS_VALUE})*))$")



@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site_project(tmp_path_factory.mktemp("wikidata") / "p", ("lam-kinh", "nha-me-tom"))


def test_quickstatements_one_statement_per_line_in_v1_syntax(project: Path) -> None:
    config = load_config(project)
    text = to_quickstatements(config, load_sites(config).published)
    lines = text.splitlines()
    assert text.endswith("\n") and all(QS_LINE.match(line) for line in lines), \
        [line for line in lines if not QS_LINE.match(line)]
    assert lines.count("CREATE") == 5
    # No Q-id but the configured country: nothing invented.
    assert set(re.findall(r"\bQ[1-9]\d*\b", text)) == {"Q881"}
    assert 'LAST|P625|@19.93000/105.82000|S854|"https://example.org/nguon"' in lines  # site-survey: 5 decimals
    assert 'LAST|Lvi|"Đền \'Ngoặc\' & Ký tự\' Lạ"' in lines  # quotes cannot be escaped in V1
    assert not any(line.startswith("LAST|P625|@19.95") for line in lines)  # the commune centre is left out


def test_configured_items_and_designations_are_used(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    settings = {"country": "Q881", "designations": {"national": "Q1"}, "items": {"TH-0901": "Q2"}}
    configured = type(config)(**{**config.__dict__, "extra": {**config.extra, "wikidata": settings}})
    site = make_site("TH-0901", rank="national", location={"lat": 19.93, "lon": 105.82, "quality": "site-official"},
                     sources=[{"url": "https://example.org/qd"}])
    site = site.model_copy(update={"rank": site.rank.model_copy(update={"year": 2001})})
    lines = to_quickstatements(configured, [site]).splitlines()
    assert lines == ['Q2|P625|@19.93000/105.82000|S854|"https://example.org/qd"',
                     'Q2|P1435|Q1|P580|+2001-00-00T00:00:00Z/9|S854|"https://example.org/qd"', "Q2|P17|Q881"]
    bad = type(config)(**{**config.__dict__, "extra": {**config.extra, "wikidata": {"items": {"TH-0901": "Lam Kinh"}}}})
    with pytest.raises(ConfigError):
        to_quickstatements(bad, [site])


def test_quote_keeps_every_value_on_one_line() -> None:
    assert quote('a|b\tc\nd "e"') == "\"a b c d 'e'\""


@pytest.mark.parametrize("block", ["Q881", {"items": ["Q1"]}, {"designations": {"nationl": "Q1"}},
                                   {"country": "Việt Nam"}])
def test_malformed_wikidata_settings_fail_check_as_they_would_fail_build(project: Path, tmp_path: Path,
                                                                         block: object) -> None:
    copy = shutil.copytree(project, tmp_path / "copy")
    mkdocs = yaml.safe_load((copy / "mkdocs.yml").read_text(encoding="utf-8"))
    mkdocs["extra"]["diachido"]["wikidata"] = block
    (copy / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(copy)
    assert caught.value.code.startswith("config.wikidata_") and caught.value.line > 0
    result = run_cli(copy, "check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"mkdocs.yml:{caught.value.line}:{caught.value.column}: extra.diachido.wikidata" in result.output
    assert caught.value.describe("vi", base=copy) in result.output  # Vietnamese by default
