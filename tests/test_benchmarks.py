"""The benchmark suite's own set-up: the project's settings as `make bench` reads them, so it never breaks unseen."""
from __future__ import annotations

import importlib
import sys
from types import SimpleNamespace

import numpy as np
from conftest import ROOT
from digest_prep.classify_text import ROW_FEATURES, feature_width


def import_benchmark(name: str):
    """A module of benchmarks/ by name in; the module out, imported with benchmarks/ on the path meanwhile."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_bench_reads_the_project_settings() -> None:
    run = import_benchmark("run")
    assert "digest_prep" in run.settings_plugins()


def test_tag_sample_is_picked_by_its_stated_rule(tmp_path) -> None:
    """The hand check's pages: corpus, then l3s-gn1, most tags first, ties in key order, topped up to 100."""
    sample = import_benchmark("tags_sample")
    tags = {f"corpus/c{n:02}": ("A",) * (n % 4) for n in range(20)}
    tags |= {f"corpus-train/l3s-gn1/l{n:02}": ("B",) * (1 + n % 3) for n in range(40)}
    pages = dict.fromkeys(tags, {})
    picked = sample.pick_sample(pages, tags, exclude={"corpus/c03"})
    assert all(key.startswith("corpus/") for key in picked[:12]) and "corpus/c03" not in picked
    assert picked[:3] == ["corpus/c07", "corpus/c11", "corpus/c15"]     # 3 tags each, key order
    assert all(key.startswith("corpus-train/") for key in picked[12:30])
    assert all(tags[key] for key in picked)
    assert sum(len(tags[key]) for key in picked) >= 100
    assert sum(len(tags[key]) for key in picked[:-1]) < 100             # no page more than needed
    few = {key: value for key, value in tags.items()
           if key.startswith("corpus/") or key < "corpus-train/l3s-gn1/l05"}    # 5 l3s-gn1 pages
    few |= {f"corpus-train/dragnet-train/d{n}": ("C",) * (1 + n % 2) for n in range(80)}
    topped = sample.pick_sample(dict.fromkeys(few, {}), few, exclude={"corpus/c03"}, top_up=("dragnet-train",))
    assert topped[:12] == picked[:12]
    extra = [key for key in topped if "dragnet" in key]
    assert extra and extra == sorted(extra, key=lambda key: (-len(few[key]), key))   # after the rest
    assert sum(len(few[key]) for key in topped) >= 100 > sum(len(few[key]) for key in topped[:-1])
    # two top-up sets: the first one's pages all come before the second's
    two = few | {f"corpus-train/cleaneval-dev/e{n}": ("D",) * 3 for n in range(4)}
    both = sample.pick_sample(dict.fromkeys(two, {}), two, exclude={"corpus/c03"},
                              top_up=("cleaneval-dev", "dragnet-train"))
    sets = [key.split("/")[1] for key in both if key.count("/") == 2 and "l3s" not in key]
    assert sets[:4] == ["cleaneval-dev"] * 4 and set(sets[4:]) == {"dragnet-train"}
    checked = tmp_path / "checked.md"
    checked.write_text("| page | headline | tag | verdict |\n|---|---|---|---|\n"
                       "| corpus/c07 | A headline | A | right |\n"
                       "| corpus/c11 | Another | A | wrong: named in passing |\n", encoding="utf-8")
    assert sample.read_checked(checked) == [("corpus/c07", "A headline", "A", "right"),
                                            ("corpus/c11", "Another", "A", "wrong: named in passing")]


