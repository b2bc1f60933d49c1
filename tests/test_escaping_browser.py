"""Every field the writer emits carries a payload; no page of the site runs it.

One site is built through Pelican from the `xss-fields-*` cases (raw text
files, a raw file's own `---` block, sidecars, a saved page whose metadata
holds entity-encoded markup, a raw file whose name is a payload, a copy
folded into "also reported by", a date with markup) and from two Markdown
files written here from the writer's own field list: an editor's
hand-written article and an edited generated one, with a payload in every
field (and `dir`). Pagefind indexes it. Then, in one Chromium with every
request that is not a local file blocked:

- every .html page of output/ (articles, home, archives, tag, section and
  source pages, search, review) is opened from disk: any dialog, console
  message from a payload, page error, navigation, request, document.title
  set by a payload, event-handler attribute, javascript:/data:/vbscript:
  URL, stray script/iframe/object/embed/base/svg/form/meta refresh,
  Pagefind attribute outside its closed set, text escaped twice, evaluated
  template syntax, bidi override or zero-width space in the title, text or
  meta description, and `<`/`>` inside JSON-LD (none is emitted today) is
  a problem, listed per page;
- the search page, served on localhost, is searched for the payloads:
  Pagefind's results and its tag and source filters must show them as
  text.

The feeds and the sitemap are parsed as XML and their HTML parts as HTML.

The field list comes from the writer (render_markdown of an Article with
every value set), so a field added there fails this test until it is given
a payload (PAYLOAD_FIELDS), a closed list (FILTERED_FIELDS) or a value
pattern that no text can pass (COMPUTED_FIELDS).
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from dataclasses import fields
from pathlib import Path
from urllib.parse import quote, unquote

import lxml.html
import pytest
import yaml

from conftest import CASES_DIR, CHROMIUM, copy_project, run_pelican, split_markdown
from digest_prep.model import Article, Block, Extraction, Flag, Metadata, Seed
from digest_prep.pelican_reader import clean_line
from digest_prep.write import render_markdown

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"),
]

# Fields a raw file, a sidecar, a raw `---` block or a saved page fills with
# text: a payload must reach the generated Markdown in each of them.
PAYLOAD_FIELDS = frozenset({"title", "author", "source", "publisher", "editor", "category",
                            "tags", "summary", "source_url", "raw_file"})
# Fields whose hostile values are dropped with a warning naming the file.
FILTERED_FIELDS = frozenset({"source_url", "lang"})
# Fields the writer computes: no text gets through, whatever the input.
COMPUTED_FIELDS = {
    "title_derived": r"True", "date_inferred": r"True", "date_unknown": r"True", "approved": r"True",
    "date": r"\d{4}-\d\d-\d\d(T[\d:.]+([+-]\d\d:\d\d|Z)?)?", "added": r"\d{4}-\d\d-\d\d",
    "slug": r"[a-z0-9-]+", "flags": r"\['[a-z-]+'(, '[a-z-]+')*\]",
    "raw_sha256": r"[0-9a-f]{64}", "sidecar_sha256": r"[0-9a-f]{64}",
    "generator": r"[0-9a-f]+", "fingerprint": r"[0-9a-f]{64}",
    "title_from": r"<?[a-z][a-z:_ -]*>?", "date_from": r"<?[a-z][a-z:_ -]*>?", "dir": r"rtl|ltr",
    "modified": r"\d{4}-\d\d-\d\d(T[\d:.]+([+-]\d\d:\d\d|Z)?)?",
}
# The raw-text case is copied under a name that is itself a payload.
PAYLOAD_NAME = "xss\"'><img src=x onerror=\"console.log('PWNED-raw-file')\">"
# Every payload logs or sets the title to PWNED-<where it came from>.
MARK = "PWNED"
TEMPLATE_PAYLOADS = ("Z{{ 7*7 }}Z", "TPL{% if 1 %}{% endif %}END")
EVALUATED = ("Z49Z", "TPLEND")
# Entities that show as text only when something escaped twice.
DOUBLE_ESCAPED = re.compile(r"&(amp|lt|gt|quot|#39|#34|#x27);")


def writer_fields() -> list[str]:
    """Every front-matter field the writer emits, found by rendering Articles with all values set
    (and once with no date, which the writer marks as unknown)."""
    emitted: dict[str, None] = {}
    for day in ("2021-06-01", None):
        values = {f.name: (True if f.type in ("bool", bool) else [Flag("no-date", "m")]
                           if f.name == "flags" else day if f.name == "date" else "x")
                  for f in fields(Metadata)}
        seed = Seed(rel_path="seeds/a.txt", data=b"x", sha256="0" * 64, kind="text", text="x",
                    sidecar_sha256="1" * 64)
        article = Article(seed=seed, extraction=Extraction(blocks=(Block("p", "Body."),)),
                          meta=Metadata(**values), tags=("Iraq",), suggestions=("Anbar",), slug="a",
                          added="2021-06-01")
        emitted.update(dict.fromkeys(split_markdown(render_markdown(article, "0" * 18))[0]))
    return list(emitted)


def payload(mark: str) -> str:
    """A distinct payload: attribute breaks, </title>, </script>, <img onerror>, template syntax."""
    run = f"console.log('{MARK}-{mark}');document.title='{MARK}-{mark}'"
    return (f"Text {mark} \"'><img src=x onerror=\"{run}\"></title></script>"
            f"<script>{run}</script> " + " ".join(TEMPLATE_PAYLOADS))


def markdown_by_hand(generated: bool) -> str:
    """A Markdown article with a payload in every field the writer emits (and `dir`)."""
    who = "edited" if generated else "hand"
    front = {}
    for name in writer_fields() + ["dir"]:
        value = payload(f"{who}-{name}")
        if name in ("date", "added"):
            value = "2021-06-07"
        elif name == "slug":
            value = f"../{who}\"'><img src=x onerror=\"console.log('{MARK}-{who}-slug')\">"
        elif name == "title":
            value = f"Safe {who} title \u202egnp.exe\u202c & 'quotes' " + value
        elif name == "source_url":
            value = (f"https://example.org/{who}\"'><svg/onload=console.log('{MARK}-{who}-url')>"
                     if generated else f" jav&#x09;ascript:console.log('{MARK}-{who}-url')")
        elif name in ("tags", "flags"):
            value = [value, "Iraq"]
        elif name == "raw_file" and not generated:
            continue
        front[name] = value
    body = (f"A paragraph by the {who} desk about the {who} story, long enough to stand as an "
            f"article of its own, with a link <a href=\"java&#x0A;script:console.log('{MARK}-{who}-body')\">"
            f"here</a> and <img src=x onerror=\"console.log('{MARK}-{who}-body-img')\">.\n")
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + body


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One build: the xss-fields cases and two hand-made Markdown files; (project, build output)."""
    project = copy_project(tmp_path_factory.mktemp("escaping") / "project", seeds=False)
    for case in sorted(CASES_DIR.glob("xss-fields-*")):
        name = PAYLOAD_NAME if case.name == "xss-fields-raw-text" else case.name
        for seed in case.glob("seed.*"):
            (project / "seeds" / f"{name}{seed.suffix}").write_bytes(seed.read_bytes())
    articles = project / "content" / "articles"
    (articles / "hand-written.md").write_text(markdown_by_hand(False), encoding="utf-8")
    (articles / "edited.md").write_text(markdown_by_hand(True), encoding="utf-8")
    result = run_pelican(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    index = subprocess.run([sys.executable, "-m", "pagefind", "--site", "output", "--quiet"],
                           cwd=project, capture_output=True, text=True, timeout=300)
    assert index.returncode == 0, index.stdout + index.stderr
    return project, " ".join((result.stdout + result.stderr).split())


def generated_front_matter(project: Path) -> dict[str, dict]:
    """The front matter of every Markdown file the build generated from seeds/."""
    found = {}
    for path in sorted((project / "content" / "articles").glob("*.md")):
        if path.name not in ("hand-written.md", "edited.md"):
            found[path.name] = split_markdown(path.read_text(encoding="utf-8"))[0]
    return found


def test_every_field_the_writer_emits_has_a_payload():
    emitted = set(writer_fields())
    missing = emitted - PAYLOAD_FIELDS - FILTERED_FIELDS - set(COMPUTED_FIELDS)
    assert not missing, f"front-matter field(s) with no payload in this test: {sorted(missing)}"
    assert len(emitted) >= 20, sorted(emitted)


def test_payloads_reach_every_text_field(site):
    project, log = site
    fronts = generated_front_matter(project)
    assert len(fronts) == len(list(CASES_DIR.glob("xss-fields-*"))), sorted(fronts)
    reached = {name for front in fronts.values() for name, value in front.items()
               if MARK in str(value) or TEMPLATE_PAYLOADS[0] in str(value)}
    assert PAYLOAD_FIELDS <= reached, sorted(PAYLOAD_FIELDS - reached)
    for front in fronts.values():
        for name, pattern in COMPUTED_FIELDS.items():
            if name in front:
                assert re.fullmatch(pattern, str(front[name])), (name, front[name])
        assert "lang" not in front or front["lang"] in ("ar", "en")
    # Hostile URLs and languages are dropped, each with a warning naming its file.
    for raw_file, what in (("xss-fields-sidecar.txt", "source_url"), ("xss-fields-sidecar.txt", "lang"),
                           ("xss-fields-url-schemes.txt", "url 'data:text/html"),
                           ("xss-fields-url-schemes.txt", "source_url 'VbScRiPt:"),
                           ("xss-fields-saved-page.html", "lang")):
        assert re.search(rf"seeds/{re.escape(raw_file)}: .{{0,300}}?{re.escape(what)}", log), (raw_file, what)
    assert "content/articles/hand-written.md: source_url" in log
    assert "content/articles/hand-written.md: lang" in log and "hand-written.md: dir" in log


# Run in every page once it has loaded: what it holds, as data the test reads back.
SCAN = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      const pagefindForm = el.matches('form.pagefind-ui__form') && a.name === 'action' && a.value === 'javascript:void(0);';
      if (/^[\\s\\x00-\\x1f]*(javascript|data|vbscript)\\s*:/i.test(a.value) && !pagefindForm) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
      const pagefindOk = (['data-pagefind-body', 'data-pagefind-meta', 'data-pagefind-filter'].includes(a.name)
            && ['', 'title', 'date', 'source[content]', 'tag[content]'].includes(a.value))
        || (a.name === 'data-pagefind-weight' && a.value === '0.5')
        || (a.name === 'data-pagefind-ui-meta' && ['date', 'source'].includes(a.value));
      if (a.name.startsWith('data-pagefind') && !pagefindOk) bad.push('pagefind ' + a.name + '=' + a.value);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'SVG'].includes(el.tagName)) bad.push(el.tagName);
    if (el.tagName === 'META' && el.httpEquiv) bad.push('META ' + el.httpEquiv);
    if (el.tagName === 'FORM' && !el.matches('.quick-search, .pagefind-ui__form')) bad.push('FORM');
  }
  for (const s of document.scripts) {
    if (s.type === 'application/ld+json') {      // data, never run: it must parse, and hold no markup
      let parsed = null;
      try { parsed = JSON.parse(s.textContent); } catch (e) { bad.push('JSON-LD does not parse'); }
      if (/[<>]/.test(s.textContent) || s.src || (parsed && parsed['@type'] !== 'NewsArticle')) bad.push('JSON-LD ' + s.textContent.slice(0, 60));
      continue;
    }
    if (s.textContent.includes('PWNED') || (s.src && !s.src.endsWith('/pagefind/pagefind-ui.js'))) bad.push('SCRIPT ' + (s.src || s.textContent.slice(0, 60)));
  }
  const description = document.querySelector('meta[name=description]');
  return {bad, title: document.title, text: document.body.innerText,
          description: description ? description.content : '',
          hrefs: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href')),
          ldjson: [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => s.textContent)};
}"""


def visit_pages(browser, output: Path) -> tuple[dict[str, dict], list[tuple[str, str, str]]]:
    """Every .html page opened in one browser, network blocked; (what each shows, problems) out.

    A problem is (page, kind, detail); all pages are visited, so a failure
    lists every page and every way a payload got through.
    """
    problems: list[tuple[str, str, str]] = []
    current = {"url": "", "rel": ""}
    context = browser.new_context()

    def note(kind: str, detail: str) -> None:
        problems.append((current["rel"], kind, detail[:200]))

    def guard(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            note("request", route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda d: (note("dialog", d.message), d.dismiss()))
    page.on("console", lambda m: note("console", m.text) if MARK in m.text else None)
    page.on("pageerror", lambda err: note("page error", str(err)))
    page.on("request", lambda r: None if r.url.startswith("file:") else note("request", r.url))
    page.on("framenavigated", lambda f: note("navigation", f.url)
            if f == page.main_frame and unquote(f.url) != unquote(current["url"]) else None)
    seen: dict[str, dict] = {}
    for path in sorted(output.rglob("*.html")):
        current["url"], current["rel"] = path.as_uri(), path.relative_to(output).as_posix()
        page.goto(current["url"], wait_until="load")
        page.wait_for_timeout(20)
        found = seen[current["rel"]] = page.evaluate(SCAN)
        for bad in found["bad"]:
            note("markup", bad)
        if found["title"].startswith(MARK):
            note("document.title", found["title"])
        for part in ("title", "text", "description"):
            if "\u202e" in found[part] or "\u200b" in found[part]:
                note("bidi or zero-width", part)
            if DOUBLE_ESCAPED.search(found[part]):
                note("escaped twice", f"{part}: {DOUBLE_ESCAPED.search(found[part]).group()}")
            for evaluated in EVALUATED:
                if evaluated in found[part]:
                    note("template evaluated", f"{part}: {evaluated}")
        for block in found["ldjson"]:
            if "<" in block or ">" in block:
                note("JSON-LD", block[:80])
            json.loads(block)
    context.close()
    return seen, problems


def test_no_page_runs_a_payload(site, browser):
    project, _ = site
    output = project / "output"
    seen, problems = visit_pages(browser, output)
    assert len(seen) > 30, len(seen)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(map(str, problems))

    # The payloads are on the pages, as text: escaped, not dropped or evaluated.
    shown = " ".join(f["title"] + " " + f["text"] + " " + f["description"] + " " + " ".join(f["hrefs"])
                     for f in seen.values())
    assert TEMPLATE_PAYLOADS[0] in shown and TEMPLATE_PAYLOADS[1] in shown
    marks = set()
    for front in generated_front_matter(project).values():
        for name, value in front.items():
            marks.update((name, m) for m in re.findall(rf"{MARK}-([a-z-]+)", str(value)))
    for name, mark in sorted(marks):
        assert f"{MARK}-{mark}" in shown, f"the payload of {name} ({mark}) is on no page"
    for mark in ("copy-source", "copy-url", "edited-title", "hand-title", "hand-author", "edited-editor"):
        assert f"{MARK}-{mark}" in shown, mark
    assert f"{PAYLOAD_NAME}.txt" in seen["review/index.html"]["text"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_search_results_run_no_payload(site, browser):
    """Pagefind indexes the payloads (titles as metadata, tags and sources as filters); its page shows them inert."""
    project, _ = site
    handler = functools.partial(QuietHandler, directory=str(project / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    problems: list[tuple[str, str]] = []
    context = browser.new_context()

    def guard(route):
        if route.request.url.startswith((base + "/", "data:", "blob:")):
            route.continue_()
        else:
            problems.append(("request", route.request.url))
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda d: (problems.append(("dialog", d.message)), d.dismiss()))
    page.on("console", lambda m: problems.append(("console", m.text)) if MARK in m.text else None)
    page.on("pageerror", lambda err: problems.append(("page error", str(err))))
    try:
        for term in (MARK, "Text", "Safe title"):
            page.goto(f"{base}/search.html?q={quote(term)}")
            page.locator(".pagefind-ui__result").first.wait_for(timeout=30000)
            page.wait_for_timeout(300)          # result fragments load one by one
            found = page.evaluate(SCAN)
            problems.extend(("markup", bad) for bad in found["bad"])
            if found["title"].startswith(MARK):
                problems.append(("document.title", found["title"]))
            results = page.inner_text("#search")
            assert f"{MARK}-" in results or term != MARK, results[:500]
            for evaluated in EVALUATED:
                assert evaluated not in results, term
            assert not DOUBLE_ESCAPED.search(results), (term, DOUBLE_ESCAPED.search(results))
        filters = page.locator(".pagefind-ui__filter-panel").text_content() or ""   # folded: not innerText
        assert f"{MARK}-fm-tag" in filters and f"{MARK}-copy-source" not in filters, filters[:500]
        assert not DOUBLE_ESCAPED.search(filters), DOUBLE_ESCAPED.search(filters)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert problems == [], problems


def test_titles_and_summaries_are_escaped_once(site, browser):
    project, _ = site
    output = project / "output"
    front = generated_front_matter(project)["xss-fields-front-matter.md"]
    title = " ".join(clean_line(front["title"]).split())
    assert "\u202e" not in title and "& 'quotes'" in title
    article = output / "article" / f"{front['slug']}.html"
    page = browser.new_page()
    page.goto(article.as_uri())
    assert page.title() == f"{title}: The Digest"
    assert " ".join(page.inner_text("h1").split()) == title
    summary = " ".join(front["summary"].split())
    cut = summary if len(summary) <= 205 else summary[:197].rsplit(" ", 1)[0] + "..."   # Jinja's truncate(200)
    assert page.get_attribute("meta[name=description]", "content") == cut
    assert page.inner_text(".standfirst").strip() == summary
    tag = front["tags"][0]
    assert tag in [t.strip() for t in page.locator(".tags a").all_inner_texts()]
    page.close()


def test_feeds_and_sitemap_parse_and_hold_no_markup(site):
    project, _ = site
    output = project / "output"
    feeds = sorted((output / "feeds").rglob("*.xml"))
    assert len(feeds) > 5
    checked_titles = quoted_titles = 0
    for feed in feeds:
        root = ET.parse(feed).getroot()
        for node in root.iter():
            tag = node.tag.rpartition("}")[2]
            text = node.text or ""
            html_typed = tag in ("summary", "content", "description") and text.strip()
            fragment = lxml.html.fragment_fromstring(text, create_parent="div") if html_typed else None
            shown = fragment.text_content() if html_typed else text
            for value in [shown] + list(node.attrib.values()):
                assert not DOUBLE_ESCAPED.search(value), (feed.name, tag, value[:120])
                for evaluated in EVALUATED:
                    assert evaluated not in value, (feed.name, tag)
            if tag == "title":
                assert not re.search(r"<[a-zA-Z/!]", text), (feed.name, text)
                assert "\u202e" not in text
                checked_titles += 1
                quoted_titles += "Safe fm-title title gnp.exe with zerowidth & 'quotes'" in text
            if html_typed:
                for el in fragment.iter():
                    assert el.tag not in ("script", "iframe", "object", "embed", "svg"), (feed.name, el.tag)
                    for name, value in el.attrib.items():
                        assert not name.startswith("on"), (feed.name, el.tag, name)
                        assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (feed.name, value)
    assert checked_titles > 5 and quoted_titles > 0      # "&" and quotes come out once, as characters
    all_atom = (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "Text fm-tag" in all_atom and f"{MARK}-fm-summary" in all_atom
    sitemap = ET.parse(output / "sitemap.xml").getroot()
    locs = [node.text or "" for node in sitemap.iter() if node.tag.endswith("loc")]
    assert len(locs) > 10
    for loc in locs:
        assert re.match(r"(https?://[^/]+)?/", loc) and "<" not in loc, loc
