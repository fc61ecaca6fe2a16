"""generator.media.photo_check and the photo modes: what check accepts, the build decodes.

Every kind of photo that crashed the build once is here: a truncated JPEG, HEIC or SVG
bytes named ``.jpg``, a decompression bomb, more pixels than the budget, and every image
mode Pillow reads (16-bit greyscale scans came out white).
"""

from __future__ import annotations

import functools
import io
import struct
import zlib

import pillow_heif
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from tests.conftest import load_project, problems, record_fixture_text

from generator.media.photo_check import MAX_PIXELS, probe_photo
from generator.media.photos import ImagePipeline, _flatten, _normalise_mode, _render


def _jpeg(size=(640, 480), colour="red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` (the header is all Pillow reads first)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")


def _heic() -> bytes:
    """What an iPhone saves (the test writes it with pillow-heif's own encoder)."""
    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "green").save(out, "HEIF", quality=60)
    return out.getvalue()


CASES = {
    "truncated-jpeg": (lambda: _jpeg()[:2000], "media.undecodable"),
    "svg-named-jpg": (lambda: b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "media.not_a_photo"),
    "html-named-jpg": (lambda: b"<!DOCTYPE html><html></html>", "media.not_a_photo"),
    "gif-named-jpg": (lambda: b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "media.not_a_photo"),
    "bomb-30000-png": (lambda: _png_header(30000, 30000), "media.too_many_pixels"),
    "over-budget-13000-png": (lambda: _png_header(13000, 13000), "media.too_many_pixels"),
    "empty": (lambda: b"", "media.not_a_photo"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_photo_gets_a_positioned_message(records_project, case):
    make, code = CASES[case]
    (records_project / "sites" / "anh").mkdir()
    (records_project / "sites" / "anh" / "cong-chinh.jpg").write_bytes(make())
    (records_project / "sites" / "a.yml").write_text(record_fixture_text("missing_image.yml"), encoding="utf-8")
    result = load_project(records_project)
    assert problems(result) == [("a.yml", 18, 11, "images[0].file", code)]
    assert "Traceback" not in result.report.render("en")[0]


def test_bomb_message_says_how_to_fix_it(tmp_path):
    path = tmp_path / "a.png"
    path.write_bytes(_png_header(13000, 13000))
    problem = probe_photo(path)
    assert problem.params == {"megapixels": 169.0, "limit": MAX_PIXELS // 10**6}


def test_heic_named_jpg_is_accepted_and_built(records_project, tmp_path):
    """iPhones save HEIC by default; pillow-heif reads it, whatever the name says."""
    (records_project / "sites" / "anh").mkdir()
    (records_project / "sites" / "anh" / "cong-chinh.jpg").write_bytes(_heic())
    (records_project / "sites" / "a.yml").write_text(record_fixture_text("missing_image.yml"), encoding="utf-8")
    result = load_project(records_project)
    assert problems(result) == []
    done = ImagePipeline(tmp_path / "cache", tmp_path / "out").process(result.records[0].site.images[0].source)
    with Image.open(tmp_path / "out" / done.largest.jpeg) as out:
        assert out.size == (320, 240) and out.getpixel((10, 10))[1] > 100  # green survived


def _ramp(mode: str) -> Image.Image:
    """A left-to-right ramp over the whole value range of ``mode``."""
    width = 256
    if mode.startswith("I;16"):
        order = {"I;16B": ">", "I;16N": "="}.get(mode, "<")
        return Image.frombytes(mode, (width, 4), struct.pack(f"{order}{width * 4}H", *[x * 257 for x in range(width)] * 4))
    if mode == "I":
        image = Image.new("I", (width, 4))
        image.putdata([x * 257 for x in range(width)] * 4)
        return image
    if mode == "F":
        image = Image.new("F", (width, 4))
        image.putdata([x / 255 for x in range(width)] * 4)
        return image
    grey = Image.new("L", (width, 4))
    grey.putdata(list(range(width)) * 4)
    if mode == "1":
        return grey.convert("1", dither=Image.Dither.NONE)
    if mode == "RGBa":
        return grey.convert("RGBA").convert(mode)
    if mode == "La":  # opaque: premultiplied grey equals grey
        return Image.merge("La", (grey, Image.new("L", grey.size, 255)))
    return grey.convert(mode)


MODES = ["1", "L", "P", "RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV", "I", "F", "LA", "PA", "RGBX", "RGBa", "La",
         "I;16", "I;16L", "I;16B", "I;16N"]


@pytest.mark.parametrize("mode", MODES)
def test_every_mode_is_converted_by_scaling_not_clipping(mode):
    out = _flatten(_normalise_mode(_ramp(mode))).convert("L")
    row = [out.getpixel((x, 1)) for x in range(256)]
    if mode in ("LAB", "HSV"):  # colour spaces whose first channel is not brightness alone
        assert len(set(row)) > 16
        return
    assert row[0] < 30 and row[-1] > 225, row  # black stays black, white white: nothing clipped
    assert all(b >= a - 2 for a, b in zip(row, row[1:]))  # brightness still rises left to right
    if mode != "1":
        assert len(set(row)) > 100  # a ramp, not two levels
        assert abs(row[128] - 128) < 12


def test_a_16_bit_greyscale_scan_is_not_published_white(tmp_path):
    scan = Image.new("I;16", (500, 400))
    scan.putdata([20000 + (x % 500) * 40 for x in range(500 * 400)])  # a mid-grey stele rubbing
    source = tmp_path / "bia.png"
    scan.save(source)
    done = ImagePipeline(tmp_path / "cache", tmp_path / "out").process(source)
    with Image.open(tmp_path / "out" / done.largest.jpeg) as out:
        assert 70 < out.convert("L").getpixel((250, 200)) < 150


def _seed_phone_jpeg() -> bytes:
    """A JPEG with EXIF (orientation, camera, GPS) and an ICC profile, like a phone's."""
    from PIL import ImageCms

    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (19.0, 55.0, 45.0)
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (64, 48), "red").save(out, "JPEG", exif=exif, icc_profile=icc)
    return out.getvalue()


def _seed_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 200, 30, 128)).save(out, "PNG")
    return out.getvalue()


