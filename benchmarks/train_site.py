#!/usr/bin/env python3
"""Train the site scorer (plugins/digest_prep/models/site.json) on copied pages whose site name is known.

    .venv/bin/python benchmarks/train_site.py [--folds N] [--cache FILE] [--errors FILE] [--out FILE]

The site scorer decides a copied text's site name (its source and
publisher) where the rules find none: where no wire is credited and no two
kinds of evidence outside the article agree on a name (metadata.
choose_agreed_site), it weighs each candidate (metadata.gather_site_candidates:
the masthead's lines, the title line's parts, copyright and follow lines)
by its features (metadata.site_features) and takes the best one when it
scores at least the threshold, else none.

Training pages: the .txt and .copy.txt forms of dragnet-train,
cleaneval-dev and the extraction corpus, scored as benchmarks/quality_meta.py
scores them (its gold and its judge): a candidate is right when the
benchmark would count it a correct source. Where the markup states a site
name the text does not write, every candidate is wrong. LightGBM binary
trees, fixed seeds and LightGBM's deterministic mode, so the same data
gives the same bytes; the digest evaluates them with numpy
(classify_text.Forest). Figures:

- cross-validated by site: the training forms in N folds, a site's pages
  all in one fold; each fold scored with trees fitted on the others. The
  threshold is the one that gains the most right names less three times
  the wrong ones it adds (WRONG_COST), over both kinds of file;
- l3s-gn1 (research licence) states no site name in its markup: it is used
  only to measure the trees fitted on all the training pages (never to fit
  them or choose the threshold), against the name of the page URL's domain:
  a taken name that is the domain's is right, another may be right or
  wrong (a site is not always named as its domain).

Figures, per kind of file, for the source field on the training forms:
the rules alone, and the rules with the scorer where they find nothing.
Writes the trees fitted on all the training forms and the threshold.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import SHARED  # noqa: E402
from digest_prep import metadata  # noqa: E402
from digest_prep.classify_text import forest_from_lightgbm  # noqa: E402
from digest_prep.clean_text import strip_text_boilerplate  # noqa: E402
from digest_prep.metadata import (SITE_MODEL_PATH, SiteModel, build_outlets, name_outlet, site_choices,  # noqa: E402
                                  site_features)
from digest_prep.read import read_seed, read_yaml_file  # noqa: E402
from quality_meta import domain_name, judge, load_cases, read_wires  # noqa: E402
from train_text import site_of  # noqa: E402

GOLD_FILE = Path(__file__).with_name("meta_gold.json")
TRAIN = ("corpus", "corpus-train/dragnet-train", "corpus-train/cleaneval-dev")
HELD_OUT = ("corpus-train/l3s-gn1",)
KINDS = ("txt", "copy.txt")
SEED = 23
# Chosen by the cross-validation by site (4 and 8 leaves, 10 and 30 rows a
# leaf, 60 and 200 rounds, fitted on the weighed forms or on every form,
# tried: all within a point or two, the forms being few): small trees, few rounds.
PARAMS = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 8, "min_data_in_leaf": 30,
          "feature_fraction": 0.8, "lambda_l2": 1.0, "max_bin": 63, "seed": SEED,
          "deterministic": True, "force_row_wise": True, "num_threads": 1, "verbose": -1}
ROUNDS = 60
# What a wrong site name costs, in right ones: a confident wrong name is worse
# than none, so the threshold takes a name where it is right at least three
# times as often as it is wrong, on the cross-validated forms of both kinds.
WRONG_COST = 3.0
# Fit on every form's candidates, not only those of forms the scorer decides.
TRAIN_ALL = False
THRESHOLDS = tuple(np.round(np.arange(-3.0, 3.01, 0.25), 2))


class Form:
    """One page form: what the rules gave, and, where they gave nothing, the candidates the scorer weighs."""

    __slots__ = ("folder", "page", "site", "kind", "gold", "rules", "fallback", "names", "rows", "labels", "x",
                 "scores")

    def __init__(self, folder, page, site, kind, gold, rules, fallback, names, rows, labels):
        self.folder, self.page, self.site, self.kind = folder, page, site, kind
        self.gold, self.rules = gold, rules                    # gold: the benchmark's source gold (or None)
        self.fallback = fallback                               # the rules found no site: the scorer weighs
        self.names, self.rows, self.labels = names, rows, labels
        self.x = None
        self.scores = None


def convert(path: Path, outlets) -> tuple[str | None, list[tuple[str, dict]] | None]:
    """A page form's path and the known outlets in; (the source the rules give, and where they give none the
    candidates' names with their features, else None) out."""
    recorded = []

    def record(candidates, lines, headline, headline_number, author, outlets):
        candidates = site_choices(candidates)
        rows = site_features(candidates, lines, headline, headline_number, author, outlets)
        recorded.append([(name_outlet(name, outlets) or name, row)
                         for (name, _, _), row in zip(candidates, rows)])
        return None

    seed = read_seed(path, path.parent)
    extraction = strip_text_boilerplate(seed.text, frozenset())
    weigh = metadata.weigh_site
    metadata.weigh_site = record       # the rules alone, with the scorer's inputs kept
    try:
        meta = metadata.extract_metadata(seed, extraction, outlets)
    finally:
        metadata.weigh_site = weigh
    if recorded:
        return meta.source, recorded[0], True
    # Where the rules decide, the page's candidates still teach the scorer what a site's name looks like.
    lines = list(extraction.lines)
    roles = metadata.group_lines(seed, extraction)
    headline = metadata.weigh_headline(lines)[0]
    author = metadata.extract_people(roles, {}, outlets, headline, extraction.lines)[0]
    number = metadata.find_headline_number(headline, roles, lines)
    text = headline.text if headline else None
    record(metadata.gather_site_candidates(lines, text, number, author), lines, text, number, author, outlets)
    return meta.source, recorded[0], False


