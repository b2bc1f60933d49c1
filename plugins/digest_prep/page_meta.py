"""What a saved page states about itself: its headline as the page shows it.

The markup names a title in several places (JSON-LD headline, og:title,
twitter:title, <title>), most of them with the site's name glued on
("CTV Toronto - OPP says 'enough'", "Headline | Section | Site"). The
headline a reader sees is a heading of the page; the one a title statement
confirms is the article's own.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

# Separators between a headline and a site or section name in a title.
SITE_SEPARATOR = r"\s+(?:\||-|::|\u2013|\u2014|\u00bb|\u203a|>)\s+"
TITLE_PARTS = re.compile(SITE_SEPARATOR + r"|:\s+")
SITE_PARTS = re.compile(SITE_SEPARATOR)
# A heading that holds at least this share of a stated title (the rest being
# the site's name) is the headline that title states.
HEADLINE_SHARE = 0.6
HEADLINE_MIN_WORDS = 2
# Headings looked at: the page's first ones, where the article's headline is.
MAX_HEADINGS = 30


def fold(text: str) -> str:
    """Text in; its words in lower case, single spaces, out."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def collapse(text: str) -> str:
    """Text in; whitespace collapsed out."""
    return " ".join(text.split())


def page_headings(root: Any) -> list[str]:
    """Parsed page in; the texts of its first headings (h1-h3, itemprop=headline), h1 first."""
    found = []
    for xpath in ("//h1", "//*[@itemprop='headline']", "//h2", "//h3"):
        for element in root.xpath(xpath)[:MAX_HEADINGS]:
            text = collapse(element.text_content())
            if len(text.split()) >= HEADLINE_MIN_WORDS and text not in found:
                found.append(text)
    return found


def find_headline(root: Any, stated: Iterable[tuple[str, str]], site: str = "") -> tuple[str, str]:
    """Parsed page, (title, evidence) statements in markup order and the site name in; (headline, evidence) out, ("", "") if none.

    A statement is taken when a heading of the page says the same words, or
    says them without the site's name; else the first statement that is not
    the site's name, less its site and section parts (its longest part).
    """
    stated = [(collapse(title), how) for title, how in stated if title and collapse(title)]
    headings = page_headings(root)
    keys = [(fold(heading), heading) for heading in headings]
    for title, how in stated:
        key = fold(title)
        for heading_key, heading in keys:
            if heading_key == key:
                return heading, f"{how}, shown as a heading"
    for title, how in stated:
        key = fold(title)
        for heading_key, heading in keys:
            if (heading_key and heading_key in key and len(heading_key) >= HEADLINE_SHARE * len(key)
                    and len(heading.split()) >= 3):
                return heading, f"{how}, shown as a heading"
        for part in TITLE_PARTS.split(title):
            part_key = fold(part)
            if len(part.split()) >= 3 and any(part_key == heading_key for heading_key, _ in keys):
                return collapse(part), f"{how}, shown as a heading"
    site_key = fold(site)
    for title, how in stated:
        parts = [part for part in SITE_PARTS.split(title) if fold(part) and fold(part) != site_key]
        if not parts:
            continue
        longest = max(parts, key=len)
        if len(longest.split()) >= 3:
            return collapse(longest), how if longest == title else f"{how}, site name removed"
    return "", ""
