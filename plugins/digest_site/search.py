"""The search index: Pagefind run over output/ at the end of every Pelican build.

Built from Pelican's `finalized` signal, so `pelican content` alone, `make
html`, `make devserver` and `make publish` all give a searchable site. The
old index is removed first: Pagefind names its fragments by content hash,
and fragments of an earlier build would otherwise pile up beside the new.

Pagefind writes its filter files in hash-map order, which changes from run
to run, so the same pages never index to the same bytes twice. The index
is therefore rebuilt only when the pages it indexes changed: a rebuild with
nothing new leaves output/ byte for byte as it was.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
INDEX_SECONDS = 600
INPUT_STAMP = ".indexed-pages.sha256"   # what the index in INDEX_DIR was built from
INDEX_ENTRY = "pagefind-entry.json"     # written last by Pagefind: the index is whole


def hash_indexed_pages(output: Path) -> str:
    """Output folder in; one hash of every HTML page Pagefind would index (names and bytes)."""
    digest = hashlib.sha256()
    digest.update(pagefind_version().encode())
    for folder, dirs, files in os.walk(output):
        here = Path(folder)
        if here == output:
            dirs[:] = [d for d in dirs if d != INDEX_DIR]
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = here / name
                digest.update(str(path.relative_to(output)).encode("utf-8", "surrogateescape") + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pagefind_version() -> str:
    """The installed Pagefind's version ("" when unknown)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return ""


def build_search_index(output: Path) -> bool:
    """Output folder in; Pagefind's index written into output/pagefind/, True if it was."""
    if not output.is_dir():
        return False
    index = output / INDEX_DIR
    pages = hash_indexed_pages(output)
    stamp = index / INPUT_STAMP
    if (index / INDEX_ENTRY).is_file() and stamp.is_file() and stamp.read_text().strip() == pages:
        return True                              # the same pages: the index already is theirs
    stale = index
    if stale.is_symlink() or stale.is_file():
        stale.unlink()
    elif stale.is_dir():
        shutil.rmtree(stale)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", INDEX_DIR,
             "--quiet"], capture_output=True, text=True, timeout=INDEX_SECONDS, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.error("search: Pagefind could not index %s: %s", output, error)
        return False
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        log.error("search: Pagefind failed to index %s: %s", output, detail[-1] if detail else result.returncode)
        return False
    stamp.write_text(pages + "\n")
    return True
