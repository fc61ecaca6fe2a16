"""The first visit on a weak 3G phone: time to readable text on a site page opened from
its plaque, and time to markers (and tile requests) on the map page.

For each N (default 50 and 5,000), builds a throw-away project of N synthetic sites
(``bench_page_weight.synthetic_sites``, the real build), serves it gzip-compressed as
GitHub Pages does, and opens it in headless Debian Chromium at 360 px with a cold
cache under Chromium's own network emulation (CDP ``Network.emulateNetworkConditions``:
400 kbps down and up, 400 ms round trip, the issue's "weak 3G" profile). It prints:

* site page ``s/<ID>/``: when the HTML arrived, first contentful paint, and largest
  contentful paint (the name and summary: "readable text"), against the 1.5 s aim;
* map page ``ban-do/``: when the first marker or cluster is drawn, against 3 s, and
  how many tile requests the first view fires (counted; no tile server is reached).

``--update-critical-css`` instead rewrites the theme's inline critical CSS
(``generator/site/templates/theme/partials/critical-css.html``) from the rules of
mkdocs-material's stylesheets that the site's page types use at 360 and 1,280 px, read from
Chromium's CSS rule-usage tracking. Run it after changing templates or the theme
version; ``tests/site/test_first_words_browser.py`` fails when it is stale.

Usage: .venv/bin/python bench/bench_first_words.py [N ...] [--repeat R] [--update-critical-css]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import re
import socketserver
import statistics
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_page_weight import make_project, synthetic_sites  # noqa: E402
from generator.build import build  # noqa: E402
from generator.config import load_config  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, PHONE  # noqa: E402

WEAK_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
AIM_TEXT_MS, AIM_MARKERS_MS = 1500, 3000
DESKTOP = {"width": 1280, "height": 800}
CRITICAL_CSS = ROOT / "generator/site/templates/theme/partials/critical-css.html"
# Page types whose used rules make the critical CSS (paths in a built demo site).
CRITICAL_PAGES = ("", "di-tich/{site}/", "di-tich/", "danh-sach/", "tim-kiem/", "ban-do/", "en/di-tich/{en_site}/",
                  "generated/offline/")
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".geojson")

# Records when the first marker or cluster appears, in every frame (the map is an iframe).
_MARKER_WATCH = """
(() => {
  const seen = () => document.querySelector('.leaflet-marker-icon, .dcd-cluster, .dcd-marker');
  new MutationObserver((_, observer) => {
    if (seen()) { window.__dcdMarkersAt = performance.timeOrigin + performance.now(); observer.disconnect(); }
  }).observe(document, {childList: true, subtree: true});
})();
"""


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip-compressed when the browser
    accepts it, cacheable for 10 minutes."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = self.path.split("?")[0].split("#")[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in _COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_gzip(root: Path) -> Iterator[str]:
    handler = functools.partial(_GzipHandler, directory=str(root))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


@contextmanager
def weak_phone(playwright: object, tile_log: list[str]) -> Iterator[object]:
    """A fresh visitor (cold cache) at 360 px on the weak-3G profile."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="vi-VN")

    # Tile requests are counted, not routed: Playwright's routing turns the HTTP cache
    # off, and the map page relies on it (its preloads). They fail (no tile server
    # here), as on a network that cannot reach it; the map draws its markers anyway.
    context.on("request", lambda request: tile_log.append(request.url)
               if (urlparse(request.url).hostname or "").endswith("tile.openstreetmap.org") else None)
    context.add_init_script(_MARKER_WATCH)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", WEAK_3G)
    try:
        yield page
    finally:
        context.close()
        browser.close()


def site_page_times(playwright: object, url: str) -> dict[str, float]:
    with weak_phone(playwright, []) as page:
        page.goto(url, wait_until="load", timeout=60_000)
        page.wait_for_timeout(300)
        return page.evaluate("""() => new Promise(resolve => {
          const nav = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          new PerformanceObserver(list => {
            const entries = list.getEntries();
            resolve({html: nav.responseEnd, fcp: fcp ? fcp.startTime : -1,
                     lcp: entries[entries.length - 1].startTime, load: nav.loadEventEnd});
          }).observe({type: 'largest-contentful-paint', buffered: true});
        })""")


