"""Where the benchmarks find the shared corpora, and a clear stop when they are missing.

The corpora are not part of the repository: `make bench` expects them in a
folder `shared/` beside the project (`../shared/corpus`, `../shared/corpus-train`).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_TRAIN = SHARED / "corpus-train"


def require_corpus(path: Path, what: str = "the extraction corpus") -> Path:
    """Corpus folder in; the same folder out, or exit 2 with a message saying what is missing."""
    if not (path / "pages").is_dir() or not (path / "gold.json").is_file():
        print(f"benchmark: {what} is missing: expected {path}/pages/ and {path}/gold.json.\n"
              f"Put the shared corpora in {SHARED} (a folder `shared/` beside the project) "
              "and run again.", file=sys.stderr)
        sys.exit(2)
    return path
