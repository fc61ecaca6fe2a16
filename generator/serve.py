"""``diachido serve``: a live preview for volunteers.

MkDocs' own server watches ``site_docs/`` and reloads the browser; we watch
``sites/`` (YAML and photos) and regenerate the content it renders. A change with
errors prints them and keeps the last good content on screen: a bad record, a
photo that does not decode, or a build running at the same time never stops the
preview. Stopping the preview (Ctrl-C, SIGTERM, a closed terminal) stops MkDocs
too, so the port is free again.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from typing import Any, Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import generate_content, reproducible_env
from .config import ProjectConfig
from .files import FileProblem, clean_leftovers, project_lock
from .i18n.messages import translate
from .plaques.errors import PlaqueError
from .records.kinds import KINDS, load_project
from .records.validate import LoadResult

DEBOUNCE_SECONDS = 0.5
# A `diachido build` may hold the project lock for a minute; the preview waits for it.
LOCK_WAIT_SECONDS = 120.0
CHILD_STOP_SECONDS = 5.0
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def regenerate(config: ProjectConfig, on_problem: Callable[[str], None], lang: str = "vi") -> LoadResult:
    """Validate and, only if everything is valid, rewrite the generated content.

    Anything that stops the content from being written goes to ``on_problem`` in
    the reader's words, and the previous content stays; nothing is raised.
    """
    result = load_project(config)
    if not result.ok:
        return result
    try:
        with project_lock(config.root, wait_seconds=LOCK_WAIT_SECONDS):
            clean_leftovers(config.root)
            generate_content(config, result.published, result)
    except (FileProblem, PlaqueError) as exc:
        on_problem(translate("serve.kept_previous", lang, problem=(exc.code, exc.params)))
    except Exception as exc:  # noqa: BLE001 - the preview must outlive any one bad file (e.g. Pillow's errors)
        problem = ("build.content_failed", {"reason": f"{type(exc).__name__}: {exc}"})
        on_problem(translate("serve.kept_previous", lang, problem=problem))
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


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(CHILD_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def serve(config: ProjectConfig, address: str, on_result: Callable[[LoadResult], None],
          on_problem: Callable[[str], None], lang: str = "vi") -> int:
    """Regenerate now, then on every change under sites/ (and tours/, villages/), while
    MkDocs serves; MkDocs' exit code. Must run in the main thread (it handles SIGTERM)."""

    def update() -> None:
        on_result(regenerate(config, on_problem, lang))

    update()
    observer = Observer()
    handler = _Debounced(update)
    for folder in [config.sites_dir, *(kind.folder_path(config) for kind in KINDS.values())]:
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    # --dirty: MkDocs re-renders only pages whose source is newer than their output;
    # generate_content keeps the times of unchanged files, so an edit of one record
    # re-renders that record's pages (and the lists, map and search that name it).
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address,
               "--config-file", str(config.root / "mkdocs.yml")]
    previous = {number: signal.signal(number, _interrupt) for number in _STOP_SIGNALS}
    child = None
    try:
        child = subprocess.Popen(command, cwd=config.root, env=reproducible_env(config))
        return child.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if child is not None:
            _stop(child)
        observer.stop()
        observer.join()
