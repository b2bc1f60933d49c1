"""Pelican reader for Markdown with a YAML front-matter block.

Generated articles come from hostile pages, so for them every text field
is HTML-escaped and the rendered body is sanitised with an allow-list
(nh3); hand-written articles are the editors' own and pass as written.
"""
from __future__ import annotations

import datetime as dt
import html
import logging
import re
from typing import Any

import nh3
import yaml
from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import get_date, pelican_open

logger = logging.getLogger(__name__)

# libyaml's safe loader when present: it parses front matter ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

# What a cleaned article body may contain once rendered: text structure,
# links and figures, nothing that runs or loads on its own.
ALLOWED_TAGS = frozenset({
    "p", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "em", "strong", "i", "b", "a", "code", "pre", "figure", "figcaption", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
TEXT_FIELDS = ("title", "author", "source", "publisher", "editor", "summary", "source_url", "lang")


def sanitise_html(content: str) -> str:
    """Rendered HTML in; the same with only allow-listed tags, attributes and URLs."""
    return nh3.clean(content, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=set(ALLOWED_URL_SCHEMES),
                     link_rel="noopener noreferrer nofollow")


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
        with pelican_open(source_path) as text:
            match = FRONT_MATTER.match(text)
            if not match:
                return super().read(source_path)
            try:
                data = yaml.load(match.group(1), Loader=YAML_LOADER) or {}
            except (yaml.YAMLError, ValueError) as err:
                raise ValueError(f"{source_path}: front matter is not valid YAML: "
                                 f"{str(err).splitlines()[0]}") from err
            if not isinstance(data, dict):
                raise ValueError(f"{source_path}: front matter must be a mapping of field: value")
            body = text[match.end():]
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(body)
        generated = "raw_file" in data
        if generated:
            content = sanitise_html(content)
        return content, self.build_metadata(data, generated)

    def build_metadata(self, data: dict[Any, Any], generated: bool) -> dict[str, Any]:
        """Parsed front matter in; Pelican metadata out (escaped when generated)."""
        data = {str(key).lower(): value for key, value in data.items()}
        if "date" not in data and "added" in data:
            data["date"], data["date_unknown"] = data["added"], True
        if "section" in data and "category" not in data:
            data["category"] = data.pop("section")
        meta: dict[str, Any] = {}
        for name, value in data.items():
            if value is None:
                continue
            if generated and name in TEXT_FIELDS:
                value = html.escape(as_text(value), quote=True)
            if name == "tags":
                names = [value] if isinstance(value, str) else list(value or [])
                tags = [Tag(html.escape(as_text(t)) if generated else as_text(t), self.settings)
                        for t in names if as_text(t).strip()]
                if tags:
                    meta["tags"] = tags
            elif name in ("date", "modified"):
                meta[name] = get_date(as_text(value))
            elif name == "category":
                meta[name] = Category(html.escape(as_text(value)) if generated else as_text(value),
                                      self.settings)
            elif name == "author":
                meta["author"] = Author(as_text(value), self.settings)
            elif name == "authors":
                meta["authors"] = [Author(as_text(a), self.settings) for a in
                                   ([value] if isinstance(value, str) else value)]
            elif name == "summary" and not generated:
                self._md.reset()
                meta[name] = self._md.convert(as_text(value))
            elif isinstance(value, (bool, int, float, list)):
                meta[name] = value
            else:
                meta[name] = as_text(value)
        return meta
