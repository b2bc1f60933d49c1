"""Names in running text: an alias table compiled into two regexes (one
case-folding, one case-keeping) and matched in one scan each. Used by the
tag vocabulary (tagging.py) and the news outlets (metadata.py).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping

# An alias written in capitals and at most this long is an acronym ("IS",
# "US", "YPG", "ISIS"): it keeps its case, so "IS" never matches "is".
ACRONYM_MAX_CHARS = 5

# Between the words of a name: spaces or any hyphen ("al-Hashd al-Shaabi",
# "Hashed al Shaabi", "Deir ez-Zor"), and the apostrophes editors type.
# \s holds the no-break space already (and every other Unicode space). The
# set is written with the fewest runs of characters: with three or more and
# one above U+00FF, Python's compiler builds a 64K-character bitmap for it,
# and the separator stands between the words of every name of the
# vocabulary's regex, 2,600 times: a third of the time compiling it took.
SEPARATOR_PATTERN = r"[\s\-\u2010-\u2013]+"
APOSTROPHE_PATTERN = r"['\u2019\u02bc]"
SEPARATORS = re.compile(SEPARATOR_PATTERN)
APOSTROPHES = re.compile(APOSTROPHE_PATTERN)

# A name never starts or ends inside a word: "IS" is not in "ISIS", "Hit"
# is not in "Hither"; an apostrophe or hyphen next to it is fine ("Anbar's",
# "US-backed").
NAME_START = r"(?<!\w)"
NAME_END = r"(?!\w)"
# Arabic writes "and", "so", "in", "for" and "like" (و ف ب ل ك) joined to the
# next word: "والعراق" is "and Iraq", "بالعراق" "in Iraq". An alias may
# start after one such letter, or after و or ف and one of the other three,
# when nothing else of the word comes before.
ARABIC_PROCLITICS = "\u0648\u0641\u0628\u0644\u0643"
ALIAS_START = (rf"(?:(?<!\w)|(?<=(?<!\w)[{ARABIC_PROCLITICS}])"
               rf"|(?<=(?<!\w)[\u0648\u0641][\u0628\u0644\u0643]))")
# Chinese and Japanese put no space between words: an alias written only in
# their scripts is found anywhere in the text ("美国总统" holds "美国").
UNSPACED_SCRIPTS = ("CJK UNIFIED IDEOGRAPH", "HIRAGANA", "KATAKANA")

# A compiled alias table: (regex, normalised alias -> canonical name, folds case).
NameMatcher = tuple[re.Pattern[str], Mapping[str, str], bool]


def normalise_alias(text: str, fold: bool) -> str:
    """Written name in; the key it is looked up by (one space, straight apostrophe, maybe lower case) out."""
    key = APOSTROPHES.sub("'", SEPARATORS.sub(" ", text.strip()))
    return key.lower() if fold else key


def is_acronym(alias: str) -> bool:
    """Alias in; True when it is short and all capitals, so it must keep its case."""
    letters = [char for char in alias if char.isalpha()]
    return bool(letters) and len(alias) <= ACRONYM_MAX_CHARS and all(char.isupper() for char in letters)


def is_unspaced(alias: str) -> bool:
    """Alias in; True when it is written only in a script without spaces between words (Chinese)."""
    letters = [char for char in alias if char.isalpha()]
    return bool(letters) and all(unicodedata.name(char, "").startswith(UNSPACED_SCRIPTS) for char in letters)


def compile_names(keys: Iterable[str], fold: bool, bounded: bool = True) -> re.Pattern[str]:
    """Normalised names in; one regex matching any of them as whole words (anywhere, if not
    bounded) out."""
    trie: dict[str, dict] = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    body = render_trie(trie) or r"(?!x)x"
    if not bounded:
        return re.compile("(?:" + body + ")", re.IGNORECASE if fold else 0)
    # A name opens with one of the names' first characters: looking for one
    # first (the parser makes the look-ahead one character set) spares the
    # three tests of ALIAS_START at every other position of the text.
    firsts = [render_char(char) for char in sorted(trie) if char]
    lead = "(?=" + "|".join(firsts) + ")" if firsts and "" not in trie else ""
    return re.compile(lead + ALIAS_START + "(?:" + body + ")" + NAME_END, re.IGNORECASE if fold else 0)


def render_trie(node: Mapping[str, dict]) -> str:
    """Trie node in; a regex for every key below it out (longest first, by backtracking)."""
    branches = [render_char(char) + render_trie(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def render_char(char: str) -> str:
    """One character of a normalised name in; the regex that matches its written variants out."""
    if char == " ":
        return SEPARATOR_PATTERN
    if char == "'":
        return APOSTROPHE_PATTERN
    return re.escape(char)


def compile_matchers(aliases: Iterable[tuple[str, str, bool]]) -> tuple[NameMatcher, ...]:
    """(alias, name, keep case) triples in; a case-folding, a case-keeping and an unspaced-script
    matcher out (ValueError on an alias naming two)."""
    lookups: tuple[dict[str, str], ...] = ({}, {}, {})   # folded, exact, unspaced scripts
    for alias, name, keep_case in aliases:
        fold = not (keep_case or is_acronym(alias))
        key = normalise_alias(alias, fold)
        which = 2 if is_unspaced(alias) else 0 if fold else 1
        other = lookups[which].setdefault(key, name)
        if other != name:
            raise ValueError(f"alias {alias!r} names both {other!r} and {name!r}")
    return tuple((compile_names(lookup, fold, bounded), lookup, fold)
                 for lookup, fold, bounded in zip(lookups, (True, False, True), (True, True, False)))


def match_names(text: str, matchers: Iterable[NameMatcher]) -> list[tuple[int, int, str]]:
    """Text and matchers in; (start, end, name) of every name in it, the longest where two overlap, out."""
    found = []
    for pattern, lookup, fold in matchers:
        for match in pattern.finditer(text):
            name = lookup.get(normalise_alias(match.group(), fold))
            if name is not None and not (not fold and in_capitals(text, match.start(), match.end())):
                found.append((match.start(), match.end(), name))
    found.sort(key=lambda mention: (mention[0], -mention[1]))
    mentions: list[tuple[int, int, str]] = []
    for mention in found:
        if not mentions or mention[0] >= mentions[-1][1]:
            mentions.append(mention)
    return mentions


# Letters looked at on each side of a case-kept alias: in a line set in
# capitals ("WHAT IS THE TRUTH"), "IS" and "US" are the words, not names.
CAPITALS_CONTEXT = 12


def in_capitals(text: str, start: int, end: int) -> bool:
    """Text and a match's span in; True when the words around it are set in capitals too."""
    around = text[max(0, start - CAPITALS_CONTEXT):start] + text[end:end + CAPITALS_CONTEXT]
    letters = [ch for ch in around if ch.isalpha()]
    return len(letters) >= 4 and not any(ch.islower() for ch in letters)
