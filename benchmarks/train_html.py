#!/usr/bin/env python3
"""Train the HTML cleaner's block model from the shared corpora and print its validation table.

    .venv/bin/python benchmarks/train_html.py [--out FILE] [--cache DIR] [--folds 5] [--losses] [--seeds 1,2,3]

Reads every page of ../shared/corpus, ../shared/corpus-train/dragnet-train
and cleaneval-dev (training) and l3s-gn1 (validation only: never trained on),
cuts each into blocks with the cleaner's own code (clean_html.analyse_page),
labels each block by its overlap with the gold body, and trains a LightGBM
model on the training sets. Prints, per set, F1/precision/recall of the
block decision: the training sets cross-validated by site (site = host of
the gold URL, or the host the page links to most; a site's pages are never
in both folds), l3s-gn1 with the model trained on all training pages; and
the oracle (the blocks whose words are in the gold: what block selection
can reach). It trains the quick pair too (no helper column:
classify_html.HELPER_FEATURES) and prints its figures alone and the
cascade's (the quick pair's decision on the pages where it stands,
clean_html.quick_pair_decides, the full pair's elsewhere), with the share of pages
the quick pair decided and on how many it decided otherwise. The shipped decision follows ../shared/corpus's gold (article
paragraphs only); dragnet-train's gold also keeps headlines, bylines and
captions, cleaneval-dev's every text of the page, so for those sets the
table adds the models' figure when asked for that set's convention. Writes the models to plugins/digest_prep/models/
(html.txt, html-context.txt, html-quick.txt, html-quick-context.txt).
Deterministic: fixed seeds and one thread, so the same data gives the same
bytes. With --losses, also prints where the cross-validated decision loses on
each training set, by kind of block (html_losses.py). With --seeds, writes
no model: it trains with each bagging seed given and prints each set's
block figure under each seed, their mean and their spread (the largest
less the smallest): how far the figures move with nothing but the seed
changed (a change that moves a figure by less is within that noise).
Exits non-zero when ../shared is absent.
"""
from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import time
import warnings
from pathlib import Path

import html_data
import html_losses
from html_data import TRAIN_SETS, VALIDATION_SETS, Page

from digest_prep import classify_html, clean_html  # noqa: E402

MODEL_OUT = html_data.ROOT / "plugins" / "digest_prep" / "models" / "html.txt"
# Gold conventions: what each set's annotators kept. The model learns them
# apart (a feature column) and is asked for the shared corpus's: article
# paragraphs only, as l3s-gn1 also has it.
CONVENTION = {"corpus": 0, "l3s-gn1": 0, "dragnet-train": 1, "cleaneval-dev": 2}
# LightGBM settings: 200 trees of up to 63 leaves (against 31 leaves and 50
# blocks a leaf, cross-validated by site: cleaneval-dev and the non-English
# pages gained 0.01, dragnet-train and the corpus held); one thread and
# fixed seeds so the model file is the same bytes on every run.
PARAMS = dict(objective="binary", learning_rate=0.08, num_leaves=63, min_data_in_leaf=20,
              feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, lambda_l2=1.0,
              max_bin=255, verbose=-1, seed=1, num_threads=1, deterministic=True,
              force_row_wise=True)
ROUNDS = 200
# The quick pair (no helper columns) only has to be sure of the easy pages:
# 100 trees of up to 31 leaves at a learning rate of 0.15 predict in about
# a third of the full pair's time and weigh a quarter of it; cross-validated
# by site with classify_html.QUICK_MARGIN, they let as many pages through as
# 200 trees of 63 leaves did (corpus 34% against 30%, dragnet-train 38%
# against 43%) at the same cascade figures (within 0.001).
QUICK_PARAMS = dict(PARAMS, num_leaves=31, learning_rate=0.15)
QUICK_ROUNDS = 100
CATEGORICAL = ("tag", "parent_tag")


def fold_of(site: str, folds: int) -> int:
    """Site in; its cross-validation fold (stable across runs and machines)."""
    return int(hashlib.md5(site.encode("utf-8")).hexdigest(), 16) % folds


def model_input(page: Page, quick: bool = False, convention: float = classify_html.CONVENTION):
    """A page (and whether for the quick pair, and the convention asked for) in; the block model's matrix."""
    matrix = classify_html.model_rows(page.rows, convention)
    return matrix[:, classify_html.QUICK_COLUMNS] if quick else matrix


