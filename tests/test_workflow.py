"""The editors' workflow: review page, forced re-conversion, live preview, line overrides."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from conftest import build_env, copy_project, run_digest, run_pelican, split_markdown

NEW_SEED = ("Iraqi forces clear the last desert pockets near Rutba\n\n"
            "Iraqi forces said on Tuesday they had cleared the last desert pockets held by Islamic "
            "State militants near the town of Rutba in western Anbar, after a week-long operation.\n\n"
            "The operation involved army units, tribal fighters and coalition aircraft, a commander "
            "told reporters in Baghdad, adding that border posts had been reinforced.\n")


def test_review_page_lists_conversions_removals_and_flags(project: Path):
    assert run_pelican(project).returncode == 0
    review = (project / "output" / "review" / "index.html").read_text(encoding="utf-8")
    for name in ("000_f581c82b4a773cbc", "001_63e3a3cfca456c39", "004_270a1b78a05731d5"):
        assert f"seeds/{name}.txt" in review
    assert "010020070750000000000000011100001378659991" in review   # removed, and shown as such
    assert "TOP STORIES" in review and "boilerplate:" in review      # grouped by rule
    assert "no publication date found" in review                     # 002 and 003
    assert "title drawn from the first sentence" in review           # 002
    assert "<script" not in review
    for page in (project / "output").rglob("*.html"):
        if "review" not in page.parts:
            assert "review/" not in page.read_text(encoding="utf-8"), f"{page} links the review"


def test_review_page_notes_kept_edits(project: Path):
    assert run_pelican(project).returncode == 0
    target = project / "content" / "articles" / "001_63e3a3cfca456c39.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
    assert run_pelican(project).returncode == 0
    review = (project / "output" / "review" / "index.html").read_text(encoding="utf-8")
    assert "content/articles/001_63e3a3cfca456c39.md was edited by hand" in review


def test_public_build_has_no_review_page(project: Path):
    (project / "output").mkdir()
    (project / "output" / "review").mkdir()
    (project / "output" / "review" / "index.html").write_text("old")
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "publishconf.py"],
                            cwd=project, capture_output=True, text=True, env=build_env(project))
    assert result.returncode == 0, result.stderr
    assert not (project / "output" / "review").exists()
    assert (project / "output" / "index.html").is_file()


def test_force_regenerates_an_edited_article_after_a_backup(project: Path):
    assert run_pelican(project).returncode == 0
    target = project / "content" / "articles" / "000_f581c82b4a773cbc.md"
    original = target.read_text(encoding="utf-8")
    edited = original.replace("BAGHDAD, March 3", "BAGHDAD, March 3 (edited)")
    target.write_text(edited, encoding="utf-8")
    kept = run_digest(project, "convert", "seeds/000_f581c82b4a773cbc.txt")
    assert target.read_text(encoding="utf-8") == edited
    assert "edited by hand" in kept.stderr
    forced = run_digest(project, "convert", "--force", "000_f581c82b4a773cbc.txt")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") == original
    backups = list((project / ".digest" / "backups").glob("000_f581c82b4a773cbc.*.md"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited
    assert backups[0].name in forced.stderr                          # the message names it


def test_watch_converts_a_new_raw_file(project: Path):
    articles = project / "content" / "articles"
    watcher = subprocess.Popen([sys.executable, "-m", "digest_prep.cli", "watch"], cwd=project,
                               env=build_env(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and len(list(articles.glob("*.md"))) < 5:
            time.sleep(0.1)
        time.sleep(0.5)
        (project / "seeds" / "005_rutba.txt").write_text(NEW_SEED, encoding="utf-8")
        deadline = time.time() + 60
        while time.time() < deadline and not (articles / "005_rutba.md").exists():
            time.sleep(0.1)
        assert (articles / "005_rutba.md").exists(), "the watcher did not convert the new file"
    finally:
        watcher.terminate()
        watcher.wait(timeout=10)


def test_sidecar_keep_and_drop_lines(project: Path):
    seeds = project / "seeds"
    (seeds / "004_270a1b78a05731d5.yaml").write_text(
        "date: 2020-02-10\n"
        "drop: ['Terrorist acts such as the kidnapping']\n"
        "keep: ['An Iraqi tribal forces fighter searches the vehicle']\n", encoding="utf-8")
    result = run_digest(project, "convert")
    assert result.returncode == 0, result.stderr
    front, body = split_markdown(
        (project / "content" / "articles" / "004_270a1b78a05731d5.md").read_text(encoding="utf-8"))
    assert str(front["date"]).startswith("2020-02-10") and not front.get("date_inferred")
    assert "Terrorist acts such as the kidnapping" not in body
    assert body.index("An Iraqi tribal forces fighter") < body.index("Iraqi forces will embark")


def test_same_article_twice_is_published_once_as_also_reported_by(project: Path):
    seeds = project / "seeds"
    wire = (seeds / "000_f581c82b4a773cbc.txt").read_text(encoding="utf-8")
    copy = wire.replace("Source: Xinhua| 2019-03-03 20:11:43|Editor: xuxin",
                        "By Reuters staff").replace("TOP STORIES\n", "")
    (seeds / "010_copy.txt").write_text(copy, encoding="utf-8")
    (seeds / "010_copy.yaml").write_text("source: Reuters\nurl: https://example.org/copy\n")
    (seeds / "011_same.txt").write_text(wire, encoding="utf-8")     # the same file twice
    result = run_pelican(project)
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "seeds/010_copy.txt: the same article as seeds/000_f581c82b4a773cbc.txt" in log
    assert "seeds/011_same.txt: the same article as seeds/000_f581c82b4a773cbc.txt" in log
    day = (project / "output" / "2019" / "03" / "03" / "index.html").read_text(encoding="utf-8")
    assert day.count("Hashd Shaabi leader says hundreds of IS militants") == 1
    page = next((project / "output").rglob("hashd-shaabi-leader-*.html")).read_text(encoding="utf-8")
    assert "Also reported by" in page and 'href="https://example.org/copy"' in page
