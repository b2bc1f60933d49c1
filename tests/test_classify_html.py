"""The HTML cleaner's block model: cutting pages into blocks, features, the shipped model."""
from __future__ import annotations

import lxml.html

from digest_prep import classify_html, clean_html
from digest_prep.clean_html import strip_html_boilerplate

PARAGRAPH = ("<p>The city council voted on Tuesday to approve a budget of 412 million dollars "
             "for the coming year, ending three months of debate over roads and schools.</p>")


def blocks_of(body: str) -> list[classify_html.RawBlock]:
    root = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    return classify_html.segment_blocks(root.find("body"))


def test_each_block_element_is_a_block_and_inline_text_joins_it() -> None:
    blocks = blocks_of('<div>Lead text <p>A <b>bold</b> <a href="/x">link</a> here.</p> tail</div>')
    assert [b.text for b in blocks] == ["Lead text", "A bold link here.", "tail"]
    middle = blocks[1]
    assert middle.element.tag == "p"
    assert ("link", "/x") in middle.parts
    assert middle.link_chars == len("link") and middle.links == 1


def test_two_line_breaks_end_a_paragraph_one_does_not() -> None:
    blocks = blocks_of("<td>First line<br>same paragraph<br><br>Second paragraph</td>")
    assert [b.text for b in blocks] == ["First line same paragraph", "Second paragraph"]


def test_form_control_text_is_not_page_text() -> None:
    blocks = blocks_of("<div>Choose <select><option>One</option></select></div>")
    assert [b.text for b in blocks] == ["Choose"]


def test_every_block_gets_one_row_of_every_feature() -> None:
    analysis = clean_html.analyse_page(
        f"<html><head><title>Budget</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Budget</h1>{PARAGRAPH * 3}</article>"
        f"<ul><li><a href='/a'>Other story</a></li></ul></body></html>")
    assert analysis is not None and analysis.blocks
    assert len(analysis.rows) == len(analysis.blocks)
    assert {len(row) for row in analysis.rows} == {len(classify_html.feature_names())}
    assert all(all(value == value for value in row) for row in analysis.rows)   # no NaN


def test_concept_words_are_read_from_any_naming() -> None:
    names = classify_html.CONCEPT_NAMES
    marks = {names[n] for n in classify_html.concept_marks("main-content comments_list")}
    assert {"content", "comment"} <= marks
    assert classify_html.concept_marks("xyzzy") == ()


def test_run_together_class_words_name_their_long_concept_words_only() -> None:
    names = classify_html.CONCEPT_NAMES
    assert {names[n] for n in classify_html.concept_marks("commentlist")} == {"comment"}
    assert {names[n] for n in classify_html.concept_marks("relatedposts postcontent")} == {"related", "content"}
    # "ad" and "nav" inside a word are chance ("shadow", "canvas")
    assert classify_html.concept_marks("shadowcanvas") == ()


def test_the_shipped_models_load_once_per_process() -> None:
    first = classify_html.load_models()
    assert first[0] is not None and first[1] is not None
    assert classify_html.load_models() is first
    assert classify_html.MODEL_PATH.stat().st_size < 5_000_000


def test_a_byline_block_never_reaches_the_body() -> None:
    html = (f"<html><body><article><div class='x'>By Jane Smith</div>{PARAGRAPH * 4}"
            f"</article></body></html>")
    extraction = strip_html_boilerplate(html)
    assert all("Jane Smith" not in block.text for block in extraction.blocks)
    assert any(line.text == "By Jane Smith" and line.role == "byline" for line in extraction.lines)


def test_removed_blocks_say_why() -> None:
    links = "".join(f"<li><a href='/s{i}'>Another story number {i}</a></li>" for i in range(12))
    html = (f"<html><body><article>{PARAGRAPH * 4}</article><div><ul>{links}</ul></div>"
            f"<nav><a href='/'>Home</a></nav></body></html>")
    extraction = strip_html_boilerplate(html)
    removed = [line for line in extraction.lines if line.role == "boilerplate"]
    assert removed
    assert all(line.rule for line in removed)
    assert any(line.rule == "html-navigation" for line in removed)
    assert any(line.rule.startswith("html-model: ") for line in removed)
    assert all("Another story" not in block.text for block in extraction.blocks)
