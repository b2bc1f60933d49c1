#!/usr/bin/env python3
"""Benchmark the HTML cleaner against trafilatura on the extraction corpus.

    .venv/bin/python benchmarks/bench_html.py [--corpus DIR] [--show 10] [--repeat 3]

Scores the 50 `.html` pages of ../shared/corpus (relative to the project
root) with the corpus's own metric: each page is cleaned, its blocks are
written as KEY.md (front matter `raw_file: pages/KEY.html`) into a temporary
directory and scored exactly as score.py scores a directory. Prints F1,
precision and recall for our cleaner, trafilatura (defaults, and the
settings our cleaner calls it with) and readability-lxml when installed;
the contribution of each of our parts (each switched off in turn); the
worst pages; and throughput on one core, ours and trafilatura's measured in
the same run, with their ratio.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPUS, require_corpus  # noqa: E402
from digest_prep import clean_html, css_match  # noqa: E402
from digest_prep.clean_text import forget_lines  # noqa: E402
from digest_prep.read import decode_bytes  # noqa: E402

TRAFILATURA_SETTINGS = dict(favor_precision=True, include_comments=False)
CLASS_OR_ID = re.compile(r"""\b(class|id)=(["'])(.*?)\2""")


def load_pages(corpus: Path) -> dict[str, str]:
    """Corpus folder in; decoded page text by key, as read.py decodes seeds."""
    pages = {}
    for path in sorted((corpus / "pages").glob("*.html")):
        text, _ = decode_bytes(path.read_bytes(), path.name)
        pages[path.stem] = text
    return pages


def render_page(key: str, html: str) -> str:
    """Page in; a KEY.md file's text rendered from our blocks."""
    extraction = clean_html.strip_html_boilerplate(html)
    body = "\n\n".join(block.markdown or block.text for block in extraction.blocks)
    return f"---\nraw_file: pages/{key}.html\n---\n{body}\n"


def score_ours(score, metric, gold: dict, pages: dict[str, str]) -> dict:
    """Pages in; our cleaner's summary and per-page counts, scored via KEY.md files."""
    with tempfile.TemporaryDirectory() as tmp:
        for key, html in pages.items():
            (Path(tmp) / f"{key}.md").write_text(render_page(key, html), encoding="utf-8")
        pred = dict(score.body_and_key(p) for p in sorted(Path(tmp).glob("*.md")))
    return summarise(metric, gold, pred)


def summarise(metric, gold: dict, pred: dict[str, str]) -> dict:
    """Gold and predicted bodies in; corpus summary plus per-page F1/P/R."""
    summary = metric.score_pages(gold, pred)
    pages = {}
    for key in gold:
        counts = metric.page_counts(gold[key], pred.get(key))
        pages[key] = (metric._page_f1(counts), metric.page_precision(counts),
                      metric.page_recall(counts))
    summary["per_page"] = pages
    return summary


def score_function(metric, gold: dict, pages: dict[str, str], extract: Callable[[str], str]) -> dict:
    """Pages and a page -> text function in; its summary."""
    return summarise(metric, gold, {key: extract(html) or "" for key, html in pages.items()})


def scramble_names(html: str) -> str:
    """Page in; the same page with every class and id word replaced by a stable hash."""
    def rename(match: re.Match) -> str:
        words = " ".join("c" + hashlib.md5(w.encode()).hexdigest()[:6] for w in match.group(3).split())
        return f'{match.group(1)}="{words}"'
    return CLASS_OR_ID.sub(rename, html)


def time_functions(pages: dict[str, str], functions: dict[str, Callable[[str], object]],
                   repeat: int) -> dict[str, float]:
    """Pages and named functions in; each function's best total time over `repeat`
    passes. The functions take turns page by page, so both see the same load on a
    shared machine."""
    best = {name: float("inf") for name in functions}
    for _ in range(repeat):
        forget_lines()                      # the rule tables meet each pass's lines as a run does, once
        clean_html.forget_class_names()     # ... and the HTML rules its class names
        spent = dict.fromkeys(functions, 0.0)
        for html in pages.values():
            for name, extract in functions.items():
                start = time.perf_counter()
                extract(html)
                spent[name] += time.perf_counter() - start
        best = {name: min(best[name], spent[name]) for name in functions}
    return best


def ablate(part: str) -> Callable[[], None]:
    """Part name in; switch it off in clean_html and return the function that restores it."""
    saved = {}
    switches = {
        "HTML_RULES pruning": {"SELECTOR_INDEX": css_match.index_selectors(())},
        "trafilatura's verdict": {"run_trafilatura": lambda root: None},
        "Readability port's verdict": {"run_readability": lambda root: ""},
        "BLOCK_RULES + furniture": {"COMPILED_BLOCK_RULES": ()},
        "unwrapping inline spans": {"INLINE_WRAPPERS": ()},
    }[part]
    for name, value in switches.items():
        saved[name] = getattr(clean_html, name)
        setattr(clean_html, name, value)
    return lambda: [setattr(clean_html, n, v) for n, v in saved.items()]


def line(name: str, s: dict) -> str:
    """Method name and summary in; one aligned result line."""
    return f"  {name:<44} F1 {s['f1']:.4f}  P {s['precision']:.4f}  R {s['recall']:.4f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--show", type=int, default=10, help="list the N worst pages")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes; the best counts")
    a = ap.parse_args()
    sys.path.insert(0, str(require_corpus(a.corpus)))
    import metric  # noqa: E402
    import score  # noqa: E402
    import trafilatura  # noqa: E402
    warnings.simplefilter("ignore")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core

    gold = metric.load_bodies(str(a.corpus / "gold.json"))
    pages = {k: v for k, v in load_pages(a.corpus).items() if k in gold}
    megabytes = sum(len(h.encode("utf-8")) for h in pages.values()) / 1e6
    print(f"corpus {a.corpus}: {len(pages)} .html pages, {megabytes:.1f} MB")

    ours = score_ours(score, metric, gold, pages)
    traf = score_function(metric, gold, pages, trafilatura.extract)
    traf_ours = score_function(metric, gold, pages,
                               lambda h: trafilatura.extract(h, **TRAFILATURA_SETTINGS))
    print("\nquality (word 4-gram shingles, corpus metric.py); the shipped block model was trained")
    print("on these pages: benchmarks/quality_html.py gives figures cross-validated by site")
    print(line("ours (clean_html.strip_html_boilerplate)", ours))
    print(line("trafilatura 2.3.1 defaults", traf))
    print(line("trafilatura precision, comments off", traf_ours))
    try:
        from readability import Document
        from lxml.html import fromstring
        readable = score_function(metric, gold, pages,
                                  lambda h: fromstring(Document(h).summary()).text_content())
        print(line("readability-lxml", readable))
    except ImportError:
        print("  readability-lxml                             not installed, skipped")

    print("\nwhich parts do what: F1 with each of our parts switched off")
    print("  lxml parses once; our metadata reads meta/JSON-LD/<time> (htmldate as fallback);")
    print("  scripts/styles/embeds go; inline spans are unwrapped; HTML_RULES mark furniture;")
    print("  trafilatura and its Readability port pick main text; the block model decides per")
    print("  block with those verdicts as features (a block under an HTML rule match goes);")
    print("  leftover lines go (BLOCK_RULES, furniture keys); blocks render as plain text plus")
    print("  safe Markdown with clean absolute links. The model itself is not switched off.")
    for part in ("HTML_RULES pruning", "unwrapping inline spans", "trafilatura's verdict",
                 "Readability port's verdict", "BLOCK_RULES + furniture"):
        restore = ablate(part)
        try:
            s = score_ours(score, metric, gold, pages)
        finally:
            restore()
        print(f"  without {part:<36} F1 {s['f1']:.4f}  P {s['precision']:.4f}  R {s['recall']:.4f}"
              f"  (part adds {ours['f1'] - s['f1']:+.4f} F1)")

    print("\ngeneralisation check: every class and id renamed to a meaningless token, so no")
    print("class-name rule (ours or trafilatura's) can fire; only structure and text remain")
    scrambled = {key: scramble_names(html) for key, html in pages.items()}
    print(line("ours, names scrambled", score_ours(score, metric, gold, scrambled)))
    print(line("trafilatura defaults, names scrambled",
               score_function(metric, gold, scrambled, trafilatura.extract)))

    print(f"\n{a.show} worst pages (ours; trafilatura defaults beside)")
    rows = sorted((f1, p, r, k) for k, (f1, p, r) in ours["per_page"].items())
    for f1, p, r, k in rows[:a.show]:
        t = traf["per_page"][k]
        print(f"  {k}  F1 {f1:.3f}  P {p:.3f}  R {r:.3f}   trafilatura F1 {t[0]:.3f}")

    times = time_functions(pages, {"ours": clean_html.strip_html_boilerplate,
                                   "trafilatura defaults": trafilatura.extract}, a.repeat)
    print(f"\nthroughput, one core, best of {a.repeat} interleaved passes (same run)")
    for name, seconds in times.items():
        print(f"  {name:<22} {len(pages) / seconds:6.1f} articles/s  {megabytes / seconds:5.2f} MB/s")
    t_ours, t_traf = times["ours"], times["trafilatura defaults"]
    print(f"  ratio ours/trafilatura {t_traf / t_ours:.2f}")


if __name__ == "__main__":
    main()
