"""Run independent work on the second core while this process does the rest.

Work that nothing else in the build reads meanwhile goes to a forked process: the
exports while this one writes the pages, the plaque PDFs
and hand-over zips while MkDocs renders (``build.STATIC_WRITERS``). Fork, not spawn: the child starts in about a
millisecond with the validated records already in memory, nothing is pickled, and its
files land in the staging folder it is given. Where fork is not the platform's way
(Windows, macOS) the work runs here, first, as before. While it runs each side has one
core of the two (``spare_workers``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Fork is safe only while this process runs one thread (the build forks before it starts
# any pool of its own; the preview's file watcher is another thread, so it runs in turn).
_FORK = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
# True in a background process and in its parent while the background runs: each then
# has one core of the two, and starting a pool of workers would only slow the other.
_SHARING = False
SLACK_NICENESS = 10  # added to the priority of background work with time to spare


def spare_workers() -> int:
    """How many worker processes a stage may start for itself: 1 while a background
    process shares the machine (in it and in its parent), else the number of CPUs."""
    return 1 if _SHARING else os.cpu_count() or 1


class BackgroundFailed(Exception):
    """The background work raised something that could not be sent back as itself."""


def _run(work: Callable[[], None], sender, niceness: int) -> None:
    global _SHARING
    _SHARING = True
    os.nice(niceness)
    try:
        work()
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent, which decides
        try:
            sender.send(exc)
        except Exception:  # noqa: BLE001 - pickling fails in many ways; send the text instead
            sender.send(BackgroundFailed("".join(traceback.format_exception(exc))))
        sender.close()
        raise SystemExit(1) from None
    sender.send(None)
    sender.close()


@contextmanager
def in_background(work: Callable[[], None], slack: bool = False) -> Iterator[None]:
    """Run ``work()`` in a forked process while the ``with`` body runs here; on leaving,
    wait for it and raise what it raised (an OSError stays an OSError). If the body
    fails, the background process is stopped and the body's exception goes on.
    ``slack=True``: the body is expected to take longer, so the work runs at a lower
    priority (``SLACK_NICENESS``) and takes only the CPU the body and any other
    programs leave (an idle core; on a busy machine it does not slow the body).
    Without fork, or with other threads running, ``work()`` runs here before the body."""
    if not _FORK or threading.active_count() > 1:
        work()
        yield
        return
    global _SHARING
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(work, sender, SLACK_NICENESS if slack else 0), daemon=True)
    child.start()
    sender.close()
    sharing, _SHARING = _SHARING, True
    try:
        yield
    except BaseException:
        child.terminate()
        child.join()
        receiver.close()
        raise
    finally:
        _SHARING = sharing
    try:
        outcome = receiver.recv()
    except EOFError:  # died without a word (killed, out of memory)
        child.join()
        outcome = BackgroundFailed(f"background writer exited with status {child.exitcode}")
    finally:
        receiver.close()
    child.join()
    if outcome is not None:
        raise outcome
