"""Stage 2a, its decision: which DOM blocks of a page are the article, learned from many sites.

A page's <body> is cut into blocks: the text of each block-level element
(paragraph, heading, list item, cell, div ...) between its block-level
children, with the links it holds. Each block gets markup and text features:
its tag and its ancestors' tags, link density, text shape, the class and id
words of its ancestors mapped to a few concepts (content, comments, navigation
...), whether a text rule reads it as a byline or furniture, whether trafilatura
and trafilatura's Readability port kept its text, and the same figures for
its neighbours. A gradient-boosted tree model (LightGBM, trained by
benchmarks/train_html.py on pages of many sites) scores every block, and a
decoding step smooths the scores in document order so the article comes out
as a coherent region.

The model file ships in models/html.txt; it is loaded once per process, on
first use (after a fork the children share it).

A second, quick pair of models (models/html-quick.txt and its context
model) reads every feature but the helpers' (HELPER_FEATURES): the cleaner
asks it first, and on a page it is sure of (sure_of: every block far from
the threshold) its decision stands and the helpers never run; on any other
page the helpers' columns are added (add_helper_columns) and the full pair
decides.
"""
from __future__ import annotations

import ctypes
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy

from .clean_text import FURNITURE_RULES, META_RULES, unspaced_words
from .rules import TEXT_META_RULES

MODEL_PATH = Path(__file__).resolve().parent / "models" / "html.txt"
CONTEXT_MODEL_PATH = Path(__file__).resolve().parent / "models" / "html-context.txt"
# The quick pair: a block and a context model that read no column of the
# helpers' picks (HELPER_FEATURES), so a page they are sure of is decided
# without running trafilatura and its Readability port (clean_html.extract_article).
QUICK_MODEL_PATH = Path(__file__).resolve().parent / "models" / "html-quick.txt"
QUICK_CONTEXT_MODEL_PATH = Path(__file__).resolve().parent / "models" / "html-quick-context.txt"

# Elements that start a block of their own. Everything else (a, span, b,
# em, font ...) is inline: its text joins the block of its nearest block
# ancestor.
BLOCK_LEVEL = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
    "section", "article", "main", "header", "footer", "nav", "aside", "form", "fieldset",
    "figure", "figcaption", "address", "center", "body", "details", "summary", "hr",
    "legend", "menu", "dialog", "noscript", "option", "select", "textarea", "button", "label",
    "time", "picture", "video", "audio", "iframe", "object"})
# Elements whose text never shows as page text.
SKIP_TEXT = frozenset({"select", "option", "textarea", "button", "script", "style"})
# Tags the model tells apart (the rest count as "other"); the index is the feature value.
TAGS = ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "dd", "dt", "section", "article", "span", "a", "table", "tr", "ul", "ol", "form",
        "header", "footer", "nav", "aside", "figure", "figcaption", "center", "body", "label",
        "address", "caption", "main", "button", "strong", "b", "em", "i", "font")
TAG_ID = {tag: n + 1 for n, tag in enumerate(TAGS)}
# Ancestors that tell what a block sits in.
CONTEXT_TAGS = ("a", "li", "table", "form", "nav", "aside", "footer", "header", "article",
                "main", "blockquote", "figure", "ul", "h1")
# Concepts spelt in class and id words, any site's naming. A block's feature
# is how many levels up its nearest ancestor (or itself) names the concept.
CONCEPTS = {
    "content": ("article", "content", "entry", "post", "story", "body", "text", "main",
                "blog", "news", "detail", "single"),
    "comment": ("comment", "reply", "respond", "disqus", "discussion", "talkback", "forum"),
    "nav": ("nav", "menu", "breadcrumb", "topbar", "pagination", "pager", "tabs"),
    "footer": ("footer", "copyright", "legal", "bottom", "foot"),
    "header": ("header", "masthead", "banner", "top", "logo", "brand", "head"),
    "sidebar": ("sidebar", "side", "aside", "widget", "rail", "column", "col", "right", "left"),
    "related": ("related", "recommend", "more", "popular", "trending", "teaser", "promo",
                "most", "list", "latest", "feature", "links", "also", "other"),
    "share": ("share", "social", "sharing", "facebook", "twitter", "email", "print", "tools",
              "follow", "like"),
    "ad": ("ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "dfp", "gpt",
           "commercial", "outbrain", "taboola"),
    "caption": ("caption", "credit", "photo", "image", "img", "gallery", "figure", "media",
                "video", "thumb", "slide", "pic"),
    "meta": ("byline", "author", "date", "time", "meta", "info", "dateline", "published",
             "timestamp", "tag", "tags", "category"),
    "title": ("title", "headline", "heading", "hed", "h1"),
    "hidden": ("hidden", "hide", "sr", "screen", "offscreen", "invisible", "modal", "popup",
               "overlay"),
    "form": ("form", "search", "login", "signup", "subscribe", "newsletter", "register"),
}
CONCEPT_NAMES = tuple(CONCEPTS)
CONCEPT_OF_WORD = {word: n for n, words in enumerate(CONCEPTS.values()) for word in words}
# A class or id word names a concept if it is the concept's word, or starts
# with it and is at most this many characters longer ("comments", "posted").
CONCEPT_SLACK = 3
# Run-together class words ("commentlist", "postcontent", "relatedposts")
# name every concept whose word of at least COMPOUND_MIN_CHARS letters they
# hold; shorter concept words ("ad", "nav", "top") would match by chance.
COMPOUND_MIN_CHARS = 5
COMPOUND_PART = re.compile("|".join(sorted((w for w in CONCEPT_OF_WORD if len(w) >= COMPOUND_MIN_CHARS),
                                           key=lambda w: (-len(w), w))))
