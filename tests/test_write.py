"""Stage 5: Markdown rendering, fingerprints and safe writes."""
from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
import yaml

from digest_prep.escaping import escape_markdown
from digest_prep.files import write_if_changed
from digest_prep.model import Article, Block, Extraction, Metadata, Seed
from digest_prep.write import is_edited, read_generated, render_body, render_markdown

from conftest import split_markdown


def make_article(title="A title", body=("First paragraph.",), **meta) -> Article:
    seed = Seed(rel_path="seeds/a.txt", data=b"x", sha256="0" * 64, kind="text", text="x")
    blocks = tuple(Block(kind="p", text=t) for t in body)
    return Article(seed=seed, extraction=Extraction(blocks=blocks),
                   meta=Metadata(title=title, **meta), tags=("Iraq",), slug="a-title-123456",
                   added="2025-11-21")


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "---",
    ": not a definition",
    "*not emphasis* and _not_ either",
    "`not code`",
    "a < b & c > d &amp; e",
    "back\\slash {attr}",
])
def test_escaped_text_renders_as_itself(text):
    html = markdown.markdown(escape_markdown(text), extensions=["extra"])
    assert html.startswith("<p>") and html.endswith("</p>")
    assert "<script" not in html and "<img" not in html and "<a" not in html
    from html import unescape
    assert unescape(html[3:-4]) == text


def test_body_keeps_list_items_together_and_headings():
    blocks = (Block("p", "Lead."), Block("h2", "A subheading"), Block("li", "one"),
              Block("li", "two"), Block("p", "End."))
    assert render_body(blocks) == "Lead.\n\n## A subheading\n\n- one\n- two\n\nEnd.\n"


def test_front_matter_is_yaml_and_deterministic():
    article = make_article(title="Yes: no # null 'quoted' \"double\"", date="2019-03-03T20:11:43+08:00",
                           source="Xinhua")
    first, second = render_markdown(article, "v1"), render_markdown(article, "v1")
    assert first == second
    front, body = split_markdown(first)
    assert front["title"] == "Yes: no # null 'quoted' \"double\""
    assert front["date"] == "2019-03-03T20:11:43+08:00"
    assert front["tags"] == ["Iraq"] and front["source"] == "Xinhua"
    assert front["raw_file"] == "seeds/a.txt" and front["raw_sha256"] == "0" * 64
    assert "author" not in front          # unknown fields are left out
    assert body.strip() == "First paragraph."


def test_unknown_date_uses_the_day_added_and_says_so():
    front, _ = split_markdown(render_markdown(make_article(), "v1"))
    assert front["date"] == "2025-11-21" and front["date_unknown"] is True


def test_an_edit_anywhere_is_detected():
    text = render_markdown(make_article(), "v1")
    assert not is_edited(text)
    assert is_edited(text.replace("First paragraph.", "First paragraph, edited."))
    assert is_edited(text.replace("title: A title", "title: A better title"))


def test_read_generated_tells_ours_from_hand_written(tmp_path):
    ours = tmp_path / "ours.md"
    ours.write_text(render_markdown(make_article(), "v1"), encoding="utf-8")
    hand = tmp_path / "hand.md"
    hand.write_text("---\ntitle: Mine\ndate: 2020-01-01\n---\n\nText.\n", encoding="utf-8")
    record = read_generated(ours)
    assert record and record.raw_sha256 == "0" * 64 and record.generator == "v1"
    assert record.added == "2025-11-21" and not record.edited
    assert read_generated(hand) is None


def test_write_only_when_bytes_change(tmp_path):
    path = tmp_path / "sub" / "a.md"
    assert write_if_changed(path, "one\n")
    stamp = path.stat().st_mtime_ns
    os.utime(path, ns=(stamp - 10**9, stamp - 10**9))
    assert not write_if_changed(path, "one\n")
    assert path.stat().st_mtime_ns == stamp - 10**9
    assert write_if_changed(path, "two\n") and path.read_text() == "two\n"
    assert [p.name for p in path.parent.iterdir()] == ["a.md"]   # no temporary left behind


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("old\n")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_if_changed(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
