"""HTML_RULES and BLOCK_RULES: each has a reason, and its example goes when
embedded in an article page."""
from __future__ import annotations

import re

import pytest
from cssselect import HTMLTranslator
from lxml import etree
from lxml import html as lxml_html

from conftest import CASES_DIR
from digest_prep import css_match
from digest_prep.clean_html import strip_html_boilerplate
from digest_prep.rules import BLOCK_RULES, HTML_RULES, TEXT_RULES, Rule

ARTICLE = [
    "The city council voted on Tuesday to approve a budget of 412 million dollars for the coming "
    "year, ending three months of debate over spending on roads, schools and the harbour.",
    "Councillors backed the plan by nine votes to four after the finance committee agreed to move "
    "two million dollars from a planned car park into repairs at the old grammar school.",
    "Residents who packed the public gallery applauded when the mayor said the harbour wall would "
    "be rebuilt before the winter storms, a promise first made in the spring.",
    "Opposition members said the budget relied on optimistic forecasts of tourist tax receipts and "
    "warned that a poor summer could leave a hole of several million dollars.",
    "The new budget takes effect on the first of January and will be reviewed by the council's "
    "audit panel in June, when the first quarter's figures are known.",
]


def article_page(snippet: str, inside: bool) -> str:
    """Snippet in; an article page with it between the paragraphs (inside) or beside the article."""
    paragraphs = [f"<p>{text}</p>" for text in ARTICLE]
    if inside:
        body = "<article>" + "".join(paragraphs[:2]) + snippet + "".join(paragraphs[2:]) + "</article>"
    else:
        body = "<main><article>" + "".join(paragraphs) + "</article>" + snippet + "</main>"
    return f"<!DOCTYPE html><html><head><title>Budget</title></head><body>{body}</body></html>"


def snippet_words(snippet: str) -> list[str]:
    """HTML snippet in; its visible text lines, each long enough to search for."""
    root = lxml_html.fragment_fromstring(snippet, create_parent="div")
    texts = [" ".join(t.split()) for t in root.itertext()]
    return [t for t in texts if len(t) >= 4]


ALL_RULES = HTML_RULES + BLOCK_RULES


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.name for r in ALL_RULES])
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.reason.endswith((".", ")")) and len(rule.reason.split()) >= 5
    assert rule.example.strip()


def test_rule_names_are_unique() -> None:
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))
    text_names = {r.name for r in TEXT_RULES}
    assert not text_names & set(names), "an HTML rule shares a name with a text rule"


@pytest.mark.parametrize("rule", HTML_RULES, ids=[r.name for r in HTML_RULES])
def test_html_rule_matches_its_example(rule: Rule) -> None:
    index = css_match.index_selectors((rule,))
    root = lxml_html.fragment_fromstring(rule.example, create_parent="div")
    assert any(css_match.match_rule(el, index) == 0 for el in root.iter() if el is not root)


def test_index_matches_what_cssselect_xpath_matches() -> None:
    # cssselect's own XPath for each rule is the reference; it compares
    # values as written, so every attribute value is lower-cased first
    # (the index is case-blind)
    index = css_match.index_selectors(HTML_RULES)
    translator = HTMLTranslator()
    queries = [etree.XPath(translator.css_to_xpath(css_match.CASE_FLAG.sub("]", rule.pattern),
                                                   prefix="descendant-or-self::"))
               for rule in HTML_RULES]
    pages = [path.read_bytes() for path in sorted(CASES_DIR.glob("*/seed.html"))]
    pages += [f"<html><body>{rule.example}</body></html>".encode() for rule in HTML_RULES]
    checked = matched = 0
    for page in pages:
        try:
            root = lxml_html.document_fromstring(page)
        except (etree.ParserError, ValueError):
            continue
        for element in root.iter():
            for name, value in element.attrib.items():
                element.set(name, value.lower())
        found = [set(query(root)) for query in queries]
        for element in root.iter(etree.Element):
            expected = next((i for i, elements in enumerate(found) if element in elements), -1)
            assert css_match.match_rule(element, index) == expected, (element.tag, dict(element.attrib))
            checked += 1
            matched += expected >= 0
    assert checked > 500 and matched > 40, (checked, matched)


@pytest.mark.parametrize("inside", [True, False], ids=["inside-article", "beside-article"])
@pytest.mark.parametrize("rule", HTML_RULES, ids=[r.name for r in HTML_RULES])
def test_html_rule_example_is_removed(rule: Rule, inside: bool) -> None:
    extraction = strip_html_boilerplate(article_page(rule.example, inside))
    body = "\n".join(b.text for b in extraction.blocks)
    for paragraph in ARTICLE:
        assert paragraph in body
    for words in snippet_words(rule.example):
        assert words not in body, (rule.name, words)
    fired = {line.rule for line in extraction.lines_with("boilerplate")}
    assert rule.name in fired, (rule.name, fired)


@pytest.mark.parametrize("rule", BLOCK_RULES, ids=[r.name for r in BLOCK_RULES])
def test_block_rule_matches_its_example(rule: Rule) -> None:
    assert re.search(rule.pattern, rule.example)
    for paragraph in ARTICLE:
        assert not re.search(rule.pattern, paragraph), (rule.name, paragraph)


@pytest.mark.parametrize("rule", BLOCK_RULES, ids=[r.name for r in BLOCK_RULES])
def test_block_rule_example_is_removed(rule: Rule) -> None:
    extraction = strip_html_boilerplate(article_page(f"<p>{rule.example}</p>", inside=True))
    body = "\n".join(b.text for b in extraction.blocks)
    assert all(paragraph in body for paragraph in ARTICLE)
    assert rule.example not in body
    fired = {line.rule for line in extraction.lines_with("boilerplate") if line.text == rule.example}
    assert fired == {rule.name}, (rule.name, fired)


@pytest.mark.parametrize("line, furniture", [
    ("Example News Ltd. All rights reserved.", True),
    ("ALL RIGHTS RESERVED", True),
    ("Example News. All rights reserved\n", True),
    ("Example News. All rights reserved.\n", True),
    ("The band said all rights reserved was printed on the sleeve.", False),
    ("All rights reserved..", False),
])
def test_copyright_formula_counts_only_where_it_ends_the_line(line: str, furniture: bool) -> None:
    rule = next(r for r in BLOCK_RULES if r.name == "block-copyright-line")
    assert bool(re.search(rule.pattern, line)) is furniture
