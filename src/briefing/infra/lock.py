"""One writer at a time per work folder: a second `briefing` command that writes
(fetch, validate, run, render, publish, build) waits for the first, and refuses
with a clear message if it waits too long. Never two writers, never corruption."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

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
    with open(path, "a+", encoding="utf-8") as handle:
        started = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                if time.monotonic() - started >= limit:
                    raise InputError(str(path), f"another briefing command ({holder}) is still writing this "
                                                f"work folder after {limit:.0f}s; try again when it has finished") from None
                if not told and on_wait is not None:
                    on_wait(f"waiting for another briefing command ({holder}) to finish")
                    told = True
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
