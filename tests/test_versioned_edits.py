"""An editor's hand edit lives in git: it survives a fresh clone of the site and a build there."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import CHROMIUM, copy_project, run_pelican

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"),
]

ARTICLE = "content/articles/004_270a1b78a05731d5.md"
EDITED_TITLE = "Iraq opens desert operations in Anbar, edited by the desk"
ADDED_LINE = "Editor's note: this report was checked against the ministry's statement."
GIT = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.com", "-c", "init.defaultBranch=main"]


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_hand_edit_survives_a_fresh_clone_and_a_build(tmp_path: Path, browser):
    site = copy_project(tmp_path / "site")
    (site / ".gitignore").write_text(Path(__file__).resolve().parent.parent.joinpath(".gitignore").read_text())
    built = run_pelican(site)
    assert built.returncode == 0, built.stderr[-2000:]
    article = site / ARTICLE
    text = article.read_text("utf-8")
    old_title = next(line for line in text.splitlines() if line.startswith("title: "))
    text = text.replace(old_title, f"title: {EDITED_TITLE}", 1) + f"\n{ADDED_LINE}\n"
    article.write_text(text, "utf-8")
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Desk edit")
    assert ARTICLE in git(site, "ls-files", "content/articles")       # the edit is in the repository

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(site), str(clone))
    assert not (clone / ".digest").exists() and not (clone / "output").exists()
    rebuilt = run_pelican(clone)
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    assert (clone / ARTICLE).read_text("utf-8") == text                # never overwritten
    assert "kept" in rebuilt.stdout + rebuilt.stderr
    assert git(clone, "status", "--porcelain", "content") == ""        # nothing else rewritten either

    page = browser.new_page()
    try:
        slug = next(line for line in text.splitlines() if line.startswith("slug: "))[6:]
        page.goto((clone / "output" / "article" / f"{slug}.html").as_uri())
        assert page.locator("article.story h1").inner_text() == EDITED_TITLE
        assert ADDED_LINE in page.locator("[data-pagefind-body]").inner_text()
    finally:
        page.close()
