"""Stage 2a: a saved HTML page in, the article body as blocks out.

Who does what, in order:
  lxml           parses the page once (libxml2 caps nesting at 256 levels, so
                 pathological markup is cut short instead of recursing);
  page_meta      has read what the markup states (meta tags, JSON-LD,
                 <time>) before anything is removed: the cleaner uses its
                 title and canonical URL, metadata.py the rest;
  HTML_RULES     mark page furniture (nav, share, consent, related, ads ...),
                 never the article's own container; every script, style,
                 iframe and embed is removed, and so is a huge furniture
                 element (a link farm) before anything reads it;
  trafilatura    and its Readability port each pick the main text; their
                 picks are features, not the decision;
  classify_html  cuts the page into blocks and lets a model learned from
                 many sites decide, block by block in page order, which are
                 the article; a block under a furniture rule's match goes,
                 and so does one in a readers' comment container;
  our rendering  turns kept blocks into plain text plus safe inline Markdown
                 with absolute, tracking-free links (links.clean_url);
  BLOCK_RULES    and the editors' furniture keys drop leftover furniture lines.
Every removed block is listed for the review page with the rule that matched
it or the features that weighed most against it.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import logging
import re
from typing import Any, Iterable

import lxml.html
from lxml import etree

from . import classify_html
from .clean_text import furniture_key, unspaced_words
from .css_match import Selector, index_selectors, match_rule
from .escaping import escape_block_start, escape_inline
from .links import safe_url
from .model import DROPPED_ROLES, METADATA_ROLES, Block, Extraction, Line
from .page_meta import HtmlPage, collapse, read_html_page
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
# The class and id values whose rule candidates are remembered across pages,
# at most (a few MB; a run over one outlet's pages meets the same ones).
WORDS_KEPT = 20_000
# A block at the top of the body whose words and the title's overlap by at
# least this share of the larger set (title_overlap) repeats
# the headline, in whatever tag: the digest writes the title in the front
# matter, so the body does not repeat it. A wording the page changed a
# little ("Colorado Suspect Is Silent at His Hearing" under the title
# "Colorado Suspect Is Silent at Hearing") still matches; a lead sentence
# reusing the title's words is longer than that. Read off the training
# sets' pages whose kept body opened with a title-like block; end to end,
# cross-validated by site, 0.7 and 0.9 changed 4 and 5 of dragnet-train's
# pages against 0.8 and none of the corpus's, F1 the same.
TITLE_REPEAT_MIN = 0.8
# The headline stands above the article's first paragraph: a block repeating
# the title is dropped until a kept block of at least this many words (running
# text, not a site's name, a section label or a date) has been kept.
HEADLINE_ABOVE_WORDS = 12
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
# What an lxml text may not hold: C0 controls (tab and newlines aside), U+FFFE and U+FFFF.
NOT_IN_TREE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Inline wrappers unwrapped (text kept) before the rules run: they carry no
# structure, and trafilatura drops some by class ("link", "text") together
# with the words inside.
INLINE_WRAPPERS = ("span", "font")
# Block kinds of page elements.
BLOCK_KINDS = {"h2": "h2", "h3": "h3", "h4": "h3", "li": "li", "blockquote": "quote"}
HEADING_KINDS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
ROLE_OF_KIND = {"p": "body", "h2": "heading", "h3": "heading", "li": "item",
                "quote": "quote", "figure": "caption"}


# --- Rules compiled once -----------------------------------------------------

def compile_block_rules(rules: Iterable[Rule]) -> tuple[tuple[Rule, re.Pattern], ...]:
    """Block rules in; each paired with its compiled regex."""
    return tuple((rule, re.compile(rule.pattern)) for rule in rules)


SELECTOR_INDEX = index_selectors(HTML_RULES)
META_COLUMN = classify_html.feature_names().index("meta_line")
COMPILED_BLOCK_RULES = compile_block_rules(BLOCK_RULES)


# --- Entry point ---------------------------------------------------------------

def strip_html_boilerplate(html: str, furniture: frozenset[str] = frozenset(),
                           page: HtmlPage | None = None) -> Extraction:
    """Decoded HTML page (and its HtmlPage, parsed here if not given) in; the article body as blocks and dropped lines out."""
    try:
        return extract_article(html, furniture, page)
    except Exception:  # a cleaner must never stop the build over one odd page
        LOGGER.exception("HTML cleaner failed on a page; treating it as having no article")
        return Extraction(blocks=())


def extract_article(html: str, furniture: frozenset[str], page: HtmlPage | None = None) -> Extraction:
    """Decoded HTML (and its HtmlPage) in; the Extraction (may raise on internal errors)."""
    # Alone, the cleaner reads only the markup's title, URL and section; the
    # pipeline passes the page it read all the metadata of.
    page = read_html_page(html, full=False) if page is None else page
    analysis = analyse_page(html, helpers=(), page=page) if page is not None else None
    if analysis is None:
        return Extraction(blocks=())
    meta = analysis.meta
    groups = classify_html.block_groups(analysis.blocks)
    texts = [b.text for b in analysis.blocks]
    summary = str(meta.get("description") or "")
    # The quick pair reads no helper's pick: a page it is sure of is decided
    # without them; any other page pays for the helpers and the full pair.
    scores, matrix = classify_html.score_blocks(analysis.rows, groups, quick=True)
    keep = classify_html.decode_blocks(scores, analysis.rows, texts, summary)
    quick = matrix is not None and quick_pair_decides(scores, analysis.rows, keep, texts, str(meta.get("title", "")),
                                                      str(meta.get("section") or ""))
    if not quick and analysis.blocks:
        analysis = add_verdicts(analysis)
        scores, matrix = classify_html.score_blocks(analysis.rows, groups)
        keep = classify_html.decode_blocks(scores, analysis.rows, texts, summary)
    lines: list[Line] = list(analysis.pruned)
    removed = [i for i, kept in enumerate(keep) if not kept]
    for i, reason in zip(removed, drop_reasons(analysis, removed, matrix, quick)):
        raw = analysis.blocks[i]
        role = reason.split("-")[0] if reason.split("-")[0] in METADATA_ROLES | DROPPED_ROLES else "boilerplate"
        lines.append(Line(raw.element.sourceline or 0, raw.text[:MAX_LINE_CHARS], role, reason))
    rendered = [(analysis.blocks[i].element.sourceline or 0, block) for i, kept in enumerate(keep) if kept
                for block in [render_raw_block(analysis.blocks[i], analysis.base)] if block]
    source_line = {id(block): number for number, block in rendered}
    blocks = drop_furniture_blocks([block for _, block in rendered], furniture, meta.get("title", ""), lines,
                                   str(meta.get("section") or ""))
    # body lines carry their source line, as removed ones do: the metadata
    # tells a date line with the headline from one far below the body's start
    lines.extend(Line(source_line[id(block)], block.text, ROLE_OF_KIND.get(block.kind, "body"), "html-main-text")
                 for block in blocks)
    return Extraction(blocks=tuple(blocks), lines=tuple(lines))


def drop_reasons(analysis: "PageAnalysis", removed: list[int], matrix: Any, quick: bool = False) -> list[str]:
    """A page's analysis, its removed blocks, the matrix the deciding model read (and whether that was
    the quick pair) in; why each was removed (text rule or features)."""
    reasons: dict[int, str] = {}
    removed_set = set(removed)
    comment_rule = any(classify_html.outside_comments([i not in removed_set for i in range(len(analysis.rows))],
                                                      analysis.rows))
    for i in removed:
        # a byline or date line inside a reader's comment is the comment's
        # signature ("Posted by: ... at November 10, 2025"), not the article's:
        # it must not reach the metadata as a byline or dateline
        if comment_rule and classify_html.in_comments(analysis.rows[i]):
            reasons[i] = "html-comment-block"
        elif analysis.rows[i][META_COLUMN]:
            reasons[i] = classify_html.metadata_rule(analysis.blocks[i].text) or "html-model: meta line"
    rest = [i for i in removed if i not in reasons]
    for i, reason in zip(rest, classify_html.drop_reasons(
            [analysis.blocks[i].text for i in rest], [analysis.rows[i] for i in rest],
            matrix[rest] if matrix is not None and rest else None, quick)):
        reasons[i] = reason
    return [reasons[i] for i in removed]


def render_raw_block(raw: Any, base: str) -> Block | None:
    """A page block in; a Block of its kind with plain text and safe Markdown links."""
    element = raw.element
    kind = HEADING_KINDS.get(element.tag) or BLOCK_KINDS.get(element.tag)
    if kind is None:
        kind = "li" if element.tag in ("dd", "dt") else "p"
    if kind != "quote" and next(element.iterancestors("blockquote"), None) is not None:
        kind = "quote"
    parts = [(text, (safe_url(href, base) or "") if href and href != "#" else "")
             for text, href in raw.parts]
    return block_from_parts(kind, parts)


@dataclasses.dataclass
class PageAnalysis:
    """A parsed page cut into blocks, with the features the block model reads."""

    root: Any                                 # the tree, scripts and embeds removed
    meta: dict[str, Any]                      # page metadata from the markup
    base: str                                 # URL that relative links resolve against
    blocks: list                              # classify_html.RawBlock, in page order
    rows: list[list[float]]                   # one feature row per block
    pruned: list[Line]                        # furniture the HTML rules removed


def analyse_page(html: str, helpers: tuple[str, ...] = ("trafilatura", "readability"),
                 page: HtmlPage | None = None) -> PageAnalysis | None:
    """Decoded HTML (and its HtmlPage, whose tree is pruned here) in; its blocks and their features, or None for an empty page."""
    page = read_html_page(html) if page is None else page
    if page is None:
        return None
    root, meta = page.root, page.meta
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
    body = root.find("body")
    blocks = classify_html.segment_blocks(body) if body is not None else []
    title = " ".join(str(meta.get("title", "")).lower().split())
    rows = classify_html.block_features(blocks, classify_html.PageInfo(title, ()))
    return add_verdicts(PageAnalysis(root, meta, base, blocks, rows, pruned), helpers)


def add_verdicts(analysis: PageAnalysis, helpers: tuple[str, ...] = ("trafilatura", "readability")) -> PageAnalysis:
    """A page's analysis (and the helpers to ask) in; the same page with the feature columns the
    helpers' picks give (classify_html.HELPER_FEATURES) filled in."""
    kept = []
    if analysis.blocks:     # the helpers work on copies of the tree; a page without blocks needs no verdict
        if "trafilatura" in helpers:
            main = run_trafilatura(analysis.root)
            kept.append(classify_html.trigrams(" ".join(main.itertext())) if main is not None else frozenset())
        if "readability" in helpers:
            kept.append(classify_html.trigrams(run_readability(analysis.root)))
    if not kept:
        return analysis
    return dataclasses.replace(analysis, rows=classify_html.add_helper_columns(analysis.blocks, analysis.rows,
                                                                               tuple(kept)))


