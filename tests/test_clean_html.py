"""The HTML cleaner: what a case's golden cannot show, plus odd input made here.

Each tests/cases/html-<slug>/ holds seed.html and the golden its conversion
gives (test_cases.py). Here the cleaner alone is run on them for what the
Markdown does not show: that no block carries markup, which rule removed
what, page metadata the later stages normalise, and lines known to recur
across the digest's raw files (a case is converted alone, so its golden
never sees them).
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from digest_prep import clean_html, css_match, page_meta
from digest_prep.clean_html import furniture_key, strip_html_boilerplate
from digest_prep.model import Block, Extraction
from digest_prep.rules import Rule

CASES_DIR = Path(__file__).resolve().parent / "cases"
HTML_CASES = sorted(CASES_DIR.glob("html-*/"))
# What must never reach a block: active content, handlers, unsafe schemes.
UNSAFE = re.compile(r"(?i)<\s*/?\s*(script|iframe|object|embed|svg|style|base|form|img)\b"
                    r"|\bon[a-z]+\s*=|javascript:|vbscript:|data:text|expression\s*\(")
PARAGRAPH = ("<p>The council voted on Tuesday to approve the new budget for the coming "
             "year, after months of debate over spending on roads and schools.</p>")
# The rules that must have removed something from a case's page.
RULES_FIRED = {
    "html-comments-outweigh-article": ["html-comments"],
    "html-container-furniture-word": ["html-related", "html-navigation"],
    "html-split-chunks": ["html-advertising"],
}
# Page metadata as the page states it, before the metadata stage normalises it.
PAGE_META = {
    "html-meta-tags": {"lang": "en-GB"},
}
# html-recurring-furniture: lines known to recur across the digest's raw files
# are dropped from its page; alone, the page keeps them (see its golden).
RECURRING = ("Support independent local journalism: become a member of the Ledger today.",
             "Have a story? Email our newsroom at news@ledger.example.com")
# html-page-furniture: its article, in order, and the furniture around it.
FURNITURE_PAGE_BODY = (
    "The city council voted on Tuesday to approve a budget of 412",
    "Councillors backed the plan by nine votes to four after the ",
    "Residents who packed the public gallery applauded when the m",
    "Opposition members said the budget relied on optimistic fore",
    "The new budget takes effect on the first of January and will")
FURNITURE_PAGE_DROPPED = (
    "Sign in", "We use cookies", "Tweet this story", "Share on Facebook", "winter sun holiday",
    "morning briefing", "Sign up for the Ledger", "Most read", "Harbour ferry timetable",
    "Related stories", "Mayor promises harbour wall", "Typical of this council",
    "All rights reserved", "Privacy policy", "Jane Doe")


def run_case(case: Path, furniture: frozenset[str] = frozenset()) -> Extraction:
    """Case folder (and lines known to recur) in; the cleaner's Extraction of its page."""
    return strip_html_boilerplate((case / "seed.html").read_text(encoding="utf-8"), furniture)


def assert_safe(blocks: tuple[Block, ...]) -> None:
    """Blocks in; fails if any text or Markdown carries markup, handlers or unsafe links."""
    for block in blocks:
        assert block.kind in {"p", "h2", "h3", "quote", "li", "figure"}, block
        assert not UNSAFE.search(block.text), block.text
        assert not UNSAFE.search(block.markdown), block.markdown
        assert "<" not in block.markdown and ">" not in block.markdown, block.markdown


@pytest.mark.parametrize("case", HTML_CASES, ids=[c.name for c in HTML_CASES])
def test_case_blocks_are_safe(case: Path) -> None:
    assert_safe(run_case(case).blocks)


@pytest.mark.parametrize("name, rules", sorted(RULES_FIRED.items()))
def test_case_rules_fired(name: str, rules: list[str]) -> None:
    fired = {line.rule for line in run_case(CASES_DIR / name).lines_with("boilerplate")}
    for rule in rules:
        assert rule in fired, (rule, fired)


@pytest.mark.parametrize("name, meta", sorted(PAGE_META.items()))
def test_case_page_meta(name: str, meta: dict) -> None:
    stated = page_meta.read_html_page((CASES_DIR / name / "seed.html").read_text(encoding="utf-8")).meta
    for key, value in meta.items():
        assert stated.get(key) == value, (key, stated)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c.name for c in HTML_CASES])
