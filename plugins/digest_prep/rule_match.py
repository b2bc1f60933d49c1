"""Which rule of a text rule table matches a line first.

A line meets only the rules its first START_CHARS characters allow. A rule
is allowed when the regex module's partial matching says a line opening
with those characters can still match it: read from the pattern itself, so
no rule is ever left out of a line it could match. The matching itself is
Python's re.

The rules that lines of any opening may meet (those that can start almost
anywhere) are compiled once into a shared alternation in table order,
`(?:p0)(?P<rule0>)|(?:p1)(?P<rule1>)|...`, whose closing empty group names
the first of them that matches. (An empty group costs nothing until its rule
has matched; groups around the rules would be saved and restored at every
backtrack.) The other rules an opening allows get an alternation of their
own, made when a line first needs it and shared by the openings that allow
the same rules; kept out of it, the common rules are compiled once rather
than in each. Of the two alternations' picks, the one first in the table wins.

A matcher remembers its verdict on every line it has met (up to LINES_KEPT):
a run over an outlet's files meets the same menus and footers in each.
"""
from __future__ import annotations

import re
import weakref
from typing import Callable

import regex

from .rules import Rule

PatternMatch = Callable[[str], "re.Match[str] | None"]   # a compiled pattern's match method

# Lines are dispatched on this many first characters: with three, "con",
# "coo" and "com" meet different rules.
START_CHARS = 3
# A matcher keeps what it found for this many distinct openings at most
# (text in many scripts has many).
STARTS_KEPT = 50_000
# A matcher keeps the verdict on this many distinct lines at most, then
# starts afresh: a run over one outlet's files meets its menus, share labels
# and footers again in every file, and they are soon found again. (About
# 150 bytes a line: a few MB a table.)
LINES_KEPT = 20_000
# ... and only lines of at most this many characters: a memory of 20,000
# lines stays a few MB whatever a page holds (the rule tables' callers ask
# about longer lines only now and then).
LINE_KEPT_CHARS = 400
# A rule that lines opening with each of these may meet joins the shared
# alternation: letters, digits, spaces, punctuation and another script.
COMMON_PROBES = ("zqx", "123", "   ", "#$%", "日本語")
# Every matcher made, so that forget_lines can reach their memories.
MATCHERS: "weakref.WeakSet[RuleMatcher]" = weakref.WeakSet()


class RuleMatcher:
    """A text rule table compiled once; match_lower(line) names the first rule that matches the line."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        # re.match anchors at the start already; a leading ^ only slows the
        # alternation, which can then not skip a rule on its first character.
        self.parts = [scope_flag_group(rule.pattern.removeprefix("^")) for rule in rules]
        self.names = {f"rule{i}": rule.name for i, rule in enumerate(rules)}
        self.order = {f"rule{i}": i for i in range(len(rules))}   # a group's place in the table
        # every rule compiled by the regex module, for partial matching
        self.partials = [regex.compile(rule.pattern).match for rule in rules]
        self.common = tuple(i for i in range(len(rules))
                            if all(self.allows(i, probe) for probe in COMMON_PROBES))
        self.shared = self.alternation(self.common)
        # first START_CHARS characters -> the match of the other rules such a line meets
        self.by_start: dict[str, PatternMatch | None] = {}
        # other rules picked -> their match: openings that allow the same rules share it
        self.alternations: dict[tuple[int, ...], PatternMatch | None] = {(): None}
        # line -> the name of its first rule, or '', for the lines met so far
        self.known: dict[str, str] = {}
        MATCHERS.add(self)

    def match_lower(self, text: str) -> str:
        """Stripped, lower-cased line in, the name of the first rule matching it, or ''."""
        name = self.known.get(text)         # most lines are met once: no KeyError raised for them
        if name is None:
            if len(text) > LINE_KEPT_CHARS:
                return self.match_first(text)
            if len(self.known) >= LINES_KEPT:
                self.known.clear()
            self.known[text] = name = self.match_first(text)
        return name

    def match_first(self, text: str) -> str:
        """Stripped, lower-cased line in, the name of the first rule matching it, or '' (no memory of earlier lines)."""
        start = text[:START_CHARS]
        try:
            own = self.by_start[start]
        except KeyError:
            if len(self.by_start) >= STARTS_KEPT:
                self.by_start.clear()
            own = self.by_start[start] = self.compile_alternation(start)
        found = own(text) if own else None
        # a common rule wins only when it comes first in the table
        if (shared := self.shared) and (common := shared(text)):
            if not found or self.order[common.lastgroup] < self.order[found.lastgroup]:
                found = common
        return self.names[found.lastgroup] if found else ""

    def allows(self, i: int, start: str) -> bool:
        """A rule's index and a line's first characters in; False only if no such line can match the rule."""
        return self.partials[i](start, partial=True) is not None

    def alternation(self, picked: tuple[int, ...]) -> PatternMatch | None:
        """Rule indexes in table order in; the match of their alternation, None for none."""
        if not picked:
            return None
        return re.compile("|".join(f"(?:{self.parts[i]})(?P<rule{i}>)" for i in picked)).match

    def compile_alternation(self, start: str) -> PatternMatch | None:
        """A line's first characters in; the match of the alternation of the other rules they allow."""
        picked = tuple(i for i in range(len(self.rules)) if i not in self.common and self.allows(i, start))
        if picked not in self.alternations:
            self.alternations[picked] = self.alternation(picked)
        return self.alternations[picked]


def scope_flag_group(pattern: str) -> str:
    """Pattern in; a leading global flag group made a scoped one, so the pattern can join an alternation."""
    if pattern.startswith("(?") and pattern[2:3].isalpha():
        end = pattern.index(")")
        return f"(?{pattern[2:end]}:{pattern[end + 1:]})"
    return pattern


def forget_lines() -> None:
    """Every matcher forgets the lines it has met (a benchmark's pass then meets its pages as a run first does)."""
    for matcher in MATCHERS:
        matcher.known.clear()
