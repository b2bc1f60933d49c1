"""A reader's path through the built digest, in headless Chromium.

The site is built once per session from the project's real seeds (plus a
second outlet's copy of one wire story, and one hand-written right-to-left
article), indexed with Pagefind and served from
localhost. Every request the browser makes is recorded: none may leave
the site. Screenshots land in artifacts/screenshots/ for a person to look at.
"""
from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from conftest import CHROMIUM, ROOT, copy_project, run_pelican
from test_site import WIRE_EDITS

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
WIDTHS = (390, 1280)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
BLOCKING_IMPACTS = {"serious", "critical"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"),
]

# An editor's hand-written article in Arabic: the page must say lang and dir.
RTL_ARTICLE = """\
---
title: القوات العراقية تطلق عمليات واسعة في صحراء الأنبار
date: 2020-02-11
lang: ar
slug: editor-rtl-anbar
source: الشرق الأوسط
tags: [Iraq, Anbar]
---

أعلنت القوات العراقية عن عمليات أمنية واسعة في صحراء الأنبار لملاحقة فلول داعش.

وقال قائد ميداني إن العمليات ستشمل مناطق لم تصلها القوات من قبل.
"""


WIRE_SEED = "seeds/000_f581c82b4a773cbc.txt"
WIRE_COPY_TITLE = "Hundreds of IS militants hide in Iraq's Anbar desert, Hashd Shaabi leader says"


# Beyond the edits the site tests make to the wire's opening, the seed's
# closing paragraphs are reworded too: a second report, not a duplicate.
SEED_EDITS = WIRE_EDITS + (
    ("2019-03-03 20:11:43|Editor: xuxin", "2019-03-04 09:30:00|Editor: liangjun"),
    ("Separately, the international coalition aircraft on Saturday carried out an airstrike",
     "On Saturday coalition jets also struck"),
    ("destroying the hideout and killing the extremist militants inside",
     "killing the militants hiding there"),
    ("In December 2017, Iraq declared full liberation of its land", "Iraq declared victory in December 2017"),
    ("small groups and individuals of IS militants melted in urban areas",
     "IS remnants have since slipped into towns"),
)


def write_wire_copy(project: Path) -> None:
    """A second outlet's edit of the Xinhua seed, a day later, as a new raw file."""
    text = (project / WIRE_SEED).read_text("utf-8")
    text = text.replace("Hashd Shaabi leader says hundreds of IS militants resort to rugged areas in Iraq",
                        WIRE_COPY_TITLE)
    for old, new in SEED_EDITS:
        text = text.replace(old, new)
    (project / "seeds" / "900_wire_copy.txt").write_text(text, "utf-8")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's seeds built and indexed into a temporary output/."""
    project = copy_project(tmp_path_factory.mktemp("browser") / "project")
    (project / "content" / "articles" / "editor-rtl-anbar.md").write_text(RTL_ARTICLE, "utf-8")
    write_wire_copy(project)
    result = run_pelican(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    index = subprocess.run([sys.executable, "-m", "pagefind", "--site", "output", "--quiet"],
                           cwd=project, capture_output=True, text=True, timeout=300)
    assert index.returncode == 0, index.stdout + index.stderr
    return project / "output"


@pytest.fixture(scope="session")
def base_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def outside_requests():
    """Requests that tried to leave the site during one test."""
    return []


@pytest.fixture
def page(browser, base_url, outside_requests):
    """A fresh page whose every request is checked: any non-localhost one is blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)

    def check(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", check)
    page = context.new_page()
    yield page
    context.close()
    assert outside_requests == [], f"requests left the site: {outside_requests}"


def visit(page, url: str):
    """Go to a site URL; fail unless the server had the page."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    return response


def article_urls(built_site: Path) -> list[str]:
    return sorted(f"/article/{p.name}" for p in (built_site / "article").glob("*.html"))


def wire_article_url(built_site: Path) -> str:
    """The Xinhua seed's article: it has a same-story link, so its page shows the most."""
    return next(u for u in article_urls(built_site) if "hashd-shaabi-leader" in u)


def search_for(page, term: str):
    """On the search page: type a term and wait for Pagefind's results."""
    field = page.locator(".pagefind-ui__search-input")
    field.fill(term)
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    return page.locator(".pagefind-ui__result-link")


# --- a reader's path ---------------------------------------------------

def test_home_to_article_to_tag_to_another_article(page):
    visit(page, "/")
    assert page.locator("main .day-head").count() >= 1
    first = page.locator("main .item .headline a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert "/article/" in page.url
    assert page.locator("article.story h1").inner_text() == title
    assert page.locator("article.story .body p").count() >= 1
    first_url = page.url
    page.locator(".tag-row a").first.click()
    page.wait_for_load_state()
    assert "/tag/" in page.url
    links = page.locator("main .item .headline a")
    assert links.count() >= 1
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    other = next((h for h in hrefs if not first_url.endswith(h.lstrip("./"))), None)
    if other is None:                   # a tag with only this article: walk on instead
        page.go_back()
        page.locator("nav.neighbours a").first.click()
    else:
        page.locator(f'main .item .headline a[href="{other}"]').click()
    page.wait_for_load_state()
    assert "/article/" in page.url and page.url != first_url
    assert page.locator("article.story h1").inner_text()


def test_archives_lead_down_to_a_day(page):
    visit(page, "/archives.html")
    page.locator("main .year h2 a").first.click()
    page.wait_for_load_state()
    assert re.search(r"/\d{4}/$", page.url)
    page.locator("main .month-index a").first.click()
    page.wait_for_load_state()
    assert re.search(r"/\d{4}/\d{2}/$", page.url)
    page.locator("main .day-head a").first.click()
    page.wait_for_load_state()
    assert re.search(r"/\d{4}/\d{2}/\d{2}/$", page.url)
    assert page.locator("main .item .headline a").count() >= 1


def test_sources_lead_to_a_source_page(page):
    visit(page, "/sources.html")
    page.get_by_role("link", name="Xinhua", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == "Xinhua"
    assert page.locator("main .item").count() >= 1


def test_same_story_links_the_wire_copies(page):
    visit(page, "/")
    page.get_by_role("link", name=re.compile("^Hashd Shaabi leader says")).first.click()
    page.wait_for_load_state()
    aside = page.locator("aside.same-story")
    assert "same wire text" in aside.inner_text()
    aside.get_by_role("link", name=WIRE_COPY_TITLE).click()
    page.wait_for_load_state()
    assert page.locator("article.story h1").inner_text() == WIRE_COPY_TITLE
    assert page.locator("aside.same-story").get_by_role(
        "link", name=re.compile("^Hashd Shaabi leader says")).count() == 1


def test_search_for_daesh_finds_the_seed_articles(page):
    visit(page, "/search.html")
    results = search_for(page, "Daesh")
    titles = results.all_inner_texts()
    assert any("final push against Daesh" in t for t in titles), titles
    assert any("Hashd Shaabi leader" in t for t in titles), titles
    # Pagefind loads the filter list apart from the results: wait for both filters
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__filter-name').length >= 2",
                           timeout=15000)
    filters = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"source", "tag"} <= {f.strip().lower() for f in filters}, filters
    results.first.click()
    page.wait_for_load_state()
    assert "/article/" in page.url


def test_masthead_search_box_opens_results(page):
    visit(page, "/")
    page.fill("#q-top", "Daesh")
    page.press("#q-top", "Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=Daesh"))
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    assert page.locator(".pagefind-ui__result").count() >= 2


