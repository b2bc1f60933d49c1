"""Stage 2b: page text copied out of a browser in, the article body out.

A copied page has every visible block on its own line: menus, share labels,
the headline, bylines, the article, related links, comments and footers.
Each line gets cheap features (length, sentence shape, repetition, the rule
tables in rules.py); the densest run of article-like lines is the body
region; then every non-blank line gets a role. Body lines become Blocks,
metadata lines (title, byline, dateline ...) are left for metadata.py, the
rest is dropped with the name of the rule or heuristic that dropped it.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import NamedTuple, Sequence

import numpy as np

from .classify_text import CLOSERS, cut_article_end, explain, load_model, page_matrix
from .layout_text import MARKUP_TAG, normalise_layout, paragraphs
from .links import strip_tracking_params
from .model import Block, Extraction, Line
from . import rule_match
from .rule_match import RuleMatcher
from .rules import TEXT_META_RULES, TEXT_RULES, TEXT_URL_PATTERN

# --- Thresholds ---------------------------------------------------------------
# Tuned on the 50 .txt pages of ../shared/corpus (development set) and the
# five raw files in seeds/; pages from other sites are kept aside to check
# that they generalise.

# A sentence-shaped line of at least this many words is article text.
GOOD_MIN_WORDS = 6
# A line this long is article text even without closing punctuation.
LONG_MIN_WORDS = 25
# Cost of a line a rule marks as furniture, in words of article text.
FURNITURE_COST = 6
# Cost of a short line that is not a sentence (menu item, headline link).
SHORT_COST = 4
# Cost of a line that opens the readers' comments or closes the page (the
# copyright line). Large: the article region does not run across it.
BARRIER_COST = 1_000_000
# The region does not cross a run of furniture costing more than this (six
# unknown lines in a row cost 84).
VALLEY_MAX = 80
# settle_region finds the region again at most this many times.
SETTLE_ROUNDS = 4
# Once a region this large, with this many lines of text, is found, a
# comment header ends the search.
ARTICLE_MIN_SCORE = 40
ARTICLE_MIN_LINES = 2
# Data tables: runs of at least TABLE_RUN_MIN lines of TABLE_MIN_CELLS cells
# or more, a third of them numbers (standings, results); scored at
# LIST_WEIGHT per cell; numbered list items score the same.
TABLE_RUN_MIN = 4
TABLE_MIN_CELLS = 4
TABLE_MIN_NUMBERS = 3
LIST_WEIGHT = 0.5
# Numbered list items ("1) ...", "2. ...") may have this many lines between them.
LIST_MAX_GAP = 2
# After a related-links header, lines are links until a sentence this long.
RESUME_MIN_WORDS = 15
# Block headers are looked for from this many lines above the first line
# that may be article text (a related-links header above its list).
LINK_LOOKBACK = 12
# Short lines seen twice or more on one page are menus and repeated widgets.
REPEAT_MAX_WORDS = 12
# A line is looked up among the learned furniture keys only if the key of
# its first FURNITURE_PROBE_CHARS characters opens like one of them (its
# first FURNITURE_OPENING_CHARS characters): most lines are told apart by
# their opening, and the key of a line's opening opens the line's key.
FURNITURE_PROBE_CHARS = 16
FURNITURE_OPENING_CHARS = 6
# Lines of at most this many characters are matched against the rule
# tables; the longest furniture or caption line in the development set and
# the seeds is about 260. Longer lines are prose, and skipping them keeps
# the cleaner fast.
RULE_MAX_CHARS = 320
# Table rows have at most this many cells.
TABLE_MAX_CELLS = 40
# Scripts without spaces between words (code points from the Thai block up,
# which takes in CJK): one word per this many characters (a Chinese word
# is one to three characters).
CHARS_PER_WORD = 2
UNSPACED_SCRIPTS = "\u0e00"
# A line this many times longer than its words counted at spaces is written
# in such a script (a spaced language's words average five or six letters).
UNSPACED_CHARS_PER_SPACED_WORD = 12
# Headline: words, searched in this many lines before the body.
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
TITLE_WINDOW = 14
# Most headlines have this many words.
TITLE_USUAL_WORDS = (5, 20)
# Metadata (bylines, datelines, captions) found at the head of the region
# within this many lines pushes the body start past it.
HEAD_TRIM_WINDOW = 6
# A section label is a line of at most this many words just above the title.
SECTION_MAX_WORDS = 4
# Bylines and datelines are looked for this many lines above the title too.
META_ABOVE_TITLE = 4
# A pre-body line after the title with this many words is the standfirst;
# a shorter sentence there is a photo caption (seed 003).
STANDFIRST_MIN_WORDS = 13
# Wire credits are looked for in this many lines after the body, an author
# bio in this many lines at its end.
CREDIT_WINDOW = 4
AUTHOR_BIO_WINDOW = 3
# A subheading has at most this many words; a longer line without closing
# punctuation between paragraphs is a sentence that lost its full stop.
HEADING_MAX_WORDS = 10
# A photo-credit line has at most PHOTO_CREDIT_MAX_WORDS words; a caption
# (the line above a credit, or a line a caption rule names) has at most
# CAPTION_MAX_WORDS.
PHOTO_CREDIT_MAX_WORDS = 8
CAPTION_MAX_WORDS = 40
# Runs of this many short non-sentence lines are lists; if most of their
# long words are capitalised they are link lists (related headlines, menus).
LIST_RUN_MIN = 3
TITLE_CASE_SHARE = 0.7
# A list flattened into one line: a one-block-a-line text dump joins the
# options of a <select> ("Select Month October 2012 September 2012 ..."),
# and an archive, tag or author list, into one long line, where a browser
# copy gives each item a line of its own. Such a line is longer than a
# headline (TITLE_MAX_WORDS), has most of its longer words capitalised
# (TITLE_CASE_SHARE), and nothing but spaces between its items: no
# sentence end anywhere (prose, or a whole article on one line, ends
# sentences), and fewer commas, semicolons or colons than one per
# FLAT_LIST_WORDS words (a written list, such as a paper's authors or a
# record's subject terms, separates its items with them). Never article
# text: on dragnet-train's .txt dumps such lines (213 of 965 pages) hold
# 38,100 words, none of them gold, and the classifier kept 10,700.
FLAT_LIST_WORDS = 10
FLAT_LIST_SENTENCE_ENDS = (". ", "! ", "? ", "。", "！", "？")
FLAT_LIST_SEPARATORS = (", ", "; ", ": ", "، ", "、", "，", "；", "：")

# A page's opening lines run down to its first sentence of this many words
# (a shorter one may be a menu's "Find your new car:"), its headline, or
# its first long line holding this many sentence ends (a whole article on
# one line ends sentences inside it, where its own last one may have lost
# its stop).
OPENING_SENTENCE_WORDS = 5
OPENING_PROSE_SENTENCES = 2
# Markup and script a page leaked into its text: a closing tag or a tag
# with an attribute ("<jane>" in a chat log is neither), with at most this
# many words outside the tags; script calls and declarations, and the
# punctuation that crowds a line of script.
CODE_TAG = re.compile(r"<(?:/[A-Za-z][A-Za-z0-9]*\s*|[A-Za-z][A-Za-z0-9]*\s[^<>]*=[^<>]*)>")
CODE_MAX_WORDS = 3
CODE_CALL = re.compile(r"\b(?:function\s*\(|var\s+\w+\s*=|document\.\w+|window\.\w+|getElementById)")
CODE_PUNCTUATION = "{}();="
CODE_PUNCTUATION_SHARE = 0.05
# Characters that end a sentence, and closers that may follow them.
SENTENCE_END_CHARS = frozenset(".!?:;。！？．｡।॥؟۔։።")  # Latin, CJK, Devanagari, Arabic, Urdu, Armenian, Ethiopic
ELLIPSES = ("...", "…", "..")
BARRIER_PREFIXES = ("comments-", "footer-copyright")
COMMENT_HEADERS = ("comments-header", "comments-count-title", "comments-prompt", "comments-multilingual",
                   "comments-controls")
LINK_LIST_PREFIXES = ("related-header", "related-popular")
# Rules every line between the first and the last article-like line meets
# while the region is found: block headers, and the furniture that sits
# inside articles (ad labels, continue-reading and read-more links).
REGION_RULE_NAMES = frozenset(COMMENT_HEADERS + LINK_LIST_PREFIXES + (
    "footer-copyright", "ad-label", "continue-reading", "related-inline"))
BODY_KIND = {"body": "p", "heading": "h2", "item": "li", "quote": "quote"}
# Roles the rule-based labelling gives that stay when the classifier keeps
# the line: metadata that metadata.py reads, and captions (never body text).
RULE_ROLES_KEPT = frozenset({"title", "standfirst", "byline", "dateline", "credit", "section", "caption"})
# A line a rule of the tables names stays dropped, and so does one these
# tests drop: the classifier only weighs their verdict on other lines.
RULE_DROPS_KEPT = frozenset({"author-bio", "learned-furniture", "related-link"})
SHORT = "short"          # interim role of a short line in the body, before label_short_run
# furniture_key folds digits to 0 and punctuation to spaces.
KEY_FOLD = str.maketrans({**{c: "0" for c in "123456789"},
                          **{c: " " for c in string.punctuation + "“”‘’«»‹›–—…·•|¦©®™¡¿،؛؟、。，：；！？「」『』【】"}})
# The same folding for an ASCII line, as a byte table (bytes.translate looks
# a byte up in a table; str.translate, a character in a dict), with the
# upper case folded too and the separators str.split() takes for spaces,
# and bytes.split() does not, made spaces.
ASCII_KEY_FOLD = bytes(ord(KEY_FOLD.get(b, chr(b)).casefold()) if b not in range(0x1c, 0x20) else 0x20
                       for b in range(128)) + bytes(range(128, 256))


FURNITURE_RULES = RuleMatcher(TEXT_RULES)
REGION_RULES = RuleMatcher(tuple(rule for rule in TEXT_RULES if rule.name in REGION_RULE_NAMES))
NON_REGION_RULES = RuleMatcher(tuple(rule for rule in TEXT_RULES if rule.name not in REGION_RULE_NAMES))
META_RULES = RuleMatcher(TEXT_META_RULES)
CAPTION_RULES = RuleMatcher(tuple(rule for rule in TEXT_META_RULES if rule.name.startswith("caption")))
URL_RX = re.compile(TEXT_URL_PATTERN)
# What a rule's name says about its line, read once per name rather than
# once per line: its score, and whether it opens readers' comments or a list
# of links.
RULE_COST = {rule.name: -(BARRIER_COST if rule.name.startswith(BARRIER_PREFIXES) else FURNITURE_COST)
             for rule in TEXT_RULES}
COMMENT_HEADER_RULES = frozenset(rule.name for rule in TEXT_RULES if rule.name.startswith(COMMENT_HEADERS))
LINK_LIST_RULES = frozenset(rule.name for rule in TEXT_RULES if rule.name.startswith(LINK_LIST_PREFIXES))


class Row:
    """One non-blank raw line and its features; read_page makes them."""

    # lower is what the rule tables are matched against (read_lower); it is
    # read up front for every line of at most RULE_MAX_CHARS characters or
    # TITLE_MAX_WORDS words, and only on demand for longer paragraphs.
    # found is shared by the rows of a page with the same key (a repeated
    # line: menus and widgets, a third of a page's rows): what the rule
    # tables say of that lower-cased line, and whether its text is learned
    # furniture, is worked out once for all of them. None for a line seen once.

    __slots__ = ("number", "text", "lower", "words", "key", "sentence", "shape", "seen", "found",
                 "rule", "checked", "meta", "caps", "score", "listed", "role", "why")


class Page(NamedTuple):
    """A page's rows, and those that may be table rows or numbered list items."""

    rows: list[Row]
    number_ends: list[int]                  # indices of rows ending in a digit (a table row's last cell)
    list_marks: list[tuple[int, int]]       # (index, ordinal) of rows opening with a list marker
    has_urls: bool                          # the text holds a URL ("://") whose tracking parameters go
    cleaned: dict[str, str]                 # line -> the line without tracking parameters, as read_page made it


