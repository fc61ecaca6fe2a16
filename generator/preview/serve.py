"""``diachido serve``: a live preview for volunteers.

We watch ``sites/`` (and the other kinds' folders: YAML and photos) and regenerate
the content MkDocs renders: first the pages the edit changes (``first_pages``),
then everything, keeping the times of unchanged files. MkDocs runs inside this
process (``render``): it keeps its file list, navigation and templates and
renders only the files we report, then reloads the browser; hand-written pages and
``mkdocs.yml`` are watched too. A change with errors prints them and keeps the last
good content on screen: a bad record, a photo that does not decode, or a build
running at the same time never stops the preview. Stopping the preview (Ctrl-C,
SIGTERM, a closed terminal) frees the port.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import MkDocsException
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..build import GENERATED_DIRS, generate_content, reproducible_env
from ..config import ProjectConfig
from ..files import FileProblem, clean_leftovers, project_lock
from ..i18n.messages import translate
from ..media import MediaError
from ..plaques.errors import PlaqueError
from ..records.kinds import KINDS, load_project
from ..records.validate import LoadResult
from .render import PreviewRenderer, configure_logging
from .first_pages import FirstPages, Shown, write_first_pages

DEBOUNCE_SECONDS = 0.5
# A `diachido build` may hold the project lock for a minute; the preview waits for it.
LOCK_WAIT_SECONDS = 120.0
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

# Receives the files of docs_dir (relative POSIX paths) that were just written.
OnWritten = Callable[[list[str]], None]


def regenerate(config: ProjectConfig, on_problem: Callable[[str], None], lang: str = "vi",
               previous: Shown | None = None, on_written: OnWritten = lambda paths: None,
               on_shown: Callable[[Shown], None] = lambda shown: None) -> LoadResult:
    """Validate and, only if everything is valid, rewrite the generated content.

    With ``previous`` (what docs_dir holds), the pages the edit changes are written
    and reported to ``on_written`` first, then everything else is; ``on_shown`` then
    gets what docs_dir holds now. Anything that stops the content from being written
    goes to ``on_problem`` in the reader's words, and the previous content stays (the
    early pages are put back); nothing is raised.
    """
    result = load_project(config)
    if not result.ok:
        return result
    first, shown = FirstPages(config.docs_dir), Shown(result)
    try:
        with project_lock(config.root, wait_seconds=LOCK_WAIT_SECONDS):
            clean_leftovers(config.root)
            try:
                if previous is not None:
                    first, shown = write_first_pages(config, previous, result)
                    on_written(first.written)
                on_written(generate_content(config, result.published, result).changed_files)
            except BaseException:
                on_written(first.undo())
                raise
        on_shown(shown)
    except (FileProblem, PlaqueError, MediaError) as exc:  # MediaError: e.g. the speech engine failing
        on_problem(translate("serve.kept_previous", lang, problem=(exc.code, exc.params)))
    except Exception as exc:  # noqa: BLE001 - the preview must outlive any one bad file (e.g. Pillow's errors)
        problem = ("build.content_failed", {"reason": f"{type(exc).__name__}: {exc}"})
        on_problem(translate("serve.kept_previous", lang, problem=problem))
    return result


class _Debounced(FileSystemEventHandler):
    """Editors save in bursts (temp file, rename): act once the burst is over.
    ``ignore`` tells events to drop (e.g. the generator's own writes)."""

    def __init__(self, action: Callable[[], None], ignore: Callable[[str], bool] = lambda path: False):
        self.action = action
        self.ignore = ignore
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [os.fsdecode(path) for path in (event.src_path, getattr(event, "dest_path", "")) if path]
        if event.event_type in ("opened", "closed_no_write") or all(self.ignore(path) for path in paths):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.action)
            self.timer.daemon = True
            self.timer.start()