def load(folders: tuple[str, ...], cache: dict, outlets, wires) -> list[Form]:
    """Corpus folders, a cache of conversions by path, the known outlets and wires in; a Form per page form
    (text kinds) out. On folders whose gold states no site name (l3s-gn1), the gold is the URL's domain."""
    pages = json.loads(GOLD_FILE.read_text(encoding="utf-8"))["pages"]
    urls = {}
    for folder in folders:
        gold = SHARED / folder / "gold.json"
        if gold.is_file():
            urls[folder] = {key: value.get("url") or ""
                            for key, value in json.loads(gold.read_text(encoding="utf-8")).items()}
    cases = [case for case in load_cases(KINDS, None) if case[0].rpartition("/")[0] in folders]
    out = []
    for key, kind, path, gold in cases:
        folder, _, page = key.rpartition("/")
        if "source" not in gold:
            url = pages.get(key, {}).get("url", {}).get("value", "")
            host = domain_name(urlsplit(url).hostname or "") if url else None
            if folder not in HELD_OUT or not host:
                continue
            gold = {"source": {"value": None, "from": "domain", "wire_ok": False, "host": host}}
        if not path.stat().st_size:
            continue
        if str(path) not in cache:
            try:
                cache[str(path)] = convert(path, outlets)
            except Exception as error:        # a page the digest cannot read is no training form
                print(f"train_site: {path}: {error}", file=sys.stderr)
                cache[str(path)] = (None, [], False)
        rules, weighed, fallback = cache[str(path)]
        text = path.read_text(encoding="utf-8", errors="replace")
        names = [name for name, _ in weighed or []]
        labels = [judge("source", name, gold["source"], text, wires) == "correct" for name in names]
        rules_verdict = judge("source", rules, gold["source"], text, wires)
        site = site_of(urls.get(folder, {}).get(page, ""), SHARED / folder / "pages" / f"{page}.html")
        out.append(Form(folder, page, site, kind, gold["source"]["value"], rules_verdict, fallback,
                        names, [row for _, row in weighed or []], labels))
    return out


def set_matrices(forms: list[Form], names: list[str]) -> None:
    """Forms and the feature names in; each form's feature matrix set."""
    for form in forms:
        form.x = np.array([[row.get(name, 0.0) for name in names] for row in form.rows],
                          dtype=np.float64).reshape(len(form.rows), len(names))