def read_page(text: str, numbered: list[tuple[int, str]] | None = None) -> Page:
    """Page text (or its blocks with their raw line numbers) in, its Page out: one Row per non-blank line, its features read and its repeats counted."""
    # The rows are filled in here rather than by an __init__, and the other
    # passes over every line are made in the same loop: on a page of a few
    # hundred lines, a call or a pass per line costs as much as its work.
    rows: list[Row] = []
    number_ends: list[int] = []
    list_marks: list[tuple[int, int]] = []
    first: dict[str, Row] = {}              # key -> the first row with it
    repeats: dict[str, list[Row]] = {}      # key -> every row with it, where there are several
    has_urls = "://" in text
    cleaned: dict[str, str] = {}
    for number, line in numbered or enumerate(map(str.strip, text.splitlines()), 1):
        if not line:
            continue
        row = Row()
        row.number = number
        row.text = line
        row.words = words = unspaced_words(line, line.count(" ") + 1)
        if words <= TITLE_MAX_WORDS or len(line) <= RULE_MAX_CHARS:
            if has_urls and "://" in line:
                cleaned[line] = clean_line = clean_urls(line)
                row.lower = lower = clean_line.lower()
            else:
                row.lower = lower = line.lower()
        else:                               # a long paragraph: read_lower reads it if need be
            row.lower = lower = None
        # repeated short lines are furniture; the title's repeats are found by key
        row.key = key = lower if words <= TITLE_MAX_WORDS else ""
        tail = line.rstrip(CLOSERS)
        row.sentence = sentence = tail[-1:] in SENTENCE_END_CHARS and not tail.endswith(ELLIPSES)
        # shaped like article text: a sentence, or a long line with clauses
        row.shape = words >= (GOOD_MIN_WORDS if sentence else LONG_MIN_WORDS)
        row.seen = 1                        # how many rows of the page share its key
        row.found = None                    # verdicts shared with its repeats (read_page sets it)
        row.rule = ""                       # name of the TEXT_RULES rule it matches
        row.checked = False                 # matched against the whole TEXT_RULES table
        row.meta = None                     # lazily: "" or the TEXT_META_RULES rule's name
        row.caps = None                     # lazily: is_title_case(text)
        row.score = -SHORT_COST             # + article text, - furniture; score_rows sets it
        row.listed = False                  # inside a numbered list
        row.role = "boilerplate"
        row.why = ""
        if line[-1].isdigit():
            number_ends.append(len(rows))
        if line[0].isdigit() and (ordinal := read_list_number(line)):
            list_marks.append((len(rows), ordinal))
        if key in first:
            repeats.setdefault(key, [first[key]]).append(row)
        elif key:
            first[key] = row
        rows.append(row)
    for group in repeats.values():
        found: dict = {}
        for row in group:
            row.seen = len(group)
            row.found = found
    return Page(rows, number_ends, list_marks, has_urls, cleaned)


