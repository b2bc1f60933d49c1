"""The editors' review page: what each build converted, removed and flagged.

The page is plain, self-contained HTML (no script, no outside request),
written into the built site but linked from nowhere and left out of the
public build (publishconf.py turns it off).
"""
from __future__ import annotations

import hashlib
import html
import json
import logging
import shlex
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .files import write_atomic
from .gate import read_front_matter
from .model import FLAG_TEXT
from .read import read_yaml_file, sidecar_path

logger = logging.getLogger(__name__)

# The page shows this many of the latest build's files in detail (removed
# lines by rule); a bulk import of thousands is listed by count past that.
DETAILED_MAX = 300


@dataclass
class ReviewEntry:
    """One raw file's line on the review page."""

    raw_file: str
    status: str
    markdown: str = ""
    message: str = ""
    flags: list[str] = field(default_factory=list)
    removed: dict[str, list[str]] = field(default_factory=dict)   # rule -> removed lines
    suspects: list[str] = field(default_factory=list)             # removed lines that read as text
    converted_in: int = 0                                         # build number


@dataclass(frozen=True)
class Links:
    """Where an entry's article and raw file are, seen from the review page (None: not there)."""

    article: str | None = None
    raw: str | None = None
    missing: tuple[str, ...] = ()         # fields an editor could add (original URL, source...)


NO_LINKS = Links()


def render_review(attention: list[ReviewEntry], latest: list[ReviewEntry], latest_count: int, build: int,
                  css: str = "", home: str = "", links=lambda entry: NO_LINKS,
                  suggestions: Iterable[Suggestion] = ()) -> str:
    """Entries needing a look, the latest build's (the first DETAILED_MAX), their count and the build,
    the theme's stylesheet and the site's home (relative to the page), a links(entry) -> Links and
    the tag Suggestions in; HTML out."""
    esc = html.escape
    head = PAGE_HEAD.replace("{css}", f'<link rel="stylesheet" href="{esc(css)}">' if css else "")
    parts = [head, f'<header class="masthead review-head"><p class="site-name"><a href="{esc(home or "/")}">'
             "Editors' review</a></p></header>", '<main id="main" class="review">',
             f"<h1>Review: build {build}</h1>",
             f"<p>{latest_count} raw file(s) handled in the latest build; "
             f"{len(attention)} need an editor's look. Articles held back from the public build are "
             "listed by <code>digest review</code> and let through by <code>digest approve NAME</code>.</p>",
             "<h2>Needs attention</h2>"]
    parts += [render_summary(e, links(e)) for e in attention] or ["<p>Nothing.</p>"]
    parts.append(render_suggestions(list(suggestions), links))
    parts.append("<h2>Converted in the latest build</h2>")
    parts += [render_entry(e, links(e)) for e in latest] or ["<p>Nothing was converted.</p>"]
    if latest_count > len(latest):
        parts.append(f"<p>{latest_count - len(latest)} more converted in this build are not shown "
                     f"in detail.</p>")
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def render_links(entry: ReviewEntry, links: Links) -> str:
    """An entry and its Links in; the line linking its article and raw file, and what it lacks."""
    esc = html.escape
    items = []
    if links.article:
        items.append(f'<a href="{esc(links.article)}">the article</a>')
    if links.raw:
        items.append(f'<a href="{esc(links.raw)}" type="text/plain">the raw file</a>')
    out = f'<p class="review-links">{" · ".join(items)}</p>' if items else ""
    if links.missing:
        out += ('<p class="review-missing">Not found in the page: ' + esc(", ".join(links.missing)) +
                f". Add it to the sidecar <code>{esc(str(sidecar_path(Path(entry.raw_file))))}</code>.</p>")
    return out


def render_summary(entry: ReviewEntry, links: Links) -> str:
    """One entry needing a look in; a short card: file, status, flags in words, links."""
    esc = html.escape
    flags = "; ".join(FLAG_TEXT.get(code, code) for code in entry.flags)
    # a file that failed after its lines were read shows them here too: the
    # editor learns which to keep without looking further down the page
    return "\n".join([
        f'<section class="review-entry"><h3><bdi>{esc(entry.raw_file)}</bdi></h3>',
        f"<p>{esc(entry.status)}{': ' + esc(flags) if flags else ''}"
        f"{'. ' + esc(entry.message) if entry.message and not flags else ''}</p>",
        render_links(entry, links), *(render_removed(entry) if entry.status == "failed" else ()), "</section>"])


