"""Stage 5: render an Article as Markdown with YAML front matter; name and read generated files.

The writing itself (atomic, only when the bytes change) is files.py's.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .escaping import escape_markdown
from .model import Article, Block

# The front matter write.py itself renders: exactly "---" lines, "\n" ends.
GENERATED_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
FINGERPRINT_LINE = re.compile(r"^fingerprint: ([0-9a-f]{64})\n", re.M)
# The front-matter fields that record how a file was made, one per line.
RECORD_FIELDS = re.compile(r"^(raw_file|raw_sha256|sidecar_sha256|generator|added): ['\"]?([^'\"\n]*)['\"]?$", re.M)

def render_block(block: Block) -> str:
    """Body block in; its Markdown out."""
    inline = block.markdown or escape_markdown(block.text)
    if block.kind == "h2":
        return "## " + inline
    if block.kind == "h3":
        return "### " + inline
    if block.kind == "quote":
        return "> " + inline
    if block.kind == "li":
        return "- " + inline
    if block.kind == "figure":
        return inline if block.markdown else "*" + inline + "*"
    return inline


def render_body(blocks: tuple[Block, ...]) -> str:
    """Body blocks in; Markdown paragraphs out, list items kept together."""
    parts: list[str] = []
    for previous, block in zip((None,) + blocks, blocks):
        if previous is not None:
            together = previous.kind == block.kind == "li"
            parts.append("\n" if together else "\n\n")
        parts.append(render_block(block))
    return "".join(parts) + "\n" if parts else ""


def build_front_matter(article: Article, generator: str) -> dict[str, Any]:
    """Article in; its front-matter fields in a fixed order, unknown ones left out."""
    meta = article.meta
    date_unknown = meta.date is None
    fields: dict[str, Any] = {
        "title": meta.title,
        "title_derived": meta.title_derived or None,
        "title_from": meta.title_from,
        "date": meta.date or article.added,
        "date_inferred": meta.date_inferred or None,
        "date_unknown": date_unknown or None,
        "date_from": meta.date_from,
        "modified": meta.modified,
        "added": article.added,
        "author": meta.author,
        "source": meta.source,
        "publisher": meta.publisher,
        "editor": meta.editor,
        "category": meta.section,
        "tags": list(article.tags),
        "summary": meta.summary,
        "source_url": meta.source_url,
        "lang": meta.lang,
        "dir": meta.dir,
        "slug": article.slug,
        "flags": [flag.code for flag in meta.flags] or None,
        "approved": meta.approved or None,
        "raw_file": article.seed.rel_path,
        "raw_sha256": article.seed.sha256,
        "sidecar_sha256": article.seed.sidecar_sha256 or None,
        "generator": generator,
    }
    return {key: value for key, value in fields.items() if value not in (None, "")}


# Characters a YAML reader would take for a line break or drop, unless the
# scalar is double-quoted (where the emitter escapes them).
YAML_FRAGILE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


class FrontMatterDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Safe YAML dumper (libyaml's when present: ten times faster) that
    double-quotes strings a reader would otherwise change."""


def represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """String in; a scalar node, double-quoted when plain or single quotes would not round-trip."""
    style = '"' if YAML_FRAGILE.search(value) or "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


FrontMatterDumper.add_representer(str, represent_text)


def dump_yaml(data: dict[str, Any]) -> str:
    """Mapping in; deterministic block-style YAML out that parses back to the same mapping."""
    return yaml.dump(data, Dumper=FrontMatterDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1_000_000)


def render_markdown(article: Article, generator: str) -> str:
    """Article in; the whole Markdown file out, fingerprinted so edits can be told."""
    text = "---\n" + dump_yaml(build_front_matter(article, generator)) + "---\n\n"
    text += render_body(article.extraction.blocks)
    return add_fingerprint(text)


