"""Equirectangular panoramas -> flat (rectilinear) views: cube faces and previews.

A 360° photo maps longitude to x and latitude to y. A cube face is simply the flat
view a camera with a 90° field of view sees in one of six directions, so both the
viewer's tiles and the page's preview picture come from ``render_view``.

Directions follow the viewer (Pannellum): yaw 0 is the middle of the photo, yaw
grows to the right (east when the photo's middle faces north), pitch grows upwards;
both in degrees. Rows are computed in bands so memory stays bounded by the source
image plus a few megabytes, whatever the output size.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

# Pannellum's cube faces: letter -> (yaw, pitch) of the face's centre.
CUBE_FACES = {"f": (0.0, 0.0), "b": (180.0, 0.0), "u": (0.0, 90.0), "d": (0.0, -90.0), "l": (-90.0, 0.0), "r": (90.0, 0.0)}
_BAND_PIXELS = 1 << 19  # output pixels per band: ~40 MB of temporaries


def _sample(flat: np.ndarray, width: int, height: int, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Bilinear samples (N×3 uint8) of an equirectangular picture, given as its pixels
    ``flat`` (H·W×3), at longitudes and latitudes ``lon``/``lat`` (radians, N)."""
    u = lon * np.float32(width / (2 * math.pi)) + np.float32(width / 2 - 0.5)
    v = np.clip(lat * np.float32(-height / math.pi) + np.float32(height / 2 - 0.5), 0, height - 1.001)
    u0, v0 = np.floor(u), np.floor(v)
    fu, fv = (u - u0)[:, None], (v - v0)[:, None]
    x0 = u0.astype(np.int32) % width  # longitude wraps around
    x1 = x0 + 1
    x1[x1 == width] = 0
    row = v0.astype(np.int32) * width
    rows = []
    for offset in (0, width):  # this row and the next
        left, right = flat[row + x0 + offset].astype(np.float32), flat[row + x1 + offset].astype(np.float32)
        rows.append(left + (right - left) * fu)
    top, bottom = rows
    return (top + (bottom - top) * fv + 0.5).astype(np.uint8)


def render_view(source: np.ndarray, yaw: float, pitch: float, hfov: float, width: int, height: int) -> Image.Image:
    """The flat view of ``source`` (H×W×3 uint8, 2:1) a camera at ``yaw``/``pitch``
    (degrees) with a horizontal field of view ``hfov`` (degrees, < 180) sees,
    as an RGB image of ``width``×``height`` pixels."""
    src_height, src_width = source.shape[:2]
    flat = source.reshape(-1, 3)
    out = np.empty((height * width, 3), dtype=np.uint8)
    cy, sy = np.float32(math.cos(math.radians(yaw))), np.float32(math.sin(math.radians(yaw)))
    cp, sp = np.float32(math.cos(math.radians(pitch))), np.float32(math.sin(math.radians(pitch)))
    half = math.tan(math.radians(hfov) / 2)
    xs = (((np.arange(width) + 0.5) * (2 / width) - 1) * half).astype(np.float32)
    band = max(1, _BAND_PIXELS // width)
    for start in range(0, height, band):
        stop = min(height, start + band)
        ys = ((1 - (np.arange(start, stop) + 0.5) * (2 / height)) * half * height / width).astype(np.float32)
        x, y = np.tile(xs, stop - start), np.repeat(ys, width)  # camera rays: x right, y up, z = 1 forward
        y1, z1 = y * cp + sp, cp - y * sp  # tilt up by pitch
        x2, z2 = x * cy + z1 * sy, z1 * cy - x * sy  # turn right by yaw
        out[start * width:stop * width] = _sample(flat, src_width, src_height, np.arctan2(x2, z2),
                                                  np.arctan2(y1, np.hypot(x2, z2)))
    return Image.fromarray(out.reshape(height, width, 3), "RGB")