def fit(forms: list[Form]):
    """Forms in; LightGBM binary trees fitted on their candidates (a right candidate labelled 1) out."""
    import lightgbm as lgb          # training only: the digest reads the trees with numpy
    usable = [form for form in forms if len(form.x)]
    x = np.vstack([form.x for form in usable])
    y = np.concatenate([np.array(form.labels, dtype=np.float64) for form in usable])
    data = lgb.Dataset(x, label=y, params={"verbose": -1, "seed": SEED, "max_bin": PARAMS["max_bin"]})
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def score(forms: list[Form], predict) -> None:
    """Forms and a function from a feature matrix to scores in; each form's candidate scores set."""
    for form in forms:
        form.scores = predict(form.x) if len(form.x) else np.zeros(0)


def verdict(form: Form, threshold: float) -> str:
    """A scored form and the threshold in; the benchmark's verdict on its source: the rules' where they give
    one, else the scorer's pick ("correct", "wrong", "empty")."""
    if not form.fallback or not len(form.scores):
        return form.rules
    best = int(np.argmax(form.scores))
    if form.scores[best] < threshold:
        return form.rules             # the rules' later choices: a "Source:" credit, an outlet quoted
    return "correct" if form.labels[best] else "wrong"


def shares(forms: list[Form], threshold: float) -> tuple[int, float, float, float]:
    """Forms and a threshold in; (counted forms, correct, wrong, empty shares) as quality_meta counts them: a
    form whose gold is null counts only when it gets a value."""
    verdicts = [verdict(form, threshold) for form in forms]
    counted = [v for v, form in zip(verdicts, forms) if not (v == "empty" and form.gold is None)]
    n = max(len(counted), 1)
    return len(counted), *(counted.count(v) / n for v in ("correct", "wrong", "empty"))


def report(label: str, forms: list[Form], threshold: float) -> None:
    """A label, scored forms and a threshold in; per kind, the source shares with the rules alone and with
    the scorer printed."""
    for kind in KINDS:
        chosen = [form for form in forms if form.kind == kind]
        if not chosen:
            continue
        rules = shares(chosen, float("inf"))
        both = shares(chosen, threshold)
        weighed = [form for form in chosen if form.fallback and len(form.scores)]
        print(f"  {label:<30} {kind:<9} rules: {rules[0]:>4} correct {rules[1]:.3f} wrong {rules[2]:.3f}"
              f"  | with scorer: {both[0]:>4} correct {both[1]:.3f} wrong {both[2]:.3f} empty {both[3]:.3f}"
              f"  (weighed {len(weighed)})")


def report_domain(label: str, forms: list[Form], threshold: float) -> None:
    """A label, scored forms whose only gold is the URL's domain and a threshold in; per kind, how often the
    scorer takes a name, and how often that name is the domain's, printed."""
    for kind in KINDS:
        chosen = [form for form in forms if form.kind == kind]
        weighed = [form for form in chosen if form.fallback and len(form.scores)]
        picks = [form.labels[int(np.argmax(form.scores))] for form in weighed
                 if form.scores.max() >= threshold]
        print(f"  {label:<30} {kind:<9} forms {len(chosen)}: the rules' source is the domain's name on "
              f"{sum(form.rules == 'correct' for form in chosen)}, another name on "
              f"{sum(form.rules == 'wrong' for form in chosen)}; the scorer weighs {len(weighed)} and takes "
              f"the domain's name on {sum(picks)}, another name on {len(picks) - sum(picks)}")


def choose_threshold(forms: list[Form]) -> float:
    """Cross-validated forms in; the threshold that gains the most right names less WRONG_COST times the
    wrong ones it adds, over both kinds of file (the highest of equals; none below it: inf), out."""
    by_kind = [[form for form in forms if form.kind == kind] for kind in KINDS]
    rules = [shares(kind_forms, float("inf")) for kind_forms in by_kind]
    best, gain = float("inf"), 0.0
    for threshold in THRESHOLDS:
        weighed = [shares(kind_forms, threshold) for kind_forms in by_kind]
        total = sum((now[1] - before[1]) - WRONG_COST * (now[2] - before[2]) for now, before in zip(weighed, rules))
        if total > gain + 1e-9 or (total >= gain - 1e-9 and total > 0 and threshold > best):
            best, gain = float(threshold), total
    return best


