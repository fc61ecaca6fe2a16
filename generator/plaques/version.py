"""The plaque renderer's version: part of every plaque cache key, in this one place.

Any change to the plaque code or the bundled fonts changes it, so cached plaque files
and prepared fonts go stale together; the package version is in it too, for changes
made outside this package (a dependency's upgrade comes with a new release).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A hex digest of the package version, ``generator/plaques/*.py`` and its fonts."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("diachido").encode())
    except metadata.PackageNotFoundError:  # run from a source tree without installing
        pass
    for path in sorted([*HERE.glob("*.py"), *(HERE / "fonts").glob("*.ttf")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
