"""Site furniture: the first pass over a run's raw files, whose result the cleaning of each reads.

An outlet's furniture (its menus, section names, footer lines) repeats
across its text dumps. This pass reads each raw file once: its sha256 says
whether the run must convert it, and the keys of its short dropped lines,
counted over every file of the run, are the furniture the text cleaner
drops. Each file's keys are kept in the state folder by its sha256, so a
run that converts a few files reads only those.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .files import atomic_writer
from .model import ConversionError
from .read import make_seed, read_raw_bytes

logger = logging.getLogger(__name__)

# Furniture keys of every raw file, by its sha256 (state_dir / this name).
FURNITURE_CACHE = "furniture.tsv"
# Lines of files no longer in the run kept in the cache, beyond the run's
# own: files put back are not read again, within reason.
KEEP_GONE = 100
# Lines of at most this many words that are not sentences, seen in at least
# this many files, are the outlet's furniture.
LEARNED_FURNITURE_MAX_WORDS = 10
FURNITURE_MIN_FILES = 2
# Run marks (metadata.find_run_marks) begin with these: RUN_TOP and the key
# of a file's first shown line, RUN_CLAIM and the key of a name a claim of
# the file gives. A furniture key never does (it folds ":" to a space).
RUN_TOP = "top:"
RUN_CLAIM = "claim:"
RUN_MARKS = (RUN_TOP, RUN_CLAIM)
# A name tops, or is claimed by, this many files of one outlet at least. Two
# pages of an outlet share their logo; two pages of one section share a
# label too, which the other outlets' furniture tells apart.
RUN_SITE_MIN_FILES = 2
# Two files are one outlet's when this share of their furniture keys is
# common to both (Jaccard). Measured on the copies of dragnet-train: the
# pages of one outlet share 0.3 and more of their keys, and so do the sites
# of one network (Kotaku, Jezebel, Gawker), which show each other's names.
RUN_OUTLET_SHARE = 0.3


def furniture_keys(text: str, rows: list | None = None) -> frozenset[str]:
    """One raw text (and its rows, if label_by_rules made them already) in, the keys of its short lines that
    could be its outlet's furniture."""
    # Only lines the rules drop count: the same wire story carried by two
    # outlets shares its headline, subheadings and sentences, and an outlet
    # repeats its bylines, but none of those is furniture.
    # the cleaner is imported here, not with the module: a warm run learns nothing and needs none of it
    from .clean_text import CLOSERS, ELLIPSES, SENTENCE_END_CHARS, furniture_key, label_by_rules
    keys = set()
    for row in label_by_rules(text) if rows is None else rows:
        if row.role != "boilerplate" or len(row.text.split()) > LEARNED_FURNITURE_MAX_WORDS:
            continue
        tail = row.text.rstrip(CLOSERS)
        if tail and tail[-1] in SENTENCE_END_CHARS and not tail.endswith(ELLIPSES):
            continue                         # a sentence: may be a shared wire story
        key = furniture_key(row.text)
        if key:
            keys.add(key)
    return frozenset(keys)


def file_keys(text: str) -> frozenset[str]:
    """One raw text in; its furniture keys and its run marks (metadata.find_run_marks) out."""
    from .clean_text import label_by_rules
    from .metadata import find_run_claims, find_run_marks
    rows = label_by_rules(text)
    shown = [row.text.strip() for row in rows if row.text.strip()]
    return furniture_keys(text, rows) | find_run_marks(shown, find_run_claims(shown[1:])).keys()


def is_mark(key: str) -> bool:
    """A key of a file in; True when it is a run mark, not a furniture line's key."""
    return key.startswith(RUN_MARKS)


def find_run_sites(files: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Each distinct file of a run with its keys (file_keys) in; the run marks that name a site out.

    A mark names a site when RUN_SITE_MIN_FILES files carry it, those files
    are one outlet's (each shares RUN_OUTLET_SHARE of its furniture with
    another of them: the same menus and footer), and files of other outlets
    show the name as furniture less often than it tops its own: a logo's
    text tops its outlet's pages, a label ("Home", "Health") is shown by
    many outlets (a network's sites, which show each other's names, share
    furniture and are not counted). A file with no other file of the run is
    left as it is: one page cannot tell.
    """
    plain: dict[str, frozenset[str]] = {}
    holders: dict[str, list[str]] = {}
    for name, keys in files.items():
        keys = frozenset(keys)
        plain[name] = frozenset(key for key in keys if not is_mark(key))
        for key in keys:
            if is_mark(key):
                holders.setdefault(key, []).append(name)
    candidates = {mark: group for mark, group in holders.items() if len(group) >= RUN_SITE_MIN_FILES}
    shown: dict[str, list[str]] = {mark.partition(":")[2]: [] for mark in candidates}
    for name, keys in plain.items():
        for key in keys & shown.keys():
            shown[key].append(name)
    sites = set()
    for mark, group in candidates.items():
        members = set(group)
        outsiders = (name for name in shown[mark.partition(":")[2]] if name not in members)
        if any(not any(same_outlet(plain[name], plain[member]) for member in group) for name in outsiders):
            continue                  # another outlet shows it too: a label, not a name
        if is_one_outlet([plain[name] for name in group]):
            sites.add(mark)
    return frozenset(sites)


def same_outlet(keys: frozenset[str], other: frozenset[str]) -> bool:
    """Two files' furniture keys in; True when they share RUN_OUTLET_SHARE of them (Jaccard)."""
    union = len(keys | other)
    return bool(union) and len(keys & other) >= RUN_OUTLET_SHARE * union


