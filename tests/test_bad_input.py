"""Hostile and broken raw files that cannot be stored as a case directory.

The raw files of tests/cases/ are checked against their goldens by
test_cases.py. The inputs here are made at test time: too large to commit
(`generate`), or about file names git cannot hold everywhere (`files`: the
name in seeds/ and its bytes). Each names the problem and the expected
outcome: `converted` (with optional title/date/source/tags and body checks),
`failed` (with the message naming the file and the reason), `ignored`, or
`any` (the run ends and says what happened).
"""
from __future__ import annotations

import logging
import os
import signal
import stat
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings

from conftest import CASES_DIR, FLOOD, OIL, copy_project, split_markdown
from digest_prep.options import read_options
from digest_prep.read import UNPRINTABLE
from digest_prep.run.conversion import run_conversion

LEAD = ("Iraqi forces said on Tuesday they had cleared the last desert pockets held by Islamic "
        "State militants near the town of Rutba in western Anbar, after a week-long operation. ")
MB = 1024 * 1024
RUTBA = (CASES_DIR / "bad-sidecar-overrides" / "seed.txt").read_bytes()   # headline and three paragraphs
RUTBA_SHORT = b"\n\n".join(RUTBA.split(b"\n\n")[:3]) + b"\n"          # its first two paragraphs
HEADLINE, FIRST, SECOND = (part.decode() for part in RUTBA.split(b"\n\n")[:3])
RUTBA_PAGE = (f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
              f"<p>{FIRST}</p>\n<p>{SECOND}</p></article></body></html>").encode()

MADE_CASES = {
    "big-html": {"problem": "A 50 MB HTML file.", "generate": "big-html", "outcome": "any"},
    "big-text": {"problem": "A 50 MB text file: a dump, not an article.", "generate": "big-text",
                 "outcome": "failed", "message": "is larger than the 16 MB limit for one text article"},
    "deep-html": {"problem": "HTML nested 100,000 elements deep.", "generate": "deep-html",
                  "outcome": "any"},
    "million-char-line": {"problem": "One line of 1,000,000 characters.", "generate": "long-line",
                          "outcome": "any"},
    "sidecar-many-tags": {
        "problem": "A sidecar with 20,000 tags; Pelican writes a feed per tag listing all of them.",
        "generate": "many-tags", "outcome": "converted", "tag_count": 50,
        "warning": "20,000 tags given; kept the first 50"},
    "name-differs-by-case": {
        "problem": "Two raw files whose names differ only by case (report.TXT, report.txt); one "
                   "Markdown name silently lost one article, and on a case-insensitive file system "
                   "they are one name.",
        "files": {"report.TXT": RUTBA_SHORT, "report.txt": FLOOD},
        "outcome": "converted", "articles": 2, "warning": "would make the same article file",
        "named": ["report.TXT", "report.txt"]},
    "name-double-dots": {"problem": "A file name containing '..'.",
                         "files": {"a..b..txt": RUTBA}, "outcome": "converted"},
    "name-folders-fold-to-one": {
        "problem": "Folders whose names fold to one (Café, Cafe, CAFE); their files all became "
                   "cafe/x.md or Cafe/x.md.",
        "files": {"Café/x.txt": RUTBA_SHORT, "Cafe/x.txt": FLOOD, "CAFE/x.txt": OIL},
        "outcome": "converted", "articles": 3, "warning": "would make the same article file",
        "named": ["Café/x.txt", "Cafe/x.txt"]},
    "name-html-beside-txt": {
        "problem": "A saved page page.html beside a text file page.html.txt; both became page.html.md.",
        "files": {"page.html": RUTBA_PAGE, "page.html.txt": FLOOD},
        "outcome": "converted", "articles": 2, "warning": "would make the same article file",
        "named": ["page.html", "page.html.txt"]},
    "name-leading-dot": {"problem": "A hidden file (leading dot) is ignored, not an article.",
                         "files": {".hidden.txt": RUTBA}, "outcome": "ignored"},
    "name-terminal-escapes": {
        "problem": "A file name holding a terminal escape sequence, a bell and a bidi override: "
                   "printed raw, it recolours the terminal or disguises the name.",
        "files": {"\x1b[31mred\x1b[0m\a\u202etxt.exe.txt": RUTBA,
                  "\x1b[31mred\x1b[0m\a\u202etxt.exe.yaml": b"date: soon\n"},
        "outcome": "converted", "date_unknown": True,
        "warning": "seeds/\\x1b[31mred\\x1b[0m\\x07\\u202etxt.exe.txt: date 'soon' is not a date",
        "named": []},
    "name-unicode": {"problem": "A file name in Arabic script with an accent-bearing Latin part.",
                     "files": {"الرطبة café.txt": RUTBA}, "outcome": "converted"},
    "name-with-spaces": {"problem": "A file name with spaces.",
                         "files": {"an article from the desk.txt": RUTBA}, "outcome": "converted"},
    "same-title-twice": {"problem": "Two raw files with the same headline.",
                         "files": {"first.txt": RUTBA,
                                   "second.txt": RUTBA.replace(b"Tuesday", b"Wednesday", 1)},
                         "outcome": "converted", "distinct_slugs": True},
}


