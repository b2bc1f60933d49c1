"""Copied text in the layouts editors hand in: hard-wrapped, blank-line separated, one line."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from digest_prep.clean_text import strip_text_boilerplate
from digest_prep.layout_text import (LAYOUTS, display_width, is_markup, join_lines, make_layout, normalise_layout,
                                     paragraphs, render_markup, split_sentences)

HERE = Path(__file__).resolve().parent
SEEDS_DIR = HERE.parent / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
TEXT_CASES = sorted((HERE / "cases").glob("text-*/seed.txt"))
WRAPPED = HERE / "cases" / "layout-wrapped" / "seed.txt"     # seeds/000 hard-wrapped at 72 columns
MARKUP = HERE / "cases" / "layout-raw-markup" / "seed.txt"   # a page's source on one line (unclosed <title>)
# Copied text that shows tags as text: none of it is markup to render.
TAGS_AS_TEXT = sorted((HERE / "cases").glob("*xss*text*/seed.txt")) + [HERE / "cases" / "xss-fields-front-matter" / "seed.txt"]
CJK_PARAGRAPHS = [
    "新华社杭州3月12日电（记者王小明）浙江省杭州市地铁9号线北段12日上午正式开通运营。这段线路全长约18公里，"
    "设车站11座，沿线居民前往市中心的通勤时间将缩短近一半。",
    "开通首日，不少市民专程前来体验。家住临平区的张女士说：“以前开车去市区上班，遇到堵车要一个多小时，"
    "现在坐地铁四十分钟就到了，方便多了。”",
    "都の担当者は「家庭の経済状況にかかわらず、子どもたちが自由に学校を選べるようにしたい」と説明した。"
    "必要な予算は年間約600億円と見込まれ、来年度の予算案に盛り込む。",
] * 4


def wrap_columns(line: str, columns: int) -> list[str]:
    """A CJK paragraph in, its lines wrapped at a display width, broken between any two characters."""
    out, current = [], ""
    for char in line:
        if display_width(current + char) > columns:
            out.append(current)
            current = ""
        current += char
    return out + [current] if current else out


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


def test_a_word_too_long_for_the_line_does_not_end_its_paragraph() -> None:
    # the wrap moved a web address down whole, leaving a short line above it
    # (tests/cases/layout-wrapped-long-address)
    blocks = normalise_layout((HERE / "cases" / "layout-wrapped-long-address" / "seed.txt").read_text(encoding="utf-8"))
    assert blocks is not None
    joined = [text for _, text in blocks if "inspection report" in text]
    assert len(joined) == 1 and joined[0].endswith("before the council meets on Thursday.")
    assert "https://www.example-county.gov/" in joined[0]


def test_lines_of_one_long_word_do_not_set_the_wrap_width() -> None:
    # a page copied with runs of script: single long tokens overrun the width
    # on lines of their own, many of them; the prose lines still tell the wrap
    prose = ("The council met on Tuesday to discuss the budget for the coming year and agreed "
             "to spend more on roads, schools and the library, after a debate of three hours. ")
    wrapped = textwrap.fill(prose * 4, 64)
    junk = "\n\n".join("var_" + "x" * (80 + k) for k in range(12))
    text = junk + "\n\n" + wrapped + "\n\n" + wrapped + "\n"
    blocks = normalise_layout(text)
    assert blocks is not None
    assert [text for _, text in blocks if text.startswith("The council")] == [" ".join((prose * 4).split())] * 2


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


def test_cjk_paragraph_a_line_is_not_taken_for_wrapped() -> None:
    # no spaces in a Chinese paragraph: the width of its line says it is a paragraph of its own
    text = "\n".join(["首页", "新闻", "杭州地铁9号线北段今日开通"] + CJK_PARAGRAPHS + ["相关新闻"])
    assert normalise_layout(text) is None


def test_wrapped_cjk_is_measured_in_columns_and_joined_without_spaces() -> None:
    lines = []
    for paragraph in CJK_PARAGRAPHS:
        lines += wrap_columns(paragraph, 72) + [""]
    blocks = normalise_layout("\n".join(["杭州地铁9号线北段今日开通", ""] + lines))
    assert blocks is not None
    assert [text for _, text in blocks] == ["杭州地铁9号线北段今日开通"] + CJK_PARAGRAPHS


def test_display_width_counts_cjk_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("“Café”") == 6
    assert display_width("杭州2024年") == 10


def test_line_breaks_join_with_a_space_only_between_spaced_words() -> None:
    assert join_lines(["全长约", "18公里，设车站"]) == "全长约18公里，设车站"
    assert join_lines(["方便多了。", "为保障"]) == "方便多了。为保障"
    assert join_lines(["a wrapped", "line"]) == "a wrapped line"
    # Korean spaces its words
    assert join_lines(["정부는 오늘", "예산안을"]) == "정부는 오늘 예산안을"


def test_cjk_sentences_end_at_a_stop_outside_quotations() -> None:
    assert split_sentences("他来了。她走了！真的吗？好。") == ["他来了。", "她走了！", "真的吗？", "好。"]
    # a stop inside a quotation ends the quoted sentence, not the one quoting it
    assert split_sentences("他说：“方便多了。”为保障运营，增派了志愿者。") == ["他说：“方便多了。”为保障运营，增派了志愿者。"]
    assert split_sentences("「学校を選べるようにしたい。」と説明した。予算に盛り込む。") == [
        "「学校を選べるようにしたい。」と説明した。", "予算に盛り込む。"]


def test_cjk_article_on_one_line_becomes_paragraphs_without_spaces() -> None:
    block = "".join(CJK_PARAGRAPHS)
    parts = paragraphs(block)
    assert len(parts) >= 3
    assert "".join(parts) == block
    for part in parts:
        assert part.count("“") == part.count("”") and part.count("「") == part.count("」"), part[:40]


def test_wrapped_cjk_without_blank_lines_ends_a_paragraph_where_the_next_character_would_fit() -> None:
    # a headline or a date line longer than WRAP_FULL of the width is no wrapped line: the
    # wrap would have put the next character on it
    head = ["东京都来年度起高中学费实质免费化，所得限制将被取消", "2024年3月12日 15时30分"]
    lines = list(head)
    for paragraph in CJK_PARAGRAPHS:
        lines += wrap_columns(paragraph, 72)
    blocks = normalise_layout("\n".join(lines))
    assert blocks is not None
    assert [text for _, text in blocks] == head + CJK_PARAGRAPHS


def test_cjk_paragraph_indents_inside_a_line_open_paragraphs() -> None:
    # a short article on one line keeps the ideographic-space indents of its paragraphs
    block = "\u3000\u3000台鐵表示，新列車共有50輛。\u3000\u3000交通部長說：「政府會持續投入經費。」\u3000\u3000他也感謝員工。"
    assert paragraphs(block.strip()) == ["台鐵表示，新列車共有50輛。", "交通部長說：「政府會持續投入經費。」", "他也感謝員工。"]


def test_wrapped_cjk_paragraph_that_fills_its_last_line_ends_at_the_next_indent() -> None:
    lines = []
    for paragraph in CJK_PARAGRAPHS:
        indented = "\u3000\u3000" + paragraph
        lines += wrap_columns(indented[:len(indented) - len(indented) % 36 or None], 72)
    blocks = normalise_layout("\n".join(lines))
    assert blocks is not None
    assert all(text.startswith(("新华社", "开通首日", "都の担当者")) for _, text in blocks)
    assert len(blocks) == len(CJK_PARAGRAPHS)


def test_korean_wrapped_by_characters_is_still_joined() -> None:
    # Korean spaces its words: a word wrapper may count its characters rather than its columns
    paragraph = ("정부는 오늘 내년도 예산안을 국회에 제출했다고 밝혔다. 예산안은 올해보다 크게 늘어난 규모로, "
                 "복지와 일자리 예산이 큰 폭으로 증가했다. 국회는 다음 달부터 본격적인 심사에 들어갈 예정이다.")
    text = "\n\n".join(textwrap.fill(paragraph, 60) for _ in range(8))
    blocks = normalise_layout(text)
    assert blocks is not None
    assert [block for _, block in blocks] == [paragraph] * 8
