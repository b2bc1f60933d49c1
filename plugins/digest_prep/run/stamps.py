"""File stamps: what the last run learned of each file, kept while its size, times and inode stay.

A warm run with nothing changed would otherwise read every raw file to
hash it and every Markdown file to parse its front matter. As make and
rsync do, a file whose size, mtime_ns, ctime_ns and inode are those the
last run recorded is taken to hold the same bytes: its raw sha256, or its
Markdown's generation record, is reused. An entry whose mtime is too close
to when it was recorded is not trusted (an edit within the same clock tick
would keep the mtime), the whole file is dropped when the code version
changes, and a missing or damaged file only means every file is read.
"""
from __future__ import annotations

import json
import logging
import os
import stat
import time
from pathlib import Path

from ..files import atomic_writer

logger = logging.getLogger(__name__)

STAMPS_FILE = "stamps.jsonl"
# A file changed less than this long before its stamp was taken may change
# again within the same mtime tick (coarse on some file systems): it is read
# again next time, not trusted.
RACY_NS = 2_000_000_000


def take_stamp(path: Path | str) -> str | None:
    """A path in; its size, mtime_ns, ctime_ns and inode as one string, None if it is no regular file."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def stamp_mtime(stamp: str) -> int:
    """A stamp in; the mtime_ns it holds."""
    return int(stamp.split(":")[1])


class Stamps:
    """The stamps of one run: those read from the state folder, and those to write back."""

    def __init__(self, state_dir: Path, version: str, keep_unseen: bool = False):
        """State folder, code version and whether stamps of files this run does not see are kept
        (a run over some files only) in."""
        self.path = state_dir / STAMPS_FILE
        self.version = version
        self.old: dict[str, tuple[str, list]] = read_stamps(self.path, version)
        self.new: dict[str, tuple[str, list]] = dict(self.old) if keep_unseen else {}

    def look_up(self, name: str, stamp: str | None) -> list | None:
        """A file's name and its stamp now in; what the last run recorded of it, None if it may have changed."""
        entry = self.old.get(name)
        if stamp is None or entry is None or entry[0] != stamp:
            return None
        self.new[name] = entry
        return entry[1]

    def record(self, name: str, stamp: str | None, value: list) -> None:
        """A file's name, its stamp when it was read and what was learned from it in; kept for the next run."""
        if stamp is not None and stamp_mtime(stamp) < time.time_ns() - RACY_NS:
            self.new[name] = (stamp, value)

    def save(self) -> None:
        """The stamps of this run written in one step, if they differ from those read."""
        if self.new == self.old:
            return
        try:
            with atomic_writer(self.path) as out:
                out.write(json.dumps(["stamps", self.version]).encode("utf-8") + b"\n")
                for name, (stamp, value) in self.new.items():
                    out.write(json.dumps([name, stamp, value]).encode("utf-8") + b"\n")
        except OSError as err:
            logger.warning("the file stamps %s cannot be written: %s", self.path, err)


def read_stamps(path: Path, version: str) -> dict[str, tuple[str, list]]:
    """Stamps file and the code version in; name -> (stamp, value), empty if missing, damaged or stale."""
    stamps: dict[str, tuple[str, list]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            if json.loads(handle.readline() or "null") != ["stamps", version]:
                return {}
            for line in handle:
                name, stamp, value = json.loads(line)
                if isinstance(name, str) and isinstance(stamp, str) and isinstance(value, list):
                    stamp_mtime(stamp)
                    stamps[name] = (stamp, value)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, IndexError) as err:
        if not isinstance(err, FileNotFoundError):
            logger.debug("the file stamps %s cannot be read (%s); every file is read", path, err)
        return {}
    return stamps
