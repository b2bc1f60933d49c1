"""Atomic writes and the build lock: how every file of the digest reaches the disk.

Every write is atomic (a temporary file in the same folder, then a rename)
and happens only when the bytes change, so Pelican's autoreload does not
loop and an interrupted run never leaves half a file. Both plugins write
through here; no stage is involved.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator


def write_if_changed(path: Path, text: str) -> bool:
    """Path and text in; writes atomically only if the bytes differ. True if written."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Path and bytes in; the file replaced in one step, never half-written."""
    with atomic_writer(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[Any]:
    """Path in; a binary handle whose bytes replace the file in one step when the block ends without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def back_up(path: Path, backup_dir: Path, stamp: str) -> Path:
    """Edited Markdown path in; a copy saved under backup_dir, whose path comes out."""
    target = backup_dir / f"{path.stem}.{stamp}{path.suffix}"
    write_atomic(target, path.read_bytes())
    return target


def remove_stale_temporaries(folder: Path) -> None:
    """Folder in; temporary files a killed run left behind are removed."""
    for tmp in folder.glob(".*.md.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Lock file path in; holds an exclusive lock so two builds never write at once."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

