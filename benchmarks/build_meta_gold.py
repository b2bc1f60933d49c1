#!/usr/bin/env python3
"""Build the metadata gold from what each corpus page's own markup states.

    .venv/bin/python benchmarks/build_meta_gold.py [--out benchmarks/meta_gold.json]

Method. For every `pages/ID.html` of ../shared/corpus and of each folder of
../shared/corpus-train, the page's bytes are decoded as the digest decodes
them and parsed with lxml; only statements the publisher made in markup are
taken, each independently of the digest's own metadata code:

- title: the headline of a JSON-LD Article/NewsArticle/BlogPosting object
  (also inside @graph), else og:title, else a part of the <title> element
  between separators; each taken only when the page shows it: the same
  words are a whole visible line of the page's browser copy (ID.copy.txt;
  ID.txt less its first line, the <title>, where there is no copy), or, for
  a title with the site glued on, a visible heading (h1-h3) is at least 60%
  of it. So the gold is the headline the page shows, confirmed by its markup.
  The site's name is no headline, though a blog's masthead shows it as a
  line: not og:site_name, nor, on sets whose gold article keeps its headline
  (dragnet-train, cleaneval-dev), a title's end ("Joy the Baker" of "Joy the
  Baker - Chai-Spiced Cinnamon Rolls") when the article holds the other end
  as a line and not it; such a page has the next shown part, or no title.
- date: JSON-LD datePublished, else article:published_time, else an
  itemprop=datePublished; the day (YYYY-MM-DD) as stated, and the time with
  its zone where stated (a page's text may give the same moment as a local
  day: the benchmark takes a day within 14 hours of it). dateModified /
  article:modified_time is kept apart as `modified`.
- author: JSON-LD author objects of @type Person (or plain strings), else
  <meta name=author> / article:author when it is not a URL; a leading "By"
  removed, and anything after a <br> or a role (", AP Auto Writer"); dropped when it names an organisation
  (the site name, the URL's domain, an opening "The", or a word such as
  News, Times, Staff, Blog, Desk, Ltd, or a wire such as Reuters or AP),
  and kept only when two to four capitalised words (a person's name).
- publisher: og:site_name, else the JSON-LD publisher's name.
- section: JSON-LD articleSection, else article:section.
- url (not scored; it names the outlet hosting the page): og:url, else the
  URL the set's gold.json gives.
- language: <html lang>, else content-language / og:locale / inLanguage;
  the primary subtag.

A field the markup does not state is left out; the benchmark scores a field
only on pages that state it. A sample of the output was checked by hand
against the pages (see benchmarks/meta_gold_checked.md).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPUS, CORPUS_TRAIN, SHARED  # noqa: E402
from digest_prep.read import decode_bytes  # noqa: E402

ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle",
                 "analysisnewsarticle", "opinionnewsarticle", "liveblogposting", "report"}
TITLE_SPLIT = re.compile(r"\s+(?:\||-|::|\u2014|\u2013|\u00bb)\s+")
SPACES = re.compile(r"\s+")
# The separators between a title's headline and its site's name, a colon too ("Site: Headline").
TITLE_ENDS = re.compile(r"\s*[:|\u00bb\u00ab]\s*|\s+(?:-|::|\u2014|\u2013)\s+")
# Sets whose gold article (gold.json's articleBody) keeps the headline: dragnet's and
# CleanEval's conventions. The corpus's and l3s-gn1's hold the body only.
ARTICLE_KEEPS_HEADLINE = ("corpus-train/dragnet-train", "corpus-train/cleaneval-dev")


def collapse(value) -> str:
    """Any value in; its text with whitespace collapsed ("" for non-strings)."""
    return SPACES.sub(" ", value).strip() if isinstance(value, str) else ""


def walk(data, depth=0):
    """Parsed JSON-LD in; every object in it and in its @graph."""
    if depth > 5:
        return
    if isinstance(data, list):
        for item in data:
            yield from walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from walk(data[key], depth + 1)


def json_ld_article(root) -> dict:
    """Page in; the first JSON-LD object typed as an article, or {}."""
    for script in root.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for item in walk(data):
            types = item.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            if any(str(t).lower() in ARTICLE_TYPES for t in types):
                return item
    return {}


def metas(root) -> dict[str, str]:
    """Page in; the first content of each <meta> by lower-case name/property."""
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        content = collapse(element.get("content"))
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attr) or "").strip().lower()
            if key and content:
                found.setdefault(key, content)
    return found


def name_of(value) -> str:
    """JSON-LD value in; its name."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return collapse(value)


def person_names(value) -> list[str]:
    """JSON-LD author value in; the names of persons (organisations left out)."""
    names = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            kind = str(item.get("@type") or "Person").lower()
            if kind == "person":
                names.append(collapse(item.get("name")))
        elif isinstance(item, str):
            names.append(collapse(item))
    return [n for n in names if n and not n.startswith("http")]