def read_lower(row: Row) -> str:
    """Row in, its text as the rule tables see it: lower-cased, its URLs without tracking parameters."""
    if row.lower is None:
        row.lower = (clean_urls(row.text) if "://" in row.text else row.text).lower()
    return row.lower


def furniture_key(line: str) -> str:
    """Raw line in, the key that identifies it across pages (case, digits and punctuation folded)."""
    if line.isascii():
        key = b" ".join(line.encode("ascii").translate(ASCII_KEY_FOLD).split()).decode("ascii")
    else:
        key = " ".join(line.casefold().translate(KEY_FOLD).split())
    while "00" in key:                      # any run of digits is one 0
        key = key.replace("00", "0")
    return key


def match_meta(row: Row) -> str:
    """Row in, the name of the metadata rule it matches, or ''."""
    if row.meta is None:
        row.meta = ""
        if len(row.text) <= RULE_MAX_CHARS:
            row.meta = match_rules(META_RULES, row)
    return row.meta


def match_short_meta(row: Row) -> str:
    """Row in; the metadata rule it matches when it is no longer than a caption (CAPTION_MAX_WORDS), else ''.

    Longer lines are prose: rule_features works out the metadata rules of
    the short lines only for the classifier, and never_body drops a date
    line on the same terms.
    """
    return match_meta(row) if row.words <= CAPTION_MAX_WORDS else ""


def match_caption(row: Row) -> str:
    """Row in, the name of the caption rule it matches, or ''."""
    if row.meta is not None:
        return row.meta if row.meta.startswith("caption") else ""
    if row.words > CAPTION_MAX_WORDS or len(row.text) > RULE_MAX_CHARS:
        return ""                           # longer than any caption
    return match_rules(CAPTION_RULES, row)


def match_rules(rules: RuleMatcher, row: Row) -> str:
    """A rule table and a row in, the name of the table's first rule that matches the row's lower-cased text, or ''."""
    found = row.found
    if found is None:
        return rules.match_lower(row.lower if row.lower is not None else read_lower(row))
    name = found.get(rules)
    if name is None:                        # the first of the repeats to ask
        name = found[rules] = rules.match_lower(row.lower)
    return name


def is_furniture(row: Row, furniture: frozenset[str]) -> bool:
    """A keyed row and the furniture keys learned across files in, True if its line is one of them."""
    found = row.found
    if found is None:
        return is_furniture_line(row.text, furniture)
    # kept by the text (repeats of one key may differ in case or URL); no
    # text is equal to a RuleMatcher, the other keys of found
    known = found.get(row.text)
    if known is None:
        known = found[row.text] = is_furniture_line(row.text, furniture)
    return known


