"""Run independent work on the second core while this process does the rest.

The build's downloads (exports, hand-over zips) are read by nothing else in the build,
so a forked process writes them while this one writes the pages. Fork, not spawn: the
child starts in about a millisecond with the validated records already in memory,
nothing is pickled, and its files land in the same staging folder. Where fork is not
the platform's way (Windows, macOS) the work runs here, first, as before.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Fork is safe only while this process runs one thread (the build forks before it starts
# any pool of its own; the preview's file watcher is another thread, so it runs in turn).
_FORK = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class BackgroundFailed(Exception):
    """The background work raised something that could not be sent back as itself."""


def _run(work: Callable[[], None], sender) -> None:
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
def in_background(work: Callable[[], None]) -> Iterator[None]:
    """Run ``work()`` in a forked process while the ``with`` body runs here; on leaving,
    wait for it and raise what it raised (an OSError stays an OSError). If the body
    fails, the background process is stopped and the body's exception goes on.
    Without fork, or with other threads running, ``work()`` runs here before the body."""
    if not _FORK or threading.active_count() > 1:
        work()
        yield
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(work, sender), daemon=True)
    child.start()
    sender.close()
    try:
        yield
    except BaseException:
        child.terminate()
        child.join()
        receiver.close()
        raise
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
