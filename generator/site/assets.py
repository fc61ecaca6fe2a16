"""What the browser loads beside the pages: our CSS and JS, the theme overrides for
mkdocs-material, the share card, and the service worker written after rendering."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from .. import urls
from ..config import ProjectConfig
from ..media.photos import share_card_png

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


def write_theme_overrides(root: Path) -> None:
    """Copy our mkdocs-material overrides to where mkdocs.yml's ``custom_dir`` points."""
    target = root / THEME_OUT
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME_DIR, target)


def write_share_card(config: ProjectConfig, docs_root: Path) -> str:
    """The picture a shared link shows when a site has no photo; returns its absolute URL."""
    path = docs_root / urls.asset_path(SHARE_CARD)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(share_card_png(config.site_name, f"Di tích lịch sử, văn hóa · {config.province}"))
    return urls.absolute_url(config, urls.asset_path(SHARE_CARD))


def asset_version(site_dir: Path) -> str:
    """A hash of the CSS and JS the pages load: a new one makes browsers take the new worker."""
    digest = hashlib.sha256()
    for folder in ("assets", urls.ASSETS_DIR):
        for path in sorted((site_dir / folder).rglob("*")):
            if path.is_file() and path.suffix in (".css", ".js"):
                digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]
