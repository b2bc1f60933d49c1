"""The HTML cleaner's block model: cutting pages into blocks, features, the shipped model."""
from __future__ import annotations

import lxml.html
import numpy

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


def test_words_are_the_word_pattern_words_in_any_script() -> None:
    ascii_chars = "".join(map(chr, range(128)))
    texts = [ascii_chars, ascii_chars[::-1], "snake_case and CamelCase, 2024-05-01: x1 y_2!",
             "  Tabs\tand\x0bodd\x1fspaces  ", "", "Caf\u00e9 \u201cquoted\u201d na\u00efve \u0130stanbul",
             "\u65e5\u672c\u8a9e\u306e\u6587 ABC", "\u039f\u0394\u039f\u03a3 \u03b1\u03b2",
             # every script, with ASCII punctuation, non-ASCII spaces and marks, lone surrogates
             "".join(chr(code) + ascii_chars[code % 128] for code in range(128, 0x110000, 97))]
    for text in texts:
        assert classify_html.find_words(text) == classify_html.WORD.findall(text)
        assert classify_html.find_lower_words(text) == classify_html.WORD.findall(text.lower())


def test_lowering_a_text_lowers_its_words_but_for_the_context_letters() -> None:
    # block_features lowers a block's words instead of finding the words of
    # its lowered text, unless the text holds one of LOWER_BY_CONTEXT
    word = classify_html.WORD
    odd = [chr(code) for code in range(0x110000)
           if word.findall(chr(code).lower()) != ([chr(code).lower()] if word.fullmatch(chr(code)) else [])]
    assert set(odd) <= set(classify_html.LOWER_BY_CONTEXT)
    for text in ("\u039f\u0394\u039f\u03a3'\u0391 \u03a3\u0391", "\u0130stanbul \u0130I", "Plain, text"):
        words = classify_html.find_words(text)
        by_words = " ".join(words).lower().split(" ")
        assert by_words == [w.lower() for w in words]
        assert (by_words == word.findall(text.lower())) or not classify_html.lower_by_words(text)


def test_counts_of_digits_marks_and_cjk_are_the_patterns_counts() -> None:
    page = "".join(f"<p>{text}</p>" for text in (
        "Plain 12 words. Yes!", "Caf\u00e9 \u0663\u0664 costs 5\u20ac? \u201cNo.\u201d",
        "\u65e5\u672c\u8a9e\u306e\u6587\u3002\u4e8c\u3007\uff11\uff12\uff01", "\u0939\u093f\u0902\u0926\u0940 \u0967\u0968\u0964"))
    analysis = clean_html.analyse_page(f"<html><body>{page}</body></html>")
    names = classify_html.feature_names()
    for block, row in zip(analysis.blocks, analysis.rows):
        text = block.text
        assert row[names.index("sentence_ends")] == len(classify_html.SENTENCE_MARK.findall(text))
        assert row[names.index("digit_share")] == len(classify_html.DIGIT.findall(text)) / len(text)
        assert row[names.index("cjk_share")] == len(classify_html.CJK.findall(text)) / len(text)


def test_neighbour_windows_are_the_means_of_the_blocks_around() -> None:
    analysis = clean_html.analyse_page(
        "<html><body>" + "".join(f"<p>{'word ' * (3 + 7 * i % 11)}.</p><div><a href='/{i}'>link {i}</a></div>"
                                 for i in range(12)) + "</body></html>")
    names = classify_html.feature_names()
    rows, n = analysis.rows, len(analysis.rows)
    assert n == 24
    for w in classify_html.WINDOWS:
        for name in ("log_chars", "link_density", "traf", "read", "ends_sentence", "stop_share"):
            column, window = names.index(name), names.index(f"win{w}_{name}")
            for i, row in enumerate(rows):
                around = [rows[j][column] for j in range(max(0, i - w), min(n, i + w + 1))]
                assert abs(row[window] - sum(around) / len(around)) < 1e-12


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


