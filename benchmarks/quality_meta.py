#!/usr/bin/env python3
"""Score the metadata the digest finds against what pages state.

    .venv/bin/python benchmarks/quality_meta.py [--limit N] [--kinds txt,copy.txt,html]
                                                 [--dump FILE] [--workers N]

Gold: the five seeds (tests/gold/seeds.yaml, `expect`), and every corpus page
whose markup states a field (benchmarks/meta_gold.json, built by
benchmarks/build_meta_gold.py; its docstring states the method). A page's
gold applies to all its forms: the saved page (.html), its text dump (.txt)
and its browser copy (.copy.txt).

Each field is counted on the pages whose gold states it: correct, wrong (a
value that differs from the gold) and empty (no value: neither). A seed
field whose gold is null (the text does not state it) counts a value as
wrong. Comparison: titles, sections and publishers after folding case and
punctuation (a value that holds the gold plus a short site name, or the gold
without one, is correct); dates by day, or as the same moment where the
gold states a time with its zone (a local day or time within UTC-12 to
UTC+14 of it); authors as sets of names (a value
naming only some of the gold's authors is correct); language by primary
subtag. A source is correct when it is the publisher the markup states or a
wire credited by name in the page's own text.

Needs ../shared/corpus and ../shared/corpus-train; without them only the
seeds are scored, and it says so.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPUS, CORPUS_TRAIN, SHARED  # noqa: E402
from digest_prep.metadata import build_outlets  # noqa: E402
from digest_prep.pipeline import Context, convert_file  # noqa: E402
from digest_prep.read import read_yaml_file  # noqa: E402
from digest_prep.tagging import build_vocabulary  # noqa: E402

GOLD_FILE = Path(__file__).with_name("meta_gold.json")
SEED_GOLD = ROOT / "tests" / "gold" / "seeds.yaml"
SEEDS_DIR = ROOT / "seeds"
FIELDS = ("title", "date", "author", "source", "publisher", "section", "language")
KINDS = ("txt", "copy.txt", "html")
# Targets of the metadata issue: (least correct share, most wrong share) per
# field and kind; None where no target is set.
TARGETS = {
    ("title", "txt"): (0.90, None), ("title", "copy.txt"): (0.90, None),
    ("title", "html"): (0.95, None),
    **{(field, kind): limits for kind in KINDS for field, limits in (
        ("date", (0.90, 0.03)), ("author", (0.80, 0.05)), ("source", (0.80, 0.05)),
        ("language", (0.95, None)))},
}
# A site name glued to a title ("Headline - Example News") is at most this
# share of the longer string when the rest matches.
SITE_PART_SHARE = 0.35

_CONTEXT = None


def norm(text: str) -> str:
    """Text in; lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"\w+", str(text).casefold()))


def same_text(pred: str, gold: str) -> bool:
    """Two titles, sections or outlet names in; True when they are the same up to a short site part."""
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    short, long = sorted((p, g), key=len)
    return (long.startswith(short) or long.endswith(short)) and (
        len(long) - len(short)) <= SITE_PART_SHARE * len(long)


def same_moment(pred: str, moment: str | None) -> bool:
    """A found date and the gold's stated time with zone in; True when the found day or time is that moment somewhere (UTC-12 to UTC+14)."""
    if not moment:
        return False
    try:
        stated = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        day = date.fromisoformat(pred[:10])
    except ValueError:
        return False
    if stated.tzinfo is None:
        return False
    utc = stated.astimezone(timezone.utc).replace(tzinfo=None)
    if len(pred) > 10:
        try:
            found = datetime.fromisoformat(pred)
        except ValueError:
            return False
        if found.tzinfo is not None:
            return abs(found.astimezone(timezone.utc).replace(tzinfo=None) - utc) <= timedelta(minutes=1)
        return abs(found - utc) <= timedelta(hours=14)
    return (utc - timedelta(hours=12)).date() <= day <= (utc + timedelta(hours=14)).date()


