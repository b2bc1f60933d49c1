#!/usr/bin/env python3
"""Quality of the HTML cleaner on every shared set, beside trafilatura and readability-lxml.

    .venv/bin/python benchmarks/quality_html.py [--cache DIR] [--folds 5] [--sets a,b]

For each set's .html pages: F1, precision and recall (the corpus metric:
word 4-gram shingles, per-page averages) of
- ours: clean_html.strip_html_boilerplate end to end, its blocks rendered
  as the Markdown body the digest writes. On l3s-gn1 (validation only) with
  the shipped models; on the training sets (../shared/corpus, dragnet-train,
  cleaneval-dev) cross-validated by site: each page is cleaned by models
  (the full and the quick pair) trained without any page of its site
  (train_html.py's folds);
- ours, asked for the set's gold convention: the same, with the model's
  convention column set to what the set's gold keeps (train_html.CONVENTION:
  dragnet-train's gold also keeps headlines, bylines and captions,
  cleaneval-dev's every running text of the page) instead of the shared
  corpus's article paragraphs that the digest asks for, and without the
  two rules that follow the shared corpus's convention too: byline and
  date lines kept out of the body, and a headline that repeats the page's
  title dropped from it (the digest writes the title in the front matter;
  dragnet-train's and cleaneval-dev's gold keep it in the text); as
  train_html.py's "asked for the set's gold convention" line. This is the figure to compare with trafilatura and
  readability-lxml on those sets, whose output is scored against the same
  gold; on ../shared/corpus and l3s-gn1 the two conventions are the same;
- trafilatura.extract with its defaults, and readability-lxml's summary,
  on the same decoded pages in the same run;
and the non-English pages of all sets on their own line (corpora.is_english),
and dragnet-train also against its gold without the readers' comments 16
bodies still hold (corpora.COMMENTS_SEPARATOR). Exits non-zero, saying so,
when ../shared is absent.
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

import corpora
import html_data
import train_html
from html_data import TRAIN_SETS, VALIDATION_SETS

from digest_prep import classify_html, clean_html  # noqa: E402
from digest_prep.read import decode_bytes  # noqa: E402


def render_body(html: str) -> str:
    """Page in; the Markdown body our cleaner gives, as the digest writes it."""
    extraction = clean_html.strip_html_boilerplate(html)
    return "\n\n".join(block.markdown or block.text for block in extraction.blocks)


def run_trafilatura(html: str) -> str:
    """Page in; trafilatura's text with its defaults."""
    import trafilatura
    return trafilatura.extract(html) or ""


def run_readability(html: str) -> str:
    """Page in; the text of readability-lxml's summary."""
    from lxml.html import fromstring
    from readability import Document
    try:
        return fromstring(Document(html).summary()).text_content()
    except Exception:  # a peer failing on a page scores that page as empty
        return ""


class AskedFor:
    """A block or context model asked for another gold convention than the shipped one."""

    def __init__(self, model, convention: float, quick: bool = False) -> None:
        self.model, self.convention = model, convention
        # the convention column follows the features the model reads
        self.column = len(classify_html.QUICK_COLUMNS) - 1 if quick else len(classify_html.feature_names())

    def predict(self, matrix, **options):
        """The model's predict, with the convention column set to this convention."""
        matrix = matrix.copy()
        matrix[:, self.column] = self.convention
        return self.model.predict(matrix, **options)


def keep_by_score(scores: list[float], rows: list[list[float]], texts: Sequence[str] = (), summary: str = "") -> list[bool]:
    """Block scores in; which blocks reach the threshold (no byline or summary rule: another convention)."""
    return [score >= classify_html.KEEP_THRESHOLD for score in scores]


def keep_title(block, furniture: frozenset[str], title_key: str, has_body: bool, section_key: str = "") -> str:
    """clean_html.furniture_rule without its title test (a headline is kept: another convention)."""
    return FURNITURE_RULE(block, furniture, "", has_body, section_key)


