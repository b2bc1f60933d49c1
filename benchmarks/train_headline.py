#!/usr/bin/env python3
"""Train the headline ranker (plugins/digest_prep/models/headline.json) on pages whose headline is known.

    .venv/bin/python benchmarks/train_headline.py [--folds N] [--cache FILE] [--errors FILE] [--out FILE]
                                                  [--seeds 1,2,3]

Training pages: the .txt and .copy.txt forms of dragnet-train, cleaneval-dev
and the extraction corpus that have a gold title (benchmarks/meta_gold.json).
The model ranks each page's candidate lines (metadata.headline_candidates;
the gold line should rank first): LightGBM lambdarank trees over the
candidates' features (metadata.headline_features), fixed seeds and
LightGBM's deterministic mode, so the same data gives the same bytes. The
digest evaluates the trees with numpy (classify_text.Forest). Figures:

- cross-validated by site: the training pages in N folds, a site's pages
  all in one fold; each fold scored with trees fitted on the others;
- l3s-gn1 (research licence): used only to measure the trees fitted on all
  the training pages, never to fit them.

Beside its candidates, every page form has the choice "none is the
headline" (metadata.no_headline_features), the gold where the gold line is
no candidate: then the digest takes its best line all the same, or, where
that is a paragraph, derives a title from the first sentence, and flags the
title for review (metadata.weigh_headline). Figures, per kind of
file: the share of page forms whose chosen line is the gold one (right),
another line (wrong: a confident wrong headline), or none (a title flagged
for review; of these, the share whose best line is the gold one: flagged
right), and the share whose gold line is a candidate at all; first by the margin "none" needs, then by the lead over
the next best line that settles a near tie, then by the least share of the weight of all the choices the
best line must hold (metadata.is_doubtful_pick).
With --seeds, the cross-validation by site is repeated with each other
seed (LightGBM's, and the sites' folds drawn anew), and the right and wrong
shares of each seed and their mean are printed (and their mean by the least share the best line
must hold): a change is kept only when
it wins over that spread (one seed's figures move by about half a point on
browser copies). Writes the trees fitted on all the training pages (seed
17 only).
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import SHARED  # noqa: E402
from digest_prep.clean_text import strip_text_boilerplate  # noqa: E402
from digest_prep.classify_text import forest_from_lightgbm  # noqa: E402
from digest_prep.metadata import (DOUBTFUL_SHARE, HEADLINE_MODEL_PATH, NEAR_TIE, NO_HEADLINE_MARGIN,  # noqa: E402
                                  HeadlineModel,
                                  fold_words, headline_features, is_doubtful_pick,
                                  no_headline_features, page_candidates, without_glued_count)
from digest_prep.read import read_seed  # noqa: E402
from train_text import site_of  # noqa: E402

GOLD_FILE = Path(__file__).with_name("meta_gold.json")
TRAIN = ("corpus", "corpus-train/dragnet-train", "corpus-train/cleaneval-dev")
HELD_OUT = ("corpus-train/l3s-gn1",)
KINDS = ("txt", "copy.txt")
SEED = 17
# Chosen by the cross-validation by site (learning rate 0.05 and 0.1, 4, 7
# and 15 leaves, 20 and 50 rows a leaf, 100 and 300 rounds tried): small
# trees, many rounds.
PARAMS = {"objective": "lambdarank", "learning_rate": 0.1, "num_leaves": 4, "min_data_in_leaf": 50,
          "feature_fraction": 0.8, "lambda_l2": 1.0, "max_bin": 63, "seed": SEED, "deterministic": True,
          "force_row_wise": True, "num_threads": 1, "verbose": -1}
ROUNDS = 300
# Margins the choice "none is the headline" needs, shown by cross-validation.
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 99.0)
# Leads over the next best line (and "none") below which a pick is a near tie, shown by cross-validation.
NEAR_TIES = (0.0, 0.25, 0.5, 1.0)
# Least shares of the weight of all the choices the best line must hold, shown by cross-validation.
SHARES = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4)


class Form:
    """One page form: its candidates' features, the gold candidates (the first, or the last row:
    none; a page may repeat its headline line, and each copy is the gold) and where it comes from."""

    __slots__ = ("folder", "page", "site", "kind", "texts", "rows", "golds", "x", "scores")

    def __init__(self, folder, page, site, kind, texts, rows, golds):
        self.folder, self.page, self.site, self.kind = folder, page, site, kind
        self.texts, self.rows, self.golds = texts, rows, golds
        self.x = None
        self.scores = None

    @property
    def gold(self) -> int:
        """The first gold candidate's index."""
        return self.golds[0]