def is_furniture_line(text: str, furniture: frozenset[str]) -> bool:
    """A line and the furniture keys learned across files in, True if the line's key is one of them."""
    verdicts = furniture_verdicts(furniture)
    known = verdicts.get(text)
    if known is not None:
        return known
    head = furniture_key(text[:FURNITURE_PROBE_CHARS])
    if len(head) >= FURNITURE_OPENING_CHARS and head[:FURNITURE_OPENING_CHARS] not in furniture_openings(furniture):
        known = False
    else:
        known = furniture_key(text) in furniture
    if len(text) <= rule_match.LINE_KEPT_CHARS:     # the rule tables' bounds
        if len(verdicts) >= rule_match.LINES_KEPT:
            verdicts.clear()
        verdicts[text] = known
    return known


@lru_cache(maxsize=4)
def furniture_verdicts(furniture: frozenset[str]) -> dict[str, bool]:
    """Furniture keys in, the memory of the lines found to be furniture or not (empty at first)."""
    # a run passes the same keys with every file, and an outlet's files share
    # their menus and footers: each line's key is worked out once per run
    return {}


def forget_lines() -> None:
    """The rule tables and the furniture test forget the lines they have met (a benchmark's pass then meets its pages as a run first does)."""
    rule_match.forget_lines()
    furniture_verdicts.cache_clear()


@lru_cache(maxsize=4)
def furniture_openings(furniture: frozenset[str]) -> frozenset[str]:
    """Furniture keys in, the openings (first FURNITURE_OPENING_CHARS characters) of those that long."""
    # a run passes the same keys with every file: worked out once per run
    return frozenset(key[:FURNITURE_OPENING_CHARS] for key in furniture if len(key) >= FURNITURE_OPENING_CHARS)


def is_title_case(text: str) -> bool:
    """Line in, True if most of its longer words start with a capital."""
    long_words = caps = 0
    for word in text.split():
        if len(word) > 3 and word[0].isalpha():
            long_words += 1
            caps += word[0].isupper()
    return long_words > 0 and caps >= TITLE_CASE_SHARE * long_words


def has_title_case(row: Row) -> bool:
    """Row in, True if it is a short line in Title Case (cached on the row)."""
    if row.caps is None:
        row.caps = row.words <= TITLE_MAX_WORDS and is_title_case(row.text)
    return row.caps


def never_body(row: Row, opening: bool = False) -> tuple[str, str] | None:
    """A row, and whether it opens the page (opening_rows), in; the role and reason that keep it out of
    the body whatever the classifier says, or None."""
    if is_flat_list(row):
        # a list the text dump joined into one line is never article text,
        # whatever its neighbours (FLAT_LIST_WORDS)
        return "boilerplate", "flat-list"
    caption = match_caption(row)
    if caption:
        # a picture's caption or credit ("Jane Smith/Getty Images") is no
        # article text wherever it sits, as in the HTML cleaner: label_body
        # gives one in the rules' region the caption role, and the trees,
        # which learnt from sets whose gold keeps captions, may keep one
        # outside it
        return "caption", caption
    dateline = match_short_meta(row)
    if dateline.startswith("dateline"):
        # a line built around a date or a time stamp ("Updated: 18 Nov
        # 2019 9:38 pm", "Sunday, January 20th, 2008") is no article text
        # wherever it sits, as in the HTML cleaner; the metadata still
        # reads a date line near the headline whatever its role
        return "boilerplate", dateline
    if is_code(row.text):
        # markup or script the page leaked into its text (an ad's "<a
        # href=...><img ...></a>" that a text dump took from a <noscript>,
        # a "document.write(...)" from a broken <script>) is no article
        # text, and would show as code in the article
        return "boilerplate", "code"
    if opening and not row.sentence:
        # above the article's first sentence and its headline, a line that
        # ends no sentence is the page's title (a text dump opens with the
        # document's <title>, "Headline - Site"), the site's name, a menu
        # or a picture's caption, never the article
        return "boilerplate", "opening-line"
    return None


def is_code(text: str) -> bool:
    """A line in; True if it is markup (tags with attributes or closing tags, and at most CODE_MAX_WORDS words
    outside them: a sentence with tags in it is still a sentence) or script (CODE_CALL twice, or once among
    much code punctuation)."""
    if "<" in text and CODE_TAG.search(text) and len(MARKUP_TAG.sub(" ", text).split()) <= CODE_MAX_WORDS:
        return True
    calls = len(CODE_CALL.findall(text))
    return calls >= 2 or (calls == 1 and sum(map(text.count, CODE_PUNCTUATION)) >= CODE_PUNCTUATION_SHARE * len(text))


def opening_rows(rows: list[Row]) -> int:
    """Rows in; how many open the page: those above its first sentence of OPENING_SENTENCE_WORDS words
    or more, its first line of prose (holds_sentences) and the headline the rules found (the title role)."""
    for i, row in enumerate(rows):
        if (row.sentence and row.words >= OPENING_SENTENCE_WORDS) or row.role == "title" or holds_sentences(row):
            return i
    return len(rows)


def holds_sentences(row: Row) -> bool:
    """A row in; True if it is a long line with sentences inside (OPENING_PROSE_SENTENCES): prose, such as
    a whole article on one line whose last sentence lost its stop, where a menu or a list has none."""
    return row.words >= LONG_MIN_WORDS and inner_sentence_ends(row.text) >= OPENING_PROSE_SENTENCES


def inner_sentence_ends(text: str) -> int:
    """A line in; how many sentences end inside it: a stop followed by a space (FLAT_LIST_SENTENCE_ENDS),
    an ellipsis not counted ("Archives by Month... November")."""
    return sum(text.count(end) for end in FLAT_LIST_SENTENCE_ENDS) - text.count(".. ")


