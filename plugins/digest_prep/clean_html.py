"""Stage 2a: a saved HTML page in, the article body as blocks plus page metadata out.

Who does what, in order:
  lxml           parses the page once (libxml2 caps nesting at 256 levels, so
                 pathological markup is cut short instead of recursing);
  our metadata   reads meta tags, JSON-LD and <time> for page_meta, keeping
                 the time zone of dates (htmldate only when none is declared);
  HTML_RULES     mark page furniture (nav, share, consent, related, ads ...),
                 never the article's own container; every script, style,
                 iframe and embed is removed, and so is a huge furniture
                 element (a link farm) before anything reads it;
  trafilatura    and its Readability port each pick the main text; their
                 picks are features, not the decision;
  classify_html  cuts the page into blocks and lets a model learned from
                 many sites decide, block by block in page order, which are
                 the article; a block under a furniture rule's match goes;
  our rendering  turns kept blocks into plain text plus safe inline Markdown
                 with absolute, tracking-free links (links.clean_url);
  BLOCK_RULES    and the editors' furniture keys drop leftover furniture lines.
Every removed block is listed for the review page with the rule that matched
it or the features that weighed most against it.
"""
from __future__ import annotations

import copy
import functools
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, Iterable, Iterator

import lxml.html
from lxml import etree

from . import classify_html
from .clean_text import furniture_key
from .css_match import Selector, index_selectors, match_rule
from .escaping import escape_block_start, escape_inline
from .links import clean_url
from .model import DROPPED_ROLES, METADATA_ROLES, Block, Extraction, Line
from .page_meta import find_headline
from .rules import BLOCK_RULES, HTML_RULES, Rule

LOGGER = logging.getLogger(__name__)

# --- Thresholds --------------------------------------------------------------

# On a page without paragraphs to locate the article by, a rule match holding
# more than this share of the page's text is a layout wrapper whose class
# happens to contain a furniture word ("has-sidebar", "page-with-comments"),
# not furniture. Tuned on the 50 pages of the extraction corpus: real
# furniture never held more than a fifth.
MAX_FURNITURE_SHARE = 0.4
# The paragraphs outside furniture make the article's container if they hold
# at least this share of the text of the largest paragraph container. Tuned
# on the extraction corpus: where a rule swallowed the article's container,
# what was left outside held at most a tenth of its text.
MIN_MAIN_SHARE = 0.2
# Below this many characters a wrapper is never protected by the share test.
MIN_PROTECTED_CHARS = 400
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
# Lines of the review report keep this many characters of a removed block.
MAX_LINE_CHARS = 300

# Elements never rendered whatever the rules say: active content and
# embeds. Removed with their content before anything else looks at the tree.
UNSAFE_TAGS = ("script", "style", "noscript", "template", "iframe", "frame",
               "frameset", "object", "embed", "applet", "svg", "math",
               "canvas", "link", "meta", "base")
# Elements that never hold content; libxml2 does not know all of them
# (<embed>) and may nest the rest of the page inside one.
VOID_TAGS = frozenset({"embed", "base", "link", "meta", "param", "source", "track",
                       "img", "input", "area", "br", "hr", "wbr", "col", "keygen"})
# Inline wrappers unwrapped (text kept) before the rules run: they carry no
# structure, and trafilatura drops some by class ("link", "text") together
# with the words inside.
INLINE_WRAPPERS = ("span", "font")
# Block kinds of page elements.
BLOCK_KINDS = {"h2": "h2", "h3": "h3", "h4": "h3", "li": "li", "blockquote": "quote"}
HEADING_KINDS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
ROLE_OF_KIND = {"p": "body", "h2": "heading", "h3": "heading", "li": "item",
                "quote": "quote", "figure": "caption"}

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
META_KEYWORDS = ("keywords", "news_keywords", "article:tag", "parsely-tags")
META_LANG = ("content-language", "og:locale", "dc.language", "language")
ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle",
                 "analysisnewsarticle", "opinionnewsarticle", "report",
                 "webpage", "liveblogposting")

# Separators between a page title and the site name in <title>.
TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00b7 ", " \u2022 ", " / ")


# --- Rules compiled once -----------------------------------------------------

def compile_block_rules(rules: Iterable[Rule]) -> tuple[tuple[Rule, re.Pattern], ...]:
    """Block rules in; each paired with its compiled regex."""
    return tuple((rule, re.compile(rule.pattern)) for rule in rules)