def test_feed_link_works(page, built_site):
    visit(page, "/")
    href = page.locator('link[rel=alternate][type="application/atom+xml"]').get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo
    assert len(feed.entries) == len(article_urls(built_site))


def test_no_request_leaves_the_site(page, built_site, outside_requests):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    for url in ["/", article_urls(built_site)[0], "/tags.html", "/archives.html",
                "/sources.html", "/search.html?q=Daesh"]:
        visit(page, url)
        page.wait_for_load_state("networkidle")
    assert seen and all(urlsplit(u).hostname in LOCAL_HOSTS for u in seen if u.startswith("http"))
    assert outside_requests == []


# --- accessibility -----------------------------------------------------

AXE_PAGES = {
    "home": "/",
    "article": None,                    # the first article, found at run time
    "rtl-article": "/article/editor-rtl-anbar.html",
    "tag": "/tag/iraq.html",
    "archives": "/archives.html",
    "month": None,                      # the newest month archive
    "sources": "/sources.html",
    "search": "/search.html?q=Daesh",
}


def resolve_url(name: str, page, built_site: Path) -> str:
    if name == "article":
        return wire_article_url(built_site)
    if name == "month":
        visit(page, "/archives.html")
        return "/" + page.locator("main .month-index a").first.get_attribute("href").lstrip("./")
    return AXE_PAGES[name]


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_serious_violation(page, built_site, name):
    from axe_playwright_python.sync_playwright import Axe
    visit(page, resolve_url(name, page, built_site))
    if name == "search":
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    results = Axe().run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert bad == []


def test_skip_link_is_first_and_visible_on_focus(page):
    visit(page, "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const el = document.activeElement;
        const s = getComputedStyle(el); const r = el.getBoundingClientRect();
        return {text: el.textContent, href: el.getAttribute('href'), outline: s.outlineStyle,
                top: r.top, bottom: r.bottom}; }""")
    assert focused["text"] == "Skip to content" and focused["href"] == "#main"
    assert focused["outline"] != "none" and focused["bottom"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible_on_links(page, built_site):
    visit(page, article_urls(built_site)[0])
    for _ in range(4):
        page.keyboard.press("Tab")
        style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert style != "none", page.evaluate("document.activeElement.outerHTML")


def test_rtl_article_declares_language_and_direction(page):
    visit(page, "/article/editor-rtl-anbar.html")
    body = page.locator("[data-pagefind-body]")
    assert body.get_attribute("lang") == "ar" and body.get_attribute("dir") == "rtl"
    assert page.locator("article.story h1").get_attribute("dir") == "rtl"
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator("html").get_attribute("lang") == "en"


# --- weight and layout -------------------------------------------------

def test_article_pages_with_css_stay_under_30_kb(built_site):
    css = (built_site / "theme" / "css" / "digest.css").stat().st_size
    for path in sorted((built_site / "article").glob("*.html")):
        assert path.stat().st_size + css < 30 * 1024, path.name


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_fit_the_width(browser, base_url, built_site, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base_url)
    context.route("**/*", lambda route: route.continue_()
                  if (urlsplit(route.request.url).hostname or "") in LOCAL_HOSTS else route.abort())
    page = context.new_page()
    shots = {"home": "/", "article": wire_article_url(built_site), "tag": "/tag/iraq.html",
             "archives": "/archives.html", "rtl-article": "/article/editor-rtl-anbar.html",
             "search": "/search.html?q=Daesh"}
    for name, url in shots.items():
        visit(page, url)
        if name == "search":
            page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
    context.close()