def test_case_title_and_url_are_read_alone_as_with_the_rest(case: Path) -> None:
    html = (case / "seed.html").read_text(encoding="utf-8")
    full, alone = page_meta.read_html_page(html), page_meta.read_html_page(html, full=False)
    assert alone.meta == {key: value for key, value in full.meta.items()
                          if key in ("site_name", "title_from", "title", "url", "section", "description")}
    assert strip_html_boilerplate(html) == strip_html_boilerplate(html, page=full)


def test_recurring_furniture_is_dropped() -> None:
    case = CASES_DIR / "html-recurring-furniture"
    alone = "\n".join(b.text for b in run_case(case).blocks)
    extraction = run_case(case, frozenset(furniture_key(line) for line in RECURRING))
    text = "\n".join(b.text for b in extraction.blocks)
    position = 0
    for wanted in ("The city council voted on Tuesday to approve a budget of 412",
                   "The new budget takes effect on the first of January and will"):
        found = text.find(wanted, position)
        assert found >= 0, f"missing or out of order: {wanted!r}\n---\n{text}"
        position = found + len(wanted)
    for block in extraction.blocks:
        for unwanted in ("Support independent local journalism", "Have a story?"):
            assert unwanted not in block.text and unwanted not in block.markdown, (unwanted, block)
            assert unwanted in alone


def test_leftover_blocks_are_named_by_the_furniture_rules() -> None:
    blocks = [Block("p", "* * *"), Block("h2", "Budget Vote, 2024"), Block("p", PARAGRAPH[3:-4]),
              Block("p", "Share this"), Block("p", "Advertisement")]
    lines: list = []
    kept = clean_html.drop_furniture_blocks(blocks, frozenset({furniture_key("Share this")}),
                                            "Budget vote - 2025", lines)
    assert kept == [blocks[2]]
    assert [line.rule for line in lines] == ["empty-block", "title-repeat", "recurring-line",
                                             "block-advert-label"]


def test_a_reworded_headline_above_the_first_paragraph_is_dropped() -> None:
    lead = Block("p", PARAGRAPH[3:-4])
    title = "Council approves budget after months of debate"
    for headline in (Block("p", "Council approves the budget after months of debate"),
                     Block("h3", "Council approves budget after months of debate 12")):
        lines: list = []
        label = Block("p", "City news")
        kept = clean_html.drop_furniture_blocks([label, headline, lead], frozenset(), title, lines)
        assert kept == [label, lead]
        assert [line.rule for line in lines] == ["title-repeat"]
    # below running text, a block like the title is the article's own (a heading, a quote)
    later = Block("h2", "Council approves budget after months of debate")
    assert clean_html.drop_furniture_blocks([lead, later], frozenset(), title, []) == [lead, later]
    # a lead sentence that reuses the title's words is no repeat of it
    sentence = Block("p", "The council approves the budget after months of debate, its chair said.")
    assert clean_html.drop_furniture_blocks([sentence, lead], frozenset(), title, []) == [sentence, lead]


def test_a_headline_alone_stays_the_body() -> None:
    lines: list = []
    headline = Block("p", "Council approves the budget after months of debate")
    kept = clean_html.drop_furniture_blocks([headline, Block("p", "Advertisement")], frozenset(),
                                            "Council approves budget after months of debate", lines)
    assert kept == [headline]
    assert [line.rule for line in lines] == ["block-advert-label"]


def test_only_blocks_without_letters_or_digits_have_an_empty_key() -> None:
    # furniture_rule names a block without letters or digits before it works
    # out keys, and skips keys when nothing could match them
    assert not [hex(code) for code in range(0x110000)
                if chr(code).isalnum() and not furniture_key(chr(code))]


def test_deep_nesting_neither_crashes_nor_hangs() -> None:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + PARAGRAPH + "</div>" * depth + "</body></html>"
    start = time.monotonic()
    extraction = strip_html_boilerplate(html)
    assert time.monotonic() - start < 20
    assert isinstance(extraction, Extraction)
    assert_safe(extraction.blocks)