SELECTOR_INDEX = index_selectors(HTML_RULES)
META_COLUMN = classify_html.feature_names().index("meta_line")
COMPILED_BLOCK_RULES = compile_block_rules(BLOCK_RULES)
PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                          recover=True, encoding="utf-8", default_doctype=False)
# lxml.html's own parser picks each element's class in Python, a call for
# every element touched; one C-level default gives the same HtmlElement API.
PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement))


# --- Entry point ---------------------------------------------------------------

def strip_html_boilerplate(html: str, furniture: frozenset[str] = frozenset()) -> Extraction:
    """Decoded HTML page in; the article body as blocks, dropped lines and page metadata out."""
    try:
        return extract_article(html, furniture)
    except Exception:  # a cleaner must never stop the build over one odd page
        LOGGER.exception("HTML cleaner failed on a page; treating it as having no article")
        return Extraction(blocks=())


def extract_article(html: str, furniture: frozenset[str]) -> Extraction:
    """Decoded HTML in; the Extraction (may raise on internal errors)."""
    analysis = analyse_page(html)
    if analysis is None:
        return Extraction(blocks=())
    meta = analysis.meta
    scores, matrix = classify_html.score_blocks(analysis.rows, classify_html.block_groups(analysis.blocks))
    keep = classify_html.decode_blocks(scores, analysis.rows)
    lines: list[Line] = list(analysis.pruned)
    removed = [i for i, kept in enumerate(keep) if not kept]
    for i, reason in zip(removed, drop_reasons(analysis, removed, matrix)):
        raw = analysis.blocks[i]
        role = reason.split("-")[0] if reason.split("-")[0] in METADATA_ROLES | DROPPED_ROLES else "boilerplate"
        lines.append(Line(raw.element.sourceline or 0, raw.text[:MAX_LINE_CHARS], role, reason))
    blocks = [block for i, kept in enumerate(keep) if kept
              for block in [render_raw_block(analysis.blocks[i], analysis.base)] if block]
    blocks = drop_furniture_blocks(blocks, furniture, meta.get("title", ""), lines)
    lines.extend(Line(0, block.text, ROLE_OF_KIND.get(block.kind, "body"), "html-main-text")
                 for block in blocks)
    return Extraction(blocks=tuple(blocks), lines=tuple(lines), page_meta=meta)


def drop_reasons(analysis: "PageAnalysis", removed: list[int], matrix: Any) -> list[str]:
    """A page's analysis and its removed blocks in; why each was removed (text rule or features)."""
    reasons: dict[int, str] = {}
    for i in removed:
        if i not in reasons and analysis.rows[i][META_COLUMN]:
            reasons[i] = classify_html.metadata_rule(analysis.blocks[i].text) or "html-model: meta line"
    rest = [i for i in removed if i not in reasons]
    for i, reason in zip(rest, classify_html.drop_reasons(
            [analysis.blocks[i].text for i in rest], [analysis.rows[i] for i in rest],
            matrix[rest] if matrix is not None and rest else None)):
        reasons[i] = reason
    return [reasons[i] for i in removed]


def render_raw_block(raw: Any, base: str) -> Block | None:
    """A page block in; a Block of its kind with plain text and safe Markdown links."""
    element = raw.element
    kind = HEADING_KINDS.get(element.tag) or BLOCK_KINDS.get(element.tag)
    if kind is None:
        kind = "li" if element.tag in ("dd", "dt") else "p"
    if kind != "quote" and any(a.tag == "blockquote" for a in element.iterancestors()):
        kind = "quote"
    parts = [(text, (safe_url(href, base) or "") if href and href != "#" else "")
             for text, href in raw.parts]
    return block_from_parts(kind, parts)


@dataclass
class PageAnalysis:
    """A parsed page cut into blocks, with the features the block model reads."""

    root: Any                                 # the tree, scripts and embeds removed
    meta: dict[str, Any]                      # page metadata from the markup
    base: str                                 # URL that relative links resolve against
    blocks: list                              # classify_html.RawBlock, in page order
    rows: list[list[float]]                   # one feature row per block
    pruned: list[Line]                        # furniture the HTML rules removed


