"""The learned line classifier of the text cleaner: which lines are the article body.

clean_text.py reads a page into rows and gives every row what the rule
tables say of it (the rule that names it, the role the rule-based labelling
gives it, its repetition in the page and across its source's files). This
module turns each row into a feature vector (its own shape, the rule
verdicts, its neighbours and its place in the page), scores it with
gradient-boosted trees trained on many sites, scores it again in a second
pass that sees the page as blocks (the candidate regions the first scores
make, and each line's region among them), and decodes the scores into a
coherent article with a two-state Viterbi pass.

Both passes' trees were trained by benchmarks/train_text.py (`make train`)
and ship as models/text.json; they are evaluated here with numpy, every
line and every tree at once, so no learning library is needed at run time.
The model is read once per process, on first use.
"""
from __future__ import annotations

import itertools
import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .model import BODY_ROLES

MODEL_PATH = Path(__file__).resolve().parent / "models" / "text.json"
WORD = re.compile(r"\w+")
# The same words found faster: a byte table that makes every ASCII byte \w
# does not match a space, over UTF-8 (word_set).
WORD_SPLIT = bytes(b if b >= 128 or chr(b).isalnum() or b == 95 else 32 for b in range(256))

# Rule families of rules.py (a rule's name up to its first "-") that get a
# feature of their own; any other rule counts under "other".
RULE_FAMILIES = ("share", "page", "nav", "comments", "related", "footer", "media", "cookie",
                 "ad", "reaction", "read", "continue", "newsletter", "app", "digits")
META_FAMILIES = ("credit", "dateline", "byline", "caption")
# Roles the rule-based labelling gives (clean_text.label_*), and the
# "why" of its repetition tests.
RULE_ROLES = ("body", "heading", "item", "title", "standfirst", "byline", "dateline", "credit",
              "section", "caption", "boilerplate")
WHYS = ("learned-furniture", "repeated-line", "related-link", "link-list", "list-run",
        "subheading", "short-line", "unpunctuated-sentence", "numbered-list")

# Closing quotes and brackets that may follow a sentence's end (clean_text.py reads them too).
CLOSERS = "\"'”’»)]】」"
DIGIT_CHARS = "0123456789"
BULLETS = "-*•·>–—▪►"
STOP_CHARS = 400                          # a long line's stop words are counted in its first characters
LINE_STOP_WORDS = frozenset("""
a about after all also an and any are as at be because been but by can could did do does for from had
has have he her his how i if in into is it its may more most no not of on one or other our out she so
some such than that the their them then there these they this those to up was we were what when which
who will with would you your
""".split())


# Per-row features, in the order of the model's columns.
ROW_FEATURES = (
    "log_chars", "log_words", "sentence", "ends_colon", "ends_question", "ends_ellipsis",
    "punct_ratio", "digit_ratio", "upper_ratio", "cjk_ratio", "commas_per_word", "sentences",
    "stop_ratio", "short_word_ratio", "mean_word_len", "title_case", "starts_digit",
    "starts_bullet", "separators", "urlish", "copyright", "seen", "furniture", "rule_score",
    "prose", "in_rule_region", "rule_any",
    *(f"rule_{f}" for f in RULE_FAMILIES), "rule_other",
    *(f"meta_{f}" for f in META_FAMILIES),
    *(f"role_{r}" for r in RULE_ROLES),
    *(f"why_{w}" for w in WHYS),
)
# Page-level and position features added to every row.
PAGE_FEATURES = ("pos", "pos_words", "words_before_log", "words_after_log", "page_words_log",
                 "page_lines_log", "share_of_page", "dist_region", "run_words_log", "run_lines_log",
                 "run_share")
# Neighbours whose own features join a row's (offset, feature names).
NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
NEIGHBOUR_FEATURES = ("log_words", "sentence", "rule_any", "prose", "title_case", "punct_ratio",
                      "stop_ratio", "role_body", "seen")
WINDOWS = (2, 5, 12)                      # window sums of prose words around a row
# Where the article ends. Readers' comments follow it and read like it;
# what gives them away is their rhythm: a name line ending in a colon ("X
# says:"), a timestamp, text, again and again, under a comment header. Each
# row counts these marks above it and near it (datelines and short colon
# lines are told by the rules and by punctuation, so in any script), and how
# often text and short lines alternate around it.
CONTEXT_FEATURES = ("datelines_above", "datelines_w6", "comment_rules_above", "comment_rules_w8",
                    "colon_lines_above", "colon_lines_w6", "alternation_w3", "alternation_w6")
MARK_WINDOW = 6                           # lines either side counted for datelines and colon lines
COMMENT_WINDOW = 8                        # the same for comment rules
COLON_MAX_WORDS = 6                       # a colon line this short introduces a speaker ("X says:")


# Character classes, one bit each, looked up for every code point of the
# Basic Multilingual Plane at once (char_counts).
SPACE, PUNCT, CJK, DIGIT, UPPER, COMMA, SENTENCE_END, SEPARATOR = (1 << k for k in range(8))


def class_table() -> np.ndarray:
    table = np.zeros(0x10000, dtype=np.uint8)
    for c in " \t\u00a0\u3000":
        table[ord(c)] |= SPACE
    for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00ab\u00bb\u00b7\u00a9":
        table[ord(c)] |= PUNCT
    table[0x2010:0x205f] |= PUNCT
    table[0x3001:0x3040] |= PUNCT
    table[0xff01:0xff10] |= PUNCT
    for lo, hi in ((0x3040, 0x3100), (0x3400, 0xa000), (0xac00, 0xd7b0), (0xf900, 0xfb00)):
        table[lo:hi] |= CJK
    table[48:58] |= DIGIT
    for lo, hi in ((65, 91), (0xc0, 0xdf), (0x391, 0x3aa), (0x410, 0x430)):
        table[lo:hi] |= UPPER
    table[ord(",")] |= COMMA
    for c in ".!?\u3002\uff01\uff1f":
        table[ord(c)] |= SENTENCE_END
    for c in "|\u00bb\u203a\u2022\u00b7/":
        table[ord(c)] |= SEPARATOR
    return table