BUDGET_PAGE = (f"<html><body><nav><a href='/a'>Home</a> <a href='/b'>World</a></nav><article>"
               f"<h1>Budget approved</h1><div>By Jane Smith</div>{PARAGRAPH * 5}</article>"
               f"<aside><p>Read more: another story about roads and schools in the city</p></aside>"
               f"<footer>Copyright 2026</footer></body></html>")


def model_matrices(html: str) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """A page in; the block model's input rows, its scores, and the context model's input rows."""
    analysis = clean_html.analyse_page(html)
    matrix = classify_html.model_rows(analysis.rows)
    block_model, _ = classify_html.load_models()
    first = classify_html.predict(block_model, matrix)
    groups = classify_html.block_groups(analysis.blocks)
    return matrix, first, numpy.hstack([matrix, classify_html.context_matrix(first, groups, matrix[:, 0])])


def test_the_models_are_asked_directly_with_booster_predicts_output() -> None:
    matrix, first, context = model_matrices(BUDGET_PAGE)
    block_model, context_model = classify_html.load_models()
    assert first.tobytes() == block_model.predict(matrix, num_threads=1).tobytes()
    assert (classify_html.predict(context_model, context).tobytes()
            == context_model.predict(context, num_threads=1).tobytes())


def test_a_rows_paths_through_the_trees_add_up_to_its_score() -> None:
    # the moves a removed block's reason is read from follow LightGBM's own
    # paths: the trees' root values plus every move give the raw score, on
    # real rows and on rows with missing and out-of-range values (the
    # context model has categorical splits: the tag columns)
    _, _, matrix = model_matrices(BUDGET_PAGE)
    _, context_model = classify_html.load_models()
    odd = matrix[:2].copy()
    odd[0, ::3] = numpy.nan
    odd[1, ::2] = -1e6
    rows = numpy.vstack([matrix, odd])
    paths = classify_html.tree_paths(context_model)
    assert any(isinstance(t, frozenset) for tree in paths.thresholds for t in tree)
    roots = sum(values[0] for values in paths.node_values)
    raw = context_model.predict(rows, num_threads=1, raw_score=True)
    for row, score in zip(rows, raw):
        moves = paths.contributions(row.tolist())
        assert len(moves) == rows.shape[1]
        assert abs(roots + sum(moves) - score) < 1e-9


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


def test_a_block_in_a_readers_comment_never_reaches_the_body_whatever_its_score() -> None:
    # class names that hold the comment word but escape the html-comments
    # rule ("comments", "comment"): a comment's body, a reply
    html = (f"<html><body><article><div class='post-content'>{PARAGRAPH * 3}</div></article>"
            f"<div><div class='comment-body'><p>I agree with every word of this report, thanks.</p></div>"
            f"<div class='reply-item'><p>Me too, the council should publish the whole budget.</p></div>"
            f"</div></body></html>")
    analysis = clean_html.analyse_page(html)
    keep = classify_html.decode_blocks([1.0] * len(analysis.rows), analysis.rows)
    kept = {block.text for block, k in zip(analysis.blocks, keep) if k}
    assert kept == {PARAGRAPH[3:-4]}
    extraction = strip_html_boilerplate(html)
    assert any(line.rule == "html-comment-block" and "I agree" in line.text for line in extraction.lines)


def test_a_comment_word_beside_a_nearer_content_word_is_not_a_comment() -> None:
    # the article's container (a content word) inside a wrapper named for
    # its comments ("commentable"): the nearer content mark wins
    html = (f"<html><body><div class='commentable'><div class='entry-content'>{PARAGRAPH * 3}</div></div>"
            f"</body></html>")
    analysis = clean_html.analyse_page(html)
    assert all(classify_html.decode_blocks([1.0] * len(analysis.rows), analysis.rows))