def analyse_page(html: str, helpers: tuple[str, ...] = ("trafilatura", "readability")) -> PageAnalysis | None:
    """Decoded HTML in; its blocks and their features, or None for an empty page."""
    root = parse_html(html)
    if root is None:
        return None
    meta = extract_page_meta(root, len(html))
    base = base_url(root, meta.get("url", ""))
    remove_unsafe(root)
    etree.strip_tags(root, *INLINE_WRAPPERS)
    pruned = []
    for element, rule in match_furniture(root):
        # furniture the rules settle: gone before trafilatura and the model read the page
        text = collapse(element.text_content())
        if text:
            pruned.append(Line(element.sourceline or 0, text[:MAX_LINE_CHARS], "boilerplate",
                               SELECTOR_INDEX.rules[rule].name))
        remove_element(element)
    kept = []
    if "trafilatura" in helpers:
        body = run_trafilatura(root)
        kept.append(classify_html.trigrams(" ".join(body.itertext())) if body is not None else frozenset())
    if "readability" in helpers:
        kept.append(classify_html.trigrams(run_readability(root)))
    body = root.find("body")
    blocks = classify_html.segment_blocks(body) if body is not None else []
    title = " ".join(str(meta.get("title", "")).lower().split())
    info = classify_html.PageInfo(title, tuple(kept))
    return PageAnalysis(root, meta, base, blocks, classify_html.block_features(blocks, info), pruned)


def run_readability(root: lxml.html.HtmlElement) -> str:
    """Tree in; the text trafilatura's Readability port takes for the article ("" if none)."""
    try:
        from trafilatura.external import try_readability
    except ImportError:
        return ""
    try:
        summary = try_readability(copy.deepcopy(root))
    except (RecursionError, ValueError, TypeError):
        return ""
    return " ".join(summary.itertext()) if summary is not None else ""


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


def remove_unsafe(root: lxml.html.HtmlElement) -> None:
    """Tree in; scripts, styles, embeds and their content removed in place."""
    for element in list(root.iter(*UNSAFE_TAGS)):
        remove_element(element)


def remove_element(element: Any) -> None:
    """Element in; it and its content gone, its tail text kept."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tag in VOID_TAGS:
        element.drop_tag()              # whatever the parser nested inside belongs to the page
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def match_furniture(root: lxml.html.HtmlElement) -> list[tuple[Any, int]]:
    """Tree in; the outermost elements HTML_RULES match, with their rule, in page order."""
    # A matched element's content is never visited: a huge link farm costs one match.
    body = root.find("body")
    if body is None:
        return []
    memo: dict[tuple[str, str], list[Selector]] = {}
    pending = find_matches(body, memo)
    main = find_main_container(body, {element for element, _ in pending})
    if main is not None:
        protected = set(main.iterancestors()) | {main}
        limit = float("inf")
    else:                                # no paragraphs to go by: protect big wrappers
        protected = set()
        limit = max(MIN_PROTECTED_CHARS, len(collapse(body.text_content())) * MAX_FURNITURE_SHARE)
    found = []
    while pending:
        element, rule = pending.pop(0)
        if element in protected or (limit != float("inf")
                                    and len(collapse(element.text_content())) > limit):
            pending[:0] = find_matches(element, memo)   # keep it, look inside it
            continue
        found.append((element, rule))
    return found


def find_matches(container: Any, memo: dict[tuple[str, str], list[Selector]]) -> list[tuple[Any, int]]:
    """Element in; the outermost descendants HTML_RULES match, with their rule, in page order."""
    found = []
    stack = list(reversed(container))    # depth first, in page order
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        rule = match_rule(element, SELECTOR_INDEX, memo)
        if rule >= 0:
            found.append((element, rule))
        else:
            stack.extend(reversed(element))
    return found


def find_main_container(body: Any, furniture: set[Any]) -> Any:
    """Page body and matched furniture in; the element whose paragraphs hold the most text, or None."""
    # Paragraphs inside furniture (reader comments) count only when the rest of
    # the page has little to offer, as when a furniture word sits in the
    # article container's own class ("entry-content-read-more").
    totals: dict[Any, int] = {}
    for p in body.iter("p"):
        parent = p.getparent()
        if parent is not None:
            totals[parent] = totals.get(parent, 0) + len(collapse(p.text_content()))
    if not totals:
        return None
    best = max(totals, key=totals.get)
    outside = {parent: total for parent, total in totals.items()
               if not any(a in furniture for a in parent.iterancestors()) and parent not in furniture}
    if outside:
        candidate = max(outside, key=outside.get)
        if outside[candidate] >= MIN_MAIN_SHARE * totals[best]:
            best = candidate
    return best if totals[best] >= MIN_PROTECTED_CHARS else None


def run_trafilatura(root: lxml.html.HtmlElement) -> Any:
    """Pruned tree in; trafilatura's main-text XML body, or None."""
    try:
        from trafilatura import bare_extraction  # heavy import, paid on first use only
    except ImportError as error:     # e.g. justext without lxml_html_clean
        LOGGER.error("trafilatura cannot be imported (%s); using the main container only", error)
        return None
    try:
        document = bare_extraction(root, options=trafilatura_options())
    except (RecursionError, ValueError, TypeError):
        return None
    return None if document is None else document.body