@pytest.mark.parametrize("opening", ["<div>", "<b>", "<table><tr><td>", "<ul><li>", "<blockquote>"])
def test_deep_unclosed_nesting(opening: str) -> None:
    html = opening * 100_000 + PARAGRAPH * 5
    start = time.monotonic()
    extraction = strip_html_boilerplate(html)
    assert time.monotonic() - start < 20
    assert_safe(extraction.blocks)


@pytest.mark.parametrize("html", [
    "", "   \n\t", "plain words, no markup at all", "\x00\x00<p>\x00</p>", "<", "</p></div>",
    "<html><body><p>", "<!-- only a comment -->", "<?xml version='1.0' encoding='utf-8'?><p>x</p>",
    "<p>\ud800 lone surrogate</p>", "<script>alert(1)</script>" * 50, "\ufeff<html></html>",
])
def test_odd_input_never_raises(html: str) -> None:
    extraction = strip_html_boilerplate(html)
    assert isinstance(extraction, Extraction)
    assert_safe(extraction.blocks)
    assert all(re.search(r"\w", b.text) for b in extraction.blocks)


def test_no_article_gives_no_blocks_but_lists_furniture() -> None:
    extraction = run_case(CASES_DIR / "html-no-article")
    assert extraction.blocks == ()
    assert {line.rule for line in extraction.lines_with("boilerplate")} >= {"html-navigation", "html-consent-banner"}


def test_removed_furniture_is_listed_with_its_rule() -> None:
    extraction = run_case(CASES_DIR / "html-page-furniture")
    rules = {line.rule for line in extraction.lines_with("boilerplate")}
    assert {"html-navigation", "html-consent-banner", "html-share-widget", "html-newsletter", "html-related",
            "html-comments", "html-advertising", "html-page-footer"} <= rules
    assert all(line.number > 0 for line in extraction.lines_with("boilerplate")
               if line.rule in {"html-navigation", "html-page-footer"})
    assert len(extraction.lines_with("body")) >= 5


def test_markdown_escapes_specials_and_leading_markers() -> None:
    parts = [("1. <b>bold</b> & *stars* _under_ [x] `code` {attr} ", ""),
             ("a (link)", "https://example.org/a_(b)?q=\"x\"")]
    markdown = clean_html.render_inline(parts)
    assert markdown.startswith("1\\. &lt;b&gt;bold&lt;/b&gt; &amp; \\*stars\\* \\_under\\_ \\[x\\] \\`code\\` \\{attr\\}")
    assert markdown.endswith("[a (link)](https://example.org/a%5F%28b%29?q=%22x%22)")
    for marker in ("# heading", "- item", "+ item", "> quote"):
        rendered = clean_html.render_inline([(marker, ""), ("link", "https://example.org/")])
        assert not rendered.startswith(marker[0]), rendered


def test_unsafe_links_become_plain_text() -> None:
    html = ("<article>" + PARAGRAPH * 3 + '<p>The council published <a href="javascript:alert(1)">the plan</a>'
            ' and <a href="data:text/html,x">the annex</a> on its website for residents to read.</p></article>')
    extraction = strip_html_boilerplate(html)
    last = extraction.blocks[-1]
    assert "the plan" in last.text and "the annex" in last.text
    assert "](" not in last.markdown
    assert_safe(extraction.blocks)


def test_selector_subset_matches_like_css() -> None:
    index = css_match.index_selectors((
        Rule("t", "nav, .promo, #side, [role=banner], [class*=share i], img[width='1'], "
                             "[data-x^=ad], [class~=ad]", "test", ""),))
    from lxml import html as lxml_html
    root = lxml_html.fromstring(
        '<div><nav></nav><p class="x Promo"></p><p id="side"></p><p role="banner"></p>'
        '<p class="ShareBar"></p><img width="1"><p data-x="advert"></p><p class="ad"></p>'
        '<p class="header"></p><p class="promotion"></p><img width="10"><p class="shadow"></p></div>')
    matched = [css_match.match_rule(el, index) == 0 for el in root]
    assert matched == [True] * 8 + [False] * 4


