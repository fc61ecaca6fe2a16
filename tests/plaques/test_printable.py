"""Before printing: every id is in the ledger, and only a real site_url is recorded."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from generator.config import EXAMPLE_SITE_URL

REAL_SITE_URL = "https://ditich.thanhhoa.example.vn/"


def use_site_url(project: Path, site_url: str = REAL_SITE_URL) -> None:
    """Replace the shipped example site_url in ``project``'s mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert f"site_url: {EXAMPLE_SITE_URL}\n" in text
    config.write_text(text.replace(f"site_url: {EXAMPLE_SITE_URL}\n", f"site_url: {site_url}\n"), encoding="utf-8")


def add_unledgered_site(project: Path) -> None:
    """Give a published sample site the next id, TH-0043, which _ids.txt does not have (as a
    volunteer does who types an id by hand instead of running ``diachido new``)."""
    path = project / "sites" / "cau-ham-rong.yml"
    text = path.read_text(encoding="utf-8").replace("\nid: TH-0024\n", "\nid: TH-0043\n")
    assert "\nid: TH-0043\n" in text
    path.write_text(text, encoding="utf-8")


def test_recording_under_the_example_site_url_is_refused(sample_project: Path) -> None:
    result = run_cli(sample_project, "--lang", "en", "plaques", "--size", "sticker", "--format", "pdf", "--record")
    assert result.exit_code == 1
    assert f"Not recorded: site_url in mkdocs.yml is still the example {EXAMPLE_SITE_URL}" in result.output
    assert not (sample_project / "plaques" / "registry.yml").exists()
    assert not (sample_project / "plaques" / "out").exists()  # refused before anything is drawn


def test_printing_without_recording_is_allowed_under_the_example_site_url(sample_project: Path) -> None:
    result = run_cli(sample_project, "plaques", "--size", "sticker", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert not (sample_project / "plaques" / "registry.yml").exists()


def test_an_id_missing_from_the_ledger_is_not_printed_and_the_line_to_add_is_given(sample_project: Path) -> None:
    use_site_url(sample_project)
    add_unledgered_site(sample_project)
    result = run_cli(sample_project, "--lang", "en", "plaques", "--size", "sticker", "--format", "pdf", "--record")
    assert result.exit_code == 1
    ledger = sample_project / "sites" / "_ids.txt"
    assert f"Not printed: some ids are not in the id ledger {ledger}" in result.output
    assert "\nTH-0043 cau-ham-rong\n" in result.output
    assert not (sample_project / "plaques" / "registry.yml").exists()
    assert not list((sample_project / "plaques" / "out").rglob("TH-0043.*"))
    # Following the advice works: the line added, the same command prints and records.
    with ledger.open("a", encoding="utf-8") as file:
        file.write("TH-0043 cau-ham-rong\n")
    result = run_cli(sample_project, "plaques", "--size", "sticker", "--format", "pdf", "--record")
    assert result.exit_code == 0, result.output
    assert f"url: {REAL_SITE_URL}s/TH-0043/" in (sample_project / "plaques" / "registry.yml").read_text(encoding="utf-8")
    assert run_cli(sample_project, "check").exit_code == 0
