"""Which rule of a text rule table matches a line first.

A table is compiled into one alternation in table order,
`(?:p0)(?P<rule0>)|(?:p1)(?P<rule1>)|...`: the empty group closing last
names the first rule that matches. (An empty group costs nothing until its
rule has matched; groups around the rules would be saved and restored at
every backtrack.) A line meets only the rules whose declared `starts` hold
its first character, so there is one alternation per first character, made
when a line first needs it.
"""
from __future__ import annotations

import re
from typing import Callable

from .rules import Rule

PatternMatch = Callable[[str], "re.Match[str] | None"]   # a compiled pattern's match method


class RuleMatcher:
    """A text rule table compiled once; match_lower(line) names the first rule that matches the line."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        # re.match anchors at the start already; a leading ^ only slows the
        # alternation, which can then not skip a rule on its first character.
        self.parts = [scope_flag_group(rule.pattern.removeprefix("^")) for rule in rules]
        self.names = {f"rule{i}": rule.name for i, rule in enumerate(rules)}
        # first character -> the match of the rules such a line meets (None: no rule)
        self.by_first: dict[str, PatternMatch | None] = {}
        # rules picked -> their match: the many characters no rule names share one
        self.alternations: dict[tuple[int, ...], PatternMatch | None] = {(): None}

    def match_lower(self, text: str) -> str:
        """Stripped, lower-cased line in, the name of the first rule matching it, or ''."""
        first = text[:1]
        try:
            match = self.by_first[first]
        except KeyError:
            match = self.by_first[first] = self.compile_alternation(first)
        if match and (found := match(text)):
            return self.names[found.lastgroup]
        return ""

    def compile_alternation(self, first: str) -> PatternMatch | None:
        """A line's first character in, the match of the alternation of the rules it allows; None for none."""
        picked = tuple(i for i, rule in enumerate(self.rules) if not rule.starts or first in rule.starts)
        if picked not in self.alternations:
            self.alternations[picked] = re.compile(
                "|".join(f"(?:{self.parts[i]})(?P<rule{i}>)" for i in picked)).match
        return self.alternations[picked]


def scope_flag_group(pattern: str) -> str:
    """Pattern in; a leading global flag group made a scoped one, so the pattern can join an alternation."""
    if pattern.startswith("(?") and pattern[2:3].isalpha():
        end = pattern.index(")")
        return f"(?{pattern[2:end]}:{pattern[end + 1:]})"
    return pattern
