"""The editors' review page: what each build converted, removed and flagged.

The page is plain, self-contained HTML (no script, no outside request),
written into the built site but linked from nowhere and left out of the
public build (publishconf.py turns it off).
"""
from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from .model import BODY_ROLES, Article

# A body shorter than this is suspiciously short for a news article; tuned
# on the corpus, whose shortest real article bodies run to about 60 words.
SHORT_BODY_WORDS = 60
# A body keeping less of the raw text than this share is suspect when the
# raw file itself is short (a long page is mostly menus, by design).
LOST_TEXT_SHARE = 0.25
LOST_TEXT_MAX_RAW_WORDS = 1500
# A removed line this long that ends like a sentence looks like article text.
SENTENCE_WORDS = 20
SENTENCE_END = (".", "!", "?", "\u201d", '"', "\u061f")

FLAG_TEXT = {
    "no-date": "no publication date found",
    "date-inferred": "publication date inferred",
    "title-derived": "title drawn from the first sentence",
    "no-source": "no source found",
    "no-author": "no author found",
    "short-body": "very short body",
    "lost-text": "the body kept little of the raw text",
    "removed-sentence": "removed lines that read like article text",
}


@dataclass
class Entry:
    """One raw file's line on the review page."""

    raw_file: str
    status: str
    markdown: str = ""
    message: str = ""
    flags: list[str] = field(default_factory=list)
    removed: dict[str, list[str]] = field(default_factory=dict)   # rule -> removed lines
    suspects: list[str] = field(default_factory=list)             # removed lines that read as text
    converted_in: int = 0                                         # build number

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_suspects(article: Article) -> tuple[list[str], list[str]]:
    """Article in; (extra flag codes, removed lines that look like article text) out."""
    body_words = sum(len(block.text.split()) for block in article.extraction.blocks)
    raw_words = len(article.seed.text.split()) if article.seed.kind == "text" else 0
    flags = []
    if body_words < SHORT_BODY_WORDS:
        flags.append("short-body")
    if raw_words and raw_words <= LOST_TEXT_MAX_RAW_WORDS and body_words < raw_words * LOST_TEXT_SHARE:
        flags.append("lost-text")
    suspects = [line.text for line in article.extraction.lines
                if line.role == "boilerplate" and len(line.text.split()) >= SENTENCE_WORDS
                and line.text.rstrip().endswith(SENTENCE_END)]
    if suspects:
        flags.append("removed-sentence")
    return flags, suspects


def removed_lines(article: Article) -> dict[str, list[str]]:
    """Article in; the lines that did not reach the body, grouped by the rule that dropped them."""
    removed: dict[str, list[str]] = {}
    for line in article.extraction.lines:
        if line.role not in BODY_ROLES:
            removed.setdefault(f"{line.role}: {line.rule}", []).append(line.text)
    return removed


def render_review(entries: Iterable[Entry], build: int) -> str:
    """Review entries and the current build number in; the review page's HTML out."""
    entries = sorted(entries, key=lambda e: (-e.converted_in, e.raw_file))
    latest = [e for e in entries if e.converted_in == build]
    attention = [e for e in entries if e.flags or e.status in ("failed", "kept", "orphan")]
    parts = [PAGE_HEAD, f"<h1>Review: build {build}</h1>",
             f"<p>{len(latest)} raw file(s) handled in the latest build; "
             f"{len(attention)} need an editor's look.</p>",
             "<h2>Needs attention</h2>", render_table(attention) if attention else "<p>Nothing.</p>",
             "<h2>Converted in the latest build</h2>"]
    parts += [render_entry(e) for e in latest] or ["<p>Nothing was converted.</p>"]
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def render_table(entries: list[Entry]) -> str:
    """Entries in; a table of file, status and flags out."""
    rows = ["<table><thead><tr><th scope=col>Raw file</th><th scope=col>Status</th>"
            "<th scope=col>Flags</th></tr></thead><tbody>"]
    for e in entries:
        flags = "; ".join(FLAG_TEXT.get(code, code) for code in e.flags) or html.escape(e.message)
        rows.append(f"<tr><td>{html.escape(e.raw_file)}</td><td>{html.escape(e.status)}</td>"
                    f"<td>{html.escape(flags) if e.flags else flags}</td></tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def render_entry(entry: Entry) -> str:
    """One entry in; its section with removed lines grouped by rule out."""
    esc = html.escape
    out = [f"<section><h3>{esc(entry.raw_file)}</h3>",
           f"<p>{esc(entry.status)}{' &rarr; ' + esc(entry.markdown) if entry.markdown else ''}"
           f"{'. ' + esc(entry.message) if entry.message else ''}</p>"]
    if entry.flags:
        out.append("<p>Flags: " + esc("; ".join(FLAG_TEXT.get(c, c) for c in entry.flags)) + "</p>")
    if entry.suspects:
        out.append("<p>Removed, but reads like article text:</p><ul>")
        out += [f"<li>{esc(line)}</li>" for line in entry.suspects]
        out.append("</ul>")
    for rule, lines in sorted(entry.removed.items()):
        out.append(f"<details><summary>{esc(rule)} ({len(lines)})</summary><ul>")
        out += [f"<li>{esc(line[:300])}</li>" for line in lines]
        out.append("</ul></details>")
    out.append("</section>")
    return "\n".join(out)


PAGE_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Editors' review</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#111}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}
section{border-top:2px solid #111;margin-top:1.5rem}summary{cursor:pointer}li{margin:.2rem 0}
</style></head><body><main>"""