NO_ANCESTOR = 40                  # "levels up" when no ancestor has the mark
WORD = re.compile(r"\w+")
DIGIT = re.compile(r"\d")
# On ASCII text the words WORD finds are what is left between the ASCII
# characters that are not \w: bytes.translate turns those into spaces and
# str.split cuts there, both in C and several times faster than the regex
# (find_words). The second table also lowers the letters.
ASCII_NON_WORD = bytes(c for c in range(128) if not WORD.match(chr(c)))
ASCII_WORDS = bytes.maketrans(ASCII_NON_WORD, b" " * len(ASCII_NON_WORD))
ASCII_LOWER_WORDS = bytes.maketrans(ASCII_NON_WORD + b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                    b" " * len(ASCII_NON_WORD) + b"abcdefghijklmnopqrstuvwxyz")
ASCII_DIGITS = b"0123456789"
CLASS_WORD = re.compile(r"[a-z]+")
# Sentence-ending punctuation in any script.
SENTENCE_MARKS = ".!?\u3002\uff01\uff1f\u061f\u0964"
SENTENCE_MARK = re.compile(f"[{re.escape(SENTENCE_MARKS)}]")
# CJK, kana and hangul: counted per character, as those scripts do not space words.
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CJK = re.compile(f"[{CJK_RANGES}]")
# The characters a block's digits, sentence marks and CJK are counted from:
# found in one pass over a non-ASCII text (the three sets share no character).
COUNTED_CHAR = re.compile(f"[\\d{re.escape(SENTENCE_MARKS)}{CJK_RANGES}]")
# Lowering a text is lowering each of its words, and keeps words apart,
# except for these: İ lowers to i and a combining dot (no word character),
# and Σ lowers by what follows it (tests/test_classify_html.py checks every
# character).
LOWER_BY_CONTEXT = ("\u0130", "\u03a3")
# Function words of the languages most pages are written in: running text
# is full of them, menus and link lists are not (jusText's observation).
# Lowercase; a block's feature is the share of its words found here. (The
# text model's LINE_STOP_WORDS is another list: each model learned from its own.)
BLOCK_STOP_WORDS = frozenset("""
a about after all also an and any are as at be because been but by can could did do does
for from had has have he her his how i if in into is it its just more most my no not now
of on one only or other our out over said she so some such than that the their them then
there these they this those to up was we were what when which who will with would you your
aber als auch auf aus bei bis das dass dem den der des die doch durch ein eine einem einen
einer es für hat ich ihr im in ist mit nach nicht noch nur oder sich sie sind über um und
uns von vor war wie wir wird zu zum zur au aux avec ce ces dans de des du elle en est et
il ils je la le les leur lui mais même ne nous on ou par pas pour qu que qui sa se ses son
sur un une vous al como con del el ella es esta este fue ha hay las lo los más muy no para
pero por que se sin su sus una uno y ao aos com da das do dos em era foi mas na nas no nos
os para pela pelo por quando se são um uma che ci come da dei della delle di gli ha il la
le lo ma nel non per più si sono una het een dat niet zijn op ook maar voor met bij naar
""".split())
# The text rule tables, matched as the text cleaner matches them (by its
# compiled matchers, clean_text.META_RULES and FURNITURE_RULES): against
# the stripped, lowercased line; a block is a meta or furniture line when
# any rule of the table matches. Only blocks up to BLOCK_RULE_MAX_CHARS
# long are tried (the rules describe short lines).
BLOCK_RULE_MAX_CHARS = 200
# Neighbour windows (blocks either side) whose mean scores are features.
WINDOWS = (1, 3, 8)


class RawBlock(NamedTuple):
    """One block of a page: its element, text, links and figures."""

    element: Any                  # the nearest block-level element holding the text
    parts: tuple                  # (text, href as written) runs in order; href "" for plain text
    text: str                     # whitespace collapsed
    link_chars: int               # characters inside links
    links: int                    # number of links
    order: int                    # index of the element in document order


# --- Cutting a page into blocks ----------------------------------------------------

class Segmenter:
    """Walks a body once and collects its blocks."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.parts: list[tuple[str, str]] = []
        self.owner: Any = None
        self.link_chars = 0
        self.links = 0
        self.after_break = False
        self.order = 0

    def flush(self) -> None:
        """Close the open block, keeping it if it has text."""
        if self.parts:
            text = " ".join("".join(t for t, _ in self.parts).split())
            if text:
                self.blocks.append(RawBlock(self.owner, tuple(self.parts), text,
                                            self.link_chars, self.links, self.order))
        self.parts = []
        self.link_chars = 0
        self.links = 0
        self.after_break = False

    def add(self, text: str, href: str) -> None:
        """Text run in; appended to the open block."""
        if href and self.parts and self.parts[-1][1] == href:
            self.parts[-1] = (self.parts[-1][0] + text, href)
        else:
            self.parts.append((text, href))
        if href:
            self.link_chars += len(text.strip())
        if not text.isspace():
            self.after_break = False

    def visit(self, element: Any, href: str | None) -> None:
        """Element and the link it sits in (None outside links) in; its text collected."""
        tag = element.tag
        if not isinstance(tag, str) or tag in SKIP_TEXT:
            return
        self.order += 1
        block = tag in BLOCK_LEVEL
        if block:
            self.flush()
            outer, self.owner = self.owner, element
        if tag == "a" and href is None:
            href = (element.get("href") or "").strip() or "#"
            # its text content is not blank (its own text, most often, says so)
            text = element.text
            if (text and not text.isspace()) or element.text_content().strip():
                self.links += 1
        elif tag == "br":
            if self.after_break:
                self.flush()            # two line breaks end a paragraph
            else:
                self.add(" ", "")
                self.after_break = True
        text = element.text
        if text:
            self.add(text, href or "")
        for child in element:
            self.visit(child, href)
            tail = child.tail
            if tail:
                self.add(tail, href or "")
        if block:
            self.flush()
            self.owner = outer


def segment_blocks(body: Any) -> list[RawBlock]:
    """Page <body> in; its text blocks in document order (hrefs as written, "#" for none)."""
    segmenter = Segmenter()
    segmenter.owner = body
    segmenter.visit(body, None)
    segmenter.flush()
    return segmenter.blocks


# --- Features --------------------------------------------------------------------------

class PageInfo(NamedTuple):
    """What features need from the whole page."""

    title_key: str
    kept_by: tuple[frozenset, ...]    # token trigrams of each helper's extraction


def trigrams(text: str) -> frozenset:
    """Text in; the set of its lowercase word trigrams (the words for very short texts), each its words joined by a space."""
    # strings rather than tuples: a string keeps its hash, a tuple's is
    # worked out again at every lookup (words hold no spaces, so no two
    # word sequences join alike)
    return word_trigrams(find_lower_words(text))


def find_words(text: str) -> list[str]:
    """Text in; its words as WORD.findall gives them."""
    if text.isascii():
        return text.encode("ascii").translate(ASCII_WORDS).decode("ascii").split()
    return split_words(text)


def find_lower_words(text: str) -> list[str]:
    """Text in; the words of its lowercase form, as WORD.findall(text.lower()) gives them."""
    if text.isascii():
        return text.encode("ascii").translate(ASCII_LOWER_WORDS).decode("ascii").split()
    return split_words(text.lower())


def split_words(text: str) -> list[str]:
    """Text in any script in; its words as WORD.findall gives them."""
    # The ASCII characters that are not \w cut words wherever they stand; in
    # UTF-8 no byte of another character is ASCII, so bytes.translate turns
    # them into spaces in one C pass. A piece left all ASCII is then one
    # word; only the pieces holding other characters go through the regex.
    words: list[str] = []
    pieces = text.encode("utf-8", "surrogatepass").translate(ASCII_WORDS).decode("utf-8", "surrogatepass")
    for piece in pieces.split():
        if piece.isascii():
            words.append(piece)
        else:
            words += WORD.findall(piece)
    return words


def lower_by_words(text: str) -> bool:
    """Text in; True when the words of its lowercase form are its words each lowered."""
    return text.isascii() or not any(ch in text for ch in LOWER_BY_CONTEXT)


def word_trigrams(words: list[str]) -> frozenset:
    """Lowercase words in; their trigrams as trigrams() gives them."""
    if len(words) < 3:
        return frozenset((" ".join(words),)) if words else frozenset()
    return frozenset(map(" ".join, zip(words, words[1:], words[2:])))


def overlap(text_grams: frozenset, other: frozenset) -> float:
    """Two texts' trigrams in; the share of the smaller set found in the other (0 when either is empty)."""
    if not text_grams or not other:
        return 0.0
    return len(text_grams & other) / min(len(text_grams), len(other))


