"""Pelican glue for the reader-facing site: receivers, nothing else."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from digest_prep.gate import held_flags, read_flags
from digest_prep.files import write_if_changed
from digest_prep.options import read_options as read_prep_options
from pelican import signals

from .duplicates import fold_duplicates
from .enrich import group_by_source, link_neighbours, list_search_aliases, rank_tags, read_tag_aliases, \
    set_flags, text_direction
from .options import read_options
from .output import DigestWriter, list_sitemap_entries, render_sitemap, write_source_feeds, write_source_pages
from .search import build_search_index
from .story import Entry, find_same_story, plain_text, shingle_text
from .templating import escape_for_pagefind, group_by_day, html_to_text, make_json_ld, make_render_once, \
    neighbour_days


log = logging.getLogger(__name__)
SITEURL_VARIABLE = "DIGEST_SITEURL"
# What a reader sees for an article the digest found no title for. Pelican
# drops an article without one (an error, fatal in CI); the review gate holds
# it back from the public build and the review page asks the editor for one.
UNTITLED = "Untitled article"


def check_site_url(pelican) -> None:
    """At start: warn when the public address feeds and the sitemap use is unset or not absolute."""
    site_url = str(pelican.settings.get("SITEURL") or "")
    if urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).netloc:
        log.warning("SITEURL %r is not an absolute http(s) address: feeds, the sitemap and sharing "
                    "links need one; set %s=https://your.site", site_url, SITEURL_VARIABLE)
    elif not os.environ.get(SITEURL_VARIABLE, "").strip():
        log.warning("%s is not set: feeds, the sitemap and sharing links point at %s; set "
                    "%s=https://your.site before publishing", SITEURL_VARIABLE, site_url, SITEURL_VARIABLE)


def add_filters(generator) -> None:
    """Every generator's Jinja environment gets the digest's filters and its own item cache."""
    generator.env.filters.update(group_by_day=group_by_day, text_direction=text_direction,
                                 neighbour_days=neighbour_days, plain_text=html_to_text,
                                 pagefind_value=escape_for_pagefind)
    generator.env.globals["render_once"] = make_render_once()
    # Pages link relatively (RELATIVE_URLS), but sharing needs the absolute address.
    site_address = str(generator.settings.get("SITEURL") or "")
    generator.env.globals["SITE_ADDRESS"] = site_address
    generator.env.filters["json_ld"] = make_json_ld(site_address, str(generator.settings.get("DEFAULT_LANG", "")))


def name_untitled(generator, metadata) -> None:
    """Before Pelican checks an article: one the digest flagged `no-title` is listed as untitled.

    Only the digest's own flag does it: a file an editor wrote without a
    title still gets Pelican's error naming it."""
    if not str(metadata.get("title") or "").strip() and "no-title" in read_flags(metadata):
        metadata["title"] = UNTITLED


def hold_for_review(generator, gate_on: bool) -> None:
    """Count the articles waiting for an editor; with the gate on, take them out of the build."""
    waiting = [a for a in generator.articles if held_flags(a.metadata)]
    if not waiting:
        return
    if gate_on:
        held = {id(a) for a in waiting}
        generator.articles = [a for a in generator.articles if id(a) not in held]
        log.warning("review gate: %d article(s) held back until an editor approves them "
                    "(digest review lists them, digest approve NAME lets one through)", len(waiting))
    else:
        log.warning("review: %d article(s) wait for an editor; the public build (review gate on) "
                    "leaves them out until approved (digest review lists them)", len(waiting))


def fold_copies(generator) -> None:
    """Before taxonomies: held articles out, flags and shingles once per build, copies folded,
    undated articles last."""
    options = read_options(generator.settings)
    hold_for_review(generator, options.review_gate)
    for article in generator.articles:
        if hasattr(article, "category") and not str(article.category).strip():
            del article.category         # no section evidence: no section (DEFAULT_CATEGORY is "")
        set_flags(article, options.words_per_minute)
        article.shingles = shingle_text(article._content or "")
    fold_duplicates(generator)
    # Every listing (home, tags, sections, sources) is built from this order.
    generator.articles.sort(key=newest_dated_first)