def build_matrix(pages: list[Page], quick: bool = False):
    """Pages (and whether for the quick pair) in; (features, labels, weights). Each page weighs the same,
    split over its blocks by words."""
    import numpy
    rows, labels, weights = [], [], []
    for page in pages:
        words = [max(1, len(t.split())) for t in page.texts]
        total = sum(words) or 1
        rows.extend(row + [CONVENTION[page.set]] for row in page.rows)
        labels.extend(page.labels)
        weights.extend(100.0 * w / total for w in words)
    x = numpy.asarray(rows, dtype=numpy.float64)
    return (x[:, classify_html.QUICK_COLUMNS] if quick else x), numpy.asarray(labels), numpy.asarray(weights)


def train_booster(x, y, w, names: list[str], seed: int = PARAMS["seed"], quick: bool = False):
    """Matrix, labels, weights, column names (and the bagging seed, and whether for the quick pair) in;
    a LightGBM Booster."""
    import lightgbm
    data = lightgbm.Dataset(x, y, weight=w, feature_name=names,
                            categorical_feature=[names.index(c) for c in CATEGORICAL],
                            params={"verbose": -1})
    if quick:
        return lightgbm.train(dict(QUICK_PARAMS, seed=seed), data, QUICK_ROUNDS)
    return lightgbm.train(dict(PARAMS, seed=seed), data, ROUNDS)


def context_block(first, page: Page):
    """Block-model scores of one page in; the context model's extra columns."""
    import numpy
    log_chars = numpy.asarray([row[0] for row in page.rows])
    return classify_html.context_matrix(numpy.asarray(first), page.groups, log_chars)


def train_models(pages: list[Page], first: dict, seed: int = PARAMS["seed"], quick: bool = False) -> tuple:
    """Training pages and out-of-fold block-model scores by page (and the bagging seed, and whether
    the quick pair) in; (block model, context model)."""
    import numpy
    x, y, w = build_matrix(pages, quick)
    block_model = train_booster(x, y, w, classify_html.block_input_names(quick), seed, quick)
    with_rows = [p for p in pages if p.rows]
    context = numpy.vstack([context_block(first[(p.set, p.key)], p) for p in with_rows])
    context_model = train_booster(numpy.hstack([x, context]), y, w,
                                  classify_html.input_names(quick), seed, quick)
    return block_model, context_model


def page_scores(models: tuple, page: Page, convention: float = classify_html.CONVENTION, quick: bool = False):
    """(block model, context model) and a page (and whether they are the quick pair) in; the block model's
    and the final scores."""
    import numpy
    matrix = model_input(page, quick, convention)
    first = models[0].predict(matrix, num_threads=1)
    final = models[1].predict(numpy.hstack([matrix, context_block(first, page)]), num_threads=1)
    return first, final


def decide(models: tuple, page: Page, own_convention: bool = False, quick: bool = False) -> list[bool]:
    """Models (and whether they are the quick pair) and a page in; which of its blocks the cleaner keeps
    with those models (or, with `own_convention`, what the models keep when asked for the page's set's
    gold convention)."""
    if not page.rows:
        return []
    if own_convention:
        return [s >= classify_html.KEEP_THRESHOLD
                for s in page_scores(models, page, CONVENTION[page.set], quick)[1]]
    return classify_html.decode_blocks(list(page_scores(models, page, quick=quick)[1]), page.rows, page.texts,
                                       page.summary)


def decide_cascade(models: tuple, quick_models: tuple, page: Page) -> tuple[list[bool], bool]:
    """The full and the quick pair and a page in; which of its blocks the cleaner keeps (the quick pair's
    decision when it stands, clean_html.quick_pair_decides, else the full pair's), and whether it stood."""
    if not page.rows:
        return [], True
    scores = list(page_scores(quick_models, page, quick=True)[1])
    keep = classify_html.decode_blocks(scores, page.rows, page.texts, page.summary)
    if clean_html.quick_pair_decides(scores, page.rows, keep, page.texts, page.title, page.section):
        return keep, True
    return decide(models, page), False