def coverage(text_grams: frozenset, kept: frozenset) -> float:
    """A block's trigrams and an extraction's in; the share of the block kept."""
    if not text_grams:
        return 0.0
    # counted from the trigrams left out: measured cheaper than building the set of those kept
    return (len(text_grams) - len(text_grams - kept)) / len(text_grams)


@functools.lru_cache(maxsize=65536)
def concept_marks(value: str) -> tuple[int, ...]:
    """A class/id value in; the concepts its words name."""
    found = set()
    for word in CLASS_WORD.findall(value.lower()):
        n = CONCEPT_OF_WORD.get(word)
        if n is None:
            for cut in range(len(word) - 1, max(1, len(word) - CONCEPT_SLACK - 1), -1):
                n = CONCEPT_OF_WORD.get(word[:cut])
                if n is not None and cut >= 3:
                    break
                n = None
        if n is not None:
            found.add(n)
        if len(word) > COMPOUND_MIN_CHARS:
            found.update(CONCEPT_OF_WORD[part] for part in COMPOUND_PART.findall(word))
    return tuple(sorted(found))


FEATURE_NAMES: list[str] = []


def feature_names() -> list[str]:
    """Names of the feature columns, in order."""
    if FEATURE_NAMES:
        return FEATURE_NAMES
    own = ["log_chars", "log_words", "link_density", "links", "sentence_ends", "ends_sentence",
           "commas_per_word", "capital_share", "digit_share", "mean_word_len", "cjk_share",
           "tag", "parent_tag", "depth", "position", "chars_before", "repeats", "is_title",
           "starts_lower", "pipes", "in_link_whole", "stop_share", "meta_line", "furniture_line"]
    own += [f"in_{t}" for t in CONTEXT_TAGS]
    own += [f"up_{c}" for c in CONCEPT_NAMES]
    own += ["itemprop_body"]
    own += ["traf", "read", "parent_share", "grand_share", "parent_link_density",
            "grand_link_density", "parent_blocks", "parent_long_blocks", "siblings_traf",
            "page_log_chars", "page_blocks", "traf_page_share", "read_page_share"]
    context = ["log_chars", "link_density", "traf", "read", "ends_sentence", "tag", "stop_share"]
    for name in context:
        own += [f"prev_{name}", f"next_{name}"]
    for w in WINDOWS:
        for name in ("log_chars", "link_density", "traf", "read", "ends_sentence", "stop_share"):
            own += [f"win{w}_{name}"]
    FEATURE_NAMES.extend(own)
    return FEATURE_NAMES


# The columns worked out from trafilatura's and its Readability port's
# picks (PageInfo.kept_by): the block's coverage by each, its container's
# and the page's, and the same for its neighbours and windows. Without the
# helpers they are all 0 (-1 past the page's ends), and the quick pair does
# not read them.
HELPER_FEATURES = frozenset(name for name in feature_names() if "traf" in name.split("_") or "read" in name.split("_"))


def quick_columns() -> list[int]:
    """The columns of model_rows' matrix the quick block model reads: every feature but HELPER_FEATURES, and the convention."""
    names = feature_names()
    return [n for n, name in enumerate(names) if name not in HELPER_FEATURES] + [len(names)]


QUICK_COLUMNS = quick_columns()


CONTEXT_TAG_INDEX = {tag: (n,) for n, tag in enumerate(CONTEXT_TAGS)}


@functools.lru_cache(maxsize=8192)
def step_down(levels: tuple[int, ...], here: tuple[int, ...]) -> tuple[int, ...]:
    """Levels up to each mark from a parent, and the marks an element has in; the element's levels."""
    return tuple(0 if n in here else min(NO_ANCESTOR, v + 1) for n, v in enumerate(levels))


def lineage_marks(element: Any, memo: dict) -> tuple:
    """Element in; levels up to each context tag and concept, and whether it is in an articleBody."""
    found = memo.get(element)
    if found is not None:
        return found
    chain = [element]
    parent = element.getparent()
    while parent is not None and parent not in memo:
        chain.append(parent)
        parent = parent.getparent()
    if parent is None:
        above = ((NO_ANCESTOR - 1,) * len(CONTEXT_TAGS), (NO_ANCESTOR - 1,) * len(CONCEPT_NAMES), 0)
    else:
        above = memo[parent]
    for e in reversed(chain):
        in_tags, up, itemprop = above
        tag = e.tag
        in_tags = step_down(in_tags, CONTEXT_TAG_INDEX.get(tag, ()))
        value = (e.get("class") or "") + " " + (e.get("id") or "")
        up = step_down(up, concept_marks(value) if len(value) > 1 else ())
        itemprop = itemprop or int((e.get("itemprop") or "").lower() == "articlebody")
        above = (in_tags, up, itemprop)
        memo[e] = above
    return above