def load(folders: tuple[str, ...], cache: dict | None = None) -> tuple[list[Form], int]:
    """Corpus folders (and a cache of cleaned lines by path) in; a Form per page form with a gold
    title, and how many empty copies were skipped, out."""
    pages = json.loads(GOLD_FILE.read_text(encoding="utf-8"))["pages"]
    urls = {}
    for folder in folders:
        gold = SHARED / folder / "gold.json"
        if gold.is_file():
            urls[folder] = {key: value.get("url") or ""
                            for key, value in json.loads(gold.read_text(encoding="utf-8")).items()}
    out, empty = [], 0
    for key, fields in sorted(pages.items()):
        folder, _, page = key.rpartition("/")
        if folder not in folders or "title" not in fields:
            continue
        want = fold_words(fields["title"]["value"])
        site = site_of(urls.get(folder, {}).get(page, ""), SHARED / folder / "pages" / f"{page}.html")
        for kind in KINDS:
            path = SHARED / folder / "pages" / f"{page}.{kind}"
            if not path.is_file():
                continue
            if not path.stat().st_size:
                empty += 1
                continue
            lines = cache.get(str(path)) if cache is not None else None
            if lines is None:
                try:
                    seed = read_seed(path, path.parent)
                except Exception:
                    continue
                lines = list(strip_text_boilerplate(seed.text).lines)
                if cache is not None:
                    cache[str(path)] = lines
            candidates, body = page_candidates(lines)
            gold = [i for i, line in enumerate(candidates) if fold_words(without_glued_count(line.text, lines)) == want]
            rows = headline_features(candidates, lines, body) if candidates else []
            rows.append(no_headline_features(rows))       # the last row: "none is the headline"
            out.append(Form(folder, page, site, kind, [line.text for line in candidates] + [None],
                            rows, gold or [len(rows) - 1]))
    return out, empty


def set_matrices(forms: list[Form], names: list[str]) -> None:
    """Forms and the feature names in; each form's feature matrix set."""
    for form in forms:
        form.x = np.array([[row.get(name, 0.0) for name in names] for row in form.rows]).reshape(
            len(form.rows), len(names))


def fit(forms: list[Form], seed: int = SEED):
    """Forms (and a seed) in; the LightGBM ranker fitted on them (the gold row of each form labelled 1), out."""
    import lightgbm as lgb          # training only: the digest reads the trees with numpy
    usable = [form for form in forms if len(form.x) > 1]
    x = np.vstack([form.x for form in usable])
    y = np.concatenate([np.isin(np.arange(len(form.x)), form.golds).astype(np.float64) for form in usable])
    data = lgb.Dataset(x, label=y, group=[len(form.x) for form in usable],
                       params={"verbose": -1, "seed": seed, "max_bin": PARAMS["max_bin"]})
    return lgb.train({**PARAMS, "seed": seed}, data, num_boost_round=ROUNDS)


def score(forms: list[Form], booster) -> None:
    """Forms and a ranker in; each form's row scores set (form.scores)."""
    x = np.vstack([form.x for form in forms])
    raw = booster.predict(x)
    at = 0
    for form in forms:
        form.scores = raw[at:at + len(form.x)]
        at += len(form.x)


def pick(form: Form, margin: float = NO_HEADLINE_MARGIN, near: float = NEAR_TIE, least: float = DOUBTFUL_SHARE) -> int:
    """A scored form, the margin "none" needs, the near tie and the least share in; the index of its chosen
    row (the last: no headline line) out, as metadata.weigh_headline chooses."""
    if not len(form.x):
        return -1
    scores = [float(value) for value in form.scores]
    if is_doubtful_pick(scores[:-1], scores[-1], margin, near, least):
        return len(scores) - 1
    return int(np.argmax(scores[:-1]))


