"""Page metadata: what a saved page's markup states about itself.

read_page_meta parses a saved HTML page once (lxml; libxml2 caps nesting at
256 levels, so pathological markup is cut short instead of recursing) and
reads <meta> tags, JSON-LD, microdata and <time> (keeping the time zone of
dates; htmldate only when none is declared), the canonical URL and the
language, before anything is removed from the tree. The HTML cleaner then
takes the tree over (it uses the stated title and URL), and metadata.py
weighs the statements against what the body says.

The markup names a title in several places (JSON-LD headline, og:title,
twitter:title, <title>), most of them with the site's name glued on
("CTV Toronto - OPP says 'enough'", "Headline | Section | Site"). The
headline a reader sees is a heading of the page; the one a title statement
confirms is the article's own.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, Iterable, Iterator

import lxml.html
from dateutil import parser as dateparser
from lxml import etree

from .layout_text import CJK_SEGMENT_BREAK
from .links import safe_url
from .model import Seed

# Separators between a headline and a site or section name in a title.
SITE_SEPARATOR = r"\s+(?:\||-|::|\u2013|\u2014|\u00bb|\u203a|>)\s+"
TITLE_PARTS = re.compile(SITE_SEPARATOR + r"|:\s+")
SITE_PARTS = re.compile(SITE_SEPARATOR)
# A heading that holds at least this share of a stated title (the rest being
# the site's name) is the headline that title states.
HEADLINE_SHARE = 0.6
HEADING_HEADLINE_MIN_WORDS = 2
# Headings looked at: the page's first ones, where the article's headline is.
MAX_HEADINGS = 30
# A longer "author" is a whole byline line (name, outlet, date). Tuned on
# the bylines of the extraction corpus; real names stayed under 5 words.
MAX_AUTHOR_WORDS = 6
# htmldate's search for an undeclared date reads the whole page; past this
# size (characters of HTML) it costs seconds and finds dates of link lists.
# The largest page of the extraction corpus has 1.1 million characters.
MAX_HTMLDATE_CHARS = 2_000_000
# A guessed site suffix of a <title> ("... - Example News") has at most this
# many words. Tuned on the titles of the extraction corpus.
MAX_SITE_WORDS = 4
# Metadata sources, most specific first. Keys are lowercase names or
# properties of <meta> tags.
META_TITLE = ("og:title", "twitter:title")
META_DATE = ("article:published_time", "og:article:published_time",
             "datepublished", "article.published", "published_time",
             "pubdate", "publishdate", "publish-date", "dc.date.issued",
             "dcterms.created", "dc.date", "sailthru.date", "parsely-pub-date")
# Less specific dates, used only when no publication date is declared.
META_DATE_FALLBACK = ("date", "og:updated_time", "article:modified_time")
META_AUTHOR = ("author", "article:author", "parsely-author", "sailthru.author",
               "dc.creator", "byl", "twitter:creator")
META_SITE = ("og:site_name", "application-name", "twitter:site")
META_SECTION = ("article:section", "section", "parsely-section", "category")
META_DESCRIPTION = ("og:description", "description", "twitter:description",
                    "dc.description")
META_URL = ("og:url", "twitter:url")
META_LANG = ("content-language", "og:locale", "dc.language", "language")
ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle",
                 "analysisnewsarticle", "opinionnewsarticle", "report",
                 "webpage", "liveblogposting")
# Separators between a page title and the site name in <title>.
TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00b7 ", " \u2022 ", " / ")
# Elements the statements are read from, gathered in one pass that lxml
# filters in C: an XPath per statement walked the whole page each time.
INDEXED_TAGS = ("title", "h1", "h2", "h3", "meta", "script", "time", "link")
# Case folds of the attribute values tested, as the XPath translate() had them.
LD_TYPE_FOLD = str.maketrans("LDJSON", "ldjson")
REL_FOLD = str.maketrans("CANONICAL", "canonical")


PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                          recover=True, encoding="utf-8", default_doctype=False)
# lxml.html's own parser picks each element's class in Python, a call for
# every element touched; one C-level default gives the same HtmlElement API.
PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement))
# XPath queries compiled once: root.xpath() compiles its expression again on
# every call, which costs a short page about as much as the search.
HEADLINE_PROPS = etree.XPath("//*[@itemprop='headline']")
AUTHOR_LINKS = etree.XPath("//*[@rel='author' or @itemprop='author']")
PUBLISHED_PROPS = etree.XPath("//*[@itemprop='datePublished'][@datetime or @content]")


@dataclass
class HtmlPage:
    """A saved HTML page parsed once, and what its markup states."""

    root: Any                     # lxml tree; the HTML cleaner prunes it in place
    meta: dict[str, Any]          # page metadata, missing keys left out


def read_page_meta(seed: Seed) -> HtmlPage | None:
    """Seed in; its parsed page and page metadata for HTML, None for text or an empty page."""
    if seed.kind != "html":
        return None
    try:
        return read_html_page(seed.text)
    except Exception:  # the cleaner tries the page again and logs what failed
        return None


def read_html_page(html: str, full: bool = True) -> HtmlPage | None:
    """Decoded HTML in; its HtmlPage (its meta only the title and URL the HTML cleaner reads
    unless `full`), or None for an empty or unparsable page."""
    root = parse_html(html)
    if root is None:
        return None
    return HtmlPage(root, extract_page_meta(root, len(html)) if full else extract_title_and_url(root))


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """HTML string in; the lxml root, or None for an empty or unparsable page."""
    if not html or not html.strip():
        return None
    data = html.replace("\x00", "").encode("utf-8", "replace")
    try:
        root = lxml.html.document_fromstring(data, parser=PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root if root is not None and len(root) else None


def fold(text: str) -> str:
    """Text in; its words in lower case, single spaces, out."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def collapse(text: str | None) -> str:
    """Text in; whitespace runs collapsed to single spaces (a line break between Chinese or Japanese
    characters to nothing), ends trimmed."""
    if not text:
        return ""
    if "\n" in text and not text.isascii():
        text = CJK_SEGMENT_BREAK.sub("", text)
    return " ".join(text.split())


