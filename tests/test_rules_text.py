"""Text rule tables: every rule is documented, and its example is removed among article text by that rule."""
from __future__ import annotations

import re

import pytest

from conftest import CASES_DIR, CORPUS_PAGES_DIR
from digest_prep import clean_text, rule_match
from digest_prep.clean_text import strip_text_boilerplate
from digest_prep.model import BODY_ROLES, METADATA_ROLES
from digest_prep.rules import TEXT_META_RULES, TEXT_RULES

ALL_RULES = TEXT_RULES + TEXT_META_RULES
META_ROLES = {"byline", "dateline", "credit", "caption"}

BEFORE = [
    "Officials in the northern province said on Monday that repairs to the main dam would begin next month and take about a year to finish.",
    "The dam was damaged by floods in the spring, when water levels rose higher than at any time since it was built in the 1970s.",
]
AFTER = [
    "Engineers will first reinforce the spillway, then replace the gates that control the flow of water into the canals below.",
    "Farmers downstream have been told that irrigation will continue during the works, although with some restrictions in the summer.",
]


def ids(rules):
    return [rule.name for rule in rules]


def test_names_are_unique() -> None:
    names = ids(ALL_RULES)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", ALL_RULES, ids=ids(ALL_RULES))
def test_rule_is_documented(rule) -> None:
    assert rule.name and rule.name == rule.name.lower() and " " not in rule.name
    assert rule.reason.strip().endswith(".") and len(rule.reason.split()) >= 4
    assert rule.example.strip()
    re.compile(rule.pattern)


@pytest.mark.parametrize("rule", ALL_RULES, ids=ids(ALL_RULES))
def test_pattern_is_lower_case(rule) -> None:
    # the cleaner matches the lower-cased line, so an upper-case letter
    # outside an escape (\S, \W, \D ...) could never match
    unescaped = re.sub(r"\\.", "", rule.pattern)
    assert unescaped == unescaped.lower(), rule.pattern


@pytest.mark.parametrize("rule", ALL_RULES, ids=ids(ALL_RULES))
def test_example_matches_its_pattern(rule) -> None:
    assert re.match(rule.pattern, rule.example.lower())


@pytest.mark.parametrize("rule", TEXT_RULES, ids=ids(TEXT_RULES))
def test_furniture_example_removed_among_article_text(rule) -> None:
    extraction = strip_text_boilerplate("\n".join(BEFORE + [rule.example] + AFTER))
    assert rule.example not in [block.text for block in extraction.blocks]
    line = next(line for line in extraction.lines if line.text == rule.example)
    assert line.role == "boilerplate"
    assert line.rule == rule.name, (line.rule, rule.name)          # this rule, not another one
    assert [block.text for block in extraction.blocks][:2] == BEFORE


@pytest.mark.parametrize("rule", TEXT_META_RULES, ids=ids(TEXT_META_RULES))
def test_metadata_example_leaves_the_body(rule) -> None:
    extraction = strip_text_boilerplate("\n".join(BEFORE + [rule.example] + AFTER))
    assert rule.example not in [block.text for block in extraction.blocks]
    line = next(line for line in extraction.lines if line.text == rule.example)
    assert line.role not in BODY_ROLES
    assert line.rule == rule.name, (line.rule, rule.name)
    assert rule.name.split("-", 1)[0] in META_ROLES


@pytest.mark.parametrize("rule", TEXT_META_RULES, ids=ids(TEXT_META_RULES))
def test_metadata_example_above_the_article_gets_its_role(rule) -> None:
    title = "Dam repairs to start next month"
    extraction = strip_text_boilerplate("\n".join([title, rule.example] + BEFORE + AFTER))
    line = next(line for line in extraction.lines if line.text == rule.example)
    role = rule.name.split("-", 1)[0]
    if role == "credit":                    # wire credits close an article
        extraction = strip_text_boilerplate("\n".join([title] + BEFORE + AFTER + [rule.example]))
        line = next(line for line in extraction.lines if line.text == rule.example)
    assert line.role == role, line
    assert line.rule == rule.name, (line.rule, rule.name)
    assert role in METADATA_ROLES | {"caption"}


def corpus_and_case_lines() -> list[str]:
    """Every stripped, lower-cased line of the test corpus's text pages and the case directories' raw files."""
    paths = sorted(CORPUS_PAGES_DIR.glob("*.txt")) + sorted(CASES_DIR.glob("*/seed.*"))
    lines = {line.strip().lower() for path in paths if path.suffix in (".txt", ".html", ".md")
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()}
    return sorted(lines)


@pytest.mark.parametrize("table", ["FURNITURE_RULES", "REGION_RULES", "NON_REGION_RULES",
                                   "META_RULES", "CAPTION_RULES"])
def test_rule_matcher_names_the_same_rule_as_a_plain_loop(table) -> None:
    # openings only leave out rules that would fail: on every line the
    # first rule matching is the one a loop over the table finds
    matcher = getattr(clean_text, table)
    compiled = [(rule.name, re.compile(rule.pattern)) for rule in matcher.rules]
    lines = corpus_and_case_lines() + [rule.example.lower() for rule in ALL_RULES]
    lines += [f"{chr(0x4e00 + n)}{n} min read" for n in range(50)] + ["", "share this story"]
    assert len(lines) > 5000
    for line in lines:
        expected = next((name for name, pattern in compiled if pattern.match(line)), "")
        assert matcher.match_lower(line) == expected, line


def test_rule_matcher_keeps_little_per_opening(monkeypatch) -> None:
    monkeypatch.setattr(rule_match, "STARTS_KEPT", 40)
    monkeypatch.setattr(rule_match, "LINES_KEPT", 30)
    matcher = rule_match.RuleMatcher(TEXT_RULES)
    compiled = [(rule.name, re.compile(rule.pattern)) for rule in TEXT_RULES]
    lines = [f"{chr(first)}{chr(second)} share this story {n}" for n, (first, second) in
             enumerate(zip(range(0x61, 0x61 + 26), range(0x430, 0x430 + 26)))]
    lines += [f"{chr(0x4e00 + n)}{n} min read" for n in range(200)] + ["share this story", "sh", ""]
    for line in lines * 2:
        expected = next((name for name, pattern in compiled if pattern.match(line)), "")
        assert matcher.match_lower(line) == expected, line
        assert len(matcher.by_start) <= 40
        assert len(matcher.known) <= 30
    assert len(matcher.alternations) < 40
    assert matcher.common   # "share this story" is met whatever a line opens with


def test_rule_matcher_remembers_lines_until_told_to_forget() -> None:
    matcher = rule_match.RuleMatcher(TEXT_RULES)
    assert matcher.match_lower("share this story") == matcher.match_first("share this story") != ""
    assert matcher.match_lower("an ordinary sentence.") == ""
    assert matcher.known == {"share this story": matcher.match_first("share this story"),
                             "an ordinary sentence.": ""}
    rule_match.forget_lines()
    assert matcher.known == {}


def test_rule_matcher_remembers_no_long_line() -> None:
    matcher = rule_match.RuleMatcher(TEXT_RULES)
    long_line = "share this story " + "word " * rule_match.LINE_KEPT_CHARS
    short_line = "share this story"
    assert matcher.match_lower(long_line) == next(
        (rule.name for rule in TEXT_RULES if re.match(rule.pattern, long_line)), "")
    assert matcher.match_lower(short_line) != ""
    assert list(matcher.known) == [short_line]
