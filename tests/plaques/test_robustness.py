"""Plaques as a phone photographs them on site: each must still read the exact URL.

The photo (``generator.plaques.camera``): a 12-MP phone at the size's intended
distance, rotated and in perspective, blurred, noisy, unevenly lit, with a dark
stain and scratches on the symbol. Three seeds per size; a few seconds in all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from tests.plaques.test_command import LONG_NAME, make_project, make_site

from generator.plaques.command import decode_qr
from generator.plaques.camera import Shot, camera_pixels_per_mm, photograph
from generator.plaques.content import plaque_content
from generator.plaques.layout import layout_plaque
from generator.plaques.sizes import SIZES
from generator.plaques.raster import rasterise

DIRTY = Shot(blot=0.08, scratches=2)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_photographed_plaque_decodes(tmp_path: Path, size: str) -> None:
    config = make_project(tmp_path / "project")
    site = make_site("TH-0007", name=LONG_NAME)
    layout = layout_plaque(plaque_content(config, site), SIZES[size])
    plaque = rasterise(layout)
    for seed in (1, 2, 3):
        photo = photograph(plaque, SIZES[size], layout.dpi, DIRTY, seed, qr=layout.qr)
        assert decode_qr(photo) == ["https://example.org/dcd/s/TH-0007/"], f"{size}, seed {seed}"


def test_photo_has_the_resolution_of_a_phone_at_that_distance(tmp_path: Path) -> None:
    config = make_project(tmp_path / "project")
    layout = layout_plaque(plaque_content(config, make_site()), SIZES["a6"])
    still = Shot(rotation=0, tilt=0, blur=0, noise=0, shade=1)
    photo = photograph(rasterise(layout), SIZES["a6"], layout.dpi, still)
    (found,) = zxingcpp.read_barcodes(photo)
    symbol_px = found.position.top_right.x - found.position.top_left.x
    # A 69° field of view over 4000 px at 0.6 m: 4.8 px per mm, about 8 px per module.
    assert camera_pixels_per_mm(600) == pytest.approx(4.81, abs=0.01)
    assert symbol_px == pytest.approx(layout.qr.side * camera_pixels_per_mm(600), rel=0.05)
