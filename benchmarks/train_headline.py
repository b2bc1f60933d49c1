#!/usr/bin/env python3
"""Learn the weights of the headline features from pages whose headline is known.

    .venv/bin/python benchmarks/train_headline.py

Training pages: the .txt and .copy.txt forms of dragnet-train, cleaneval-dev
and the extraction corpus whose gold title (benchmarks/meta_gold.json) is
one of the candidate lines metadata.headline_candidates finds. The model is
a softmax over each page's candidates (the gold line should score highest),
fitted by gradient descent with an L2 penalty. l3s-gn1 (research licence)
is used only to measure the result. Prints the accuracy on both and the
weights to paste into metadata.HEADLINE_WEIGHTS.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import SHARED  # noqa: E402
from digest_prep.clean_text import strip_text_boilerplate  # noqa: E402
from digest_prep.metadata import (BODY_ROLES, fold_words, headline_candidates,  # noqa: E402
                                  headline_features)
from digest_prep.read import read_seed  # noqa: E402

GOLD_FILE = Path(__file__).with_name("meta_gold.json")
TRAIN = ("corpus", "corpus-train/dragnet-train", "corpus-train/cleaneval-dev")
HELD_OUT = ("corpus-train/l3s-gn1",)
L2 = 0.01
STEPS = 1500
RATE = 1.0


def load(folders: tuple[str, ...]) -> list[tuple[list[dict], int]]:
    """Corpus folders in; (candidate features, index of the gold line or -1) per page form out."""
    pages = json.loads(GOLD_FILE.read_text(encoding="utf-8"))["pages"]
    out = []
    for key, fields in sorted(pages.items()):
        folder, _, page = key.rpartition("/")
        if folder not in folders or "title" not in fields:
            continue
        want = fold_words(fields["title"]["value"])
        for kind in ("txt", "copy.txt"):
            path = SHARED / folder / "pages" / f"{page}.{kind}"
            if not path.is_file() or not path.stat().st_size:
                continue
            try:
                seed = read_seed(path, path.parent)
            except Exception:
                continue
            lines = list(strip_text_boilerplate(seed.text).lines)
            body = [line.number for line in lines if line.role in BODY_ROLES and line.number > 0]
            if not body:
                continue
            candidates = headline_candidates(lines, body[0])
            gold = [i for i, line in enumerate(candidates) if fold_words(line.text) == want]
            out.append((headline_features(candidates, lines), gold[-1] if gold else -1))
    return out


def to_arrays(pages, names):
    """Pages of feature rows in; one matrix per page and the gold indices."""
    return [np.array([[row.get(name, 0.0) for name in names] for row in rows]) if rows
            else np.zeros((0, len(names))) for rows, _ in pages], [gold for _, gold in pages]


def accuracy(mats, golds, w) -> tuple[float, float]:
    """Weights in; (share of page forms whose top candidate is the gold, share where the gold is a candidate)."""
    right = reachable = 0
    for x, gold in zip(mats, golds):
        reachable += gold >= 0
        right += gold >= 0 and len(x) and int(np.argmax(x @ w)) == gold
    return right / len(golds), reachable / len(golds)


def main() -> int:
    """Fit, report and print the weights; exit 2 when the corpora are missing."""
    if not GOLD_FILE.is_file() or not (SHARED / "corpus").is_dir():
        print(f"train_headline: needs {GOLD_FILE} and the corpora in {SHARED}", file=sys.stderr)
        return 2
    train = load(TRAIN)
    names = sorted({name for rows, _ in train for row in rows for name in row})
    mats, golds = to_arrays(train, names)
    w = np.zeros(len(names))
    fit = [(x, g) for x, g in zip(mats, golds) if g >= 0 and len(x) > 1]
    for _ in range(STEPS):
        grad = L2 * w
        for x, g in fit:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad += (p @ x - x[g]) / len(fit)
        w -= RATE * grad
    print("train (dragnet-train, cleaneval-dev, corpus): top-1 %.3f of %d (gold among candidates %.3f)"
          % (accuracy(mats, golds, w)[0], len(golds), accuracy(mats, golds, w)[1]))
    held = load(HELD_OUT)
    hmats, hgolds = to_arrays(held, names)
    print("held out (l3s-gn1): top-1 %.3f of %d (gold among candidates %.3f)"
          % (accuracy(hmats, hgolds, w)[0], len(hgolds), accuracy(hmats, hgolds, w)[1]))
    print("HEADLINE_WEIGHTS = {")
    for name, value in zip(names, w):
        print(f'    "{name}": {value:.3f},')
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
