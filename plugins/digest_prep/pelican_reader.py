"""Pelican reader for Markdown with a YAML front-matter block.

This reader is the one door to the site, for generated and hand-written
Markdown alike. Front-matter fields come out as plain text (the theme
escapes them: Jinja autoescaping), with bidi overrides and zero-width
characters taken out of one-line fields; a URL that is not http, https or
mailto, and a language or direction not in the closed lists, are dropped
with a warning naming the file. HTML comes out only through an allow-list
sanitiser (nh3): the body and summary of a generated article through the
strict list of what a cleaned article holds, an editor's own through
nh3's general one (no script, no handler, no unsafe URL).
"""
from __future__ import annotations

import datetime as dt
import html
import logging
import os
import re
import time
from typing import Any

import nh3
import yaml
from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import get_date, pelican_open, slugify

from .links import SAFE_SCHEMES, clean_url
from .language import clean_lang
from .read import RAW_FRONT_MATTER as FRONT_MATTER, YAML_LOADER

logger = logging.getLogger(__name__)


# What a cleaned article body may contain once rendered: text structure,
# links and figures, nothing that runs or loads on its own.
ALLOWED_TAGS = frozenset({
    "p", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "em", "strong", "i", "b", "a", "code", "pre", "figure", "figcaption", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
ALLOWED_URL_SCHEMES = SAFE_SCHEMES
# One-line fields shown as names and headings: a bidi override (U+202A-202E,
# U+2066-2069) would reverse the text after it, even the page's <title>
# suffix, and zero-width characters hide what a name really is. Zero-width
# (non-)joiners stay: Persian and emoji need them.
LINE_FIELDS = frozenset({"title", "author", "source", "publisher", "editor", "category",
                         "tags", "authors"})
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
URL_FIELDS = frozenset({"source_url"})
DIRECTIONS = frozenset({"ltr", "rtl", "auto"})
# Fields that land in an attribute (href, lang, dir, the page's file name):
# each must pass its own check, or it is dropped with a warning.
ATTRIBUTE_FIELDS = URL_FIELDS | {"lang", "dir", "slug"}
# A slug names the page's file: letters, digits, "-", "_" and inner dots.
SLUG = re.compile(r"\w[\w.-]*")


def sanitise_html(content: str) -> str:
    """Rendered HTML of a generated article in; the same with only allow-listed tags, attributes and URLs."""
    return nh3.clean(content, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=set(ALLOWED_URL_SCHEMES),
                     link_rel="noopener noreferrer nofollow")


def sanitise_editor_html(content: str) -> str:
    """Rendered HTML an editor wrote in; the same with nh3's general allow-list and safe URLs only."""
    return nh3.clean(content, url_schemes=set(ALLOWED_URL_SCHEMES))


def clean_line(value: Any) -> str:
    """A one-line front-matter value in; its text without bidi overrides or zero-width characters."""
    return INVISIBLE.sub("", as_text(value))


def make_taxon(kind: type, name: str, settings: dict) -> Any:
    """Tag, Category or Author class, a plain-text name and settings in; the taxon out.

    Its slug is made from the name as HTML would hold it, so a name that
    looks like markup ("<b>") keeps a slug instead of losing it to the
    tag-stripping in Pelican's slugify.
    """
    taxon = kind(name, settings)
    taxon.slug = kind(html.escape(name, quote=False), settings).slug
    return taxon


def as_text(value: Any) -> str:
    """YAML scalar in; its text (dates in ISO form)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


class DigestMarkdownReader(MarkdownReader):
    """Markdown reader taking metadata from a leading `---` YAML block."""

    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def read(self, source_path: str):
        """Markdown file path in; (HTML content, metadata) out."""
        self._source_path = source_path
        with pelican_open(source_path) as text:
            match = FRONT_MATTER.match(text)
            if not match:
                return self.read_plain(source_path)
            try:
                data = yaml.load(match.group(1), Loader=YAML_LOADER) or {}
            except (yaml.YAMLError, ValueError) as err:
                raise ValueError(f"{source_path}: front matter is not valid YAML: "
                                 f"{str(err).splitlines()[0]}") from err
            if not isinstance(data, dict):
                raise ValueError(f"{source_path}: front matter must be a mapping of field: value")
            body = text[match.end():]
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(body)
        generated = "raw_file" in data
        content = sanitise_html(content) if generated else sanitise_editor_html(content)
        if generated:                   # a raw page's text may not reorder or hide what readers see
            content = INVISIBLE.sub("", content)
        return content, self.build_metadata(data, generated)

    def build_metadata(self, data: dict[Any, Any], generated: bool) -> dict[str, Any]:
        """Parsed front matter in; Pelican metadata out: plain text, HTML only where sanitised."""
        data = {str(key).lower(): value for key, value in data.items()}
        if "date" not in data and "added" in data:
            data["date"], data["date_unknown"] = data["added"], True
        if "section" in data and "category" not in data:
            data["category"] = data.pop("section")
        meta: dict[str, Any] = {}
        for name, value in data.items():
            if value is None:
                continue
            if name in LINE_FIELDS and not isinstance(value, list):
                value = clean_line(value)
            if name == "tags":
                names = [value] if isinstance(value, str) else list(value or [])
                tags = [make_taxon(Tag, clean_line(t), self.settings)
                        for t in names if clean_line(t).strip()]
                if tags:
                    meta["tags"] = tags
            elif name in ("date", "modified"):
                try:
                    meta[name] = get_date(as_text(value))
                except (ValueError, OverflowError):
                    self.warn_dropped(data, name, value, "not a date")
            elif name == "category":
                meta[name] = make_taxon(Category, value, self.settings)
            elif name == "author":
                meta["author"] = make_taxon(Author, value, self.settings)
            elif name == "authors":
                meta["authors"] = [make_taxon(Author, clean_line(a), self.settings) for a in
                                   ([value] if isinstance(value, str) else value)]
            elif name == "summary":
                meta[name] = self.render_summary(as_text(value), generated)
            elif name in ATTRIBUTE_FIELDS:
                checked = self.check_attribute(data, name, value)
                if checked is not None:
                    meta[name] = checked
            elif isinstance(value, (bool, int, float, list)):
                meta[name] = value
            else:
                meta[name] = as_text(value)
        if "date" not in meta:               # no readable date: listed by the day it was added
            try:
                meta["date"] = get_date(as_text(data.get("added")))
            except (ValueError, OverflowError):
                meta["date"] = dt.datetime.fromtimestamp(
                    int(os.environ.get("SOURCE_DATE_EPOCH", time.time())), dt.timezone.utc).replace(tzinfo=None)
            meta["date_unknown"] = True
        return meta

    def render_summary(self, text: str, generated: bool) -> str:
        """Front-matter summary in; sanitised HTML out (a generated one is plain text, an editor's Markdown)."""
        if generated:
            return sanitise_html(html.escape(" ".join(text.split()), quote=False))
        self._md.reset()
        return sanitise_editor_html(self._md.convert(text))

    def read_plain(self, source_path: str):
        """Markdown path with Pelican's own `Key: value` metadata in; (HTML, metadata) as checked as ours."""
        content, meta = super().read(source_path)
        meta = dict(meta)
        for name in ATTRIBUTE_FIELDS & set(meta):
            checked = self.check_attribute(meta, name, meta.pop(name))
            if checked is not None:
                meta[name] = checked
        if "summary" in meta:
            meta["summary"] = sanitise_editor_html(str(meta["summary"]))
        if isinstance(meta.get("title"), str):
            meta["title"] = clean_line(meta["title"])
        return sanitise_editor_html(content), meta

    def check_attribute(self, data: dict[str, Any], name: str, value: Any) -> str | None:
        """Front matter, and one of its fields that lands in an attribute, in; the value safe to print, or None."""
        text = as_text(value).strip()
        if name in URL_FIELDS:
            checked, why = clean_url(text), "not an http, https or mailto address"
        elif name == "lang":
            checked, why = clean_lang(text), "not a known language code"
        elif name == "dir":
            checked, why = (text.lower() if text.lower() in DIRECTIONS else None), "not one of ltr, rtl, auto"
        else:                                   # slug: remade from its letters when it is no file name
            checked = text if SLUG.fullmatch(text) else slugify(
                html.escape(text, quote=False),
                regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])) or "article"
            why = f"not a file name; {checked!r} used"
        if checked is None or (name == "slug" and checked != text):
            self.warn_dropped(data, name, value, why)
        return checked

    def warn_dropped(self, data: dict[str, Any], name: str, value: Any, why: str) -> None:
        """Front matter, a field's name and value, and why it cannot be published in; a warning naming the file."""
        origin = f" (from {data['raw_file']})" if data.get("raw_file") else ""
        logger.warning("%s%s: %s %r is %s%s", getattr(self, "_source_path", "?"), origin,
                       name, as_text(value)[:80], why, "" if ";" in why else "; dropped")
