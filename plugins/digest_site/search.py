"""The search index: Pagefind run over output/ at the end of every Pelican build.

Built from Pelican's `finalized` signal, so `pelican content` alone, `make
html`, `make devserver` and `make publish` all give a searchable site. The
old index is removed first: Pagefind names its files by content hash, and
files of an earlier build would otherwise pile up beside the new.

Pagefind (1.5) writes each filter's values, and the list of filters, in
the order of a Rust hash map, which is random in every run; the files are
named by a hash of their bytes, so the filter files, the metadata file and
pagefind-entry.json would change name or bytes on every build of the same
site (fragments and word indexes are stable since Pagefind 1.3).
pin_index puts those lists in name order and names the files again by
their new bytes; the search reads them as before (it finds every file
through pagefind-entry.json). The same pages give the same index, byte for
byte.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import cbor2

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
INDEX_SECONDS = 600
SIGNATURE = b"pagefind_dcd"          # opens every decompressed Pagefind index file
FILTER_HASH_CHARS = 7                # as long as Pagefind's own names
META_HASH_CHARS = 10


def build_search_index(output: Path) -> bool:
    """Output folder in; a fresh Pagefind index in output/pagefind, in a fixed order; True if written."""
    if not output.is_dir():
        return False
    index = output / INDEX_DIR
    if index.is_symlink() or index.is_file():
        index.unlink()
    elif index.is_dir():
        shutil.rmtree(index)
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
    try:
        pin_index(index)
    except (OSError, ValueError, KeyError) as error:
        log.warning("search: the index in %s is searchable but not in a fixed order: %s", index, error)
    return True


def pin_index(folder: Path) -> bool:
    """Pagefind's output folder in; its filter and metadata files rewritten in a fixed order.

    Returns False, changing nothing, when the index is not laid out as the
    Pagefind this was written for lays it out.
    """
    entry_path = folder / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    renamed: list[tuple[Path, Path, bytes]] = []    # (old file, new file, bytes)
    for lang, info in entry.get("languages", {}).items():
        meta_path = folder / f"pagefind.{info['hash']}.pf_meta"
        meta = read_index_file(meta_path)
        if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[3], list)):
            log.warning("%s: not the layout of Pagefind 1.5; the index is left as it is", meta_path)
            return False
        filters = []
        for name, old_hash in sorted(meta[3]):
            old_path = folder / "filter" / f"{old_hash}.pf_filter"
            data = read_index_file(old_path)
            if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)):
                log.warning("%s: not the layout of Pagefind 1.5; the index is left as it is", old_path)
                return False
            data[1].sort(key=lambda item: (str(item[0]), item[1]))
            raw = encode_index_file(data)
            new_hash = f"{lang}_{hashlib.sha256(raw).hexdigest()[:FILTER_HASH_CHARS]}"
            renamed.append((old_path, folder / "filter" / f"{new_hash}.pf_filter", raw))
            filters.append([name, new_hash])
        meta[3] = filters
        raw = encode_index_file(meta)
        info["hash"] = f"{lang}_{hashlib.sha256(raw).hexdigest()[:META_HASH_CHARS]}"
        renamed.append((meta_path, folder / f"pagefind.{info['hash']}.pf_meta", raw))
    for old, new, raw in renamed:
        new.write_bytes(raw)
        if old != new:
            old.unlink()
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    return True


def read_index_file(path: Path) -> Any:
    """A Pagefind index file in; its decoded content (a CBOR value) out."""
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE):])


def encode_index_file(value: Any) -> bytes:
    """A CBOR value in; the bytes of a Pagefind index file holding it (gzip without a time stamp)."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
