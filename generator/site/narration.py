"""The "Nghe thuyết minh" player on a site page, from the narration the media stage chose.

The HTML is a partial of its own (``narration.html.j2``) so the page template only
includes it; ``narration-player.js`` gives it speed, resume and the offline save.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..i18n.labels import ui
from ..media.narration import Narration
from .templating import ENV

SPEEDS = (0.75, 1.0, 1.25, 1.5)
SCRIPT = "narration-player.js"
# Material Design "headphones" (Apache 2.0), inlined like the other icons.
_ICON = ('<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 1a9 9 0 0 0-9 9v7a3 3 0 0 0 3 3h3v-8H5v-2'
         'a7 7 0 0 1 14 0v2h-4v8h3a3 3 0 0 0 3-3v-7a9 9 0 0 0-9-9"/></svg>')


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _speed_label(speed: float, lang: str) -> str:
    text = f"{speed:g}×"
    return text.replace(".", ",") if lang == "vi" else text


def narration_html(narration: Narration | None, site_id: str, lang: str, page_path: str) -> str:
    """The player section for one page, or "" when there is nothing to play or read.

    ``page_path`` is the page's path from the site root (for relative URLs).
    """
    if narration is None or (narration.audio is None and not narration.transcript):
        return ""
    audio: dict[str, Any] | None = None
    if narration.audio is not None:
        audio = {
            "src": urls.relative_url(page_path, urls.audio_path(narration.audio.file)),
            "key": narration.audio.key,
            "duration": f"{narration.audio.duration:.1f}",
            "clock": _clock(narration.audio.duration),
        }
    return ENV.get_template("narration.html.j2").render(
        lang=lang,
        key=f"{site_id}-{lang}",
        t=ui(lang),
        icon=_ICON,
        audio=audio,
        generated=narration.generated,
        credit=narration.credit,
        licence=narration.licence,
        transcript=narration.transcript,
        speeds=[{"value": f"{s:g}", "label": _speed_label(s, lang)} for s in SPEEDS],
        script=urls.relative_url(page_path, urls.asset_path(SCRIPT)),
    )
