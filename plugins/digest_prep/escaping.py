"""Plain text made Markdown that renders as exactly that text: used by the HTML cleaner and the writer."""
from __future__ import annotations

import re

# Markdown and HTML specials in text: backslash escapes work in
# Python-Markdown and CommonMark alike; < > & become entities because
# Python-Markdown has no escape for them.
INLINE_ESCAPES = str.maketrans({"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_",
                                "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}",
                                "<": "&lt;", ">": "&gt;", "&": "&amp;"})
# Line openings that would turn a paragraph into a heading, list or rule (a
# quote's ">" is already an entity).
BLOCK_START = re.compile(r"^([#+-])")
# '1. ' or '1) ' that would open an ordered list.
ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
# ': ' that would open a definition (the `extra` extension's def_list).
DEFINITION_START = re.compile(r"^:")


def escape_markdown(text: str) -> str:
    """Plain text in; Markdown that renders as exactly that text (no HTML, no links)."""
    return escape_block_start(escape_inline(" ".join(text.split())))


def escape_inline(text: str) -> str:
    """Plain text in; the same with inline Markdown and HTML openings escaped (spacing kept)."""
    return text.translate(INLINE_ESCAPES)


def escape_block_start(markdown: str) -> str:
    """A block's inline Markdown in; an opening that would make it a heading, list,
    quote, rule or definition escaped."""
    markdown = BLOCK_START.sub(r"\\\1", markdown)
    markdown = ORDERED_START.sub(r"\1\\\2", markdown)
    return DEFINITION_START.sub("&#58;", markdown)
