"""The same article added twice is published once, with "also reported by".

Two raw files whose bodies are (nearly) the same text — the same file
dropped in twice, or one wire story as carried by two outlets — would show
the reader the same story twice. The first one added stays; the others are
taken out of the listings and named on its page, each with its outlet and
a link to its original.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from .story import MAX_SHINGLE_POSTINGS, MIN_SHINGLES, extract_shingles, plain_text

logger = logging.getLogger(__name__)

# Share of the shorter body's sampled shingles found in the other body above
# which two articles are one text. Same-story grouping links from 0.5; a copy
# edited for house style still shares well over 0.8 (measured on the seed
# wire story re-edited by hand: 0.86), two reports of one event far less.
DUPLICATE_CONTAINMENT = 0.8


@dataclass(frozen=True)
class Report:
    """One other outlet's copy of an article, for its "also reported by" line."""

    source: str
    url: str
    title: str
    raw_file: str


def order_key(article) -> tuple[str, str]:
    """Article in; the key that decides which copy was added first (day, then file name)."""
    meta = article.metadata
    return (str(meta.get("added", "")), str(meta.get("raw_file", "")))


def find_duplicates(articles: list) -> dict[int, int]:
    """Articles in; {index of a copy: index of the first one added} out."""
    shingles = [extract_shingles(plain_text(a._content or "")) for a in articles]
    index: dict[int, list[int]] = defaultdict(list)
    for i, hashes in enumerate(shingles):
        if len(hashes) >= MIN_SHINGLES:
            for h in hashes:
                index[h].append(i)
    order = sorted(range(len(articles)), key=lambda i: order_key(articles[i]))
    first_of: dict[int, int] = {}
    for i in order:
        if i in first_of or len(shingles[i]) < MIN_SHINGLES:
            continue
        common: dict[int, int] = defaultdict(int)
        for h in shingles[i]:
            postings = index[h]
            if len(postings) <= MAX_SHINGLE_POSTINGS:
                for j in postings:
                    if j != i and j not in first_of:
                        common[j] += 1
        for j, n in common.items():
            if order_key(articles[j]) > order_key(articles[i]) and \
                    n / min(len(shingles[i]), len(shingles[j])) >= DUPLICATE_CONTAINMENT:
                first_of[j] = i
    return first_of


def fold_duplicates(generator) -> None:
    """Articles generator in, before taxonomies; copies folded into their first article."""
    articles = list(generator.articles)
    generated = [a for a in articles if "raw_file" in a.metadata]
    first_of = find_duplicates(generated)
    if not first_of:
        for article in articles:
            article.also_reported_by = []
        return
    copies = {id(generated[j]) for j in first_of}
    for article in articles:
        article.also_reported_by = []
    for j, i in sorted(first_of.items(), key=lambda pair: order_key(generated[pair[0]])):
        copy, first = generated[j], generated[i]
        meta = copy.metadata
        first.also_reported_by.append(Report(
            source=str(meta.get("source") or meta.get("publisher") or "another outlet"),
            url=str(meta.get("source_url", "")), title=copy.title,
            raw_file=str(meta.get("raw_file", ""))))
        logger.warning("%s: the same article as %s; published once, as 'also reported by'",
                       meta.get("raw_file"), first.metadata.get("raw_file"))
    generator.articles = [a for a in articles if id(a) not in copies]
