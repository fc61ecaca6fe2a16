"""The panorama media kind: header checks, the pixel budget, cube tiles, previews, the cache."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest
from PIL import Image

from generator.media import panoramas
from generator.media.panoramas import PanoramaError, PanoramaPipeline, check_file, inspect
from tests.panorama_fixtures import declared_png, write_fixture

DISC = (220, 30, 30)


def _is_disc(pixel: tuple[int, ...]) -> bool:
    return pixel[0] > 180 and pixel[1] < 80 and pixel[2] < 80


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_header_of_a_good_panorama(tmp_path):
    info = inspect(write_fixture(tmp_path / "p.jpg", 2048))
    assert (info.format, info.width, info.height, info.is_two_to_one, info.decode_scale) == ("JPEG", 2048, 1024, True, 1)


def test_ratio_is_measured_not_assumed(tmp_path):
    path = tmp_path / "wide.jpg"
    Image.new("RGB", (3000, 1000), "gray").save(path)
    info = inspect(path)
    assert not info.is_two_to_one and info.ratio == pytest.approx(3.0)


def test_a_192_megapixel_png_is_refused_with_the_limit_not_a_bomb_error(tmp_path):
    path = declared_png(tmp_path / "huge.png", 19_600, 9_800)
    with pytest.raises(PanoramaError) as caught:
        inspect(path)
    assert caught.value.code == "panorama.too_many_pixels"
    assert caught.value.params == {"megapixels": 192, "limit": panoramas.MAX_DECODED_PIXELS // 1_000_000}


def test_a_jpeg_over_the_budget_is_decoded_at_a_reduced_scale(tmp_path, monkeypatch):
    path = write_fixture(tmp_path / "big.jpg", 4096)
    monkeypatch.setattr(panoramas, "MAX_DECODED_PIXELS", 2_500_000)  # 8.4 MP -> 1/2 scale
    assert inspect(path).decode_scale == 2
    assert panoramas.decode(path).shape == (1024, 2048, 3)


@pytest.mark.parametrize("content", [b"", b"not an image at all", b"\xff\xd8\xff\xe0garbage"])
def test_undecodable_files_are_errors_not_tracebacks(tmp_path, content):
    path = tmp_path / "bad.jpg"
    path.write_bytes(content)
    with pytest.raises(PanoramaError) as caught:
        check_file(path, tmp_path / "cache")
    assert caught.value.code == "panorama.undecodable"


def test_a_truncated_jpeg_fails_the_check(tmp_path):
    path = write_fixture(tmp_path / "p.jpg", 2048)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(PanoramaError) as caught:
        check_file(path, tmp_path / "cache")
    assert caught.value.code == "panorama.undecodable"


def test_too_small_is_refused(tmp_path):
    path = tmp_path / "tiny.jpg"
    Image.new("RGB", (800, 400)).save(path)
    with pytest.raises(PanoramaError) as caught:
        inspect(path)
    assert caught.value.code == "panorama.too_small"


def _face_pixel(yaw: float, pitch: float, size: int) -> tuple[int, int]:
    """Where direction ``yaw``/``pitch`` falls on the front cube face (column, row)."""
    y, p = math.radians(yaw), math.radians(pitch)
    x, up, z = math.cos(p) * math.sin(y), math.sin(p), math.cos(p) * math.cos(y)
    return int((x / z + 1) / 2 * size), int((1 - up / z) / 2 * size)


def test_tiles_put_the_disc_where_pannellum_looks_for_it(tmp_path):
    out = tmp_path / "out"
    result = PanoramaPipeline(tmp_path / "cache", out).process(write_fixture(tmp_path / "p.jpg", 2048, 40, 10), 40, 10)
    tiles = result.tiles
    size, top, tile = tiles.cube_resolution, tiles.max_level, tiles.tile_resolution
    assert (size, top, tile) == (648, 3, 256)  # levels of 162, 324 and 648 px per face
    folder = out / tiles.key
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.jpg") if "preview" not in p.name) == tiles.files()
    column, row = _face_pixel(40, 10, size)
    with Image.open(folder / str(top) / f"f{row // tile}_{column // tile}.jpg") as piece:
        assert piece.size == (min(tile, size - column // tile * tile), min(tile, size - row // tile * tile))
        assert _is_disc(piece.getpixel((column % tile, row % tile)))
    with Image.open(folder / "1" / "f0_0.jpg") as coarse:
        assert coarse.size == (162, 162) and _is_disc(coarse.getpixel((column // 4, row // 4)))
    with Image.open(folder / "1" / "b0_0.jpg") as back:
        assert not _is_disc(back.getpixel((81, 81)))


def test_preview_looks_where_the_record_says(tmp_path):
    out = tmp_path / "out"
    pipeline = PanoramaPipeline(tmp_path / "cache", out)
    source = write_fixture(tmp_path / "p.jpg", 2048, 40, 10)
    towards = pipeline.process(source, 40, 10)
    away = pipeline.process(source, -140, 0)
    assert pipeline.stats.processed == 1 and pipeline.stats.cached == 1  # a new direction re-renders only the preview
    for result, expected in ((towards, True), (away, False)):
        width, height, webp, jpeg = result.preview.variants[-1]
        for name in (webp, jpeg):
            with Image.open(out / result.tiles.key / name) as picture:
                assert picture.size == (width, height) == (960, 480)
                assert _is_disc(picture.convert("RGB").getpixel((width // 2, height // 2))) is expected


def test_same_input_same_bytes_and_cached_rerun(tmp_path):
    source = write_fixture(tmp_path / "p.jpg", 2048, 40, 10)
    first = PanoramaPipeline(tmp_path / "cache-a", tmp_path / "a")
    first.process(source, 40, 10)
    second = PanoramaPipeline(tmp_path / "cache-b", tmp_path / "b")
    second.process(source, 40, 10)
    assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")
    renamed = tmp_path / "renamed.jpg"
    renamed.write_bytes(source.read_bytes())
    first.process(renamed, 40, 10)
    assert (first.stats.processed, first.stats.cached) == (1, 1)


def test_check_file_trusts_the_cache(tmp_path):
    source = write_fixture(tmp_path / "p.jpg", 2048)
    PanoramaPipeline(tmp_path / "cache", tmp_path / "out").process(source)
    assert check_file(source, tmp_path / "cache").width == 2048