def cross_validate(forms: list[Form], folds: int, seed: int = SEED) -> None:
    """Forms, a number of folds and a seed in; each form scored by trees fitted on the folds that do not
    hold its site (a site's pages all in one fold; the seed also draws the folds)."""
    salt = "" if seed == SEED else f"/{seed}"
    fold = [zlib.crc32(f"{form.folder}/{form.site}{salt}".encode()) % folds for form in forms]
    for k in range(folds):
        score([form for form, f in zip(forms, fold) if f == k],
              fit([form for form, f in zip(forms, fold) if f != k], seed))


def is_best_gold(form: Form) -> bool:
    """A scored form in; True when its best line (whatever "none" scores) is a gold one: the line a
    title flagged for review takes."""
    return len(form.x) > 1 and int(np.argmax(form.scores[:-1])) in form.golds and form.texts[form.gold] is not None


def shares(forms: list[Form], picks: list[int], kind: str) -> tuple[float, float]:
    """Forms, their picks and a kind of file in; the shares of that kind's forms whose pick is right, wrong, and
    none with the best line right (a title flagged for review that is the headline)."""
    chosen = [(form, best) for form, best in zip(forms, picks) if form.kind == kind]
    right = sum(best in form.golds and form.texts[form.gold] is not None for form, best in chosen)
    none = sum(form.texts[best] is None for form, best in chosen)
    flagged = sum(form.texts[best] is None and is_best_gold(form) for form, best in chosen)
    return right / len(chosen), (len(chosen) - right - none) / len(chosen), flagged / len(chosen)


def report_seeds(forms: list[Form], folds: int, seeds: list[int]) -> None:
    """Forms, a number of folds and seeds in; prints the cross-validated right and wrong shares per kind
    for each seed and their mean, and their mean by the least share the best line must hold (the forms'
    scores are left as the last seed's)."""
    figures = {kind: [] for kind in KINDS}
    by_share = {(least, kind): [] for least in SHARES for kind in KINDS}
    for seed in seeds:
        cross_validate(forms, folds, seed)
        picks = [pick(form) for form in forms]
        for kind in KINDS:
            figures[kind].append(shares(forms, picks, kind))
        for least in SHARES:
            picks = [pick(form, least=least) for form in forms]
            for kind in KINDS:
                by_share[least, kind].append(shares(forms, picks, kind))
    print(f"cross-validated by site ({folds} folds), margin {NO_HEADLINE_MARGIN}, near tie {NEAR_TIE}, "
          f"least share {DOUBTFUL_SHARE}, seeds {', '.join(map(str, seeds))}:")
    for kind, values in figures.items():
        right, wrong, flagged = np.array(values).T
        print(f"  {kind:<9} right {right.mean():.4f} ({' '.join(f'{v:.3f}' for v in right)})  "
              f"wrong {wrong.mean():.4f} ({' '.join(f'{v:.3f}' for v in wrong)})  "
              f"with flagged right {(right + flagged).mean():.4f} ({' '.join(f'{v:.3f}' for v in right + flagged)})")
    print(f"  mean of the seeds, by the least share of the weight the best line must hold (now {DOUBTFUL_SHARE}):")
    for (least, kind), values in by_share.items():
        right, wrong, flagged = np.array(values).T
        print(f"    least share {least:<5} {kind:<9} right {right.mean():.4f}  wrong {wrong.mean():.4f}  "
              f"none {1 - right.mean() - wrong.mean():.4f} (flagged right {flagged.mean():.4f})")


def report(label: str, forms: list[Form], picks: list[int]) -> None:
    """A label, forms and their picks in; per kind, the shares of forms whose headline line is
    right, is wrong, or is none (a title flagged for review; and of those, whose best line is the gold),
    and whose gold line is a candidate."""
    for kind in KINDS:
        chosen = [(form, best) for form, best in zip(forms, picks) if form.kind == kind]
        if not chosen:
            continue
        n = len(chosen)
        reach = sum(form.texts[form.gold] is not None for form, _ in chosen)
        right = sum(best in form.golds and form.texts[form.gold] is not None for form, best in chosen)
        none = sum(form.texts[best] is None for form, best in chosen)
        lost = sum(form.texts[best] is None and form.texts[form.gold] is not None for form, best in chosen)
        flagged = sum(form.texts[best] is None and is_best_gold(form) for form, best in chosen)
        print(f"  {label:<34} {kind:<9} {n:>5}  right {right / n:.3f}  wrong {(n - right - none) / n:.3f}  "
              f"none {none / n:.3f} (gold was a candidate: {lost / n:.3f}, flagged right: {flagged / n:.3f})  "
              f"gold a candidate {reach / n:.3f}")