def test_large_link_farm_is_pruned_without_reading_it() -> None:
    links = "".join(f'<li><a href="/news/{i}?utm_source=x">Related story {i}</a></li>'
                    for i in range(100_000))
    html = (f"<html><body><article><h1>Budget</h1>{PARAGRAPH * 4}</article>"
            f"<aside><ul>{links}</ul></aside></body></html>")
    start = time.monotonic()
    extraction = strip_html_boilerplate(html)
    assert time.monotonic() - start < 20
    assert "The council voted on Tuesday" in extraction.blocks[0].text
    assert not any("Related story" in b.text for b in extraction.blocks)


@pytest.mark.parametrize("title, site, expected", [
    ("Harbour wall rebuilt | The Daily Ledger", "", "Harbour wall rebuilt"),
    ("The Daily Ledger - Harbour wall rebuilt", "The Daily Ledger", "Harbour wall rebuilt"),
    ("Apple releases iOS 13 - here's what's new in the update", "", "Apple releases iOS 13 - here's what's new in the update"),
])
def test_title_loses_only_the_site_suffix(title: str, site: str, expected: str) -> None:
    assert page_meta.strip_declared_site(title, site, guess=True) == expected


def test_main_container_stands_in_when_trafilatura_finds_nothing(monkeypatch) -> None:
    monkeypatch.setattr(clean_html, "run_trafilatura", lambda root: None)
    extraction = run_case(CASES_DIR / "html-page-furniture")
    text = "\n".join(b.text for b in extraction.blocks)
    for wanted in FURNITURE_PAGE_BODY:
        assert wanted in text
    for unwanted in FURNITURE_PAGE_DROPPED:
        assert unwanted not in text
    assert_safe(extraction.blocks)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c.name for c in HTML_CASES])
def test_trafilatura_body_is_bare_extractions(case: Path) -> None:
    # run_trafilatura calls trafilatura's cascade itself, skipping the text
    # rendering it does not read: its body must stay bare_extraction's.
    from trafilatura import bare_extraction
    root = page_meta.read_html_page((case / "seed.html").read_text(encoding="utf-8")).root
    document = bare_extraction(root, options=clean_html.trafilatura_options())
    body = clean_html.run_trafilatura(root)
    if document is None:
        assert body is None
    else:
        assert body is not None and list(body.itertext()) == list(document.body.itertext())


