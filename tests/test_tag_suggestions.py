"""Tag suggestions: the review record keeps each article's candidate names, the review page
suggests those that several articles are about, and `digest tags add` accepts one into tags.yaml."""
from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
import yaml
from pelican.settings import read_settings

from conftest import CHROMIUM, copy_project, run_digest, run_pelican, split_markdown
from digest_prep.options import read_options
from digest_prep.run.conversion import run_conversion
from digest_prep.review import (SUGGEST_MIN_ARTICLES, ReviewEntry, Links, ReviewRecord, Suggestion,
                                read_suggestions, render_review)
from digest_prep.tagging import add_tag_entry

CASE = Path(__file__).parent / "fixtures" / "tag-suggestion-recurring-name"
NAME = "Layla Tamimi"
ABOUT_HER = ("seeds/first.txt", "seeds/second.txt")


def project_with_case(target: Path) -> Path:
    """A copy of the project whose raw files are the case's three articles."""
    project = copy_project(target, seeds=False)
    for raw in sorted(CASE.glob("*.txt")):
        shutil.copy(raw, project / "seeds" / raw.name)
    return project


def suggestion_rows(project: Path) -> set[tuple[str, str]]:
    db = sqlite3.connect(project / ".digest" / ReviewRecord.FILE)
    try:
        return set(db.execute("SELECT raw_file, name FROM suggestion"))
    finally:
        db.close()