def block_features(blocks: list[RawBlock], info: PageInfo) -> list[list[float]]:
    """Blocks of one page and page facts in; one feature row per block."""
    n = len(blocks)
    if not n:
        return []
    # the helpers' columns (HELPER_FEATURES) are 0 here (their neighbours
    # -1 past the page's ends), and add_helper_columns fills them in: the
    # cleaner works out the rest first and asks the helpers only when the
    # quick pair is not sure of the page
    texts = [b.text for b in blocks]
    lowers = [text.lower() for text in texts]
    total_chars = sum(map(len, texts)) or 1
    ancestors_memo: dict[Any, tuple] = {}
    # an element's blocks (its own and those of its children and grandchildren
    # that hold text): [characters, link characters, blocks, long blocks],
    # one list per element (one look-up a block)
    subtree: dict[Any, list] = {}
    repeats = Counter(lowers)
    # each block's words, and each lowered (the stop-word share)
    block_words = [find_words(text) for text in texts]
    lower_words = [" ".join(words).lower().split(" ") if words else [] for words in block_words]
    for b in blocks:
        chain = ancestors_memo.get(b.element)
        if chain is None:
            chain = tuple(b.element.iterancestors())
            ancestors_memo[b.element] = chain
        chars = len(b.text)
        long = int(chars >= 80)
        for e in (b.element,) + chain[:2]:
            totals = subtree.get(e)
            if totals is None:
                subtree[e] = [chars, b.link_chars, 1, long]
            else:
                totals[0] += chars
                totals[1] += b.link_chars
                totals[2] += 1
                totals[3] += long
    chars_before = 0
    rows = []
    marks_memo: dict[Any, tuple] = {}
    title_key = info.title_key
    stop_word = BLOCK_STOP_WORDS.__contains__
    log_total = math.log1p(total_chars)
    for i, b in enumerate(blocks):
        text = b.text
        lower = lowers[i]
        chars = len(text)
        words = block_words[i]
        nwords_latin = len(words) or 1
        ascii_only = text.isascii()       # most blocks: no CJK, and sentence marks are . ! ?
        if ascii_only:
            cjk = 0
            sentence_ends = text.count(".") + text.count("!") + text.count("?")
            digits = chars - len(text.encode("ascii").translate(None, ASCII_DIGITS))
        else:
            counted = "".join(COUNTED_CHAR.findall(text))
            sentence_ends = sum(map(counted.count, SENTENCE_MARKS))
            cjk = len(CJK.findall(counted))
            digits = len(counted) - sentence_ends - cjk
        nwords = len(words) + cjk
        element = b.element
        chain = ancestors_memo[element]
        parent = chain[0] if chain else element
        grand = chain[1] if len(chain) > 1 else parent
        in_tags, up, itemprop = lineage_marks(element, marks_memo)
        row = [
            math.log1p(chars), math.log1p(nwords), b.link_chars / chars, b.links,
            sentence_ends, float(text[-1] in ".!?\"\u201d'\u3002)\u2019:"),
            text.count(",") / (nwords or 1),
            sum(map(str.isupper, map(itemgetter(0), words))) / nwords_latin,
            digits / chars,
            len("".join(words)) / nwords_latin,    # its words' characters, counted in one C pass
            cjk / chars,
            TAG_ID.get(element.tag, 0), TAG_ID.get(parent.tag, 0), len(chain),
            i / n, chars_before / total_chars, repeats[lower],
            # block text is whitespace-collapsed already, so its lowercase is the title's form
            float(bool(title_key) and lower == title_key),
            float(text[:1].islower()), text.count("|") + text.count("\u2022"),
            float(b.link_chars >= chars * 0.9),
            sum(map(stop_word, lower_words[i])) / nwords_latin,
        ]
        if chars <= BLOCK_RULE_MAX_CHARS:
            row += [float(META_RULES.match_lower(lower) != ""),
                    float(FURNITURE_RULES.match_lower(lower) != "")]
        else:
            row += [0.0, 0.0]
        row += in_tags
        row += up
        row.append(itemprop)
        # the block's parent and grandparent always hold it: the first loop added it to both
        p_chars, p_links, p_blocks, p_long = subtree[parent]
        g_chars, g_links = subtree[grand][:2]
        row += [
            0.0, 0.0,                                   # traf, read
            p_chars / total_chars, g_chars / total_chars,
            p_links / (p_chars or 1), g_links / (g_chars or 1),
            p_blocks, p_long,
            0.0,                                        # siblings_traf
            log_total, n, 0.0, 0.0,                     # traf_page_share, read_page_share
        ]
        chars_before += chars
        rows.append(row)
    # neighbours: each column's values one block back and on, and its mean
    # over windows either side (from running sums, added in page order)
    own_cols = [0, 2, len(rows[0]) - 13, len(rows[0]) - 12, 5, 11, 21]
    columns = {c: [row[c] for row in rows] for c in own_cols}
    extra: list[list[float]] = []
    for c in own_cols:
        extra.append([-1.0] + columns[c][:-1])
        extra.append(columns[c][1:] + [-1.0])
    win_cols = own_cols[:5] + own_cols[6:]
    # running sums from 0.0, added in page order, one row per column
    sums = numpy.zeros((len(win_cols), n + 1))
    sums[:, 1:] = [columns[c] for c in win_cols]
    numpy.cumsum(sums, axis=1, out=sums)
    lo, hi, span = window_bounds(n)
    # one row per window and column, window by window, then one list per block
    means = ((sums[:, hi] - sums[:, lo]) / span).reshape(len(win_cols), len(WINDOWS), n)
    window_rows = means.transpose(2, 1, 0).reshape(n, -1).tolist()
    for row, values, windows in zip(rows, zip(*extra), window_rows):
        row += values
        row += windows
    return add_helper_columns(blocks, rows, info.kept_by)


def helper_coverage(texts: list[str], lower_words: list[list[str]], kept_by: tuple[frozenset, ...]) -> list[list[float]]:
    """Blocks' texts and their lowered words, and the helpers' picks as trigrams in; the share of each
    block's trigrams each helper kept."""
    grams = [word_trigrams(lowered) if lower_by_words(text) else trigrams(text)
             for text, lowered in zip(texts, lower_words)]
    return [[coverage(g, k) for k in kept_by] for g in grams]


HELPER_COLUMNS = {name: n for n, name in enumerate(feature_names()) if name in HELPER_FEATURES}


