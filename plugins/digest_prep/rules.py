"""Boilerplate rule tables: data only.

Each rule has a stable name (used in logs, the review report and tests), a
pattern, the reason it is boilerplate, and a real example it must remove.
clean_text.py and clean_html.py compile these tables once and hold no
pattern literals of their own.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str     # stable id for logs and tests
    pattern: str  # regex (text) or CSS selector (html)
    reason: str   # why this is boilerplate, one sentence
    example: str  # a real snippet it must remove


# --- Text rules: one raw line each -----------------------------------------

TEXT_RULES: tuple[Rule, ...] = ()

# --- HTML rules: CSS selectors of page furniture -----------------------------

HTML_RULES: tuple[Rule, ...] = ()
