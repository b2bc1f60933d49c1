"""Copied text in the layouts editors hand in: hard-wrapped, blank-line separated, one line."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from digest_prep.clean_text import strip_text_boilerplate
from digest_prep.layout_text import LAYOUTS, is_markup, make_layout, normalise_layout, paragraphs, render_markup

HERE = Path(__file__).resolve().parent
SEEDS_DIR = HERE.parent / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
TEXT_CASES = sorted((HERE / "cases").glob("text-*/seed.txt"))
WRAPPED = HERE / "cases" / "layout-wrapped" / "seed.txt"     # seeds/000 hard-wrapped at 72 columns
MARKUP = HERE / "cases" / "layout-raw-markup" / "seed.txt"   # a page's source on one line (unclosed <title>)
# Copied text that shows tags as text: none of it is markup to render.
TAGS_AS_TEXT = sorted((HERE / "cases").glob("*xss*text*/seed.txt")) + [HERE / "cases" / "xss-fields-front-matter" / "seed.txt"]


def non_blank(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("path", SEEDS + TEXT_CASES + TAGS_AS_TEXT, ids=lambda p: p.parent.name + "/" + p.name)
def test_one_block_a_line_is_left_alone(path: Path) -> None:
    assert normalise_layout(path.read_text(encoding="utf-8")) is None


def test_wrapped_paragraphs_are_joined() -> None:
    original = non_blank((SEEDS_DIR / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8"))
    blocks = normalise_layout(WRAPPED.read_text(encoding="utf-8"))
    assert blocks is not None
    assert [text for _, text in blocks] == original
    # each block keeps the number of the raw line it starts on
    raw = WRAPPED.read_text(encoding="utf-8").splitlines()
    assert all(raw[number - 1].strip() and text.startswith(raw[number - 1].strip()) for number, text in blocks)


def test_wrapped_text_gives_the_same_body() -> None:
    original = strip_text_boilerplate((SEEDS_DIR / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8"))
    wrapped = strip_text_boilerplate(WRAPPED.read_text(encoding="utf-8"))
    assert [b.text for b in wrapped.blocks] == [b.text for b in original.blocks]
    assert [line.role for line in wrapped.lines] == [line.role for line in original.lines]


def test_article_on_one_line_becomes_paragraphs() -> None:
    text = (SEEDS_DIR / "002_a24904526fcae996.txt").read_text(encoding="utf-8")
    long = max(text.splitlines(), key=len)
    parts = paragraphs(long)
    assert len(parts) >= 3
    assert " ".join(parts) == long
    body = [b.text for b in strip_text_boilerplate(text).blocks]
    assert body == parts


def test_never_split_inside_a_quotation() -> None:
    sentence = "The minister spoke at length about the plan for the region this week. "
    quote = ("“We will not stop. We will go on. " + "Every village will be rebuilt. " * 20 + "That is a promise.” ")
    block = sentence * 8 + quote + sentence * 8
    parts = paragraphs(block)
    assert " ".join(parts) == block.strip()
    for part in parts:
        assert part.count("“") == part.count("”"), part[:80]


def test_short_lines_are_not_split() -> None:
    assert paragraphs("One sentence. Another one. A third.") == ["One sentence. Another one. A third."]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_generated_layouts_keep_every_word(layout: str) -> None:
    text = (SEEDS_DIR / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8")
    lines = non_blank(text)
    labels = [1 if len(line.split()) > 12 else 0 for line in lines]
    made = make_layout(text, layout, labels)
    assert sorted(made.split()) == sorted(text.split())


def test_raw_markup_is_rendered_into_blocks() -> None:
    blocks = normalise_layout(MARKUP.read_text(encoding="utf-8"))
    assert blocks is not None
    texts = [text for _, text in blocks]
    # every block comes from the one raw line, for the review page
    assert {number for number, _ in blocks} == {1}
    assert texts[0] == "Harbour ferry service resumes after storm | Coastline Gazette"
    assert "Harbour ferry service resumes after storm" in texts and "By Jane Marlow" in texts
    # no tag, script, style or comment is left; entities are characters again
    assert not any("<" in text or "_q.push" in text or "display: inline" in text or "header" in text
                   for text in texts)
    assert any(text.startswith('"We are grateful') and "on time & was" in text for text in texts)
    assert "© 2025 Coastline Gazette. All rights reserved." in texts


def test_hard_wrapped_markup_is_rendered_too() -> None:
    raw = MARKUP.read_text(encoding="utf-8")
    wrapped = textwrap.fill(raw.strip(), 72, break_long_words=False, break_on_hyphens=False)
    assert [text for _, text in normalise_layout(wrapped)] == [text for _, text in normalise_layout(raw)]


def test_raw_markup_gives_the_body_a_copy_would() -> None:
    raw = MARKUP.read_text(encoding="utf-8")
    shown = "\n".join(text for _, text in normalise_layout(raw))     # the page as a browser copy shows it
    body = [b.text for b in strip_text_boilerplate(raw).blocks]
    assert body == [b.text for b in strip_text_boilerplate(shown).blocks]
    assert len(body) == 5 and body[0].startswith("The harbour ferry")


@pytest.mark.parametrize("line", [
    # prose that quotes tags
    "To centre a heading, wrap it in <div style=\"text-align:center\">...</div>, or use <center> and </center> "
    "as older pages did; <p>, <span> and <em> keep their own alignment.",
    # a comment form's list of allowed tags: many tags, none closed
    'You can use these HTML tags and attributes: <a href="" title=""> <abbr title=""> <acronym title=""> <b> '
    '<blockquote cite=""> <cite> <code> <del datetime=""> <em> <i> <q cite=""> <strike> <strong>',
    # a short snippet quoted on its own line
    '<ul class="menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul>',
    # a long paragraph that names many tags and closes some
    "The lesson covers " + ", ".join(f"<{t}> and </{t}>" for t in ("p", "em", "b", "i", "ul", "li", "ol", "h1"))
    + ", always explained in words: " + "each element has a job, and the reader learns when to use it. " * 12,
])
def test_tags_in_text_are_not_markup(line: str) -> None:
    assert not is_markup(line)
    assert normalise_layout(f"A headline\n{line}\nA last line.\n") is None


def test_markup_that_renders_to_nothing_leaves_no_block() -> None:
    page = ("<div>" + '<a href="/x"><img src="/a.png" alt=""></a>' * 12 + "</div>"
            + "<script>var x = 1;</script>" * 10 + "<div><span></span></div>" * 4)
    assert is_markup(page)
    assert render_markup(page) == []
    assert normalise_layout(f"Headline\n{page}\nLast line.\n") == [(1, "Headline"), (3, "Last line.")]
