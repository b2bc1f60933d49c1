"""The learned line classifier of the text cleaner: which lines are the article body.

clean_text.py reads a page into rows and gives every row what the rule
tables say of it (the rule that names it, the role the rule-based labelling
gives it, its repetition in the page and across its source's files). This
module turns each row into a feature vector (its own shape, the rule
verdicts, its neighbours and its place in the page), scores it with
gradient-boosted trees trained on many sites, and decodes the scores into a
coherent article with a two-state Viterbi pass.

The trees were trained by benchmarks/train_text.py (`make train`) and ship
as models/text.json; they are evaluated here with numpy, every line and
every tree at once, so no learning library is needed at run time. The model
is read once per process, on first use.
"""
from __future__ import annotations

import itertools
import json
import math
from functools import cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "models" / "text.json"

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
    cls = CLASS_TABLE[np.minimum(cp, 0xffff)]
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
    brk_pos = np.flatnonzero(brk)
    start_pos = np.flatnonzero(starts)
    word_len = brk_pos[np.searchsorted(brk_pos, start_pos)] - start_pos
    short = np.zeros(len(cp), dtype=bool)
    short[start_pos[word_len <= 3]] = True
    masks = np.vstack([space, (cls & PUNCT) != 0, cjk, (cls & DIGIT) != 0, (cls & UPPER) != 0,
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
    out[ROW["rule_score"]] = np.clip(np.fromiter([row.score for row in rows], dtype=np.float64, count=n), -10, 100)
    out[ROW["in_rule_region"], start:end] = 1.0


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
        return np.zeros((0, feature_width()))
    n = len(rows)
    m = np.zeros((feature_width(), n))          # transposed: one row per feature
    row_columns(rows, region, m)
    words = np.expm1(m[ROW["log_words"]])
    prose = m[ROW["prose"]]
    total = max(words.sum(), 1.0)
    before = np.cumsum(words) - words
    idx = np.arange(n)
    if end > start:
        dist = np.where(idx < start, idx - start, np.where(idx >= end, idx - end + 1, 0))
    else:
        dist = np.full(n, 99)
    # the run of prose lines a row is in (0 if it is not prose)
    run_id = np.cumsum(np.concatenate(([1], (prose[1:] != prose[:-1]).astype(int))))
    run_words = np.bincount(run_id, weights=words * prose)[run_id]
    run_lines = np.bincount(run_id, weights=prose)[run_id]
    m[PAGE_START:NEIGHBOUR_START] = [
        idx / max(n - 1, 1), before / total, np.log1p(before), np.log1p(total - before - words),
        np.full(n, math.log1p(total)), np.full(n, math.log1p(n)), words / total,
        np.clip(dist, -50, 50), np.log1p(run_words), np.log1p(run_lines), run_words / total,
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
    np.cumsum(summed, axis=1, out=running[:, 1:])
    # every row's window sums for every width at once: sums[row, width, line]
    spans = np.array(WINDOWS + (MARK_WINDOW, COMMENT_WINDOW, 3, 6))[:, None]
    sums = running[:, np.minimum(idx + spans + 1, n)] - running[:, np.maximum(idx - spans, 0)]
    for k, w in enumerate(WINDOWS):
        at = WINDOW_START + 3 * k
        m[at] = np.log1p(sums[0, k])
        m[at + 1:at + 3] = sums[1:3, k] / (2 * w + 1)
    # the marks of readers' comments above and around each row
    mark, comment, flip3, flip6 = len(WINDOWS), len(WINDOWS) + 1, len(WINDOWS) + 2, len(WINDOWS) + 3
    above = np.log1p(np.cumsum(marks, axis=1) - marks)
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


# --- Trees ------------------------------------------------------------------

class Forest:
    """Gradient-boosted trees as arrays: every row and every tree walked at once."""

    def __init__(self, spec: dict) -> None:
        feature = np.array(spec["feature"], dtype=np.int64)             # (trees, nodes)
        threshold = np.array(spec["threshold"], dtype=np.float64)
        value = np.array(spec["value"], dtype=np.float64)
        left, right = np.array(spec["left"], dtype=np.int64), np.array(spec["right"], dtype=np.int64)
        trees, nodes = feature.shape
        # Nodes renumbered so that a node's right child follows its left one:
        # a step down is then next = left[node] + (value > threshold). A leaf
        # is its own left child with an infinite threshold, so it stays put.
        place = np.zeros((trees, nodes), dtype=np.int64)            # old number -> new
        order = np.zeros((trees, nodes), dtype=np.int64)            # new number -> old
        for t in range(trees):
            queue, free = [0], 1
            while queue:
                i = queue.pop(0)
                order[t, place[t, i]] = i
                if left[t, i] != i:
                    place[t, left[t, i]], place[t, right[t, i]] = free, free + 1
                    queue += [left[t, i], right[t, i]]
                    free += 2
            order[t, free:] = -1                                   # unused: padding
        used = order >= 0
        rows = np.arange(trees)[:, None]
        old = np.where(used, order, 0)
        offset = (np.arange(trees) * nodes)[:, None]
        # flat arrays over all trees
        self.feature = np.where(used, feature[rows, old], 0).ravel()
        self.threshold = np.where(used, threshold[rows, old], np.inf).ravel()
        self.value = np.where(used, value[rows, old], 0.0).ravel()
        own = np.arange(nodes)[None, :]
        self.left = (np.where(used & (left[rows, old] != old), place[rows, left[rows, old]], own) + offset).ravel()
        self.roots = offset.ravel()
        self.depth = int(spec["depth"])
        self.base = float(spec.get("base", 0.0))
        # Every row meets the same roots, and the same two nodes below each:
        # those two levels are decided a feature row at a time (a whole row
        # of the transposed matrix) rather than one value per row and tree.
        roots = self.roots
        self.root_feature, self.root_threshold = self.feature[roots], self.threshold[roots][:, None]
        first = self.left[roots]
        children = np.stack([first, np.where(first == roots, roots, first + 1)])   # a leaf root: itself
        self.child_feature, self.child_threshold = self.feature[children], self.threshold[children][..., None]
        self.child_left = self.left[children][..., None]

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Feature matrix in, the summed leaf values (log-odds) per row."""
        n, width = x.shape
        if x.T.flags.c_contiguous and x.dtype == np.float64:   # page_matrix's layout: a feature a row
            flat, feature, row_step = x.T.ravel(), self.feature * n, 1
        else:
            x = np.ascontiguousarray(x, dtype=np.float64)
            flat, feature, row_step = x.ravel(), self.feature, width
        by_feature = x.T
        below = self.child_left + (by_feature[self.child_feature] > self.child_threshold)  # (left or right, tree, row)
        node = np.where(by_feature[self.root_feature] > self.root_threshold, below[1], below[0]).T.ravel()
        row_start = np.repeat(np.arange(0, n * row_step, row_step), len(self.roots))
        for _ in range(self.depth - 2):
            node = self.left.take(node) + (flat.take(row_start + feature.take(node)) > self.threshold.take(node))
        return self.value.take(node).reshape(n, -1).sum(axis=1) + self.base

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
    q = np.clip(p, 1e-4, 1 - 1e-4)
    gain = ((np.log(q) - np.log1p(-q) + prior) * weight).tolist()    # score of "keep" over "drop"
    keep_score, drop_score = gain[0], 0.0
    back_keep = [False] * n                  # best way into "keep" at i came from "keep"
    back_drop = [False] * n                  # best way into "drop" at i came from "keep"
    for i in range(1, n):
        from_keep = keep_score >= drop_score - switch
        into_drop = keep_score - switch > drop_score
        back_keep[i], back_drop[i] = from_keep, into_drop
        keep_score, drop_score = ((keep_score if from_keep else drop_score - switch) + gain[i],
                                  keep_score - switch if into_drop else drop_score)
    state = keep_score >= drop_score
    out = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        out[i] = state
        state = back_keep[i] if state else back_drop[i]
    return out


class TextModel:
    """The shipped model: the trees and the decoder's settings."""

    def __init__(self, spec: dict) -> None:
        self.forest = Forest(spec["trees"])
        self.switch = float(spec["decode"]["switch"])
        self.prior = float(spec["decode"]["prior"])
        self.agree = float(spec["decode"].get("agree", 0.0))
        self.min_words = float(spec["decode"].get("min_words", 0))

    def scores(self, x: np.ndarray) -> np.ndarray:
        """A page's feature matrix in, each row's probability of being body text."""
        return self.forest.predict(x) if len(x) else np.zeros(0)

    def decide(self, x: np.ndarray, p: np.ndarray, rule_body: Sequence[bool]) -> np.ndarray:
        """A page's features, scores and the lines the rules call body in, the rows the decoder keeps."""
        return decode(x, p, rule_body, self.switch, self.prior, self.agree, self.min_words)


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
    return "classifier: p=%.2f%s" % (p, ", " + ", ".join(traits[:3]) if traits else "")
