"""Plaque sizes, units, colours and the QR error-correction level.

Sizing the QR symbol: a phone reads a QR code comfortably from about ten times the
symbol's side (the usual rule of thumb, "scan distance ≈ 10 × QR side"). Each size
names the distance it is meant to be read from and the symbol side follows:

=========  ===========  =============  ==============================================
size       trim (mm)    read from      QR symbol side (quiet zone of 4 modules extra)
=========  ===========  =============  ==============================================
a4         210 × 297    1.3 m          130 mm: a wall by a gate, read from the path
a5         148 × 210    0.9 m           90 mm: a wall or stand at the site
a6         105 × 148    0.6 m           60 mm: a post or a door, read close up
sticker     50 × 70     0.3 m           30 mm: on a sign, a box, a guide's handout
=========  ===========  =============  ==============================================

The module is then a whole number of printer dots at the chosen resolution (so every
module edge is sharp), which makes the side a little smaller than the rule, never larger.

Error correction: level Q, quiet zone 4 modules (ISO/IEC 18004 §9.1). See
``ERROR_CORRECTION`` for the measurements behind the choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import ProjectConfig


MM_PER_INCH = 25.4
MM_PER_PT = MM_PER_INCH / 72
DEFAULT_DPI = 300

ERROR_CORRECTION = "Q"
"""Level Q (25 % of codewords recoverable), chosen with ``bench/bench_plaques.py``.

Our URLs are 46 bytes (``https://…github.io/s/TH-0042/``): L needs QR version 3
(29 modules), M and Q version 4 (33), H version 6 (41). On an A6 plaque photographed
by a 12-MP phone (rotated, tilted, blurred, noisy, unevenly lit) the bench measured:

=====  ============  =========  ==============================
level  reads up to   blur (px)  dark stain over the symbol
=====  ============  =========  ==============================
L      1.6 m         4.0         4 % of its area
M      1.3 m         3.6        10 %
Q      1.3 m         3.6        16 %
H      1.1 m         2.8        18 %
=====  ============  =========  ==============================

Distance and blur depend on the module size, so M and Q are equal there and H, with
the densest symbol, fails first. Q costs nothing over M in resolution and survives a
stain 1.6 times larger; H survives a little more dirt but loses a sixth of the reading
distance and a fifth of the blur tolerance. A plaque meets dirt and blur for years:
Q is the balance. (A shorter URL helps every level; a logo inside the QR would need H.)
"""
QUIET_ZONE_MODULES = 4
"""ISO/IEC 18004 asks for a light margin of 4 modules; nothing is drawn inside it."""

QR_LEVELS = ("L", "M", "Q", "H")  # 7, 15, 25, 30 % of codewords recoverable


Colour = tuple[int, int, int]
# The red of "địa chỉ đỏ" and a muted gold, used for the bands and rules only: long
# text stays near-black on white for legibility, the QR stays black for contrast.
RED: Colour = (163, 22, 33)
GOLD: Colour = (222, 178, 72)
INK: Colour = (34, 24, 22)
MUTED: Colour = (96, 84, 80)
WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)



@dataclass(frozen=True)
class PlaqueSize:
    key: str
    width: float
    height: float
    scan_distance: float
    compact: bool = False  # stickers: no organisation line, rank or English name

    @property
    def qr_side(self) -> float:
        return self.scan_distance / 10

    @property
    def scale(self) -> float:
        """Type and spacing grow with the plaque's width, A6 being 1."""
        return self.width / 105


SIZES: dict[str, PlaqueSize] = {
    size.key: size
    for size in (
        PlaqueSize("a4", 210, 297, 1300),
        PlaqueSize("a5", 148, 210, 900),
        PlaqueSize("a6", 105, 148, 600),
        PlaqueSize("sticker", 50, 70, 300, compact=True),
    )
}


def plaque_dpi(config: "ProjectConfig") -> int:
    """``extra.diachido.plaques.dpi`` in mkdocs.yml; 300 (the print-shop minimum) by default."""
    options = config.extra.get("plaques") or {}
    return max(int(options.get("dpi") or DEFAULT_DPI), DEFAULT_DPI)
