"""Nothing is lost and nothing drifts: interrupted runs, concurrent runs,
front matter that parses back to what was meant, reproducible builds."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from hypothesis import given, settings, strategies as st

from conftest import build_env, copy_project, run_pelican, split_markdown
from digest_prep.model import Article, Block, Extraction, Metadata, Seed
from digest_prep.pelican_reader import YAML_LOADER
from digest_prep.write import is_edited, render_markdown

LEAD = ("Iraqi forces said on {day} they had cleared desert pockets held by Islamic State "
        "militants near Rutba in western Anbar, after an operation lasting {n} days. ")


def many_seeds(project: Path, count: int) -> None:
    for i in range(count):
        (project / "seeds" / f"gen-{i:04d}.txt").write_text(
            f"Desert operation report number {i}\n\n" + LEAD.format(day="Tuesday", n=i) * 4
            + "\n\nOfficials added that border posts had been reinforced.\n", encoding="utf-8")


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_whole(folder: Path) -> None:
    """Every Markdown file is complete (its fingerprint holds) and no temporary is left."""
    for path in folder.rglob("*"):
        assert not path.name.endswith(".tmp"), f"temporary left behind: {path.name}"
        if path.suffix == ".md":
            assert not is_edited(path.read_text(encoding="utf-8")), f"{path.name} is damaged"


def start_convert(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "digest_prep.cli", "convert", "-q", *args],
                            cwd=project, env=build_env(project),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_killed_run_leaves_no_half_written_file(tmp_path):
    project = copy_project(tmp_path / "project", seeds=False)
    many_seeds(project, 300)
    articles = project / "content" / "articles"
    process = start_convert(project, "--workers", "1")
    deadline = time.time() + 60
    while time.time() < deadline and len(list(articles.glob("*.md"))) < 20:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = len(list(articles.glob("*.md")))
    assert 0 < written < 300, "the run was not interrupted in the middle"
    for path in articles.glob("*.md"):                 # what was written is whole
        assert not is_edited(path.read_text(encoding="utf-8")), path.name
    finish = start_convert(project)
    assert finish.wait(timeout=300) == 0, finish.stderr.read().decode()
    assert len(list(articles.glob("*.md"))) == 300
    assert_whole(articles)


def test_two_runs_at_once_do_not_corrupt_content(tmp_path):
    project = copy_project(tmp_path / "project", seeds=False)
    many_seeds(project, 80)
    first, second = start_convert(project), start_convert(project)
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    articles = project / "content" / "articles"
    assert len(list(articles.glob("*.md"))) == 80
    assert_whole(articles)
    alone = copy_project(tmp_path / "alone", seeds=False)
    many_seeds(alone, 80)
    assert start_convert(alone).wait(timeout=300) == 0
    assert tree(articles) == tree(alone / "content" / "articles")


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    one = copy_project(tmp_path / "one")
    two = copy_project(tmp_path / "two")
    assert run_pelican(one).returncode == 0
    assert run_pelican(two).returncode == 0
    assert tree(one / "content") == tree(two / "content")
    assert tree(one / "output") == tree(two / "output")


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               min_size=1, max_size=80)


@settings(max_examples=300, deadline=None)
@given(title=TEXT, author=TEXT, source=TEXT, tags=st.lists(TEXT, max_size=5), body=TEXT)
def test_front_matter_round_trips_exactly(title, author, source, tags, body):
    seed = Seed(rel_path="seeds/a b/ü.txt", data=b"x", sha256="0" * 64, kind="text", text="x")
    article = Article(seed=seed, extraction=Extraction(blocks=(Block("p", body),)),
                      meta=Metadata(title=title, author=author, source=source, summary=body),
                      tags=tuple(tags), slug="s", added="2025-11-21")
    text = render_markdown(article, "v1")
    front, _ = split_markdown(text)
    assert front["title"] == title and front["author"] == author and front["source"] == source
    assert front["summary"] == body and front["tags"] == list(tags)
    assert front["raw_file"] == "seeds/a b/ü.txt"
    assert not is_edited(text)
    assert yaml.safe_load(yaml.safe_dump(front)) == front
    head = text[4:text.index("\n---\n")]
    assert yaml.load(head, Loader=YAML_LOADER) == front            # as Pelican's reader reads it