def index_elements(root: Any) -> dict[str, list[Any]]:
    """Parsed page in; its INDEXED_TAGS elements by tag, each list in page order."""
    found: dict[str, list[Any]] = {tag: [] for tag in INDEXED_TAGS}
    for element in root.iter(*INDEXED_TAGS):
        found[element.tag].append(element)
    return found


def page_headings(root: Any, index: dict[str, list[Any]]) -> list[str]:
    """Parsed page and its element index in; the texts of its first headings (h1-h3, itemprop=headline), h1 first."""
    found = []
    for elements in (index["h1"], HEADLINE_PROPS(root), index["h2"], index["h3"]):
        for element in elements[:MAX_HEADINGS]:
            text = collapse(element.text_content())
            if len(text.split()) >= HEADING_HEADLINE_MIN_WORDS and text not in found:
                found.append(text)
    return found


def find_headline(root: Any, stated: Iterable[tuple[str, str]], site: str = "",
                  index: dict[str, list[Any]] | None = None) -> tuple[str, str]:
    """Parsed page, (title, evidence) statements in markup order, the site name (and the page's
    element index) in; (headline, evidence) out, ("", "") if none.

    A statement is taken when a heading of the page says the same words, or
    says them without the site's name; else the first statement that is not
    the site's name, less its site and section parts (its longest part).
    """
    stated = [(collapse(title), how) for title, how in stated if title and collapse(title)]
    headings = page_headings(root, index_elements(root) if index is None else index)
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

