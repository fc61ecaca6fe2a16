"""Record kinds: a kind plugs into the shared loading, ids and URLs without copying them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from generator.records.ids import next_free_id, record_ids
from generator.records.kinds import KINDS, SITE, RecordKind, register_kind
from generator.records.schema import Name
from generator.records.validate import load_records
from generator.urls import record_page_path, short_path, site_page_path
from tests.conftest import make_records_project, project_config


class _Walk(BaseModel):
    """A toy kind: enough fields to show positioned errors and unknown-field hints."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[A-Z]{1,5}-W[0-9]{4,6}$")
    slug: str | None = None
    name: Name
    stops: list[str] = Field(default_factory=list)


WALK = RecordKind("walk", "walks", _Walk, "di-bo", id_letter="W")


def test_the_site_kind_is_registered_with_its_folder_and_pages() -> None:
    assert KINDS["site"] is SITE
    assert (SITE.folder, SITE.page_dir, SITE.id_letter) == ("sites", "di-tich", "")
    assert record_page_path(SITE.page_dir, "lam-kinh") == site_page_path("lam-kinh") == "di-tich/lam-kinh/"


def test_a_kind_that_clashes_with_a_registered_one_is_refused() -> None:
    with pytest.raises(ValueError, match="clashes with 'site'"):
        register_kind(RecordKind("stroll", "strolls", _Walk, "di-tich", id_letter="S"))
    assert "stroll" not in KINDS


def test_another_kind_loads_with_positioned_errors_and_hints(tmp_path: Path) -> None:
    project = make_records_project(tmp_path / "p", docs=False)
    walks = project / "walks"
    walks.mkdir()
    (walks / "good.yml").write_text("id: TH-W0001\nname: {vi: Quanh hồ}\nstops: [TH-0001]\n", encoding="utf-8")
    (walks / "bad.yml").write_text("id: TH-W0002\nname: {vi: ''}\nstop: [TH-0001]\n", encoding="utf-8")
    result = load_records(project_config(project), WALK)
    assert [(r.site.id, r.site.slug) for r in result.records] == [("TH-W0001", "quanh-ho")]
    problems = sorted((Path(d.path).name, d.line, d.field, d.code) for d in result.report.errors)
    assert problems == [("bad.yml", 2, "name.vi", "text.empty"), ("bad.yml", 3, "stop", "field.unknown")]
    unknown = next(d for d in result.report.errors if d.code == "field.unknown")
    assert unknown.params["hint"] == ("hint.did_you_mean", {"suggestion": "stops"})


def test_ids_of_each_kind_count_apart_in_the_one_ledger(tmp_path: Path) -> None:
    config = project_config(make_records_project(tmp_path / "p", docs=False))
    record_ids(config, [("TH-0007", "den-a"), ("TH-W0003", "quanh-ho")])
    assert next_free_id(config, []) == "TH-0008"
    assert next_free_id(config, [], WALK.id_letter) == "TH-W0004"
    assert next_free_id(config, ["TH-W0009"], "W") == "TH-W0010"
    assert short_path("TH-W0003") == "s/TH-W0003/"