def cross_validate(pages: list[Page], folds: int, seed: int = PARAMS["seed"], quick: bool = False) -> tuple[dict, dict]:
    """Training pages (and the bagging seed, and whether for the quick pair) in; by page, the models
    trained without its site's fold, and the block model's out-of-fold scores of every page."""
    import numpy
    block_models, first = {}, {}
    for fold in range(folds):
        x, y, w = build_matrix([p for p in pages if fold_of(p.site, folds) != fold], quick)
        model = train_booster(x, y, w, classify_html.block_input_names(quick), seed, quick)
        for page in pages:
            if fold_of(page.site, folds) == fold and page.rows:
                first[(page.set, page.key)] = model.predict(model_input(page, quick), num_threads=1)
                block_models[fold] = model
    models = {}
    for fold in range(folds):
        # the context model learns from out-of-fold scores, as it meets scores of unseen pages
        rest = [p for p in pages if fold_of(p.site, folds) != fold and p.rows]
        x, y, w = build_matrix(rest, quick)
        context = numpy.vstack([context_block(first[(p.set, p.key)], p) for p in rest])
        context_model = train_booster(numpy.hstack([x, context]), y, w,
                                      classify_html.input_names(quick), seed, quick)
        for page in pages:
            if fold_of(page.site, folds) == fold:
                models[(page.set, page.key)] = (block_models.get(fold), context_model)
    return models, first


def score_pages(metric, pages: list[Page], keeps: list[list[bool]]) -> dict:
    """Pages and kept-block masks in; the corpus metric's summary."""
    truth = {p.key: p.gold for p in pages}
    pred = {p.key: "\n".join(t for t, k in zip(p.texts, keep) if k) for p, keep in zip(pages, keeps)}
    return metric.score_pages(truth, pred)


def load_all(cache: Path | None) -> dict[str, list[Page]]:
    """Every set's pages, analysed (from the cache folder when given and filled)."""
    sets = {}
    for name in TRAIN_SETS + VALIDATION_SETS:
        cached = cache / f"{name}.pkl" if cache else None
        if cached and cached.exists():
            sets[name] = pickle.loads(cached.read_bytes())
            continue
        start = time.perf_counter()
        sets[name] = html_data.load_set(name, html_data.cpu_workers())
        print(f"  analysed {name}: {len(sets[name])} pages, "
              f"{sum(len(p.rows) for p in sets[name])} blocks, {time.perf_counter() - start:.0f} s",
              flush=True)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pickle.dumps(sets[name]))
    return sets


def print_spread(metric, sets: dict[str, list[Page]], folds: int, seeds: list[int]) -> None:
    """Analysed sets, folds and bagging seeds in; each set's block figure under each seed, their mean and spread printed."""
    training = [p for name in TRAIN_SETS for p in sets[name]]
    figures: dict[str, list[float]] = {name: [] for name in TRAIN_SETS + VALIDATION_SETS}
    for seed in seeds:
        fold_models, first = cross_validate(training, folds, seed)
        models = train_models(training, first, seed)
        for name, pages in sets.items():
            keeps = [decide(fold_models[(p.set, p.key)] if name in TRAIN_SETS else models, p) for p in pages]
            figures[name].append(score_pages(metric, pages, keeps)["f1"])
        print(f"  seed {seed}: " + ", ".join(f"{name} {f[-1]:.4f}" for name, f in figures.items()), flush=True)
    print(f"\nblock figure at the shipped convention over {len(seeds)} seeds (training sets cross-validated by site)")
    for name, f in figures.items():
        print(f"  {name:<16} mean {sum(f) / len(f):.4f}  spread {max(f) - min(f):.4f}  "
              f"({', '.join(f'{v:.4f}' for v in f)})")