def test_page_index_finds_what_xpath_finds() -> None:
    html = ('<html><head><TITLE>A</TITLE><link rel="Canonical" href="https://example.org/a">'
            '<link rel="alternate canonical" href="https://example.org/b"><link rel="canonicals" href="x">'
            '<script type="Application/LD+JSON">{}</script><script type="text/javascript"></script></head>'
            '<body><h1>One</h1><div><h2>Two</h2><time datetime="">x</time><time>y</time>'
            '<h3>Three</h3><h1>Four</h1></div></body></html>')
    root = page_meta.parse_html(html)
    index = page_meta.index_elements(root)
    for tag in page_meta.INDEXED_TAGS:
        assert index[tag] == root.xpath(f"//{tag}"), tag
    assert [e.get("href") for e in index["link"]
            if " canonical " in f" {(e.get('rel') or '').translate(page_meta.REL_FOLD)} "] == [
        e.get("href") for e in root.xpath(
            "//link[contains(concat(' ',translate(@rel,'CANONICAL','canonical'),' '),' canonical ')]")]
    assert [e for e in index["script"] if "ld+json" in (e.get("type") or "").translate(page_meta.LD_TYPE_FOLD)] == (
        root.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"))


def test_malformed_urls_are_dropped_not_fatal(caplog) -> None:
    html = ('<html><head><link rel="canonical" href="http://[broken/page"><base href="https://[::1">'
            '</head><body><article>' + PARAGRAPH * 3 +
            '<p>The council published <a href="http://[oops/plan">the plan</a> and the '
            '<a href="https://example.org/annex">annex</a> on its website for residents.</p>'
            '</article></body></html>')
    extraction = strip_html_boilerplate(html)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert "url" not in page_meta.read_html_page(html).meta
    last = extraction.blocks[-1]
    assert "the plan" in last.text and "[annex](https://example.org/annex)" in last.markdown
    assert "oops" not in last.markdown


@pytest.mark.parametrize("declared, expected", [
    ("2019-11-18T16:10:29-05:00", "2019-11-18T16:10:29-05:00"),
    ("2019-11-18T16:10:29Z", "2019-11-18T16:10:29+00:00"),
    ("2019-11-18 16:10:29+0100", "2019-11-18T16:10:29+01:00"),
    ("Mon, 18 Nov 2019 16:10:29 -0500", "2019-11-18T16:10:29-05:00"),
    ("2019-11-18", "2019-11-18"),
    ("2019-13-45", ""),
    ("garbage", ""),
])
def test_declared_dates_keep_their_time_zone(declared: str, expected: str) -> None:
    assert page_meta.normalise_date(declared) == expected


def test_class_names_remembered_across_pages_change_no_match(monkeypatch) -> None:
    # the class/id words a page's rules were looked up by are kept for the
    # next pages (a bounded memory): matching from memory finds the same
    pages = [(case / "seed.html").read_text(encoding="utf-8") for case in HTML_CASES[:8]]

    def matches() -> list[list[tuple[str, int]]]:
        found = []
        for html in pages:
            root = page_meta.parse_html(html)
            clean_html.remove_unsafe(root)
            found.append([(element.tag, rule) for element, rule in clean_html.match_furniture(root)])
        return found

    clean_html.forget_class_names()
    first = matches()
    assert clean_html.SELECTOR_INDEX.words_seen
    assert matches() == first
    monkeypatch.setattr(clean_html, "WORDS_KEPT", 3)
    assert matches() == first
    assert len(clean_html.SELECTOR_INDEX.words_seen) < 3 + max(
        len(page_meta.parse_html(html).xpath("//*[@class or @id]")) * 2 for html in pages)


def test_htmldate_never_reads_a_date_from_readers_comments() -> None:
    # a page that states no date of its own: a comment's signature is not its date
    article = "<p>The council approved the harbour budget on Tuesday after a long debate.</p>" * 3
    comment = ("<div class='comment-item'><p>Good news for the quay.</p>"
               "<p class='posted'>Posted by: A. Reader at November 10, 2025 1:10 PM</p></div>")
    root = page_meta.parse_html(f"<html><body><div class='entry'>{article}</div>{comment}</body></html>")
    assert page_meta.find_date(root) == ""
    dated = page_meta.parse_html(f"<html><body><div class='entry'><p class='posted'>Posted on November 9, 2025"
                                 f"</p>{article}</div>{comment}</body></html>")
    assert page_meta.find_date(dated) == "2025-11-09"


def test_a_label_repeating_the_stated_section_above_the_first_paragraph_is_dropped() -> None:
    lead = Block("p", "市は12日、中央図書館の開館時間を来月から試験的に夜10時まで延長すると発表した。仕事帰りの会社員の利用を見込む。")
    label = Block("p", "文化・教育")
    lines: list = []
    kept = clean_html.drop_furniture_blocks([label, lead], frozenset(), "図書館の開館、夜10時まで延長へ", lines, "文化・教育")
    assert kept == [lead]
    assert [line.rule for line in lines] == ["section-repeat"]
    # below running text the same words are the article's own; other words, or no stated section, stay
    assert clean_html.drop_furniture_blocks([lead, label], frozenset(), "", [], "文化・教育") == [lead, label]
    assert clean_html.drop_furniture_blocks([label, lead], frozenset(), "", [], "") == [label, lead]
    heading = Block("h2", "World leaders meet")
    assert clean_html.drop_furniture_blocks([heading, lead], frozenset(), "", [], "World") == [heading, lead]


def test_a_japanese_paragraph_is_running_text_though_it_holds_no_space() -> None:
    # split at spaces it is one word: the title test then ran through the whole body
    paragraph = "市は12日、中央図書館の開館時間を来月から試験的に夜10時まで延長すると発表した。"
    assert clean_html.count_running_words(paragraph) >= clean_html.HEADLINE_ABOVE_WORDS
    assert clean_html.count_running_words("文化・教育") < clean_html.HEADLINE_ABOVE_WORDS
    assert clean_html.count_running_words(PARAGRAPH) == len(PARAGRAPH.split())
    title = "図書館の開館時間、夜10時まで延長へ"
    lead, later = Block("p", paragraph), Block("h2", title)
    assert clean_html.drop_furniture_blocks([lead, later], frozenset(), title, []) == [lead, later]
