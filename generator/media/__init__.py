"""Media kinds: the files volunteers put beside a record (photos, narration audio).

Each kind is one module that validates its files and processes them for the site:
``photo_check`` opens and decodes a photo as the build will (``check`` calls it, the
build opens photos through it), ``photos`` makes the variants the pages show.
"""

from __future__ import annotations

from ..i18n.messages import translate


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
