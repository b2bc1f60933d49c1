"""The state folder (.digest/): furniture cache, review record, and parallel runs that match serial ones."""
from __future__ import annotations

import logging
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from pelican.settings import read_settings

from conftest import CASES_DIR, CORPUS_PAGES_DIR, ROOT, copy_project
from digest_prep.furniture import FURNITURE_CACHE, SiteFurniture, learn_file, learn_furniture
from digest_prep.options import read_options
from digest_prep.read import display_path
from digest_prep.review import DETAILED_MAX, ReviewEntry, ReviewRecord, read_review, render_review
from digest_prep.run.conversion import run_conversion
from digest_prep.run.pool import PARALLEL_MIN_FILES
from digest_prep.version import code_version

CORPUS_PAGES = sorted(CORPUS_PAGES_DIR.glob("*.txt"))


def options_for(project: Path, **changes):
    return replace(read_options(read_settings(str(project / "pelicanconf.py")), project), **changes)


def learn_site_furniture(options, paths) -> frozenset[str]:
    """The furniture step's first pass over some raw files, as a run makes it; their shared keys out."""
    furniture = SiteFurniture(options.state_dir, code_version())
    for path in paths:
        rel = display_path(path, options.root)
        sha, data = furniture.read_file(path, rel)
        if data is not None:
            furniture.add_learned(sha, learn_file(path, rel, data))
    return furniture.shared_keys()


def cache_lines(project: Path) -> list[str]:
    return (project / ".digest" / FURNITURE_CACHE).read_text(encoding="utf-8").splitlines()


def review_rows(project: Path) -> dict[str, tuple]:
    db = sqlite3.connect(project / ".digest" / ReviewRecord.FILE)
    try:
        return {row[0]: row for row in db.execute("SELECT raw_file, status, converted_in FROM entry")}
    finally:
        db.close()