CLASS_TABLE = class_table()
COUNTED = ("spaces", "punct", "cjk", "digits", "upper", "commas", "sentences", "separators", "words", "short")


def char_counts(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Lines in; per-line counts of character classes, words and short words (one row per COUNTED name), and of characters (numpy, the whole page at once)."""
    n = len(texts)
    joined = "\n".join(texts) + "\n"
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    cls = CLASS_TABLE.take(np.minimum(cp, 0xffff))
    newline = cp == 10
    ends = np.flatnonzero(newline)                    # one per line
    space = (cls & SPACE) != 0
    cjk = (cls & CJK) != 0
    brk = space | newline
    prev_brk = np.empty_like(brk)
    prev_brk[0] = True
    prev_brk[1:] = brk[:-1]
    starts = ~brk & prev_brk                          # a word starts after a break
    sentence_break = np.zeros(len(cp), dtype=bool)
    sentence_break[:-1] = ((cls[:-1] & SENTENCE_END) != 0) & (brk[1:] | cjk[:-1])
    # a short word (three characters at most) has a break within three
    # characters of its start (the text ends in one)
    after = np.ones(len(cp) + 3, dtype=bool)
    after[:len(cp)] = brk
    short = starts & (after[1:len(cp) + 1] | after[2:len(cp) + 2] | after[3:len(cp) + 3])
    masks = np.array([space, (cls & PUNCT) != 0, cjk, (cls & DIGIT) != 0, (cls & UPPER) != 0,
                       (cls & COMMA) != 0, sentence_break, (cls & SEPARATOR) != 0, starts, short])
    line_starts = np.empty(n, dtype=np.int64)       # every line holds at least its newline
    line_starts[0] = 0
    line_starts[1:] = ends[:-1] + 1
    counts = np.add.reduceat(masks.view(np.uint8), line_starts, axis=1, dtype=np.int32).astype(np.float64)
    return counts, (ends - line_starts).astype(np.float64)


CATEGORIES = (tuple(f"rule:{f}" for f in RULE_FAMILIES) + ("rule:other",)
              + tuple(f"meta:{f}" for f in META_FAMILIES) + tuple(f"role:{r}" for r in RULE_ROLES)
              + tuple(f"why:{w}" for w in WHYS))
CATEGORY = {name: i for i, name in enumerate(CATEGORIES)}
# Where each part of a row's features sits in page_matrix's columns.
ROW = {name: i for i, name in enumerate(ROW_FEATURES)}
CATEGORY_START = ROW_FEATURES.index(f"rule_{RULE_FAMILIES[0]}")
PAGE_START = len(ROW_FEATURES)
NEIGHBOUR_START = PAGE_START + len(PAGE_FEATURES)
WINDOW_START = NEIGHBOUR_START + len(NEIGHBOURS) * len(NEIGHBOUR_FEATURES)
CONTEXT_START = WINDOW_START + 3 * len(WINDOWS)
# The true/false features, filled from one byte string in this order (row_columns).
FLAG_FEATURES = ("sentence", "ends_colon", "ends_question", "ends_ellipsis", "title_case", "starts_digit",
                 "starts_bullet", "urlish", "copyright", "furniture", "prose", "rule_any")
FLAG_ROWS = [ROW[name] for name in FLAG_FEATURES]
# Counts (char_counts rows) divided by a line's characters, and by its words.
PER_CHAR = ([ROW[name] for name in ("punct_ratio", "digit_ratio", "upper_ratio", "cjk_ratio")],
            [COUNTED.index(name) for name in ("punct", "digits", "upper", "cjk")])
PER_WORD = ([ROW[name] for name in ("commas_per_word", "separators")],
            [COUNTED.index(name) for name in ("commas", "separators")])


def row_columns(rows: Sequence, region: tuple[int, int], out: np.ndarray) -> None:
    """The rows of a page (their rule verdicts filled in), the rule-based region and a zeroed page matrix, one row per feature, in; its ROW_FEATURES rows filled."""
    # The matrix is built one feature a row (the transpose of page_matrix's),
    # so that a feature is one contiguous row and features computed alike are
    # filled by one numpy call: on a page of a few hundred lines the calls,
    # not the arithmetic, are the cost.
    texts = [row.text for row in rows]
    counts, raw_chars = char_counts(texts)
    n = len(rows)
    chars = np.maximum(raw_chars, 1.0)
    words = counts[COUNTED.index("words")] + counts[COUNTED.index("cjk")]   # CJK counted in characters
    w = np.maximum(words, 1.0)
    is_stop = LINE_STOP_WORDS.__contains__
    stop = [sum(map(is_stop, tokens)) / (len(tokens) or 1)
            for tokens in [(row.lower if row.lower is not None else row.text[:STOP_CHARS].lower()).split()
                           for row in rows]]
    # every true/false feature at once, a row's in FLAG_FEATURES order (one
    # pass over the rows: a pass costs more than a test)
    flags = np.frombuffer(bytes(itertools.chain.from_iterable([
        (row.sentence, last == ":", last in "?？", tail.endswith(("...", "…")), bool(row.caps),
         first in DIGIT_CHARS, first in BULLETS, "://" in text or "www." in text or "@" in text, "©" in text,
         row.why == "learned-furniture", row.shape, row.rule != "")
        for row in rows for text in (row.text,) for tail in (text.rstrip(CLOSERS),)
        for last in (tail[-1:],) for first in (text[0],)])), dtype=np.uint8).reshape(n, len(FLAG_FEATURES))
    out[FLAG_ROWS] = flags.T
    # rule verdicts: one column per rule family, metadata rule, role and "why"
    j = np.fromiter(itertools.chain(map(RULE_COLUMN.__getitem__, [row.rule for row in rows]),
                                    map(META_COLUMN.__getitem__, [row.meta for row in rows]),
                                    map(ROLE_COLUMN.__getitem__, [row.role for row in rows]),
                                    map(WHY_COLUMN.__getitem__, [row.why for row in rows])), dtype=np.int64, count=4 * n)
    hit = np.flatnonzero(j >= 0)
    out[CATEGORY_START + j[hit], hit % n] = 1.0
    start, end = region
    out[ROW["log_chars"]] = np.log1p(raw_chars)
    out[ROW["log_words"]] = np.log1p(words)
    out[PER_CHAR[0]] = counts[PER_CHAR[1]] / chars
    out[PER_WORD[0]] = counts[PER_WORD[1]] / w
    out[ROW["sentences"]] = counts[COUNTED.index("sentences")] + out[ROW["sentence"]]
    out[ROW["stop_ratio"]] = stop
    out[ROW["short_word_ratio"]] = counts[COUNTED.index("short")] / np.maximum(counts[COUNTED.index("words")], 1)
    out[ROW["mean_word_len"]] = (raw_chars - counts[COUNTED.index("spaces")]) / w
    out[ROW["seen"]] = np.log(np.fromiter([row.seen for row in rows], dtype=np.float64, count=n))
    out[ROW["rule_score"]] = clip(np.fromiter([row.score for row in rows], dtype=np.float64, count=n), -10, 100)
    out[ROW["in_rule_region"], start:end] = 1.0


def clip(a: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Array and bounds in, the array clipped to them: np.clip's values (NaN stays NaN), without its per-call checks."""
    return np.minimum(np.maximum(a, lo), hi)


class ColumnOf(dict):
    """A rule's, role's or why's name -> its CATEGORIES column (-1 for none), worked out once per name."""

    def __init__(self, prefix: str, family: bool = False, other: int = -1) -> None:
        super().__init__()
        self.prefix, self.family, self.other = prefix, family, other

    def __missing__(self, name: str | None) -> int:
        key = name.split("-", 1)[0] if self.family and name else name
        self[name] = j = CATEGORY.get(self.prefix + key, self.other) if name else -1
        return j


RULE_COLUMN = ColumnOf("rule:", family=True, other=CATEGORY["rule:other"])
META_COLUMN = ColumnOf("meta:", family=True)
ROLE_COLUMN = ColumnOf("role:")
WHY_COLUMN = ColumnOf("why:")


def page_matrix(rows: Sequence, region: tuple[int, int]) -> np.ndarray:
    """The rows of one page and the rule-based region in, the classifier's feature matrix."""
    start, end = region
    if not len(rows):
        return np.zeros((0, stack_width()))
    n = len(rows)
    # transposed: one row per feature; the second pass's rows left free for it (stack_columns)
    m = np.zeros((stack_width(), n))
    row_columns(rows, region, m)
    words = np.expm1(m[ROW["log_words"]])
    prose = m[ROW["prose"]]
    total = max(words.sum(), 1.0)
    before = words.cumsum() - words
    idx = np.arange(n)
    if end > start:
        dist = np.where(idx < start, idx - start, np.where(idx >= end, idx - end + 1, 0))
    else:
        dist = np.full(n, 99)
    # the run of prose lines a row is in (0 if it is not prose)
    run_id = np.concatenate(([1], (prose[1:] != prose[:-1]).astype(int))).cumsum()
    run_words = np.bincount(run_id, weights=words * prose)[run_id]
    run_lines = np.bincount(run_id, weights=prose)[run_id]
    m[PAGE_START:NEIGHBOUR_START] = [
        idx / max(n - 1, 1), before / total, np.log1p(before), np.log1p(total - before - words),
        np.full(n, math.log1p(total)), np.full(n, math.log1p(n)), words / total,
        clip(dist, -50, 50), np.log1p(run_words), np.log1p(run_lines), run_words / total,
    ]
    pad = max(abs(o) for o in NEIGHBOURS)
    width = len(NEIGHBOUR_FEATURES)
    padded = np.full((width, n + 2 * pad), -1.0)
    padded[:, pad:pad + n] = m[[ROW[f] for f in NEIGHBOUR_FEATURES]]
    for k, o in enumerate(NEIGHBOURS):
        m[NEIGHBOUR_START + k * width:NEIGHBOUR_START + (k + 1) * width] = padded[:, pad + o:pad + o + n]
    # every window sum of the page from one running sum: prose words, prose
    # lines, rule lines (WINDOWS), datelines and colon lines (MARK_WINDOW),
    # comment rules (COMMENT_WINDOW), prose flips (3 and 6)
    flips = np.zeros(n)
    flips[1:] = prose[1:] != prose[:-1]
    marks = np.array([np.maximum(m[ROW["role_dateline"]], m[ROW["meta_dateline"]]), m[ROW["rule_comments"]],
                      m[ROW["ends_colon"]] * (words <= COLON_MAX_WORDS)])      # datelines, comment rules, colon lines
    summed = np.array([words * prose, prose, m[ROW["rule_any"]], marks[0], marks[1], marks[2], flips])
    running = np.zeros((len(summed), n + 1))
    summed.cumsum(axis=1, out=running[:, 1:])
    # every row's window sums for every width at once: sums[row, width, line]
    spans = np.array(WINDOWS + (MARK_WINDOW, COMMENT_WINDOW, 3, 6))[:, None]
    sums = running[:, np.minimum(idx + spans + 1, n)] - running[:, np.maximum(idx - spans, 0)]
    for k, w in enumerate(WINDOWS):
        at = WINDOW_START + 3 * k
        m[at] = np.log1p(sums[0, k])
        m[at + 1:at + 3] = sums[1:3, k] / (2 * w + 1)
    # the marks of readers' comments above and around each row
    mark, comment, flip3, flip6 = len(WINDOWS), len(WINDOWS) + 1, len(WINDOWS) + 2, len(WINDOWS) + 3
    above = np.log1p(running[3:6, :n])      # the marks above a row (counts: exact in any order)
    near_marks = sums[[3, 5], mark] / (2 * MARK_WINDOW + 1)
    m[CONTEXT_START:CONTEXT_START + len(CONTEXT_FEATURES)] = [
        above[0], near_marks[0], above[1], sums[4, comment] / (2 * COMMENT_WINDOW + 1),
        above[2], near_marks[1], sums[6, flip3] / 7, sums[6, flip6] / 13,
    ]
    return m.T


def feature_width() -> int:
    return (len(ROW_FEATURES) + len(PAGE_FEATURES) + len(NEIGHBOURS) * len(NEIGHBOUR_FEATURES)
            + 3 * len(WINDOWS) + len(CONTEXT_FEATURES))


def feature_names() -> list[str]:
    names = list(ROW_FEATURES) + list(PAGE_FEATURES)
    for o in NEIGHBOURS:
        names += [f"{f}@{o:+d}" for f in NEIGHBOUR_FEATURES]
    for k in WINDOWS:
        names += [f"prose_words_w{k}", f"prose_share_w{k}", f"rule_share_w{k}"]
    return names + list(CONTEXT_FEATURES)


FEATURE_COLUMN = {name: i for i, name in enumerate(feature_names())}


# --- Trees ------------------------------------------------------------------

class Forest:
    """Gradient-boosted trees as arrays: every row and every tree walked at once."""

    def __init__(self, spec: dict) -> None:
        feature, threshold = spec["feature"], spec["threshold"]
        value, left, right = spec["value"], spec["left"], spec["right"]
        trees = len(feature)
        # Every tree made complete to one depth, its levels laid out a level a
        # table, a tree's nodes of a level side by side: the children of node
        # j of a level are 2j and 2j + 1 of the next, so a step down is
        # next = 2 * j + (value > threshold), with no table of children to
        # look up. A leaf above the last level becomes a node that always
        # goes left (an infinite threshold) over copies of itself: the path
        # ends on a leaf of the same value. (Two levels at least: the first
        # two are decided a feature row at a time, raw.)
        self.depth = depth = max(int(spec["depth"]), 2)
        self.level_feature = [np.zeros(trees << d, dtype=np.int64) for d in range(depth)]
        self.level_threshold = [np.full(trees << d, np.inf) for d in range(depth)]
        self.leaf_value = np.zeros(trees << depth)
        for t in range(trees):
            stack = [(0, 0, 0)]                     # (node, level, place in the level)
            while stack:
                i, d, j = stack.pop()
                leaf = left[t][i] == right[t][i]
                if d == depth:
                    self.leaf_value[(t << d) + j] = value[t][i]
                    continue
                if not leaf:
                    self.level_feature[d][(t << d) + j] = feature[t][i]
                    self.level_threshold[d][(t << d) + j] = threshold[t][i]
                stack += [(i if leaf else left[t][i], d + 1, 2 * j), (i if leaf else right[t][i], d + 1, 2 * j + 1)]
        self.base = float(spec.get("base", 0.0))
        self.trees = trees
        # the first two levels' thresholds, a column to compare whole feature rows with
        self.root_threshold = self.level_threshold[0][:, None]
        self.child_threshold = self.level_threshold[1].reshape(trees, 2, 1)
        self.child_feature = self.level_feature[1].reshape(trees, 2)
        self.tree_base = (np.arange(trees, dtype=np.int64) << 2)[:, None]

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Feature matrix in, the summed leaf values (log-odds) per row."""
        n, width = x.shape
        trees = self.trees
        if x.T.flags.c_contiguous and x.dtype == np.float64:   # page_matrix's layout: a feature a row
            flat, column_step, row_step = x.T.ravel(), n, 1
        else:
            x = np.ascontiguousarray(x, dtype=np.float64)
            flat, column_step, row_step = x.ravel(), 1, width
        by_feature = x.T
        # Every row meets the same roots and the same two nodes below each:
        # those two levels are decided a feature row at a time (a whole row
        # of the transposed matrix) rather than one value per row and tree.
        right = by_feature.take(self.level_feature[0], axis=0) > self.root_threshold       # (tree, row)
        below = by_feature.take(self.child_feature, axis=0) > self.child_threshold          # (tree, child, row)
        # the place in the tree's level 2, 2 * right + the child's verdict, worked out in bytes
        place = np.where(right, below[:, 1], below[:, 0]).view(np.uint8)
        place |= right.view(np.uint8) << 1
        node = (self.tree_base + place).T.ravel()     # row by row, a row's trees in order
        if self.depth > 2:
            rows = np.arange(0, n * row_step, row_step).repeat(trees)
            # every index is in range by construction, so clipping changes
            # none: numpy's take clips faster than it checks (mode="raise")
            for d in range(2, self.depth):
                at = (self.level_feature[d] * column_step).take(node, mode="clip")
                at += rows
                values = flat.take(at, mode="clip")
                right = values > self.level_threshold[d].take(node, mode="clip")
                node <<= 1
                node += right
        # a row's leaf values side by side, summed by one reduction a row
        return self.leaf_value.take(node, mode="clip").reshape(n, trees).sum(axis=1) + self.base

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(x)))


def forest_from_lightgbm(dump: dict) -> dict:
    """LightGBM's dump_model() in, the array spec Forest reads (leaves as self-looping nodes)."""
    trees = []
    depth = 0
    for info in dump["tree_info"]:
        feature, threshold, left, right, value = [], [], [], [], []

        def add(node: dict, d: int) -> int:
            nonlocal depth
            i = len(feature)
            feature.append(0)
            threshold.append(0.0)
            left.append(i)
            right.append(i)
            value.append(0.0)
            if "leaf_value" in node:
                threshold[i] = math.inf
                value[i] = node["leaf_value"]
                depth = max(depth, d)
                return i
            feature[i] = node["split_feature"]
            threshold[i] = node["threshold"]
            left[i] = add(node["left_child"], d + 1)
            right[i] = add(node["right_child"], d + 1)
            return i

        add(info["tree_structure"], 0)
        trees.append((feature, threshold, left, right, value))
    width = max(len(t[0]) for t in trees)

    def padded(k: int, fill):
        return [t[k] + [fill] * (width - len(t[k])) for t in trees]

    return {"feature": padded(0, 0), "threshold": padded(1, math.inf), "left": padded(2, 0),
            "right": padded(3, 0), "value": padded(4, 0.0), "depth": depth}


# --- Second pass: the page around each line --------------------------------
#
# The trees above judge a line by itself and its near neighbours. Most of
# what they still get wrong is a whole block: readers' comments, a teaser
# list or a footer taken for the article, or a short article passed over.
# The second pass sees the page as blocks: it cuts the page into candidate
# regions (runs of lines the first trees find likely, joined over short
# gaps), describes each region (its size and weight against the page's
# other regions, its shape, the comment marks above it, the headline's words
# in it), and scores every line again from its first score, its neighbours'
# and its region's. Trained on the first trees' cross-validated scores.
REGION_MIN_P = 0.25                       # a line this likely (or kept by the first decoding) is a region's
REGION_GAP = 2                            # lines of a gap that still join two runs into one region
HEAD_LINES = 3                            # a region's first lines, where the headline's words are looked for
STACK_NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
STACK_WINDOWS = (2, 5, 12, 30)            # window means of the first scores, weighed by words
REGION_FEATURES = (
    "reg_words_log", "reg_lines_log", "reg_p_mean", "reg_p_max", "reg_p_wmean", "reg_p_high",
    "reg_kept_share", "reg_share_of_kept", "reg_prose", "reg_sentence", "reg_stop", "reg_title_case",
    "reg_separators", "reg_short_lines", "reg_ellipsis", "reg_furniture", "reg_seen", "reg_in_rule_region",
    "reg_rule_any", "reg_rule_body", "reg_start", "reg_end", "reg_words_before", "reg_words_after",
    "reg_share_of_page", "reg_rank_words", "reg_rank_mass", "reg_words_vs_largest", "reg_mass_vs_largest",
    "regions", "reg_index", "reg_index_from_end", "reg_comment_rules_above", "reg_datelines_above",
    "reg_colon_lines_above", "reg_comment_rules", "reg_datelines", "reg_alternation",
    "reg_headline_in_head", "reg_headline_in", "reg_below_headline", "reg_after_heading", "reg_cjk",
    "reg_digits", "reg_urlish", "reg_max_words", "in_region",
)
STACK_FEATURES = ("p_logit", *(f"p_logit@{o:+d}" for o in STACK_NEIGHBOURS),
                  *(f"p_mean_w{k}" for k in STACK_WINDOWS), "p_mass_above", "p_vs_page_max", "page_p_max",
                  "p_rank", "kept_first", "page_kept_words_log", "page_p_mass_log")
# Row features a region averages over its lines (plain mean, or weighed by words).
REGION_MEANS = ("title_case", "separators", "ends_ellipsis", "furniture", "rule_any", "cjk_ratio", "digit_ratio",
                "urlish", "rule_comments", "alternation_w3")
REGION_WORD_MEANS = ("prose", "sentence", "stop_ratio", "in_rule_region")


def find_regions(p: np.ndarray, keep: np.ndarray, vetoed: np.ndarray) -> np.ndarray:
    """First scores, the first decoding's keep mask and the lines a rule drops in; (start, end) of each candidate region."""
    cand = ((p >= REGION_MIN_P) | keep) & ~vetoed
    idx = np.flatnonzero(cand)
    if not len(idx):
        return np.zeros((0, 2), dtype=np.int64)
    cut = np.flatnonzero(idx[1:] - idx[:-1] > REGION_GAP + 1)
    starts = idx[np.concatenate(([0], cut + 1))]
    ends = idx[np.concatenate((cut, [len(idx) - 1]))] + 1
    return np.column_stack([starts, ends])


def logit(p: np.ndarray) -> np.ndarray:
    q = clip(p, 1e-4, 1 - 1e-4)
    return np.log(q) - np.log1p(-q)


LOGIT_FLOOR = logit(np.zeros(1))[0]       # the log-odds of a score of 0 (a neighbour past the page's ends)


def region_columns(x: np.ndarray, p: np.ndarray, keep: np.ndarray, regions: np.ndarray,
                   texts: Sequence[str], roles: Sequence[str]) -> np.ndarray:
    """A page's first features, scores, keep mask, regions, lines and rule roles in; the REGION_FEATURES of each region (one feature a row, one region a column, as page_matrix lays out its lines)."""
    col = FEATURE_COLUMN
    n, k = len(p), len(regions)
    if not k:
        return np.zeros((len(REGION_FEATURES), 0))
    m = x.T                                     # a feature a row
    a, b = regions[:, 0], regions[:, 1]
    w = np.expm1(m[col["log_words"]])
    total = max(w.sum(), 1.0)
    rule_body = np.fromiter(map(BODY_ROLES.__contains__, roles), dtype=bool, count=n)
    # every per-line value a region sums, summed over all regions by one running sum
    per_line = np.array([
        w, p, w * p, p > 0.5, w * keep, w < 6, m[col["seen"]] > 0, rule_body,
        np.maximum(m[col["meta_dateline"]], m[col["role_dateline"]]),
        *(m[col[name]] for name in REGION_MEANS), *(m[col[name]] * w for name in REGION_WORD_MEANS),
    ], dtype=np.float64)
    running = np.zeros((len(per_line), n + 1))
    per_line.cumsum(axis=1, out=running[:, 1:])
    summed = running[:, b] - running[:, a]
    rw, p_sum, mass, p_high, kept, short, seen, body, datelines = summed[:9]
    lines = (b - a).astype(np.float64)
    means = summed[9:9 + len(REGION_MEANS)] / lines
    word_means = summed[9 + len(REGION_MEANS):] / np.maximum(rw, 1.0)
    sw = np.maximum(rw, 1.0)
    kept_words = max((w * keep).sum(), 1.0)
    rank_w = (-rw).argsort(kind="stable").argsort(kind="stable")
    rank_m = (-mass).argsort(kind="stable").argsort(kind="stable")
    title = roles.index("title") if "title" in roles else -1
    headline = word_set(texts[title]) if title >= 0 else set()
    in_head, in_all = np.zeros(k), np.zeros(k)
    if headline:
        for j in range(k):
            in_head[j] = count_words_in(headline, " ".join(texts[a[j]:min(b[j], a[j] + HEAD_LINES)])) / len(headline)
            in_all[j] = count_words_in(headline, " ".join(texts[a[j]:b[j]])[:3000]) / len(headline)
    # maxima over each region: reduceat over (start, end) pairs (regions never touch), a pad for end == n
    bounds = regions.ravel()
    p_max = np.maximum.reduceat(np.concatenate((p, [0.0])), bounds)[::2]
    max_words = np.maximum.reduceat(np.concatenate((w, [0.0])), bounds)[::2]
    prev = a - 1
    after_heading = np.array([i >= 0 and roles[i] in ("title", "heading") for i in prev], dtype=np.float64)
    return np.array([
        np.log1p(rw), np.log1p(lines), p_sum / lines, p_max,
        mass / sw, p_high / lines, kept / sw, kept / kept_words,
        word_means[0], word_means[1], word_means[2], means[0], means[1], short / lines,
        means[2], means[3], seen / lines, word_means[3], means[4],
        body / lines, a / max(n, 1), b / max(n, 1), running[0, a] / total, (total - running[0, b]) / total, rw / total,
        rank_w, rank_m, rw / max(rw.max(), 1.0), mass / max(mass.max(), 1e-9),
        np.full(k, float(k)), np.arange(k), k - 1 - np.arange(k),
        m[col["comment_rules_above"], a], m[col["datelines_above"], a], m[col["colon_lines_above"], a],
        means[8], datelines / lines, means[9],
        in_head, in_all, (a - title).astype(np.float64) if title >= 0 else np.full(k, -999.0),
        after_heading, means[5], means[6], means[7], max_words, np.ones(k),
    ], dtype=np.float64)


def word_set(text: str) -> set[str]:
    """Text in, the set of its lower-cased words (runs of \\w characters, as WORD finds them)."""
    # Spaces for the ASCII characters that are no word characters leave
    # pieces that are words or, where they hold other characters, hold
    # whole words: only those few meet the regex. (\\w is what isalnum()
    # says of a character, and the underscore.)
    lower = text.lower()
    pieces = set(lower.encode("utf-8", "surrogatepass").translate(WORD_SPLIT).decode("utf-8", "surrogatepass").split())
    if lower.isascii():
        return pieces
    mixed = [piece for piece in pieces if not piece.isascii() and not piece.isalnum()]
    pieces.difference_update(mixed)
    for piece in mixed:
        pieces.update(WORD.findall(piece))
    return pieces


def count_words_in(words: set[str], text: str) -> int:
    """Lower-cased words and a text in, how many of the words are among the text's (as word_set finds them)."""
    # A few words looked up where they occur, rather than every word of the
    # text collected: a word is there where it occurs with no word character
    # (\\w: what isalnum() says, and the underscore) on either side.
    lower = text.lower()
    found = 0
    for word in words:
        at = lower.find(word)
        while at >= 0:
            end = at + len(word)
            before, after = lower[at - 1:at], lower[end:end + 1]
            if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                found += 1
                break
            at = lower.find(word, at + 1)
    return found


def stack_columns(x: np.ndarray, p: np.ndarray, keep: np.ndarray, texts: Sequence[str], roles: Sequence[str],
                  vetoed: Sequence[bool]) -> np.ndarray:
    """A page's matrix (the first features filled), scores, first decoding and lines in; its second-pass columns filled, the same matrix out.

    page_matrix leaves these columns free, so the second pass writes its
    features beside the first's and its trees read the same matrix: nothing
    is copied. A matrix of the first features alone is widened first.
    """
    n = len(p)
    if x.shape[1] < stack_width():
        wide = np.zeros((stack_width(), n))
        wide[:x.shape[1]] = x.T
        x = wide.T
    m = x.T                                     # a feature a row (page_matrix's layout: a view, no copy)
    w = np.expm1(m[ROW["log_words"]])
    lp = logit(p)
    own = STACK_START
    m[own] = lp
    pad = max(abs(o) for o in STACK_NEIGHBOURS)
    padded = np.full(n + 2 * pad, LOGIT_FLOOR)
    padded[pad:pad + n] = lp
    for k, o in enumerate(STACK_NEIGHBOURS, start=1):
        m[own + k] = padded[pad + o:pad + o + n]
    pw = p * w
    # every window mean of the first scores from one running sum of (p * words, words)
    running = np.zeros((2, n + 1))
    pw.cumsum(out=running[0, 1:])
    w.cumsum(out=running[1, 1:])
    idx = np.arange(n)
    spans = np.array(STACK_WINDOWS)[:, None]
    sums = running[:, np.minimum(idx + spans + 1, n)] - running[:, np.maximum(idx - spans, 0)]
    at = own + 1 + len(STACK_NEIGHBOURS)
    m[at:at + len(STACK_WINDOWS)] = sums[0] / np.maximum(sums[1], 1.0)
    at += len(STACK_WINDOWS)
    mass = max(running[0, n], 1e-9)
    top = p.max()
    m[at] = running[0, :n] / mass
    m[at + 1] = p / max(top, 1e-9)
    m[at + 2] = top
    m[at + 3] = (-p).argsort(kind="stable").argsort(kind="stable") / n
    m[at + 4] = keep
    m[at + 5] = math.log1p((w * keep).sum())
    m[at + 6] = math.log1p(mass)
    regions = find_regions(p, keep, np.asarray(vetoed, dtype=bool))
    per_region = region_columns(x, p, keep, regions, texts, roles)
    # each line's region (the row after the last: none, every feature -1)
    which = regions[:, 0].searchsorted(idx, side="right") - 1
    if len(regions):
        which = np.where((which >= 0) & (idx < regions[np.maximum(which, 0), 1]), which, len(regions))
    table = np.concatenate((per_region, np.full((len(REGION_FEATURES), 1), -1.0)), axis=1)
    m[REGION_START:REGION_START + len(REGION_FEATURES)] = table[:, which]
    return x


def stack_names() -> list[str]:
    return feature_names() + list(STACK_FEATURES) + list(REGION_FEATURES)


def stack_width() -> int:
    return feature_width() + len(STACK_FEATURES) + len(REGION_FEATURES)


STACK_START = feature_width()
REGION_START = STACK_START + len(STACK_FEATURES)


# --- Decoding -----------------------------------------------------------------

def viterbi(p: np.ndarray, weight: np.ndarray, switch: float, prior) -> np.ndarray:
    """Body probabilities and line weights in, the best keep/drop path of a two-state chain.

    Emission: each line's log-odds of body, weighted by its length (a long
    line weighs more); switching state costs `switch`. A lone odd line inside
    a run flips with its neighbours unless its own evidence outweighs two
    switches: the article comes out as a coherent region. `prior` (a number
    or one per line) is added to every line's log-odds.
    """
    n = len(p)
    if not n:
        return np.zeros(0, dtype=bool)
    q = clip(p, 1e-4, 1 - 1e-4)
    gain = ((np.log(q) - np.log1p(-q) + prior) * weight).tolist()    # score of "keep" over "drop"
    keep_score, drop_score = gain[0], 0.0
    back_keep = [False]                      # best way into "keep" at i came from "keep"
    back_drop = [False]                      # best way into "drop" at i came from "keep"
    for g in gain[1:]:
        keep_switched, drop_switched = keep_score - switch, drop_score - switch
        from_keep = keep_score >= drop_switched
        into_drop = keep_switched > drop_score
        back_keep.append(from_keep)
        back_drop.append(into_drop)
        keep_score, drop_score = ((keep_score if from_keep else drop_switched) + g,
                                  keep_switched if into_drop else drop_score)
    state = keep_score >= drop_score
    path = [False] * n
    for i in range(n - 1, -1, -1):
        path[i] = state
        state = back_keep[i] if state else back_drop[i]
    return np.array(path, dtype=bool)


class TextModel:
    """The shipped model: the line trees, the second pass's trees, and each one's decoder settings."""

    def __init__(self, spec: dict) -> None:
        self.forest = Forest(spec["trees"])
        self.first = Decoder(spec["decode"])
        self.stack = Forest(spec["stack"]["trees"]) if "stack" in spec else None
        self.final = Decoder(spec["stack"]["decode"]) if self.stack else self.first

    def scores(self, x: np.ndarray) -> np.ndarray:
        """A page's feature matrix in, each row's probability of being body text (the line trees alone)."""
        return self.forest.predict(x) if len(x) else np.zeros(0)

    def rescore(self, x: np.ndarray, p: np.ndarray, rule_body: Sequence[bool], texts: Sequence[str],
                roles: Sequence[str], vetoed: Sequence[bool]) -> tuple[np.ndarray, np.ndarray]:
        """A page's matrix, the line trees' scores, the rules' body lines and the page's lines in; the matrix with the second pass's features, and its scores.

        The second pass's trees correct the first's: they were fitted
        starting from the line trees' log-odds, and add to them.
        """
        if self.stack is None or not len(p):
            return x, p
        keep = self.first.decide(x, p, rule_body)
        x = stack_columns(x, p, keep, texts, roles, vetoed)
        return x, 1.0 / (1.0 + np.exp(-(self.stack.raw(x) + x[:, STACK_START])))

    def decide(self, x: np.ndarray, p: np.ndarray, rule_body: Sequence[bool]) -> np.ndarray:
        """A page's features, final scores and the lines the rules call body in, the rows the decoder keeps."""
        keep = self.final.decide(x, p, rule_body)
        return limit_additions(x, keep) if self.stack else keep


def limit_additions(x: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """A page's second-pass features and the final keep mask in; the mask without the lines the second pass may not add.

    The second pass may drop what the first kept. It adds only lines that
    read as sentences (a teaser headline, a tag line or a "Buyer's Guide"
    link next to the article is not article text because its block is), and
    none below a comment header: readers' comments read like a short
    article, and a line there is article text only if the line trees alone
    found it so.
    """
    if x.shape[1] < stack_width() or not len(keep):
        return keep
    below = x[:, feature_width() - len(CONTEXT_FEATURES) + CONTEXT_FEATURES.index("comment_rules_above")] > 0
    sentence = x[:, ROW_FEATURES.index("sentence")] > 0
    kept_first = x[:, feature_width() + STACK_FEATURES.index("kept_first")] > 0
    return keep & (kept_first | (sentence & ~below))


# Where the article ends. The decoder weighs a line by its score and the
# rules' vote ("agree"), so below the article's last likely line it carries
# along a run of lines the rules call paragraphs (an author box, a teaser, a
# comment) wherever the run holds no long line scored low enough to stop it.
# A line the rules take out of the body (a share bar, a comment header, a
# related-links line, a flat list, a caption) in that stretch marks the
# article's end: the kept lines from it down are cut. Chosen on the training
# sets' scores cross-validated by site (benchmarks/train_text.py): 0.3 to
# 0.4 cut alike and no line of cleaneval-dev or the corpus; 0.45 and more
# also cut cleaneval-dev's later paragraphs, which score lower (0.6 gains
# the corpus 0.0025 and loses cleaneval-dev 0.0013).
END_MIN_P = 0.4


def cut_article_end(p: np.ndarray, keep: np.ndarray, ruled: Sequence[bool]) -> np.ndarray:
    """Final scores, the keep mask and the lines a rule takes out of the body in; the mask without each kept run's tail below its end.

    A run's end is its first ruled line below its last line scored
    END_MIN_P or more (the run's start when it has none): that line and
    every kept line after it in the run are dropped.
    """
    idx = np.flatnonzero(keep)
    if not len(idx):
        return keep
    cut = np.flatnonzero(idx[1:] - idx[:-1] > 1)
    starts = idx[np.concatenate(([0], cut + 1))].tolist()
    ends = (idx[np.concatenate((cut, [len(idx) - 1]))] + 1).tolist()
    likely = p >= END_MIN_P
    out = keep
    for a, b in zip(starts, ends):
        strong = np.flatnonzero(likely[a:b])
        tail = a + int(strong[-1]) + 1 if len(strong) else a
        for i in range(tail, b):
            if ruled[i]:
                if out is keep:
                    out = keep.copy()
                out[i:b] = False
                break
    return out


class Decoder:
    """The decoder's settings, chosen by cross-validation when the model was trained."""

    def __init__(self, spec: dict) -> None:
        self.switch = float(spec["switch"])
        self.prior = float(spec["prior"])
        self.agree = float(spec.get("agree", 0.0))
        self.min_words = float(spec.get("min_words", 0))

    def decide(self, x: np.ndarray, p: np.ndarray, rule_body: Sequence[bool]) -> np.ndarray:
        return decode(x, p, rule_body, self.switch, self.prior, self.agree, self.min_words)

    def setting(self) -> tuple[float, float, float]:
        return self.switch, self.prior, self.agree


def decode(x: np.ndarray, p: np.ndarray, rule_body: Sequence[bool], switch: float, prior: float,
           agree: float, min_words: float) -> np.ndarray:
    """A page's features and scores, and the lines the rules call body, in; the rows to keep.

    A line the rule-based labelling calls body gets `agree` more log-odds:
    where the trees are unsure, the rules' verdict tips the balance.
    Less than min_words of body in all is no article (a front page, a form).
    """
    if not len(p):
        return np.zeros(0, dtype=bool)
    words = np.expm1(x[:, ROW_FEATURES.index("log_words")])
    bias = prior + agree * np.asarray(rule_body, dtype=np.float64)
    keep = viterbi(p, np.sqrt(1.0 + words), switch, bias)
    if (words * keep).sum() < min_words:
        keep[:] = False
    return keep


@cache
def load_model(path: Path = MODEL_PATH) -> TextModel:
    """The shipped model, read once per process (on first use, so a forked worker reads it or inherits it)."""
    with open(path, encoding="utf-8") as f:
        return TextModel(json.load(f))


def explain(x: np.ndarray, p: float) -> str:
    """A row's features and its probability in, the reason shown on the review page."""
    col = {name: i for i, name in enumerate(ROW_FEATURES)}
    words = math.expm1(x[col["log_words"]])
    traits = []
    if words < 6:
        traits.append("short")
    if not x[col["sentence"]]:
        traits.append("no sentence end")
    if x[col["title_case"]]:
        traits.append("title case")
    if x[col["separators"]] > 0.1 or x[col["urlish"]]:
        traits.append("link-like")
    if x[col["seen"]] > 0 or x[col["furniture"]]:
        traits.append("repeated")
    if x[col["stop_ratio"]] < 0.1 and words >= 6 and not x[col["cjk_ratio"]]:
        traits.append("few function words")
    if x[col["digit_ratio"]] > 0.2:
        traits.append("digits")
    if not x[col["in_rule_region"]]:
        traits.append("outside the main text")
    if x[feature_width() - len(CONTEXT_FEATURES) + CONTEXT_FEATURES.index("comment_rules_above")] > 0:
        traits.append("below a comment header")
    if len(x) >= stack_width() and x[REGION_START + REGION_FEATURES.index("in_region")]:   # second pass run
        at = dict(zip(REGION_FEATURES, x[REGION_START:]))
        if at["in_region"] < 0:
            traits.insert(0, "outside the page's text blocks")
        elif at["reg_rank_mass"] > 0:
            traits.insert(0, "not the page's main text block")
    return "classifier: p=%.2f%s" % (p, ", " + ", ".join(traits[:3]) if traits else "")
