"""The YAML-front-matter Markdown reader Pelican uses for content/."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from pelican.settings import DEFAULT_CONFIG

from digest_prep.pelican_reader import DigestMarkdownReader


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
    assert "<strong>bold</strong>" in content and "<abbr" in content   # an editor's HTML is kept


def test_generated_article_is_escaped_and_sanitised(read):
    content, meta = read(
        "---\ntitle: <script>alert(1)</script> & co\ndate: 2019-03-03T20:11:43+08:00\n"
        "source: <b>X</b>\nsummary: <img src=x onerror=alert(1)>\ntags: [<i>Iraq</i>]\n"
        "raw_file: seeds/a.txt\n---\n\n"
        "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n\n"
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\n[ok](https://example.org/a)\n")
    # Fields are plain text (the theme escapes them); the summary is HTML holding that text.
    assert meta["title"] == "<script>alert(1)</script> & co"
    assert meta["source"] == "<b>X</b>"
    assert meta["summary"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert meta["tags"][0].name == "<i>Iraq</i>"
    assert meta["tags"][0].slug == "iiraqi"      # the slug it had before: not lost to tag stripping
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


@pytest.mark.parametrize("generated", ["raw_file: seeds/a.txt\n", ""])
def test_unsafe_urls_and_unknown_codes_are_dropped_with_a_warning(read, caplog, generated):
    content, meta = read(
        "---\ntitle: T\ndate: 2020-01-01\nsource_url: ' jav&#x09;ascript:alert(1)'\n"
        "lang: '\"><script>'\ndir: 'rtl\" onmouseover=alert(1)'\n" + generated + "---\n\n"
        "Body <a href=\"vbscript:x\" onclick=\"x()\">x</a><script>alert(1)</script>.\n")
    assert "source_url" not in meta and "lang" not in meta and "dir" not in meta
    for bad in ("vbscript", "onclick", "<script"):
        assert bad not in content
    warned = caplog.text
    assert "a.md" in warned and "source_url" in warned and "lang" in warned and "dir" in warned
    if generated:
        assert "seeds/a.txt" in warned


def test_good_urls_and_codes_pass(read, caplog):
    _, meta = read("---\ntitle: T\ndate: 2020-01-01\nsource_url: https://x.org/a?b=1&utm_source=z\n"
                   "lang: en_gb\ndir: RTL\n---\n\nBody.\n")
    assert meta["source_url"] == "https://x.org/a?b=1"
    assert meta["lang"] == "en-GB" and meta["dir"] == "rtl"
    assert "dropped" not in caplog.text


def test_slug_that_is_no_file_name_is_remade(read, caplog):
    _, meta = read("---\ntitle: T\ndate: 2020-01-01\nslug: ../../x\"><img src=x>\n---\n\nBody.\n")
    assert re.fullmatch(r"[a-z0-9-]+", meta["slug"]) and "slug" in caplog.text
    _, meta = read("---\ntitle: T\ndate: 2020-01-01\nslug: my-page_2.v1\n---\n\nBody.\n")
    assert meta["slug"] == "my-page_2.v1"


def test_pelican_style_metadata_is_checked_too(read, caplog):
    content, meta = read("Title: A \u202etitle\nDate: 2020-01-01\nSource_url: javascript:alert(1)\n"
                         "Lang: x\" onclick=\"alert(1)\nSummary: <img src=x onerror=alert(1)>ok\n\n"
                         "<script>alert(1)</script><a href='vbscript:x'>x</a> body.\n")
    assert meta["title"] == "A title" and "source_url" not in meta and "lang" not in meta
    assert "onerror" not in meta["summary"] and "ok" in meta["summary"]
    assert "<script" not in content and "vbscript" not in content and "body." in content
    assert "source_url" in caplog.text and "lang" in caplog.text


def test_bidi_overrides_and_zero_width_leave_one_line_fields(read):
    _, meta = read("---\ntitle: \"Safe \\u202eevil\\u202c \\u200bname \\u200cجا\"\n"
                   "author: \"A\\u2066B\\u2069\"\ntags: [\"x\\u202ey\"]\ndate: 2020-01-01\n"
                   "raw_file: seeds/a.txt\n---\n\nBody.\n")
    assert meta["title"] == "Safe evil name \u200cجا"     # the joiner Persian needs stays
    assert str(meta["author"]) == "AB" and meta["tags"][0].name == "xy"