def test_text_stages_share_the_cleaners_time() -> None:
    """bench_text --stages: every stage of the text cleaner gets its own time, the parts add up to the whole, and the cleaner is put back."""
    bench = import_benchmark("bench_text")
    from digest_prep import clean_text
    from digest_prep.classify_text import TextModel
    originals = [clean_text.read_page, clean_text.label_rows, TextModel.scores]
    text = (ROOT / "seeds" / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8")
    total, shares = bench.time_stages([text, "Home\nNews\n" + "A sentence of the article. " * 5], frozenset(), 2)
    labels = [label for _, label in bench.STAGES + bench.MODEL_STAGES]
    assert set(labels) <= set(shares) and len(shares) == len(labels) + 1       # and "other"
    assert all(shares[label] >= 0 for label in labels) and shares["line trees"] > 0
    assert abs(sum(shares.values()) - total) < 1e-9
    assert [clean_text.read_page, clean_text.label_rows, TextModel.scores] == originals


def test_quality_meta_together_learns_one_run_per_set_and_kind() -> None:
    """--together: the files of one folder and kind are one run; a saved page's source learns nothing."""
    quality = import_benchmark("quality_meta")
    folder = ROOT / "tests" / "fixtures" / "run-sites"
    cases = [(path.stem, "txt", path, {}) for path in sorted(folder.glob("*.txt"))]
    runs = quality.learn_runs(cases + [("page", "html", folder / "page.html", {})])
    assert list(runs) == [quality.run_name(cases[0][2], "txt")]
    furniture, sites = runs[quality.run_name(cases[0][2], "txt")]
    assert {"top:quillfeather", "claim:tidewater notes"} <= sites and "top:markets" not in sites
    assert furniture and not any(quality.is_mark(key) for key in furniture)
    alone = quality.learn_runs(cases[:1])
    assert alone[quality.run_name(cases[0][2], "txt")][1] == frozenset()


def test_gold_is_read_without_the_readers_comments_dragnet_marks() -> None:
    """Dragnet's separator line and its misspellings end the article; a body without one is whole."""
    corpora = import_benchmark("corpora")
    truth = {"a": "Headline\nText.\n!@#$%^&*() COMMENTS\nJo July 31, 2012\nGreat post!",
             "b": "Text.\n!@#$%^&*() COMMNENTS\nWicked cool!", "c": "Text.\n!@#$%^&*()\nA reply",
             "d": "Text with !@#$%^&*() inside a line.", "e": ""}
    cut, n = corpora.without_comments(truth)
    assert cut == {"a": "Headline\nText.", "b": "Text.", "c": "Text.", "d": truth["d"], "e": ""} and n == 3


def test_recall_is_lost_where_the_article_is_cut_and_why() -> None:
    """quality_text --losses: a gold line missed above, below or inside the kept article counts there, by its cause; a page keeping little of its gold counts as missed whole."""
    quality = import_benchmark("quality_text")

    def page(gold, roles, vetoed):
        x = np.zeros((len(gold), feature_width()))
        x[:, ROW_FEATURES.index("log_words")] = np.log1p(10)        # ten words a line
        return SimpleNamespace(x=x, y=np.array(gold, dtype=np.int8), roles=roles, vetoed=vetoed,
                               flat=[False] * len(gold))

    d = page([1] * 9 + [0], ["title"] + ["body"] * 9, [i == 4 for i in range(10)])
    lost = quality.recall_losses(d, np.array([1, 0, 1, 1, 1, 0, 1, 1, 0, 1], dtype=bool))
    assert {key: round(value, 9) for key, value in lost.items() if value} == dict.fromkeys(
        ("above:fm", "above:dec", "in:rule", "in:dec", "below:dec"), round(1 / 9, 9))
    whole = quality.recall_losses(d, np.array([0] * 8 + [1, 1], dtype=bool))
    assert list(whole) == ["whole"] and round(whole["whole"], 9) == round(8 / 9, 9)


def test_a_page_is_english_when_the_digest_gives_its_gold_english() -> None:
    """A template's declared language loses to text surely in another; a short gold keeps the declared one."""
    corpora = import_benchmark("corpora")
    portuguese = "Querido Paulo: ontem eu escrevi aqui que iria orar para Nossa Senhora da Rosa Mística."
    english = "Whenever you have time, and if you believe in miracles, I encourage you to visit the shrine."
    assert not corpora.is_english(portuguese, "en-us")
    assert corpora.is_english(english, "pt-BR")
    assert corpora.is_english(f"{english}\n!@#$%^&*() COMMENTS\n{portuguese}", "")     # comments are no gold
    assert corpora.is_english("Day in pictures", "") and not corpora.is_english("Day in pictures", "ko")


def test_a_text_names_a_blog_without_its_trailing_word_blog() -> None:
    """The metadata benchmark's "text names the publisher": "Economix" names "Economix Blog", as the scoring accepts it."""
    quality = import_benchmark("quality_meta")
    assert quality.names_site("Posted on Economix, by a reporter.", "Economix Blog")
    assert quality.same_site("Economix", "Economix Blog")
    assert not quality.names_site("A blog post about the economy.", "Economix Blog")


def test_metadata_gold_takes_no_site_name_for_a_headline(tmp_path) -> None:
    """A blog's <title> "Site: Headline" whose page shows both: the gold is the end the set's gold article holds."""
    gold = import_benchmark("build_meta_gold")
    page = tmp_path / "R1.html"
    page.write_text("<html><head><title>Joy the Baker &#8211; Chai-Spiced Cinnamon Rolls</title></head>"
                    "<body><h1>Joy the Baker</h1><h2>Chai-Spiced Cinnamon Rolls</h2><p>Text.</p></body></html>",
                    encoding="utf-8")
    page.with_suffix(".copy.txt").write_text("Home\nJoy the Baker\nChai-Spiced Cinnamon Rolls\nText.\n",
                                             encoding="utf-8")
    assert gold.read_page(page)["title"]["value"] == "Joy the Baker"        # no article: the first part shown
    article = "Chai-Spiced Cinnamon Rolls\nText."
    assert gold.read_page(page, article=article)["title"]["value"] == "Chai-Spiced Cinnamon Rolls"
    # the part og:site_name names is no headline, with no article too
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</title>", "</title><meta property=\"og:site_name\" content=\"Joy the Baker\">"), encoding="utf-8")
    assert gold.read_page(page)["title"]["value"] == "Chai-Spiced Cinnamon Rolls"
    # "Site: Headline", the headline too short to be gold alone: no title rather than the site's name
    page.write_text("<html><head><title>Schneier on Security: Micromorts</title></head>"
                    "<body><h1>Schneier on Security</h1><h2>Micromorts</h2></body></html>", encoding="utf-8")
    page.with_suffix(".copy.txt").write_text("Blog\nSchneier on Security\nMicromorts\nText.\n", encoding="utf-8")
    assert gold.read_page(page)["title"]["value"] == "schneier on security"
    assert "title" not in gold.read_page(page, article="November 8, 2012\nMicromorts\nText.")
    assert gold.names_site("Joy the Baker", "Joy the Baker - Rolls", {"rolls", "text"})
    assert not gold.names_site("Rolls", "Joy the Baker - Rolls", {"rolls", "text"})
    assert not gold.names_site("Joy the Baker", "Joy the Baker - Rolls", {"text"})   # the article holds neither