FURNITURE_RULE = clean_html.furniture_rule


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, help="keep analysed pages here between runs")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--sets", default=",".join(VALIDATION_SETS + TRAIN_SETS))
    a = ap.parse_args()
    html_data.require_shared()
    sys.path.insert(0, str(html_data.SHARED / "corpus"))
    import metric  # noqa: E402
    import score  # noqa: E402
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    wanted = a.sets.split(",")
    sets = train_html.load_all(a.cache)
    training = [p for name in TRAIN_SETS for p in sets[name]]
    fold_models = train_html.cross_validate(training, a.folds)[0] if set(wanted) & set(TRAIN_SETS) else {}
    quick_fold_models = (train_html.cross_validate(training, a.folds, quick=True)[0]
                         if set(wanted) & set(TRAIN_SETS) else {})
    shipped, shipped_quick = classify_html.load_models(), classify_html.load_quick_models()
    decode_blocks = classify_html.decode_blocks
    if shipped[0] is None:
        sys.exit(f"error: no shipped model at {classify_html.MODEL_PATH}; run `make train-html`")
    methods = ("ours", "ours, set's convention", "trafilatura", "readability-lxml")
    foreign: dict[str, dict[str, str]] = {m: {} for m in methods}
    foreign_truth: dict[str, str] = {}
    print("HTML cleaner quality: corpus metric (word 4-gram shingles), F1 / precision / recall")
    for name in wanted:
        truth = {p.key: p.gold for p in sets[name]}
        english = {p.key: p.english for p in sets[name]}
        pred: dict[str, dict[str, str]] = {m: {} for m in methods}
        for page in sets[name]:
            path = html_data.set_dir(name) / "pages" / f"{page.key}.html"
            html, _ = decode_bytes(path.read_bytes(), path.name)
            models = shipped if name in VALIDATION_SETS else fold_models[(page.set, page.key)]
            quick = shipped_quick if name in VALIDATION_SETS else quick_fold_models[(page.set, page.key)]
            classify_html.load_models = lambda models=models: models
            classify_html.load_quick_models = lambda quick=quick: quick
            ours = score.TAG.sub(" ", score.LINK_TARGET.sub("]", render_body(html)))
            convention = train_html.CONVENTION[name]
            if convention:
                asked = tuple(AskedFor(m, convention) if m is not None else None for m in models)
                quick_asked = tuple(AskedFor(m, convention, quick=True) if m is not None else None for m in quick)
                classify_html.load_models = lambda asked=asked: asked
                classify_html.load_quick_models = lambda quick_asked=quick_asked: quick_asked
                classify_html.decode_blocks, clean_html.furniture_rule = keep_by_score, keep_title
                own = score.TAG.sub(" ", score.LINK_TARGET.sub("]", render_body(html)))
                classify_html.decode_blocks, clean_html.furniture_rule = decode_blocks, FURNITURE_RULE
            else:
                own = ours
            for method, text in zip(methods, (ours, own, run_trafilatura(html), run_readability(html))):
                pred[method][page.key] = text
                if not english[page.key]:
                    foreign[method][f"{name}/{page.key}"] = text
            if not english[page.key]:
                foreign_truth[f"{name}/{page.key}"] = page.gold
        how = "shipped model" if name in VALIDATION_SETS else "cross-validated by site"
        print(f"\n{name} ({len(truth)} pages; ours: {how})")
        for method in methods:
            if method == methods[1] and not train_html.CONVENTION[name]:
                continue            # the shipped convention is this set's
            s = metric.score_pages(truth, pred[method])
            print(f"  {method:<24} F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}")
        cut_truth, cut = corpora.without_comments(truth)
        if cut:
            print(f"  against the gold without readers' comments ({cut} bodies cut at corpora.COMMENTS_SEPARATOR):")
            for method in methods:
                s = metric.score_pages(cut_truth, pred[method])
                print(f"  {method:<24} F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}")
    print(f"\nnon-English pages of these sets ({len(foreign_truth)} pages, by the language the digest gives them)")
    for method in methods:
        if foreign_truth:
            s = metric.score_pages(foreign_truth, foreign[method])
            print(f"  {method:<24} F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}")
        else:
            print(f"  {method:<24} no pages")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