def extract_page_meta(root: Any, page_chars: int = 0) -> dict[str, Any]:
    """Parsed page in; the metadata its markup declares (missing keys left out)."""
    index = index_elements(root)
    metas = collect_meta(index["meta"])
    ld = collect_json_ld(index["script"])
    meta = read_site_and_title(root, index, metas, ld)
    for date, meta["date_from"] in (
            (lambda: first_of(metas, META_DATE), "meta published time"),
            (lambda: str(ld.get("datePublished") or ""), "json-ld"),
            (lambda: itemprop_date(root), "microdata"), (lambda: time_date(index["time"]), "<time>"),
            (lambda: first_of(metas, META_DATE_FALLBACK), "meta date"),
            (lambda: str(ld.get("dateModified") or ""), "json-ld dateModified"),
            (lambda: find_date(root) if page_chars <= MAX_HTMLDATE_CHARS else "", "htmldate")):
        date = normalise_date(date())
        if date:
            meta["date"] = date
            break
    else:
        del meta["date_from"]
    modified = (normalise_date(str(ld.get("dateModified") or ""))
                or normalise_date(first_of(metas, ("article:modified_time", "og:updated_time"))))
    if modified:
        meta["modified"] = modified
    authors = (ld_authors(ld.get("author")) or meta_authors(metas)
               or [collapse(a.text_content()) for a in AUTHOR_LINKS(root) if collapse(a.text_content())])
    authors = dedupe(clean_author(a) for a in authors)
    if authors:
        meta["authors"] = authors[:10]
    section = read_section(metas, ld)
    if section:
        meta["section"] = section
    description = read_description(metas, ld)
    if description:
        meta["description"] = description
    url = canonical_url(index["link"], metas, ld)
    if url:
        meta["url"] = url
    lang = declared_language(root, metas, ld)
    if lang:
        meta["lang"] = lang.strip().replace("_", "-")[:20]
    return meta


def declared_language(root: Any, metas: dict[str, list[str]], ld: dict[str, Any]) -> str:
    """Parsed page, its meta contents and JSON-LD in; the language its markup declares, or ""."""
    return root.get("lang") or root.get("xml:lang") or first_of(metas, META_LANG) or ld_first(ld.get("inLanguage"))


def read_declared_language(html: str) -> str:
    """Decoded HTML in; the language its markup declares (as extract_page_meta reads it), or ""."""
    root = parse_html(html)
    if root is None:
        return ""
    index = index_elements(root)
    return declared_language(root, collect_meta(index["meta"]), collect_json_ld(index["script"])).strip()


def extract_title_and_url(root: Any) -> dict[str, Any]:
    """Parsed page in; the site name, title, canonical URL, section and description extract_page_meta would read
    (missing keys left out): what the HTML cleaner reads."""
    index = index_elements(root)
    metas = collect_meta(index["meta"])
    ld = collect_json_ld(index["script"])
    meta = read_site_and_title(root, index, metas, ld)
    url = canonical_url(index["link"], metas, ld)
    if url:
        meta["url"] = url
    section = read_section(metas, ld)
    if section:
        meta["section"] = section
    description = read_description(metas, ld)
    if description:
        meta["description"] = description
    return meta


def read_description(metas: dict[str, list[str]], ld: dict[str, Any]) -> str:
    """A page's meta contents and JSON-LD in; the summary it states ("" if none) out."""
    return first_of(metas, META_DESCRIPTION) or collapse(str(ld.get("description") or ""))


def read_section(metas: dict[str, list[str]], ld: dict[str, Any]) -> str:
    """A page's meta contents and JSON-LD in; the section it states ("" if none) out."""
    return first_of(metas, META_SECTION) or ld_first(ld.get("articleSection"))