def map_times(playwright: object, url: str) -> dict[str, float]:
    tiles: list[str] = []
    with weak_phone(playwright, tiles) as page:
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        frame = page.frame_locator("iframe.dcd-map-frame")
        frame.locator(".leaflet-marker-icon, .dcd-cluster, .dcd-marker").first.wait_for(timeout=60_000)
        origin = page.evaluate("performance.timeOrigin")
        inner = next(f for f in page.frames if f != page.main_frame)
        markers_at = inner.evaluate("window.__dcdMarkersAt") - origin
        page.wait_for_timeout(2500)  # the first view settles: count its tiles
        return {"markers": markers_at, "tiles": len(tiles)}


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):6.0f} ms"


def run(count: int, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix=f"dcd-words-{count}-") as tmp:
        sites = synthetic_sites(count)
        project = make_project(Path(tmp), sites)
        result = build(load_config(project))
        if not result.built:
            raise SystemExit(f"build failed: {result.renderer_output or result.load.report.errors[:3]}")
        sample = sites[len(sites) // 2]["id"]
        with serve_gzip(project / "site") as base, sync_playwright() as playwright:
            pages = [site_page_times(playwright, base + f"s/{sample}/") for _ in range(repeat)]
            maps = [map_times(playwright, base + "ban-do/") for _ in range(repeat)]
        print(f"N = {count} (weak 3G: 400 kbps, 400 ms RTT, 360 px; median of {repeat})")
        print(f"  site page s/{sample}/: HTML {_ms([p['html'] for p in pages])}, first paint "
              f"{_ms([p['fcp'] for p in pages])}, readable text (LCP) {_ms([p['lcp'] for p in pages])} "
              f"(aim {AIM_TEXT_MS} ms: {statistics.median(p['lcp'] for p in pages) / AIM_TEXT_MS:.2f}×)")
        markers = statistics.median(m["markers"] for m in maps)
        print(f"  map page ban-do/: markers at {markers:6.0f} ms (aim {AIM_MARKERS_MS} ms: {markers / AIM_MARKERS_MS:.2f}×), "
              f"{statistics.median(m['tiles'] for m in maps):.0f} tile requests on first view")


# --- critical CSS ---------------------------------------------------------------------------


def _blocks(css: str) -> list[tuple[int, int, str]]:
    """(body start, body end, prelude) of every at-rule block (@media, @supports) in
    minified ``css``, inner blocks after the blocks that hold them."""
    blocks, stack, start, quote = [], [], 0, ""
    for index, char in enumerate(css):
        if quote:
            quote = "" if char == quote and css[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            stack.append((index + 1, css[start:index].strip()))
            start = index + 1
        elif char == "}":
            body_start, prelude = stack.pop()
            if prelude.startswith("@"):
                blocks.append((body_start, index, prelude))
            start = index + 1
        elif char == ";":
            start = index + 1
    return sorted(blocks)


def _used_rules(playwright: object, base: str, paths: list[str]) -> dict[str, set[tuple[int, int]]]:
    """Offsets of the rules each of the theme's stylesheets uses on ``paths``, by file name."""
    used: dict[str, set[tuple[int, int]]] = {}
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    for viewport in (PHONE, DESKTOP):
        _track(browser.new_context(viewport=viewport).new_page(), base, paths, used)
    browser.close()
    return used


def _track(page: object, base: str, paths: list[str], used: dict[str, set[tuple[int, int]]]) -> None:
    """Add to ``used`` the theme's rules that ``page`` uses on each of ``paths``."""
    cdp = page.context.new_cdp_session(page)
    sheets: dict[str, str] = {}
    cdp.on("CSS.styleSheetAdded", lambda e: sheets.__setitem__(e["header"]["styleSheetId"], e["header"]["sourceURL"]))
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    for path in paths:
        cdp.send("CSS.startRuleUsageTracking")
        page.goto(base + path, wait_until="load")
        page.wait_for_timeout(800)
        for rule in cdp.send("CSS.stopRuleUsageTracking")["ruleUsage"]:
            name = urlparse(sheets.get(rule["styleSheetId"], "")).path
            if rule["used"] and "/assets/stylesheets/" in name:
                used.setdefault(name.rsplit("/", 1)[1], set()).add((rule["startOffset"], rule["endOffset"]))


def _split_top(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside quotes and parentheses."""
    pieces, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == separator and depth == 0:
            pieces.append(text[start:index])
            start = index + 1
    return pieces + [text[start:]]


_CUSTOM_ONLY = re.compile(r"(?P<selector>:root(?:>\*)?|\[data-md-color-scheme=default\]|:root,\[data-md-color-scheme=default\])"
                          r"\{(?P<body>--[^{}]*)\}")


def _drop_unused_properties(css: str, readers: str) -> str:
    """Remove custom properties (icons, colours of unused components) that no kept rule
    (nor ``readers``, our own stylesheet) reads: they weigh most of the used :root
    blocks; the full stylesheet brings them later."""
    for _ in range(3):  # properties read only by dropped properties go in the next round
        def keep(match: re.Match) -> str:
            others = css[:match.start()] + css[match.end():] + readers
            declarations = [d for d in _split_top(match.group("body"), ";") if d.strip()]
            kept = [d for d in declarations
                    if not d.startswith("--") or f"var({d.split(':', 1)[0]}" in others
                    or f"var({d.split(':', 1)[0]}" in match.group("body").replace(d, "")]
            return f"{match.group('selector')}{{{';'.join(kept)}}}" if kept else ""
        css = _CUSTOM_ONLY.sub(keep, css)
    return css


def update_critical_css() -> None:
    """Rewrite the inline critical CSS from the demo site (build it first)."""
    from playwright.sync_api import sync_playwright

    site = ROOT / "site"
    slugs = sorted(p.name for p in (site / "di-tich").iterdir() if p.is_dir())
    english = sorted(p.name for p in (site / "en" / "di-tich").iterdir() if p.is_dir())
    paths = [p.format(site=slugs[0], en_site=english[0]) for p in CRITICAL_PAGES]
    with serve_gzip(site) as base, sync_playwright() as playwright:
        used = _used_rules(playwright, base, paths)
    parts = []
    for name in sorted(used, key=lambda n: not n.startswith("main.")):  # main before palette, as linked
        css = (site / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        blocks = _blocks(css)
        runs: list[tuple[str, list[str]]] = []  # consecutive rules with the same block, in file order
        for start, end in sorted(used[name]):
            if not css[start:end].endswith("}"):
                continue  # the usage of an @media condition itself, not a style rule
            holders = [p for s, e, p in blocks if s <= start and end <= e]
            prelude = holders[-1] if holders else ""  # the innermost block
            if not runs or runs[-1][0] != prelude:
                runs.append((prelude, []))
            runs[-1][1].append(css[start:end])
        parts += [f"{prelude}{{{''.join(rules)}}}" if prelude else "".join(rules) for prelude, rules in runs]
    ours = (ROOT / "generator/site/static/site.css").read_text(encoding="utf-8")
    text = _drop_unused_properties(re.sub(r"\s*\n\s*", "", "".join(parts)), ours)
    CRITICAL_CSS.write_text(
        "{#- Generated by bench/bench_first_words.py --update-critical-css from mkdocs-material's stylesheets:\n"
        "    the rules our page types use at 360 and 1,280 px, inlined so the first screen needs no stylesheet. -#}\n"
        "<style>{% raw %}" + text + "{% endraw %}</style>\n", encoding="utf-8")
    print(f"{CRITICAL_CSS.relative_to(ROOT)}: {len(text)} bytes, {len(gzip.compress(text.encode()))} gzip")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[50, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--update-critical-css", action="store_true")
    args = parser.parse_args()
    if args.update_critical_css:
        update_critical_css()
        return
    for count in args.counts:
        run(count, args.repeat)


if __name__ == "__main__":
    main()
