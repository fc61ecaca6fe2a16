"""The photo pipeline: orientation, sizes, formats, stripped metadata, the content cache."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from generator.media.photos import (
    WIDTHS,
    ImagePipeline,
    content_key,
    share_card_png,
    target_widths,
)

ORIENTATION = 0x0112
MAKE, MODEL = 0x010F, 0x0110
GPS_IFD = 0x8825


def phone_photo(path: Path, size: tuple[int, int] = (1600, 1000), orientation: int = 1, colour: str = "red") -> Path:
    """A JPEG like a phone's: camera EXIF, GPS, an orientation tag and an ICC profile.

    The top half is ``colour`` and the bottom half blue, so a test can tell which way
    round the result is.
    """
    image = Image.new("RGB", size, "blue")
    image.paste(Image.new("RGB", (size[0], size[1] // 2), colour), (0, 0))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Cheap Phone 3"
    exif.get_ifd(GPS_IFD)[2] = (19.0, 55.0, 45.0)  # latitude: where the volunteer lives
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", quality=90, exif=exif, icc_profile=icc)
    return path


def pipeline(tmp_path: Path) -> ImagePipeline:
    return ImagePipeline(tmp_path / "cache", tmp_path / "out")


def test_variants_are_resized_never_upscaled() -> None:
    assert target_widths(4000) == WIDTHS
    assert target_widths(1000) == (400, 800, 1000)
    assert target_widths(300) == (300,)


def test_landscape_photo_becomes_webp_and_jpeg_variants(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "cong.jpg", (2400, 1500))
    result = pipeline(tmp_path).process(source)
    assert [(v.width, v.height) for v in result.variants] == [(400, 250), (800, 500), (1200, 750)]
    for variant in result.variants:
        with Image.open(tmp_path / "out" / variant.webp) as webp, Image.open(tmp_path / "out" / variant.jpeg) as jpeg:
            assert (webp.format, jpeg.format) == ("WEBP", "JPEG")
            assert webp.size == jpeg.size == (variant.width, variant.height)
    # Small enough for a phone on a slow network: the 800-px JPEG of a flat picture is tiny,
    # and WebP is smaller than JPEG.
    v800 = result.variants[1]
    assert (tmp_path / "out" / v800.webp).stat().st_size < (tmp_path / "out" / v800.jpeg).stat().st_size


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    # Orientation 6: the phone was held upright; the sensor's top is the picture's right.
    source = phone_photo(tmp_path / "upright.jpg", (1600, 1000), orientation=6)
    result = pipeline(tmp_path).process(source)
    assert (result.width, result.height) == (1000, 1600)
    largest = result.variants[-1]
    assert largest.height > largest.width
    with Image.open(tmp_path / "out" / largest.jpeg) as image:
        rgb = image.convert("RGB")
        right = rgb.getpixel((rgb.width - 5, rgb.height // 2))
        left = rgb.getpixel((5, rgb.height // 2))
    assert right[0] > 200 and right[2] < 60, right  # red: the sensor's top
    assert left[2] > 200 and left[0] < 60, left  # blue


def test_metadata_is_stripped(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "gps.jpg", orientation=3)
    result = pipeline(tmp_path).process(source)
    for name in result.files():
        data = (tmp_path / "out" / name).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), name
            assert "icc_profile" not in image.info and "exif" not in image.info, name
        assert b"PhoneMaker" not in data and b"Cheap Phone" not in data, name


def test_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    Image.new("RGBA", (500, 400), (0, 0, 0, 0)).save(source)
    result = pipeline(tmp_path).process(source)
    with Image.open(tmp_path / "out" / result.variants[0].jpeg) as image:
        assert image.mode == "RGB"
        assert image.convert("RGB").getpixel((10, 10)) >= (250, 250, 250)


def test_rebuild_uses_the_cache(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "a.jpg", (3000, 2000))
    first = pipeline(tmp_path)
    result = first.process(source)
    assert (first.stats.processed, first.stats.cached) == (1, 0)
    cached = tmp_path / "cache" / result.key
    stamps = {p.name: p.stat().st_mtime_ns for p in cached.iterdir()}

    second = ImagePipeline(tmp_path / "cache", tmp_path / "out2")
    again = second.process(source)
    assert again == result
    assert (second.stats.processed, second.stats.cached) == (0, 1)
    assert {p.name: p.stat().st_mtime_ns for p in cached.iterdir()} == stamps  # nothing redone
    assert sorted(p.name for p in (tmp_path / "out2").iterdir()) == sorted(result.files())

    # A renamed copy costs nothing; changed bytes are processed anew.
    renamed = tmp_path / "renamed.jpg"
    renamed.write_bytes(source.read_bytes())
    assert second.process(renamed).key == result.key and second.stats.processed == 0
    changed = phone_photo(tmp_path / "b.jpg", (3000, 2000), colour="green")
    assert second.process(changed).key != result.key and second.stats.processed == 1


def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "a.jpg")
    result = pipeline(tmp_path).process(source)
    os.remove(tmp_path / "cache" / result.key / result.variants[0].webp)
    again = ImagePipeline(tmp_path / "cache", tmp_path / "out3")
    assert again.process(source) == result and again.stats.processed == 1


def test_many_photos_in_parallel_share_identical_bytes(tmp_path: Path) -> None:
    one = phone_photo(tmp_path / "one.jpg")
    two = tmp_path / "two.jpg"
    two.write_bytes(one.read_bytes())  # the same photo used by two sites
    done = pipeline(tmp_path).process_many([one, two, phone_photo(tmp_path / "three.jpg", colour="green")])
    assert done[one] == done[two]
    assert done[one].key == content_key(one.read_bytes())


def test_srcset_lists_every_width(tmp_path: Path) -> None:
    result = pipeline(tmp_path).process(phone_photo(tmp_path / "a.jpg", (2000, 1000)))
    srcset = result.srcset("webp", "../../generated/img/")
    assert srcset == ", ".join(f"../../generated/img/{result.key}-{w}.webp {w}w" for w in (400, 800, 1200))
    assert result.fallback().width == 800


def test_share_card_is_a_wide_png() -> None:
    with Image.open(io.BytesIO(share_card_png("Địa chỉ đỏ Thanh Hóa", "Di tích lịch sử"))) as card:
        assert card.format == "PNG" and card.size == (1200, 630)


@pytest.mark.parametrize("size", [(6000, 4000)])
def test_large_phone_photo_is_quick_enough(tmp_path: Path, size: tuple[int, int]) -> None:
    """A 24-MP photo: JPEG draft decoding keeps this well under a few seconds."""
    import time

    source = phone_photo(tmp_path / "big.jpg", size)
    start = time.perf_counter()
    result = pipeline(tmp_path).process(source)
    assert result.variants[-1].width == 1200
    assert time.perf_counter() - start < 5