def main() -> int:
    """Fit, report and write the site scorer; exit 2 when the corpora are missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="keep the conversions of every page here (pickle) and reuse "
                        "them: for trying parameters; delete it when the digest's code changes")
    parser.add_argument("--errors", type=Path, help="write the cross-validated picks of weighed forms here (JSON)")
    parser.add_argument("--out", type=Path, default=SITE_MODEL_PATH, help="where to write the scorer")
    args = parser.parse_args()
    if not GOLD_FILE.is_file() or not (SHARED / "corpus").is_dir():
        print(f"train_site: needs {GOLD_FILE} and the corpora in {SHARED}", file=sys.stderr)
        return 2
    started = time.process_time()
    cache = pickle.loads(args.cache.read_bytes()) if args.cache and args.cache.is_file() else {}
    outlets = build_outlets(read_yaml_file(ROOT / "sources.yaml") or {})
    wires = read_wires()
    train = load(TRAIN, cache, outlets, wires)
    held = load(HELD_OUT, cache, outlets, wires)
    if args.cache:
        args.cache.write_bytes(pickle.dumps(cache))
    weighed = [form for form in train if form.fallback and form.rows]
    print(f"training page forms: {len(train)}, the rules give no source on {len(weighed)} "
          f"({sum(len(form.rows) for form in weighed)} candidates, a right one on "
          f"{sum(any(form.labels) for form in weighed)}); l3s-gn1: {len(held)}")
    names = sorted({name for form in train for row in form.rows for name in row})
    set_matrices(train, names)
    set_matrices(held, names)

    fold = [zlib.crc32(f"{form.folder}/{form.site}".encode()) % args.folds for form in train]
    for k in range(args.folds):
        booster = fit([form for form, f in zip(train, fold) if f != k and (TRAIN_ALL or form.fallback)])
        score([form for form, f in zip(train, fold) if f == k], booster.predict_raw
              if hasattr(booster, "predict_raw") else lambda x, b=booster: b.predict(x, raw_score=True))
    print(f"cross-validated by site ({args.folds} folds), source, by the threshold the scorer's pick needs:")
    for threshold in THRESHOLDS:
        report(f"threshold {threshold}", train, threshold)
    threshold = choose_threshold(train)
    print(f"cross-validated by site ({args.folds} folds), chosen threshold {threshold} "
          f"(the most right names less {WRONG_COST:g} times the wrong ones):")
    for folder in TRAIN:
        report(folder, [form for form in train if form.folder == folder], threshold)
    report("all training sets", train, threshold)
    if args.errors:
        args.errors.write_text(json.dumps([
            {"page": f"{form.folder}/{form.page}", "kind": form.kind, "gold": form.gold,
             "candidates": sorted(([name, round(float(s), 3), label] for name, s, label
                                   in zip(form.names, form.scores, form.labels)), key=lambda c: -c[1])[:5]}
            for form in weighed], ensure_ascii=False, indent=1), encoding="utf-8")

    booster = fit([form for form in train if TRAIN_ALL or form.fallback])
    spec = {"features": names, "threshold": threshold, "trees": forest_from_lightgbm(booster.dump_model())}
    model = SiteModel(spec)
    x = np.vstack([form.x for form in train if len(form.x)])
    assert np.allclose(model.forest.raw(x), booster.predict(x, raw_score=True), atol=1e-9), \
        "numpy trees differ from LightGBM's"
    score(train, model.forest.raw)
    score(held, model.forest.raw)
    print("fitted on all training forms:")
    report("training sets (fit, not held out)", train, threshold)
    report_domain("l3s-gn1 (validation only)", held, threshold)
    args.out.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB, {ROUNDS} trees); "
          f"CPU time: {time.process_time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