def names(value: str) -> set[str]:
    """An author value in; the set of names it lists."""
    parts = re.split(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*", str(value))
    return {norm(p) for p in parts if norm(p)}


def judge(field: str, pred, gold: dict, page_text: str) -> str:
    """Field, predicted value, gold {"value", ...} and the page's text in; "correct", "wrong" or "empty" out."""
    want = gold["value"]
    if pred in (None, "", []):
        return "empty"
    if want is None:                    # the seed states nothing: any value is invented
        return "wrong"
    pred = str(pred)
    if field == "date":
        if pred[:10] == str(want)[:10]:
            return "correct"
        return "correct" if same_moment(pred, gold.get("moment")) else "wrong"
    if field == "language":
        return "correct" if pred.lower().split("-")[0] == str(want).lower() else "wrong"
    if field == "author":
        got, wanted = names(pred), names(want)
        return "correct" if got and got <= wanted else "wrong"
    if field == "source":
        if gold.get("publisher") and same_text(pred, gold["publisher"]):
            return "correct"
        if same_text(pred, want):
            return "correct"
        if gold.get("wire_ok") and re.search(r"\b%s\b" % re.escape(pred), page_text):
            return "correct"
        return "wrong"
    return "correct" if same_text(pred, str(want)) else "wrong"


def init_worker() -> None:
    """Build the conversion context once per worker process."""
    global _CONTEXT
    _CONTEXT = Context(furniture=frozenset(),
                       vocabulary=build_vocabulary(read_yaml_file(ROOT / "tags.yaml") or {}),
                       outlets=build_outlets(read_yaml_file(ROOT / "sources.yaml") or {}))


def convert(path: str) -> dict:
    """Raw file path in; the fields the digest finds for it (or {"error": ...}) out."""
    started = time.process_time()
    outcome = convert_file(Path(path), replace(_CONTEXT, root=Path(path).parent))
    if outcome.article is None:
        return {"error": outcome.message, "seconds": time.process_time() - started}
    meta = outcome.article.meta
    return {"title": meta.title, "date": meta.date, "author": meta.author,
            "source": meta.source, "publisher": meta.publisher, "section": meta.section,
            "language": meta.lang, "title_derived": meta.title_derived,
            "seconds": time.process_time() - started}


def load_cases(kinds: tuple[str, ...], limit: int | None) -> list[tuple[str, str, Path, dict]]:
    """Kinds and a page limit in; (page key, kind, raw path, {field: gold}) for every case out."""
    cases = []
    seeds = yaml.safe_load(SEED_GOLD.read_text(encoding="utf-8"))
    for name, entry in sorted(seeds.items()):
        expect = entry.get("expect", {})
        gold = {}
        for field in ("title", "date", "author", "source", "section"):
            if field in expect and expect[field] != "derived":
                gold[field] = {"value": expect[field], "from": "seeds.yaml"}
        path = SEEDS_DIR / name
        if path.is_file() and "txt" in kinds:
            cases.append((f"seeds/{name}", "txt", path, gold))
    if not GOLD_FILE.is_file():
        return cases
    pages = json.loads(GOLD_FILE.read_text(encoding="utf-8"))["pages"]
    keys = sorted(pages)
    if limit:
        keys = keys[::max(1, len(keys) // limit)][:limit]
    for key in keys:
        corpus, _, page = key.rpartition("/")
        folder = (SHARED / corpus) / "pages"
        fields = {field: dict(value) for field, value in pages[key].items()
                  if field in FIELDS}
        if "publisher" in fields:
            fields["source"] = {"value": fields["publisher"]["value"], "from": "publisher",
                                "publisher": fields["publisher"]["value"], "wire_ok": True}
        for kind in kinds:
            path = folder / f"{page}.{kind}"
            if path.is_file():
                cases.append((key, kind, path, fields))
    return cases


def main() -> int:
    """Score every case and print one table per field; exit 2 when the gold has no corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="score only this many corpus pages, spread evenly")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--dump", type=Path, help="write every case's value and verdict here (JSON)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k in KINDS)
    corpus_present = (CORPUS / "pages").is_dir() or any(CORPUS_TRAIN.glob("*/pages"))
    if not corpus_present:
        print(f"quality_meta: the shared corpora are missing: expected {CORPUS}/pages/ and "
              f"{CORPUS_TRAIN}/*/pages/. Put them in {SHARED} (a folder `shared/` beside the "
              "project). Scoring the five seeds only.", file=sys.stderr)
    cases = load_cases(kinds, args.limit)
    cases = [case for case in cases if case[2].is_file()]
    with ProcessPoolExecutor(args.workers, initializer=init_worker) as pool:
        found = list(pool.map(convert, [str(case[2]) for case in cases], chunksize=8))
    table: dict[tuple[str, str], dict[str, int]] = {}
    dump = []
    seconds: dict[str, float] = {}
    for (key, kind, path, gold), pred in zip(cases, found):
        seconds[kind] = seconds.get(kind, 0.0) + pred.get("seconds", 0.0)
        page_text = ""
        if "source" in gold:
            page_text = path.with_suffix("").with_suffix(".txt").read_text(
                encoding="utf-8", errors="replace") if kind == "html" else path.read_text(
                encoding="utf-8", errors="replace")
        for field, want in gold.items():
            verdict = judge(field, pred.get(field), want, page_text)
            counts = table.setdefault((field, kind), {"n": 0, "correct": 0, "wrong": 0, "empty": 0})
            counts["n"] += 1
            counts[verdict] += 1
            dump.append({"page": key, "kind": kind, "field": field, "gold": want["value"],
                         "gold_from": want.get("from"), "value": pred.get(field),
                         "verdict": verdict, "error": pred.get("error"),
                         **({"title_derived": pred.get("title_derived")} if field == "title" else {})})
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    print_table(table, kinds, seconds, {kind: sum(1 for c in cases if c[1] == kind) for kind in kinds})
    return 0


def print_table(table, kinds, seconds, counts) -> None:
    """Counts by (field, kind) in; the per-field table printed."""
    print(f"{'field':<10} {'input':<9} {'pages':>6} {'correct':>8} {'wrong':>7} {'empty':>7}  target")
    for field in FIELDS:
        for kind in kinds:
            row = table.get((field, kind))
            if not row:
                continue
            n = row["n"]
            correct, wrong, empty = (row[k] / n for k in ("correct", "wrong", "empty"))
            target = TARGETS.get((field, kind))
            mark = ""
            if target:
                least, most = target
                met = correct >= least and (most is None or wrong <= most)
                mark = (f">= {least:.2f}" + (f", wrong <= {most:.2f}" if most is not None else "")
                        + ("  met" if met else "  NOT MET"))
            print(f"{field:<10} {kind:<9} {n:>6} {correct:>8.3f} {wrong:>7.3f} {empty:>7.3f}  {mark}")
    for kind in kinds:
        if counts.get(kind):
            print(f"conversion CPU time, {kind}: {1000 * seconds.get(kind, 0) / counts[kind]:.1f} ms "
                  f"per article over {counts[kind]}")


if __name__ == "__main__":
    sys.exit(main())