def test_furniture_cache_learns_each_file_once_and_matches_learning_in_memory(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    options = options_for(project, workers=1)
    seeds = sorted(options.seeds_dir.glob("*.txt"))
    learned = learn_site_furniture(options, seeds)
    assert learned == learn_furniture(p.read_text(encoding="utf-8") for p in seeds)
    assert len(cache_lines(project)) == 1 + len(seeds)
    extra = options.seeds_dir / "copy.txt"          # the same text twice counts twice
    shutil.copy(seeds[0], extra)
    again = learn_site_furniture(options, seeds + [extra])
    assert again == learn_furniture(p.read_text(encoding="utf-8") for p in seeds + [extra])
    assert len(cache_lines(project)) == 1 + len(seeds)   # nothing new to read


def test_an_unwritable_state_folder_warns_and_the_articles_are_still_written(tmp_path: Path, caplog):
    project = copy_project(tmp_path / "p")
    (project / ".digest" / FURNITURE_CACHE).mkdir(parents=True)    # in the way of both files
    (project / ".digest" / ReviewRecord.FILE).mkdir()
    with caplog.at_level(logging.WARNING):
        report = run_conversion(options_for(project, workers=1))
    assert report.counts == {"new": 5}
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "furniture cache" in messages and "review record" in messages
    assert len(list((project / "content" / "articles").glob("*.md"))) == 5


def test_review_record_follows_failures_fixes_and_removals(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    options = options_for(project, workers=1)
    broken = options.seeds_dir / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02 binary \xff\xfe junk")
    run_conversion(options)
    rows = review_rows(project)
    assert rows["seeds/broken.txt"][1] == "failed" and rows["seeds/broken.txt"][2] == 1
    assert {row[1] for name, row in rows.items() if name != "seeds/broken.txt"} == {"new"}
    broken.unlink()
    gone = next(options.seeds_dir.glob("00*.txt"))
    gone.unlink()
    (project / "content" / "articles" / (gone.stem + ".md")).unlink()
    (options.seeds_dir / "rutba.txt").write_bytes((ROOT / "examples" / "rutba.txt").read_bytes())
    run_conversion(options)
    rows = review_rows(project)
    assert "seeds/broken.txt" not in rows and f"seeds/{gone.name}" not in rows
    assert rows["seeds/rutba.txt"][1:] == ("new", 2)
    assert len(rows) == 5


def test_review_page_shows_the_first_files_of_a_large_build_in_detail():
    latest = [ReviewEntry(f"seeds/{i:05}.txt", "new", removed={"boilerplate: share-label": ["Share"]},
                    converted_in=1) for i in range(DETAILED_MAX)]
    page = render_review([], latest, DETAILED_MAX + 1000, 1)
    assert page.count('<section class="review-entry">') == DETAILED_MAX
    assert "1000 more converted in this build are not shown in detail" in page


def test_a_file_with_no_article_found_shows_each_line_and_why_on_the_review_page(tmp_path: Path):
    # a news brief of one sentence that the cleaner misses: the editor sees
    # every line it removed and why, and the sidecar that keeps the article
    project = copy_project(tmp_path / "p", seeds=False)
    seeds = project / "seeds"
    seeds.mkdir(exist_ok=True)
    shutil.copy(CASES_DIR / "text-one-sentence-brief" / "seed.txt", seeds / "brief.txt")
    options = options_for(project, workers=1)
    run_conversion(options)
    assert review_rows(project)["seeds/brief.txt"][1] == "failed"
    build, attention, latest, count = read_review(options.state_dir / ReviewRecord.FILE)
    page = render_review(attention, latest, count, build)
    assert "list its lines under keep: in seeds/brief.yaml" in page
    assert "<li>The old bridge is shut to traffic from today for repairs.</li>" in page
    assert "<summary>boilerplate: share-label (" in page            # each line under the rule that removed it
    assert page.count("<li>The old bridge is shut") == 1              # once: under "Needs attention"
    (seeds / "brief.yaml").write_text('keep: ["The old bridge is shut"]\n', encoding="utf-8")
    run_conversion(options)
    assert review_rows(project)["seeds/brief.txt"][1] == "new"
    article = (project / "content" / "articles" / "brief.md").read_text(encoding="utf-8")
    assert article.endswith("\n---\n\nThe old bridge is shut to traffic from today for repairs.\n")


def test_parallel_conversion_writes_what_a_serial_one_does(tmp_path: Path):
    # 50 new files: with two workers both the first pass (furniture
    # learning) and the conversion run in worker processes
    outputs = []
    for workers in (1, 2):
        project = copy_project(tmp_path / f"w{workers}")
        for page in CORPUS_PAGES:
            shutil.copy(page, project / "seeds" / page.name)
        assert len(list((project / "seeds").iterdir())) >= PARALLEL_MIN_FILES
        report = run_conversion(options_for(project, workers=workers))
        assert set(report.counts) == {"new"}
        outputs.append(({p.name: p.read_bytes() for p in (project / "content" / "articles").glob("*.md")},
                        sorted(cache_lines(project)), review_rows(project)))
    assert outputs[0] == outputs[1]


def test_furniture_is_learned_from_text_dumps_not_from_page_sources(tmp_path: Path):
    project = copy_project(tmp_path / "p", seeds=False)
    seeds = project / "seeds"
    seeds.mkdir(exist_ok=True)
    for n in range(3):        # three saved pages with the same markup lines
        (seeds / f"page{n}.html").write_text(
            "<!doctype html>\n<html lang=en>\n<body>\n<main>\n<p>Story number %d.</p>\n</main>\n</body>\n</html>\n"
            % n, encoding="utf-8")
    assert learn_site_furniture(options_for(project, workers=1), list(seeds.iterdir())) == frozenset()


def test_review_forgets_an_article_whose_raw_file_and_markdown_are_both_gone(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    options = options_for(project, workers=1)
    run_conversion(options)
    raw = "seeds/003_af0611fd11995a58.txt"
    markdown = "content/articles/003_af0611fd11995a58.md"
    (project / raw).unlink()
    run_conversion(options)
    assert review_rows(project)[markdown][1] == "orphan"      # the Markdown is kept and said to be
    (project / markdown).unlink()
    run_conversion(options)                                   # nothing converted, nothing orphaned
    rows = review_rows(project)
    assert raw not in rows and markdown not in rows and len(rows) == 4


def test_a_run_that_converts_does_not_open_the_record_a_second_time(tmp_path: Path, monkeypatch):
    # Its rows are not committed yet: a second connection may have to wait
    # for SQLite's lock (five seconds, once the rows spill from its cache).
    project = copy_project(tmp_path / "p")
    asked = []
    real = ReviewRecord.holds_other_than
    monkeypatch.setattr(ReviewRecord, "holds_other_than", lambda self, live: asked.append(live) or real(self, live))
    options = options_for(project, workers=1)
    run_conversion(options)
    assert asked == [] and len(review_rows(project)) == 5
    run_conversion(options)                   # nothing converted: the record is asked what it still holds
    assert len(asked) == 1
