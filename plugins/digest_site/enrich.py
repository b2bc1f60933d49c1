"""Per-article values the theme shows: flags, reading time, neighbours, sources."""
from __future__ import annotations

import html
import math
import zlib
from dataclasses import dataclass, field

from pelican.utils import slugify

from .story import WORD_RE, plain_text

FLAG_FIELDS = ("title_derived", "date_inferred", "date_unknown")
RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ckb"})


@dataclass
class Source:
    """An outlet, wire or publishing site, and the articles it gave us."""

    name: str
    slug: str
    url: str
    save_as: str
    articles: list = field(default_factory=list)

    def __str__(self) -> str:
        return self.name


def is_true(value) -> bool:
    """A front-matter flag (bool or string) in, a bool out."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "on"}
    return bool(value)


def text_direction(lang) -> str:
    """Language code in ("ar", "en-GB"), "rtl" or "ltr" out."""
    return "rtl" if str(lang or "").split("-")[0].lower() in RTL_LANGS else "ltr"


def count_minutes(text: str, words_per_minute: int) -> int:
    """Body as plain text in, whole minutes to read it out (at least one)."""
    return max(1, math.ceil(len(WORD_RE.findall(text)) / words_per_minute))


def set_flags(article, words_per_minute: int) -> None:
    """Normalise the article's flags and add reading time and text direction."""
    for name in FLAG_FIELDS:
        setattr(article, name, is_true(article.metadata.get(name)))
    text = plain_text(article._content or "")
    article.reading_minutes = count_minutes(text, words_per_minute)
    # the reader let through only ltr, rtl or auto
    article.dir = article.metadata.get("dir") or text_direction(getattr(article, "lang", ""))
    article.standfirst = choose_standfirst(article.metadata.get("summary"), text)


def choose_standfirst(summary, text: str):
    """Summary HTML and body as plain text in; the summary, or None when the body opens with it."""
    if not summary:
        return None
    said = " ".join(plain_text(str(summary)).split())
    opening = " ".join(text.split())[:len(said) + 40]
    return None if said.rstrip(".…").rstrip() in opening else summary


def link_neighbours(articles) -> None:
    """Articles in any order; each gets older_article and newer_article."""
    ordered = sorted(articles, key=lambda a: (a.date, a.slug))
    for i, article in enumerate(ordered):
        article.older_article = ordered[i - 1] if i > 0 else None
        article.newer_article = ordered[i + 1] if i + 1 < len(ordered) else None


def group_by_source(articles, options, settings) -> list[Source]:
    """Articles in; sources (by name) out, each article set on source_page/publisher_page."""
    sources: dict[str, Source] = {}

    def get_source(name):
        name = " ".join(str(name).split())
        # escaped, so that a name that looks like markup keeps its letters in the slug
        slug = slugify(html.escape(name, quote=False),
                       regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        if not slug:                    # a name in a script slugify drops
            slug = f"source-{zlib.crc32(name.encode()):08x}"
        if slug not in sources:         # "AFP" and "A.F.P." are one source
            sources[slug] = Source(name, slug, options.source_url.format(slug=slug),
                                   options.source_save_as.format(slug=slug))
        return sources[slug]

    for article in articles:
        article.source_page = article.publisher_page = None
        for attr, field_name in (("source_page", "source"), ("publisher_page", "publisher")):
            name = article.metadata.get(field_name)
            if name and str(name).strip():
                source = get_source(name)
                setattr(article, attr, source)
                # source and publisher may be one source: list the article once
                if not source.articles or source.articles[-1] is not article:
                    source.articles.append(article)
    return sorted(sources.values(), key=lambda s: s.name.casefold())