def is_one_outlet(files: list[frozenset[str]]) -> bool:
    """Files' furniture keys in; True when each is linked to every other through files of the same outlet."""
    linked, waiting = [files[0]], files[1:]
    while linked and waiting:
        current = linked.pop()
        near = [keys for keys in waiting if same_outlet(current, keys)]
        waiting = [keys for keys in waiting if not any(keys is other for other in near)]
        linked.extend(near)
    return not waiting


def learn_furniture(texts: Iterable[str]) -> frozenset[str]:
    """Raw texts from one source in, keys of the short furniture lines that several of them share."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(furniture_keys(text))
    return frozenset(k for k, n in counts.items() if n >= FURNITURE_MIN_FILES)


class SiteFurniture:
    """The first pass of one run: each raw file read once for its sha256 and, if new, its keys.

    Only the sha256s and this run's newly learned keys are held; the cached
    keys are read from the cache line by line. The bytes of a file whose keys
    are to be learned go out with it to learn_file, wherever the run has
    that done, and are not kept.
    """

    def __init__(self, state_dir: Path, version: str):
        self.cache_path = state_dir / FURNITURE_CACHE
        self.version = version                   # the code version the keys were learned with
        self.cached = {sha for sha, _keys in read_furniture_cache(self.cache_path, version)}
        self.copies: Counter[str] = Counter()    # sha256 -> raw files of the run with that text
        self.learned: dict[str, str] = {}         # sha256 -> tab-joined keys, learned in this run
        self.learning: set[str] = set()          # sha256s whose bytes are out to be learned

    def read_file(self, path: Path, rel: str) -> tuple[str | None, bytes | None]:
        """A raw file and its project-relative name in; its sha256 (None if it cannot be read) and,
        when its keys are still to learn, its bytes, to give to learn_file and then to add_learned."""
        try:
            data = read_raw_bytes(path, rel)
        except ConversionError:
            return None, None           # the conversion reports it
        sha = hashlib.sha256(data).hexdigest()
        if self.count_known(sha):
            return sha, None
        self.copies[sha] += 1
        self.learning.add(sha)
        return sha, data

    def count_known(self, sha: str) -> bool:
        """The sha256 a raw file had when the last run read it in; True if it is counted without reading
        the file, False if its keys are still to learn (read_file then reads it)."""
        if sha in self.cached or sha in self.learned or sha in self.learning:
            self.copies[sha] += 1
            return True
        return False

    def add_learned(self, sha: str, keys: str | None) -> None:
        """A sha256 read_file gave bytes for, and what learn_file made of them, in; the keys kept."""
        self.learning.discard(sha)
        if keys is not None:
            self.learned[sha] = keys

    def shared_keys(self) -> frozenset[str]:
        """The keys FURNITURE_MIN_FILES of the run's raw files share out; the cache brought up to date."""
        counts: Counter[str] = Counter()
        counted: set[str] = set()
        for sha, keys in read_furniture_cache(self.cache_path, self.version):
            if sha in self.copies and sha not in counted:
                counted.add(sha)
                add_keys(counts, keys, self.copies[sha])
        for sha, keys in self.learned.items():
            if sha not in counted:
                add_keys(counts, keys, self.copies[sha])
        if self.learned:
            self.save()
        return frozenset(key for key, n in counts.items() if n >= FURNITURE_MIN_FILES)

    def run_sites(self) -> frozenset[str]:
        """The run marks the run's raw files agree name a site (find_run_sites) out."""
        files = {sha: keys.split("\t") for sha, keys in read_furniture_cache(self.cache_path, self.version)
                 if sha in self.copies and keys}
        files.update((sha, keys.split("\t")) for sha, keys in self.learned.items() if keys)
        return find_run_sites(files)

    def save(self) -> None:
        """The cache rewritten: its lines still of use, then those learned in this run."""
        try:
            with atomic_writer(self.cache_path) as out:
                out.write(f"furniture\t{self.version}\n".encode("utf-8"))
                gone = 0
                for sha, keys in read_furniture_cache(self.cache_path, self.version):
                    gone += sha not in self.copies
                    if gone <= len(self.copies) + KEEP_GONE or sha in self.copies:
                        out.write(f"{sha}\t{keys}\n".encode("utf-8"))
                for sha, keys in self.learned.items():
                    out.write(f"{sha}\t{keys}\n".encode("utf-8"))
        except OSError as err:
            logger.warning("the furniture cache %s cannot be written: %s", self.cache_path, err)


def learn_file(path: Path, rel: str, data: bytes) -> str | None:
    """A raw file's path, name and bytes in; its furniture keys joined by tabs, None if it is no article.

    Needs nothing but its arguments, so a worker process can run it."""
    try:
        seed = make_seed(path, rel, data)
        # a saved page's source lines are markup: furniture is learned from text dumps
        keys = file_keys(seed.text) if seed.kind == "text" else frozenset()
    except ConversionError:
        return None                 # not learned from; the conversion reports it
    except Exception:  # a cleaner bug must not stop the run: the conversion reports this file
        logger.debug("learning furniture from %s failed", rel, exc_info=True)
        return None
    return "\t".join(sorted(keys))


def add_keys(counts: Counter[str], keys: str, files: int) -> None:
    """Counts, one file's tab-joined keys and how many files have that text in; the counts raised."""
    if keys:
        for key in keys.split("\t"):
            if not is_mark(key):
                counts[key] += files


def read_furniture_cache(path: Path, version: str) -> Iterator[tuple[str, str]]:
    """Cache file in; (raw sha256, tab-joined furniture keys) per line, none if missing or stale."""
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") != f"furniture\t{version}":
                return               # written by other code: its keys may differ
            for line in handle:
                sha, _, keys = line.rstrip("\n").partition("\t")
                yield sha, keys
    except (OSError, UnicodeDecodeError):
        return
