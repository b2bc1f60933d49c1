"""The review gate: flagged articles wait for an editor before the public build shows them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHROMIUM, build_env, copy_project, run_digest, split_markdown

# The seeds with no date found: one with a headline drawn from its text, one with removed sentences.
WAITING = {"seeds/002_a24904526fcae996.txt", "seeds/003_af0611fd11995a58.txt"}
APPROVED_TITLE = "Islamic State members flee western Anbar bastion toward Salahuddin"


def build(project: Path, settings: str, output: str = "output") -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", settings, "-o", output],
                            cwd=project, capture_output=True, text=True, timeout=600, env=build_env(project))
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def published_titles(output: Path) -> set[str]:
    from bs4 import BeautifulSoup
    return {BeautifulSoup(p.read_text("utf-8"), "html.parser").h1.get_text()
            for p in (output / "article").glob("*.html")}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    build(project, "pelicanconf.py")
    return project


def test_flags_that_need_an_editor_are_written_with_the_article(project: Path):
    flagged = {}
    for path in (project / "content" / "articles").glob("*.md"):
        front, _ = split_markdown(path.read_text("utf-8"))
        flagged[front["raw_file"]] = set(front.get("flags", []))
    assert "title-derived" in flagged["seeds/002_a24904526fcae996.txt"]
    assert {"no-date", "removed-sentence"} <= flagged["seeds/003_af0611fd11995a58.txt"]


def test_digest_review_lists_what_waits_and_approve_lets_one_through(project: Path):
    listed = run_digest(project, "review")
    assert listed.returncode == 0
    assert "2 article(s) wait" in listed.stdout
    for raw in WAITING:
        assert raw in listed.stdout
    approved = run_digest(project, "approve", "003_af0611fd11995a58")
    assert approved.returncode == 0, approved.stderr
    sidecar = project / "seeds" / "003_af0611fd11995a58.yaml"
    assert sidecar.read_text("utf-8") == "approved: true\n"
    raw_before = (project / "seeds" / "003_af0611fd11995a58.txt").read_bytes()
    result = build(project, "pelicanconf.py")
    assert (project / "seeds" / "003_af0611fd11995a58.txt").read_bytes() == raw_before   # never touched
    assert "1 article(s) wait" in result.stdout + result.stderr
    again = run_digest(project, "review")
    assert "003_af0611fd11995a58" not in again.stdout and "002_a24904526fcae996" in again.stdout
    missing = run_digest(project, "approve", "no-such-article")
    assert missing.returncode == 1 and "no-such-article: no waiting article" in missing.stderr


def test_approve_keeps_an_editors_sidecar_and_its_comments(project: Path):
    sidecar = project / "seeds" / "002_a24904526fcae996.yaml"
    sidecar.write_text("# checked by the desk\nsource: Asharq Al-Awsat\napproved: false\n", "utf-8")
    build(project, "pelicanconf.py")
    assert run_digest(project, "approve", "seeds/002_a24904526fcae996.txt").returncode == 0
    assert sidecar.read_text("utf-8") == "# checked by the desk\nsource: Asharq Al-Awsat\napproved: true\n"


def test_a_hand_written_article_is_approved_in_its_own_front_matter(project: Path):
    note = project / "content" / "articles" / "desk-note.md"
    note.write_text("---\ntitle: A note from the desk\ndate: 2020-02-12\nflags: [title-derived]\n---\n\n"
                    "The desk wrote this.\n", "utf-8")
    assert "desk-note" in run_digest(project, "review").stdout
    assert run_digest(project, "approve", "desk-note").returncode == 0
    front, body = split_markdown(note.read_text("utf-8"))
    assert front["approved"] is True and front["title"] == "A note from the desk"
    assert "The desk wrote this." in body


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
def test_the_gate_in_both_states(project: Path, browser):
    local = project / "output"                       # gate off: every article, flagged ones too
    build(project, "publishconf.py", "public")       # gate on
    public = project / "public"
    assert {APPROVED_TITLE} <= published_titles(local)
    assert APPROVED_TITLE not in published_titles(public)
    page = browser.new_page()
    try:
        page.goto((local / "index.html").as_uri())
        assert APPROVED_TITLE in page.locator("main").inner_text()
        page.goto((public / "index.html").as_uri())
        assert APPROVED_TITLE not in page.locator("main").inner_text()
        assert page.locator("main .headline").count() >= 1        # the rest is published
        assert run_digest(project, "approve", "003_af0611fd11995a58").returncode == 0
        build(project, "publishconf.py", "public")
        assert APPROVED_TITLE in published_titles(public)
        page.goto((public / "index.html").as_uri())
        assert APPROVED_TITLE in page.locator("main").inner_text()
    finally:
        page.close()
