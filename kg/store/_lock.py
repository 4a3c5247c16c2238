"""An advisory process lock on a store directory (``kg.lock``), held for the store's lifetime.

A writer holds an exclusive ``flock``; read-only openers hold a shared one. So any number of
readers can share a store, but never with a writer: pyoxigraph documents that reading a RocksDB
directory "while having an other process writing the database is undefined behavior"
(``Store.read_only``). The kernel releases the lock when the process dies, even on SIGKILL, so a
crashed ingest never leaves a stale lock. The holder's pid is written into the file for messages.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from pathlib import Path

from kg.errors import StoreLockedError

LOCK_NAME = "kg.lock"

logger = logging.getLogger(__name__)


class ProcessLock:
    """A held lock on ``directory``; :meth:`release` (or process exit) frees it."""

    def __init__(self, directory: Path, *, shared: bool) -> None:
        """Take the lock without waiting.

        Raises:
            StoreLockedError: another process (or another open store in this one) holds a
                conflicting lock.
        """
        self.path = directory / LOCK_NAME
        self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(self._fd, mode | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            holder = self._read_pid()
            os.close(self._fd)
            self._fd = None
            raise locked_error(directory, holder, reading=shared) from exc
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)

    def _read_pid(self) -> int | None:
        if self._fd is None:
            return None
        with contextlib.suppress(OSError, ValueError):
            return int(os.pread(self._fd, 32, 0).decode().strip() or "x")
        return None

    def release(self) -> None:
        """Release the lock (idempotent)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def locked_error(directory: Path, pid: int | None, *, reading: bool) -> StoreLockedError:
    """The error for a store held by another process, naming its pid when known."""
    who = f"another kg process (pid {pid})" if pid else "another process"
    what = "being written by" if reading else "in use by"
    return StoreLockedError(
        f"store {directory} is {what} {who}; wait or use another --store", target=str(directory)
    )