def test_the_comment_rule_never_empties_the_body() -> None:
    # an opinion page whose only text sits under a comment name ("commentary"):
    # the site's word for its own text, not readers' comments
    html = f"<html><body><div class='commentary'>{PARAGRAPH * 3}</div></body></html>"
    analysis = clean_html.analyse_page(html)
    assert all(classify_html.in_comments(row) for row in analysis.rows)
    assert all(classify_html.decode_blocks([1.0] * len(analysis.rows), analysis.rows))
    extraction = strip_html_boilerplate(html)
    assert not any(line.rule == "html-comment-block" for line in extraction.lines)


def test_a_page_with_nothing_kept_keeps_the_running_text_its_stated_summary_repeats() -> None:
    # a short post (a video or a comic above one paragraph) whose paragraph
    # scored like a teaser: the page's meta description repeats it
    lead = ("Once a week we feature a comic about working for yourself from an artist we admire, "
            "and this week it is about the excuses clients give.")
    html = (f"<html><head><meta name='description' content='{lead}'></head><body>"
            f"<h1>Unacceptable Excuses</h1><p>Posted on November 12, 2012</p><p>{lead}</p>"
            f"<ul><li><a href='/a'>Another comic</a></li></ul></body></html>")
    analysis = clean_html.analyse_page(html)
    texts = [block.text for block in analysis.blocks]
    nothing = [0.0] * len(texts)
    keep = classify_html.decode_blocks(nothing, analysis.rows, texts, analysis.meta["description"])
    assert [text for text, k in zip(texts, keep) if k] == [lead]
    # without a stated summary, or when the model kept a block, the rule stays out of it
    assert not any(classify_html.decode_blocks(nothing, analysis.rows, texts, ""))
    scores = [1.0 if text == "Another comic" else 0.0 for text in texts]
    keep = classify_html.decode_blocks(scores, analysis.rows, texts, analysis.meta["description"])
    assert [text for text, k in zip(texts, keep) if k] == ["Another comic"]


def test_a_summary_repeating_only_the_headline_keeps_nothing() -> None:
    # the headline is no running text (SUMMARY_MIN_WORDS): an empty body stays empty
    html = ("<html><head><meta name='description' content='Logos re-imagined for the zombie apocalypse'>"
            "</head><body><h1>Logos re-imagined for the zombie apocalypse</h1></body></html>")
    analysis = clean_html.analyse_page(html)
    texts = [block.text for block in analysis.blocks]
    assert not any(classify_html.decode_blocks([0.0] * len(texts), analysis.rows, texts,
                                               analysis.meta["description"]))


def test_the_quick_pair_reads_no_helper_column_and_loads_once() -> None:
    quick = classify_html.load_quick_models()
    assert quick[0] is not None and quick[1] is not None
    assert classify_html.load_quick_models() is quick
    names = classify_html.input_names(quick=True)
    assert quick[1].num_feature() == len(names)
    assert not set(names) & classify_html.HELPER_FEATURES
    assert {"traf", "read", "win8_traf", "siblings_traf"} <= classify_html.HELPER_FEATURES
    assert classify_html.QUICK_MODEL_PATH.stat().st_size < 1_000_000


def test_helper_columns_added_later_are_the_rows_worked_out_at_once() -> None:
    # the quick path works out the rows without the helpers, and the full
    # path adds their columns afterwards: the same values as one pass
    pages = [BUDGET_PAGE, "<html><body><p>One short block only</p></body></html>",
             (f"<html><body><div><h2>\u65e5\u672c\u8a9e\u306e\u898b\u51fa\u3057</h2>{PARAGRAPH}</div>"
              f"<table><tr><td>\u0130stanbul \u039f\u0394\u039f\u03a3 {PARAGRAPH}</td><td>cell</td></tr></table>"
              f"<ul><li><a href='/a'>Link one</a></li><li>two</li></ul></body></html>")]
    for html in pages:
        analysis = clean_html.analyse_page(html, helpers=())
        for kept in [(classify_html.trigrams(PARAGRAPH),),
                     (classify_html.trigrams(PARAGRAPH), frozenset()),
                     (frozenset(), classify_html.trigrams("Link one two cell " + PARAGRAPH))]:
            info = classify_html.PageInfo("budget approved", kept)
            at_once = classify_html.block_features(analysis.blocks, info)
            assert classify_html.add_helper_columns(analysis.blocks, analysis.rows, kept) == at_once
        assert clean_html.add_verdicts(analysis).rows == clean_html.analyse_page(html).rows


