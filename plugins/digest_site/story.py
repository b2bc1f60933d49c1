"""Same story: link articles that report the same event.

Two tests, both driven by inverted indexes so that the work grows with the
number of shared features, not with the square of the number of articles:

- same wire text: a large share of sampled word shingles in common (a wire
  story carried by several outlets, lightly edited);
- shared names: many of the same names, places and tags, published within
  a few days of each other.
"""
from __future__ import annotations

import html
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

SHINGLE_WORDS = 5          # words per shingle; 5 survives light copy-editing
SHINGLE_SAMPLE = 4         # keep shingles whose hash % SHINGLE_SAMPLE == 0
MIN_SHINGLES = 6           # fewer sampled shingles: too short to compare
WIRE_CONTAINMENT = 0.5     # share of the shorter text's shingles in common
MAX_SHINGLE_POSTINGS = 40  # a shingle in more articles is boilerplate

NAME_TEXT_CHARS = 4000     # names come from the opening: who, where, when
WINDOW_DAYS = 3            # names must be shared within this many days
MIN_SHARED_NAMES = 5       # tuned on the seed articles about Daesh in Anbar:
NAME_OVERLAP = 0.3         # ...their common "Iraq"/"Syria" must not link them
COMMON_NAME_SHARE = 0.25   # a name in more of the dated articles names no story,
COMMON_NAME_FLOOR = 3      # ...nor one in more than this many in a small digest

TAG_RE = re.compile(r"<[^>]+>")
WORD_RE = re.compile(r"\w+")
POSSESSIVE_RE = re.compile(r"['’]s$")
# A run of capitalised words, allowing Arabic name particles inside it.
NAME_RE = re.compile(
    r"\b[A-Z][\w'’-]*[a-z][\w'’-]*"
    r"(?:\s+(?:(?:al|el|bin|ibn|abu|de|of)[-\s])?[A-Z][\w'’-]*[a-z][\w'’-]*)*")
# Capitalised words that start sentences or name no one.
NOT_NAMES = frozenset("""
a an the this that these those there their they them he she his her its it we
our you your i in on at of for by from with to as and but or if when while after
before since until during about against between into through over under
is are was were be been has have had will would can could may might must
not no yes all some many most more few several other another each every
said says say also however meanwhile earlier later last next late early
monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december
mr mrs ms dr gen col maj capt lt brig sgt prime minister president spokesman
""".split())


@dataclass(frozen=True)
class Entry:
    """What the grouping needs to know about one article."""

    key: str                  # any stable id; links come back keyed by it
    text: str                 # body as HTML or plain text
    tags: tuple[str, ...] = ()
    day: int | None = None    # date.toordinal(); None when the date is unknown
    shingles: frozenset[int] | None = None   # shingle_text(text), when already known


@dataclass(frozen=True)
class Link:
    """One article on the same story as another, and why."""

    key: str
    method: str               # "wire" or "names"
    reason: str               # said on the page
    shared: tuple[str, ...] = field(default=())


def plain_text(text: str) -> str:
    """HTML (or plain text) in, plain text out."""
    return html.unescape(TAG_RE.sub(" ", text))


def shingle_text(text: str) -> frozenset[int]:
    """Body as HTML or plain text in, the sampled hashes of its word shingles out."""
    return extract_shingles(plain_text(text))


def extract_shingles(text: str) -> frozenset[int]:
    """Plain text in, the sampled hashes of its word shingles out."""
    words = WORD_RE.findall(text.lower())
    ids = {w: zlib.crc32(w.encode()) for w in set(words)}
    seq = [ids[w] for w in words]
    # A tuple of ints hashes the same in every run (unlike a str), so the
    # sample, and with it the grouping, is reproducible.
    shingles = zip(*(seq[k:] for k in range(SHINGLE_WORDS)))
    return frozenset(h for h in map(hash, shingles) if h % SHINGLE_SAMPLE == 0)