def day_of(value: str) -> str:
    """Stated date in; its YYYY-MM-DD day, or "" when it does not start with one."""
    match = re.match(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)", collapse(value))
    return "-".join(match.groups()) if match else ""


def visible_lines(path: Path) -> set[str]:
    """Text dump path in; its lines, normalised."""
    if not path.is_file():
        return set()
    return {norm(line) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()}


def norm(text: str) -> str:
    """Text in; lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def shown_headline(value: str, lines: set[str], headings: set[str]) -> str:
    """A stated title and the page's visible lines and headings in; the headline as the page shows it, or ""."""
    if len(value.split()) < 3:
        return ""
    key = norm(value)
    if key in lines and (key in headings or len(value.split()) >= 4):
        return value
    # og:title with the site glued on ("Site: Headline"): the visible line it holds
    for line in headings:
        if len(line.split()) >= 3 and line in key and len(line) >= 0.6 * len(key) and line in lines:
            return line
    return ""


def is_person(name: str, site: str, url: str) -> bool:
    """An author value in; False when it names an organisation (the site, its domain, a desk)."""
    key = norm(name)
    if not key or key.replace(" ", "") in {norm(site).replace(" ", ""), ""}:
        return False
    if key.startswith("the ") or re.search(r"(?:news|times|post|daily)\b", key):
        return False
    if re.search(r"\b(?:news|times|press|staff|blog|magazine|media|daily|journal|sun|post|tribune"
                 r"|herald|online|com|editor|editors|team|desk|agency|wire|network|newsroom|ltd|inc|llc"
                 r"|reuters|afp|ap|associated press|xinhua|bloomberg|upi|dpa|efe|ansa)\b", key):
        return False
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w in ("de", "van", "von", "bin", "al", "da")
                                           for w in words):
        return False                    # a person is named by two to four capitalised words
    if re.search(r"\b(?:channel|author|interactive|design|leader|cbs|nbc|abc|cnn|bbc)\b", key):
        return False
    host = re.sub(r"^www\.", "", re.sub(r"^\w+://", "", url).split("/")[0].lower())
    return not (host and key.replace(" ", "") in host.replace(".", ""))


def names_site(shown: str, stated: str, article: set[str]) -> bool:
    """A shown line, the title it was found in and the set's gold article lines (folded) in;
    True when the line is the title's site part, not its headline.

    A title is "Site: Headline" or "Headline | Site". Where the gold article holds one end of
    the title, up to a separator, as a line of its own ("Schneier on Security: Micromorts", the
    article headed "Micromorts"; "Joy the Baker - Chai-Spiced Cinnamon Rolls"), a line that is
    not that end is the site's name, even when the page shows it (its masthead). Only for sets
    whose gold article keeps its headline (ARTICLE_KEEPS_HEADLINE)."""
    parts = [norm(part) for part in TITLE_ENDS.split(stated)]
    ends = {" ".join(parts[:cut]) for cut in range(1, len(parts))}
    ends |= {" ".join(parts[cut:]) for cut in range(1, len(parts))}
    held = ends & article
    line = norm(shown)
    return bool(held) and not any(end in line or line in end for end in held)


