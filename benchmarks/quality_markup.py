#!/usr/bin/env python3
"""The text cleaner on copied text that holds a page's raw HTML source, with and without rendering it.

    .venv/bin/python benchmarks/quality_markup.py [--every N]

A page whose broken markup (an unclosed <title>) swallowed the rest of the
document reaches a text dump as one line of source. The training sets have
no such page, so each page's saved HTML is made into one: its source after
the <title> tag (the swallowed document) and its <body> source, each with
its whitespace collapsed onto one line. Each is cleaned with the markup
rendered (layout_text.render_markup, as the cleaner does) and as it is (the
line read as text), and scored (F1 / precision / recall, word 4-gram
shingles) beside the page's own `.txt` dump; "rendered" counts the pages
whose line layout_text.is_markup takes for source. The shipped model has
seen these pages: the figures compare the three inputs, they do not
measure the model. --every N takes every Nth page of each set.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_text as tt  # noqa: E402
from digest_prep import clean_text, layout_text  # noqa: E402
from digest_prep.read import decode_bytes  # noqa: E402

SOURCES = (("after <title>", re.compile(r"<title\b[^>]*>", re.I)), ("<body>", re.compile(r"<body\b[^>]*>", re.I)))


def clean(text: str, render: bool = True) -> str:
    """Copied text in, the body the cleaner keeps (without normalise_layout when render is False)."""
    layout = clean_text.normalise_layout
    if not render:
        clean_text.normalise_layout = lambda _text: None
    try:
        return "\n".join(block.text for block in clean_text.strip_text_boilerplate(text).blocks)
    finally:
        clean_text.normalise_layout = layout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=tt.SHARED)
    ap.add_argument("--every", type=int, default=1)
    a = ap.parse_args()
    tt.require_shared(a.shared)
    metric = tt.load_metric(a.shared)
    print(f"  {'set':<15}{'input':<31}{'pages':>6}{'rendered':>10}{'F1':>7}{'P':>7}{'R':>7}")
    for name in tt.TRAIN_SETS:
        folder = tt.set_dir(a.shared, name)
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        keys = [key for key in sorted(gold)[::a.every] if (folder / "pages" / f"{key}.html").is_file()]
        truth = {key: gold[key]["articleBody"] for key in keys}
        rows = [(".txt dump", {key: clean((folder / "pages" / f"{key}.txt").read_text(encoding="utf-8",
                                                                                      errors="replace"))
                               for key in keys}, "")]
        for what, start in SOURCES:
            lines = {}
            for key in keys:
                html, _ = decode_bytes((folder / "pages" / f"{key}.html").read_bytes(), f"{key}.html")
                found = start.search(html)
                lines[key] = " ".join((html[found.end():] if found else html).split())
            rendered = str(sum(layout_text.is_markup(line) for line in lines.values()))
            rows.append((f"source {what}, as text", {key: clean(line, False) for key, line in lines.items()}, ""))
            rows.append((f"source {what}, rendered", {key: clean(line) for key, line in lines.items()}, rendered))
        for what, pred, rendered in rows:
            s = metric.score_pages(truth, pred)
            print(f"  {name:<15}{what:<31}{len(keys):>6}{rendered:>10}{s['f1']:>7.3f}{s['precision']:>7.3f}"
                  f"{s['recall']:>7.3f}", flush=True)


if __name__ == "__main__":
    main()