def main() -> int:
    """Fit, report and write the ranker; exit 2 when the corpora are missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="keep the cleaner's lines of every page here "
                        "(pickle) and reuse them: for trying features; delete it when the cleaner changes")
    parser.add_argument("--errors", type=Path, help="write the cross-validated wrong picks here (JSON)")
    parser.add_argument("--out", type=Path, default=HEADLINE_MODEL_PATH, help="where to write the ranker")
    parser.add_argument("--seeds", default="", help="other seeds to repeat the cross-validation with "
                        "(comma-separated): the mean right and wrong over them and seed 17 are printed")
    args = parser.parse_args()
    if not GOLD_FILE.is_file() or not (SHARED / "corpus").is_dir():
        print(f"train_headline: needs {GOLD_FILE} and the corpora in {SHARED}", file=sys.stderr)
        return 2
    cache = None
    if args.cache:
        cache = pickle.loads(args.cache.read_bytes()) if args.cache.is_file() else {}
    train, empty = load(TRAIN, cache)
    held, held_empty = load(HELD_OUT, cache)
    if args.cache:
        args.cache.write_bytes(pickle.dumps(cache))
    print(f"training page forms: {len(train)} (empty copies skipped: {empty}); "
          f"l3s-gn1: {len(held)} (empty copies skipped: {held_empty})")
    names = sorted({name for form in train for row in form.rows for name in row})
    set_matrices(train, names)
    set_matrices(held, names)

    started = time.process_time()
    cross_validate(train, args.folds)
    print(f"cross-validated by site ({args.folds} folds), by the margin the choice 'none' needs:")
    for margin in MARGINS:
        report(f"margin {margin}, no near tie", train, [pick(form, margin, 0.0, 0.0) for form in train])
    print(f"cross-validated by site ({args.folds} folds), margin {NO_HEADLINE_MARGIN}, by the lead that "
          "settles a near tie:")
    for near in NEAR_TIES:
        report(f"near tie {near}", train, [pick(form, near=near, least=0.0) for form in train])
    print(f"cross-validated by site ({args.folds} folds), margin {NO_HEADLINE_MARGIN}, near tie {NEAR_TIE}, by the "
          "least share of the weight of all the choices the best line must hold:")
    for least in SHARES:
        report(f"least share {least}", train, [pick(form, least=least) for form in train])
    picks = [pick(form) for form in train]
    print(f"cross-validated by site ({args.folds} folds), margin {NO_HEADLINE_MARGIN}, near tie {NEAR_TIE}, "
          f"least share {DOUBTFUL_SHARE}:")
    for folder in TRAIN:
        members = [i for i, form in enumerate(train) if form.folder == folder]
        report(folder, [train[i] for i in members], [picks[i] for i in members])
    report("all training sets", train, picks)
    if args.errors:
        args.errors.write_text(json.dumps([
            {"page": f"{form.folder}/{form.page}", "kind": form.kind,
             "gold": form.texts[form.gold], "picked": form.texts[best]}
            for form, best in zip(train, picks) if best not in form.golds],
            ensure_ascii=False, indent=1), encoding="utf-8")
    if args.seeds:
        report_seeds(train, args.folds, [SEED] + [int(seed) for seed in args.seeds.split(",")])

    fitted = time.process_time()
    booster = fit(train)
    seconds = time.process_time() - fitted
    spec = {"features": names, "trees": forest_from_lightgbm(booster.dump_model())}
    # The digest's numpy evaluation must give LightGBM's scores.
    model = HeadlineModel(spec)
    x = np.vstack([form.x for form in train])
    assert np.allclose(model.forest.raw(x), booster.predict(x), atol=1e-9), "numpy trees differ from LightGBM's"
    score(train, booster)
    score(held, booster)
    print("fitted on all training pages:")
    report("training sets (fit, not held out)", train, [pick(form) for form in train])
    report("l3s-gn1 (validation only)", held, [pick(form) for form in held])
    args.out.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB, {ROUNDS} trees); CPU time: "
          f"{seconds:.1f} s for the final fit, {time.process_time() - started:.1f} s with the cross-validation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
