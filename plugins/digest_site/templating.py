"""Jinja filters and globals the theme uses."""
from __future__ import annotations

import bisect
import html
import json

from jinja2 import pass_context
from markupsafe import Markup

from .story import plain_text


def html_to_text(value) -> str:
    """HTML (a summary) in; its text, spaces collapsed, as a plain string the template escapes again."""
    return " ".join(plain_text(str(value or "")).split())


def escape_for_pagefind(value) -> str:
    """A filter value (a tag or source name) in; the text to print in a Pagefind filter attribute.

    Pagefind 1.5 decodes a filter value twice (once as HTML, once more on
    its own) and its search page shows it as HTML; escaped twice here and
    once more by the template, it reaches the page as escaped text.
    """
    return html.escape(html.escape(str(value)))


def group_by_day(articles) -> list[tuple[object, list]]:
    """Articles (newest first) in, [(date, articles of that day)] out, order kept; undated under None."""
    days: list[tuple[object, list]] = []
    undated = [a for a in articles if getattr(a, "date_unknown", False)]
    for article in articles:
        if getattr(article, "date_unknown", False):
            continue
        day = article.date.date()
        if days and days[-1][0] == day:
            days[-1][1].append(article)
        else:
            days.append((day, [article]))
    if undated:
        days.append((None, undated))
    return days


def neighbour_days(day, days) -> tuple[object, object]:
    """A day and the days with dated articles (newest first) in; (the day before, the day after) out."""
    after = bisect.bisect_left(days, -day.toordinal(), key=lambda d: -d.toordinal())   # first not newer
    before = after + 1 if after < len(days) and days[after] == day else after
    return (days[before] if before < len(days) else None, days[after - 1] if after > 0 else None)


def make_render_once():
    """Nothing in; a Jinja global render_once(macro, article, **options) with an empty cache out.

    An article is listed on some 20 pages (home, section, source, month, day
    and each of its tags: 16 on average in the benchmark digest), and its
    listing item is the same on every page with the same SITEURL (relative
    URLs differ only by the page's depth). The macro runs once per article,
    SITEURL and options; the other pages reuse its HTML. Make one per Jinja
    environment and build: articles do not change while pages are written.
    """
    rendered: dict[tuple, str] = {}

    @pass_context
    def render_once(context, macro, article, **options):
        key = (macro.name, article, context.get("SITEURL"), tuple(sorted(options.items())))
        if key not in rendered:
            rendered[key] = macro(article, **options)
        return rendered[key]

    return render_once


# Inside <script type="application/ld+json"> nothing is decoded as HTML, so
# escaping must be JSON's own: markup characters become unicode escapes.
JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def describe_article(article, site_address: str, default_lang: str) -> dict:
    """An article and the site's absolute address in; its schema.org NewsArticle as a dict."""
    address = site_address.rstrip("/")
    url = f"{address}/{article.url}"
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": str(article.title)[:110], "url": url, "mainEntityOfPage": url,
            "inLanguage": str(getattr(article, "lang", "") or default_lang)}
    summary = html_to_text(article.metadata.get("summary") or "")
    if summary:
        data["description"] = summary
    modified = getattr(article, "modified", None)
    if not getattr(article, "date_unknown", False):
        data["datePublished"] = article.date.isoformat()
        data["dateModified"] = (modified or article.date).isoformat()
    elif modified:                       # the page stated only when it was updated
        data["dateModified"] = modified.isoformat()
    author = article.metadata.get("author")
    if author and str(author).strip():
        data["author"] = [{"@type": "Person", "name": str(author)}]
    outlet = article.metadata.get("publisher") or article.metadata.get("source")
    if outlet and str(outlet).strip():
        data["publisher"] = {"@type": "Organization", "name": str(outlet)}
    original = article.metadata.get("source_url")
    if original:
        data["isBasedOn"] = str(original)
    tags = [str(t) for t in getattr(article, "tags", ()) or ()]
    if tags:
        data["keywords"] = tags
    section = getattr(article, "category", None)
    if section:
        data["articleSection"] = str(section)
    return data


def render_json_ld(data: dict) -> Markup:
    """A schema.org dict in; JSON safe to print inside a <script> element."""
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=False).translate(JSON_IN_SCRIPT))


def make_json_ld(site_address: str, default_lang: str):
    """The site's absolute address in; a Jinja filter article -> JSON-LD markup."""
    def json_ld(article) -> Markup:
        return render_json_ld(describe_article(article, site_address, default_lang))
    return json_ld