def read_site_and_title(root: Any, index: dict[str, list[Any]], metas: dict[str, list[str]],
                        ld: dict[str, Any]) -> dict[str, Any]:
    """Parsed page, its element index, meta contents and JSON-LD in; its site_name, title_from and title (missing keys left out)."""
    meta: dict[str, Any] = {}
    site = first_of(metas, META_SITE) or ld_name(ld.get("publisher"))
    if site and not site.startswith(("@", "http")):
        meta["site_name"] = site
    site = meta.get("site_name", "")
    title, meta["title_from"] = find_headline(root, (
        (str(ld.get("headline") or ""), "json-ld"), (first_of(metas, ("og:title",)), "og:title"),
        (first_of(metas, ("twitter:title",)), "twitter:title"), (first_text(index["title"]), "<title>")),
        site, index)
    if not title:
        meta["title_from"] = "og:title" if first_of(metas, META_TITLE) else "json-ld" if ld.get(
            "headline") else "h1" if first_text(index["h1"]) else "<title>"
    title = (title or strip_declared_site(first_of(metas, META_TITLE), site, guess=False)
             or collapse(str(ld.get("headline") or "")) or first_text(index["h1"])
             or strip_declared_site(first_text(index["title"]), site, guess=True))
    if title:
        meta["title"] = title
    else:
        del meta["title_from"]
    return meta


def collect_meta(elements: Iterable[Any]) -> dict[str, list[str]]:
    """A page's <meta> elements in; their contents by lowercase name/property/itemprop/http-equiv."""
    metas: dict[str, list[str]] = {}
    for element in elements:
        content = collapse(element.get("content") or element.get("datetime"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attr) or "").strip().lower()
            if key:
                metas.setdefault(key, []).append(content)
    return metas


def itemprop_date(root: Any) -> str:
    """Page in; the first datetime or content of an itemprop=datePublished element."""
    for element in PUBLISHED_PROPS(root):
        return element.get("datetime") or element.get("content")
    return ""


def first_of(metas: dict[str, list[str]], names: Iterable[str]) -> str:
    """Meta contents and names in; the first content found, or ""."""
    for name in names:
        for value in metas.get(name, ()):
            if value:
                return value
    return ""


def first_text(elements: Iterable[Any]) -> str:
    """Elements in; the first one's text that is not blank, or ""."""
    for element in elements:
        text = collapse(element.text_content())
        if text:
            return text
    return ""


def collect_json_ld(scripts: Iterable[Any]) -> dict[str, Any]:
    """A page's <script> elements in; the JSON-LD object describing the article (merged), or {}."""
    found: dict[str, Any] = {}
    for script in scripts:
        if "ld+json" not in (script.get("type") or "").translate(LD_TYPE_FOLD):
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for item in walk_json_ld(data):
            types = item.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            if any(str(t).lower() in ARTICLE_TYPES for t in types):
                for key, value in item.items():
                    found.setdefault(key, value)
    return found


def walk_json_ld(data: Any, depth: int = 0) -> Iterator[dict]:
    """Parsed JSON-LD in; every object of it and its @graph, to a bounded depth."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from walk_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from walk_json_ld(data["@graph"], depth + 1)


def ld_name(value: Any) -> str:
    """JSON-LD value (str, object or list) in; its name, or ""."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return collapse(value) if isinstance(value, str) else ""


def ld_first(value: Any) -> str:
    """JSON-LD value in; its first string, or ""."""
    if isinstance(value, list):
        value = value[0] if value else ""
    return collapse(value) if isinstance(value, str) else ""


def ld_authors(value: Any) -> list[str]:
    """JSON-LD author value in; author names."""
    values = value if isinstance(value, list) else [value]
    return [name for name in (ld_name(v) for v in values) if name]


def meta_authors(metas: dict[str, list[str]]) -> list[str]:
    """Meta contents in; author names (URLs and handles left out)."""
    for name in META_AUTHOR:
        names = [a for v in metas.get(name, ()) for a in split_authors(v)
                 if not a.startswith(("http", "@", "www."))]
        if names:
            return names
    return []


def split_authors(value: str) -> list[str]:
    """Author string in; one name per author."""
    for sep in (";", " and ", " & ", "|"):
        value = value.replace(sep, ",")
    parts = [collapse(p) for p in value.split(",")]
    return [p for p in parts if p]


def clean_author(name: str) -> str:
    """Author name in; the bare name, or "" if it reads as a whole byline."""
    name = collapse(name).split(" | ")[0].strip()
    if name.lower().startswith("by "):
        name = name[3:].strip()
    if any(ch.isdigit() for ch in name) or len(name.split()) > MAX_AUTHOR_WORDS:
        return ""
    return name


