"""The same article added twice is published once, with "also reported by".

Two raw files whose bodies are (nearly) the same text — the same file
dropped in twice, or one wire story as carried by two outlets — would show
the reader the same story twice. The first one added stays; the others are
taken out of the listings and named on its page, each with its outlet and
a link to its original.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from digest_prep.read import printable

from .story import MIN_SHINGLES, count_shared, index_shingles

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


def find_duplicates(articles: list, shingles: list[frozenset[int]]) -> dict[int, int]:
    """Articles and their shingles in; {index of a copy: index of the first one added} out."""
    keys = [order_key(a) for a in articles]
    index = index_shingles(shingles)
    first_of: dict[int, int] = {}
    for i in sorted(range(len(articles)), key=keys.__getitem__):
        if i in first_of or len(shingles[i]) < MIN_SHINGLES:
            continue
        for j, n in count_shared(shingles[i], index).items():
            if keys[j] > keys[i] and j not in first_of and \
                    n / min(len(shingles[i]), len(shingles[j])) >= DUPLICATE_CONTAINMENT:
                first_of[j] = i
    return first_of


def fold_duplicates(generator) -> None:
    """Articles generator in, before taxonomies; copies folded into their first article.

    Reads each article's shingles from article.shingles, set earlier in the build.
    """
    articles = list(generator.articles)
    for article in articles:
        article.also_reported_by = []
    generated = [a for a in articles if "raw_file" in a.metadata]
    first_of = find_duplicates(generated, [a.shingles for a in generated])
    for j, i in sorted(first_of.items(), key=lambda pair: order_key(generated[pair[0]])):
        copy, first = generated[j], generated[i]
        meta = copy.metadata
        first.also_reported_by.append(Report(
            source=str(meta.get("source") or meta.get("publisher") or "another outlet"),
            url=str(meta.get("source_url", "")), title=copy.title,
            raw_file=str(meta.get("raw_file", ""))))
        logger.warning("%s: the same article as %s; published once, as 'also reported by'",
                       printable(meta.get("raw_file")), printable(first.metadata.get("raw_file")))
    if first_of:
        copies = {id(generated[j]) for j in first_of}
        generator.articles = [a for a in articles if id(a) not in copies]
