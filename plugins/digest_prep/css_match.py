"""Which HTML rule's CSS selectors an element matches first.

HTML_RULES patterns are CSS selector groups of compound selectors: a tag or
*, #id, .class, [attr], [attr=v], [attr~=v], [attr*=v], [attr^=v],
[attr$=v], [attr|=v], each with an optional " i" flag; no combinators.
cssselect parses them. Every test is case-blind, as pages mix cases freely
in class names, so the " i" flags are implied (and read past: cssselect
does not parse them).

One pass over the tree matches them all: each selector is indexed by its
most selective test (a class or id word, else its tag, else an attribute
name), and only the candidates that index finds are checked in full. The
XPath that cssselect writes for the same rules, run by libxml2, took ten
times longer than the whole match (tests/test_rules_html.py checks that
both find the same elements).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cssselect import parse
from cssselect.parser import Attrib, Class, Element, Hash

from .rules import Rule

# Attributes whose words index the selectors, and the operators indexed.
WORD_ATTRIBUTES = ("class", "id")
WORD_OPERATORS = ("~=", "*=", "^=")
CASE_FLAG = re.compile(r"\s+[iI]\s*\]")     # the " i" closing [attr*=value i]


@dataclass(frozen=True)
class Selector:
    """One compound CSS selector: a tag ("" for any) and attribute tests."""

    rule: int                                 # index of its rule in HTML_RULES
    tag: str
    tests: tuple[tuple[str, str, str], ...]   # (attribute, operator, lowercase value)


@dataclass(frozen=True)
class SelectorIndex:
    """HTML_RULES compiled for one pass over a tree."""

    rules: tuple[Rule, ...]
    word_pattern: dict[str, re.Pattern]                     # class/id -> substrings and prefixes
    by_word: dict[tuple[str, str, str], tuple[Selector, ...]]  # (attr, op, value) -> selectors
    by_token: dict[tuple[str, str], tuple[Selector, ...]]      # (attr, token) -> selectors
    by_tag: dict[str, tuple[Selector, ...]]
    by_attribute: dict[str, tuple[Selector, ...]]
    # (class/id, value) -> the selectors its words index: a site's pages
    # share their class names, so the words are read once per run
    # (match_rule's callers pass it as the memo, and bound it)
    words_seen: dict[tuple[str, str], list[Selector]] = field(default_factory=dict, compare=False, repr=False)


def parse_selector_group(group: str, rule: int) -> list[Selector]:
    """CSS selector group and rule index in; one Selector per compound selector."""
    return [read_compound(selector.parsed_tree, group, rule) for selector in parse(CASE_FLAG.sub("]", group))]


def read_compound(tree: Any, group: str, rule: int) -> Selector:
    """A compound selector parsed by cssselect in; a Selector with its tests in source order."""
    tests = []
    while not isinstance(tree, Element):
        if isinstance(tree, Class):
            tests.append(("class", "~=", tree.class_name.lower()))
        elif isinstance(tree, Hash):
            tests.append(("id", "=", tree.id.lower()))
        elif isinstance(tree, Attrib) and tree.namespace is None:
            operator = "" if tree.operator == "exists" else tree.operator
            tests.append((tree.attrib.lower(), operator, tree.value.value.lower() if operator else ""))
        else:
            raise ValueError(f"unsupported selector syntax (no combinators): {group!r}")
        tree = tree.selector
    tag = (tree.element or "").lower()
    if not tag and not tests:
        raise ValueError(f"empty selector: {group!r}")
    return Selector(rule, tag, tuple(reversed(tests)))


def index_selectors(rules: tuple[Rule, ...]) -> SelectorIndex:
    """HTML rules in; their selectors indexed for one pass over a tree."""
    words: dict[tuple[str, str, str], list[Selector]] = {}
    tokens: dict[tuple[str, str], list[Selector]] = {}
    tags: dict[str, list[Selector]] = {}
    attributes: dict[str, list[Selector]] = {}
    for number, rule in enumerate(rules):
        for selector in parse_selector_group(rule.pattern, number):
            key = next((t for t in selector.tests if t[0] in WORD_ATTRIBUTES and t[1] in WORD_OPERATORS), None)
            if key and key[1] == "~=":
                tokens.setdefault((key[0], key[2]), []).append(selector)
            elif key:
                words.setdefault(key, []).append(selector)
            elif selector.tag:
                tags.setdefault(selector.tag, []).append(selector)
            else:
                attributes.setdefault(selector.tests[0][0], []).append(selector)
    patterns = {}
    for attr in WORD_ATTRIBUTES:
        alternatives = sorted({(op, value) for (a, op, value) in words if a == attr},
                              key=lambda ov: -len(ov[1]))
        if alternatives:
            # a lookahead finds overlapping words ("social-share" holds both)
            patterns[attr] = re.compile("(?=(" + "|".join(
                re.escape(value) for _, value in alternatives) + "))")
    freeze = lambda d: {k: tuple(v) for k, v in d.items()}  # noqa: E731
    return SelectorIndex(tuple(rules), patterns, freeze(words), freeze(tokens),
                         freeze(tags), freeze(attributes))


def match_rule(element: Any, index: SelectorIndex,
               memo: dict[tuple[str, str], list[Selector]] | None = None) -> int:
    """Element (and a memo of class/id words, e.g. index.words_seen) in; its first HTML rule's index, or -1."""
    names = element.keys()
    by_tag = index.by_tag.get(element.tag)
    if not names and not by_tag:
        return -1                       # most elements: no attributes, no tag rule
    candidates: list[Selector] = list(by_tag or ())
    for name in names:
        found = index.by_attribute.get(name)
        if found:
            candidates.extend(found)
    for attr in WORD_ATTRIBUTES:
        value = element.get(attr)
        if value:
            key = (attr, value)
            words = memo.get(key) if memo is not None else None
            if words is None:
                words = word_candidates(attr, value.lower(), index)
                if memo is not None:
                    memo[key] = words
            candidates.extend(words)
    best = -1
    for selector in candidates:
        if (best < 0 or selector.rule < best) and matches_selector(element, selector):
            best = selector.rule
    return best


def word_candidates(attr: str, value: str, index: SelectorIndex) -> list[Selector]:
    """Lowercase class or id value in; the selectors indexed under its words."""
    found: list[Selector] = []
    pattern = index.word_pattern.get(attr)
    if pattern:
        for word in pattern.findall(value):
            found.extend(index.by_word.get((attr, "*=", word), ()))
            found.extend(index.by_word.get((attr, "^=", word), ()))
    for token in value.split():
        found.extend(index.by_token.get((attr, token), ()))
    return found


def matches_selector(element: Any, selector: Selector) -> bool:
    """Element and selector in; True if the element has its tag and passes every test."""
    if selector.tag and element.tag != selector.tag:
        return False
    return all(matches_test(element.get(attr), op, value) for attr, op, value in selector.tests)


def matches_test(actual: str | None, op: str, value: str) -> bool:
    """Attribute value (or None), CSS operator and lowercase value in; True if it passes."""
    if actual is None:
        return False
    actual = actual.lower()                # case-blind: pages mix cases freely in class names
    if op == "":
        return True
    if op == "=":
        return actual.strip() == value
    if op == "~=":
        return value in actual.split()
    if op == "*=":
        return value in actual
    if op == "^=":
        return actual.startswith(value)
    if op == "$=":
        return actual.endswith(value)
    return actual == value or actual.startswith(value + "-")