def dedupe(values: Iterable[str]) -> list[str]:
    """Strings in; non-empty ones, first occurrence only, in order."""
    seen, out = set(), []
    for value in values:
        key = value.lower()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def strip_declared_site(title: str, site: str, guess: bool) -> str:
    """Page title and site name in; the title without the site name (guessed when `guess`)."""
    # Guess only for <title>, which nearly always ends with the site name.
    title = collapse(title)
    for sep in TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        first, _, rest = title.partition(sep)
        if site and tail.lower() == site.lower():
            return head.strip()
        if site and first.lower() == site.lower():
            return rest.strip()
        if guess and not site and len(tail.split()) <= MAX_SITE_WORDS and len(head) > len(tail):
            return head.strip()
    return title


def time_date(elements: Iterable[Any]) -> str:
    """A page's <time> elements in; the datetime of the first that looks like a publication date."""
    times = [element for element in elements if element.get("datetime") is not None]
    for element in times:
        marks = " ".join((element.get("class") or "", element.get("itemprop") or "",
                          "pubdate" if element.get("pubdate") is not None else "")).lower()
        if "pub" in marks or "date" in marks:
            return element.get("datetime")
    return times[0].get("datetime") if times else ""


def normalise_date(value: str) -> str:
    """Declared date in; ISO 8601 keeping its time zone, or "" if unreadable."""
    value = collapse(value)
    if not value:
        return ""
    if not value[:4].isdigit():           # "Mon, 18 Nov 2019 16:10:29 -0500" (RFC 2822, feeds)
        try:
            return parsedate_to_datetime(value).isoformat()
        except (TypeError, ValueError, IndexError):
            return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        try:
            parsed = dateparser.isoparse(value)
        except (ValueError, OverflowError):
            return value[:10] if is_iso_day(value[:10]) else ""
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def is_iso_day(value: str) -> bool:
    """String in; True if it is a valid YYYY-MM-DD date."""
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def find_date(root: Any) -> str:
    """Page in; htmldate's publication day when the markup declares none, or ""."""
    try:
        from htmldate import find_date as htmldate_find   # heavy import, paid by undated pages only
        return htmldate_find(without_comments(root), extensive_search=False, original_date=True) or ""
    except Exception:  # htmldate is a best-effort fallback
        return ""


def without_comments(root: Any) -> Any:
    """Page in; a copy without the elements whose class or id names readers' comments.

    A reader's "Posted ... at November 10, 2025" is not the article's date, and
    htmldate reads such signatures ("posted" classes) as one: on a page that
    states no date of its own, no date beats the first comment's."""
    from .classify_html import CONCEPT_NAMES, concept_marks   # numpy: paid by undated pages only
    comment = CONCEPT_NAMES.index("comment")
    tree = copy.deepcopy(root)
    for element in tree.xpath("//*[@class or @id]"):
        parent = element.getparent()
        # the page's own <html> and <body> hold the article too, whatever a theme calls them
        if parent is not None and element.tag != "body" and comment in concept_marks(
                f"{element.get('class') or ''} {element.get('id') or ''}"):
            element.drop_tree()
    return tree


def canonical_url(links: Iterable[Any], metas: dict[str, list[str]], ld: dict[str, Any]) -> str:
    """A page's <link> elements, meta contents and JSON-LD in; its canonical absolute URL without tracking, or ""."""
    candidates = [link.get("href") or "" for link in links
                  if " canonical " in f" {(link.get('rel') or '').translate(REL_FOLD)} "]
    candidates += [first_of(metas, META_URL), ld_first(ld.get("url")),
                   ld_first(ld.get("mainEntityOfPage")) if isinstance(ld.get("mainEntityOfPage"), str) else ""]
    for candidate in candidates:
        url = safe_url(candidate) if candidate else None
        if url and url.startswith("http"):
            return url
    return ""
