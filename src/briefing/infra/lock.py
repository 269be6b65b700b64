"""One writer at a time per work folder: a second `briefing` command that writes
(fetch, validate, run, render, publish, build) waits for the first (filelock, an flock
on `.briefing.lock`), and refuses with a clear message if it waits too long. Never two
writers, never corruption."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.errors import InputError

LOCK_NAME = ".briefing.lock"
DEFAULT_TIMEOUT = 3600.0


@contextlib.contextmanager
def work_lock(work: Path, timeout: float | None = None,
              on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the work folder's lock; wait up to `timeout` seconds (BRIEFING_LOCK_TIMEOUT)."""
    limit = timeout if timeout is not None else float(os.environ.get("BRIEFING_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    work.mkdir(parents=True, exist_ok=True)
    path = work / LOCK_NAME
    lock = FileLock(path, thread_local=False, on_acquired=_write_holder)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        if on_wait is not None:
            on_wait(f"waiting for another briefing command ({holder(path)}) to finish")
        try:
            lock.acquire(timeout=limit, poll_interval=0.2)
        except Timeout:
            raise InputError(str(path), f"another briefing command ({holder(path)}) is still writing this "
                                        f"work folder after {limit:.0f}s; try again when it has finished") from None
    try:
        yield
    finally:
        lock.release()


def _write_holder(fd: int) -> None:
    """Say who holds the lock, in the lock file, for a waiting command to name."""
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)


def holder(path: Path) -> str:
    """Who holds the lock at `path`, as its holder wrote it."""
    with contextlib.suppress(OSError):
        return path.read_text(encoding="utf-8").strip() or "another process"
    return "another process"
