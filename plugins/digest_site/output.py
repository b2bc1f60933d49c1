"""Files the digest adds to Pelican's output: source pages and feeds, and the sitemap."""
from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from pelican.writers import Writer

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_source_pages(generator, writer, sources) -> None:
    """One page per source, listing its articles, through Pelican's writer.

    Paginated like tag pages when PAGINATED_TEMPLATES names "source".
    """
    template = generator.get_template("source")
    for source in sources:
        newest_first = sorted(source.articles, key=lambda a: a.date, reverse=True)
        writer.write_file(source.save_as, template, generator.context,
                          generator.settings["RELATIVE_URLS"],
                          paginated={"articles": newest_first, "dates": newest_first[::-1]},
                          template_name="source", url=source.url,
                          source=source, articles=newest_first)


def write_source_feeds(generator, writer, sources, path_pattern: str) -> None:
    """One Atom feed per source with dated articles, newest first, through Pelican's writer."""
    for source in sources:
        dated = sorted((a for a in source.articles if not getattr(a, "date_unknown", False)),
                       key=lambda a: a.date, reverse=True)
        if dated:
            path = path_pattern.format(slug=source.slug)
            writer.write_feed(dated, generator.context, path,
                              feed_title=f"{generator.settings.get('SITENAME', '')}: {source.name}")


EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=timezone.utc)   # not the build's clock: builds repeat


class DigestWriter(Writer):
    """Pelican's writer, except that feeds leave out undated articles: they are no day's news."""

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        newest = feed.latest_post_date       # an empty feed would say "updated now"
        feed.latest_post_date = lambda: newest() if feed.items else EMPTY_FEED_UPDATED
        return feed

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):
        dated = [item for item in elements if not getattr(item, "date_unknown", False)]
        return super().write_feed(dated, context, path, url, feed_type, override_output, feed_title)


def render_sitemap(site_url: str, entries) -> bytes:
    """Site URL and (url, lastmod or None) pairs in, sitemap XML bytes out."""
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url, lastmod in entries:
        node = ET.SubElement(urlset, "url")
        ET.SubElement(node, "loc").text = f"{site_url.rstrip('/')}/{url.lstrip('/')}"
        if lastmod:
            ET.SubElement(node, "lastmod").text = lastmod
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def list_sitemap_entries(context, sources) -> list[tuple[str, str | None]]:
    """Pelican context in, (url, lastmod) for every page a reader can land on."""
    entries = [("", None)]
    for item in list(context.get("articles", ())) + list(context.get("pages", ())):
        # An undated article's date is the day it was added: no change date to state.
        changed = None if getattr(item, "date_unknown", False) else \
            getattr(item, "modified", None) or getattr(item, "date", None)
        entries.append((item.url, changed.date().isoformat() if changed else None))
    for name in ("tags", "categories"):
        for taxon, _ in context.get(name, ()):
            entries.append((taxon.url, None))
    entries.extend((source.url, None) for source in sources)
    return entries
