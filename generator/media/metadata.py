"""Photo originals without what phones hide in them: GPS position, owner's name, serial numbers.

The hand-over bundles (``diachido export``) carry the volunteers' original photos to a
museum or an open-data portal. A phone writes where the volunteer stood (often their
home, for a photo taken later), their name and the phone's serial number into the
file's Exif/XMP/IPTC blocks; none of it belongs in open data. The website's own
copies are re-encoded and carry none of it (``photos``).

Here the picture itself is kept byte for byte (no re-encoding: the original stays the
original); only the metadata blocks are dropped, by walking the container:

* JPEG: APP1 (Exif, XMP), APP13 (IPTC/Photoshop) and COM segments go; a minimal Exif
  block with only the orientation comes back, so a photo taken upright stays upright.
  Colour profiles (APP2), JFIF (APP0) and Adobe (APP14) stay.
* PNG: the eXIf, tEXt, iTXt, zTXt and tIME chunks go.
* WebP: the EXIF and XMP chunks go, and the VP8X header stops announcing them.

Other files come back unchanged (see ``strip_photo_metadata``).
"""

from __future__ import annotations

import io
import struct

from PIL import Image

ORIENTATION_TAG = 0x0112
_JPEG_DROPPED = {0xE1, 0xED, 0xFE}  # APP1, APP13, COM
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_DROPPED = {b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"tIME"}
_WEBP_DROPPED = {b"EXIF", b"XMP "}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def strip_photo_metadata(data: bytes) -> bytes:
    """``data`` (a photo file's bytes) without Exif/XMP/IPTC/text metadata, the image data
    untouched; JPEG keeps its orientation. Files of other formats, and files whose
    structure is not as expected (nothing is guessed), come back unchanged."""
    try:
        if data.startswith(b"\xff\xd8"):
            return _strip_jpeg(data)
        if data.startswith(_PNG_SIGNATURE):
            return _strip_png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _strip_webp(data)
    except (struct.error, ValueError):
        pass
    return data


def _orientation_block(data: bytes) -> bytes:
    """An APP1 segment with only the photo's orientation, or nothing when upright/unknown."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(ORIENTATION_TAG)
    except Exception:  # noqa: BLE001 - an unreadable Exif block means no orientation to keep
        return b""
    if not isinstance(orientation, int) or orientation in (0, 1) or orientation > 8:
        return b""
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = orientation
    payload = exif.tobytes()  # b"Exif\0\0" + a TIFF header and one IFD
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _strip_jpeg(data: bytes) -> bytes:
    out = [data[:2]]
    position = 2
    inserted = False
    while True:
        if data[position] != 0xFF:
            raise ValueError("not a marker")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA or marker == 0xD9:  # start of scan / end: the rest is image data
            if not inserted:
                out.append(_orientation_block(data))
            out.append(data[position:])
            return b"".join(out)
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        segment = data[position:position + 2 + length]
        if len(segment) != 2 + length:
            raise ValueError("truncated segment")
        if not inserted and marker != 0xE0:  # after JFIF's APP0, as the standard orders them
            out.append(_orientation_block(data))
            inserted = True
        if marker not in _JPEG_DROPPED:
            out.append(segment)
        position += 2 + length


def _strip_png(data: bytes) -> bytes:
    out = [_PNG_SIGNATURE]
    position = len(_PNG_SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        end = position + 12 + length
        if end > len(data):
            raise ValueError("truncated chunk")
        if kind not in _PNG_DROPPED:
            out.append(data[position:end])
        position = end
    return b"".join(out)


def _strip_webp(data: bytes) -> bytes:
    chunks = []
    position = 12
    while position + 8 <= len(data):
        kind = data[position:position + 4]
        (length,) = struct.unpack("<I", data[position + 4:position + 8])
        end = position + 8 + length + (length & 1)  # chunks are padded to an even size
        if end > len(data):
            raise ValueError("truncated chunk")
        chunk = data[position:end]
        if kind == b"VP8X":
            chunk = chunk[:8] + bytes([chunk[8] & ~(_VP8X_EXIF | _VP8X_XMP) & 0xFF]) + chunk[9:]
        if kind not in _WEBP_DROPPED:
            chunks.append(chunk)
        position = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
