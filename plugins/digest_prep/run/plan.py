"""What a run must convert: the raw files, their Markdown names, those already up to date, and orphans."""
from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from ..model import ConversionError, Outcome
from ..options import Options
from ..read import describe_mode, display_path, hash_sidecar, is_utf8, list_seeds, printable
from ..write import Generated, markdown_path, plain_markdown_path, read_generated, short_hash
from .summary import RunReport

logger = logging.getLogger(__name__)


class MarkdownNames:
    """The Markdown file of each raw file of one run: never one for two, and every near miss named.

    markdown_path makes the names unique by construction; two raw files
    whose names differ only in what it cannot keep (case, a suffix, letters
    outside ASCII) are reported, naming both, and if two ever did share a
    Markdown name the second would take a longer one, not the first's.
    """

    def __init__(self, seeds_rel: str, out_dir: Path):
        self.seeds_rel, self.out_dir = seeds_rel, out_dir
        self.plain: dict[str, str] = {}       # case-folded plain Markdown path -> first raw file
        self.taken: dict[str, str] = {}       # case-folded Markdown path -> raw file
        self.by_raw: dict[str, str] = {}      # raw file -> Markdown path

    def assign(self, rel: str, root: Path) -> Path:
        """A raw file (relative to the project) and the project root in; its Markdown path out."""
        target = markdown_path(rel, self.seeds_rel, self.out_dir)
        plain = plain_markdown_path(rel, self.seeds_rel, self.out_dir)
        first = self.plain.setdefault(plain, rel)
        if first != rel:
            logger.warning("%s", printable(
                f"{rel}: its name and that of {first} would make the same article file; "
                f"written as {display_path(target, root)}, the other's is "
                f"{display_path(markdown_path(first, self.seeds_rel, self.out_dir), root)}"))
        name = str(target)
        key, salt = name.casefold(), ""
        while key in self.taken:              # a clash of hashes: another settles it
            salt += "\0"
            target = target.with_name(f"{target.stem}-{short_hash(rel + salt)}.md")
            name = str(target)
            key = name.casefold()
        self.taken[key] = rel
        self.by_raw[rel] = name
        return target


def iter_raw_paths(options: Options, paths: Iterable[Path] | None, report: RunReport) -> Iterator[Path]:
    """Options and optional paths in; raw files to consider out (refusals go in the report)."""
    folders = [options.seeds_dir] if paths is None else list(paths)
    for folder in folders:
        found = list_seeds(folder, options.root) if folder.is_dir() else [folder]
        for item in found:
            if not isinstance(item, ConversionError) and paths is not None:
                rel = display_path(item, options.root)
                try:                  # a file named on the command line: followed, but only to a file
                    if not is_utf8(rel):
                        rel = printable(rel)
                        item = ConversionError(f"{rel}: skipped: its name is not UTF-8 text; rename it")
                    elif not stat.S_ISREG(os.stat(item).st_mode):
                        item = ConversionError(f"{rel}: skipped: not a regular file "
                                               f"({describe_mode(item)})")
                except OSError as err:
                    fail(report, rel, f"{rel}: no such file" if not os.path.lexists(item)
                         else f"{rel}: skipped: cannot be read: {err.strerror or err}")
                    continue
            if isinstance(item, ConversionError):
                fail(report, str(item).split(": skipped:", 1)[0], str(item))
            else:
                yield item


def fail(report: RunReport, raw_file: str, message: str) -> None:
    """Report, file and reason in; a failure recorded and logged once."""
    logger.warning("%s", printable(message))
    report.add(Outcome(raw_file=raw_file, status="failed", message=message))


def check_existing(path: Path, rel: str, target: Path, existing: Generated | None, generator: str,
                   options: Options, force: bool, raw_sha: str | None) -> Outcome | None:
    """A raw file (and the sha256 of its bytes) and its existing Markdown in; an Outcome if no conversion is needed."""
    if existing is None:
        return None
    markdown = display_path(target, options.root)
    if existing.edited and not force:
        message = (f"{markdown} was edited by hand; kept the editor's version "
                   f"(`digest convert --force {rel}` regenerates it, keeping a backup)")
        logger.warning("%s", printable(message))
        return Outcome(raw_file=rel, status="kept", markdown=markdown, message=message)
    if force or existing.generator != generator:
        return None
    if raw_sha is None:
        return None                  # the conversion will report it
    if raw_sha == existing.raw_sha256 and hash_sidecar(path) == (existing.sidecar_sha256 or ""):
        return Outcome(raw_file=rel, status="unchanged", markdown=markdown)
    return None


def find_orphans(options: Options, owned: set[str] | frozenset[str] = frozenset(),
                 current: dict[str, str] | None = None) -> list[str]:
    """Options (Markdown known to have its raw file, and this run's Markdown path of each raw file) in;
    generated articles whose raw file is gone.

    An article a raw file of this run had under an older name (before names
    were made unique) is removed, unless an editor changed it.
    """
    orphans = []
    current = current or {}
    for name in walk_markdown(str(options.out_dir)):
        if name in owned:
            continue
        path = Path(name)
        existing = read_generated(path)
        if not existing or not existing.raw_file:
            continue
        if not (options.root / existing.raw_file).exists():
            orphans.append((display_path(path, options.root), existing.raw_file))
        elif existing.raw_file in current and name != current[existing.raw_file]:
            remove_old_name(path, existing, current[existing.raw_file], options.root)
    orphans.sort()
    for rel, raw_file in orphans:
        logger.warning("%s: its raw file %s is gone; the article is kept", printable(rel), printable(raw_file))
    return [rel for rel, _raw_file in orphans]


def remove_old_name(path: Path, existing: Generated, target: str, root: Path) -> None:
    """A generated article under a name its raw file no longer has in; removed, or kept if edited."""
    old = display_path(path, root)
    if existing.edited:
        logger.warning("%s", printable(f"{old}: written from {existing.raw_file}, whose article is now "
                                       f"{display_path(Path(target), root)}; kept, as it was edited"))
        return
    with contextlib.suppress(OSError):
        path.unlink()
        logger.info("%s", printable(f"{old}: removed; the article of {existing.raw_file} is now "
                                    f"{display_path(Path(target), root)}"))


def walk_markdown(top: str) -> Iterator[str]:
    """Folder in; the paths of the Markdown files in it and its subfolders (links to folders not followed).

    Not read.walk_seeds: that one sorts, names what it refuses and skips
    sidecars; here every generated article is looked at once, quietly.
    """
    stack = [top]
    while stack:                  # its own stack: no depth of folders exhausts Python's
        folder = stack.pop()
        folders = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        if entry.name.endswith(".md") and not entry.name.startswith("."):
                            yield entry.path
                        elif entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                    except OSError:
                        continue
        except OSError:
            continue
        stack.extend(reversed(folders))
