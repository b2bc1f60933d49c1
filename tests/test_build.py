"""`pelican content` on a copy of the project: the whole path, end to end."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from conftest import ADDED, ROOT, build_env, copy_project, run_pelican, split_markdown

HAND_WRITTEN = """---
title: Editor's note on the Anbar desert
date: 2020-02-11 08:00
tags: [Iraq, Anbar]
category: Iraq News
---

A hand-written note from the desk, published alongside the cleaned articles.
"""


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project copy with a hand-written article, built once: (project, process)."""
    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    (project / "content" / "articles" / "editors-note.md").write_text(HAND_WRITTEN, encoding="utf-8")
    raw_before = tree_hashes(project / "seeds")
    result = run_pelican(project, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    assert tree_hashes(project / "seeds") == raw_before     # raw files untouched
    return project, result


def generated(project: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((project / "content" / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "raw_file:" in text:
            out[path.name] = split_markdown(text)[0]
    return out


def test_every_seed_becomes_an_article_page(built):
    project, _ = built
    articles = generated(project)
    assert len(articles) == 5
    for front in articles.values():
        pages = list((project / "output").rglob(f"{front['slug']}.html"))
        assert pages, f"no page for {front['raw_file']}"
        html = pages[0].read_text(encoding="utf-8")
        assert front["title"].split("'")[0][:30] in html.replace("&#39;", "'")


def test_hand_written_article_renders_alongside(built):
    project, _ = built
    pages = list((project / "output").rglob("*editors-note*.html"))
    assert pages and "hand-written note from the desk" in pages[0].read_text(encoding="utf-8")


def test_tag_pages_tag_index_archives_and_index(built):
    project, _ = built
    output = project / "output"
    assert (output / "index.html").is_file()
    assert (output / "tags.html").is_file() or (output / "tags" / "index.html").is_file()
    tag_pages = {p.stem for p in output.rglob("tag/*.html")}
    assert {"iraq", "islamic-state", "anbar"} <= tag_pages, sorted(tag_pages)
    assert (output / "2019" / "index.html").is_file()           # year archive
    assert (output / "2019" / "03" / "index.html").is_file()    # month archive


def test_feed_parses_and_lists_every_dated_article(built):
    project, _ = built
    feed = feedparser.parse((project / "output" / "feeds" / "all.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 4       # 5 seeds + the editor's note, less the 2 undated seeds
    tag_feed = feedparser.parse((project / "output" / "feeds" / "tag" / "islamic-state.atom.xml").read_bytes())
    assert not tag_feed.bozo and len(tag_feed.entries) >= 3


def test_unknown_dates_are_reported_and_use_the_day_added(built):
    project, result = built
    undated = [f for f in generated(project).values() if f.get("date_unknown")]
    assert {Path(f["raw_file"]).name[:3] for f in undated} >= {"002", "003"}
    assert all(str(f["date"]) == ADDED for f in undated)
    assert "no-date" in result.stderr + result.stdout


def test_summary_of_the_run(built):
    project, result = built
    lines = (result.stderr + result.stdout).splitlines()
    at = next(n for n, line in enumerate(lines) if "kept (edited)" in line)
    columns = [cell.strip() for cell in lines[at].strip("┃ ").split("┃")]
    assert columns == ["new", "updated", "unchanged", "kept (edited)", "flagged", "failed"]
    row = next(line for line in lines[at + 1:] if line.startswith("│"))
    figures = dict(zip(columns, (int(cell) for cell in row.strip("│ ").split("│"))))
    flagged = {f["raw_file"]: f["flags"] for f in generated(project).values() if f.get("flags")}
    assert flagged                      # the seeds have articles an editor must hear about
    assert figures == {"new": 5, "updated": 0, "unchanged": 0, "kept (edited)": 0,
                       "flagged": len(flagged), "failed": 0}, figures
    for raw_file, flags in flagged.items():     # each named with its flags, below the table
        assert f"  flagged  {raw_file}: {', '.join(flags)}" in lines, (raw_file, flags)


def test_rebuild_changes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run_pelican(project).returncode == 0
    first = tree_hashes(project / "content")
    stamps = {p: p.stat().st_mtime_ns for p in (project / "content").rglob("*.md")}
    output_first = tree_hashes(project / "output")
    assert run_pelican(project).returncode == 0
    assert tree_hashes(project / "content") == first
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps   # not even rewritten
    assert tree_hashes(project / "output") == output_first       # reproducible site


def test_editor_edit_survives_and_new_seed_appears(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run_pelican(project).returncode == 0
    target = project / "content" / "articles" / "000_f581c82b4a773cbc.md"
    edited = target.read_text(encoding="utf-8").replace(
        "title: Hashd Shaabi leader", "title: EDITED Hashd Shaabi leader")
    edited += "\nA paragraph the editor added.\n"
    target.write_text(edited, encoding="utf-8")
    (project / "seeds" / "005_new.txt").write_text(
        "Iraqi forces clear the last desert pockets near Rutba\n\n"
        "Iraqi forces said on Tuesday they had cleared the last desert pockets held by Islamic "
        "State militants near the town of Rutba in western Anbar, after a week-long operation.\n\n"
        "The operation involved army units, tribal fighters and coalition aircraft, a commander "
        "told reporters in Baghdad, adding that border posts had been reinforced.\n", encoding="utf-8")
    result = run_pelican(project)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == edited
    assert "edited by hand" in result.stdout + result.stderr
    pages = [p for p in (project / "output").rglob("*.html") if "rutba" in p.name]
    assert pages, "the new raw file has no page"
    day = (project / "output" / "2019" / "03" / "03" / "index.html").read_text(encoding="utf-8")
    assert "EDITED Hashd Shaabi leader" in day


def test_bad_file_gets_one_message_and_the_build_goes_on(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "seeds" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))
    (project / "seeds" / "empty.html").write_bytes(b"")
    result = run_pelican(project)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert log.count("seeds/broken.txt: skipped: not text or HTML") == 1
    assert "seeds/empty.html: skipped: the file is empty" in log
    assert len(list((project / "content" / "articles").glob("*.md"))) == 5
    strict = run_pelican(project, "--fatal", "errors")
    assert strict.returncode != 0                                  # CI is strict


def test_search_index_follows_the_pages_and_keeps_no_stale_files(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run_pelican(project).returncode == 0
    index = project / "output" / "pagefind"
    assert (index / "pagefind-entry.json").is_file()            # `pelican content` alone indexes

    def indexed_pages() -> int:
        return sum("data-pagefind-body" in p.read_text("utf-8")
                   for p in (project / "output").rglob("*.html") if index not in p.parents)

    shutil.copy(ROOT / "examples" / "rutba.txt", project / "seeds" / "rutba.txt")
    assert run_pelican(project).returncode == 0
    assert len(list((index / "fragment").iterdir())) == indexed_pages()
    assert len(list(index.glob("*.pf_meta"))) == 1


def test_the_public_address_is_set_in_one_place_and_its_absence_is_warned(tmp_path):
    project = copy_project(tmp_path / "project")
    unset = run_pelican(project)
    assert unset.returncode == 0
    assert "DIGEST_SITEURL is not set" in unset.stdout + unset.stderr
    env = {**build_env(project), "DIGEST_SITEURL": "https://news.example.net/"}
    for settings in ("pelicanconf.py", "publishconf.py"):
        result = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", settings], cwd=project,
                                capture_output=True, text=True, timeout=600, env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "DIGEST_SITEURL is not set" not in result.stdout + result.stderr
        feed = feedparser.parse((project / "output" / "feeds" / "all.atom.xml").read_bytes())
        assert feed.entries and all(e.link.startswith("https://news.example.net/article/") for e in feed.entries)
        sitemap = (project / "output" / "sitemap.xml").read_text("utf-8")
        assert "<loc>https://news.example.net/</loc>" in sitemap


# An older reader, as it was before the theme escaped: it handed out titles HTML-escaped.
OLDER_READER = """

build_plain_metadata = DigestMarkdownReader.build_metadata
DigestMarkdownReader.build_metadata = lambda self, data, generated: {
    **build_plain_metadata(self, data, generated), "title": html.escape(str(data["title"]))}
"""


def test_what_an_older_reader_cached_is_not_shown(tmp_path):
    project = copy_project(tmp_path / "project", seeds=False)
    (project / "content" / "articles" / "note.md").write_text(
        "---\ntitle: Tom & Jerry say \"hi\" <there>\nslug: tom\ndate: 2024-01-02\n---\n\nA note.\n",
        encoding="utf-8")
    reader = project / "plugins" / "digest_prep" / "pelican_reader.py"
    today = reader.read_text(encoding="utf-8")
    reader.write_text(today + OLDER_READER, encoding="utf-8")
    assert run_pelican(project).returncode == 0
    reader.write_text(today, encoding="utf-8")
    result = run_pelican(project)
    assert result.returncode == 0, result.stderr[-2000:]
    page = (project / "output" / "article" / "tom.html").read_text(encoding="utf-8")
    assert "<title>Tom &amp; Jerry say &#34;hi&#34; &lt;there&gt;: The Digest</title>" in page
    assert "&amp;amp;" not in page


def test_an_article_with_no_title_is_built_as_untitled_and_waits(tmp_path):
    project = copy_project(tmp_path / "project")
    case = ROOT / "tests" / "cases" / "title-none-builds-untitled" / "seed.txt"
    shutil.copy(case, project / "seeds" / "no-title.txt")
    result = run_pelican(project, "--fatal", "errors")             # Pelican drops a title-less article
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    front = next(f for f in generated(project).values() if f["raw_file"].endswith("no-title.txt"))
    assert "title" not in front and "no-title" in front["flags"]   # no title made up in the file
    page = next((project / "output").rglob(f"{front['slug']}.html")).read_text(encoding="utf-8")
    assert "<h1" in page and "Untitled article" in page
    review = (project / "output" / "review" / "index.html").read_text(encoding="utf-8")
    assert "no title found" in review
