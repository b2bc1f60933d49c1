"""Where the HTML block decision loses on a training set, by kind of block (train_html.py --losses).

Each block the decision gets wrong is given one kind, in this order:
missed gold blocks are the headline (within HEADLINE_REACH blocks of the
first gold block, sharing HEADLINE_OVERLAP of its words with the title the
cleaner reads, og:title, twitter:title or <title>, or a part of one of
them), a byline or date (a text metadata rule reads it, or a short line
opens with "By"/"Posted" or holds a date), a caption (in a figure or a
caption-named container), the page's whole article, or paragraphs lost
before, after or between the kept gold blocks; kept blocks that are not
gold sit in a readers' comment, are link blocks, or stand after, before or
inside the gold article. A kind's cost is the F1 (the corpus metric) the
set gains when that kind's blocks take their gold label: the shipped
convention's costs include the headlines, bylines and captions its output
leaves out on purpose (the front matter holds them).
"""
from __future__ import annotations

import re
from typing import Any

from digest_prep import classify_html
from digest_prep.page_meta import collapse, read_html_page
from digest_prep.read import decode_bytes

import html_data

HEADLINE_REACH = 5
HEADLINE_OVERLAP = 0.7
HEADLINE_MAX_WORDS = 30
SHORT_LINE_WORDS = 15
# The shapes of a byline or date line in the languages of the training sets.
BYLINE = re.compile(r"^(by|posted|written|from|von|par|por|di)\b", re.I)
DATE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
                  r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\b(19|20)\d\d\b|\b\d+\s+(minutes?|hours?|days?)\s+ago", re.I)
# Separators between a title and its site or section names.
TITLE_SEPARATOR = re.compile(r"\s+[-|:\u2013\u2014\u00bb\u00b7]+\s+")
WORD = re.compile(r"\w+")
KINDS = ("headline missed", "byline or date missed", "caption missed", "first paragraphs lost",
         "last paragraphs lost", "middle paragraphs lost", "whole article lost",
         "readers' comment kept", "link block kept", "kept after the article",
         "kept before the article", "kept inside the article")


def title_word_sets(page: html_data.Page) -> list[set[str]]:
    """A page in; the word sets of the titles its markup states, and of their parts."""
    path = html_data.set_dir(page.set) / "pages" / f"{page.key}.html"
    html, _ = decode_bytes(path.read_bytes(), path.name)
    parsed = read_html_page(html, full=False)
    if parsed is None:
        return []
    titles = [parsed.meta.get("title", "")]
    titles += [collapse(m.get("content") or "") for m in parsed.root.iter("meta")
               if (m.get("property") or m.get("name") or "").lower() in ("og:title", "twitter:title")]
    titles += [collapse(t.text_content()) for t in parsed.root.iter("title")]
    parts = [part for title in titles if title
             for part in [title] + [p for p in TITLE_SEPARATOR.split(title) if len(p.split()) >= 3]]
    return [{w.lower() for w in WORD.findall(part)} for part in parts]


def is_headline(text: str, titles: list[set[str]]) -> bool:
    """A block's text and the page's title word sets in; True when it repeats one of them."""
    words = {w.lower() for w in WORD.findall(text)}
    return (0 < len(words) <= HEADLINE_MAX_WORDS
            and any(title and len(words & title) / max(len(words), len(title)) >= HEADLINE_OVERLAP
                    for title in titles))


def block_kinds(page: html_data.Page, keep: list[bool]) -> dict[int, str]:
    """A page and its kept-block mask in; the kind of each block the decision got wrong."""
    names = {n: i for i, n in enumerate(classify_html.feature_names())}
    gold = [i for i, label in enumerate(page.labels) if label]
    kept_gold = [i for i in gold if keep[i]]
    titles = title_word_sets(page) if any(label and not k for label, k in zip(page.labels, keep)) else []
    kinds = {}
    for i, (text, row, label, kept) in enumerate(zip(page.texts, page.rows, page.labels, keep)):
        if bool(label) == bool(kept):
            continue
        short = len(text.split()) <= SHORT_LINE_WORDS
        if label:
            if is_headline(text, titles) and i <= gold[0] + HEADLINE_REACH:
                kind = "headline missed"
            elif row[names["meta_line"]] or (short and (BYLINE.match(text) or DATE.search(text))):
                kind = "byline or date missed"
            elif row[names["in_figure"]] < classify_html.NO_ANCESTOR or row[names["up_caption"]] <= 1:
                kind = "caption missed"
            elif not kept_gold:
                kind = "whole article lost"
            else:
                kind = ("first paragraphs lost" if i < kept_gold[0] else "last paragraphs lost"
                        if i > kept_gold[-1] else "middle paragraphs lost")
        elif classify_html.in_comments(row):
            kind = "readers' comment kept"
        elif row[names["link_density"]] >= classify_html.MOSTLY_LINKS or row[names["up_related"]] <= 2:
            kind = "link block kept"
        elif not gold or i > gold[-1]:
            kind = "kept after the article"
        else:
            kind = "kept before the article" if i < gold[0] else "kept inside the article"
        kinds[i] = kind
    return kinds


def print_losses(metric: Any, pages: list[html_data.Page], keeps: list[list[bool]], label: str) -> None:
    """A set's pages, the decision's kept-block masks and a line label in; each kind's cost printed."""
    pages_keeps = list(zip(pages, keeps))
    kinds = [block_kinds(p, k) for p, k in pages_keeps]

    def f1(masks: list[list[bool]]) -> float:
        truth = {p.key: p.gold for p in pages}
        pred = {p.key: "\n".join(t for t, k in zip(p.texts, mask) if k) for p, mask in zip(pages, masks)}
        return metric.score_pages(truth, pred)["f1"]

    base = f1(keeps)
    print(f"  {label}: F1 {base:.3f}; cost of each kind (F1 gained if its blocks took their label)")
    for kind in KINDS:
        masks, blocks, on_pages = [], 0, 0
        for (page, keep), found in zip(pages_keeps, kinds):
            mask = list(keep)
            hits = [i for i, k in found.items() if k == kind]
            for i in hits:
                mask[i] = bool(page.labels[i])
            blocks += len(hits)
            on_pages += bool(hits)
            masks.append(mask)
        print(f"    {kind:<26} {f1(masks) - base:+.4f}  ({blocks} blocks on {on_pages} pages)")
