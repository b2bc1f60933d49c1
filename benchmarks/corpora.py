"""Where the benchmarks find the shared corpora, and a clear stop when they are missing.

The corpora are not part of the repository: `make bench` expects them in a
folder `shared/` beside the project (`../shared/corpus`, `../shared/corpus-train`).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_TRAIN = SHARED / "corpus-train"
sys.path.insert(0, str(ROOT / "plugins"))

# Dragnet's gold ends a page's article at a separator line ("!@#$%^&*()
# COMMENTS", or a misspelling: "COMMNENTS", "CORRECTED", the marks alone);
# the readers' comments follow it. dragnet-train's README says they are not
# gold, yet 16 of its bodies still hold them (about 42,000 words; more
# comments than article on 13 pages): the set's own cut missed the separator
# once its spaces were collapsed. The quality scripts score such a set
# against its gold as stored and, on a line of their own, without them.
COMMENTS_SEPARATOR = re.compile(r"^!@#\$%\^&\*\(\).*$", re.M)


def require_corpus(path: Path, what: str = "the extraction corpus") -> Path:
    """Corpus folder in; the same folder out, or exit 2 with a message saying what is missing."""
    if not (path / "pages").is_dir() or not (path / "gold.json").is_file():
        print(f"benchmark: {what} is missing: expected {path}/pages/ and {path}/gold.json.\n"
              f"Put the shared corpora in {SHARED} (a folder `shared/` beside the project) "
              "and run again.", file=sys.stderr)
        sys.exit(2)
    return path


def cut_comments(body: str) -> str:
    """A gold body in; the body above its readers' comments separator line (all of it when there is none) out."""
    match = COMMENTS_SEPARATOR.search(body)
    return body[:match.start()].rstrip() if match else body


def without_comments(truth: dict[str, str]) -> tuple[dict[str, str], int]:
    """Gold bodies by page in; the same bodies cut above their comments separator, and how many were cut, out."""
    cut = {key: cut_comments(body or "") for key, body in truth.items()}
    return cut, sum(cut[key] != (truth[key] or "") for key in truth)


def is_english(gold: str, declared: str) -> bool:
    """A page's gold body and the language its markup declares in; True when the digest gives it English.

    The digest's own choice (language.choose_language: a sure detection
    from the text, else the declared language, else a likely detection),
    asked of the gold body (its article: no readers' comments): a page
    without a language is counted English.
    """
    from digest_prep.language import choose_language
    code, _ = choose_language(cut_comments(gold), declared or None)
    return code in (None, "en")
