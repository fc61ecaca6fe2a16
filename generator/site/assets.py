"""What the browser loads beside the pages: our CSS and JS, the theme overrides for
mkdocs-material, the share card, and the service worker written after rendering."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

from .. import urls
from ..config import ProjectConfig
from ..files import write_text
from ..media.photos import share_card_png
from .theme_data import DATA_PARTIAL, render_theme_data

STATIC_DIR = Path(__file__).parent / "static"
THEME_DIR = Path(__file__).parent / "templates" / "theme"
# Where MkDocs finds our theme overrides (``theme.custom_dir`` in mkdocs.yml): copied
# there on every build, so a throw-away project needs only mkdocs.yml and sites/.
THEME_OUT = Path(".diachido") / "theme"


SHARE_CARD = "share.png"


# --- assets ----------------------------------------------------------------------------


def write_assets(docs_root: Path) -> None:
    """Our CSS, JS and images, and vendored libraries, into ``generated/dcd/`` (sw.js goes to
    the site root after rendering: see ``finish_rendered_site``)."""
    target = docs_root / urls.ASSETS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC_DIR.iterdir()):
        if source.is_file() and source.name != urls.SERVICE_WORKER_FILE:
            shutil.copyfile(source, target / source.name)
        elif source.is_dir():  # vendored libraries (the 360° viewer), with their licences
            shutil.copytree(source, target / source.name, dirs_exist_ok=True)


def write_theme_overrides(config: ProjectConfig) -> None:
    """Copy our mkdocs-material overrides to where mkdocs.yml's ``custom_dir`` points,
    with the data partial they read (``theme_data.py``) and our stylesheet as a partial
    that every page inlines (``site_css_partial``)."""
    target = config.root / THEME_OUT
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME_DIR, target)
    write_text(target / DATA_PARTIAL, render_theme_data(config))
    write_text(target / SITE_CSS_PARTIAL, site_css_partial((STATIC_DIR / "site.css").read_text(encoding="utf-8")))


SITE_CSS_PARTIAL = "partials/site-css.html"
_CSS_URL = re.compile(r"""url\(["']?([a-z0-9._-]+)["']?\)""")


def site_css_partial(css: str) -> str:
    """``site.css`` as a Jinja partial of a <style> element: its text verbatim, its
    ``url(file)`` references (files beside it in ``ASSETS_DIR``) made relative to the
    page that includes it, with MkDocs' ``url`` filter."""
    if "</" in css or "{% endraw %}" in css:
        raise ValueError("site.css must not contain '</' or '{% endraw %}'")
    body = _CSS_URL.sub(lambda m: '{% endraw %}url("{{ \'' + urls.asset_path(m.group(1)) + '\' | url }}"){% raw %}', css)
    return "<style>{% raw %}" + body + "{% endraw %}</style>\n"


# The same card on every generation of a long-running preview: 0.3 s of PNG encoding each.
_share_card = functools.lru_cache(maxsize=8)(share_card_png)


def write_share_card(config: ProjectConfig, docs_root: Path) -> str:
    """The picture a shared link shows when a site has no photo; returns its absolute URL."""
    path = docs_root / urls.asset_path(SHARE_CARD)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_share_card(config.site_name, f"Di tích lịch sử, văn hóa · {config.province}"))
    return urls.absolute_url(config, urls.asset_path(SHARE_CARD))