def read_page(path: Path, page_url: str = "", article: str = "") -> dict[str, dict[str, str]]:
    """Saved page in; {field: {"value": ..., "from": evidence}} for what its markup states.

    `article`: the set's gold article text for the page (gold.json's articleBody), or ""."""
    text, _ = decode_bytes(path.read_bytes(), path.name)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:
        return {}
    ld, meta = json_ld_article(root), metas(root)
    url = meta.get("og:url", "") or page_url
    gold: dict[str, dict[str, str]] = {}

    def put(field: str, value: str, source: str) -> None:
        if value and field not in gold:
            gold[field] = {"value": value, "from": source}

    site = collapse(meta.get("og:site_name", "")) or name_of(ld.get("publisher"))
    put("publisher", site, "og:site_name" if meta.get("og:site_name") else "json-ld publisher")
    title = collapse(" ".join(root.xpath("//title//text()")))
    lines = visible_lines(path.with_suffix(".copy.txt")) or visible_lines(path.with_suffix(".txt"))
    lines.discard(norm(title))             # a text dump opens with the <title> itself
    headings = {norm(collapse(h.text_content())) for h in root.xpath("//h1|//h2|//h3")}
    stated = [(collapse(ld.get("headline")) if isinstance(ld.get("headline"), str) else "",
               "json-ld headline"), (collapse(meta.get("og:title", "")), "og:title")]
    stated += [(part, "<title> part") for part in TITLE_SPLIT.split(title) if title]
    held = {norm(line) for line in article.splitlines()}
    for value, how in stated:
        shown = shown_headline(value, lines, headings)
        if shown and norm(shown) == norm(site):
            continue                       # the site's name is no headline
        if shown and not any(names_site(shown, whole, held) for whole in (
                (title, value) if how == "<title> part" else (value,))):
            put("title", shown, f"{how}, shown as a page line")
    put("date", day_of(str(ld.get("datePublished") or "")), "json-ld datePublished")
    put("date", day_of(meta.get("article:published_time", "")), "article:published_time")
    for value in (str(ld.get("datePublished") or ""), meta.get("article:published_time", "")):
        if "date" in gold and day_of(value) == gold["date"]["value"] and re.search(r"T\d\d:\d\d", value):
            gold["date"]["moment"] = collapse(value)     # day and time as stated, with its zone
            break
    for element in root.xpath("//*[@itemprop='datePublished']"):
        put("date", day_of(element.get("datetime") or element.get("content") or ""),
            "itemprop datePublished")
    put("modified", day_of(str(ld.get("dateModified") or "")), "json-ld dateModified")
    put("modified", day_of(meta.get("article:modified_time", "")), "article:modified_time")
    authors = person_names(ld.get("author"))
    how = "json-ld author"
    if not authors:
        for key in ("author", "article:author"):
            value = meta.get(key, "")
            if value and not value.startswith(("http", "@", "www.")):
                authors, how = [value], f"meta {key}"
                break
    authors = [re.sub(r"(?i)^by\s+", "", re.split(r"(?i)<br\s*/?>", a)[0]).strip() for a in authors]
    # "Finian Cunningham. Sputnik International": the name before an outlet
    authors = [re.sub(r"\.\s+[A-Z][^.]*\b(?:International|News|Agency|Press|Times)\b.*$", "", a) for a in authors]
    # "TOM KRISHER, AP Auto Writer": the name before a role
    authors = [re.sub(r",\s*[^,]*\b(?:writer|reporter|correspondent|editor|staff)\b.*$", "", a, flags=re.I)
               for a in authors]
    authors = [a for a in authors if is_person(a, site, url)]
    put("author", "; ".join(authors), how)
    section = ld.get("articleSection")
    section = section[0] if isinstance(section, list) and section else section
    put("section", collapse(section) if isinstance(section, str) else "", "json-ld articleSection")
    put("section", meta.get("article:section", ""), "article:section")
    lang = (root.get("lang") or root.get("xml:lang") or meta.get("content-language", "")
            or meta.get("og:locale", "") or name_of(ld.get("inLanguage")))
    lang = re.split(r"[-_]", lang.strip().lower())[0] if lang else ""
    if re.fullmatch(r"[a-z]{2,3}", lang):
        put("language", lang, "html lang" if root.get("lang") else "meta language")
    if gold:
        put("url", url, "og:url" if meta.get("og:url") else "gold.json")
    return gold


def corpora() -> list[tuple[str, Path]]:
    """The corpus folders present, by name."""
    found = [("corpus", CORPUS)]
    found += [(f"corpus-train/{d.name}", d) for d in sorted(CORPUS_TRAIN.glob("*")) if d.is_dir()]
    return [(name, path) for name, path in found if (path / "pages").is_dir()]


def main() -> int:
    """Build the gold file; exit 2 when the shared corpora are missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("meta_gold.json"))
    args = parser.parse_args()
    folders = corpora()
    if not folders:
        print(f"build_meta_gold: no corpus found under {SHARED} (expected corpus/pages/ or "
              "corpus-train/*/pages/); nothing to build.", file=sys.stderr)
        return 2
    gold: dict[str, dict] = {}
    for name, folder in folders:
        urls = json.loads((folder / "gold.json").read_text(encoding="utf-8")) if (
            folder / "gold.json").is_file() else {}
        for page in sorted((folder / "pages").glob("*.html")):
            stated = urls.get(page.stem) or {}
            article = str(stated.get("articleBody") or "") if name in ARTICLE_KEEPS_HEADLINE else ""
            fields = read_page(page, str(stated.get("url") or ""), article)
            if fields:
                gold[f"{name}/{page.stem}"] = fields
    counts = {}
    for fields in gold.values():
        for field in fields:
            counts[field] = counts.get(field, 0) + 1
    # One page a line: small, and a rebuild's changes read as a diff.
    lines = [f"{json.dumps(key)}: {json.dumps(gold[key], ensure_ascii=False, sort_keys=True)}"
             for key in sorted(gold)]
    args.out.write_text('{"method": "benchmarks/build_meta_gold.py (see its docstring)",\n"pages": {\n'
                        + ",\n".join(lines) + "\n}}\n", encoding="utf-8")
    print(f"{len(gold)} pages with gold; fields: {counts} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