def test_a_title_is_the_same_when_the_gold_lost_a_character() -> None:
    """A site's <title> that lost its apostrophe and dash ("Chads World 15Flash") is the headline the page shows."""
    quality = import_benchmark("quality_meta")
    assert quality.same_text("Chad’s World 15–Flash, Flash, FLASH!", "Chads World 15Flash, Flash, FLASH!")
    assert quality.same_text("I’m in.. Are YOU in?", "Im in.. Are YOU in?")
    assert not quality.same_text("Chad’s World 16", "Chads World 15Flash, Flash, FLASH!")


def test_check_models_names_each_model_file_that_differs_or_is_missing(tmp_path) -> None:
    """`make train-check` compares byte for byte: the same bytes pass, one changed byte or a missing file is named."""
    check = import_benchmark("check_models")
    names = [name for _, _, written in check.TRAINERS for name in written]
    for name in names:
        (tmp_path / name).write_bytes((check.MODELS / name).read_bytes())
    assert check.differing(tmp_path) == []
    changed = bytearray((tmp_path / "html-context.txt").read_bytes())
    changed[-1] ^= 1
    (tmp_path / "html-context.txt").write_bytes(bytes(changed))
    (tmp_path / "headline.json").unlink()
    assert check.differing(tmp_path) == ["html-context.txt", "headline.json"]


def test_the_digest_before_the_learned_cleaners_comes_from_the_history_or_is_said_missing(tmp_path, monkeypatch) -> None:
    run = import_benchmark("run")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Headline\n\nText.\n", encoding="utf-8")
    if run.baseline_project(tmp_path / "base", seeds) is not None:     # a clone with the history
        assert (tmp_path / "base" / "plugins" / "digest_prep" / "cli.py").is_file()
        assert not (tmp_path / "base" / "plugins" / "digest_prep" / "classify_text.py").exists()
        assert (tmp_path / "base" / "seeds" / "a.txt").is_file()
    monkeypatch.setattr(run, "BASELINE_COMMIT", "0" * 40)
    assert run.baseline_project(tmp_path / "none", seeds) is None
