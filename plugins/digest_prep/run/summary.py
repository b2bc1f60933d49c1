"""What a run did: the RunReport, the terminal summary and progress bar, and the editors' review page."""
from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from ..files import write_if_changed
from ..model import Outcome
from ..options import Options
from ..read import printable
from ..review import ReviewLinks, ReviewRecord, read_covered, read_review, read_suggestions, render_review

logger = logging.getLogger(__name__)

# How many vocabulary candidates the summary names, most frequent first.
SUMMARY_CANDIDATES = 12


@dataclass
class RunReport:
    """What one conversion run did, for the summary and the review page.

    Per raw file only its status is counted; the outcomes an editor has to
    hear about (failed, kept, flagged) are kept whole, so a run over many
    thousands of files holds little more than a few thousand of them.
    """

    counts: Counter[str] = field(default_factory=Counter)          # status -> files
    notable: list[Outcome] = field(default_factory=list)           # failed, kept and flagged files
    suggestions: Counter[str] = field(default_factory=Counter)     # names no tag covers -> articles
    orphans: list[str] = field(default_factory=list)               # articles whose raw file is gone

    def add(self, outcome: Outcome) -> None:
        """One file's Outcome in; counted, and kept if an editor should hear of it."""
        self.counts[outcome.status] += 1
        self.suggestions.update(outcome.suggestions)
        if outcome.status in ("failed", "kept") or outcome.flags:
            self.notable.append(outcome)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.notable if o.status == "failed"]

    @property
    def flagged(self) -> list[Outcome]:
        return [o for o in self.notable if o.flags and o.status != "failed"]


class progress_bar:  # noqa: N801 - used as a context manager like a function
    """Number of files in; a context giving advance(), drawing a bar on a terminal."""

    def __init__(self, total: int):
        console = Console(stderr=True)
        self.progress = Progress(console=console, transient=True,
                                 disable=not console.is_terminal or total < 10)
        self.task = self.progress.add_task("Converting raw articles", total=total)

    def __enter__(self):
        self.progress.start()
        return lambda: self.progress.advance(self.task)

    def __exit__(self, *exc):
        self.progress.stop()
        return False


def print_summary(report: RunReport, options: Options) -> None:
    """Report in; a one-screen summary table of the run on stderr."""
    console = Console(stderr=True, markup=False, highlight=False, emoji=False)   # names are shown as they are
    table = Table(title="Raw articles", show_header=True)
    for column in ("new", "updated", "unchanged", "kept (edited)", "flagged", "failed"):
        table.add_column(column, justify="right")
    table.add_row(*(str(n) for n in (
        report.count("new"), report.count("updated"), report.count("unchanged"),
        report.count("kept"), len(report.flagged), len(report.failed))))
    console.print(table)
    for outcome in report.flagged[:20]:
        console.print(f"  flagged  {printable(outcome.raw_file)}: {', '.join(outcome.flags)}")
    if len(report.flagged) > 20:
        console.print(f"  ... and {len(report.flagged) - 20} more flagged")
    candidates = count_suggestions(report)
    if candidates:
        console.print("  tag candidates (no tag in the vocabulary covers them): " + printable(", ".join(
            f"{name} ({n})" for name, n in candidates)))
    for outcome in report.failed:           # the reason was logged when it happened
        console.print(Text("  failed", style="red") + Text(f"   {printable(outcome.raw_file)}"))
    for orphan in report.orphans:
        console.print(f"  kept     {printable(orphan)}: raw file gone")


def count_suggestions(report: RunReport) -> list[tuple[str, int]]:
    """Report in; (name, number of articles naming it) for the most frequent candidates."""
    return sorted(report.suggestions.items(), key=lambda item: (-item[1], item[0]))[:SUMMARY_CANDIDATES]


def write_review_page(options: Options, output_path: Path, settings: dict[str, Any]) -> None:
    """Options, Pelican's output folder and settings in; the editors' review page written there,
    with copies of the shown entries' raw files as text beside it."""
    page = output_path / options.review_page
    record = options.state_dir / ReviewRecord.FILE
    try:                              # the page is as new as the record: nothing to do
        if page.stat().st_mtime_ns >= record.stat().st_mtime_ns:
            return
    except OSError:
        pass
    try:
        build, attention, latest, count = read_review(record) if record.exists() else (0, [], [], 0)
        suggestions = read_suggestions(record, read_covered(options.tags_file)) if record.exists() else []
    except sqlite3.Error as err:
        logger.warning("the review record %s cannot be read: %s", record, err)
        return
    up = "../" * (len(Path(options.review_page).parts) - 1)
    theme = settings.get("THEME_STATIC_DIR", "theme")
    links = ReviewLinks(options.root, page.parent, up, str(settings.get("ARTICLE_URL", "{slug}.html")))
    write_if_changed(page, render_review(attention, latest, count, build, css=f"{up}{theme}/css/digest.css",
                                         home=up or "./", links=links, suggestions=suggestions))
