"""Tour and village plaques and the tour itinerary: every QR decodes (zxing-cpp) to the
right permanent URL; printed tour and village URLs are guarded by the registry check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from generator.plaques.command import decode_qr, expected_urls, verify_plaques, write_plaques
from generator.plaques.registry import record_printed, registry_problems
from generator.records.kinds import load_project
from generator.tours.itinerary import itinerary_pdf
from generator.tours.plan import tour_plans
from tests.conftest import FEW_SAMPLES, make_records_project, project_config
from tests.route_fixtures import add_tour, add_village

BASE = "https://diachido-thanhhoa.github.io/"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_records_project(tmp_path / "p", FEW_SAMPLES, docs=False)
    add_tour(project)
    add_village(project)
    return project


def test_tour_and_village_plaques_decode_to_their_permanent_urls(project: Path, tmp_path: Path) -> None:
    config = project_config(project)
    load = load_project(config)
    assert config.site_url == BASE
    records = [*load.published_of("tour"), *load.published_of("village")]
    paths = write_plaques(config, records, tmp_path / "out", sizes=("a6",), formats=("png",))
    decoded = {path.stem: decode_qr(Image.open(path).convert("L")) for path in paths}
    assert decoded == {
        "TH-T0001": [BASE + "s/TH-T0001/"],
        "TH-V0001": [BASE + "s/TH-V0001/"],
        "TH-V0001-ngo-1": [BASE + "s/TH-V0001/#ngo-1"],
    }
    # The command's own check (file and simulated phone photo) agrees.
    assert verify_plaques(expected_urls(config, paths, records), "en") == []


def test_the_registry_guards_printed_tour_and_lane_urls(project: Path, tmp_path: Path) -> None:
    config = project_config(project)
    load = load_project(config)
    record_printed(config, [*load.published_of("tour"), *load.published_of("village")])
    site = tmp_path / "site"
    for path in ("s/TH-T0001", "s/TH-V0001"):
        (site / path).mkdir(parents=True)
        (site / path / "index.html").write_text("ok", encoding="utf-8")
    assert registry_problems(config, site) == []  # the lane URL's fragment opens the village page
    shutil.rmtree(site / "s" / "TH-T0001")
    problems = registry_problems(config, site)
    assert [(code, params["url"]) for code, params in problems] == [("plaques.registry_dead", BASE + "s/TH-T0001/")]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils) to rasterise PDFs")
def test_the_itinerary_has_a_qr_for_the_tour_and_each_site_stop(project: Path, tmp_path: Path) -> None:
    config = project_config(project)
    plan = tour_plans(load_project(config))[0]
    pdf = tmp_path / "itinerary.pdf"
    pdf.write_bytes(itinerary_pdf(config, plan))
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    found = sorted(url for page in pages for url in decode_qr(Image.open(page).convert("L")))
    assert found == sorted([BASE + "s/TH-T0001/", BASE + "s/TH-0001/", BASE + "s/TH-0002/"])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ba di tích thử" in text and "Bãi đỗ xe thử" in text and "Chặng 1–2" in text


def test_each_kind_of_plaque_names_its_kind(project: Path) -> None:
    from generator.plaques.content import plaque_content, plaque_subjects
    from generator.plaques.layout import layout_plaque
    from generator.plaques.sizes import SIZES

    config = project_config(project)
    load = load_project(config)
    seen = {}
    for subject in plaque_subjects([load.published[0], *load.published_of("tour"), *load.published_of("village")]):
        layout = layout_plaque(plaque_content(config, subject), SIZES["a6"])
        footer = "".join(run.text for line in layout.texts if line.role == "id" for run in line.runs)
        seen[subject.key] = (subject.badge, footer)
    assert seen["TH-T0001"] == ("Tuyến tham quan", "Mã tuyến TH-T0001")
    assert seen["TH-V0001"] == ("Nhà văn hóa", "Mã thôn TH-V0001")
    assert seen["TH-V0001-ngo-1"] == ("Đầu ngõ · Thôn Thử Nghiệm", "Mã biển TH-V0001-ngo-1")
    assert seen[load.published[0].id][1].startswith("Mã di tích ")
