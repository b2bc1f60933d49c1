"""The text cleaner's learned line classifier: the shipped model, its trees, its explanations."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from digest_prep import classify_text as ct
from digest_prep.clean_text import label_rows, read_page, rule_features, strip_text_boilerplate

HERE = Path(__file__).resolve().parent
SEEDS_DIR = HERE.parent / "seeds"


def test_model_ships_small_and_loads_once() -> None:
    assert ct.MODEL_PATH.is_file()
    assert ct.MODEL_PATH.stat().st_size < 5_000_000
    assert ct.load_model() is ct.load_model()


def test_features_match_the_model() -> None:
    import json
    spec = json.loads(ct.MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["features"] == ct.feature_names()
    page = read_page((SEEDS_DIR / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8"))
    x = rule_features(page, label_rows(page, frozenset()))
    # the line trees' columns, then the second pass's, left free for it
    assert x.shape == (len(page.rows), ct.stack_width())
    assert np.isfinite(x).all() and not x[:, ct.feature_width():].any()


def test_forest_matches_lightgbm() -> None:
    lgb = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 6))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0).astype(int)
    booster = lgb.train({"objective": "binary", "num_leaves": 7, "verbose": -1, "seed": 1},
                        lgb.Dataset(x, label=y), num_boost_round=20)
    forest = ct.Forest(ct.forest_from_lightgbm(booster.dump_model()))
    assert np.allclose(forest.predict(x), booster.predict(x), atol=1e-9)


def test_viterbi_keeps_a_coherent_region() -> None:
    p = np.array([0.1, 0.2, 0.9, 0.95, 0.4, 0.9, 0.92, 0.1, 0.05])
    keep = ct.viterbi(p, np.full(len(p), 3.0), switch=4.0, prior=0.0)
    assert keep.tolist() == [False, False, True, True, True, True, True, False, False]
    assert ct.viterbi(np.zeros(0), np.zeros(0), 1.0, 0.0).tolist() == []


@pytest.mark.parametrize("path", sorted(SEEDS_DIR.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_dropped_line_says_why(path: Path) -> None:
    extraction = strip_text_boilerplate(path.read_text(encoding="utf-8"))
    for line in extraction.lines:
        assert line.rule, line
        if line.rule.startswith("classifier:"):
            assert line.rule.startswith("classifier: p=0.") or line.rule.startswith("classifier: p=1.")


def test_explanation_names_the_strongest_traits() -> None:
    page = read_page("Home\nNews\n" + "A sentence of the article that runs on for a while. " * 3 + "\nShare")
    x = rule_features(page, label_rows(page, frozenset()))
    reason = ct.explain(x[0], 0.12)
    assert reason.startswith("classifier: p=0.12, short")


def test_window_features_match_a_plain_count() -> None:
    page = read_page((SEEDS_DIR / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8"))
    x = rule_features(page, label_rows(page, frozenset()))
    names = ct.feature_names()
    prose, rules = x[:, names.index("prose")], x[:, names.index("rule_any")]
    words = np.expm1(x[:, names.index("log_words")])
    flips = np.concatenate([[0.0], prose[1:] != prose[:-1]])

    def plain(values: np.ndarray, k: int) -> np.ndarray:
        return np.array([values[max(0, i - k):i + k + 1].sum() for i in range(len(values))])

    for k in ct.WINDOWS:
        assert np.allclose(x[:, names.index(f"prose_words_w{k}")], np.log1p(plain(words * prose, k)))
        assert np.allclose(x[:, names.index(f"prose_share_w{k}")], plain(prose, k) / (2 * k + 1))
        assert np.allclose(x[:, names.index(f"rule_share_w{k}")], plain(rules, k) / (2 * k + 1))
    assert np.allclose(x[:, names.index("alternation_w3")], plain(flips, 3) / 7)
    assert np.allclose(x[:, names.index("alternation_w6")], plain(flips, 6) / 13)
    assert x[:, names.index("prose_share_w12")].max() > 0 and flips.sum() > 0   # the page has prose and changes


def test_rule_verdicts_get_their_columns() -> None:
    page = read_page("Share this article\nBy Jane Doe\n"
                     + "A sentence of the article that runs on for a while and says more. " * 3)
    x = rule_features(page, label_rows(page, frozenset()))
    col = {name: i for i, name in enumerate(ct.feature_names())}
    rows = page.rows
    assert rows[0].rule.startswith("share-") and x[0, col["rule_share"]] == 1.0
    assert x[0, col["rule_any"]] == 1.0 and x[2, col["rule_any"]] == 0.0
    assert rows[1].meta.startswith("byline") and x[1, col["meta_byline"]] == 1.0
    assert x[2, col[f"role_{rows[2].role}"]] == 1.0
    assert x[:, col["rule_other"]].sum() == 0.0
    assert set(np.unique(x[:, col["sentence"]])) <= {0.0, 1.0}


def test_context_counts_the_marks_of_readers_comments() -> None:
    article = "A sentence of the article that runs on for a while, as articles do. " * 3
    comments = "".join(f"\nReader {k} says:\nOctober {k}, 2012 at 8:{k}0 am\nI liked this article a lot, thank you for writing it." for k in range(1, 5))
    page = read_page("Headline of the post\n" + article + "\n4 Responses to “Headline of the post”" + comments)
    x = rule_features(page, label_rows(page, frozenset()))
    names = ct.feature_names()
    context = x[:, names.index(ct.CONTEXT_FEATURES[0]):]
    by_name = dict(zip(ct.CONTEXT_FEATURES, context.T))
    assert by_name["comment_rules_above"][1] == 0 and by_name["comment_rules_above"][-1] > 0
    assert by_name["colon_lines_above"][-1] > by_name["colon_lines_above"][3]
    assert by_name["datelines_above"][-1] > 0 == by_name["datelines_above"][1]
    assert "below a comment header" in ct.explain(x[-1], 0.2)


def test_regions_join_runs_over_short_gaps() -> None:
    p = np.array([0.9, 0.8, 0.1, 0.1, 0.7, 0.1, 0.1, 0.1, 0.1, 0.6, 0.9, 0.05])
    keep = np.zeros(len(p), dtype=bool)
    vetoed = np.zeros(len(p), dtype=bool)
    assert ct.find_regions(p, keep, vetoed).tolist() == [[0, 5], [9, 11]]
    keep[7] = True                                  # a line the first decoding kept is a region's too
    assert ct.find_regions(p, keep, vetoed).tolist() == [[0, 11]]
    vetoed[0] = True                                # a line a rule drops is not
    assert ct.find_regions(np.zeros(3), np.zeros(3, dtype=bool), np.zeros(3, dtype=bool)).shape == (0, 2)
    assert ct.find_regions(p, np.zeros(len(p), dtype=bool), vetoed).tolist() == [[1, 5], [9, 11]]


def test_second_pass_describes_each_line_s_block() -> None:
    import json
    spec = json.loads(ct.MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["stack"]["features"] == ct.stack_names()
    article = "A sentence of the article that runs on for a while, as articles do. " * 3
    comments = "".join(f"\nReader {k} says:\nOctober {k}, 2012 at 8:{k}0 am\nI liked this article a lot." for k in range(1, 4))
    page = read_page("Headline of the post\n" + "\n".join([article] * 4) + "\n3 Responses to “Headline of the post”"
                     + comments)
    x = rule_features(page, label_rows(page, frozenset()))
    rows = page.rows
    p = np.array([0.3] + [0.9] * 4 + [0.05] + [0.05, 0.05, 0.4] * 3)
    keep = np.array([False] + [True] * 4 + [False] * 10)
    x2 = ct.stack_columns(x, p, keep, [row.text for row in rows], [row.role for row in rows], [False] * len(rows))
    assert x2.shape == (len(rows), len(ct.stack_names())) and np.isfinite(x2).all()
    names = ct.stack_names()
    at = {name: x2[:, i] for i, name in enumerate(names)}
    assert at["in_region"][1] == 1.0 and at["reg_rank_mass"][1] == 0.0     # the article is the main block
    assert at["reg_headline_in"][1] == 1.0 > at["reg_headline_in"][-1]
    assert at["in_region"][5] == -1.0 and at["reg_rank_mass"][-1] > 0       # the comments are another block
    assert "not the page's main text block" in ct.explain(x2[-1], 0.2)
    assert "outside the page's text blocks" in ct.explain(x2[5], 0.05)


def test_second_pass_adds_only_sentences_and_nothing_below_comments() -> None:
    names = ct.stack_names()
    x = np.zeros((4, len(names)))
    kept_first, sentence = names.index("kept_first"), names.index("sentence")
    below = names.index("comment_rules_above")
    x[0, kept_first] = 1.0                      # kept by the first pass: may stay
    x[1, sentence] = 1.0                        # a sentence the first pass dropped: may be added
    x[2, sentence] = x[2, below] = 1.0          # the same below a comment header: may not
    # row 3: a teaser headline (no sentence end) the first pass dropped: may not
    assert ct.limit_additions(x, np.ones(4, dtype=bool)).tolist() == [True, True, False, False]
    assert ct.limit_additions(x[:, :ct.feature_width()], np.ones(4, dtype=bool)).tolist() == [True] * 4


def test_article_ends_at_a_ruled_line_below_its_last_likely_line() -> None:
    p = np.array([0.9, 0.8, 0.3, 0.2, 0.35, 0.3, 0.1, 0.9, 0.2])
    keep = np.array([True] * 6 + [False, True, True])
    ruled = [False, False, False, True, False, False, False, False, False]
    # the share line (3) below the article's last likely line (1) ends it;
    # the second run holds no ruled line and stays whole
    assert ct.cut_article_end(p, keep, ruled).tolist() == [True, True, True] + [False] * 4 + [True, True]
    # a ruled line above the last likely line is inside the article: nothing cut
    ruled_above = [True] + [False] * 8
    assert ct.cut_article_end(p, keep, ruled_above) is keep
    assert ct.cut_article_end(p[:0], keep[:0], []).tolist() == []


def test_second_pass_corrects_the_line_trees_log_odds() -> None:
    def one_leaf(value: float) -> dict:
        return {"feature": [[0]], "threshold": [[math.inf]], "left": [[0]], "right": [[0]], "value": [[value]],
                "depth": 0}

    decoder = {"switch": 2.0, "prior": 0.0, "agree": 0.0, "min_words": 0}
    page = read_page((SEEDS_DIR / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8"))
    rows = page.rows
    x = rule_features(page, label_rows(page, frozenset()))
    p = np.linspace(0.05, 0.95, len(rows))
    lines = ([True] * len(rows), [row.text for row in rows], [row.role for row in rows], [False] * len(rows))
    for shift in (0.0, 1.5):
        model = ct.TextModel({"trees": one_leaf(0.0), "decode": decoder,
                              "stack": {"trees": one_leaf(shift), "decode": decoder}})
        x2, p2 = model.rescore(x, p, *lines)
        assert x2 is x                              # the second pass writes into the page's matrix
        assert np.allclose(ct.logit(p2), ct.logit(p) + shift)


@pytest.mark.parametrize("text", [
    "Plain ASCII: words, snake_case and 42 numbers.",
    "“Quoted” words—dashes, café, naïve and ÉCOLE",
    "İstanbul ΟΔΟΣ straße ﬁne ½ ²",
    "日本語の文章、句読点。한국어 텍스트",
    "a\u00a0b\u3000c\u2028d\u0085e\u200bf",
    "lone \udcff surrogate",
    "",
])
def test_word_set_finds_the_words_the_regex_finds(text) -> None:
    assert ct.word_set(text) == set(ct.WORD.findall(text.lower()))


@pytest.mark.parametrize("text", [
    "The cat sat on the mat; a category_x of cats.",
    "“Quoted” words—dashes, café, naïve and ÉCOLE",
    "İstanbul ΟΔΟΣ straße ﬁne ½ ² a_b",
    "",
])
def test_count_words_in_counts_the_words_word_set_finds(text) -> None:
    words = {"the", "cat", "cats", "a", "category", "x", "café", "école", "ne", "b", "οδος", "½", "a_b", "at"}
    assert ct.count_words_in(words, text) == len(words & ct.word_set(text))
