"""MkDocs inside the preview process: render everything once, then only what changed.

``mkdocs serve --dirty`` re-reads ``mkdocs.yml``, lists every file of ``site_docs/``,
rebuilds the navigation and visits every page on each change, and its polling watcher
stats every file twice a second: at 5,000 sites that is seconds of work for a one-page
edit (``bench/bench_serve.py``). The preview knows which files it wrote, so it keeps
MkDocs' configuration, file list, navigation and template environment in memory and
renders just those pages with MkDocs' own page functions, through MkDocs' own
live-reload server (which reloads the browser once a render is done).

This is the preview only: ``diachido build`` runs plain MkDocs with no project Python
inside it. A change of the file set (a page added or removed) or of ``mkdocs.yml`` is
handed to MkDocs' own dirty build, which re-lists the files and renders the pages whose
sources are newer than their output. Several functions used here are MkDocs 1.6
internals (``_populate_page``, ``_build_page``, the server's rebuild condition); MkDocs
is pinned at 1.6.1 and 1.x gets no further releases.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# How MkDocs names the preview's own plugin-like observer in ``config.plugins``.
_OBSERVER_NAME = "diachido-preview"


class _KeepBuildState(BasePlugin):
    """Catches the file list, navigation and template environment of a MkDocs build
    (through MkDocs' plugin events, only inside the preview process)."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env, self.files = env, files
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Every page is read again before it is rendered again: keep titles and
        # addresses (the navigation needs them), drop the texts of 5,000 pages.
        for file in self.files or ():
            if file.page is not None:
                file.page.markdown = file.page.content = None


class PreviewRenderer:
    """Renders ``config_file``'s docs into a temporary folder and serves it at ``address``
    (``host:port``) with live reload. ``request(paths)`` (from any thread) asks for the
    files at ``paths`` (relative to docs_dir, POSIX) to be rendered again; the server's
    build loop, run by ``serve_forever`` in the calling thread, does it and then
    reloads the open pages. ``skip_dirs`` (relative to docs_dir) are the folders whose
    changes arrive through ``request``; any other file of docs_dir is checked by time
    when ``request_handwritten`` is called (a volunteer's edit, or the build marking a
    page that includes a generated part). A change of ``config_file`` (MkDocs' own
    watcher polls it) reads it again and renders every page.
    """

    def __init__(self, config_file: Path, address: str, skip_dirs: Iterable[str] = ()):
        self.config_file = config_file
        self.site_dir = Path(tempfile.mkdtemp(prefix="mkdocs_"))
        self.skip_dirs = tuple(skip_dirs)
        first = load_config(config_file=str(config_file), site_dir=str(self.site_dir))
        host, _, port = address.rpartition(":")
        mount_path = urlsplit(first.site_url or "/").path
        self.serve_url = _serve_url(host, int(port), mount_path)
        self.config = self._load()
        self.server = LiveReloadServer(builder=self.render_requested, host=host, port=int(port),
                                       root=str(self.site_dir), mount_path=mount_path)
        self.server.error_handler = self._error_page
        # MkDocs' own watch of mkdocs.yml (one file, polled) also makes its server put the
        # live-reload script into every page it serves.
        self.server.watch(str(config_file))
        self.state = _KeepBuildState()
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._handwritten: dict[str, int] = {}
        self.rendered_pages = 0  # pages rendered one by one so far (tests and benches read it)

    # --- requests, from any thread ----------------------------------------------

    def request(self, paths: Iterable[str]) -> None:
        """Render the files at ``paths`` again soon (a deleted path: drop its output)."""
        with self._lock:
            self._pending.update(paths)
        self._wake()

    def request_handwritten(self) -> None:
        """Render again the files outside ``skip_dirs`` whose time changed."""
        self.request([])

    def _wake(self) -> None:
        # What LiveReloadServer.watch's own file-event callback does.
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()

    # --- serving ------------------------------------------------------------------

    def render_all(self) -> None:
        """The first render: every page, as ``mkdocs serve`` does it (what was requested
        before is in it). Raises what MkDocs raises."""
        with self._lock:
            self._pending.clear()
        self._build(dirty=False)

    def serve_forever(self) -> None:
        """Serve until shutdown (Ctrl-C raises KeyboardInterrupt here); always cleans up."""
        try:
            self.server.serve()
        finally:
            self.server.shutdown()
            shutil.rmtree(self.site_dir, ignore_errors=True)

    def _error_page(self, code: int) -> bytes | None:
        page = self.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    # --- rendering, in the server's build loop -------------------------------------

    def render_requested(self) -> None:
        """Render what was requested since the last call (the live-reload server's
        builder: it reloads the browsers afterwards). Raises what MkDocs raises."""
        with self._lock:
            paths, self._pending = self._pending, set()
        if self._config_time != self.config_file.stat().st_mtime_ns:  # mkdocs.yml changed
            self.config = self._load()
            self._build(dirty=False)
            return
        paths |= self._touched_handwritten()
        files = self.state.files
        assert files is not None, "render_all() comes first"
        docs = Path(self.config.docs_dir)
        known = {path: files.get_file_from_path(path) for path in sorted(paths)}
        gone = [file for path, file in known.items() if file is not None and not (docs / path).is_file()]
        new = [path for path, file in known.items() if file is None and (docs / path).is_file()]
        if any(path.endswith(".md") for path in new) or any(file.is_documentation_page() for file in gone):
            # Pages came or went: MkDocs lists the files and builds the navigation again.
            self._drop_outputs(gone)
            self._build(dirty=True)
            return
        self._drop_outputs(gone)
        for file in gone:
            files.remove(file)
        for path in new:  # a data file or asset under a new name (names carry a hash of the content)
            known[path] = File(path, str(docs), self.config.site_dir, self.config.use_directory_urls)
            set_exclusions([known[path]], self.config)
            files.append(known[path])
        self._render_files([file for path, file in known.items() if (docs / path).is_file() and file is not None])

    def _render_files(self, changed: list[File]) -> None:
        assert self.state.files is not None and self.state.nav is not None and self.state.env is not None
        doc_files = self.state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in changed:
            if not file.is_documentation_page():
                file.copy_file()
                continue
            page = file.page or Page(None, file, self.config)
            _populate_page(page, self.config, self.state.files)
            _build_page(page, self.config, doc_files, self.state.nav, self.state.env,
                        excluded=file.inclusion.is_excluded())
            page.markdown = page.content = None
            self.rendered_pages += 1

    def _drop_outputs(self, gone: list[File]) -> None:
        for file in gone:
            Path(file.abs_dest_path).unlink(missing_ok=True)

    def _build(self, dirty: bool) -> None:
        self.config.plugins[_OBSERVER_NAME] = self.state
        build(self.config, serve_url=self.serve_url, dirty=dirty)
        self._handwritten = self._handwritten_times()

    def _load(self) -> MkDocsConfig:
        self._config_time = self.config_file.stat().st_mtime_ns
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url  # as ``mkdocs serve`` does: links and reloads name the preview
        return config

    def _touched_handwritten(self) -> set[str]:
        before, self._handwritten = self._handwritten, self._handwritten_times()
        return {path for path, time in self._handwritten.items() if before.get(path) != time} | (
            set(before) - set(self._handwritten))

    def _handwritten_times(self) -> dict[str, int]:
        docs, times = Path(self.config.docs_dir), {}
        for folder, subfolders, names in os.walk(docs):
            relative = Path(folder).relative_to(docs)
            subfolders[:] = [n for n in subfolders if (relative / n).as_posix() not in self.skip_dirs]
            for name in names:
                times[(relative / name).as_posix()] = os.stat(os.path.join(folder, name)).st_mtime_ns
        return times


def configure_logging(level: int = logging.INFO) -> None:
    """MkDocs' messages (warnings, "Serving on ...") on stderr, as its own command prints them."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)
