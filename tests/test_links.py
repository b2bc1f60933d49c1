"""Link hygiene: unsafe schemes dropped, tracking stripped, relative links made absolute."""
from __future__ import annotations

import pytest

from digest_prep.links import clean_url


@pytest.mark.parametrize("url,base,expected", [
    ("https://x.org/a?id=3&utm_source=tw&fbclid=9#top", "", "https://x.org/a?id=3#top"),
    ("https://x.org/a?gclid=1&mc_eid=2&keep=1", "", "https://x.org/a?keep=1"),
    ("/news/1?utm_medium=email", "https://example.org/world/", "https://example.org/news/1"),
    ("story.html", "https://example.org/world/", "https://example.org/world/story.html"),
    ("mailto:desk@example.org", "", "mailto:desk@example.org"),
    ("javascript:alert(1)", "", None),
    (" jav\tascript:alert(1)", "", None),
    ("JaVaScRiPt:alert(1)", "", None),
    ("data:text/html;base64,PHNjcmlwdD4=", "", None),
    ("vbscript:msgbox", "", None),
    ("/relative/without/base", "", None),
    ("http://[broken", "", None),
    ("", "", None),
])
def test_clean_url(url, base, expected):
    assert clean_url(url, base) == expected


@pytest.mark.parametrize("url", [
    "jav&#x09;ascript:alert(1)", "jav&#9;ascript:alert(1)", "&#106;avascript:alert(1)",
    "java\x00script:alert(1)", "\x01javascript:alert(1)", " \n javascript:alert(1)",
    "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "DaTa:text/html;base64,PHNjcmlwdD4=",
    "javascript&colon;alert(1)", "&#x6a;avascript&#x3a;alert(1)",
])
def test_obfuscated_unsafe_urls_are_dropped(url):
    assert clean_url(url) is None
    assert clean_url(url, "https://example.org/") is None or \
        clean_url(url, "https://example.org/").startswith("https://example.org/")


def test_an_entity_like_query_is_kept():
    assert clean_url("https://x.org/a?id=1&not=2") == "https://x.org/a?id=1&not=2"
