#!/usr/bin/env python3
"""How often the review page's reason for a removed block is the one SHAP values would give.

    .venv/bin/python benchmarks/explain_agreement.py [--shared DIR] [--pages N]

The HTML cleaner names, for the longest blocks it removes, the feature that
pushed each out most (classify_html.drop_reasons), from the moves of the
block's paths through the trees (classify_html.TreePaths). This cleans the
.html pages of ../shared/corpus and of the sets in ../shared/corpus-train
(the first N of each), asks LightGBM's own contributions (pred_contrib,
SHAP values) of the same blocks, and prints how often the two name the
same feature, and the same words on the review page, with the CPU time of
each per block.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
from digest_prep import classify_html, clean_html  # noqa: E402
from digest_prep.read import decode_bytes  # noqa: E402

SETS = ("corpus", "dragnet-train", "cleaneval-dev", "l3s-gn1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=corpora.SHARED)
    ap.add_argument("--pages", type=int, default=200, help="pages of each set (all of the corpus's 50)")
    a = ap.parse_args()
    corpora.require_corpus(a.shared / "corpus")
    matrices = []
    original = classify_html.drop_reasons

    def recording(texts, rows, matrix):
        if matrix is not None:
            matrices.append((texts, rows, matrix))
        return original(texts, rows, matrix)

    classify_html.drop_reasons = recording
    for name in SETS:
        folder = a.shared / "corpus" if name == "corpus" else a.shared / "corpus-train" / name
        if not (folder / "pages").is_dir():
            print(f"{name}: missing ({folder}), skipped")
            continue
        for path in sorted((folder / "pages").glob("*.html"))[:a.pages]:
            text, _ = decode_bytes(path.read_bytes(), path.name)
            clean_html.strip_html_boilerplate(text)
    classify_html.drop_reasons = original
    block_model, context_model = classify_html.load_models()
    model = context_model or block_model
    names = classify_html.input_names()
    paths = classify_html.tree_paths(model)
    same_feature = same_words = blocks = 0
    shap_time = path_time = 0.0
    disagreements: Counter = Counter()
    for texts, rows, matrix in matrices:
        for i, (text, row) in enumerate(zip(texts, rows)):
            if classify_html.plain_reason(text, row) != classify_html.LOW_SCORE:
                continue
            t0 = time.process_time()
            shap = list(model.predict(matrix[i:i + 1], num_threads=1, pred_contrib=True)[0][:-1])
            t1 = time.process_time()
            moves = paths.contributions(matrix[i].tolist())
            t2 = time.process_time()
            shap_time, path_time = shap_time + t1 - t0, path_time + t2 - t1
            blocks += 1
            strongest = [min(range(len(values)), key=values.__getitem__) for values in (shap, moves)]
            same_feature += strongest[0] == strongest[1]
            words = (classify_html.pushed_out_by(shap, names), classify_html.pushed_out_by(moves, names))
            same_words += words[0] == words[1]
            if words[0] != words[1]:
                disagreements[words] += 1
    print(f"removed blocks explained: {blocks} (blocks of {classify_html.EXPLAIN_MIN_WORDS}+ words, "
          f"under {classify_html.MOSTLY_LINKS:.0%} link text, on {len(matrices)} pages)")
    if not blocks:
        return
    print(f"  same feature as SHAP values: {same_feature / blocks:.1%}; same words on the review page: "
          f"{same_words / blocks:.1%}")
    print(f"  CPU a block: SHAP values {1000 * shap_time / blocks:.2f} ms, paths {1000 * path_time / blocks:.2f} ms")
    for (shap_words, path_words), count in disagreements.most_common(8):
        print(f"  {count:4d}  SHAP: {shap_words.removeprefix('html-model: ')!r}  "
              f"paths: {path_words.removeprefix('html-model: ')!r}")


if __name__ == "__main__":
    main()
