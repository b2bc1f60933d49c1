"""Stage 6 checks: what an editor should look at in a converted Article, as flags and suspect lines."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from .metadata import count_words
from .model import BODY_ROLES, FLAG_TEXT, Article, Flag, Line

# A body shorter than this is suspiciously short for a news article; tuned
# on the corpus, whose shortest real article bodies run to about 60 words.
SHORT_BODY_WORDS = 60
# A body keeping less of the raw text than this share is suspect when the
# raw file itself is short (a long page is mostly menus, by design).
LOST_TEXT_SHARE = 0.25
LOST_TEXT_MAX_RAW_WORDS = 1500
# A removed line this long that ends like a sentence looks like article text.
SENTENCE_WORDS = 20
SENTENCE_END = (".", "!", "?", "\u201d", '"', "\u061f", "\u3002", "\uff01", "\uff1f", "\u300d", "\u300f")


def find_suspects(article: Article) -> tuple[list[str], list[str]]:
    """Article in; (extra flag codes, removed lines that look like article text) out."""
    # words as metadata counts them: Chinese and Japanese put no space between
    # words, and a paragraph of theirs is many words, not one
    body_words = sum(count_words(block.text) for block in article.extraction.blocks)
    raw_words = count_words(article.seed.text) if article.seed.kind == "text" else 0
    flags = []
    if body_words < SHORT_BODY_WORDS:
        flags.append("short-body")
    if raw_words and raw_words <= LOST_TEXT_MAX_RAW_WORDS and body_words < raw_words * LOST_TEXT_SHARE:
        flags.append("lost-text")
    suspects = sentence_lines(article.extraction.lines)
    if suspects:
        flags.append("removed-sentence")
    return flags, suspects


def sentence_lines(lines: Iterable[Line]) -> list[str]:
    """A cleaner's lines in; the removed ones that read like article text (long, ending a sentence)."""
    return [line.text for line in lines
            if line.role == "boilerplate" and count_words(line.text) >= SENTENCE_WORDS
            and line.text.rstrip().endswith(SENTENCE_END)]


def removed_lines(lines: Iterable[Line]) -> dict[str, list[str]]:
    """A cleaner's lines in; those that did not reach the body, grouped by the rule that dropped them."""
    removed: dict[str, list[str]] = {}
    for line in lines:
        if line.role not in BODY_ROLES:
            removed.setdefault(f"{line.role}: {line.rule}", []).append(line.text)
    return removed


def check_article(article: Article) -> tuple[Article, list[str]]:
    """Article in; the Article with the checks' flags added, and the removed lines that read as text."""
    extra_flags, suspects = find_suspects(article)    # recorded with the article, for the review gate
    meta = replace(article.meta, flags=article.meta.flags + [
        Flag(code, FLAG_TEXT.get(code, code)) for code in extra_flags])
    return replace(article, meta=meta), suspects