@functools.cache
def _seed(kind: str) -> bytes:
    makers = {"jpeg": lambda: _jpeg((64, 48)), "phone": _seed_phone_jpeg, "png": _seed_png, "heic": _heic}
    return makers[kind]()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(["jpeg", "phone", "png", "heic"]), cuts=st.lists(st.tuples(st.integers(0, 4000), st.binary(max_size=8)), max_size=4),
       truncate=st.integers(0, 5000))
def test_fuzzed_photos_either_fail_check_or_build(tmp_path, seed, cuts, truncate):
    """Damaged photos: check refuses them with a message, or the build decodes them."""
    data = bytearray(_seed(seed))
    for offset, junk in cuts:
        data[offset % max(1, len(data)): offset % max(1, len(data)) + len(junk)] = junk
    if truncate:
        data = data[: max(8, len(data) - truncate)]
    source = tmp_path / "fuzz.jpg"
    source.write_bytes(bytes(data))
    problem = probe_photo(source)
    if problem is None:
        out = tmp_path / "out"
        out.mkdir(exist_ok=True)
        _render(source, "k", out)
    else:
        assert problem.code in {"media.undecodable", "media.not_a_photo", "media.too_many_pixels"}


def test_the_pixel_budget_keeps_decoding_memory_bounded():
    """Worker threads decode at most ``limit`` pixels at once; a photo over the limit runs alone."""
    import threading
    import time

    from generator.media.photos import PixelBudget

    budget = PixelBudget(100)
    peak, lock = [0], threading.Lock()

    def work(pixels: int) -> None:
        with budget.take(pixels):
            with lock:
                peak[0] = max(peak[0], budget.used)
            time.sleep(0.02)

    threads = [threading.Thread(target=work, args=(p,)) for p in (60, 60, 30, 500, 10, 90)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in threads)
    assert peak[0] <= 100 and budget.used == 0