def barred_rows(rows: list[Row], kept: Sequence[bool] | None = None) -> list[tuple[str, str] | None]:
    """Rows (and which of them the classifier keeps, when only those are asked about) in; for each, the
    role and reason that keep it out of the body whatever the classifier says (never_body), or None."""
    opening = opening_rows(rows)
    return [never_body(row, i < opening) if kept is None or kept[i] else None for i, row in enumerate(rows)]


def unspaced_words(text: str, spaced: int) -> int:
    """A line and its words counted at spaces in; its words out: one per CHARS_PER_WORD characters when it
    is written in a script that spaces none (Chinese, Japanese, Thai), else the spaced count."""
    if len(text) > spaced * UNSPACED_CHARS_PER_SPACED_WORD and max(text[:40]) >= UNSPACED_SCRIPTS:
        return max(spaced, len(text) // CHARS_PER_WORD)
    return spaced


def is_flat_list(row: Row) -> bool:
    """A row in, True if it reads as a list's items joined into one line (FLAT_LIST_WORDS)."""
    if row.sentence or row.words <= TITLE_MAX_WORDS:
        return False
    text = row.text
    if inner_sentence_ends(text) > 0:
        return False
    separators = sum(text.count(mark) for mark in FLAT_LIST_SEPARATORS)
    return separators * FLAT_LIST_WORDS < row.words and is_title_case(text)


def score_rows(page: Page, furniture: frozenset[str]) -> tuple[int, int]:
    """A page in; each row gets its rule and a score (+ article text, - furniture); (lo, hi) of the rows REGION_RULES met out."""
    rows = page.rows
    mark_tables(rows, page.number_ends)
    mark_ordered_lists(rows, page.list_marks)
    # Lines meet only the rules that shape the region (REGION_RULE_NAMES),
    # and only between the first and the last line of text: outside them no
    # article can start or end, and they keep the cost of a short line.
    # settle_region does the rest near the article.
    lo, hi = find_text_span(rows)
    in_links = False
    for row in rows[lo:hi]:
        if len(row.text) > RULE_MAX_CHARS:
            row.checked = True
        else:
            rule = match_rules(REGION_RULES, row)
            if rule:
                row.rule, row.score = rule, RULE_COST[rule]
                in_links = in_links or rule in LINK_LIST_RULES
                continue
        if furniture and row.key and is_furniture(row, furniture):
            # costs what an unknown short line costs, rising with each one in
            # a row: a flat cost would let the region run across a menu the
            # other files taught us, where an unknown menu would stop it
            row.score, row.why = -SHORT_COST, "learned-furniture"
        elif row.seen > 1 and row.words <= REPEAT_MAX_WORDS and not row.sentence:
            row.score, row.why = -SHORT_COST, "repeated-line"
        elif row.score > 0 or row.listed:   # a table row, a list item or a line between items
            pass
        elif row.shape and is_prose(row):
            row.score = row.words
        elif row.sentence and not has_title_case(row):
            row.score = 0.0
        if in_links:
            if row.words >= RESUME_MIN_WORDS and row.sentence:
                in_links = False
            elif not row.why:
                row.score, row.why = min(row.score, -SHORT_COST), "related-link"
    return lo, hi


def find_text_span(rows: list[Row]) -> tuple[int, int]:
    """Rows in, (lo, hi) of the rows an article can reach: from LINK_LOOKBACK above the first line of text to the last."""
    for first, row in enumerate(rows):
        if row.score > 0 or row.shape and is_prose(row):
            break
    else:
        return 0, 0
    last = len(rows) - 1
    while not (rows[last].score > 0 or rows[last].shape and is_prose(rows[last])):
        last -= 1
    return max(0, first - LINK_LOOKBACK), last + 1


def check_rules(rows: list[Row], lo: int, hi: int, span: tuple[int, int]) -> bool:
    """Rows and the span REGION_RULES met in; rows[lo:hi] not yet matched against the whole rule table are. True if one gained a rule."""
    gained = False
    span_lo, span_hi = span
    for i, row in enumerate(rows[max(0, lo):max(0, hi)], max(0, lo)):
        if not row.checked:
            row.checked = True
            if row.rule:                    # a region rule named it: it keeps that name
                continue
            # in the span the region's rules have failed already; the first
            # rule of the table that matches is one of the others
            rules = NON_REGION_RULES if span_lo <= i < span_hi else FURNITURE_RULES
            rule = match_rules(rules, row)
            if rule:
                row.rule, row.score, gained = rule, RULE_COST[rule], True
    return gained


def settle_region(rows: list[Row], span: tuple[int, int]) -> tuple[int, int]:
    """Scored rows and the span REGION_RULES met in, the article region once the lines in and around it have met the whole rule table."""
    # Matching every line against every rule is the slow part of this stage;
    # only the lines that can end up in the article or its head need it. A
    # line that turns out to be furniture changes the scores, so the region
    # is found again until it holds.
    start, end = find_region(rows, span)
    for _ in range(SETTLE_ROUNDS):
        if end <= start or not check_rules(rows, start - TITLE_WINDOW - SECTION_MAX_WORDS, end + CREDIT_WINDOW, span):
            break
        start, end = find_region(rows, span)
    return start, end


def is_prose(row: Row) -> bool:
    """Row in, True if it reads like article text: prose-shaped and not a headline in Title Case."""
    # a line ending in a full stop is no headline, whatever its capitals
    return row.shape and (row.text[-1] == "." or not has_title_case(row))


def mark_tables(rows: list[Row], number_ends: list[int]) -> None:
    """Rows and the indices of those ending in a digit in; rows of a data table (runs of number-heavy lines) get a positive score."""
    run: list[Row] = []
    last = -2
    for i in number_ends + [-1]:
        row = rows[i] if i >= 0 else None  # a table row ends in a number cell
        if row is not None and i == last + 1 and is_table_row(row):
            run.append(row)
        else:
            if len(run) >= TABLE_RUN_MIN:
                for r in run:
                    r.score = r.words * LIST_WEIGHT
            run = [row] if row is not None and is_table_row(row) else []
        last = i


def is_table_row(row: Row) -> bool:
    """Row in, True if it has enough cells and a third of them are numbers."""
    if not TABLE_MIN_CELLS <= row.words <= TABLE_MAX_CELLS:
        return False
    cells = row.text.split()
    numbers = sum(1 for c in cells if c[:1].isdigit())
    return numbers >= TABLE_MIN_NUMBERS and numbers * 3 >= len(cells)


def read_list_number(text: str) -> int:
    """Line in, its ordinal if it opens with a list marker such as '3)' or '3.', else 0."""
    head = text[:5].split(" ", 1)[0]
    if len(head) >= 2 and head[-1] in ")." and head[:-1].isdigit():
        return int(head[:-1])
    return 0


def mark_ordered_lists(rows: list[Row], list_marks: list[tuple[int, int]]) -> None:
    """Rows and (index, ordinal) of those opening with a list marker in; items of a numbered list (1, 2, 3 ... in order) and the lines between them get scores."""
    items: list[int] = []
    for i, n in list_marks + [(len(rows) + LIST_MAX_GAP + 2, 0)]:
        if items and n == len(items) + 1 and i - items[-1] <= LIST_MAX_GAP + 1:
            items.append(i)
            continue
        if len(items) >= LIST_RUN_MIN:
            for j in range(items[0], items[-1] + 1):
                rows[j].score = rows[j].words * LIST_WEIGHT if j in items else 0.0
                rows[j].listed = True
        items = [i] if n == 1 else []


def find_region(rows: list[Row], span: tuple[int, int]) -> tuple[int, int]:
    """Scored rows and the span REGION_RULES met in, (start, end) of the best-scoring run; (0, 0) if none."""
    # Each further unknown line in an unbroken run of short lines costs more
    # than the last, so the region spans a subheading or a caption but not a
    # menu; lines a rule names (an ad label, a read-more link) cost the same
    # wherever they are. The region never crosses a valley deeper than
    # VALLEY_MAX: past it begins another text (a list of teasers), however
    # long. Readers' comments come after the article: once a run of article
    # size is found (more than a standfirst: several lines of text), a
    # comment header ends the search.
    best, best_start, best_end, best_texts = 0.0, 0, 0, 0
    total, start, gap, peak, texts = 0.0, 0, 0, 0.0, 0
    found = False                           # a region of article size
    # Outside the span every line costs (its score is never raised): no run
    # starts or gains there.
    lo, hi = span
    for first, row in enumerate(rows[lo:hi], lo):   # no region starts before the first line of text
        if row.score > 0:
            break
    else:
        return 0, 0
    for i, row in enumerate(rows[first:hi], first):
        score = row.score
        if score < 0:                       # furniture (every line a rule names) or an unknown short line
            if found and row.rule in COMMENT_HEADER_RULES:
                break
            if total <= 0 or peak - total > VALLEY_MAX:
                # a run starting on this line: it costs what the line does
                total, start, gap, peak, texts = score, i, 0 if row.rule else 1, 0.0, 0
            elif row.rule:                  # known furniture: a flat cost
                total += score
            else:
                gap += 1
                total += score * gap
            continue                        # the total fell: no new peak
        if total <= 0 or peak - total > VALLEY_MAX:
            total, start, gap, peak, texts = 0.0, i, 0, 0.0, 0
        if score > 0:
            gap = 0
            texts += 1
        total += score
        if total > peak:
            peak = total
            if total > best:
                best, best_start, best_end, best_texts = total, start, i + 1, texts
                found = best >= ARTICLE_MIN_SCORE and best_texts >= ARTICLE_MIN_LINES
    return best_start, best_end


def trim_head(rows: list[Row], start: int, end: int, title_key: str) -> int:
    """Region in, its start moved past metadata lines found at its head."""
    new_start = start
    for i in range(start, min(end, start + HEAD_TRIM_WINDOW)):
        row = rows[i]
        if row.score > 0 and i > new_start and row.words >= LONG_MIN_WORDS:
            break
        if (row.key and row.key == title_key) or match_meta(row)[:6] in ("byline", "datel"):
            new_start = i + 1
    while new_start < end and rows[new_start].score <= 0:
        new_start += 1
    if new_start + 1 < end and is_lead_caption(rows, new_start, title_key):
        new_start += 1
    return new_start if new_start < end else start


def is_lead_caption(rows: list[Row], i: int, title_key: str) -> bool:
    """Rows and an index in, True if that row is one short sentence between headline and a longer paragraph."""
    # a copied page puts the lead photo's caption right under the headline
    row, after = rows[i], rows[i + 1]
    return (i > 0 and bool(title_key) and rows[i - 1].key == title_key
            and row.words < STANDFIRST_MIN_WORDS and ". " not in row.text
            and after.score > row.words)


def find_title(rows: list[Row], start: int) -> int:
    """Rows and body start in, the index of the headline line, or -1."""
    # Evidence, strongest first: the page's first line (the browser title,
    # "Headline - Site") contains it; the page repeats it; it has a
    # headline's length. Among equals the line nearest the body wins.
    page_title = read_lower(rows[0]) if rows else ""
    best, best_i = 0.0, -1
    for distance, i in enumerate(range(start - 1, max(-1, start - 1 - TITLE_WINDOW), -1)):
        row = rows[i]
        if (row.rule or not row.key or not TITLE_MIN_WORDS <= row.words <= TITLE_MAX_WORDS
                or (row.sentence and row.text.rstrip(CLOSERS)[-1] not in "?!")):
            continue
        score = 1.0 - distance / (2 * TITLE_WINDOW)
        if i > 0 and row.lower in page_title:
            score += 4
        if row.seen > 1 and row.words >= TITLE_USUAL_WORDS[0]:
            score += 2
        if TITLE_USUAL_WORDS[0] <= row.words <= TITLE_USUAL_WORDS[1]:
            score += 1
        if "@" in row.text or row.text[0] in "([":
            score -= 2                      # a handle or a bracketed credit
        # a byline or dateline is no headline; the rule tables are asked last,
        # and only about a line that would win
        if score > best and not match_meta(row):
            best, best_i = score, i
    if best_i >= 0 and rows[best_i].seen > 1:
        # the first of its copies near the body (not the browser title far above)
        return find_first_with_key(rows, rows[best_i].key, max(0, start - TITLE_WINDOW))
    return best_i


def find_first_with_key(rows: list[Row], key: str, lo: int) -> int:
    """Rows, a key and a start index in, the index of the first row from there with that key."""
    return next(i for i in range(lo, len(rows)) if rows[i].key == key)


def label_head(rows: list[Row], start: int, t: int) -> str:
    """Rows, body start and title index in; the head labelled (title, section, standfirst ...), title key out."""
    if t < 0:
        for row in rows[max(0, start - TITLE_WINDOW):start]:
            label_meta(row)
        return ""
    title = rows[t]
    for row in rows[:start] if title.seen > 1 else (title,):   # the title's copies, if it has any
        if row.key == title.key:
            row.role, row.why = "title", "title"
    if t > 0:
        above = rows[t - 1]
        if (above.role == "boilerplate" and not above.rule and above.words <= SECTION_MAX_WORDS
                and not above.sentence and not any(c.isdigit() for c in above.text)
                and not match_meta(above)):
            above.role, above.why = "section", "section-above-title"
    for row in rows[max(0, t - META_ABOVE_TITLE):t]:
        label_meta(row)
    standfirst = False
    for row in rows[t + 1:start]:
        if row.role != "boilerplate" or row.rule:
            continue
        if label_meta(row):
            continue
        if not standfirst and row.words >= STANDFIRST_MIN_WORDS:
            row.role, row.why, standfirst = "standfirst", "standfirst-after-title", True
        elif row.sentence and row.words >= GOOD_MIN_WORDS:
            row.role, row.why = "caption", "caption-before-body"
    return title.key


def label_meta(row: Row) -> bool:
    """Row in; if a metadata rule matches, give it that rule's role. True if it did."""
    if row.rule or row.role != "boilerplate":
        return False
    name = match_meta(row)
    if not name:
        return False
    row.role, row.why = name.split("-", 1)[0], name
    return True


def label_body(rows: list[Row], start: int, end: int, title_key: str) -> None:
    """Rows of the body region in; each labelled body, heading, item, caption or boilerplate."""
    for i in range(start, end):
        row = rows[i]
        if row.rule:
            row.why = row.rule
            continue
        if row.key and row.key == title_key:
            row.role, row.why = "title", "title-repeat"
            continue
        if row.why:                         # repeated line or related link
            continue
        # article text can only be claimed by a caption rule
        meta = match_meta(row) if row.score <= 0 else match_caption(row)
        if meta and meta.startswith("caption"):
            row.role, row.why = "caption", meta
        elif meta and meta.startswith(("dateline", "byline", "credit")) and not row.sentence:
            row.role, row.why = meta.split("-", 1)[0], meta
        elif row.listed:
            row.role, row.why = "item", "numbered-list"
        elif row.score > 0 or row.sentence:
            row.role, row.why = "body", "article-text"
        else:
            row.role, row.why = SHORT, ""       # settled by label_short_run
    for i in range(start + 1, end):
        # a photo credit on its own line follows the caption it belongs to
        row, above = rows[i], rows[i - 1]
        if (row.role == "caption" and row.words <= PHOTO_CREDIT_MAX_WORDS
                and above.role == "body" and above.words <= CAPTION_MAX_WORDS):
            above.role, above.why = "caption", "caption-above-credit"
    i = start
    while i < end:
        if rows[i].role != SHORT:
            i += 1
            continue
        j = i
        while j < end and rows[j].role == SHORT:
            j += 1
        label_short_run(rows, i, j, end)
        i = j


def label_short_run(rows: list[Row], i: int, j: int, end: int) -> None:
    """A run rows[i:j] of short non-sentence lines inside the body in; each labelled."""
    run = rows[i:j]
    followed_by_body = j < end and rows[j].role == "body"
    if len(run) >= LIST_RUN_MIN:
        links = sum(1 for row in run if has_title_case(row))
        role, why = (("boilerplate", "link-list") if links * 2 > len(run)
                     else ("item", "list-run"))
        for row in run:
            row.role, row.why = role, why
        return
    for k, row in enumerate(run):
        if row.seen > 1:
            row.role, row.why = "boilerplate", "repeated-line"
        elif row.words > HEADING_MAX_WORDS and not has_title_case(row):
            row.role, row.why = "body", "unpunctuated-sentence"
        elif k == len(run) - 1 and followed_by_body and row.words <= HEADING_MAX_WORDS:
            row.role, row.why = "heading", "subheading"
        else:
            row.role, row.why = "body", "short-line"


def find_author(rows: list[Row], start: int) -> str:
    """Rows and body start in, the author's name from the byline above the body, or ''."""
    for row in rows[:start]:
        if row.role == "byline":
            words = []
            for word in row.text.split()[1:]:          # after "By"
                if not word[:1].isupper() or word[:1].isdigit():
                    break
                words.append(word.rstrip(",|;:"))
                if word[-1:] in ",|;:":
                    break
            if len(words) >= 2:
                return " ".join(words)
    return ""


def drop_author_bio(rows: list[Row], start: int, end: int) -> None:
    """Rows of the body in; closing paragraphs that introduce the byline's author relabelled as boilerplate."""
    # "Jane Doe is a reporter covering ..." under the article is the author box
    author = find_author(rows, start)
    if not author:
        return
    for row in rows[max(start, end - AUTHOR_BIO_WINDOW):end]:
        if row.role == "body" and row.text.startswith(author + " ") and " is " in row.text[:len(author) + 40]:
            row.role, row.why = "boilerplate", "author-bio"


def label_tail(rows: list[Row], end: int) -> None:
    """Rows after the body in; wire credits near the end labelled."""
    for row in rows[end:end + CREDIT_WINDOW]:
        if row.rule:
            break
        if match_meta(row).startswith("credit"):
            row.role, row.why = "credit", row.meta


def clean_urls(text: str) -> str:
    """Line in, the same line with tracking parameters stripped from its URLs."""
    if "://" not in text:
        return text
    return URL_RX.sub(lambda m: strip_tracking_params(m.group(0)), text)


def strip_text_boilerplate(text: str, furniture: frozenset[str] = frozenset()) -> Extraction:
    """Copied page text (and furniture keys learned across files) in, the article body and a role per line out."""
    page = read_page(text, normalise_layout(text))
    rows = page.rows
    start, end = label_rows(page, furniture)
    start, end = classify_rows(page, (start, end))
    blocks = tuple([Block(BODY_KIND[row.role], part)
                    for row in rows[start:end] if row.role in BODY_KIND    # no other row is labelled body
                    for part in paragraphs(read_block_text(row, page))])
    return Extraction(blocks=blocks, lines=make_lines(rows))


def label_rows(page: Page, furniture: frozenset[str], every_rule: bool = True) -> tuple[int, int]:
    """A page in; every row labelled by the rule tables and heuristics; (start, end) of their body region.

    With every_rule, every line meets the whole rule table (the classifier
    reads each line's verdict); else only the lines in and near the region.
    """
    rows = page.rows
    span = score_rows(page, furniture)
    start, end = settle_region(rows, span)
    if end <= start:
        for row in rows:
            row.why = row.rule or "no-article-region"
        if every_rule:
            check_rules(rows, 0, len(rows), span)
        return 0, 0
    check_rules(rows, start - TITLE_WINDOW - SECTION_MAX_WORDS, end + CREDIT_WINDOW, span)
    t = find_title(rows, start)
    body_start = trim_head(rows, start, end, rows[t].key if t >= 0 else "")
    if body_start != start:
        start, t = body_start, find_title(rows, body_start)
    title_key = label_head(rows, start, t)
    label_body(rows, start, end, title_key)
    drop_author_bio(rows, start, end)
    label_tail(rows, end)
    if every_rule:
        check_rules(rows, 0, len(rows), span)
    return start, end


def rule_features(page: Page, region: tuple[int, int]) -> "np.ndarray":
    """A labelled page and its rule-based region in, the classifier's feature matrix."""
    for row in page.rows:
        match_short_meta(row)
    return page_matrix(page.rows, region)


def classify_rows(page: Page, region: tuple[int, int]) -> tuple[int, int]:
    """A page labelled by the rules in; the learned classifier decides which lines are the body; (start, end) of the rows that can hold body lines."""
    # The rules keep the roles metadata.py reads (title, byline, caption ...);
    # whether any other line is article text is the classifier's call. A line
    # it keeps that the rules dropped says so, with its probability; a line
    # it drops says why (classify_text.explain).
    rows = page.rows
    if not rows:
        return region
    model = load_model()
    x = rule_features(page, region)
    rule_body = np.array([row.role in BODY_KIND for row in rows])     # read by both decodings
    vetoed = [bool(row.rule) or row.why in RULE_DROPS_KEPT for row in rows]
    x, p = model.rescore(x, model.scores(x), rule_body, [row.text for row in rows], [row.role for row in rows], vetoed)
    decided = model.decide(x, p, rule_body).tolist()   # Python bools: no numpy scalar per row
    # what keeps a kept row out of the body whatever the classifier says;
    # such a row below the article's last likely line also ends the article
    barred = barred_rows(rows, decided)
    keep = cut_article_end(p, np.array(decided), [v or bool(b) for v, b in zip(vetoed, barred)]).tolist()
    for i, (row, kept_row) in enumerate(zip(rows, keep)):
        dropped = kept_row and row.role not in RULE_ROLES_KEPT and barred[i]
        if dropped:
            row.role, row.why = dropped
        elif kept_row:
            if row.role in BODY_KIND or row.role in RULE_ROLES_KEPT or row.rule or row.why in RULE_DROPS_KEPT:
                continue
            row.role, row.why = "body", "classifier: p=%.2f" % p[i]
        elif row.role in BODY_KIND:
            row.role, row.why = "boilerplate", (explain(x[i], float(p[i])) if not decided[i] else
                                                "classifier: p=%.2f, below the article's end" % p[i])
    kept = [i for i, row in enumerate(rows) if row.role in BODY_KIND]
    return (kept[0], kept[-1] + 1) if kept else (0, 0)


def read_block_text(row: Row, page: Page) -> str:
    """A body row and its page in, the row's text without its URLs' tracking parameters."""
    if not page.has_urls:
        return row.text
    clean_line = page.cleaned.get(row.text)
    return clean_urls(row.text) if clean_line is None else clean_line


def make_lines(rows: list[Row]) -> tuple[Line, ...]:
    """Labelled rows in, one Line per row out; a row no test labelled is dropped by its rule or as outside the article."""
    # tuple.__new__ is what Line(...) calls in the end, without the named
    # tuple's Python-level __new__ in between
    new_tuple = tuple.__new__
    return tuple([new_tuple(Line, (row.number, row.text, row.role,
                                   row.why or row.checked and row.rule or "outside-article"))
                  for row in rows])


def label_by_rules(text: str) -> list[Row]:
    """One raw text in; its rows labelled by the rule tables and heuristics alone (no classifier).

    The furniture step's pass: the lines the rules drop are the candidates
    for an outlet's furniture, and the classifier reads the furniture they
    make, so it does not decide what they are.
    """
    page = read_page(text, normalise_layout(text))
    label_rows(page, frozenset(), every_rule=False)
    return page.rows