def render_entry(entry: ReviewEntry, links: Links = NO_LINKS) -> str:
    """One entry in; its section with removed lines grouped by rule out."""
    esc = html.escape
    out = [f'<section class="review-entry"><h3><bdi>{esc(entry.raw_file)}</bdi></h3>',
           f"<p>{esc(entry.status)}{' &rarr; ' + esc(entry.markdown) if entry.markdown else ''}"
           f"{'. ' + esc(entry.message) if entry.message else ''}</p>", render_links(entry, links)]
    if entry.flags:
        out.append("<p>Flags: " + esc("; ".join(FLAG_TEXT.get(c, c) for c in entry.flags)) + "</p>")
    if entry.status != "failed":      # a failed file's lines are under "Needs attention" (render_summary)
        out += render_removed(entry)
    out.append("</section>")
    return "\n".join(out)


def render_removed(entry: ReviewEntry) -> list[str]:
    """One entry in; its removed lines that read as article text, then every removed line grouped by rule."""
    esc = html.escape
    out = []
    if entry.suspects:
        out.append("<p>Removed, but reads like article text:</p><ul>")
        out += [f"<li>{esc(line)}</li>" for line in entry.suspects]
        out.append("</ul>")
    for rule, lines in sorted(entry.removed.items()):
        out.append(f"<details><summary>{esc(rule)} ({len(lines)})</summary><ul>")
        out += [f"<li>{esc(line[:300])}</li>" for line in lines]
        out.append("</ul></details>")
    return out


# A name becomes a suggested tag once this many articles are about it: a
# tag's page is there to gather articles, and a name that one article is
# about (its own subject, often never heard of again) gathers nothing;
# two already make a running story an editor may want to follow.
SUGGEST_MIN_ARTICLES = 2
# The page shows this many suggestions, most frequent first, and links this
# many of each one's articles: enough for an editor's sitting, and a bound
# on the page when a large import brings thousands of names.
SUGGESTIONS_SHOWN = 40
SUGGESTION_LINKS = 12


@dataclass(frozen=True)
class Suggestion:
    """A name no tag covers that recurs across articles: the articles naming it, and how many."""

    name: str
    count: int
    entries: tuple[ReviewEntry, ...]            # the first SUGGESTION_LINKS of them


def render_suggestions(suggestions: list[Suggestion], links) -> str:
    """Suggestions and a links(entry) -> Links in; the "Suggested tags" section, each name with the
    command that accepts it and links to the articles naming it."""
    esc = html.escape
    parts = ["<h2>Suggested tags</h2>",
             f"<p>Names that no tag covers and that {SUGGEST_MIN_ARTICLES} or more articles are about, "
             "most frequent first. Accepting one adds it to <code>tags.yaml</code>; the next build "
             "tags those articles with it.</p>"]
    if not suggestions:
        parts.append("<p>None.</p>")
    for suggestion in suggestions:
        command = f"digest tags add {shlex.quote(suggestion.name)}"
        items = []
        for entry in suggestion.entries:
            found = links(entry)
            href = found.article or found.raw
            label = f"<bdi>{esc(entry.raw_file)}</bdi>"
            items.append(f'<li><a href="{esc(href)}">{label}</a></li>' if href else f"<li>{label}</li>")
        if suggestion.count > len(suggestion.entries):
            items.append(f"<li>and {suggestion.count - len(suggestion.entries)} more</li>")
        parts += [f'<section class="review-entry review-suggestion"><h3><bdi>{esc(suggestion.name)}</bdi>'
                  f" ({suggestion.count} articles)</h3>",
                  f'<p>Accept: <code class="review-command">{esc(command)}</code></p>',
                  "<ul>", *items, "</ul></section>"]
    return "\n".join(parts)


class ReviewLinks:
    """For the review page: each entry's article link, a text copy of its raw file, and what it lacks."""

    RAW_DIR = "raw"                   # beside the review page
    # Fields the review page asks the editor for when the page did not give them.
    ASKED = (("source_url", "the original's URL (url:)"), ("source", "the source (source:)"),
             ("date", "the publication date (date:)"))

    def __init__(self, root: Path, folder: Path, up: str, article_url: str) -> None:
        self.root, self.folder, self.up, self.article_url = root, folder, up, article_url

    def __call__(self, entry):
        """A ReviewEntry in; its Links."""
        front = read_front_matter(self.root / entry.markdown) if entry.markdown else {}
        article = None
        slug = str(front.get("slug") or "")
        if slug and "{slug}" in self.article_url:
            try:
                article = self.up + self.article_url.format(slug=slug)
            except (KeyError, IndexError, ValueError):
                article = None
        missing = tuple(label for key, label in self.ASKED
                        if front and (front.get("date_unknown") if key == "date" else not front.get(key)))
        return Links(article=article, raw=self.copy_raw(entry.raw_file), missing=missing)

    def copy_raw(self, raw_file: str) -> str | None:
        """A raw file's project path in; the link to its text copy beside the review page (None if gone)."""
        source = self.root / raw_file
        try:
            data = source.read_bytes() if source.is_file() and not source.is_symlink() else None
        except OSError:
            data = None
        if data is None:
            return None
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in Path(raw_file).name)[:80]
        name = f"{hashlib.sha256(raw_file.encode('utf-8', 'surrogateescape')).hexdigest()[:10]}-{safe}.txt"
        target = self.folder / self.RAW_DIR / name
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)
        return f"{self.RAW_DIR}/{name}"


