"""Media kinds: the files volunteers put beside a record (photos, narration audio,
360° panoramas).

Each kind is one module that validates its files and processes them for the site;
``MEDIA_KINDS`` tells ``check`` which record field lists a kind's files, which file
types and sizes it takes, and how to look inside a file: ``photo_check`` opens and
decodes a photo as the build will (the build opens photos through it too),
``audio_check`` decodes a recording and ``panoramas`` checks a 360° photo within its
pixel budget. ``photos``, ``audio``/``narration`` and ``panoramas`` make what the pages
show. Checks that need heavy modules (libheif for photos, FFmpeg for recordings, numpy
for panoramas) import them only when a record has such a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..i18n.messages import translate
from ..records.schema import AUDIO_SUFFIXES, IMAGE_SUFFIXES, PANORAMA_SUFFIXES


class MediaError(Exception):
    """Media cannot be made as asked: ``code`` names the message in the catalogue
    (``i18n/messages.py``), ``params`` fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def describe(self, lang: str) -> str:
        """The message in ``lang``, after the site's id when the problem belongs to one."""
        where = f"{self.params['site']}: " if "site" in self.params else ""
        return where + translate(self.code, lang, **self.params)


PHOTO_MAX_BYTES = 30 * 1024 * 1024
# A 12,000×6,000 JPEG is 10–25 MB; larger ones are decoded at reduced scale.
PANORAMA_MAX_BYTES = 80 * 1024 * 1024
# Ten minutes of a phone's WAV; the same length in m4a needs a tenth of it.
AUDIO_MAX_BYTES = 60 * 1024 * 1024


@dataclass(frozen=True)
class MediaFinding:
    """A problem inside one media file: a catalogue message code and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    warning: bool = False


# (the file, the project root for its cache) -> what is wrong with its content
ContentCheck = Callable[[Path, Path], list[MediaFinding]]


@dataclass(frozen=True)
class MediaKind:
    field: str  # the record field that lists this kind's files, each with a ``file`` path
    suffixes: tuple[str, ...]
    max_bytes: int
    check_content: ContentCheck | None = None
    # How an original goes into a hand-over bundle (bytes -> bytes); None: as given.
    hand_over: Callable[[bytes], bytes] | None = None


def _check_photo(path: Path, root: Path) -> list[MediaFinding]:
    from .photo_check import probe_photo  # Pillow only when a record has photos

    problem = probe_photo(path)
    return [problem] if problem is not None else []


def _check_recording(path: Path, root: Path) -> list[MediaFinding]:
    from .audio_check import findings  # FFmpeg only when a record has recordings

    return findings(path, root)


def _check_panorama(path: Path, root: Path) -> list[MediaFinding]:
    from .panoramas import findings  # numpy and the tile code only when a record has panoramas

    return findings(path, root)


def _photo_for_hand_over(data: bytes) -> bytes:
    from .metadata import strip_photo_metadata  # Pillow only when photos are handed over

    return strip_photo_metadata(data)


MEDIA_KINDS: list[MediaKind] = [
    MediaKind("images", IMAGE_SUFFIXES, PHOTO_MAX_BYTES, _check_photo, _photo_for_hand_over),
    MediaKind("audio", AUDIO_SUFFIXES, AUDIO_MAX_BYTES, _check_recording),
    MediaKind("panoramas", PANORAMA_SUFFIXES, PANORAMA_MAX_BYTES, _check_panorama),
]
