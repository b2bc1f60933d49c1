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