class ReviewRecord:
    """The review record in the state folder: one row per raw file, kept in SQLite.

    Rows are written as the conversions finish, so no run holds every
    file's removed lines at once; the record changes in one transaction,
    when the run ends.
    """

    FILE = "review.sqlite3"

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / self.FILE
        self.db: sqlite3.Connection | None = None
        self.build = 0                 # the record's build number before this run
        self.converted = False         # a file was new or updated in this run
        self.broken = False            # the record cannot be written: the run goes on without it

    def add(self, raw_file: str, status: str, markdown: str, message: str, flags: list[str],
            removed: dict[str, list[str]], suspects: list[str],
            suggestions: Iterable[str] | None = None) -> None:
        """One file's outcome (and, when it was converted, the names no tag covers) in; its row written
        (new and updated files belong to the next build)."""
        if not self.broken:
            self.guard(self.write_row, raw_file, status, markdown, message, flags, removed, suspects)
            if suggestions is not None and status != "failed" and not self.broken:
                self.guard(self.write_suggestions, raw_file, suggestions)

    def troubled(self) -> frozenset[str]:
        """The raw files whose last outcome was failed or kept (none if there is no readable record)."""
        if not self.path.is_file():
            return frozenset()
        try:
            db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
            try:
                return frozenset(row[0] for row in db.execute(
                    "SELECT raw_file FROM entry WHERE status IN ('failed', 'kept')"))
            finally:
                db.close()
        except sqlite3.Error:
            return frozenset()          # add and close will say what is wrong with it

    def holds_other_than(self, live: set[str]) -> bool:
        """Names of the raw files (and orphans) there now in; whether the record still holds another."""
        if not self.path.is_file():
            return False
        try:
            db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
            try:
                return any(row[0] not in live for row in db.execute("SELECT raw_file FROM entry"))
            finally:
                db.close()
        except sqlite3.Error:
            return False

    def close(self, live: Iterable[str] | None = None) -> None:
        """The run's end: the build number moved on if anything was converted; rows not in `live` dropped."""
        if (self.db is not None or live is not None) and not self.broken:
            self.guard(self.commit, live)       # commit opens the record: it may only have to forget
        if self.db is not None:
            self.db.close()
            self.db = None

    def guard(self, func, *args) -> None:
        """A writing method and its arguments in; called, and a failure logged once instead of raised."""
        try:
            func(*args)
        except (OSError, sqlite3.Error) as err:
            logger.warning("the review record %s cannot be written: %s", self.path, err)
            self.broken = True

    def open(self) -> None:
        """The record opened (and created if missing) for writing."""
        if self.db is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS entry (raw_file TEXT PRIMARY KEY, status TEXT, "
                        "markdown TEXT, message TEXT, flags TEXT, removed TEXT, suspects TEXT, "
                        "converted_in INTEGER)")
        self.db.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER)")
        self.db.execute("CREATE TABLE IF NOT EXISTS suggestion (raw_file TEXT, name TEXT, "
                        "PRIMARY KEY (raw_file, name))")
        row = self.db.execute("SELECT value FROM state WHERE key = 'build'").fetchone()
        self.build = row[0] if row else 0

    def write_row(self, raw_file: str, status: str, markdown: str, message: str, flags: list[str],
                  removed: dict[str, list[str]], suspects: list[str]) -> None:
        """One file's outcome in; its row written."""
        self.open()
        if status in ("new", "updated"):
            self.converted = True
            self.db.execute("INSERT OR REPLACE INTO entry VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (raw_file, status, markdown, message, json.dumps(flags),
                             json.dumps(removed, ensure_ascii=False), json.dumps(suspects, ensure_ascii=False),
                             self.build + 1))
        elif status == "unchanged":    # a file that failed or was kept before is fine again
            self.db.execute("UPDATE entry SET status = 'unchanged' WHERE raw_file = ? "
                            "AND status IN ('failed', 'kept')", (raw_file,))
        else:                          # failed, kept, orphan: in the build it was first seen in
            # (a file failed for holding no article text keeps the lines removed from it)
            self.db.execute("INSERT INTO entry VALUES (?, ?, ?, ?, '[]', ?, ?, NULL) "
                            "ON CONFLICT (raw_file) DO UPDATE SET status = excluded.status, "
                            "markdown = excluded.markdown, message = excluded.message, flags = '[]', "
                            "removed = excluded.removed, suspects = excluded.suspects",
                            (raw_file, status, markdown, message, json.dumps(removed, ensure_ascii=False),
                             json.dumps(suspects, ensure_ascii=False)))

    def write_suggestions(self, raw_file: str, names: Iterable[str]) -> None:
        """A converted file and the names no tag covers in its article in; its earlier ones replaced."""
        self.open()
        self.db.execute("DELETE FROM suggestion WHERE raw_file = ?", (raw_file,))
        self.db.executemany("INSERT OR IGNORE INTO suggestion VALUES (?, ?)",
                            ((raw_file, name) for name in names))

    def commit(self, live: Iterable[str] | None) -> None:
        """Names of the files still there (or None) in; the run's rows committed."""
        self.open()
        build = self.build + self.converted
        self.db.execute("UPDATE entry SET converted_in = ? WHERE converted_in IS NULL", (build,))
        self.db.execute("INSERT OR REPLACE INTO state VALUES ('build', ?)", (build,))
        if live is not None:          # forget files that are no longer there
            self.db.execute("CREATE TEMP TABLE live (raw_file TEXT PRIMARY KEY)")
            self.db.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((name,) for name in live))
            self.db.execute("DELETE FROM entry WHERE raw_file NOT IN (SELECT raw_file FROM live)")
            self.db.execute("DELETE FROM suggestion WHERE raw_file NOT IN (SELECT raw_file FROM live)")
        self.db.commit()