class _Regenerator:
    """Runs ``regenerate`` for each burst of changes, one at a time, remembering what
    docs_dir holds. Bursts during a run start one more run after it, not one each:
    it reads the records when it starts, so it sees them all."""

    def __init__(self, config: ProjectConfig, on_result: Callable[[LoadResult], None],
                 on_problem: Callable[[str], None], lang: str, on_written: OnWritten):
        self.config, self.on_result, self.on_problem, self.lang = config, on_result, on_problem, lang
        self.on_written = on_written
        self.shown: Shown | None = None
        self.running = threading.Lock()
        self.queued = False
        self.queue_lock = threading.Lock()

    def __call__(self) -> None:
        with self.queue_lock:
            if self.queued:
                return
            self.queued = True
        with self.running:
            with self.queue_lock:
                self.queued = False
            self.on_result(regenerate(self.config, self.on_problem, self.lang, self.shown, self.on_written,
                                      self._remember))

    def _remember(self, shown: Shown) -> None:
        # Worked out now, while nobody waits, rather than on the next save.
        shown.nearby_lists()
        shown.page_paths()
        self.shown = shown


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _probe(address: str) -> None:
    """Raise OSError if ``address`` (``host:port``) cannot be served here."""
    host, _, port = address.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        probe.bind((host.strip("[]"), int(port)))


def _handwritten_folders(docs_dir: Path) -> list[Path]:
    """The folders of docs_dir outside the generated ones (watched one by one: the
    generated ones hold thousands of folders, each an inotify watch)."""
    folders = []
    for folder, subfolders, _ in os.walk(docs_dir):
        relative = Path(folder).relative_to(docs_dir)
        subfolders[:] = [name for name in subfolders if (relative / name).as_posix() not in GENERATED_DIRS]
        folders.append(Path(folder))
    return folders


def serve(config: ProjectConfig, address: str, on_result: Callable[[LoadResult], None],
          on_problem: Callable[[str], None], lang: str = "vi") -> int:
    """Regenerate now, then on every change under sites/ (and tours/, villages/), while
    MkDocs serves the preview at ``address`` (``host:port``); 0 once stopped. Must run
    in the main thread (it handles SIGTERM)."""
    for name, value in reproducible_env(config).items():
        os.environ.setdefault(name, value)
    # As for `mkdocs build`: mkdocs.yml's relative paths (pymdownx.snippets' base_path) start here.
    os.chdir(config.root)
    configure_logging()
    try:  # before minutes of work at province scale, and again when MkDocs' server takes it
        _probe(address)
    except OSError as exc:  # the address is taken (another preview) or not this machine's
        on_problem(translate("serve.address_busy", lang, address=address, reason=exc.strerror or exc))
        return 1
    previous = {number: signal.signal(number, _interrupt) for number in _STOP_SIGNALS}
    observer = Observer()
    try:
        update = _Regenerator(config, on_result, on_problem, lang, on_written=lambda paths: None)
        update()
        # After the first generation: mkdocs.yml names the theme folder it writes.
        renderer = PreviewRenderer(config.root / "mkdocs.yml", address, GENERATED_DIRS)
        update.on_written = renderer.request
        renderer.render_all()
        records = _Debounced(update)
        for folder in [config.sites_dir, *(kind.folder_path(config) for kind in KINDS.values())]:
            if folder.is_dir():
                observer.schedule(records, str(folder), recursive=True)
        generated = tuple(str(config.docs_dir / name) for name in GENERATED_DIRS)
        pages = _Debounced(renderer.request_handwritten,
                           lambda path: path in generated or path.startswith(tuple(g + os.sep for g in generated)))
        for folder in _handwritten_folders(config.docs_dir):
            observer.schedule(pages, str(folder), recursive=False)
        observer.start()
        renderer.serve_forever()
        return 0
    except KeyboardInterrupt:
        return 0
    except MkDocsException as exc:  # e.g. a mistake in mkdocs.yml: MkDocs' own words, no traceback
        on_problem(str(exc))
        return 1
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if observer.is_alive():
            observer.stop()
            observer.join()
