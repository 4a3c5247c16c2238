"""Process locking: one writer or many readers per store directory, never a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.errors import StoreLockedError
from kg.store import open_store

_HOLDER = """
import sys
from kg.store import open_store
store = open_store(sys.argv[1], read_only=sys.argv[2] == "read")
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


@contextmanager
def held_by_another_process(directory: Path, mode: str) -> Iterator[subprocess.Popen[str]]:
    """Run a process that opens the store (``mode`` "write" or "read") until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(directory), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        yield process
    finally:
        process.communicate("done\n" if process.poll() is None else None, timeout=30)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "store"
    open_store(directory).close()
    return directory


def test_a_writer_excludes_another_writer_and_names_its_pid(store_dir: Path) -> None:
    with (
        held_by_another_process(store_dir, "write") as holder,
        pytest.raises(StoreLockedError) as caught,
    ):
        open_store(store_dir)
    message = str(caught.value)
    assert message == (
        f"store {store_dir} is in use by another kg process (pid {holder.pid}); "
        "wait or use another --store"
    )
    open_store(store_dir).close()  # free again once the holder has gone


def test_a_writer_excludes_readers(store_dir: Path) -> None:
    with held_by_another_process(store_dir, "write") as holder:
        match = f"being written by .*pid {holder.pid}"
        with pytest.raises(StoreLockedError, match=match):
            open_store(store_dir, read_only=True)


def test_readers_share_the_store_but_exclude_a_writer(store_dir: Path) -> None:
    with held_by_another_process(store_dir, "read"):
        with open_store(store_dir, read_only=True) as store:
            assert store.count() == 0
        with pytest.raises(StoreLockedError, match="in use by another kg process"):
            open_store(store_dir)


def test_the_same_process_cannot_open_a_store_twice_for_writing(store_dir: Path) -> None:
    with open_store(store_dir), pytest.raises(StoreLockedError, match=f"pid {os.getpid()}"):
        open_store(store_dir)


def test_a_killed_holder_leaves_no_stale_lock(store_dir: Path) -> None:
    with held_by_another_process(store_dir, "write") as holder:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        with open_store(store_dir) as store:
            assert store.count() == 0


def test_a_foreign_rocksdb_lock_is_reported_as_locked(store_dir: Path) -> None:
    code = (
        "import sys, pyoxigraph\n"
        "s = pyoxigraph.Store(sys.argv[1])\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(store_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match="in use by another process"):
            open_store(store_dir)
    finally:
        process.communicate("done\n", timeout=30)
