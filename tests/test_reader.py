"""The YAML-front-matter Markdown reader Pelican uses for content/."""
from __future__ import annotations

import datetime as dt

import pytest
from pelican.settings import DEFAULT_CONFIG

from digest_prep.reader import DigestMarkdownReader


@pytest.fixture
def read(tmp_path):
    settings = {**DEFAULT_CONFIG, "MARKDOWN": {"extensions": ["markdown.extensions.extra"],
                                               "output_format": "html5"}}

    def read_text(text: str):
        path = tmp_path / "a.md"
        path.write_text(text, encoding="utf-8")
        return DigestMarkdownReader(settings).read(str(path))

    return read_text


def test_hand_written_article(read):
    content, meta = read("---\ntitle: An *editor's* note\ndate: 2020-02-10 09:30\n"
                         "tags: [Iraq, Anbar]\ncategory: Iraq News\nsummary: Short *one*.\n---\n\n"
                         "Some **bold** text and <abbr title='x'>HTML</abbr>.\n")
    assert meta["title"] == "An *editor's* note"
    assert meta["date"].replace(tzinfo=None) == dt.datetime(2020, 2, 10, 9, 30)
    assert [t.name for t in meta["tags"]] == ["Iraq", "Anbar"]
    assert meta["category"].name == "Iraq News"
    assert meta["summary"] == "<p>Short <em>one</em>.</p>"
    assert "<strong>bold</strong>" in content and "<abbr" in content   # editors are trusted


def test_generated_article_is_escaped_and_sanitised(read):
    content, meta = read(
        "---\ntitle: <script>alert(1)</script> & co\ndate: 2019-03-03T20:11:43+08:00\n"
        "source: <b>X</b>\nsummary: <img src=x onerror=alert(1)>\ntags: [<i>Iraq</i>]\n"
        "raw_file: seeds/a.txt\n---\n\n"
        "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n\n"
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\n[ok](https://example.org/a)\n")
    assert meta["title"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert meta["source"] == "&lt;b&gt;X&lt;/b&gt;"
    assert meta["summary"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert meta["tags"][0].name == "&lt;i&gt;Iraq&lt;/i&gt;"
    assert meta["date"].utcoffset() == dt.timedelta(hours=8)
    for bad in ("<script", "onclick", "javascript:", "<iframe", "srcdoc", "onerror"):
        assert bad not in content
    assert 'href="https://example.org/a"' in content


def test_unknown_date_falls_back_to_the_day_added(read):
    _, meta = read("---\ntitle: T\nadded: 2025-11-21\nraw_file: seeds/a.txt\n---\n\nText.\n")
    assert meta["date"].date() == dt.date(2025, 11, 21)
    assert meta["date_unknown"] is True


def test_plain_markdown_metadata_still_works(read):
    content, meta = read("Title: Old style\nDate: 2020-01-01\n\nBody.\n")
    assert meta["title"] == "Old style" and "<p>Body.</p>" in content


def test_broken_front_matter_names_the_file(read):
    with pytest.raises(ValueError, match=r"a.md: front matter is not valid YAML"):
        read("---\ntitle: [unclosed\n---\n\nBody.\n")
