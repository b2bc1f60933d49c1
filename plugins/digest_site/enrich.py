"""Per-article values the theme shows: flags, reading time, neighbours, sources."""
from __future__ import annotations

import html
import math
import re
import zlib
from dataclasses import dataclass, field

import yaml

from digest_prep.read import is_true
from pelican.utils import slugify

from .story import WORD_RE, plain_text

FLAG_FIELDS = ("title_derived", "date_inferred", "date_unknown")
DATELINE_PLACE = re.compile(r"\A\s*[A-Z][A-Z'’. -]{2,}(?=,)")   # "BAGHDAD, March 3 (Xinhua) --"
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


def read_tag_aliases(tags_file) -> dict[str, tuple[str, ...]]:
    """Path of the tag vocabulary (tags.yaml) in; {tag: its aliases and demonyms} out ({} if unreadable)."""
    try:
        with open(tags_file, encoding="utf-8") as stream:
            data = yaml.safe_load(stream) or {}
    except (OSError, yaml.YAMLError):
        return {}
    aliases = {}
    for name, entry in (data.get("tags") or {}).items() if isinstance(data, dict) else ():
        entry = entry if isinstance(entry, dict) else {}
        words = [str(w) for key in ("aliases", "demonyms") for w in (entry.get(key) or ()) if w]
        if words:
            aliases[str(name)] = tuple(dict.fromkeys(words))
    return aliases


def list_search_aliases(tags, aliases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """An article's tags and the vocabulary's aliases in; the other names its tags go by, for search."""
    return tuple(dict.fromkeys(word for tag in tags or () for word in aliases.get(str(tag), ())))


def rank_tags(tags, title: str, text: str, aliases: dict[str, tuple[str, ...]],
              patterns: dict | None = None) -> list:
    """Tags, title, body text, the vocabulary's aliases (and a per-build pattern cache) in;
    the tags, most important first.

    A tag matters more the more often the article names it (by its name or
    an alias), the earlier it first does, and most when the headline does.
    Ties keep the vocabulary's order, so the ranking is stable. A dateline's
    place ("BAGHDAD, March 3") says where the reporter was, not what the
    story is about, so it does not count.
    """
    patterns = {} if patterns is None else patterns
    text = DATELINE_PLACE.sub("", text, count=1)
    title_lower, text_lower = title.lower(), text.lower()
    length = max(len(text_lower), 1)

    def score(pair):
        position, tag = pair
        count, first, in_title = 0, length, False
        for pattern, cased in name_patterns(str(tag), aliases, patterns):
            in_title = in_title or bool(pattern.search(title if cased else title_lower))
            for match in pattern.finditer(text if cased else text_lower):
                count += 1
                first = min(first, match.start())
        return (-(in_title * 3 + min(count, 10) + (1 - first / length)), position)

    return [tag for _, tag in sorted(enumerate(tags or ()), key=score)]


def name_patterns(tag: str, aliases: dict[str, tuple[str, ...]], cache: dict) -> list[tuple[re.Pattern, bool]]:
    """A tag, the vocabulary's aliases and a cache in; (pattern, matches case) for its names, made once.

    Names in capitals ("IS", "US") are matched as written, the others in any case.
    """
    if tag not in cache:
        names = {tag, *aliases.get(tag, ())}
        found = []
        for cased, group in ((True, [n for n in names if n.isupper()]),
                             (False, [n.lower() for n in names if not n.isupper()])):
            if group:
                alternation = "|".join(re.escape(n) for n in sorted(group, key=len, reverse=True))
                found.append((re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), cased))
        cache[tag] = found
    return cache[tag]

