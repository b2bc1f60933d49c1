"""Every case directory, converted alone by `digest convert`, against its golden byte for byte.

tests/cases/README.md says what each case is about and how its golden is
made; `make goldens` rewrites them after a deliberate change. Beside the
golden, every case must leave its raw files as they were, log only printable
text, make no file outside the output, and render to inert HTML.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import split_markdown
from digest_prep.read import UNPRINTABLE
from goldens import GOLDEN, GOLDEN_ERROR, case_dirs, convert_case

CASES = case_dirs()
# What a case's conversion must log beside writing its article: a value the
# editor gave, refused, with the raw file named.
WARNINGS = {
    "bad-front-matter-date-impossible": "date '2024-02-30' is not a date",
    "bad-sidecar-date-float-infinity": "date '1.0e+309' is not a date",
    "bad-sidecar-date-negative-year": "date '-0044-03-15' is not a date",
    "bad-sidecar-date-out-of-range": "is out of range",
    "bad-sidecar-date-overflow": "date '1e309' is not a date",
    "bad-sidecar-date-unreadable": "date 'sometime last spring' is not a date",
    "bad-sidecar-date-year-zero": "date '0000-01-01' is not a date",
}
INERT_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "blockquote", "em", "strong", "a", "figure",
              "figcaption", "br", "hr", "code"}
FINGERPRINT = re.compile(r"^fingerprint: ([0-9a-f]{64})\n", re.M)


def assert_inert(html: str) -> None:
    """Rendered article HTML in; fails if anything in it could run or load by itself."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in INERT_TAGS, f"<{tag.name}> in the body"
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), f"{attr} on <{tag.name}>"
            if attr in ("href", "src"):
                assert str(value).startswith(("http://", "https://", "mailto:")), value


def test_every_case_has_one_raw_file_and_one_golden():
    for case in CASES:
        raws = [p.name for p in case.iterdir() if p.name.startswith("seed.") and p.name != "seed.yaml"]
        goldens = [name for name in (GOLDEN, GOLDEN_ERROR) if (case / name).is_file()]
        others = {p.name for p in case.iterdir()} - {*raws, "seed.yaml", GOLDEN, GOLDEN_ERROR}
        assert len(raws) == 1 and len(goldens) == 1 and not others, (case.name, raws, goldens, others)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case(case: Path, tmp_path: Path):
    result = convert_case(case, tmp_path)
    golden = case / result.golden
    assert golden.is_file(), f"{case.name} gives {result.golden}, which it lacks (make goldens)"
    assert result.text == golden.read_bytes().decode("utf-8"), \
        f"{case.name}: output differs from {result.golden} (make goldens, then git diff tests/cases)"
    assert result.raw_after == result.raw_before, "a raw file was changed"
    assert not result.stray, f"files made outside the output: {result.stray}"
    for record in result.log:          # names and values reach a terminal escaped
        assert not UNPRINTABLE.search(record.getMessage()), record.getMessage()
    if result.golden == GOLDEN_ERROR:   # refused: one message naming the file, no article
        assert result.status == 1
        [message] = result.text.splitlines()
        assert message.startswith("seeds/seed."), message
        return
    assert result.status == 0
    stamp = FINGERPRINT.search(result.written)
    assert stamp, "no fingerprint"
    unstamped = result.written[:stamp.start()] + result.written[stamp.end():]
    assert hashlib.sha256(unstamped.encode("utf-8")).hexdigest() == stamp.group(1)
    front, body = split_markdown(result.text)
    if "no-title" in front.get("flags", ()):    # no evidence: no title, and the editor is asked
        assert "title" not in front and "title_from" not in front
    else:
        assert "title_from" in front, "a title with no evidence"
    assert front.get("date_unknown") or "date_from" in front, "a date with no evidence"
    assert_inert(markdown.markdown(body, extensions=["extra"]))
    if case.name in WARNINGS:           # said once, naming the file; the article is still written
        said = [r.getMessage() for r in result.log if WARNINGS[case.name] in r.getMessage()]
        assert len(said) == 1 and said[0].startswith("seeds/seed."), said