def read_review(path: Path) -> tuple[int, list[ReviewEntry], list[ReviewEntry], int]:
    """Record path in; (build, entries needing a look, the latest build's first DETAILED_MAX, their count)."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM state WHERE key = 'build'").fetchone()
        build = row[0] if row else 0
        attention = list(iter_entries(db.execute(
            "SELECT * FROM entry WHERE flags != '[]' OR status IN ('failed', 'kept', 'orphan') "
            "ORDER BY converted_in DESC, raw_file")))
        latest = list(iter_entries(db.execute(
            "SELECT * FROM entry WHERE converted_in = ? ORDER BY raw_file LIMIT ?", (build, DETAILED_MAX))))
        count = db.execute("SELECT count(*) FROM entry WHERE converted_in = ?", (build,)).fetchone()[0]
    finally:
        db.close()
    return build, attention, latest, count


def read_suggestions(path: Path, covered=lambda name: False) -> list[Suggestion]:
    """Record path (and a covered(name) -> bool saying which names the vocabulary has by now) in;
    the names no tag covers that at least SUGGEST_MIN_ARTICLES articles are about, the
    SUGGESTIONS_SHOWN most frequent first."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'suggestion'").fetchone():
            return []                 # a record written before names were kept
        found = []
        for name, count in db.execute(
                "SELECT name, count(*) AS n FROM suggestion JOIN entry USING (raw_file) "
                "GROUP BY name HAVING n >= ? ORDER BY n DESC, name", (SUGGEST_MIN_ARTICLES,)):
            if covered(name):
                continue              # accepted since (an edited article keeps its old names)
            entries = tuple(iter_entries(db.execute(
                "SELECT entry.* FROM entry JOIN suggestion USING (raw_file) WHERE name = ? "
                "ORDER BY raw_file LIMIT ?", (name, SUGGESTION_LINKS))))
            found.append(Suggestion(name, count, entries))
            if len(found) >= SUGGESTIONS_SHOWN:
                break
    finally:
        db.close()
    return found


def read_covered(tags_file: Path):
    """The vocabulary file in; a covered(name) -> bool saying whether a tag already names all of it
    (one saying no to every name when the file cannot be read: the build has said why)."""
    from .tagging import build_vocabulary, find_mentions   # the tagger only where its page is made
    try:
        vocabulary = build_vocabulary(read_yaml_file(tags_file) or {})
    except Exception:  # noqa: BLE001 - a broken vocabulary must not cost the editors their page
        return lambda name: False
    return lambda name: any(start == 0 and end == len(name) for start, end, _tag in find_mentions(name, vocabulary))


def iter_entries(rows: Iterable[tuple]) -> Iterator[ReviewEntry]:
    """Record rows in; Entries out."""
    for raw_file, status, markdown, message, flags, removed, suspects, converted_in in rows:
        yield ReviewEntry(raw_file, status, markdown, message, json.loads(flags), json.loads(removed),
                    json.loads(suspects), converted_in)


PAGE_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Editors' review</title>
{css}
</head><body class="review-page">"""
