"""The nearest sites of each site (the "nearby" block of a site page)."""

from __future__ import annotations

import math
from collections import defaultdict

from ..records.schema import Site
from ..records.validate import distance_metres

NEARBY_COUNT = 5


# --- nearest sites -----------------------------------------------------------------


def nearest_sites(sites: list[Site], count: int = NEARBY_COUNT) -> dict[str, list[tuple[Site, float]]]:
    """Each located site's ``count`` nearest located sites, nearest first.

    A grid of 0.1° cells keeps this near-linear at thousands of sites: rings of cells
    are searched outwards until no unsearched cell can hold anything nearer.
    """
    cell = 0.1
    located = [s for s in sites if s.location]
    grid: dict[tuple[int, int], list[Site]] = defaultdict(list)
    for site in located:
        grid[(math.floor(site.location.lat / cell), math.floor(site.location.lon / cell))].append(site)
    if not grid:
        return {}
    rows, cols = [key[0] for key in grid], [key[1] for key in grid]
    span = max(max(rows) - min(rows), max(cols) - min(cols)) + 1
    result: dict[str, list[tuple[Site, float]]] = {}
    for site in located:
        lat, lon = site.location.lat, site.location.lon
        home = (math.floor(lat / cell), math.floor(lon / cell))
        # The narrowest a cell can be here, in metres (longitude cells shrink with latitude).
        cell_metres = distance_metres(lat, lon, lat, lon + cell) * 0.999
        found: list[tuple[float, str, Site]] = []
        for ring in range(span + 1):
            for dx in range(-ring, ring + 1):
                for dy in range(-ring, ring + 1):
                    if max(abs(dx), abs(dy)) != ring:
                        continue
                    for other in grid.get((home[0] + dx, home[1] + dy), ()):
                        if other.id != site.id:
                            o = other.location
                            found.append((distance_metres(lat, lon, o.lat, o.lon), other.id, other))
            found.sort(key=lambda item: (item[0], item[1]))
            if len(found) >= count and found[count - 1][0] <= ring * cell_metres:
                break
        result[site.id] = [(other, metres) for metres, _, other in found[:count]]
    return result
