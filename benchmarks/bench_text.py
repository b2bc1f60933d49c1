#!/usr/bin/env python3
"""Benchmark the text cleaner on the .txt pages of the extraction corpus.

    .venv/bin/python benchmarks/bench_text.py [--corpus DIR] [--worst N] [--repeat N] [--out DIR]

Prints F1, precision and recall (word 4-gram shingles, ../shared/corpus
metric.py) over the 50 .txt pages, the worst pages with their scores, and a
throughput table: strip_text_boilerplate against jusText (each line as a
paragraph, English stoplist) on the same pages, one core, in the same run.
The cleaner is timed as `digest convert` calls it, with the furniture
learned across the pages; the furniture pass itself (once per file and run,
cached by the file's sha256 after) is timed on its own line.
With --out, writes one KEY.md per page (front matter `raw_file:`) that
../shared/corpus/score.py can score on its own. With --stages, also prints
where the cleaner's CPU time goes: reading the lines, the rule tables and
heuristics, the feature matrix, the line trees, the second pass (its
features and trees) and the decoding.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPUS, require_corpus  # noqa: E402
from digest_prep.clean_text import forget_lines, strip_text_boilerplate  # noqa: E402
from digest_prep.furniture import furniture_keys, learn_furniture  # noqa: E402
from digest_prep.write import render_body  # noqa: E402


def load_pages(corpus: Path) -> dict[str, str]:
    """Corpus directory in, {page key: copied text} for every pages/*.txt."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((corpus / "pages").glob("*.txt"))}


def extract_body(text: str, furniture: frozenset[str] = frozenset()) -> str:
    """Page text in, the cleaned body as plain text (one block a paragraph)."""
    return "\n\n".join(block.text for block in strip_text_boilerplate(text, furniture).blocks)


def run_justext(text: str, stoplist: frozenset[str]) -> str:
    """Page text in, jusText's kept paragraphs, each raw line given as a paragraph."""
    import justext
    markup = "<html><body>%s</body></html>" % "".join(
        "<p>%s</p>" % html.escape(line) for line in text.splitlines() if line.strip())
    return "\n\n".join(p.text for p in justext.justext(markup, stoplist) if not p.is_boilerplate)


def time_runs(funcs: list, texts: list[str], repeat: int) -> list[float]:
    """Functions and texts in, each function's best CPU time over all texts.

    Passes alternate between the functions (in turn first and last), and CPU
    time (not wall time) is kept, so other work on the machine weighs on both
    sides alike; the best pass of each is the least disturbed one. The rule
    tables and the furniture test forget the lines they met before each
    pass: a pass meets its pages as a run does, once.
    """
    best = [float("inf")] * len(funcs)
    for n in range(repeat):
        order = list(enumerate(funcs))
        for k, func in (order if n % 2 == 0 else order[::-1]):
            forget_lines()
            t0 = time.process_time()
            for text in texts:
                func(text)
            best[k] = min(best[k], time.process_time() - t0)
    return best


# The cleaner's stages as strip_text_boilerplate calls them: (module attribute, label).
STAGES = (("normalise_layout", "layout"), ("read_page", "reading the lines"),
          ("label_rows", "rule tables and heuristics"), ("rule_features", "metadata rules of every line"),
          ("page_matrix", "feature matrix (numpy)"))
MODEL_STAGES = (("scores", "line trees"), ("rescore", "second pass (features and trees)"),
                ("decide", "decoding"))


def time_stages(texts: list[str], furniture: frozenset[str], repeat: int) -> tuple[float, dict[str, float]]:
    """Texts, furniture keys and passes in; the cleaner's CPU time over all texts and each stage's own share of it (best pass)."""
    from digest_prep import clean_text
    from digest_prep.classify_text import TextModel
    spent: dict[str, float] = {}
    inner = [0.0]                       # time of the stages called by the running one

    def timed(func, label):
        def run(*args, **kwargs):
            outer, inner[0] = inner[0], 0.0
            t0 = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                took = time.process_time() - t0
                spent[label] = spent.get(label, 0.0) + took - inner[0]   # its own time, not its callees'
                inner[0] = outer + took
        return run

    saved = [(clean_text, name, getattr(clean_text, name)) for name, _ in STAGES]
    saved += [(TextModel, name, getattr(TextModel, name)) for name, _ in MODEL_STAGES]
    best, shares = float("inf"), {}
    try:
        for (owner, name, func), (_, label) in zip(saved, STAGES + MODEL_STAGES):
            setattr(owner, name, timed(func, label))
        for _ in range(repeat):
            spent.clear()
            forget_lines()
            t0 = time.process_time()
            for text in texts:
                strip_text_boilerplate(text, furniture)
            total = time.process_time() - t0
            if total < best:
                best, shares = total, dict(spent)
    finally:
        for owner, name, func in saved:
            setattr(owner, name, func)
    shares["other (blocks, lines, the classifier's verdicts)"] = best - sum(shares.values())
    return best, shares


def write_predictions(out: Path, bodies: dict[str, str]) -> None:
    """Bodies in; one KEY.md per page with raw_file front matter written to `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for key, body in bodies.items():
        (out / f"{key}.md").write_text(f"---\nraw_file: pages/{key}.txt\n---\n\n{body}\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=20, help="timing passes; the best is kept")
    ap.add_argument("--out", type=Path, help="write KEY.md predictions here")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--stages", action="store_true", help="print where the cleaner's CPU time goes")
    a = ap.parse_args()

    sys.path.insert(0, str(require_corpus(a.corpus)))
    import metric

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})   # one core

    pages = load_pages(a.corpus)
    gold = metric.load_bodies(str(a.corpus / "gold.json"))
    keys = [k for k in pages if k in gold]
    pred = {k: extract_body(pages[k]) for k in keys}
    if a.out:
        write_predictions(a.out, pred)

    s = metric.score_pages({k: gold[k] for k in keys}, pred)
    print(f"pages {s['pages']}  F1 {s['f1']:.3f}  precision {s['precision']:.3f}  recall {s['recall']:.3f}"
          f"  (page-mean F1 {s['f1_page_mean']:.3f})")
    rows = []
    for k in keys:
        c = metric.page_counts(gold[k], pred[k])
        rows.append((metric._page_f1(c), metric.page_precision(c), metric.page_recall(c), k))
    print(f"\n{a.worst} worst pages")
    for f1, p, r, k in sorted(rows)[: a.worst]:
        print(f"  {k}  F1 {f1:.3f}  P {p:.3f}  R {r:.3f}")
    # As `digest convert pages/*.txt` runs: the 50 pages are one seeds folder,
    # furniture is learned across them (they come from 50 different sites),
    # and what is scored is the Markdown written (entities and escapes included).
    furniture = learn_furniture(pages[k] for k in keys)
    together = metric.score_pages({k: gold[k] for k in keys},
                                  {k: render_body(strip_text_boilerplate(pages[k], furniture).blocks)
                                   for k in keys})
    print(f"\nas `digest convert` writes it (one folder, furniture learned across pages): "
          f"F1 {together['f1']:.3f}  precision {together['precision']:.3f}  recall {together['recall']:.3f}")

    if a.no_timing:
        return
    import justext
    stoplist = justext.get_stoplist("English")
    texts = [pages[k] for k in keys]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    ours, theirs, learning = time_runs([lambda t: strip_text_boilerplate(t, furniture),
                                        lambda t: run_justext(t, stoplist), furniture_keys], texts, a.repeat)
    print(f"\nthroughput, one core, CPU time, best of {a.repeat} alternating passes"
          f" over {len(texts)} pages ({megabytes:.2f} MB)")
    print(f"  {'method':<36}{'articles/s':>12}{'MB/s':>9}")
    for name, secs in (("strip_text_boilerplate (furniture)", ours), ("jusText (line = paragraph)", theirs),
                       ("furniture pass (furniture_keys)", learning)):
        print(f"  {name:<36}{len(texts) / secs:>12.0f}{megabytes / secs:>9.2f}")
    print(f"  ratio {theirs / ours:.1f}x ({theirs / (ours + learning):.1f}x with the furniture pass)")
    if a.stages:
        total, shares = time_stages(texts, furniture, a.repeat)
        print(f"\nwhere the cleaner's CPU time goes, best of {a.repeat} passes ({total / len(texts) * 1000:.2f} ms a page;"
              f" the timing wrappers add a little)")
        for label, secs in shares.items():
            print(f"  {label:<50}{secs / len(texts) * 1000:>7.3f} ms{100 * secs / total:>6.1f}%")
    print(json.dumps({"f1": round(s["f1"], 4), "precision": round(s["precision"], 4),
                      "recall": round(s["recall"], 4), "speed_ratio": round(theirs / ours, 1)}))


if __name__ == "__main__":
    main()
