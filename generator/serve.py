"""``diachido serve``: a live preview for volunteers.

MkDocs' own server watches ``site_docs/`` and reloads the browser; we watch
``sites/`` (YAML and photos) and regenerate the content it renders. A change with
errors prints them and keeps the last good content on screen.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import generate_content, reproducible_env
from .config import ProjectConfig
from .records.kinds import KINDS, load_project
from .records.validate import LoadResult

DEBOUNCE_SECONDS = 0.5


def regenerate(config: ProjectConfig) -> LoadResult:
    """Validate and, only if everything is valid, rewrite the generated content."""
    result = load_project(config)
    if result.ok:
        generate_content(config, result.published, result)
    return result


class _Debounced(FileSystemEventHandler):
    """Editors save in bursts (temp file, rename): act once the burst is over."""

    def __init__(self, action: Callable[[], None]):
        self.action = action
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.action)
            self.timer.daemon = True
            self.timer.start()


def serve(config: ProjectConfig, address: str, on_result: Callable[[LoadResult], None]) -> int:
    """Regenerate now, then on every change under sites/ (and tours/, villages/), while MkDocs serves."""
    on_result(regenerate(config))
    observer = Observer()
    handler = _Debounced(lambda: on_result(regenerate(config)))
    for folder in [config.sites_dir, *(kind.folder_path(config) for kind in KINDS.values())]:
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address,
               "--config-file", str(config.root / "mkdocs.yml")]
    try:
        return subprocess.call(command, cwd=config.root, env=reproducible_env(config))
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()