@functools.cache
def trafilatura_options() -> Any:
    """trafilatura's extraction options, made once: reading them from its config costs a page's parse."""
    from trafilatura.settings import Extractor
    # fast: without trafilatura's own fallbacks (its Readability port and
    # jusText), which cost 40% of its time; the Readability port's pick is
    # a feature of its own (run_readability).
    return Extractor(output_format="python", precision=True, comments=False, links=True,
                     tables=True, images=False, formatting=False, with_metadata=False, fast=True)


# --- Block rendering ----------------------------------------------------------

def block_from_parts(kind: str, parts: list[tuple[str, str]]) -> Block | None:
    """(text, href) runs in; a block with plain text, and Markdown when it has links."""
    text = collapse("".join(t for t, _ in parts))
    if not text:
        return None
    if any(href for _, href in parts):
        return Block(kind, text, render_inline(parts))
    return Block(kind, text)


def render_inline(parts: list[tuple[str, str]]) -> str:
    """(text, href) runs in; inline Markdown with escaped text and safe links."""
    out = []
    for text, href in parts:
        if href and text.strip():
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            out.append(f"{lead}[{escape_inline(collapse(text))}]({quote_href(href)}){trail}")
        else:
            out.append(escape_inline(text))
    return escape_block_start(" ".join("".join(out).split()))


def quote_href(href: str) -> str:
    """Clean absolute URL in; the URL with characters that could end a Markdown link encoded."""
    return (href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            .replace("<", "%3C").replace(">", "%3E").replace('"', "%22")
            .replace("'", "%27").replace("{", "%7B").replace("}", "%7D")
            .replace("[", "%5B").replace("]", "%5D").replace("\\", "%5C")
            .replace("`", "%60").replace("*", "%2A").replace("_", "%5F"))


def safe_url(url: str, base: str = "") -> str | None:
    """URL as written in the page (maybe relative or malformed) in; links.clean_url's answer, None if unparsable."""
    try:
        return clean_url(url, base)
    except ValueError:                  # "http://[broken" is not an IPv6 address
        return None


def collapse(text: str | None) -> str:
    """Text in; whitespace runs collapsed to single spaces, ends trimmed."""
    return " ".join(text.split()) if text else ""


# --- Leftover furniture ------------------------------------------------------------

def drop_furniture_blocks(blocks: list[Block], furniture: frozenset[str], title: str,
                          lines: list[Line]) -> list[Block]:
    """Blocks in; those that are known furniture, BLOCK_RULES matches or the title dropped."""
    kept: list[Block] = []
    title_key = furniture_key(title) if title else ""
    for block in blocks:
        rule = furniture_rule(block, furniture, title_key, bool(kept))
        if rule:
            lines.append(Line(0, block.text[:MAX_LINE_CHARS], "boilerplate", rule))
        else:
            kept.append(block)
    return kept


def furniture_rule(block: Block, furniture: frozenset[str], title_key: str,
                   has_body: bool) -> str:
    """Block in; the name of the rule that makes it furniture, or ""."""
    key = furniture_key(block.text)
    if not key or not any(ch.isalnum() for ch in block.text):
        return "empty-block"
    if key in furniture:
        return "recurring-line"
    if not has_body and key == title_key and block.kind != "p":
        return "title-repeat"
    for rule, pattern in COMPILED_BLOCK_RULES:
        if pattern.search(block.text):
            return rule.name
    return ""


# --- Page metadata --------------------------------------------------------------------