def generate(name: str) -> dict[str, bytes]:
    """Generator name in; {file name: bytes} of an input too large to store."""
    if name == "big-text":
        menu = "".join(f"Section {i}\n" for i in range(40))
        body = "".join(f"{LEAD}Report {i} of the day added that {i % 97} posts were manned.\n\n"
                       for i in range(50 * MB // 230))
        return {"seed.txt": ("Rutba pockets cleared\n\n" + menu + body).encode()}
    if name == "big-html":
        links = "".join(f'<li><a href="/news/{i}?utm_source=x">Related story {i}</a></li>'
                        for i in range(50 * MB // 60))
        return {"seed.html": (f"<html><head><title>Rutba pockets cleared</title></head><body>"
                              f"<article><h1>Rutba pockets cleared</h1><p>{LEAD * 3}</p></article>"
                              f"<aside><ul>{links}</ul></aside></body></html>").encode()}
    if name == "deep-html":
        depth = 100_000
        return {"seed.html": ("<html><body>" + "<div>" * depth + f"<p>{LEAD * 3}</p>"
                              + "</div>" * depth + "</body></html>").encode()}
    if name == "many-tags":
        tags = "".join(f"- Tag number {i}\n" for i in range(20_000))
        return {"seed.txt": RUTBA, "seed.yaml": f"tags:\n{tags}".encode()}
    if name == "long-line":
        words = ("desert", "pockets", "cleared", "forces", "border", "militants", "Rutba")
        line = " ".join(words[i % 7] for i in range(1_000_000 // 7))
        return {"seed.txt": ("Rutba pockets cleared\n\n" + line[:1_000_000] + ".\n").encode()}
    raise KeyError(name)


def place_case(spec: dict, seeds: Path) -> None:
    """A made case's spec and a seeds folder in; its files put there."""
    files = spec.get("files") or generate(spec["generate"])
    for name, data in files.items():
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        (seeds / name).write_bytes(data)


def convert(project: Path, **kwargs):
    """Project folder in; the conversion Report of its seeds out."""
    options = read_options(read_settings(str(project / "pelicanconf.py")), project)
    return run_conversion(options, **kwargs)


def articles(project: Path) -> list[tuple[dict, str]]:
    return [split_markdown(p.read_text(encoding="utf-8"))
            for p in sorted((project / "content" / "articles").rglob("*.md"))]


# Seconds any test here may take: the largest generated case (big-html) takes about 25.
CASE_TIMEOUT = 120


@pytest.fixture(autouse=True)
def time_limit():
    """Every test here ends: a conversion that hangs fails its test instead of stopping the suite."""
    def expire(signum, frame):
        raise TimeoutError(f"no result in {CASE_TIMEOUT} s: the conversion hangs")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(CASE_TIMEOUT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def bare_project(tmp_path: Path) -> Path:
    """A project copy with an empty seeds folder."""
    return copy_project(tmp_path / "project", seeds=False)


@pytest.mark.parametrize("spec", MADE_CASES.values(), ids=MADE_CASES)
def test_bad_input(spec: dict, bare_project: Path, caplog):
    seeds = bare_project / "seeds"
    place_case(spec, seeds)
    before = {p: p.read_bytes() for p in seeds.rglob("*") if p.is_file()}
    with caplog.at_level(logging.WARNING):
        report = convert(bare_project)
    after = {p: p.read_bytes() for p in seeds.rglob("*") if p.is_file()}
    assert after == before, "a raw file was changed"
    for record in caplog.records:          # names and values reach a terminal escaped
        assert not UNPRINTABLE.search(record.getMessage()), record.getMessage()
    outcome = spec["outcome"]
    failed = report.failed
    if outcome == "failed":
        assert len(failed) == 1, report.counts
        assert spec["message"] in failed[0].message
        assert failed[0].message.startswith("seeds/"), failed[0].message   # names the file
        assert sum(spec["message"] in r.getMessage() for r in caplog.records) == 1
        assert not articles(bare_project), "an article was published from a failed file"
        return
    if outcome == "ignored":
        assert not report.counts and not articles(bare_project)
        return
    if outcome == "any":                       # finishes, and says what happened
        assert set(report.counts) <= {"new", "failed"}
        assert all(o.message.startswith("seeds/") for o in failed)
        return
    assert not failed, failed[0].message
    found = articles(bare_project)
    assert found, "no article written"
    assert len(found) == spec.get("articles", len(found)), "an article was lost"
    if "warning" in spec:                 # said once per file it concerns, naming the file
        said = [r.getMessage() for r in caplog.records if spec["warning"] in r.getMessage()]
        assert said, [r.getMessage() for r in caplog.records]
        for name in spec.get("named", ["seed.txt"]):
            assert any(f"seeds/{name}" in message for message in said), (name, said)
    if "date_unknown" in spec:
        assert all(f.get("date_unknown") is spec["date_unknown"] for f, _ in found), \
            [(f.get("date"), f.get("date_unknown")) for f, _ in found]
        assert all(str(f["date"]).startswith(("19", "20")) for f, _ in found)
    if "tag_count" in spec:
        assert len(found[0][0]["tags"]) == spec["tag_count"]
    front, body = found[0]
    for field in ("title", "date", "source"):
        if field in spec:
            assert str(front.get(field)) == str(spec[field]), (field, front.get(field))
    if "tags" in spec:
        assert front["tags"] == spec["tags"]
    if "title_not" in spec:
        assert front.get("title") != spec["title_not"]
    for text in spec.get("body_has", []):
        assert text in body, text
    whole = "".join(f"{yaml.safe_dump(f)}{b}" for f, b in found)
    for text in spec.get("body_lacks", []):
        assert text not in body.replace("\\", ""), text
    if spec.get("distinct_slugs"):
        assert len({f["slug"] for f, _ in found}) == len(found) == 2
        assert len({f["title"] for f, _ in found}) == 1
    if "no_file" in spec:
        assert not (bare_project / spec["no_file"]).exists() and not Path(spec["no_file"]).exists()
    assert whole


def test_link_out_of_the_project_is_not_followed(bare_project: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret headline\n\n" + LEAD * 3)
    (bare_project / "seeds" / "link.txt").symlink_to(secret)
    report = convert(bare_project)
    assert report.counts == {"failed": 1}
    assert "seeds/link.txt" in report.failed[0].message and "outside the project" in report.failed[0].message
    assert not articles(bare_project)


def test_deleted_raw_file_keeps_its_article_and_flags_it(bare_project: Path, caplog):
    raw = bare_project / "seeds" / "gone.txt"
    raw.write_text("Rutba pockets cleared\n\n" + LEAD * 3)
    convert(bare_project)
    raw.unlink()
    with caplog.at_level(logging.WARNING):
        report = convert(bare_project)
    assert report.orphans == ["content/articles/gone.md"]
    assert (bare_project / "content" / "articles" / "gone.md").is_file()
    assert any("raw file seeds/gone.txt is gone" in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(os.geteuid() == 0 and not os.environ.get("DIGEST_TEST_AS_ROOT_READONLY"),
                    reason="root ignores file permissions; covered by the failed-write test")
def test_read_only_content_folder(bare_project: Path):  # pragma: no cover - not as root
    (bare_project / "seeds" / "a.txt").write_text("Rutba pockets cleared\n\n" + LEAD * 3)
    folder = bare_project / "content" / "articles"
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        report = convert(bare_project)
    finally:
        folder.chmod(0o755)
    assert report.counts == {"failed": 1}
    assert "cannot write content/articles/a.md" in report.failed[0].message


def test_unwritable_content_fails_each_file_and_goes_on(bare_project: Path, monkeypatch):
    for name in ("a.txt", "b.txt"):
        (bare_project / "seeds" / name).write_text(f"Rutba pockets cleared {name}\n\n" + LEAD * 3)

    import digest_prep.files as files
    real_write = files.write_atomic

    def refuse_content(path, data):
        if "content" in Path(path).parts:
            raise PermissionError(13, "Permission denied")
        real_write(path, data)

    monkeypatch.setattr(files, "write_atomic", refuse_content)
    report = convert(bare_project)
    assert report.counts == {"failed": 2}
    assert report.failed[0].message == \
        "seeds/a.txt: cannot write content/articles/a.md: Permission denied"


def test_a_page_saved_as_text_and_as_html_is_two_articles(bare_project: Path):
    case = CASES_DIR / "bad-html-bom"
    (bare_project / "seeds" / "story.html").write_bytes((case / "seed.html").read_bytes())
    (bare_project / "seeds" / "story.txt").write_text("Rutba pockets cleared\n\n" + LEAD * 3)
    report = convert(bare_project)
    assert report.counts == {"new": 2}
    assert sorted(p.name for p in (bare_project / "content" / "articles").iterdir()) == [
        "story.html.md", "story.md"]
    assert convert(bare_project).count("unchanged") == 2


def test_article_under_an_older_name_is_replaced_not_doubled(bare_project: Path, caplog):
    (bare_project / "seeds" / "Report.txt").write_text("Rutba pockets cleared\n\n" + LEAD * 3)
    convert(bare_project)
    folder = bare_project / "content" / "articles"
    [written] = folder.iterdir()
    assert written.name != "Report.md"          # not lowercase: a name unique even folding case
    older = folder / "Report.md"                # as an earlier version named it
    older.write_bytes(written.read_bytes())
    with caplog.at_level(logging.INFO):
        report = convert(bare_project)
    assert report.counts == {"unchanged": 1} and not report.orphans
    assert [p.name for p in folder.iterdir()] == [written.name]
    assert any("content/articles/Report.md: removed" in r.getMessage() for r in caplog.records)
