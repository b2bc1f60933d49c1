"""The trip of one raw file to its Markdown: the order of the stages, one numbered line each, is known only here."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .checks import check_article, removed_lines, sentence_lines
from .clean_html import strip_html_boilerplate
from .clean_text import strip_text_boilerplate
from .metadata import apply_overrides, extract_metadata
from .model import (BODY_ROLES, NOTHING_REMOVED, Article, Block, ConversionError, Extraction, Flag, Line,
                    Metadata, Outcome, Seed)
from .page_meta import HtmlPage, read_page_meta
from .read import display_path, read_seed, sidecar_path
from .tagging import Vocabulary, assign_tags, find_mentions, suggest_tags
from .write import render_markdown

SLUG_MAX_CHARS = 70      # long enough for a headline's key words, short enough for a URL
# Tags come from the title and the body up to here: all of any news article
# (the corpus's longest runs to 53,000 characters), and a bound on a runaway file.
TAG_TEXT_MAX_CHARS = 60_000
# Tags one article may carry. Pelican writes a feed per tag listing each
# article with all its tags, so a build grows with the square of one
# article's tags: 2,000 tags took a minute, 20,000 several. News pages carry
# at most a few dozen.
MAX_TAGS = 50


@dataclass(frozen=True)
class Context:
    """What every conversion in one run shares."""

    furniture: frozenset[str]
    vocabulary: Vocabulary
    outlets: Any = None
    root: Path = Path(".")        # the project: raw_file paths are relative to it
    generator: str = ""           # the code and vocabulary version written into each article
    sites: frozenset[str] = frozenset()   # site names the run's files agree on (furniture.find_run_sites)


def convert_file(path: Path, context: Context, added: str = "", markdown: str = "") -> Outcome:
    """A raw file (and the day it was added, its Markdown's path) in; its Outcome, with the Markdown text, out.

    A file that holds no article comes out failed, with the reason; any
    other exception is a bug and is raised.

    A saved page's own metadata is read before it is cleaned: the cleaner
    looks for the headline and address the page states, and it removes the
    scripts that hold the page's JSON-LD.
    """
    try:
        seed = read_seed(path, context.root)                                   # 1 read
        page = read_page_meta(seed)                                            # 2 page metadata (HTML)
        extraction = clean_seed(seed, context.furniture, page)                 # 3 clean
        extraction = apply_line_overrides(extraction, seed.overrides)          # 3 editor's keep/drop
        if not extraction.blocks:
            sidecar = display_path(sidecar_path(context.root / seed.rel_path), context.root)
            raise ConversionError(f"{seed.rel_path}: skipped: no article text found; to keep an article "
                                  f"it holds, list its lines under keep: in {sidecar}",
                                  removed_lines(extraction.lines), tuple(sentence_lines(extraction.lines)))
        meta = extract_metadata(seed, extraction, context.outlets, page, context.sites)  # 4 metadata
        extraction = drop_byline(extraction, meta.byline_line)                # 4 the byline read, out of the body
        meta = apply_overrides(meta, seed.overrides)                           # 4 editor's fields
        tags, suggestions = choose_tags(seed, meta.title, extraction, context.vocabulary)  # 5 tags
        tags, meta = limit_tags(tags, meta)                                    # 5 a bound on the editor's
        article = Article(seed=seed, extraction=extraction, meta=meta, tags=tags, suggestions=suggestions,
                          slug=make_slug(meta.title or "", seed.rel_path), added=added)
        article, suspects = check_article(article)                             # 6 checks
        text = render_markdown(article, context.generator)                     # 7 render
    except ConversionError as err:
        return Outcome(raw_file=display_path(path, context.root), status="failed", message=str(err),
                       removed=err.removed or NOTHING_REMOVED, suspects=err.suspects)
    warnings = "; ".join(flag.message for flag in article.flags if flag.warn)
    return Outcome(raw_file=seed.rel_path, status="converted", markdown=markdown,
                   message=f"{seed.rel_path}: {warnings}" if warnings else "",
                   flags=[flag.code for flag in article.flags], removed=removed_lines(article.extraction.lines),
                   suspects=suspects, suggestions=article.suggestions, text=text, article=article)


def clean_seed(seed: Seed, furniture: frozenset[str], page: HtmlPage | None = None) -> Extraction:
    """Seed (and its parsed HTML page) in; the cleaner's Extraction for its kind out."""
    if seed.kind == "html":
        return strip_html_boilerplate(seed.text, furniture, page)
    return strip_text_boilerplate(seed.text, furniture)


def choose_tags(seed: Seed, title: str | None, extraction: Extraction,
                vocabulary: Vocabulary) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Seed, title and body in; (tags, names no tag covers) out; the editor's tags win."""
    text = tag_text(title, extraction)
    mentions = find_mentions(text, vocabulary)          # both read the vocabulary's names in it
    suggestions = tuple(suggest_tags(text, vocabulary, mentions=mentions))
    given = seed.overrides.get("tags")
    if given:
        return tuple(str(tag) for tag in ([given] if isinstance(given, str) else given)), suggestions
    return assign_tags(text, vocabulary, mentions), suggestions


def tag_text(title: str | None, extraction: Extraction) -> str:
    """Title and body in; the text tags are chosen from (the title on its own first line) out."""
    return "\n".join([title or ""] + [block.text for block in extraction.blocks])[:TAG_TEXT_MAX_CHARS]


def limit_tags(tags: tuple[str, ...], meta: Metadata) -> tuple[tuple[str, ...], Metadata]:
    """Tags and Metadata in; tags without blanks or repeats (case aside), at most MAX_TAGS, and
    Metadata flagged when some were dropped."""
    seen: set[str] = set()
    kept = []
    for tag in tags:
        key = tag.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(tag.strip())
    if len(kept) <= MAX_TAGS:
        return tuple(kept), meta
    flag = Flag("too-many-tags", f"{len(kept):,} tags given; kept the first {MAX_TAGS}", warn=True)
    return tuple(kept[:MAX_TAGS]), replace(meta, flags=[*meta.flags, flag])


def apply_line_overrides(extraction: Extraction, overrides: dict[str, Any]) -> Extraction:
    """Extraction and the editor's keep/drop lists in; the body they ask for out."""
    keep = [str(s) for s in as_list(overrides.get("keep"))]
    drop = [str(s) for s in as_list(overrides.get("drop"))]
    if not keep and not drop:
        return extraction
    lines = []
    for line in extraction.lines:
        if any(s in line.text for s in drop):
            line = line._replace(role="boilerplate", rule="editor-drop")
        elif line.role not in BODY_ROLES and any(s in line.text for s in keep):
            line = line._replace(role="body", rule="editor-keep")
        lines.append(line)
    if lines:
        blocks = blocks_from_lines(extraction.blocks, extraction.lines, lines)
    else:                      # no per-line record (HTML): filter the blocks themselves
        blocks = tuple(b for b in extraction.blocks if not any(s in b.text for s in drop))
    return replace(extraction, blocks=blocks, lines=tuple(lines))


def blocks_from_lines(blocks: tuple[Block, ...], before: tuple[Line, ...],
                      after: list[Line]) -> tuple[Block, ...]:
    """Cleaner's blocks, line roles before and after the editor's lists in; new body."""
    by_text = {block.text: block for block in blocks}
    kept_before = {line.number for line in before if line.role in BODY_ROLES}
    out = []
    for line in after:
        if line.role not in BODY_ROLES:
            continue
        if line.number in kept_before and line.text in by_text:
            out.append(by_text[line.text])
        else:
            out.append(Block(kind="p", text=line.text))
    return tuple(out)


def drop_byline(extraction: Extraction, number: int) -> Extraction:
    """Extraction and the number of the body line the author was read from (0: none) in; the body
    without that line's block, unless the editor asked to keep it or it is all the body."""
    # the blocks rendered from one raw line of markup share its number: then
    # the number does not say which of them the byline was, and none is dropped
    same = [line for line in extraction.lines if line.number == number] if number else []
    line = same[0] if len(same) == 1 else None
    if line is None or line.role not in BODY_ROLES or line.rule == "editor-keep":
        return extraction
    text = line.text.strip()
    at = next((i for i, block in enumerate(extraction.blocks) if block.text == text), None)
    if at is None or len(extraction.blocks) == 1:
        return extraction
    lines = tuple(other._replace(role="byline", rule="byline-below-headline") if other is line else other
                  for other in extraction.lines)
    return replace(extraction, blocks=extraction.blocks[:at] + extraction.blocks[at + 1:], lines=lines)


def as_list(value: Any) -> list[Any]:
    """YAML value in; a list (a lone string becomes a one-item list)."""
    if value is None:
        return []
    return [value] if isinstance(value, (str, int, float)) else list(value)


def make_slug(title: str, rel_path: str) -> str:
    """Title and raw path in; a URL slug that two articles never share."""
    stem = slugify(title)
    if len(stem) > SLUG_MAX_CHARS:
        stem = stem[:SLUG_MAX_CHARS].rsplit("-", 1)[0]
    tag = hashlib.sha256(rel_path.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return f"{stem}-{tag}" if stem else f"article-{tag}"


def slugify(text: str) -> str:
    """Any text in; lowercase ASCII words joined by hyphens out."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