def add_fingerprint(text: str) -> str:
    """Rendered Markdown in; the same with a fingerprint line closing its front matter."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    head, sep, rest = text.partition("\n---\n")
    return f"{head}\nfingerprint: {digest}{sep}{rest}"


def is_edited(text: str) -> bool:
    """Generated Markdown in; True when someone changed it after it was written."""
    front_end = text.find("\n---\n", 4)          # the line closes the front matter
    match = FINGERPRINT_LINE.search(text, 0, front_end + 1) if front_end > 0 else None
    match = match or FINGERPRINT_LINE.search(text)
    if not match:
        return True
    original = text[:match.start()] + text[match.end():]
    return hashlib.sha256(original.encode("utf-8")).hexdigest() != match.group(1)


@dataclass(frozen=True)
class Generated:
    """What an existing Markdown file says about how it was made."""

    text: str
    raw_sha256: str | None
    sidecar_sha256: str | None
    generator: str | None
    added: str | None
    raw_file: str | None
    edited: bool


def read_generated(path: Path) -> Generated | None:
    """Markdown path in; its generation record, or None if absent or not ours."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    front = GENERATED_FRONT_MATTER.match(text)
    if not front:
        return None
    fields: dict[str, str] = {}
    for match in RECORD_FIELDS.finditer(front.group(1)):
        fields.setdefault(match.group(1), match.group(2))     # the first of a repeated key, as before
    if "raw_file" not in fields:
        return None                       # written by hand, not by us
    return Generated(text=text, raw_sha256=fields.get("raw_sha256"),
                     sidecar_sha256=fields.get("sidecar_sha256"), generator=fields.get("generator"),
                     added=fields.get("added"), raw_file=fields["raw_file"], edited=is_edited(text))


# Folders of seeds/ mirrored in content/ at most this deep: a raw file
# further down goes in the deepest mirrored folder, under a name made
# unique by its whole path (Python's own folder walks stop near 1,000).
MAX_FOLDER_DEPTH = 8
# Longest name kept as it is: with the hash suffix and ".md" a name stays
# well inside the 255 bytes file systems allow.
MAX_NAME_CHARS = 120
# Suffixes a saved page keeps in its Markdown name (NAME.html.md).
KEPT_SUFFIXES = frozenset({".html", ".htm", ".text"})
HASH_SUFFIX = re.compile(r"-[0-9a-f]{6}$")


def markdown_path(rel_path: str, seeds_rel: str, out_dir: Path) -> Path:
    """Raw path (relative to the project) in; the Markdown file it becomes, never another's, out.

    A plain name (lowercase ASCII letters, digits, '_', '-', '.') is kept:
    NAME.txt becomes NAME.md, a saved page NAME.html becomes NAME.html.md.
    Any other name or folder gets a suffix from a hash of its raw path, so
    two raw paths never share a Markdown file, whatever else is in seeds/
    and even where the file system folds case (report.TXT, report.txt).
    """
    prefix = seeds_rel.rstrip("/") + "/"
    # from outside seeds/: by its name alone
    inner = rel_path[len(prefix):] if rel_path.startswith(prefix) else rel_path.rpartition("/")[2]
    folders = [part for part in inner.split("/") if part not in ("", ".")]
    base = folders.pop() if folders else ""
    parts = []
    for depth, folder in enumerate(folders[:MAX_FOLDER_DEPTH]):
        if is_plain(folder) and not folder.endswith(".md"):
            parts.append(folder)
        else:
            path = prefix + "/".join(folders[:depth + 1])
            parts.append(f"{safe_name(folder)[:MAX_NAME_CHARS] or 'folder'}-{short_hash(path)}")
    root, ext = os.path.splitext(base)
    if ext == ".txt":
        name, plain = root, os.path.splitext(root)[1] not in KEPT_SUFFIXES
    else:
        name, plain = base, ext in KEPT_SUFFIXES
    if not (plain and is_plain(name) and len(folders) <= MAX_FOLDER_DEPTH):
        name = f"{safe_name(name)[:MAX_NAME_CHARS] or 'article'}-{short_hash(rel_path)}"
    return out_dir.joinpath(*parts, name + ".md")


def plain_markdown_path(rel_path: str, seeds_rel: str, out_dir: Path) -> str:
    """Raw path in; the Markdown path it would have by its letters alone, case folded.

    Two raw files with the same plain path are what markdown_path keeps
    apart (report.TXT, report.txt; page.html, page.html.txt): the build
    names both.
    """
    prefix = seeds_rel.rstrip("/") + "/"
    inner = rel_path[len(prefix):] if rel_path.startswith(prefix) else rel_path.rpartition("/")[2]
    root, ext = os.path.splitext(inner)
    name = root if ext.lower() == ".txt" else inner
    parts = [safe_name(part) or "_" for part in name.split("/") if part not in ("", ".")]
    return os.path.join(str(out_dir), *parts).casefold() + ".md"


def is_plain(name: str) -> bool:
    """A file or folder name in; True when markdown_path may keep it as it is."""
    return (0 < len(name) <= MAX_NAME_CHARS and name == name.lower() and name == safe_name(name)
            and not HASH_SUFFIX.search(name))


def short_hash(text: str) -> str:
    """A raw path in; six hex digits of its sha256 (bytes of a name that are not UTF-8 included)."""
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:6]


def safe_name(name: str) -> str:
    """File or folder name in; ASCII letters, digits, '_', '-' and '.' only, no leading dot."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_name).strip("-.")
