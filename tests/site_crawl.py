"""Render ``site_docs/`` with another renderer and crawl a rendered site for broken links.

Shared by the renderer test (tests/site/test_renderers.py) and bench/bench_renderers.py.
Nothing here installs anything: a renderer is used when its module can be run by the
given Python (``python -m properdocs``, ``python -m zensical``).
"""

from __future__ import annotations

import posixpath
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from generator.build import POST_RENDER_STEPS, reproducible_env
from generator.config import ProjectConfig
from generator.records.validate import load_sites

# Renderers that read mkdocs.yml and render site_docs/: the command (after the Python)
# and whether it takes --site-dir (Zensical writes to the config's site_dir).
RENDERERS: dict[str, list[str]] = {
    "mkdocs": ["-m", "mkdocs", "build", "--quiet", "--clean"],
    "properdocs": ["-m", "properdocs", "build", "--quiet", "--clean"],
    "zensical": ["-m", "zensical", "build", "--clean"],
}
_LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "srcset"}
_SKIP_SCHEMES = ("mailto:", "tel:", "geo:", "data:", "javascript:", "blob:")


@dataclass(frozen=True)
class BrokenLink:
    page: str  # root-relative path of the HTML file
    link: str  # the link as written
    reason: str  # "missing" (no such file) or "absolute" (root-absolute: breaks under a sub-path)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        wanted = _LINK_ATTRS.get(tag)
        value = values.get(wanted) if wanted else None
        if not value:
            return
        if tag == "source":  # srcset: "a.webp 480w, b.webp 960w"
            self.links += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
        else:
            self.links.append(value)


def page_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def _target_exists(site_dir: Path, path: str) -> bool:
    local = site_dir / path
    if path == "" or path.endswith("/"):
        return (local / "index.html").is_file()
    return local.is_file() or (local / "index.html").is_file()


def broken_links(site_dir: Path) -> tuple[int, list[BrokenLink]]:
    """Every link and asset URL in every HTML file of ``site_dir`` that leads nowhere.

    Links to other hosts and in-page anchors are not followed. A root-absolute link
    (``/assets/...``) is reported: the site must work under a sub-path. The 404 page
    is read as if at the root, where its <base> puts it. Returns (links checked, broken).
    """
    checked, broken = 0, []
    for html_file in sorted(site_dir.rglob("*.html")):
        page = html_file.relative_to(site_dir).as_posix()
        folder = posixpath.dirname(page)
        for link in page_links(html_file.read_text(encoding="utf-8", errors="replace")):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(_SKIP_SCHEMES) or not parts.path:
                continue
            checked += 1
            if parts.path.startswith("/"):
                broken.append(BrokenLink(page, link, "absolute"))
                continue
            target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            target = "" if target == "." else target + ("/" if parts.path.endswith("/") else "")
            if target.startswith("../") or not _target_exists(site_dir, target):
                broken.append(BrokenLink(page, link, "missing"))
    return checked, broken


def render_with(renderer: str, config: ProjectConfig, python: str, out: Path) -> str:
    """Render the project's (already generated) ``site_docs/`` with ``renderer`` into
    ``out``, then run the build's own post-render steps (permanent-address copies,
    .nojekyll...) so the result is what ``diachido build`` would publish.

    ``python`` is the interpreter that has the renderer. Returns the renderer's output;
    raises RuntimeError when it fails.
    """
    # Zensical wants the config file, docs_dir and site_dir inside the project folder:
    # a copy of mkdocs.yml beside it, with only site_dir changed, removed afterwards.
    work = config.root / ".diachido" / f"render-{renderer}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    source = yaml.safe_load((config.root / "mkdocs.yml").read_text(encoding="utf-8"))
    source["site_dir"] = (work / "site").relative_to(config.root).as_posix()
    config_file = config.root / f".diachido-{renderer}.yml"
    config_file.write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        command = [python, *RENDERERS[renderer], "--config-file", config_file.name]
        run = subprocess.run(command, cwd=config.root, capture_output=True, text=True, env=reproducible_env(config))
    finally:
        config_file.unlink()
    if run.returncode != 0 or not (work / "site" / "index.html").is_file():
        raise RuntimeError(f"{renderer} failed ({run.returncode}):\n{run.stdout}{run.stderr}")
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(work / "site", out)
    published = load_sites(config).published
    for step in POST_RENDER_STEPS:
        step(config, published, out)
    return run.stdout + run.stderr


def renderer_available(renderer: str, python: str) -> bool:
    """Whether ``python -m <renderer>`` runs."""
    module = RENDERERS[renderer][1]
    probe = subprocess.run([python, "-c", f"import {module}"], capture_output=True)
    return probe.returncode == 0