def newest_dated_first(article) -> tuple:
    """Sort key: dated articles newest first, then undated ones, latest added first."""
    return (article.date_unknown, -article.date.timestamp())


def shelve_undated(generator) -> None:
    """Undated articles leave the dated archives; the editions (days with dated news) are listed."""
    dated = [a for a in generator.dates if not a.date_unknown]
    if len(dated) != len(generator.dates):
        generator.dates[:] = dated               # the context holds this very list
        for archives in generator.period_archives.values():   # and these: drop undated, then empty periods
            for archive in archives:
                for key in ("dates", "articles"):
                    archive[key] = [a for a in archive[key] if not a.date_unknown]
            archives[:] = [archive for archive in archives if archive["dates"]]
    days = sorted({a.date.date() for a in dated}, reverse=True)
    generator.context["edition_days"] = days
    generator.context["edition_day"] = days[0] if days else None
    generator.context["edition_articles"] = [a for a in generator.articles
                                             if not a.date_unknown and a.date.date() == days[0]] if days else []
    generator.context["undated_articles"] = [a for a in generator.articles if a.date_unknown]


def find_tags_file(settings) -> Path:
    """Pelican settings in; the tag vocabulary the preprocessor reads (beside content/)."""
    return read_prep_options(settings, check_keys=False).tags_file


def enrich_articles(generator) -> None:
    """After reading: flags, neighbours, same-story links and sources."""
    options = read_options(generator.settings)
    articles = list(generator.articles)
    aliases = read_tag_aliases(find_tags_file(generator.settings))
    patterns: dict = {}                  # each tag's name patterns, made once per build
    for article in articles:
        tags = getattr(article, "tags", ())
        article.search_aliases = list_search_aliases(tags, aliases)
        article.ranked_tags = rank_tags(tags, str(article.title), plain_text(article._content or ""), aliases,
                                        patterns)
    shelve_undated(generator)
    link_neighbours(articles)

    entries = [Entry(key=str(i), text=a._content or "",
                     tags=tuple(str(t) for t in getattr(a, "tags", ()) or ()),
                     day=None if a.date_unknown else a.date.date().toordinal(),
                     shingles=getattr(a, "shingles", None))
               for i, a in enumerate(articles)]
    links = find_same_story(entries)
    for i, article in enumerate(articles):
        found = links.get(str(i), [])
        article.same_story = sorted(((articles[int(link.key)], link) for link in found),
                                    key=lambda pair: pair[0].date, reverse=True)

    generator.context["sources"] = group_by_source(articles, options, generator.settings)


def write_site_pages(generator, writer) -> None:
    """After articles are written: one page per source, and the sitemap."""
    options = read_options(generator.settings)
    sources = generator.context.get("sources", [])
    write_source_pages(generator, writer, sources)
    if options.source_feed_atom:
        write_source_feeds(generator, writer, sources, options.source_feed_atom)
    if options.sitemap_save_as:
        xml = render_sitemap(generator.settings.get("SITEURL", ""),
                             list_sitemap_entries(generator.context, sources))
        write_if_changed(Path(generator.output_path) / options.sitemap_save_as, xml.decode("utf-8"))


def index_site(pelican) -> None:
    """After the whole build: the search index over output/."""
    if read_options(pelican.settings).search_index:
        build_search_index(Path(pelican.output_path))


def use_digest_writer(pelican):
    """Pelican asks for a writer: ours leaves undated articles out of every feed."""
    return DigestWriter


def register() -> None:
    signals.initialized.connect(check_site_url)
    signals.get_writer.connect(use_digest_writer)
    signals.generator_init.connect(add_filters)
    signals.article_generator_context.connect(name_untitled)
    signals.article_generator_pretaxonomy.connect(fold_copies)
    signals.article_generator_finalized.connect(enrich_articles)
    signals.article_writer_finalized.connect(write_site_pages)
    signals.finalized.connect(index_site)