def test_a_page_the_quick_pair_is_sure_of_runs_no_helper(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(clean_html, "run_trafilatura", lambda root: calls.append("trafilatura"))
    monkeypatch.setattr(clean_html, "run_readability", lambda root: calls.append("readability") or "")
    analysis = clean_html.analyse_page(BUDGET_PAGE, helpers=())
    scores, matrix = classify_html.score_blocks(analysis.rows, classify_html.block_groups(analysis.blocks), quick=True)
    sure = classify_html.sure_of(scores, analysis.rows)
    extraction = strip_html_boilerplate(BUDGET_PAGE)
    assert calls == ([] if sure else ["trafilatura", "readability"])
    assert [block.text for block in extraction.blocks].count(PARAGRAPH[3:-4]) == 5


def test_the_quick_pair_is_not_sure_of_a_block_near_the_threshold() -> None:
    rows = [[0.0] * len(classify_html.feature_names()) for _ in range(3)]
    low, high = classify_html.KEEP_THRESHOLD - classify_html.QUICK_MARGIN, classify_html.KEEP_THRESHOLD + 0.5
    assert classify_html.sure_of([low, high, 0.99], rows)
    assert not classify_html.sure_of([low + 0.01, high, 0.99], rows)
    # a block whose fate a later rule settles, or a meta line, is not weighed
    assert classify_html.sure_of([low + 0.01, high, 0.99], rows, frozenset({0}))
    rows[0][classify_html.META_LINE_COLUMN] = 1.0
    assert classify_html.sure_of([low + 0.01, high, 0.99], rows)


def test_a_title_or_section_repeat_above_the_body_is_settled_by_its_rule() -> None:
    texts = ["World", "Budget approved", PARAGRAPH[3:-4], "Budget approved"]
    keep = [False, False, True, True]
    assert clean_html.settled_blocks(texts, keep, "Budget approved", "World") == {0, 1}
    assert clean_html.settled_blocks(texts, keep, "Budget approved", "") == {1}
    # no running text kept: the headline may be the whole body, so nothing is settled
    assert clean_html.settled_blocks(texts, [True, True, False, True], "Budget approved", "World") == frozenset()


def test_drop_reasons_name_features_on_both_paths() -> None:
    analysis = clean_html.analyse_page(BUDGET_PAGE)
    texts = [PARAGRAPH[3:-4]]
    rows = [analysis.rows[2]]
    for quick in (False, True):
        matrix = classify_html.model_rows(rows)
        if quick:
            matrix = matrix[:, classify_html.QUICK_COLUMNS]
        groups = [(0, 0, 0)]
        matrix = numpy.hstack([matrix, classify_html.context_matrix(numpy.asarray([0.1]), groups, matrix[:, 0])])
        reason = classify_html.drop_reasons(texts, rows, matrix, quick)[0]
        assert reason.startswith("html-model: ") and reason != classify_html.LOW_SCORE


def test_the_quick_pair_never_empties_a_body_alone() -> None:
    # an empty body skips the page: the full pair decides that, never the quick one
    rows = [[0.0] * len(classify_html.feature_names()) for _ in range(2)]
    texts = ["Velvet & shine", "More photos"]
    assert not clean_html.quick_pair_decides([0.01, 0.02], rows, [False, False], texts, "Velvet & shine", "")
    assert clean_html.quick_pair_decides([0.99, 0.02], rows, [True, False], texts, "Velvet & shine", "")
