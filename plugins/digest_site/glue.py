"""Pelican glue for the reader-facing site: receivers, nothing else."""
from __future__ import annotations

from pathlib import Path

from digest_prep.write import write_if_changed
from pelican import signals

from .duplicates import fold_duplicates
from .enrich import group_by_source, link_neighbours, set_flags, text_direction
from .options import read_options
from .output import list_sitemap_entries, render_sitemap, write_source_pages
from .story import Entry, find_same_story, shingle_text
from .templating import escape_for_pagefind, group_by_day, html_to_text, make_render_once


def add_filters(generator) -> None:
    """Every generator's Jinja environment gets the digest's filters and its own item cache."""
    generator.env.filters.update(group_by_day=group_by_day, text_direction=text_direction,
                                 plain_text=html_to_text, pagefind_value=escape_for_pagefind)
    generator.env.globals["render_once"] = make_render_once()


def fold_copies(generator) -> None:
    """Before taxonomies: each article's shingles, taken once per build; copies folded."""
    for article in generator.articles:
        article.shingles = shingle_text(article._content or "")
    fold_duplicates(generator)


def enrich_articles(generator) -> None:
    """After reading: flags, neighbours, same-story links and sources."""
    options = read_options(generator.settings)
    articles = list(generator.articles)
    for article in articles:
        set_flags(article, options.words_per_minute)
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
    if options.sitemap_save_as:
        xml = render_sitemap(generator.settings.get("SITEURL", ""),
                             list_sitemap_entries(generator.context, sources))
        write_if_changed(Path(generator.output_path) / options.sitemap_save_as, xml.decode("utf-8"))


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.article_generator_pretaxonomy.connect(fold_copies)
    signals.article_generator_finalized.connect(enrich_articles)
    signals.article_writer_finalized.connect(write_site_pages)
