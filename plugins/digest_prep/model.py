"""Values passed between the stages: Seed -> Extraction -> Metadata -> Article; a Job in, an Outcome out.

Every value here is plain data. Stages take these and return these; only
read.py and write.py touch the disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, NamedTuple

# Roles a raw line can play. Body roles reach the Markdown body; metadata
# roles feed the front matter; the rest are dropped (and listed in the
# review report with the rule that dropped them).
BODY_ROLES = frozenset({"body", "heading", "quote", "item"})
METADATA_ROLES = frozenset(
    {"title", "standfirst", "byline", "dateline", "credit", "section"})
DROPPED_ROLES = frozenset({"caption", "boilerplate"})
ROLES = BODY_ROLES | METADATA_ROLES | DROPPED_ROLES


class ConversionError(Exception):
    """A raw file that cannot become an article; the message says why.

    A file read and cleaned, whose every line the cleaner removed, carries
    those lines by the rule that removed each, and the ones that read as
    sentences: the review page shows them as it does a converted file's,
    so an editor sees why and which lines to keep.
    """

    def __init__(self, message: str, removed: Mapping[str, list[str]] | None = None,
                 suspects: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.removed = removed
        self.suspects = suspects


@dataclass(frozen=True)
class Seed:
    """One raw file as read from seeds/, decoded."""

    rel_path: str                 # relative to the project root, POSIX style
    data: bytes                   # the bytes as read, never changed
    sha256: str                   # of `data`
    kind: str                     # "text" or "html"
    text: str                     # `data` decoded
    encoding: str = "utf-8"       # the encoding `text` was decoded with
    overrides: Mapping[str, Any] = field(default_factory=dict)  # sidecar values
    sidecar_sha256: str = ""      # of the NAME.yaml sidecar, "" when there is none


class Line(NamedTuple):
    """One non-blank raw line and the role the cleaner gave it.

    A named tuple, not a dataclass: a page has hundreds of lines, and a
    tuple is built several times faster than a frozen dataclass.
    """

    number: int                   # 1-based line of the decoded text; 0 if not from a line
    text: str
    role: str                     # one of ROLES
    rule: str                     # name of the rule or test that decided the role


@dataclass(frozen=True)
class Block:
    """One block of the article body, in reading order."""

    kind: str                     # "p", "h2", "h3", "quote", "li", "figure"
    text: str                     # plain text; write.py escapes it for Markdown
    markdown: str = ""            # inline Markdown already made safe; used instead of text when set


@dataclass(frozen=True)
class Extraction:
    """What a cleaner found in one raw file."""

    blocks: tuple[Block, ...]                 # the article body
    lines: tuple[Line, ...] = ()              # every non-blank raw line with its role

    def lines_with(self, *roles: str) -> list[Line]:
        """Lines whose role is one of `roles`, in raw order."""
        return [line for line in self.lines if line.role in roles]


# What each flag code says to an editor (the front matter's flag text and
# the review page's).
FLAG_TEXT = {
    "no-date": "no publication date found",
    "date-inferred": "publication date inferred",
    "title-derived": "title drawn from the first sentence, or a headline line in doubt",
    "no-title": "no title found",
    "no-source": "no source found",
    "no-author": "no author found",
    "short-body": "very short body",
    "lost-text": "the body kept little of the raw text",
    "removed-sentence": "removed lines that read like article text",
    "url-dropped": "a URL that is not http, https or mailto was dropped",
    "lang-dropped": "an unknown language code was dropped",
}


@dataclass(frozen=True)
class Flag:
    """Something an editor should look at."""

    code: str                     # stable id: "no-date", "title-derived", ...
    message: str
    warn: bool = False            # an editor's value was refused: the build says so, naming the file


@dataclass
class Metadata:
    """Front-matter fields found for one article; None means not found."""

    title: str | None = None
    title_derived: bool = False       # for review: drawn from the first sentence or a doubtful headline line
    title_from: str | None = None     # the evidence: "headline", "og:title", "json-ld", "first sentence"...
    date: str | None = None           # ISO 8601, with time and zone when known
    date_inferred: bool = False       # year or day reasoned out, not stated
    date_from: str | None = None      # the evidence: "json-ld", "article:published_time", "dateline", "url"...
    modified: str | None = None       # last modified, ISO 8601, kept apart from the publication date
    author: str | None = None
    source: str | None = None         # the outlet or wire the story comes from
    publisher: str | None = None      # the site the page was taken from
    editor: str | None = None         # desk editor, never the author
    section: str | None = None
    summary: str | None = None
    source_url: str | None = None
    lang: str | None = None
    approved: bool = False            # an editor let it through the review gate
    lang_from: str | None = None      # "body" (detected) or "markup"
    dir: str | None = None            # "rtl" for right-to-left languages
    flags: list[Flag] = field(default_factory=list)
    byline_line: int = 0              # the body line the author was read from: a byline, out of the body


@dataclass(frozen=True)
class Article:
    """A converted raw file, ready to be written as Markdown."""

    seed: Seed
    extraction: Extraction
    meta: Metadata
    tags: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()  # names no tag covers: vocabulary candidates
    slug: str = ""
    added: str = ""                   # day it joined the digest, ISO date

    @property
    def flags(self) -> list[Flag]:
        return self.meta.flags


# Shared by every Outcome with no removed lines, and by those whose lines
# are recorded: a run over many files keeps no copy of them.
NOTHING_REMOVED: Mapping[str, list[str]] = {}


@dataclass(frozen=True, slots=True)
class Job:
    """One raw file to convert, as sent to a worker: where it is, where its Markdown goes, when it was added."""

    path: str                     # the raw file, absolute
    target: str                   # its Markdown file, absolute
    added: str                    # the day it joined the digest, ISO date


@dataclass(slots=True)
class Outcome:
    """What happened to one raw file."""

    raw_file: str                 # relative to the project root, POSIX style
    status: str                   # converted (not yet written), new, updated, unchanged, kept, failed
    markdown: str = ""            # the Markdown path, relative to the project
    message: str = ""
    flags: list[str] | tuple[()] = ()
    removed: Mapping[str, list[str]] = field(default_factory=lambda: NOTHING_REMOVED)   # rule -> lines
    suspects: list[str] | tuple[()] = ()                           # removed lines that read as text
    suggestions: tuple[str, ...] = ()                              # names no tag covers
    text: str = ""                # the Markdown, until it is written
    article: Article | None = None   # for callers in this process; never sent between processes
