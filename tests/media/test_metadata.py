"""generator.media.metadata: photo originals leave without GPS, names and serial numbers,
their picture untouched and their orientation kept."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from generator.media.metadata import ORIENTATION_TAG, strip_photo_metadata

GPS_IFD, ARTIST, MODEL, BODY_SERIAL = 0x8825, 0x013B, 0x0110, 0xA431


def _phone_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    exif[ARTIST] = "Nguyễn Văn A"
    exif[MODEL] = "iPhone 15 Pro Max"
    exif.get_ifd(0x8769)[BODY_SERIAL] = "SN-PRIVATE-123"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 10.0)})
    return exif


def _photo(fmt: str, **save: object) -> bytes:
    image = Image.effect_noise((64, 48), 40).convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


def test_a_phone_jpeg_loses_gps_owner_and_serial_keeps_its_orientation_and_pixels() -> None:
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>21,1.5N</exif:GPSLatitude></x:xmpmeta>'
    original = _photo("JPEG", exif=_phone_exif().tobytes(), xmp=xmp, quality=90)
    assert b"SN-PRIVATE-123" in original and b"GPSLatitude" in original
    stripped = strip_photo_metadata(original)
    assert b"SN-PRIVATE-123" not in stripped and "Nguyễn".encode() not in stripped and b"GPSLatitude" not in stripped
    with Image.open(io.BytesIO(stripped)) as image:
        exif = image.getexif()
        assert dict(exif) == {ORIENTATION_TAG: 6} and not exif.get_ifd(GPS_IFD)
    assert _pixels(stripped) == _pixels(original)  # the same compressed picture, not re-encoded
    # Everything after the header blocks is the original's, byte for byte.
    assert original.endswith(stripped[stripped.index(b"\xff\xdb"):])


def test_an_upright_jpeg_keeps_no_exif_at_all_and_a_jpeg_without_metadata_is_unchanged() -> None:
    upright = strip_photo_metadata(_photo("JPEG", exif=_phone_exif(orientation=1).tobytes()))
    with Image.open(io.BytesIO(upright)) as image:
        assert dict(image.getexif()) == {}
    plain = _photo("JPEG")
    assert strip_photo_metadata(plain) == plain


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_lose_their_exif_and_keep_their_pixels(fmt: str) -> None:
    save = {"lossless": True} if fmt == "WEBP" else {}
    original = _photo(fmt, exif=_phone_exif().tobytes(), **save)
    assert b"SN-PRIVATE-123" in original
    stripped = strip_photo_metadata(original)
    assert b"SN-PRIVATE-123" not in stripped and b"iPhone" not in stripped
    assert _pixels(stripped) == _pixels(original)
    with Image.open(io.BytesIO(stripped)) as image:
        assert not image.getexif().get_ifd(GPS_IFD)


@pytest.mark.parametrize("data", [b"\xff\xd8\xff\xe1\x00", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", b"not a photo"])
def test_a_file_of_unexpected_structure_comes_back_unchanged(data: bytes) -> None:
    assert strip_photo_metadata(data) == data
