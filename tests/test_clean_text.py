"""Text cleaner: every line of a case accounted for, the seeds' gold roles, furniture learning.

What each tests/cases/text-*/ case gives is its golden (test_cases.py).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from digest_prep import clean_text, rule_match
from digest_prep.clean_text import furniture_key, strip_text_boilerplate
from digest_prep.furniture import furniture_keys, learn_furniture
from digest_prep.layout_text import paragraphs
from digest_prep.model import BODY_ROLES, ROLES, Extraction, Seed
from digest_prep.page_meta import read_page_meta

HERE = Path(__file__).resolve().parent
CASES = sorted(p for p in (HERE / "cases").glob("text-*") if (p / "seed.txt").exists())
SEEDS_DIR = HERE.parent / "seeds"
GOLD = HERE / "gold" / "seeds.yaml"


def body_texts(extraction: Extraction) -> list[str]:
    """Extraction in, the text of its body blocks in order."""
    return [block.text for block in extraction.blocks]


def assert_in_order(wanted: list[str], got: list[str]) -> None:
    """Every wanted line is one of got, in the same order."""
    position = 0
    for line in wanted:
        assert line in got[position:], f"missing or out of order: {line!r}"
        position = got.index(line, position) + 1


# --- case directories: every raw line gets one role --------------------------


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_case_lines_are_accounted(case: Path) -> None:
    text = (case / "seed.txt").read_text(encoding="utf-8")
    extraction = strip_text_boilerplate(text)
    raw = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    assert [(line.number, line.text) for line in extraction.lines] == raw
    assert all(line.role in ROLES and line.rule for line in extraction.lines)
    kept = [line for line in extraction.lines if line.role in BODY_ROLES]
    # a kept line holding a whole article is split into its paragraphs
    assert sum(len(paragraphs(line.text)) for line in kept) == len(extraction.blocks)


# --- the seeds against their gold annotations --------------------------------

SEED_GOLD = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
SEED_NAMES = sorted(k for k in SEED_GOLD if k.endswith(".txt"))


def seed_lines(name: str):
    """Seed file name in, (gold entry, extraction, {line number: Line})."""
    extraction = strip_text_boilerplate((SEEDS_DIR / name).read_text(encoding="utf-8"))
    return SEED_GOLD[name], extraction, {line.number: line for line in extraction.lines}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_body_kept_in_order(name: str) -> None:
    gold, extraction, by_number = seed_lines(name)
    # a line holding a whole article (seed 002) comes out as several paragraphs
    body, position = " ".join(body_texts(extraction)), 0
    for n in gold["body"]:
        found = body.find(by_number[n].text, position)
        assert found >= 0, f"missing or out of order: {by_number[n].text[:80]!r}"
        position = found + len(by_number[n].text)
    assert all(by_number[n].role in BODY_ROLES for n in gold["body"])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_boilerplate_dropped(name: str) -> None:
    gold, _, by_number = seed_lines(name)
    for n in gold["boilerplate"]:
        assert by_number[n].role == "boilerplate", (n, by_number[n])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_metadata_and_captions_out_of_body(name: str) -> None:
    gold, extraction, by_number = seed_lines(name)
    for n in gold["metadata"]:
        assert by_number[n].role not in BODY_ROLES and by_number[n].role not in ("boilerplate", "caption"), (n, by_number[n])
    for n in gold["optional"]:
        assert by_number[n].role in ("caption", "boilerplate"), (n, by_number[n])
        assert by_number[n].text not in body_texts(extraction)


SEED_ROLES = {
    "000_f581c82b4a773cbc.txt": {1: "title", 3: "dateline", 26: "boilerplate"},
    "001_63e3a3cfca456c39.txt": {1: "dateline", 3: "title", 4: "standfirst", 5: "title",
                                 6: "caption", 7: "byline", 8: "dateline", 40: "credit"},
    "002_a24904526fcae996.txt": {1: "body", 2: "boilerplate"},
    "003_af0611fd11995a58.txt": {1: "title", 3: "caption", 21: "boilerplate", 23: "boilerplate"},
    "004_270a1b78a05731d5.txt": {1: "section", 3: "title", 5: "byline", 8: "caption",
                                 19: "caption", 31: "heading"},
}


@pytest.mark.parametrize("name,line_roles", sorted(SEED_ROLES.items()))
def test_seed_metadata_roles(name: str, line_roles: dict[int, str]) -> None:
    extraction = strip_text_boilerplate((SEEDS_DIR / name).read_text(encoding="utf-8"))
    by_number = {line.number: line for line in extraction.lines}
    for n, role in line_roles.items():
        assert by_number[n].role == role, (n, by_number[n])


def test_seed_subheading_is_h2() -> None:
    extraction = strip_text_boilerplate((SEEDS_DIR / "004_270a1b78a05731d5.txt").read_text(encoding="utf-8"))
    assert [b.text for b in extraction.blocks if b.kind == "h2"] == ["Not a viable threat"]


# --- behaviour -------------------------------------------------------------

ARTICLE = [
    "The regional council agreed on Tuesday to spend more on rural bus services, after a year of complaints from villages left without a daily connection.",
    "Under the plan, every village with more than two hundred people will have at least four buses a day, the council said in a statement.",
    "Operators will be paid according to the number of passengers, which the council hopes will encourage them to run services at useful times.",
    "The first new routes are expected to start in September, once drivers have been hired and trained.",
]


def test_no_article_text_gives_no_blocks() -> None:
    extraction = strip_text_boilerplate("Home\nNews\nSport\nShare\nFacebook\nTwitter\n© 2024 Example\n")
    assert extraction.blocks == ()
    assert all(line.role == "boilerplate" for line in extraction.lines)
    assert strip_text_boilerplate("").blocks == ()
    assert strip_text_boilerplate("\n\n   \n").lines == ()


def test_page_meta_is_empty_for_text() -> None:
    text = "\n".join(ARTICLE)
    seed = Seed(rel_path="seeds/a.txt", data=text.encode(), sha256="0" * 64, kind="text", text=text)
    assert read_page_meta(seed) is None


def test_tracking_parameters_stripped_from_kept_urls() -> None:
    text = "\n".join(ARTICLE[:2] + [
        "The full timetable is published at https://example.org/buses?route=12&utm_source=twitter&fbclid=abc and will be updated weekly."
    ] + ARTICLE[2:])
    got = body_texts(strip_text_boilerplate(text))
    assert "The full timetable is published at https://example.org/buses?route=12 and will be updated weekly." in got
    assert not any("utm_" in line or "fbclid" in line for line in got)


def test_one_line_paragraphs_and_quotes_inside_the_article_stay() -> None:
    lines = ARTICLE[:2] + ['"We listened," she said.', "It was a long wait."] + ARTICLE[2:]
    got = body_texts(strip_text_boilerplate("\n".join(lines)))
    assert_in_order(lines, got)


FLAT_MONTHS = "Select Month " + " ".join(f"{m} 2012" for m in (
    "December", "November", "October", "September", "August", "July", "June", "May", "April", "March",
    "February", "January", "December", "November", "October", "September"))


@pytest.mark.parametrize("text, flat", [
    (FLAT_MONTHS, True),                                       # a <select>'s options joined by a text dump
    ("Archives by Month... " + FLAT_MONTHS, True),             # an ellipsis ends no sentence
    ("the ferry will run every twenty minutes from April and the older boats will be taken out of "
     "service in the summer while the new vessel is tested in the bay by its crew", False),   # prose, no stop
    (" ".join(["The Ferry Runs Again. Boats Leave Every Hour."] * 5) + " More To Come", False),  # sentences inside
    (FLAT_MONTHS + ".", False),                                # ends as a sentence
    (", ".join(["Anna Berg", "Carl Dahl", "Eva Fors", "Gustav Holm", "Ingrid Jansson", "Karl Lund",
                "Maria Nilsson", "Olof Persson", "Rut Sandberg", "Tove Ulf", "Vera Wik", "Axel Ek",
                "Britt Falk", "Dag Gran", "Elsa Hed", "Frans Ivar"]) + " and Greta Kron", False),   # a written list
])
def test_a_list_joined_into_one_line_is_told_from_prose(text: str, flat: bool) -> None:
    assert clean_text.is_flat_list(clean_text.read_page(text).rows[0]) is flat


@pytest.mark.parametrize("line, never", [
    ("Jane Smith/Getty Images", ("caption", "caption-photo-credit")),   # an agency's photo credit
    ("Photo: Ana Ribeiro", ("caption", "caption-label")),
    (FLAT_MONTHS, ("boilerplate", "flat-list")),
    ("The council said it would add more buses next year, after long queues at the station.", None),
    ("Updated: 18 Nov 2019 9:38 pm", ("boilerplate", "dateline-stamp")),     # a date line, wherever it sits
    ("Sunday, January 20th, 2008", ("boilerplate", "dateline-date")),
    ("The council met on November 25, 2017 to vote on the new bus routes.", None),   # a sentence with a date
])
def test_captions_credits_date_lines_and_flat_lists_are_never_body(line: str, never) -> None:
    assert clean_text.never_body(clean_text.read_page(line).rows[0]) == never


@pytest.mark.parametrize("opening, never", [
    (["Harbour Wire: Council votes to close the old swing bridge"], True),    # a text dump's <title>
    (["Harbour Wire", "Go to Harbour Wire home", "Cars queue at the bridge on Tuesday"], True),  # masthead, caption
    (["The council voted on Tuesday to close the old swing bridge to cars."], False),   # the article's first paragraph
    ([" ".join(ARTICLE).rstrip(".")], False),        # a whole article on one line, its last stop lost
])
def test_the_lines_that_open_a_page_above_its_first_sentence_are_no_article_text(opening: list[str], never) -> None:
    rows = clean_text.read_page("\n".join(opening + ARTICLE)).rows
    opens = clean_text.opening_rows(rows)
    assert opens == (len(opening) if never else 0)
    for i, row in enumerate(rows[:len(opening)]):
        assert clean_text.never_body(row, opening=i < opens) == (("boilerplate", "opening-line") if never else None)
        assert clean_text.never_body(row) is None        # further down, such a line may be article text
    got = body_texts(strip_text_boilerplate("\n".join(opening + ARTICLE)))
    assert all((line in got) is not never for line in opening)
    assert_in_order(ARTICLE, got)


@pytest.mark.parametrize("line, code", [
    ("<a href='http://ads.example.net/click?n=1' target='_blank'><img src='http://ads.example.net/b.gif'></a>", True),
    ("'); document.write('<div id=\"tip\"></div>'); var ie=document.all;", True),           # a script's leftovers
    ("<script>alert(1)</script> The commander said the operation was over.", False),       # a sentence with tags
    ("<jane> are you there?", False),                    # a chat log's name: no attribute, no closing tag
    ("Call document.getElementById() to find the element on the page.", False),           # prose about code
])
def test_markup_and_script_a_page_leaked_are_never_body(line: str, code: bool) -> None:
    row = clean_text.read_page(line).rows[0]
    assert clean_text.is_code(line) is code
    assert clean_text.never_body(row) == (("boilerplate", "code") if code else None)


def test_gallery_counters_and_credits_inside_the_article_are_dropped() -> None:
    gallery = ["Image 1 of 2", "Photo: Ana Ribeiro", "Image 2 of 2", "Photo: Ana Ribeiro"]
    lines = ARTICLE[:2] + gallery + ARTICLE[2:]
    got = body_texts(strip_text_boilerplate("\n".join(lines)))
    assert_in_order(ARTICLE, got)
    assert not set(gallery) & set(got)


def test_a_list_joined_into_one_line_is_dropped_beside_the_article() -> None:
    got = body_texts(strip_text_boilerplate("\n".join(ARTICLE + [FLAT_MONTHS])))
    assert_in_order(ARTICLE, got)
    assert FLAT_MONTHS not in got


def test_repeated_menu_lines_are_furniture() -> None:
    menu = ["World", "Business", "Sport", "Culture"]
    text = "\n".join(menu + ARTICLE + menu)
    extraction = strip_text_boilerplate(text)
    assert body_texts(extraction) == ARTICLE


# --- cross-article furniture -------------------------------------------------

OUTLET_HEADER = ["The Valley Courier", "Local Weather Desk", "Subscribe to the print edition"]
OUTLET_FOOTER = ["Our journalism is funded by readers", "Letters to the Valley Courier"]


def outlet_page(article: list[str]) -> str:
    """Article paragraphs in, a page of one made-up outlet around them."""
    return "\n".join(OUTLET_HEADER + ["Story headline for the test"] + article + OUTLET_FOOTER)


def test_furniture_key_folds_case_digits_and_punctuation() -> None:
    assert furniture_key("12 Comments") == furniture_key("3 comments")
    assert furniture_key("  Share   this: ") == furniture_key("share this")
    assert furniture_key("EDITOR’S CHOICE") == furniture_key("Editor's choice")
    assert furniture_key("Sport") != furniture_key("Sports")


def test_learn_furniture_finds_lines_shared_by_files() -> None:
    pages = [outlet_page(ARTICLE[:2]), outlet_page(ARTICLE[2:]), outlet_page(ARTICLE[1:3])]
    furniture = learn_furniture(pages)
    for line in OUTLET_HEADER + OUTLET_FOOTER:
        assert furniture_key(line) in furniture, line
    assert not any(furniture_key(p) in furniture for p in ARTICLE)


def test_furniture_keys_are_one_files_dropped_short_lines() -> None:
    keys = furniture_keys(outlet_page(ARTICLE))
    assert furniture_key("Letters to the Valley Courier") in keys
    assert furniture_key("Story headline for the test") not in keys      # the title
    assert not any(furniture_key(p) in keys for p in ARTICLE)
    assert all("\t" not in key for key in keys)                         # callers join keys with tabs


def test_learn_furniture_counts_a_line_once_per_file() -> None:
    page = "\n".join(["Only in one file"] * 5 + ARTICLE)
    assert furniture_key("Only in one file") not in learn_furniture([page, "\n".join(ARTICLE)])


def test_learn_furniture_keeps_a_shared_headline_and_byline() -> None:
    # one story filed twice (or carried by two outlets): its headline, byline
    # and subheading are shared, yet they are not furniture
    story = ["Bus services to expand", "By Ana Silva"] + ARTICLE[:2] + ["New routes"] + ARTICLE[2:]
    texts = ["\n".join(story), "\n".join(story).replace("Tuesday", "Wednesday")]
    furniture = learn_furniture(texts)
    for line in ("Bus services to expand", "By Ana Silva", "New routes"):
        assert furniture_key(line) not in furniture, line
    extraction = strip_text_boilerplate(texts[0], furniture)
    assert [line.role for line in extraction.lines[:2]] == ["title", "byline"]
    assert "New routes" in body_texts(extraction)


def test_learn_furniture_keeps_shared_wire_sentences() -> None:
    # two outlets carrying the same wire story share its sentences, short ones too
    wire = ARTICLE + ['"We listened," she said.']
    furniture = learn_furniture(["Outlet one\n" + "\n".join(wire), "Outlet two\n" + "\n".join(wire)])
    assert not any(furniture_key(line) in furniture for line in wire)


def test_learn_furniture_streams_over_a_generator() -> None:
    def pages():
        for i in range(3):
            yield outlet_page(ARTICLE[i:i + 2])
    assert furniture_key("Local Weather Desk") in learn_furniture(pages())


def test_learned_furniture_is_dropped_even_inside_the_article() -> None:
    promo = "Valley Courier Weekend Offers"          # not a generic furniture phrase
    pages = [outlet_page(ARTICLE[:2] + [promo] + ARTICLE[2:]),
             outlet_page(ARTICLE[1:] + [promo]), outlet_page(ARTICLE[:3] + [promo])]
    furniture = learn_furniture(pages)
    alone = strip_text_boilerplate(pages[0])
    learned = strip_text_boilerplate(pages[0], furniture)
    assert promo in body_texts(alone)             # without evidence: a heading-like line
    assert promo not in body_texts(learned)
    assert body_texts(learned) == ARTICLE
    assert {line.rule for line in learned.lines if line.text == promo} == {"learned-furniture"}


def test_furniture_test_remembers_lines_until_told_to_forget() -> None:
    furniture = frozenset({"share this article", "0 min read"})
    lines = ["Share this article", "5 MIN READ", "An ordinary sentence of the article."]
    first = [clean_text.is_furniture_line(line, furniture) for line in lines]
    assert first == [True, True, False]
    assert clean_text.furniture_verdicts(furniture) == dict(zip(lines, first))
    assert [clean_text.is_furniture_line(line, furniture) for line in lines] == first
    clean_text.forget_lines()
    assert clean_text.furniture_verdicts(furniture) == {}


def test_furniture_memory_is_bounded_and_kept_per_furniture_set(monkeypatch) -> None:
    monkeypatch.setattr(rule_match, "LINES_KEPT", 5)
    clean_text.forget_lines()
    menu, footer = frozenset({"share this article"}), frozenset({"all rights reserved"})
    for n in range(20):
        assert clean_text.is_furniture_line(f"Line {n} of the article.", menu) is False
        assert len(clean_text.furniture_verdicts(menu)) <= 5
    # one set's verdict on a line is not another's
    assert clean_text.is_furniture_line("Share this article", menu) is True
    assert clean_text.is_furniture_line("Share this article", footer) is False
    assert clean_text.is_furniture_line("All rights reserved", footer) is True
    assert clean_text.is_furniture_line("All rights reserved", menu) is False
    clean_text.forget_lines()


def test_furniture_memory_keeps_no_long_line() -> None:
    clean_text.forget_lines()
    menu = frozenset({"share this article"})
    long_line = "Share this article " + "word " * rule_match.LINE_KEPT_CHARS
    assert clean_text.is_furniture_line(long_line, menu) is False
    assert clean_text.furniture_verdicts(menu) == {}
    clean_text.forget_lines()
