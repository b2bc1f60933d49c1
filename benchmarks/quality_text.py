#!/usr/bin/env python3
"""Quality of the text cleaner, per set and per input kind, beside jusText.

    .venv/bin/python benchmarks/quality_text.py [--shared DIR] [--folds N] [--no-justext]

Prints F1 / precision / recall (word 4-gram shingles, ../shared/corpus
metric.py) of the cleaner's body for each set and input kind: the .txt dump
(one block a line), the browser's .copy.txt, and the layouts generated from
the .txt (blank lines between paragraphs, hard-wrapped, the article on one
line), with the non-English pages on a line of their own and jusText (each
line a paragraph) on the same pages in the same run. A set whose gold
holds readers' comments below dragnet's separator line (dragnet-train: 16
pages) is also scored against its gold without them, on a line of its own
("w/o comments (N)": N bodies cut; corpora.COMMENTS_SEPARATOR).

The training sets (dragnet-train, cleaneval-dev, ../shared/corpus) are
scored by cross-validation grouped by site: both passes of the classifier
are trained here on the other folds, so no page is scored by trees that saw
its site.
l3s-gn1, never trained on, is scored with the shipped model.
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
import train_text as tt  # noqa: E402

ORDER = (".txt", ".copy.txt", "blank", "wrapped", "oneline")


def run_justext(text: str, stoplist) -> str:
    import justext
    markup = "<html><body>%s</body></html>" % "".join(
        "<p>%s</p>" % html.escape(line) for line in text.splitlines() if line.strip())
    return "\n".join(p.text for p in justext.justext(markup, stoplist) if not p.is_boilerplate)


def print_table(shared: Path, metric, pages, probs, setting: tuple[float, float, float], jus: bool = True) -> None:
    """Cross-validated training pages and their scores in; l3s-gn1 read and scored with the shipped model; the table printed."""
    from digest_prep.classify_text import load_model
    model = load_model()
    print("reading l3s-gn1 (validation only)")
    valid = tt.load_all(shared, tt.VALIDATION_SETS, metric)
    valid_probs = []
    for d in valid:
        d.x, p = model.rescore(d.x, model.scores(d.x), [r in tt.BODY_ROLES for r in d.roles], d.texts, d.roles,
                               d.vetoed)
        valid_probs.append(p)
    rows = []
    stoplist = None
    if jus:
        import justext
        stoplist = justext.get_stoplist("English")
    t0 = time.time()
    groups = [(name, pages, probs, "cross-validated by site") for name in tt.TRAIN_SETS]
    groups += [(name, valid, valid_probs, "shipped model") for name in tt.VALIDATION_SETS]
    for name, sel_pages, sel_probs, how in groups:
        for kind in ORDER:
            sel = [(d, p) for d, p in zip(sel_pages, sel_probs) if d.set == name and d.kind == kind]
            if not sel:
                continue
            for subset, english in (("", None), (" non-English", False), (" w/o comments", None)):
                part = [(d, p) for d, p in sel if english is None or d.english == english]
                truth = {d.key: d.gold for d, _ in part}
                if subset == " w/o comments":
                    truth, cut = corpora.without_comments(truth)
                    subset = f" w/o comments ({cut})"
                    if not cut:
                        continue
                if not part:
                    continue
                pred = {d.key: tt.body_of(d, tt.decode_final(p, d, setting)) for d, p in part}
                s = metric.score_pages(truth, pred)
                peer = ""
                if jus:
                    jpred = {d.key: run_justext("\n".join(d.texts), stoplist) for d, _ in part}
                    peer = f"{metric.score_pages(truth, jpred)['f1']:.3f}"
                rows.append((f"{name}{subset}", kind, len(part), s["f1"], s["precision"], s["recall"], peer, how))
    print(f"\ntext cleaner quality (F1 / precision / recall, word 4-gram shingles); "
          f"decoder switch, prior, agree {setting}")
    print(f"  {'set':<27}{'input':<11}{'pages':>6}{'F1':>7}{'P':>7}{'R':>7}{'jusText':>9}  how")
    for name, kind, n, f1, p, r, peer, how in rows:
        print(f"  {name:<27}{kind:<11}{n:>6}{f1:>7.3f}{p:>7.3f}{r:>7.3f}{peer:>9}  {how}")
    if jus:
        print(f"  (jusText: each line a paragraph, English stoplist; {time.time() - t0:.0f}s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=tt.SHARED)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--no-justext", action="store_true")
    a = ap.parse_args()
    tt.require_shared(a.shared)
    metric = tt.load_metric(a.shared)
    print("reading the training sets")
    pages = tt.load_all(a.shared, tt.TRAIN_SETS, metric)
    print(f"cross-validation by site, {a.folds} folds (training in this process)")
    from digest_prep.classify_text import load_model
    model = load_model()
    probs = tt.cross_validate_two_pass(pages, a.folds, model.first.setting())
    print_table(a.shared, metric, pages, probs, model.final.setting(), jus=not a.no_justext)


if __name__ == "__main__":
    main()