def add_helper_columns(blocks: list[RawBlock], rows: list[list[float]], kept_by: tuple[frozenset, ...]) -> list[list[float]]:
    """A page's blocks, their feature rows worked out without the helpers, and the helpers' picks
    (PageInfo.kept_by: trafilatura's, then the Readability port's) in; new rows with the helpers'
    columns (HELPER_FEATURES) filled in."""
    n = len(blocks)
    if not n or not kept_by:
        return rows
    texts = [b.text for b in blocks]
    total_chars = sum(map(len, texts)) or 1
    # each block's words lowered: unless the text holds a letter that lowers
    # by context, those are the words of its lowercased text, which trigrams() reads
    lower_words = [" ".join(words).lower().split(" ") if words else [] for words in map(find_words, texts)]
    kept = helper_coverage(texts, lower_words, kept_by)
    # characters and characters trafilatura kept under each element (its
    # own blocks and its children's and grandchildren's), in page order
    subtree: dict[Any, list] = {}
    parents = []
    for b, cov in zip(blocks, kept):
        chain = tuple(itertools.islice(b.element.iterancestors(), 2))
        chars = len(b.text)
        traf = cov[0] * chars
        for e in (b.element,) + chain:
            totals = subtree.get(e)
            if totals is None:
                subtree[e] = [chars, 0.0 + traf]
            else:
                totals[0] += chars
                totals[1] += traf
        parents.append(chain[0] if chain else b.element)
    has_read = len(kept_by) > 1
    traf_share = sum(c[0] * len(b.text) for b, c in zip(blocks, kept)) / total_chars
    read_share = sum(c[1] * len(b.text) for b, c in zip(blocks, kept)) / total_chars if has_read else 0
    column = HELPER_COLUMNS
    traf_col = [cov[0] for cov in kept]
    read_col = [cov[1] if has_read else 0.0 for cov in kept]
    out = []
    for i, (row, parent) in enumerate(zip(rows, parents)):
        row = row[:]
        p_chars, p_traf = subtree[parent]
        row[column["traf"]], row[column["read"]] = traf_col[i], read_col[i]
        row[column["siblings_traf"]] = p_traf / (p_chars or 1)
        row[column["traf_page_share"]], row[column["read_page_share"]] = traf_share, read_share
        row[column["prev_traf"]] = traf_col[i - 1] if i else -1.0
        row[column["next_traf"]] = traf_col[i + 1] if i + 1 < n else -1.0
        row[column["prev_read"]] = read_col[i - 1] if i else -1.0
        row[column["next_read"]] = read_col[i + 1] if i + 1 < n else -1.0
        out.append(row)
    # the windows' means, from running sums as block_features takes its own columns
    sums = numpy.zeros((2, n + 1))
    sums[:, 1:] = [traf_col, read_col]
    numpy.cumsum(sums, axis=1, out=sums)
    lo, hi, span = window_bounds(n)
    means = ((sums[:, hi] - sums[:, lo]) / span).reshape(2, len(WINDOWS), n).transpose(2, 1, 0).tolist()
    for row, windows in zip(out, means):
        for w, (traf, read) in zip(WINDOWS, windows):
            row[column[f"win{w}_traf"]], row[column[f"win{w}_read"]] = traf, read
    return out


@functools.lru_cache(maxsize=128)
def window_bounds(n: int) -> tuple[Any, Any, Any]:
    """Number of blocks in; for each window in WINDOWS and block, the first and one past
    the last block of the window, and its size, as arrays (window by window)."""
    index = numpy.arange(n)
    lo = numpy.concatenate([numpy.maximum(0, index - w) for w in WINDOWS])
    hi = numpy.concatenate([numpy.minimum(n, index + w + 1) for w in WINDOWS])
    return lo, hi, hi - lo


# --- The model and the decision -------------------------------------------------------

# A block is kept when its score reaches this. Chosen by cross-validation by
# site on the training sets (benchmarks/train_html.py): 0.4 scored best on
# ../shared/corpus and dragnet-train (0.35-0.6 tried).
KEEP_THRESHOLD = 0.4
# The quick pair (QUICK_MODEL_PATH) decides a page alone when every block
# it weighs scores at least this far from KEEP_THRESHOLD (sure_of) and it
# keeps a block (clean_html.quick_pair_decides); on any other page
# trafilatura and its Readability port run and the full pair decides. Chosen by cross-validation by site on the training sets
# (train_html.py's folds, the cascade's block figures against the full
# pair's): the smallest margin at which no set lost more than 0.001. At 0.25
# the quick pair decided 34% of the corpus's pages, 37% of dragnet-train's
# and 11% of cleaneval-dev's, every figure within 0.001; at 0.2, 48% of
# dragnet-train's at a loss of 0.0015; at 0.3, 30% at the same figure.
QUICK_MARGIN = 0.25
# Each block's score may be averaged with its neighbours' at this weight
# before the threshold; cross-validation found no gain (0.2-0.5 tried), as
# the features already hold the neighbours' figures.
NEIGHBOUR_WEIGHT = 0.0
# Removed blocks of at least EXPLAIN_MIN_WORDS words (the length the review
# page calls a sentence), the EXPLAIN_MAX longest of a page, name the
# features that pushed them out most, this many; shorter ones and those
# with at least MOSTLY_LINKS of link text are named as such. A feature's
# push is what its splits add to the score along the block's paths through
# the trees (TreePaths), 0.3 to 1.3 ms a block; only the blocks an editor
# is likeliest to miss get one.
REASON_FEATURES = 1
EXPLAIN_MIN_WORDS = 20
EXPLAIN_MAX = 2
MOSTLY_LINKS = 0.5
# How the review page words the features that weigh most.
FEATURE_WORDS = {
    "traf": "trafilatura left it out", "read": "Readability left it out",
    "siblings_traf": "trafilatura left its container out", "link_density": "link text",
    "traf_page_share": "page shape", "read_page_share": "page shape",
    "parent_share": "small container", "grand_share": "small container",
    "chars_before": "position on the page", "position": "position on the page",
    "up_content": "outside the content container", "up_comment": "in comments",
    "up_related": "in a related-links box", "up_sidebar": "in a sidebar",
    "stop_share": "few function words", "log_chars": "short", "log_words": "short",
    "first": "its own features", "first_parent_mean": "its container was left out",
    "first_grand_mean": "its container was left out", "first_template_mean": "blocks like it were left out",
    "first_kept_before": "after the article",
    "first_kept_after": "before the article",
}
# A block whose nearest class or id naming readers' comments ("comment",
# "reply", "disqus" ...: CONCEPTS["comment"]) is at most this many levels up,
# and no farther than the nearest naming content, is never body: readers'
# comments are not the article (the shared corpus's gold leaves them out),
# whatever the model scored. A name holding both words ("comment-content",
# "comment-body") is a comment's own body. The HTML rule html-comments has
# removed containers named "comments" before the model read the page; this
# catches single comments ("comment", "reply") the model kept, as its
# training sets label comments both ways (cleaneval-dev's gold and 16 of
# dragnet-train's keep them). Chosen by cross-validation by site on the
# training sets (train_html.py's folds and models): 2 levels took
# dragnet-train from 0.920 to 0.922 (precision 0.949 -> 0.954), the corpus
# and cleaneval-dev unchanged; 1 level 0.921, 3 to 6 levels 0.923 (and
# cleaneval-dev down 0.010 to 0.017 without the content test).
COMMENT_MAX_LEVELS = 2
# When the model keeps no block at all (a short post: a video, a picture or
# a comic with one paragraph under it, which scores like a teaser), the
# page's own stated summary (meta description, og:description), which most
# often repeats the article's lead, points at the article: the blocks that
# share at least SUMMARY_MIN_OVERLAP of their word trigrams with it (of the
# smaller set's), and that are running text (SUMMARY_MIN_WORDS words, the
# length clean_html.HEADLINE_ABOVE_WORDS reads as running text, not a
# headline, a label or a date), are the body. An empty body costs the page
# (the digest skips it); a lead repeated by the page's summary is its text.
# Cross-validated by site (train_html.py's folds and models): 4 of
# dragnet-train's 965 pages went from nothing to 0.45-0.87 F1; no page of
# the corpus, cleaneval-dev or l3s-gn1 changed (block decision 0.9225 to
# 0.9238 on dragnet-train; a share of 0.8 scored alike).
SUMMARY_MIN_OVERLAP = 0.5
SUMMARY_MIN_WORDS = 12
# A block that reads as a byline, dateline, credit or caption (a text
# metadata rule matches it) is never body either: the digest keeps those
# out of the article, as the shared corpus's gold does.
# Feature values the shipped model is asked with: the gold convention of the
# shared corpus (article paragraphs only: no headline, captions or bylines).
CONVENTION = 0.0


