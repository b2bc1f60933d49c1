"""Copied text in the layouts editors hand in: hard-wrapped, blank-line separated, one line."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest_prep.clean_text import strip_text_boilerplate
from digest_prep.layout_text import LAYOUTS, make_layout, normalise_layout, paragraphs

HERE = Path(__file__).resolve().parent
SEEDS_DIR = HERE.parent / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
TEXT_CASES = sorted((HERE / "cases").glob("text-*/seed.txt"))
WRAPPED = HERE / "cases" / "layout-wrapped" / "seed.txt"     # seeds/000 hard-wrapped at 72 columns


def non_blank(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("path", SEEDS + TEXT_CASES, ids=lambda p: p.parent.name + "/" + p.name)
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
