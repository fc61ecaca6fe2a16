"""Open built pages the way a visitor does: headless Debian Chromium on a phone viewport.

Playwright drives the system ``chromium`` (never a downloaded browser). The page is
served from 127.0.0.1; every request is recorded so tests can assert that nothing
but map tiles leaves the machine.
"""

from __future__ import annotations

import functools
import http.server
import io
import re
import shutil
import socketserver
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse, urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}

requires_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _RangeHandler(_QuietHandler):
    """Answers byte ranges as a static host does: browsers seek in audio (a narration
    resumed at 1:20) with Range requests, which the stdlib handler ignores."""

    def send_head(self):  # noqa: ANN201 - stdlib signature
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match[1])
        end = min(int(match[2]) if match[2] else size - 1, size - 1)
        if start > end:
            self.send_error(416)
            return None
        body = path.read_bytes()[start:end + 1]
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def _serve(handler: object, prefix: str = "/") -> Iterator[str]:
    with _QuietServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        finally:
            server.shutdown()


@contextmanager
def serve_directory(root: Path, ranges: bool = False) -> Iterator[str]:
    """Serve ``root`` on a free loopback port; yields the base URL (ending in /).
    ``ranges`` answers Range requests with 206 parts (needed to seek in audio)."""
    with _serve(functools.partial(_RangeHandler if ranges else _QuietHandler, directory=str(root))) as url:
        yield url


class _QuietServer(socketserver.ThreadingTCPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A page that redirects while loading drops its connections: not a server error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _PagesHandler(_QuietHandler):
    """Serves a built site the way GitHub Pages does: under ``prefix`` (``/`` for an
    organisation site, ``/REPO/`` for a project site), case-sensitively, a folder's
    address without its slash redirected to it, and the site's own ``404.html`` (status
    404) for every address it lacks."""

    prefix = "/"

    def send_head(self):  # noqa: ANN201 - stdlib signature
        parsed = urlsplit(self.path)
        if not parsed.path.startswith(self.prefix):
            return self._not_found()
        self.path = "/" + parsed.path[len(self.prefix):] + (f"?{parsed.query}" if parsed.query else "")
        local = Path(self.translate_path(self.path))
        if local.is_dir() and not parsed.path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", parsed.path + "/" + (f"?{parsed.query}" if parsed.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not local.is_file() and not (local / "index.html").is_file():
            return self._not_found()
        return super().send_head()

    def _not_found(self) -> io.BytesIO:
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_like_github_pages(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve the built site ``root`` as GitHub Pages would at ``prefix``; yields the
    site's base URL (``http://127.0.0.1:PORT/REPO/``)."""
    handler = functools.partial(type("Pages", (_PagesHandler,), {"prefix": prefix}), directory=str(root))
    with _serve(handler, prefix) as url:
        yield url


# A 1×1 transparent PNG: what a tile request gets when a test answers tiles locally.
BLANK_TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class PageLog:
    """What a page did: requests to other hosts, tiles answered locally, console errors."""

    external_requests: list[str] = field(default_factory=list)
    tiles: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def external_except(self, *allowed_hosts: str) -> list[str]:
        return [
            url for url in self.external_requests
            if not any((urlparse(url).hostname or "").endswith(host) for host in allowed_hosts)
        ]


@contextmanager
def phone_page(offline_hosts: bool = True, tile_host: str | None = None,
               geolocation: dict[str, float] | None = None) -> Iterator[tuple[object, PageLog]]:
    """A Playwright page in Debian Chromium at a 360-px phone viewport.

    Requests to hosts other than loopback are recorded and aborted, as if the
    visitor's network could not reach them; requests to ``tile_host`` (the map tile
    server, the one host the site may use) get a blank tile and go to ``log.tiles``.
    ``geolocation`` ({"latitude", "longitude"}) grants the position permission and sets
    where the phone is; move it with ``page.context.set_geolocation``.
    """
    from playwright.sync_api import sync_playwright

    log = PageLog()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                      locale="vi-VN", service_workers="allow", geolocation=geolocation,
                                      permissions=["geolocation"] if geolocation else [])
        page = context.new_page()

        def route(route_request: object) -> None:
            url = route_request.request.url
            host = urlparse(url).hostname or ""
            if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
                route_request.continue_()
                return
            if host == tile_host:
                log.tiles.append(url)
                route_request.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
                return
            log.external_requests.append(url)
            if offline_hosts:
                route_request.abort()
            else:
                route_request.continue_()

        context.route("**/*", route)
        page.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: log.console_errors.append(str(exc)))
        try:
            yield page, log
        finally:
            context.close()
            browser.close()


@contextmanager
def clean_visit(browser_page: tuple[object, PageLog], expected_errors: tuple[str, ...] = ()) -> Iterator[object]:
    """The page of a shared ``phone_page``, for one test: yields it with its log emptied,
    then asserts that nothing left the machine and nothing was logged as an error
    (except messages containing one of ``expected_errors``)."""
    page, log = browser_page
    log.external_requests.clear()
    log.console_errors.clear()
    yield page
    assert log.external_requests == [], log.external_requests
    assert [e for e in log.console_errors if not any(x in e for x in expected_errors)] == [], log.console_errors