def extract_names(text: str, tags: tuple[str, ...] = ()) -> dict[str, str]:
    """Plain text and tags in, {lowercase name: name as written} out."""
    names = {t.strip().lower(): t.strip() for t in tags if t.strip()}
    for match in NAME_RE.finditer(text):
        run: list[str] = []
        # "Iraqi Prime Minister Adel Abdul Mahdi": titles split a run in two
        for word in match.group(0).split() + [""]:
            word = POSSESSIVE_RE.sub("", word)
            if word and word.lower() not in NOT_NAMES:
                run.append(word)
            elif run:
                name = " ".join(run)
                names.setdefault(name.lower(), name)
                run = []
    return names


def find_same_story(entries: list[Entry]) -> dict[str, list[Link]]:
    """Entries in; for each key that has any, its links to the same story."""
    links: dict[str, dict[str, Link]] = defaultdict(dict)
    for a, b, link_ab, link_ba in _wire_pairs(entries) + _name_pairs(entries):
        if b not in links[a]:            # wire text wins: it is found first
            links[a][b] = link_ab
            links[b][a] = link_ba
    return {key: list(found.values()) for key, found in links.items()}


def index_shingles(shingles: list[frozenset[int]]) -> dict[int, list[int]]:
    """Each text's shingles in; {shingle: indexes of the texts long enough to compare} out."""
    index: dict[int, list[int]] = defaultdict(list)
    for i, hashes in enumerate(shingles):
        if len(hashes) >= MIN_SHINGLES:
            for h in hashes:
                index[h].append(i)
    return dict(index)


def count_shared(hashes: frozenset[int], index: dict[int, list[int]]) -> Counter:
    """An indexed text's shingles and the index in; {text index: shingles shared} out.

    The text itself is counted too. A shingle in more than MAX_SHINGLE_POSTINGS
    texts is boilerplate and counts for no one.
    """
    postings = (index[h] for h in hashes)
    return Counter(chain.from_iterable(p for p in postings if len(p) <= MAX_SHINGLE_POSTINGS))


def _wire_pairs(entries):
    shingles = [e.shingles if e.shingles is not None else shingle_text(e.text) for e in entries]
    index = index_shingles(shingles)
    pairs = []
    for i, hashes in enumerate(shingles):
        if len(hashes) < MIN_SHINGLES:
            continue
        for j, n in count_shared(hashes, index).items():
            if j <= i:
                continue
            share = n / min(len(hashes), len(shingles[j]))
            if share >= WIRE_CONTAINMENT:
                reason = f"same wire text ({min(100, round(share * 100))}% of passages shared)"
                pairs.append((entries[i].key, entries[j].key,
                              Link(entries[j].key, "wire", reason),
                              Link(entries[i].key, "wire", reason)))
    return pairs


def _name_pairs(entries):
    dated = [(i, e) for i, e in enumerate(entries) if e.day is not None]
    written = {}
    names = {}
    for i, e in dated:
        found = extract_names(plain_text(e.text)[:NAME_TEXT_CHARS], e.tags)
        names[i] = frozenset(found)
        for lower, name in found.items():
            written.setdefault(lower, name)
    frequency = Counter(n for found in names.values() for n in found)
    limit = max(COMMON_NAME_FLOOR, COMMON_NAME_SHARE * len(dated))
    names = {i: frozenset(n for n in found if frequency[n] <= limit)
             for i, found in names.items()}
    by_day = defaultdict(list)               # (name, day) -> article indexes
    for i, e in dated:
        for n in names[i]:
            by_day[(n, e.day)].append(i)
    pairs = []
    for i, e in dated:
        common = defaultdict(set)
        for n in names[i]:
            for day in range(e.day - WINDOW_DAYS, e.day + WINDOW_DAYS + 1):
                for j in by_day.get((n, day), ()):
                    if j > i:
                        common[j].add(n)
        # by index: a set of str iterates in an order that changes from run
        # to run (hash seed), and the pages would change with it
        for j, shared in sorted(common.items()):
            smaller = min(len(names[i]), len(names[j]))
            if len(shared) >= MIN_SHARED_NAMES and len(shared) / smaller >= NAME_OVERLAP:
                # rarest first: they say most about the story
                shown = tuple(written[n] for n in sorted(shared, key=lambda n: (frequency[n], n)))
                reason = f"shares {len(shared)} names within {WINDOW_DAYS} days"
                pairs.append((e.key, entries[j].key,
                              Link(entries[j].key, "names", reason, shown),
                              Link(e.key, "names", reason, shown)))
    return pairs