@functools.cache
def load_models() -> tuple[Any, Any]:
    """The shipped LightGBM models (blocks, context), read once per process; None when missing."""
    return read_pair(MODEL_PATH, CONTEXT_MODEL_PATH)


@functools.cache
def load_quick_models() -> tuple[Any, Any]:
    """The shipped quick pair (blocks, context: no helper columns), read once per process; None when missing."""
    return read_pair(QUICK_MODEL_PATH, QUICK_CONTEXT_MODEL_PATH)


def read_pair(path: Path, context_path: Path) -> tuple[Any, Any]:
    """A block model's and a context model's files in; the two LightGBM Boosters (None for a missing file)."""
    if not path.exists():
        return None, None
    import lightgbm                 # heavy import, paid on first use only
    context = lightgbm.Booster(model_file=str(context_path)) if context_path.exists() else None
    return lightgbm.Booster(model_file=str(path)), context


def model_rows(rows: list[list[float]], convention: float = CONVENTION) -> Any:
    """Feature rows in; the matrix the block model reads (the convention column added)."""
    matrix = numpy.asarray(rows, dtype=numpy.float64)
    return numpy.hstack([matrix, numpy.full((len(rows), 1), convention)])


# Booster.predict builds a predictor object, asks the library three
# questions and checks its input's type before the one library call that
# predicts: on a page of a dozen blocks that is a third of the call (0.07
# of 0.25 ms). A Booster is asked through that call directly, with the
# arguments Booster.predict(matrix, num_threads=1) passes, so the
# probabilities are the same array (tests/test_classify_html.py); any other
# model (a benchmark's wrapper) through its own predict.
PREDICT_PARAMETERS = b"num_threads=1"
C_FLOAT64, C_ROW_MAJOR, C_PREDICT_NORMAL = 1, 1, 0


def predict(model: Any, matrix: Any) -> Any:
    """A model (a LightGBM Booster, or anything with its predict) and a float64 matrix in; each row's probability, as model.predict(matrix, num_threads=1) gives it."""
    handle = getattr(model, "_handle", None)
    library = lightgbm_library() if isinstance(handle, ctypes.c_void_p) else None
    if library is None:
        return model.predict(matrix, num_threads=1)
    matrix = numpy.ascontiguousarray(matrix, dtype=numpy.float64)
    out = numpy.empty(len(matrix))
    written = ctypes.c_int64(0)
    library.safe_call(library.lib.LGBM_BoosterPredictForMat(
        handle, ctypes.c_void_p(matrix.ctypes.data), C_FLOAT64, matrix.shape[0], matrix.shape[1],
        C_ROW_MAJOR, C_PREDICT_NORMAL, 0, model.best_iteration, PREDICT_PARAMETERS,
        ctypes.byref(written), ctypes.c_void_p(out.ctypes.data)))
    if written.value != len(matrix):
        raise ValueError("LightGBM wrote another number of predictions than rows")
    return out


class LightGBMLibrary(NamedTuple):
    """LightGBM's loaded C library and its error check."""

    lib: Any
    safe_call: Any


@functools.cache
def lightgbm_library() -> LightGBMLibrary | None:
    """LightGBM's C library (as its Python package loaded it), or None if that package no longer exposes it."""
    try:
        from lightgbm.basic import _LIB, _safe_call
    except ImportError:
        return None
    return LightGBMLibrary(_LIB, _safe_call)


def block_groups(blocks: list[RawBlock]) -> list[tuple[int, int, int]]:
    """Blocks in; for each, numbers naming its parent and grandparent elements and its
    template (its own, its parent's and grandparent's tags and classes)."""
    numbers: dict[Any, int] = {}
    groups = []
    for block in blocks:
        parent = block.element.getparent()
        grand = parent.getparent() if parent is not None else None
        template = tuple((e.tag, e.get("class", "")) if e is not None else None
                         for e in (block.element, parent, grand))
        groups.append((numbers.setdefault(parent, len(numbers)), numbers.setdefault(grand, len(numbers)),
                       numbers.setdefault(template, len(numbers))))
    return groups