def line(name: str, s: dict) -> str:
    """Label and summary in; one aligned table line."""
    return f"  {name:<48} F1 {s['f1']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}  ({s['pages']} pages)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=MODEL_OUT)
    ap.add_argument("--cache", type=Path, help="keep analysed pages here between runs")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--losses", action="store_true", help="also print the training sets' losses by kind of block")
    ap.add_argument("--seeds", help="comma-separated bagging seeds: print each set's figure under each, "
                    "their mean and spread, and write no model")
    a = ap.parse_args()
    html_data.require_shared()
    sys.path.insert(0, str(html_data.SHARED / "corpus"))
    import metric  # noqa: E402
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    print(f"reading {', '.join(TRAIN_SETS)} (training) and {', '.join(VALIDATION_SETS)} (validation)")
    sets = load_all(a.cache)
    if a.seeds:
        print(f"\nthe same cross-validation by site ({a.folds} folds) under each bagging seed")
        print_spread(metric, sets, a.folds, [int(seed) for seed in a.seeds.split(",")])
        return
    training = [p for name in TRAIN_SETS for p in sets[name]]
    print(f"\ncross-validating by site ({a.folds} folds, "
          f"{len({p.site for p in training})} sites), then training on all {len(training)} pages")
    fold_models, first = cross_validate(training, a.folds)
    models = train_models(training, first)
    quick_fold_models, quick_first = cross_validate(training, a.folds, quick=True)
    quick_models = train_models(training, quick_first, quick=True)
    print("\nblock decision, scored with the corpus metric (word 4-gram shingles); the quick pair reads no "
          "helper column,\nthe cascade takes its decision where it stands (clean_html.quick_pair_decides)")
    foreign: list[tuple[Page, list[bool], list[bool], bool]] = []
    for name in TRAIN_SETS + VALIDATION_SETS:
        pages = sets[name]
        if name in TRAIN_SETS:
            pairs = [(fold_models[(p.set, p.key)], quick_fold_models[(p.set, p.key)]) for p in pages]
            how = "cross-validated by site"
        else:
            pairs = [(models, quick_models)] * len(pages)
            how = "shipped model, never trained on"
        keeps = [decide(full, p) for (full, _), p in zip(pairs, pages)]
        print(line(f"{name}, {how}", score_pages(metric, pages, keeps)))
        print(line(f"{name}, quick pair alone", score_pages(
            metric, pages, [decide(quick, p, quick=True) for (_, quick), p in zip(pairs, pages)])))
        cascade = [decide_cascade(full, quick, p) for (full, quick), p in zip(pairs, pages)]
        print(line(f"{name}, cascade", score_pages(metric, pages, [keep for keep, _ in cascade])))
        print(exits_line(pages, keeps, cascade))
        foreign += [(p, keep, own, sure) for p, keep, (own, sure) in zip(pages, keeps, cascade) if not p.english]
        if CONVENTION[name]:
            keeps = [decide(fold_models[(p.set, p.key)], p, own_convention=True) for p in pages]
            print(line(f"{name}, same, asked for the set's gold convention", score_pages(metric, pages, keeps)))
        print(line(f"{name}, oracle (gold blocks)", score_pages(metric, pages, [p.labels for p in pages])))
    if a.losses:
        print("\nwhere the block decision loses, cross-validated by site (html_losses.py)")
        for name in TRAIN_SETS:
            pages = sets[name]
            html_losses.print_losses(metric, pages, [decide(fold_models[(p.set, p.key)], p) for p in pages],
                                     f"{name}, shipped convention")
            if CONVENTION[name]:
                html_losses.print_losses(metric, pages, [decide(fold_models[(p.set, p.key)], p, own_convention=True)
                                                         for p in pages], f"{name}, the set's gold convention")
    pages = [p for p, _, _, _ in foreign]
    print(line("non-English pages of these sets, full pair", score_pages(metric, pages, [k for _, k, _, _ in foreign])))
    print(line("non-English pages of these sets, cascade", score_pages(metric, pages, [k for _, _, k, _ in foreign])))
    print(exits_line(pages, [k for _, k, _, _ in foreign], [(k, sure) for _, _, k, sure in foreign]))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    for model, suffix in zip(models + quick_models, ("", "-context", "-quick", "-quick-context")):
        path = a.out.with_name(a.out.stem + suffix + ".txt")
        text = model.model_to_string(num_iteration=-1)
        path.write_text(text, encoding="utf-8")
        size += len(text.encode())
        print(f"\nwrote {path}")
    print(f"models: {size / 1e6:.2f} MB, 2 x {ROUNDS} and 2 x {QUICK_ROUNDS} trees; "
          f"{time.perf_counter() - started:.0f} s")


def exits_line(pages: list[Page], keeps: list[list[bool]], cascade: list[tuple[list[bool], bool]]) -> str:
    """Pages, the full pair's decisions and the cascade's (with whether the quick pair was sure) in; a table
    line: the share of pages the quick pair decided, and on how many of them it decided otherwise."""
    differs = [keep != full for full, (keep, quick) in zip(keeps, cascade) if quick]   # one per page it decided
    return (f"  {'':<48} quick pair decided {len(differs) / (len(pages) or 1):.1%} of the pages ({len(differs)}), "
            f"deciding otherwise than the full pair on {sum(differs)}")


if __name__ == "__main__":
    main()