def run_readability(root: lxml.html.HtmlElement) -> str:
    """Tree in; the text trafilatura's Readability port takes for the article ("" if none)."""
    try:
        trafilatura = load_trafilatura()
    except ImportError:
        return ""
    try:
        summary = trafilatura.external.try_readability(copy.deepcopy(root))
    except (RecursionError, ValueError, TypeError):
        return ""
    return " ".join(summary.itertext()) if summary is not None else ""


def remove_unsafe(root: lxml.html.HtmlElement) -> None:
    """Tree in; scripts, styles, embeds and their content removed in place."""
    for element in list(root.iter(*UNSAFE_TAGS)):
        remove_element(element)


def remove_element(element: Any) -> None:
    """Element in; it and its content gone, its tail text kept."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    if element.tag in VOID_TAGS:
        scrub_texts((parent, "text"), (previous, "tail"), (element, "text"), (element, "tail"),
                    (element[-1] if len(element) else None, "tail"))
        element.drop_tag()              # whatever the parser nested inside belongs to the page
        return
    tail = element.tail
    if tail and tail.strip():
        scrub_texts((parent, "text"), (previous, "tail"), (element, "tail"))
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def scrub_texts(*texts: tuple[Any, str]) -> None:
    """The (element or None, "text" or "tail") places a removal is about to join in; the control
    characters gone from them."""
    # lxml's parser keeps C0 controls in the tree but refuses a text that
    # holds one ("All strings must be XML compatible"), so joining texts
    # beside a removed element failed the whole page. A browser shows none
    # of them. Only the texts to be joined are touched: the rest of the
    # page, and every page without them, stays as parsed.
    for node, attr in texts:
        value = getattr(node, attr) if node is not None else None
        if value and NOT_IN_TREE.search(value):
            setattr(node, attr, NOT_IN_TREE.sub("", value))


def match_furniture(root: lxml.html.HtmlElement) -> list[tuple[Any, int]]:
    """Tree in; the outermost elements HTML_RULES match, with their rule, in page order."""
    # A matched element's content is never visited: a huge link farm costs one match.
    body = root.find("body")
    if body is None:
        return []
    memo = SELECTOR_INDEX.words_seen
    if len(memo) >= WORDS_KEPT:
        memo.clear()
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


def forget_class_names() -> None:
    """The HTML rule index forgets the class and id values it has met (a benchmark's pass then meets its pages as a run first does)."""
    SELECTOR_INDEX.words_seen.clear()


def find_matches(container: Any, memo: dict[tuple[str, str], list[Selector]]) -> list[tuple[Any, int]]:
    """Element in; the outermost descendants HTML_RULES match, with their rule, in page order."""
    found = []
    walker = etree.iterwalk(container, events=("start",))    # depth first, in page order
    next(walker)                                              # the container itself
    for _, element in walker:
        if not isinstance(element.tag, str):
            continue
        rule = match_rule(element, SELECTOR_INDEX, memo)
        if rule >= 0:
            found.append((element, rule))
            walker.skip_subtree()
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
    # trafilatura_sequence's cascade as it runs with our options (precision,
    # comments off, fast), and bare_extraction's size check. The cascade
    # copies the tree twice more, for steps these options skip, and
    # bare_extraction also renders the body as text, which is not read
    # here. tests/test_clean_html.py checks that both give the same body.
    try:
        trafilatura = load_trafilatura()
    except ImportError as error:     # e.g. justext without lxml_html_clean
        LOGGER.error("trafilatura cannot be imported (%s); using the main container only", error)
        return None
    options = trafilatura_options()
    try:
        tree = copy.copy(root)                   # the one copy: every step below prunes in place
        processing, xpaths = trafilatura.htmlprocessing, trafilatura.xpaths
        is_forum = trafilatura.core._forum_thread_page(tree)
        processing.prune_unwanted_nodes(tree, xpaths.RAW_TREE_PRUNE_XPATH)
        processing.prune_unwanted_nodes(tree, xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH)
        tree = processing.convert_tags(processing.tree_cleaning(tree, options), options, None)
        if not is_forum:
            tree = processing.prune_unwanted_nodes(tree, xpaths.REMOVE_COMMENTS_XPATH)
        body, text = trafilatura.main_extractor.extract_content(tree, options)
    except (RecursionError, ValueError, TypeError):
        return None
    # bare_extraction's size check; no comments were read, so theirs is 0 long
    if len(text) < options.min_output_size and 0 < options.min_output_comm_size:
        return None
    return body


@functools.cache
def load_trafilatura() -> Any:
    """The trafilatura package with the modules the cleaner calls, imported once (a heavy import,
    paid on first use only, and an import statement costs microseconds a page; raises ImportError)."""
    import trafilatura.core
    import trafilatura.external
    import trafilatura.htmlprocessing
    import trafilatura.main_extractor
    import trafilatura.xpaths
    return trafilatura


@functools.cache
def trafilatura_options() -> Any:
    """trafilatura's extraction options, made once: reading them from its config costs a page's parse."""
    from trafilatura.settings import Extractor  # heavy import, paid on first use only
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


# --- Leftover furniture ------------------------------------------------------------

def drop_furniture_blocks(blocks: list[Block], furniture: frozenset[str], title: str,
                          lines: list[Line], section: str = "") -> list[Block]:
    """Blocks, the furniture keys, the page's title and the section it states in; those that are known
    furniture, BLOCK_RULES matches, the title or the section's label dropped."""
    kept: list[Block] = []
    title_key = furniture_key(title) if title else ""
    section_key = furniture_key(section) if section else ""
    headlines: list[tuple[Block, Line]] = []
    has_body = False
    for block in blocks:
        rule = furniture_rule(block, furniture, title_key, has_body, section_key)
        if rule:
            lines.append(Line(0, block.text[:MAX_LINE_CHARS], "boilerplate", rule))
            if rule == "title-repeat":
                headlines.append((block, lines[-1]))
        else:
            kept.append(block)
            has_body = has_body or count_running_words(block.text) >= HEADLINE_ABOVE_WORDS
    if not kept and headlines:
        # the headline alone is the body rather than none: the page stays an article
        restored = {id(line) for _, line in headlines}
        lines[:] = [line for line in lines if id(line) not in restored]
        return [block for block, _ in headlines]
    return kept


def quick_pair_decides(scores: list[float], rows: list[list[float]], keep: list[bool], texts: list[str],
                       title: str, section: str) -> bool:
    """The quick pair's scores of a page's blocks, their features, its decision, the blocks' texts, the
    page's title and stated section in; True when its decision stands: it keeps a block and is sure of
    every block whose fate no later rule settles (classify_html.sure_of)."""
    # An empty body is the costliest decision (the digest skips the page):
    # the quick pair never makes it alone. Two of dragnet-train's photo
    # posts, whose one short line the full pair keeps, lost their article to it.
    return any(keep) and classify_html.sure_of(scores, rows, settled_blocks(texts, keep, title, section))


def settled_blocks(texts: list[str], keep: list[bool], title: str, section: str) -> frozenset[int]:
    """A page's blocks' texts, which of them the model keeps, the page's title and stated section in; the
    blocks above the first kept block of running text that repeat the title or the section: if kept,
    drop_furniture_blocks drops them (title-repeat, section-repeat), so the body is the same whichever
    side of the threshold they score (none when no running text is kept: the headline may then be the body)."""
    first = next((i for i, (text, kept) in enumerate(zip(texts, keep))
                  if kept and count_running_words(text) >= HEADLINE_ABOVE_WORDS), None)
    if first is None or not (title or section):
        return frozenset()
    title_key = furniture_key(title) if title else ""
    section_key = furniture_key(section) if section else ""
    return frozenset(i for i, text in enumerate(texts[:first])
                     if furniture_rule(Block("p", text), frozenset(), title_key, False, section_key)
                     in ("title-repeat", "section-repeat"))


def count_running_words(text: str) -> int:
    """A block's text in; its words as the text cleaner counts a line's (clean_text.unspaced_words) out.

    A paragraph in a script that does not space its words (Chinese, Japanese)
    counts one word per CHARS_PER_WORD characters: split at spaces, a whole
    Japanese paragraph is one word, and a block repeating the title or the
    section was looked for through the whole body."""
    return unspaced_words(text, len(text.split()))


def furniture_rule(block: Block, furniture: frozenset[str], title_key: str,
                   has_body: bool, section_key: str = "") -> str:
    """Block, the furniture keys, the title's and the stated section's keys in (and whether running text is kept
    above it); the name of the rule that makes it furniture, or ""."""
    if not any(ch.isalnum() for ch in block.text):
        return "empty-block"            # the only blocks whose furniture key is empty
    if furniture or ((title_key or section_key) and not has_body):
        key = furniture_key(block.text)   # worked out only when something can match it
        if key in furniture:
            return "recurring-line"
        if (not has_body and title_key
                and title_overlap(set(key.split()), set(title_key.split())) >= TITLE_REPEAT_MIN):
            return "title-repeat"
        # The section the page states ("文化・教育", "World"), set as a label
        # above the headline or the first paragraph inside the article's
        # container, where the block model keeps it with the text around it:
        # the front matter holds the section, so the body does not repeat it.
        # The whole label only: a heading that names the section among other
        # words is the article's own.
        if not has_body and section_key and key == section_key:
            return "section-repeat"
    for rule, pattern in COMPILED_BLOCK_RULES:
        if pattern.search(block.text):
            return rule.name
    return ""


def title_overlap(words: set[str], title: set[str]) -> float:
    """A block's and the title's word sets in; the words they share over the larger set's
    size (1.0 for the title itself; a lead sentence that reuses its words is longer)."""
    return len(words & title) / max(len(words), len(title)) if words and title else 0.0


# --- Links ------------------------------------------------------------------------------

def base_url(root: Any, canonical: str) -> str:
    """Page and its canonical URL in; the URL relative links resolve against."""
    for base in root.iter("base"):
        href = safe_url(base.get("href") or "", canonical)
        if href and href.startswith("http"):
            return href
    return canonical