def context_matrix(first: Any, groups: list[tuple[int, int, int]], log_chars: Any) -> Any:
    """The block model's scores of one page, block groups and sizes in; the context model's extra columns."""
    n = len(first)
    out = numpy.empty((n, len(CONTEXT_NAMES)))
    out[:, 0] = first
    out[0, 1], out[1:, 1] = -1.0, first[:-1]
    out[:-1, 2], out[-1, 2] = first[1:], -1.0
    sums = numpy.zeros(n + 1)
    numpy.cumsum(first, out=sums[1:])
    lo, hi, span = window_bounds(n)
    out[:, 3:3 + len(WINDOWS)] = ((sums[hi] - sums[lo]) / span).reshape(len(WINDOWS), n).T
    # the parent, grandparent and template groups at once: each level's
    # numbers moved past the others', so no two levels share a group
    levels = numpy.asarray(groups).T
    keys = (levels + numpy.arange(3)[:, None] * (levels.max() + 1)).ravel()
    weights = numpy.tile(first, 3)
    total = numpy.bincount(keys, weights=weights)
    count = numpy.bincount(keys)
    top = numpy.zeros(len(count))
    numpy.maximum.at(top, keys, weights)
    stats = numpy.stack([total[keys] / count[keys], top[keys], numpy.log1p(count[keys])])
    out[:, 3 + len(WINDOWS):-4] = stats.reshape(3, 3, n).transpose(2, 1, 0).reshape(n, 9)
    chars = numpy.expm1(log_chars)
    kept = chars * (first >= 0.5)
    kept_total = kept.sum() or 1.0
    before = numpy.zeros(n)
    numpy.cumsum(kept[:-1], out=before[1:])
    out[:, -4] = first.max()
    out[:, -3] = kept_total / (chars.sum() or 1.0)
    out[:, -2] = before / kept_total
    out[:, -1] = (kept_total - before - kept) / kept_total
    return out


CONTEXT_NAMES = (["first", "first_prev", "first_next"] + [f"first_win{w}" for w in WINDOWS]
                 + [f"first_{level}_{what}" for level in ("parent", "grand", "template")
                    for what in ("mean", "max", "blocks")]
                 + ["first_page_max", "first_page_share", "first_kept_before", "first_kept_after"])


def score_blocks(rows: list[list[float]], groups: list[tuple[int, int, int]],
                 quick: bool = False) -> tuple[list[float], Any]:
    """Feature rows and block groups of one page (and whether the quick pair scores them) in; each
    block's probability of being article text, and the matrix the deciding model read (None without models)."""
    block_model, context_model = load_quick_models() if quick else load_models()
    if block_model is None or not rows:
        traf = feature_names().index("traf")
        return [row[traf] for row in rows], None
    matrix = model_rows(rows)
    if quick:
        matrix = matrix[:, QUICK_COLUMNS]
    first = predict(block_model, matrix)
    if context_model is None:
        return list(first), matrix
    matrix = numpy.hstack([matrix, context_matrix(first, groups, matrix[:, 0])])
    return list(predict(context_model, matrix)), matrix


def sure_of(scores: list[float], rows: list[list[float]], settled: frozenset[int] = frozenset()) -> bool:
    """The quick pair's scores of a page's blocks, their features (and the blocks whose fate a later rule
    settles) in; True when every other block that decode_blocks weighs by its score (not a meta line)
    scores at least QUICK_MARGIN away from KEEP_THRESHOLD."""
    meta = META_LINE_COLUMN
    return all(abs(s - KEEP_THRESHOLD) >= QUICK_MARGIN
               for i, (s, row) in enumerate(zip(scores, rows)) if not row[meta] and i not in settled)


def decode_blocks(scores: list[float], rows: list[list[float]], texts: Sequence[str] = (),
                  summary: str = "") -> list[bool]:
    """Block scores in document order and their features (and the blocks' texts and the summary
    the page states) in; which blocks to keep."""
    if NEIGHBOUR_WEIGHT:
        n = len(scores)
        smoothed = []
        for i, s in enumerate(scores):
            around = [scores[j] for j in (i - 1, i + 1) if 0 <= j < n]
            mean = sum(around) / len(around) if around else s
            smoothed.append((1 - NEIGHBOUR_WEIGHT) * s + NEIGHBOUR_WEIGHT * mean)
        scores = smoothed
    meta = feature_names().index("meta_line")
    keep = [s >= KEEP_THRESHOLD and not row[meta] for s, row in zip(scores, rows)]
    outside = outside_comments(keep, rows)
    # When every kept block sits under a comment name, the name is more likely
    # the site's word for its own text ("commentary", "comment-body" on an
    # opinion page) than readers' comments around an article: the comment
    # rule never empties the body.
    if any(outside):
        return outside
    if any(keep) or not summary:
        return keep
    return summary_lead(texts, rows, summary)


def summary_lead(texts: Sequence[str], rows: list[list[float]], summary: str) -> list[bool]:
    """Blocks' texts and features and the summary the page states in; the blocks that repeat
    the summary as running text (SUMMARY_MIN_OVERLAP), bylines and datelines left out."""
    stated = trigrams(summary)
    meta = feature_names().index("meta_line")
    return [not row[meta] and unspaced_words(text, len(text.split())) >= SUMMARY_MIN_WORDS
            and overlap(trigrams(text), stated) >= SUMMARY_MIN_OVERLAP for text, row in zip(texts, rows)]


META_LINE_COLUMN = feature_names().index("meta_line")
UP_COMMENT_COLUMN = feature_names().index("up_comment")
UP_CONTENT_COLUMN = feature_names().index("up_content")


def outside_comments(keep: list[bool], rows: list[list[float]]) -> list[bool]:
    """Which blocks are kept and their features in; those kept outside readers' comments
    (any of them: the comment rule applied, decode_blocks)."""
    return [k and not in_comments(row) for k, row in zip(keep, rows)]


def in_comments(row: list[float]) -> bool:
    """A block's features in; True when it sits in a readers' comment (COMMENT_MAX_LEVELS)."""
    comment = row[UP_COMMENT_COLUMN]
    return comment <= COMMENT_MAX_LEVELS and comment <= row[UP_CONTENT_COLUMN]


def metadata_rule(text: str) -> str:
    """A block's text in; the name of the first text metadata rule matching it, or ""."""
    lower = text.lower()
    for rule in TEXT_META_RULES:
        if re.match(rule.pattern, lower):
            return rule.name
    return ""


LINK_DENSITY_COLUMN = feature_names().index("link_density")
LOW_SCORE = "html-model: low score"


def block_input_names(quick: bool = False) -> list[str]:
    """The block model's input columns in order (or the quick one's: no helper columns): the block
    features, then the gold convention."""
    names = feature_names() + ["convention"]
    return [names[n] for n in QUICK_COLUMNS] if quick else names


def input_names(quick: bool = False) -> list[str]:
    """The context model's input columns in order (or the quick one's): the block model's, then the
    context columns."""
    return block_input_names(quick) + CONTEXT_NAMES


def plain_reason(text: str, row: list[float]) -> str:
    """A removed block's text and features in; why it went, before any feature is named: mostly links, a
    short block, or LOW_SCORE (a block long enough to read as article text, worth naming a feature for)."""
    if row[LINK_DENSITY_COLUMN] >= MOSTLY_LINKS:
        return "html-model: mostly links"
    return "html-model: short block" if len(text.split()) < EXPLAIN_MIN_WORDS else LOW_SCORE


