"""The review gate: which articles wait for an editor, and an editor's approval.

An article waits when its front matter carries a flag that means a person
should look before readers do (no date found, a headline drawn from the
text or none at all, removed lines that read like article text, a body that kept little
of the page) and no `approved: true`. With the gate on (`review_gate` in
DIGEST_SITE, on in publishconf.py) waiting articles stay out of the build;
`digest review` lists them and `digest approve NAME` lets one through by
writing `approved: true` into its sidecar (or, for an article with no raw
file, into its own front matter).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

import yaml

from .read import RAW_FRONT_MATTER as FRONT_MATTER
from .read import YAML_LOADER, is_true, sidecar_path
from .files import write_atomic

# Flags that hold an article back until an editor approves it.
GATED_FLAGS = frozenset({"no-date", "title-derived", "no-title", "short-body", "lost-text", "removed-sentence"})
APPROVED_LINE = re.compile(r"(?m)^approved[ \t]*:.*$")


@dataclass(frozen=True)
class Waiting:
    """An article held for an editor: its Markdown, raw file, title and the flags that hold it."""

    markdown: Path
    raw_file: str
    title: str
    flags: tuple[str, ...]


def read_flags(meta: Mapping[str, Any]) -> tuple[str, ...]:
    """An article's front matter in; its flags (one written alone, not as a list, too)."""
    flags = meta.get("flags") or ()
    return tuple(str(f) for f in ([flags] if isinstance(flags, str) else flags))


def held_flags(meta: Mapping[str, Any]) -> tuple[str, ...]:
    """An article's front matter in; the flags that hold it back (none once approved)."""
    if is_true(meta.get("approved", False)):
        return ()
    return tuple(f for f in read_flags(meta) if f in GATED_FLAGS)


def read_front_matter(path: Path) -> dict[str, Any]:
    """A Markdown file in; its YAML front matter ({} when it has none or it cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(64 * 1024)
        match = FRONT_MATTER.match(head)
        data = yaml.load(match.group(1), Loader=YAML_LOADER) if match else {}
    except (OSError, yaml.YAMLError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def list_waiting(content_dir: Path) -> Iterator[Waiting]:
    """The articles folder in; every article waiting for an editor, in name order."""
    for folder, dirs, files in os.walk(content_dir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = Path(folder) / name
            meta = read_front_matter(path)
            flags = held_flags(meta)
            if flags:
                yield Waiting(path, str(meta.get("raw_file", "")), str(meta.get("title", "")), flags)


def approve(waiting: Waiting, root: Path) -> Path:
    """A waiting article and the project root in; the file now saying `approved: true` out.

    The approval goes into the raw file's sidecar (made if missing), so it is
    kept in git with the raw file and survives any reconversion; an article
    with no raw file is approved in its own front matter.
    """
    if waiting.raw_file:
        raw = root / waiting.raw_file
        sidecar = sidecar_path(raw)
        text = sidecar.read_text(encoding="utf-8") if sidecar.exists() else ""
        write_atomic(sidecar, set_approved(text).encode("utf-8"))
        return sidecar
    text = waiting.markdown.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    head = set_approved(match.group(1) + "\n").rstrip("\n")
    write_atomic(waiting.markdown, f"---\n{head}\n---\n{text[match.end():]}".encode("utf-8"))
    return waiting.markdown


def set_approved(text: str) -> str:
    """YAML text in; the same with `approved: true`, every other line (and comment) kept."""
    if APPROVED_LINE.search(text):
        return APPROVED_LINE.sub("approved: true", text, count=1)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "approved: true\n"


def find_waiting(name: str, waiting: list[Waiting], root: Path) -> list[Waiting]:
    """A name as an editor types it (raw file, its name or stem, or the Markdown) in; the matches."""
    target = name.strip().rstrip("/")
    found = []
    for item in waiting:
        raw = item.raw_file
        names = {raw, Path(raw).name, Path(raw).stem, str(item.markdown), item.markdown.name,
                 item.markdown.stem, os.path.relpath(item.markdown, root)}
        if target in names:
            found.append(item)
    return found
