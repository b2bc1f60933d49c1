#!/usr/bin/env python3
"""Quality of the text cleaner, per set and per input kind, beside jusText.

    .venv/bin/python benchmarks/quality_text.py [--shared DIR] [--folds N] [--no-justext] [--losses]

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

--losses also prints where the training sets' recall goes (recall_losses).
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402

import corpora  # noqa: E402
import train_text as tt  # noqa: E402
from digest_prep.classify_text import ROW_FEATURES  # noqa: E402
from digest_prep.clean_text import RULE_ROLES_KEPT  # noqa: E402

ORDER = (".txt", ".copy.txt", "blank", "wrapped", "oneline")
MISSED_WHOLE = 0.3                      # a page keeping less of its labelled gold than this missed the article
# recall_losses' columns: the article missed whole, then lines missed above the
# article's first kept line, below its last and inside it, each by the front
# matter's roles, a rule or the decoder
LOSSES = ("whole", "above:fm", "above:rule", "above:dec", "below:fm", "below:rule", "below:dec",
          "in:fm", "in:rule", "in:dec")


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
    valid_probs = tt.score_validation(valid, model)
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


def recall_losses(d, keep: np.ndarray) -> dict[str, float]:
    """A page and the lines the cleaner keeps in; the share of its labelled gold words lost, by where and why.

    Counted on the gold lines (train_text.line_labels), each weighing its
    words: "whole" on a page keeping under MISSED_WHOLE of them (the article
    taken for another block, or nothing kept); else by where a missed line
    lies against the first and last gold line kept (above, below: the
    article cut early or late; in: a line dropped inside it) and why: a
    role the front matter takes ("fm": headline, byline, caption), a line a
    rule drops, or the decoder's choice ("dec").
    """
    words = np.expm1(d.x[:, ROW_FEATURES.index("log_words")])
    gold = d.y.astype(bool)
    total = (words * gold).sum()
    if total <= 0:
        return {}
    front = np.array([role in RULE_ROLES_KEPT for role in d.roles], dtype=bool)
    rule = (np.asarray(d.vetoed, dtype=bool) | np.asarray(d.flat, dtype=bool)) & ~front   # flat lists, captions: dropped by rule (clean_text.barred_rows)
    kept = keep & ~front & ~rule
    if (words * gold * kept).sum() < MISSED_WHOLE * total:
        return {"whole": (words * gold * ~kept).sum() / total}
    found = np.flatnonzero(gold & kept)
    idx = np.arange(len(gold))
    out = {}
    for place, at in (("above", idx < found[0]), ("below", idx > found[-1]),
                      ("in", (idx > found[0]) & (idx < found[-1]))):
        missed = gold & ~kept & at
        for why, mask in (("fm", front), ("rule", rule), ("dec", ~front & ~rule)):
            out[f"{place}:{why}"] = (words * (missed & mask)).sum() / total
    return out


def print_losses(pages, probs, setting: tuple[float, float, float]) -> None:
    """Cross-validated training pages and their scores in; the recall each set and dump loses, by recall_losses, printed (per-page means)."""
    print("\nrecall lost on the training sets' dumps (cross-validated; share of the labelled gold words, per-page mean;"
          "\n  whole: pages keeping under %d%% of it (their count); fm: front matter roles, dec: the decoder)"
          % (100 * MISSED_WHOLE))
    print(f"  {'set':<15}{'input':<11}{'pages':>6}" + "".join(f"{name:>12}" for name in LOSSES))
    for name in tt.TRAIN_SETS:
        for kind in tt.KINDS:
            sel = [(d, p) for d, p in zip(pages, probs) if d.set == name and d.kind == kind and len(d.y)]
            if not sel:
                continue
            sums = dict.fromkeys(LOSSES, 0.0)
            whole = 0
            for d, p in sel:
                lost = recall_losses(d, tt.decode_final(p, d, setting))
                whole += "whole" in lost
                for key, value in lost.items():
                    sums[key] += value
            cells = [f"{sums[key] / len(sel):.3f}" + (f" ({whole})" if key == "whole" else "") for key in LOSSES]
            print(f"  {name:<15}{kind:<11}{len(sel):>6}" + "".join(f"{cell:>12}" for cell in cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=tt.SHARED)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--no-justext", action="store_true")
    ap.add_argument("--losses", action="store_true", help="also print where the training sets' recall goes")
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
    if a.losses:
        print_losses(pages, probs, model.final.setting())


if __name__ == "__main__":
    main()