def pushed_out_by(moves: list[float], names: list[str]) -> str:
    """Each input column's move of a block's score (TreePaths.contributions) and the columns' names in; the
    reason naming the REASON_FEATURES columns that pushed it down most, in the review page's words."""
    ranked = sorted(range(len(moves)), key=lambda k: moves[k])[:REASON_FEATURES]
    return "html-model: " + ", ".join(FEATURE_WORDS.get(names[k], names[k].replace("_", " ")) for k in ranked)


def drop_reasons(texts: list[str], rows: list[list[float]], matrix: Any, quick: bool = False) -> list[str]:
    """Removed blocks' texts, features and model input rows (and whether the quick pair read them) in;
    why the model removed each."""
    # Only a block long enough to read as article text is worth following
    # through the trees (TreePaths); a short or mostly linked block is named
    # as such.
    reasons = [plain_reason(text, row) for text, row in zip(texts, rows)]
    long = sorted((i for i, reason in enumerate(reasons) if reason == LOW_SCORE),
                  key=lambda i: -len(texts[i]))[:EXPLAIN_MAX]
    block_model, context_model = load_quick_models() if quick else load_models()
    model = context_model or block_model
    if model is None or matrix is None or not long:
        return reasons
    paths, names = tree_paths(model), input_names(quick)
    for i in long:
        reasons[i] = pushed_out_by(paths.contributions(matrix[i].tolist()), names)
    return reasons


# --- Why a block scored low ------------------------------------------------------
#
# LightGBM's own per-feature contributions (pred_contrib, SHAP values) cost
# about 6 ms a block with the 200 trees of the context model: on a corpus
# page, a tenth of the cleaner's time. The review page names one feature, the
# one that pushed the block out most, and the path through each tree tells
# it for a fraction of that: at every split on the block's path the score
# moves from the node's mean to the child's, and the move is the split
# feature's (Saabas's attribution; the moves of a tree add up to its leaf's
# value less its root's). The two name the same feature for 79% of removed
# blocks; most others are blocks SHAP blamed on the gold-convention column,
# which is the same for every page the digest asks about
# (benchmarks/explain_agreement.py).

class TreePaths(NamedTuple):
    """A LightGBM model's trees as lists: per tree, per node its split feature,
    threshold (a set of category codes for a categorical split), where a
    missing value goes (None: read as 0), children (a leaf as ~leaf) and mean
    output, and its leaves' values."""

    features: list[list[int]]
    thresholds: list[list[Any]]
    missing_left: list[list[bool | None]]
    left: list[list[int]]
    right: list[list[int]]
    node_values: list[list[float]]
    leaf_values: list[list[float]]
    width: int

    def contributions(self, row: list[float]) -> list[float]:
        """A model input row (a list of floats) in; each feature's summed moves along the row's paths."""
        out = [0.0] * self.width
        for features, thresholds, missing_left, left, right, node_values, leaf_values in zip(
                self.features, self.thresholds, self.missing_left, self.left, self.right, self.node_values,
                self.leaf_values):
            node = 0
            while node >= 0:
                feature, threshold = features[node], thresholds[node]
                value = row[feature]
                if value != value and missing_left[node] is not None:
                    go_left = missing_left[node]
                elif isinstance(threshold, frozenset):   # a category code; negative goes right
                    go_left = value >= 0 and int(value) in threshold
                else:
                    go_left = (value if value == value else 0.0) <= threshold
                child = left[node] if go_left else right[node]
                after = node_values[child] if child >= 0 else leaf_values[~child]
                out[feature] += after - node_values[node]
                node = child
        return out


@functools.cache
def tree_paths(model: Any) -> TreePaths:
    """A LightGBM Booster in; its trees as TreePaths, once per process: a shipped model's read from its
    file (about 1 ms), any other's from the text LightGBM writes of it (about 45 ms for 200 trees)."""
    shipped = dict(zip(map(id, load_models() + load_quick_models()),
                       (MODEL_PATH, CONTEXT_MODEL_PATH, QUICK_MODEL_PATH, QUICK_CONTEXT_MODEL_PATH)))
    path = shipped.get(id(model))
    return parse_tree_paths(path.read_text(encoding="utf-8") if path is not None
                            else model.model_to_string(num_iteration=-1))


def parse_tree_paths(text: str) -> TreePaths:
    """A LightGBM model file's text in; its trees as TreePaths (a tree of one leaf moves nothing and is left out)."""
    header, *trees = text.split("\nTree=")
    width = int(re.search(r"^max_feature_idx=(\d+)$", header, re.M).group(1)) + 1
    paths = TreePaths([], [], [], [], [], [], [], width)
    for tree in trees:
        fields = dict(line.split("=", 1) for line in tree.split("end of trees")[0].splitlines() if "=" in line)
        if int(fields["num_leaves"]) <= 1:
            continue
        kinds = list(map(int, fields["decision_type"].split()))
        thresholds: list[Any] = list(map(float, fields["threshold"].split()))
        missing: list[bool | None] = [None] * len(kinds)
        bounds = list(map(int, fields.get("cat_boundaries", "").split()))
        words = list(map(int, fields.get("cat_threshold", "").split()))
        # decision_type's bits: 1 categorical, 2 missing goes left, 4-8 the
        # missing type (0 none: read as 0; 1 zero; 2 NaN); most splits are
        # numeric with none (0 or 2)
        for node in [node for node, kind in enumerate(kinds) if kind & 13]:
            kind, missing_type = kinds[node], kinds[node] >> 2 & 3
            if missing_type == 1:
                raise ValueError("a split treats zero as missing; TreePaths does not follow it")
            if kind & 1:                                # a bitset of the codes going left
                k = int(thresholds[node])
                thresholds[node] = frozenset(32 * w + b for w, word in enumerate(words[bounds[k]:bounds[k + 1]])
                                             for b in range(32) if word >> b & 1)
                missing[node] = False if missing_type == 2 else None   # LightGBM: a missing category goes right
            elif missing_type == 2:
                missing[node] = bool(kind & 2)
        paths.features.append(list(map(int, fields["split_feature"].split())))
        paths.thresholds.append(thresholds)
        paths.missing_left.append(missing)
        paths.left.append(list(map(int, fields["left_child"].split())))
        paths.right.append(list(map(int, fields["right_child"].split())))
        paths.node_values.append(list(map(float, fields["internal_value"].split())))
        paths.leaf_values.append(list(map(float, fields["leaf_value"].split())))
    return paths
