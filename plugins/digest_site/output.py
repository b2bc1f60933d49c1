"""Files the digest adds to Pelican's output: source pages and the sitemap."""
from __future__ import annotations

from xml.etree import ElementTree as ET

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
        changed = getattr(item, "modified", None) or getattr(item, "date", None)
        entries.append((item.url, changed.date().isoformat() if changed else None))
    for name in ("tags", "categories"):
        for taxon, _ in context.get(name, ()):
            entries.append((taxon.url, None))
    entries.extend((source.url, None) for source in sources)
    return entries