def review_page(project: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((project / "output" / "review" / "index.html").read_text(encoding="utf-8"))


def suggested(page: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    """The review page's suggestions, by name."""
    return {section.findtext("h3/bdi"): section for section in page.cssselect("section.review-suggestion")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The case's three articles built once through `pelican content`."""
    project = project_with_case(tmp_path_factory.mktemp("suggest") / "project")
    result = run_pelican(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project


def test_the_record_keeps_each_articles_candidate_names(tmp_path: Path):
    project = project_with_case(tmp_path / "p")
    options = replace(read_options(read_settings(str(project / "pelicanconf.py")), project), workers=1)
    run_conversion(options)
    rows = suggestion_rows(project)
    assert {(raw, NAME) for raw in ABOUT_HER} <= rows
    assert ("seeds/third.txt", "International Book Fair") in rows
    assert not [name for _raw, name in rows if "Fadel" in name]      # named in passing
    # A raw file that goes takes its names with it.
    (project / "seeds" / "second.txt").unlink()
    (project / "content" / "articles" / "second.md").unlink()
    run_conversion(options)
    assert {raw for raw, _name in suggestion_rows(project)} == {"seeds/first.txt", "seeds/third.txt"}


def test_the_page_suggests_a_name_two_articles_are_about_and_not_one_of_one(built: Path):
    assert SUGGEST_MIN_ARTICLES == 2
    sections = suggested(review_page(built))
    assert list(sections) == [NAME]
    section = sections[NAME]
    assert "(2 articles)" in section.text_content()
    assert section.findtext(".//code") == f"digest tags add '{NAME}'"
    links = section.cssselect("li a")
    assert sorted(a.text_content() for a in links) == list(ABOUT_HER)
    for a in links:                  # each link opens the article's page in the built site
        target = (built / "output" / "review" / a.get("href")).resolve()
        assert target.is_file(), a.get("href")
        assert NAME in target.read_text(encoding="utf-8")


def test_accepting_the_suggestion_tags_both_articles_and_it_leaves_the_page(tmp_path: Path):
    project = project_with_case(tmp_path / "p")
    assert run_pelican(project).returncode == 0
    before = (project / "tags.yaml").read_text(encoding="utf-8")
    accepted = run_digest(project, "tags", "add", NAME, "--kind", "person")
    assert accepted.returncode == 0, accepted.stderr
    assert f"added '{NAME}'" in accepted.stdout
    result = run_pelican(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for stem in ("first", "second"):
        front, _body = split_markdown((project / "content" / "articles" / f"{stem}.md").read_text(encoding="utf-8"))
        assert NAME in front["tags"], front["tags"]
    front, _body = split_markdown((project / "content" / "articles" / "third.md").read_text(encoding="utf-8"))
    assert NAME not in (front.get("tags") or [])
    assert NAME not in suggested(review_page(project))
    assert "<h2>Suggested tags</h2>" in (project / "output" / "review" / "index.html").read_text(encoding="utf-8")
    assert (project / "tags.yaml").read_text(encoding="utf-8").startswith(before)
    assert list((project / "output" / "tag").glob("*tamimi*")), "no tag page for the accepted name"


def test_tags_add_appends_and_keeps_the_editors_file(project: Path):
    before = (project / "tags.yaml").read_text(encoding="utf-8")
    result = run_digest(project, "tags", "add", "Omar Fadel", "--alias", "Fadel", "--alias", "عمر فاضل",
                        "--kind", "person")
    assert result.returncode == 0, result.stderr
    after = (project / "tags.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)                       # comments, order and layout as written
    assert after[len(before):] == "  Omar Fadel:\n    kind: person\n    aliases: [Fadel, عمر فاضل]\n"
    tags = yaml.safe_load(after)["tags"]
    assert list(tags)[-1] == "Omar Fadel" and list(tags)[:-1] == list(yaml.safe_load(before)["tags"])
    assert not list(project.glob(".tags.yaml.*"))          # no temporary left behind


@pytest.mark.parametrize(("name", "aliases", "says"), [
    ("Iraq", [], "'Iraq' is already in the vocabulary"),
    ("daech", [], "as a name of the tag 'Islamic State'"),
    ("Omar Fadel", ["Iraqi"], "'Iraqi' is already in the vocabulary, as a name of the tag 'Iraq'"),
    ("<script>alert(1)</script>", [], "is not a name"),
    ("", [], "is not a name"),
    ("Two\nLines", [], "is not a name"),
    ("x" * 81, [], "is not a name"),
    ("Omar Fadel", ["omar fadel"], "given twice"),
])
def test_tags_add_refuses_names_already_there_and_names_that_are_not(project: Path, name, aliases, says):
    before = (project / "tags.yaml").read_bytes()
    result = run_digest(project, "tags", "add", name, *(f"--alias={alias}" for alias in aliases))
    assert result.returncode == 1
    assert result.stderr.startswith("tags.yaml: cannot add ") and says in result.stderr, result.stderr
    assert (project / "tags.yaml").read_bytes() == before


def test_tags_add_puts_the_tag_inside_tags_when_another_key_follows():
    text = "# vocabulary\ntags:\n    Iraq:\n        kind: place\n\n# about the rest\nother: 1\n"
    added = add_tag_entry(text, "Layla Tamimi")
    assert added == ("# vocabulary\ntags:\n    Iraq:\n        kind: place\n    Layla Tamimi:\n\n"
                     "# about the rest\nother: 1\n")
    assert list(yaml.safe_load(added)["tags"]) == ["Iraq", "Layla Tamimi"]


def test_tags_add_refuses_a_vocabulary_it_cannot_append_to():
    with pytest.raises(ValueError, match="block style"):
        add_tag_entry("tags: {Iraq: {kind: place}}\n", "Layla Tamimi")
    with pytest.raises(ValueError, match="does not load as YAML"):
        add_tag_entry("tags:\n  Iraq: [\n", "Layla Tamimi")


def test_a_missing_vocabulary_is_started(tmp_path: Path):
    project = copy_project(tmp_path / "p", seeds=False)
    (project / "tags.yaml").unlink()
    assert run_digest(project, "tags", "add", NAME).returncode == 0
    assert yaml.safe_load((project / "tags.yaml").read_text(encoding="utf-8")) == {"tags": {NAME: None}}


def test_suggestions_on_the_page_are_escaped_and_their_command_quoted():
    hostile = "A\"'><img src=x onerror=alert(1)> $(touch pwned)"
    entry = ReviewEntry("seeds/<b>x</b>.txt", "new", "content/articles/x.md")
    page = render_review([], [], 0, 1, links=lambda e: Links(article="a\"><script>.html"),
                         suggestions=[Suggestion(hostile, 2, (entry, entry))])
    assert "<img" not in page and "<script>" not in page and "<b>x" not in page
    tree = lxml.html.fromstring(page)
    section = tree.cssselect("section.review-suggestion")[0]
    assert section.findtext("h3/bdi") == hostile
    assert section.findtext(".//code") == "digest tags add 'A\"'\"'\"'><img src=x onerror=alert(1)> $(touch pwned)'"
    assert [a.get("href") for a in section.cssselect("a")] == ['a"><script>.html'] * 2


def test_an_older_record_without_names_gives_no_suggestions(tmp_path: Path):
    record = tmp_path / ReviewRecord.FILE
    db = sqlite3.connect(record)
    db.execute("CREATE TABLE entry (raw_file TEXT PRIMARY KEY, status TEXT, markdown TEXT, message TEXT, "
                "flags TEXT, removed TEXT, suspects TEXT, converted_in INTEGER)")
    db.commit()
    db.close()
    assert read_suggestions(record) == []


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_the_review_page_shows_the_suggestion_and_its_links_open_the_articles(built: Path, browser):
    page = browser.new_page()
    try:
        page.goto((built / "output" / "review" / "index.html").as_uri())
        section = page.locator("section.review-suggestion")
        assert section.count() == 1
        assert section.locator("h3").inner_text() == f"{NAME} (2 articles)"
        assert section.locator("code").inner_text() == f"digest tags add '{NAME}'"
        assert section.locator("code").is_visible()
        section.locator("li a").first.click()
        page.wait_for_load_state()
        assert NAME in page.locator("h1").first.inner_text()
    finally:
        page.close()
