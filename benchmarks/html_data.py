"""Pages of the shared corpora cut into blocks, with features and keep/drop labels.

Used by train_html.py (training and cross-validation) and quality_html.py
(scores). A block's label says whether its words are in the page's gold
body: the share of its word 4-grams found among the gold's (a short block:
its whole word sequence found in the gold) must reach LABEL_COVERAGE.
"""
from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections import Counter
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "plugins"))

from digest_prep import classify_html, clean_html  # noqa: E402
from digest_prep.read import decode_bytes  # noqa: E402

from corpora import is_english  # noqa: E402

# Sets whose pages train the shipped model, and the set kept for validation
# only (research licence: measured, never trained or tuned on).
TRAIN_SETS = ("corpus", "dragnet-train", "cleaneval-dev")
VALIDATION_SETS = ("l3s-gn1",)
# A block is article text when at least this share of its word 4-grams is in the gold body.
LABEL_COVERAGE = 0.5
WORD = re.compile(r"\w+")
HOST = re.compile(r"""href=["']?https?://([^/"'\s>:]+)""", re.I)


class Page(NamedTuple):
    """One page: where it is from, its blocks' texts, features and labels."""

    set: str
    key: str
    site: str
    gold: str
    texts: list[str]
    rows: list[list[float]]
    labels: list[int]
    english: bool
    groups: list[tuple[int, int, int]]  # each block's parent, grandparent and template, numbered
    summary: str = ""                   # the summary the page's markup states (meta description)
    title: str = ""                     # the title and section the page's markup states
    section: str = ""


def set_dir(name: str) -> Path:
    """Set name in; its folder under ../shared."""
    return SHARED / "corpus" if name == "corpus" else SHARED / "corpus-train" / name


def require_shared() -> None:
    """Exit with a clear message when ../shared is missing."""
    missing = [n for n in TRAIN_SETS + VALIDATION_SETS if not (set_dir(n) / "gold.json").exists()]
    if missing:
        sys.exit(f"error: the shared corpora are missing ({', '.join(missing)} under {SHARED});"
                 " they are needed to train and to score the HTML cleaner")


def site_of(url: str, html: str) -> str:
    """Gold URL and page in; the site (host without www.), else the host most linked to."""
    host = urlsplit(url).hostname if url else ""
    if not host:
        hosts = Counter(h.lower() for h in HOST.findall(html[:500_000]))
        host = hosts.most_common(1)[0][0] if hosts else ""
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def block_labels(texts: list[str], gold: str) -> list[int]:
    """Blocks' texts and the gold body in; 1 for each block whose words are in the gold."""
    tokens = WORD.findall(gold)
    grams = {n: set(zip(*(tokens[i:] for i in range(n)))) for n in (1, 2, 3, 4)}
    labels = []
    for text in texts:
        words = WORD.findall(text)
        if not words:
            labels.append(0)
        elif len(words) < 4:
            labels.append(int(tuple(words) in grams[len(words)]))
        else:
            shingles = list(zip(words, words[1:], words[2:], words[3:]))
            hit = sum(1 for s in shingles if s in grams[4])
            labels.append(int(hit >= LABEL_COVERAGE * len(shingles)))
    return labels


def load_page(args: tuple[str, str, dict]) -> Page | None:
    """(set, key, gold entry) in; the page's blocks, features and labels."""
    warnings.simplefilter("ignore")
    name, key, entry = args
    path = set_dir(name) / "pages" / f"{key}.html"
    if not path.exists():
        return None
    html, _ = decode_bytes(path.read_bytes(), path.name)
    analysis = clean_html.analyse_page(html)
    gold = entry.get("articleBody") or ""
    if analysis is None:
        return Page(name, key, site_of(entry.get("url", ""), html), gold, [], [], [], True, [])
    texts = [b.text for b in analysis.blocks]
    return Page(name, key, site_of(entry.get("url", ""), html), gold, texts, analysis.rows,
                block_labels(texts, gold), is_english(gold, str(analysis.meta.get("lang", ""))),
                classify_html.block_groups(analysis.blocks), str(analysis.meta.get("description") or ""),
                str(analysis.meta.get("title", "")), str(analysis.meta.get("section") or ""))


def load_set(name: str, workers: int = 2) -> list[Page]:
    """Set name in; its pages analysed (in `workers` processes), in key order."""
    gold = json.loads((set_dir(name) / "gold.json").read_text(encoding="utf-8"))
    jobs = [(name, key, gold[key]) for key in sorted(gold)]
    with get_context("fork").Pool(workers) as pool:
        pages = pool.map(load_page, jobs, chunksize=4)
    return [p for p in pages if p is not None]


def cpu_workers() -> int:
    """How many processes to analyse pages in (the cores this process may use)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