def extract_page_meta(root: Any, page_chars: int = 0) -> dict[str, Any]:
    """Parsed page in; the metadata its markup declares (missing keys left out)."""
    metas = collect_meta(root)
    ld = collect_json_ld(root)
    meta: dict[str, Any] = {}
    site = first_of(metas, META_SITE) or ld_name(ld.get("publisher"))
    if site and not site.startswith(("@", "http")):
        meta["site_name"] = site
    site = meta.get("site_name", "")
    title, meta["title_from"] = find_headline(root, (
        (str(ld.get("headline") or ""), "json-ld"), (first_of(metas, ("og:title",)), "og:title"),
        (first_of(metas, ("twitter:title",)), "twitter:title"), (first_text(root, "//title"), "<title>")),
        site)
    if not title:
        meta["title_from"] = "og:title" if first_of(metas, META_TITLE) else "json-ld" if ld.get(
            "headline") else "h1" if first_text(root, "//h1") else "<title>"
    title = (title or strip_site_suffix(first_of(metas, META_TITLE), site, guess=False)
             or collapse(str(ld.get("headline") or "")) or first_text(root, "//h1")
             or strip_site_suffix(first_text(root, "//title"), site, guess=True))
    if title:
        meta["title"] = title
    else:
        del meta["title_from"]
    for date, meta["date_from"] in (
            (lambda: first_of(metas, META_DATE), "meta published time"),
            (lambda: str(ld.get("datePublished") or ""), "json-ld"),
            (lambda: itemprop_date(root), "microdata"), (lambda: time_date(root), "<time>"),
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
               or [collapse(a.text_content()) for a in root.xpath(
                   "//*[@rel='author' or @itemprop='author']") if collapse(a.text_content())])
    authors = dedupe(clean_author(a) for a in authors)
    if authors:
        meta["authors"] = authors[:10]
    section = first_of(metas, META_SECTION) or ld_first(ld.get("articleSection"))
    if section:
        meta["section"] = section
    description = first_of(metas, META_DESCRIPTION) or collapse(str(ld.get("description") or ""))
    if description:
        meta["description"] = description
    url = canonical_url(root, metas, ld)
    if url:
        meta["url"] = url
    lang = root.get("lang") or root.get("xml:lang") or first_of(metas, META_LANG) or ld_first(ld.get("inLanguage"))
    if lang:
        meta["lang"] = lang.strip().replace("_", "-")[:20]
    keywords = meta_keywords(metas) or split_keywords(ld.get("keywords"))
    if keywords:
        meta["keywords"] = keywords
    return meta


def collect_meta(root: Any) -> dict[str, list[str]]:
    """Page in; <meta> contents by lowercase name/property/itemprop/http-equiv."""
    metas: dict[str, list[str]] = {}
    for element in root.iter("meta"):
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
    for element in root.xpath("//*[@itemprop='datePublished'][@datetime or @content]"):
        return element.get("datetime") or element.get("content")
    return ""


def first_of(metas: dict[str, list[str]], names: Iterable[str]) -> str:
    """Meta contents and names in; the first content found, or ""."""
    for name in names:
        for value in metas.get(name, ()):
            if value:
                return value
    return ""


def first_text(root: Any, xpath: str) -> str:
    """Page and XPath in; the text of the first match, or ""."""
    for element in root.xpath(xpath):
        text = collapse(element.text_content())
        if text:
            return text
    return ""


def collect_json_ld(root: Any) -> dict[str, Any]:
    """Page in; the JSON-LD object describing the article (merged), or {}."""
    found: dict[str, Any] = {}
    for script in root.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
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


def strip_site_suffix(title: str, site: str, guess: bool) -> str:
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


def time_date(root: Any) -> str:
    """Page in; the datetime of the first <time> that looks like a publication date."""
    times = root.xpath("//time[@datetime]")
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
            from dateutil import parser as dateparser
            parsed = dateparser.isoparse(value)
        except (ValueError, OverflowError, ImportError):
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
        from htmldate import find_date as htmldate_find
        return htmldate_find(root, extensive_search=False, original_date=True) or ""
    except Exception:  # htmldate is a best-effort fallback
        return ""


def canonical_url(root: Any, metas: dict[str, list[str]], ld: dict[str, Any]) -> str:
    """Page in; its canonical absolute URL without tracking, or ""."""
    candidates = [link.get("href") or "" for link in root.xpath(
        "//link[contains(concat(' ',translate(@rel,'CANONICAL','canonical'),' '),' canonical ')]")]
    candidates += [first_of(metas, META_URL), ld_first(ld.get("url")),
                   ld_first(ld.get("mainEntityOfPage")) if isinstance(ld.get("mainEntityOfPage"), str) else ""]
    for candidate in candidates:
        url = safe_url(candidate) if candidate else None
        if url and url.startswith("http"):
            return url
    return ""


def base_url(root: Any, canonical: str) -> str:
    """Page and its canonical URL in; the URL relative links resolve against."""
    for base in root.iter("base"):
        href = safe_url(base.get("href") or "", canonical)
        if href and href.startswith("http"):
            return href
    return canonical


def meta_keywords(metas: dict[str, list[str]]) -> list[str]:
    """Meta contents in; keywords, split on commas, deduplicated."""
    words: list[str] = []
    for name in META_KEYWORDS:
        for value in metas.get(name, ()):
            words.extend(split_keywords(value))
    return dedupe(words)


def split_keywords(value: Any) -> list[str]:
    """Keyword string or list in; keywords."""
    if isinstance(value, list):
        words = [collapse(v) for v in value if isinstance(v, str)]
    elif isinstance(value, str):
        words = [collapse(v) for v in value.split(",")]
    else:
        return []
    # CMS internals ("@post-id:123") and broken entities ("&quot") are not keywords
    return dedupe(w for w in words if w[:1].isalnum())
