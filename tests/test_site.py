"""The site as readers see it: theme templates and the digest_site plugin.

A handful of hand-made articles (one per case the theme must handle) are
built with the project's settings into tmp_path, and the pages are read
back with BeautifulSoup. No browser here: see test_browser.py.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from pelican.settings import get_settings_from_file

from conftest import ROOT, copy_project, run_pelican
from digest_site.enrich import rank_tags
from digest_site.options import Options, read_options
from digest_site.story import Entry, extract_names, find_same_story

# Article page HTML plus its CSS must stay under this (uncompressed).
PAGE_WEIGHT_LIMIT = 30 * 1024
RTL_LANGS = {"ar", "fa", "he", "ur"}

WIRE_TEXT = """\
BAGHDAD, March 3 (Xinhua) -- A leader of paramilitary Hashd Shaabi in Iraq's western province of Anbar said Sunday that a few hundreds of Islamic State (IS) militants are resorting to desert and rugged areas across the province.

"There are only a few hundreds of Daesh (IS group) spread in small groups in desert and rugged areas. They are weak and do not constitute any threat to the cities and towns of the province as the security forces and tribal fighters are always ready to fight them," said Tariq al-Asal, deputy commander of Anbar's tribal fighters.

Al-Asal said "our borders with Syria are not completely secured, however; all the security forces are trying to prevent infiltration of IS militants into the Iraqi territory after the defeat of IS group in neighboring Syria."

Late last month, Iraqi Prime Minister Adel Abdul Mahdi said that "IS militants are surrounded in Syria and trying to exploit any gap, but we will not allow any infiltration to Iraq."

The comments of the Iraqi officials came after the battles of liberating the last IS stronghold in Baghouz, which was the last IS-held area in the eastern Euphrates River region in Syria's eastern Deir al-Zour province.
"""

# The same wire story as a second outlet edited it: trimmed and reworded in
# places, still mostly the wire's sentences (a near-exact copy would be a
# duplicate, not a second report).
WIRE_EDITS = (
    ("BAGHDAD, March 3 (Xinhua) -- ", ""),
    ("said Sunday that a few hundreds of", "told reporters on Sunday that several hundred"),
    ("They are weak and do not constitute any threat to the cities and towns of the province",
     "They are weak and pose no threat to the province's towns"),
    ('Al-Asal said "our borders', 'He added: "our borders'),
    ("after the defeat of IS group in neighboring Syria", "after the group's defeat in Syria"),
    ("Late last month, Iraqi Prime Minister", "Last month Prime Minister"),
    ("The comments of the Iraqi officials came after the battles of liberating",
     "The remarks follow the liberation of"),
    ("which was the last IS-held area in the eastern", "the group's final pocket in the"),
)


def edit_wire(text: str) -> str:
    """Wire text in, the second outlet's edit of it out."""
    for old, new in WIRE_EDITS:
        text = text.replace(old, new)
    return text


WIRE_COPY = edit_wire(WIRE_TEXT)

ARTICLES = {
    "hashd-wire": ({
        "title": "Hashd Shaabi leader says hundreds of IS militants resort to rugged areas in Iraq",
        "date": "2019-03-03T20:11:43+08:00", "added": "2025-11-21", "author": "xuxin",
        "source": "Xinhua", "publisher": "Xinhua", "editor": "xuxin", "category": "World",
        "tags": ["Iraq", "Daesh", "Anbar", "Hashd Shaabi"],
        "summary": "A few hundred Daesh militants hide in Anbar's desert, a tribal commander says.",
        "source_url": "http://www.xinhuanet.com/english/2019-03/03/c_137866103.htm",
        "lang": "en", "slug": "hashd-wire", "raw_file": "seeds/000.txt",
        "title_derived": False, "date_inferred": False, "date_unknown": False,
    }, WIRE_TEXT),
    "hashd-carried": ({
        "title": "Hundreds of Daesh militants hide in Anbar desert, says Hashd leader",
        "date": "2019-03-04T09:00:00+00:00", "added": "2025-11-21",
        "source": "Xinhua", "publisher": "Global Times", "category": "World",
        "tags": ["Iraq", "Daesh", "Anbar"], "lang": "en", "slug": "hashd-carried",
        "source_url": "https://www.globaltimes.example/content/1140873.shtml",
        "raw_file": "seeds/100.txt",
    }, WIRE_COPY),
    "rawa-front": ({
        "title": "Iraqi forces open new front in final push against Daesh",
        "date": "2017-11-25T10:00:00+00:00", "added": "2025-11-21", "author": "Staff Reporter",
        "source": "AFP", "publisher": "TRT World", "category": "World",
        "tags": ["Iraq", "Daesh", "Anbar", "Rawa", "Al Qaim"], "lang": "en", "slug": "rawa-front",
        "summary": "Troops push north from the Euphrates valley into the western desert.",
        "source_url": "https://www.trtworld.com/mea/iraqi-forces-open-new-front-12247",
        "raw_file": "seeds/001.txt",
    }, """\
Iraqi forces thrust north from the Euphrates Valley into the desert on Saturday, opening up a new front in the drive to flush out fugitive Daesh militants, a commander said.

Daesh has already been driven from all the towns it once held, but Prime Minister Haider al-Abadi has said he will not proclaim victory until the group has been cleared from the western desert bordering Syria.

On Saturday, troops and tribal militia pushed north from Al Qaim and Rawa, two Euphrates Valley towns recaptured from Daesh earlier this month, in a pincer movement, said Abu Mahdi al-Mohandis of the Hashd Shaabi.
"""),
    "rawa-flee": ({
        "title": "Islamic State members flee western Anbar bastion toward Salahuddin",
        "date": "2017-11-26T08:00:00+00:00", "added": "2025-11-21", "date_inferred": True,
        "source": "Iraqi News", "category": "Iraq News",
        "tags": ["Iraq", "Islamic State", "Anbar", "Rawa", "Salahuddin"], "lang": "en",
        "slug": "rawa-flee", "raw_file": "seeds/003.txt",
    }, """\
Islamic State militants have fled their bastion in Rawa, west of Anbar, toward Salahuddin, as troops of the Euphrates Valley offensive declared their intentions, an official said.

Prime Minister Haider al-Abadi announced earlier this month the liberation of Al Qaim. Abu Mahdi al-Mohandis, of the Hashd Shaabi, said the fighters headed for the desert near Syria.

Hussein al-Okaidi, the mayor of Rawa, said no more than twenty Daesh members remained.
"""),
    "mattis-derived": ({
        "title": "US Defense Secretary James Mattis announced that his country is still tracking down ISIS",
        "title_derived": True, "date": "2018-01-02", "date_inferred": True, "added": "2025-11-21",
        "publisher": "Asharq Al-Awsat", "category": "World", "tags": ["Iraq", "ISIS"],
        "lang": "en", "slug": "mattis-derived", "raw_file": "seeds/002.txt",
    }, "US Defense Secretary James Mattis announced that his country is still tracking down small "
       "pockets of ISIS fighters in Iraq.\n\n\"We have repeatedly said the war is not over,\" he added.\n"),
    "undated-remnants": ({
        "title": "Iraq launches 'major operations' to defeat ISIS remnants in Anbar desert",
        "date": "2025-11-21", "date_unknown": True, "added": "2025-11-21", "modified": "2019-03-05",
        "author": "Khalid al-Taie", "publisher": "Diyaruna", "category": "Iraq News",
        "tags": ["Iraq", "ISIS", "Anbar"], "lang": "en", "slug": "undated-remnants",
        "raw_file": "seeds/004.txt",
    }, "Iraqi forces will embark on \"major\" security operations to eliminate remnants of ISIS in "
       "the desert in western Anbar, a tribal leader said Monday.\n"),
    "arabic-report": ({
        "title": "القوات العراقية تطلق عمليات واسعة في صحراء الأنبار",
        "date": "2020-02-10T12:00:00+03:00", "added": "2025-11-21", "source": "الشرق الأوسط",
        "category": "World", "tags": ["Iraq", "Anbar"], "lang": "ar", "slug": "arabic-report",
        "raw_file": "seeds/200.txt",
    }, "أعلنت القوات العراقية عن عمليات أمنية واسعة في صحراء الأنبار لملاحقة فلول داعش.\n\n"
       "وقال قائد ميداني إن العمليات ستشمل مناطق لم تصلها القوات من قبل.\n"),
    "editor-note": ({
        "title": "How this digest is made", "date": "2020-02-11", "tags": ["Digest"],
    }, "The desk reads every article before it is published. Titles drawn from the text are marked.\n"),
}

PAGE = ("---\ntitle: About the digest\n---\n\nThe Digest collects reporting on Iraq and Syria.\n")


def write_fixture_articles(content: Path) -> None:
    """Content folder in; the hand-made articles and one page written there."""
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(parents=True, exist_ok=True)
    for name, (meta, body) in ARTICLES.items():
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
        (content / "articles" / f"{name}.md").write_text(f"---\n{front}---\n\n{body}", "utf-8")
    (content / "pages" / "about.md").write_text(PAGE, "utf-8")


def build_fixture_site(root: Path, pagination: int = 3, **overrides) -> Path:
    """Folder and setting overrides in; the hand-made articles built into root/output."""
    project = copy_project(root, seeds=False)
    write_fixture_articles(project / "content")
    settings = {"DEFAULT_PAGINATION": pagination,
                "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
                "DELETE_OUTPUT_DIRECTORY": True, **overrides}
    extra = [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    result = run_pelican(project, "-e", *extra)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "ERROR" not in result.stdout + result.stderr, result.stdout + result.stderr
    return project / "output"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("site") / "project")


def words(node) -> str:
    """Element in, its text with whitespace runs made single spaces."""
    return " ".join(node.get_text().split())


def read_page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text("utf-8"), "html.parser")


def article_page(site: Path, slug: str) -> BeautifulSoup:
    return read_page(site, f"article/{slug}.html")


# --- the same-story grouping on its own ---------------------------------

def test_wire_copies_are_grouped_as_same_wire_text():
    entries = [Entry("a", WIRE_TEXT, day=1), Entry("b", WIRE_COPY, day=40),
               Entry("c", ARTICLES["rawa-front"][1], day=1)]
    links = find_same_story(entries)
    assert [link.key for link in links["a"]] == ["b"]
    assert links["a"][0].method == "wire"
    assert links["a"][0].reason.startswith("same wire text")
    assert "c" not in links


def test_shared_names_need_a_few_days():
    front, flee = ARTICLES["rawa-front"][1], ARTICLES["rawa-flee"][1]
    tags = ("Rawa", "Anbar")
    near = find_same_story([Entry("a", front, tags, day=10), Entry("b", flee, tags, day=12)])
    assert near["a"][0].method == "names"
    assert re.fullmatch(r"shares \d+ names within 3 days", near["a"][0].reason)
    assert "Rawa" in near["a"][0].shared
    far = find_same_story([Entry("a", front, tags, day=10), Entry("b", flee, tags, day=14)])
    assert far == {}


def test_undated_articles_are_not_grouped_by_names():
    front, flee = ARTICLES["rawa-front"][1], ARTICLES["rawa-flee"][1]
    assert find_same_story([Entry("a", front, day=10), Entry("b", flee, day=None)]) == {}


def test_names_skip_sentence_openers_and_titles():
    names = extract_names("On Saturday, Prime Minister Haider al-Abadi visited Rawa. The troops left.")
    assert "haider al-abadi" in names and "rawa" in names
    assert "on saturday" not in names and "the" not in names


def test_name_links_come_in_the_same_order_in_every_run():
    # the first article shares five names with each other one, a different five each
    others = {k: [f"Place{k}n{m}" for m in range(5)] for k in range(1, 7)}
    entries = [Entry("0", " and ".join(n for names in others.values() for n in names) + ".", day=5)]
    entries += [Entry(str(k), " and ".join(names) + ".", day=5) for k, names in others.items()]
    links = find_same_story(entries)
    assert [link.key for link in links["0"]] == ["1", "2", "3", "4", "5", "6"]


def test_unknown_setting_is_named_in_an_error(caplog):
    options = read_options({"DIGEST_SITE": {"sitemap_save_as": "", "source_urls": "x/{slug}"}})
    assert options == Options(sitemap_save_as="")
    assert "'source_urls'" in caplog.text and caplog.records[0].levelname == "ERROR"


# --- pages -------------------------------------------------------------

def test_home_is_the_latest_days_edition_with_undated_articles_on_a_shelf(site):
    home = read_page(site, "index.html")
    days = [h.get_text(strip=True) for h in home.select("main .day-head")]
    assert days == ["Tuesday 11 February 2020", "Undated"]   # not the day the undated one was added
    shelf = [a["href"] for a in home.select("main .undated .headline a")]
    assert len(shelf) == 1 and "undated-remnants" in shelf[0]
    assert home.select_one("main nav.days a[rel=prev]").get_text(strip=True) == \
        "Previous day: Monday 10 February 2020 →"
    assert not (site / "index2.html").exists()


def test_the_masthead_date_is_one_value_for_the_whole_build(site):
    for rel in ("index.html", "tag/anbar.html", "article/undated-remnants.html", "2017/index.html",
                "sources.html"):
        edition = read_page(site, rel).select_one(".edition span").get_text(" ", strip=True)
        assert edition == "Latest edition: Tuesday 11 February 2020", rel


def test_day_pages_link_the_days_before_and_after_that_have_articles(site):
    day = read_page(site, "2019/03/04/index.html")
    links = {a["rel"][0]: (a.get_text(strip=True), a["href"]) for a in day.select("main nav.days a")}
    assert links["prev"][0] == "Previous day: Sunday 3 March 2019 →"
    assert links["next"][0] == "← Next day: Monday 10 February 2020"
    for _, href in links.values():
        assert (site / "2019/03/04").joinpath(href).resolve().joinpath("index.html").is_file()


def test_month_archives_run_newest_first(site):
    month = read_page(site, "2017/11/index.html")
    days = [h.get_text(strip=True) for h in month.select("main .day-head")]
    assert days == sorted(days, key=lambda d: int(d.split()[1]), reverse=True) and len(days) == 2


def test_home_item_shows_title_source_date_summary_and_tags(site):
    items = read_page(site, "2019/03/03/index.html").select(".item")
    item = next(i for i in items if "hashd-wire" in i.select_one(".headline a")["href"])
    assert item.select_one(".meta a").get_text() == "Xinhua"
    assert item.select_one(".meta time")["datetime"].startswith("2019-03-03")
    assert "tribal commander" in item.select_one(".summary").get_text()
    assert sorted(a.get_text() for a in item.select(".tags a")) == ["Anbar", "Daesh", "Hashd Shaabi", "Iraq"]
    assert item.select_one(".also a").get_text() == "1 more report on this story"


def test_article_page_has_everything_a_reader_needs(site):
    page = article_page(site, "hashd-wire")
    story = page.select_one("article.story")
    assert story.h1.get_text() == ARTICLES["hashd-wire"][0]["title"]
    byline = story.select_one(".byline").get_text(" ", strip=True)
    assert "By xuxin" in byline and "Xinhua" in byline and "Editor: xuxin" in byline
    assert story.select_one(".dateline time")["datetime"].startswith("2019-03-03")
    assert re.search(r"\d+ min read", story.select_one(".dateline").get_text())
    original = story.select_one(".original a")
    assert original["href"] == ARTICLES["hashd-wire"][0]["source_url"]
    assert story.select_one(".filed a").get_text() == "World"
    assert [a.get_text() for a in story.select(".tag-row a")] == ["Iraq", "Daesh", "Anbar", "Hashd Shaabi"]
    assert "rugged areas" in story.select_one("[data-pagefind-body]").get_text()
    assert page.select_one("nav.neighbours a[rel=prev]")
    assert page.select_one("nav.neighbours a[rel=next]")
    assert not story.select_one(".editor-note")


def test_only_the_article_text_is_indexed(site):
    page = article_page(site, "hashd-wire")
    bodies = page.select("[data-pagefind-body]")
    assert len(bodies) == 1 and "body" in bodies[0]["class"]
    for name in ("index.html", "tags.html", "archives.html", "search.html", "tag/iraq.html"):
        assert not read_page(site, name).select("[data-pagefind-body]"), name


def test_same_story_links_go_both_ways_and_keep_the_reasoning_from_readers(site):
    wire = article_page(site, "hashd-wire").select_one(".same-story")
    assert wire and "hashd-carried" in wire.a["href"] and wire.li["data-method"] == "wire"
    carried = article_page(site, "hashd-carried").select_one(".same-story")
    assert carried and "hashd-wire" in carried.a["href"]
    names = article_page(site, "rawa-front").select_one(".same-story")
    assert names and "rawa-flee" in names.a["href"] and names.li["data-method"] == "names"
    assert "rawa-front" in article_page(site, "rawa-flee").select_one(".same-story").a["href"]
    for aside in (wire, carried, names):
        text = aside.get_text(" ")
        assert "Grouped" not in text and "shares" not in text and "wire text" not in text
    assert not article_page(site, "how-this-digest-is-made").select_one(".same-story")


def test_dates_say_when_they_are_inferred_or_unknown(site):
    inferred = words(article_page(site, "rawa-flee").select_one(".dateline"))
    assert "(date inferred)" in inferred
    page = article_page(site, "undated-remnants")
    unknown = words(page.select_one(".dateline"))
    # The page stated only when it was updated: said, but never taken for its day.
    assert unknown.startswith("Date unknown, added 21 November 2025 (page updated 5 March 2019)")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert "datePublished" not in data and data["dateModified"].startswith("2019-03-05")


def test_the_machines_notes_are_for_editors_not_readers(site):
    page = article_page(site, "mattis-derived")       # its headline was drawn from the text
    assert "drawn from the text" not in page.get_text() and not page.select_one(".editor-note")


def test_right_to_left_article_gets_lang_and_dir(site):
    page = article_page(site, "arabic-report")
    assert page.html["lang"] == "en"                # the site's own words stay English
    for node in (page.h1, page.select_one("[data-pagefind-body]")):
        assert node["lang"] == "ar" and node["dir"] == "rtl"
    source = page.select_one(".byline a")
    assert source.get_text() == "الشرق الأوسط"
    assert (site / "article" / source["href"]).resolve().is_file()


def test_hand_written_article_needs_only_title_date_tags(site):
    page = article_page(site, "how-this-digest-is-made")
    assert page.h1.get_text() == "How this digest is made"
    assert page.select_one(".byline").get_text(strip=True) == ""
    assert not page.select_one(".original")
    assert not page.select_one(".filed a") and not page.select_one(".kicker")   # no section stated: none
    assert "General" not in read_page(site, "categories.html").get_text()


def test_source_and_publisher_link_to_their_source_pages(site):
    carried = article_page(site, "hashd-carried")
    links = {a.get_text(): a["href"] for a in carried.select(".byline a")}
    assert links == {"Xinhua": "../source/xinhua.html", "Global Times": "../source/global-times.html"}
    xinhua = read_page(site, "source/xinhua.html")
    assert xinhua.h1.get_text() == "Xinhua"
    slugs = {a["href"].rsplit("/", 1)[-1] for a in xinhua.select(".headline a")}
    assert slugs == {"hashd-wire.html", "hashd-carried.html"}
    assert not (site / "source" / "xinhua2.html").exists()     # 2 articles: one page of 3
    index = read_page(site, "sources.html")
    counts = {a.get_text(): a.find_next_sibling("span").get_text() for a in index.select(".index-list a")}
    assert counts["Xinhua"] == "2" and counts["TRT World"] == "1" and counts["AFP"] == "1"


def test_tag_index_has_counts_and_tag_pages_link_their_feed(site):
    index = read_page(site, "tags.html")
    counts = {a.get_text(): a.find_next_sibling("span").get_text() for a in index.select(".index-list a")}
    assert counts["Iraq"] == "7" and counts["Rawa"] == "2"
    tag = read_page(site, "tag/rawa.html")
    assert tag.h1.get_text() == "Rawa"
    feed = tag.select_one('link[rel=alternate][type="application/atom+xml"][href*="feeds/tag"]')
    assert (site / "tag" / feed["href"]).resolve().is_file()


def test_sections_have_pages(site):
    page = read_page(site, "category/iraq-news.html")
    assert page.h1.get_text() == "Iraq News"
    assert len(page.select(".item")) == 2
    assert "Iraq News" in read_page(site, "categories.html").get_text()


def test_archives_by_year_month_and_day(site):
    archives = read_page(site, "archives.html")
    years = [h.get_text(strip=True) for h in archives.select(".year h2")]
    assert years == ["2020", "2019", "2018", "2017"]     # the undated article is in none
    year = read_page(site, "2017/index.html")
    assert year.h1.get_text() == "2017"
    assert "November 2017" in year.select_one(".month-index").get_text()
    month = read_page(site, "2017/11/index.html")
    assert month.h1.get_text() == "November 2017"
    assert len(month.select(".item")) == 2
    day = read_page(site, "2017/11/25/index.html")
    assert day.h1.get_text() == "25 November 2017"
    assert [a.get_text() for a in day.select(".headline a")] == [ARTICLES["rawa-front"][0]["title"]]


def test_feeds_cover_the_digest_and_each_tag(site):
    feed = feedparser.parse((site / "feeds/all.atom.xml").read_bytes())
    dated = [meta for meta, _ in ARTICLES.values() if not meta.get("date_unknown")]
    assert not feed.bozo and len(feed.entries) == len(dated) < len(ARTICLES)   # undated left out
    assert feedparser.parse((site / "feeds/all.rss.xml").read_bytes()).entries
    tag = feedparser.parse((site / "feeds/tag/rawa.atom.xml").read_bytes())
    assert {e.title for e in tag.entries} == {ARTICLES["rawa-front"][0]["title"],
                                              ARTICLES["rawa-flee"][0]["title"]}


def newest_titles(count: int, tag: str | None = None) -> list[str]:
    """A number and maybe a tag in; titles of that many newest fixture articles out."""
    def when(meta):
        date = datetime.fromisoformat(str(meta["date"]))
        return date if date.tzinfo else date.replace(tzinfo=timezone.utc)
    metas = [meta for meta, _ in ARTICLES.values()
             if (tag is None or tag in meta["tags"]) and not meta.get("date_unknown")]
    return [meta["title"] for meta in sorted(metas, key=when, reverse=True)[:count]]


def test_feeds_hold_only_the_newest_articles(tmp_path):
    cap = get_settings_from_file(str(ROOT / "pelicanconf.py"))["FEED_MAX_ITEMS"]
    assert isinstance(cap, int) and cap > 0
    site = build_fixture_site(tmp_path / "project", FEED_MAX_ITEMS=2)
    for rel, tag in (("feeds/all.atom.xml", None), ("feeds/all.rss.xml", None),
                     ("feeds/tag/iraq.atom.xml", "Iraq")):
        feed = feedparser.parse((site / rel).read_bytes())
        assert [e.title for e in feed.entries] == newest_titles(2, tag), rel


def test_sitemap_lists_articles_and_listing_pages(site):
    tree = ET.parse(site / "sitemap.xml")
    locs = [urlsplit(loc.text).path for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "/article/hashd-wire.html" in locs
    assert "/tag/rawa.html" in locs and "/source/xinhua.html" in locs
    assert "/pages/about-the-digest.html" in locs


def test_search_page_loads_pagefind_from_the_site(site):
    page = read_page(site, "search.html")
    assert page.select_one('script[src="./pagefind/pagefind-ui.js"]')
    assert page.select_one('link[href="./pagefind/pagefind-ui.css"]')
    assert page.select_one("#search")


def listing_pages(site: Path, rel: str) -> list[str]:
    """A listing's first page in; it and its further pages (NAME2.html, ...) out."""
    pages, n = [rel], 2
    while (site / rel.replace(".html", f"{n}.html")).exists():
        pages.append(rel.replace(".html", f"{n}.html"))
        n += 1
    return pages


@pytest.mark.parametrize("rel", ["index.html", "tag/anbar.html", "category/iraq-news.html",
                                 "source/diyaruna.html"])
def test_listed_articles_link_right_from_every_depth(site, rel):
    # a listing item is rendered once per depth and reused on the other pages
    rel, item = next((name, i) for name in listing_pages(site, rel) for i in read_page(site, name).select(".item")
                     if "undated-remnants" in i.select_one(".headline a")["href"])
    links = [a["href"] for a in item.select("a[href]")]
    assert len(links) >= 4                                # section, headline, source, tags
    for href in links:
        assert (site / rel).parent.joinpath(href.split("#")[0]).resolve().is_file(), (rel, href)


@pytest.mark.parametrize("rel", ["index.html", "article/hashd-wire.html", "tag/iraq.html",
                                 "2017/11/index.html", "search.html", "sources.html"])
def test_pages_load_nothing_from_elsewhere(site, rel):
    page = read_page(site, rel)
    for node in page.select("script[src], link[href], img[src], iframe, source[src], video, audio"):
        ref = node.get("src") or node.get("href") or ""
        if node.name == "link" and node.get("rel") in (["alternate"], ["canonical"]):
            continue                                  # feeds and the canonical address: never loaded
        assert not re.match(r"(?i)(https?:)?//", ref), f"{rel}: {node}"
    css = (site / "theme/css/digest.css").read_text("utf-8")
    assert "@import" not in css and "url(" not in css


@pytest.mark.parametrize("rel", ["index.html", "article/hashd-wire.html", "tag/iraq.html",
                                 "archives.html", "search.html"])
def test_pages_have_a_skip_link_landmarks_and_one_h1(site, rel):
    page = read_page(site, rel)
    skip = page.body.find("a")
    assert skip["href"] == "#main" and skip.get_text() == "Skip to content"
    assert page.select_one("main#main") and page.select_one("header.masthead nav")
    assert len(page.find_all("h1")) == 1
    assert page.html["lang"] == "en"


def test_article_page_and_css_are_light(site):
    for path in sorted((site / "article").glob("*.html")):
        weight = path.stat().st_size + (site / "theme/css/digest.css").stat().st_size
        assert weight < PAGE_WEIGHT_LIMIT, f"{path.name}: {weight} bytes"
        scripts = BeautifulSoup(path.read_text("utf-8"), "html.parser").find_all("script")
        assert [s.get("type") for s in scripts] == ["application/ld+json"], path.name   # data only


def test_tags_are_ranked_by_importance_to_the_article():
    aliases = {"Islamic State": ("IS", "Daesh"), "Anbar": ("Anbar province",)}
    tags = ["Anbar", "Baghdad", "Iraq", "Islamic State", "Syria"]
    title = "Daesh remnants hide in Anbar desert"
    text = ("BAGHDAD, March 3 (Xinhua) -- IS militants are hiding in the Anbar desert, officials said. "
            "IS cells move at night. Anbar province police chase the IS cells. Syria was not mentioned twice. "
            "Iraq said IS was weak.")
    ranked = [str(t) for t in rank_tags(tags, title, text, aliases)]
    assert ranked[:2] == ["Islamic State", "Anbar"]          # in the headline, named most
    assert ranked[-1] == "Baghdad"                           # only the dateline's place
    assert rank_tags([], title, text, aliases) == []


def test_listings_show_the_most_important_tags_first(site):
    item = next(i for i in read_page(site, "2019/03/03/index.html").select(".item")
                if "hashd-wire" in i.select_one(".headline a")["href"])
    shown = [a.get_text() for a in item.select(".tags a")]
    title = ARTICLES["hashd-wire"][0]["title"]
    assert shown[0] in title and shown != sorted(shown)      # a headline name leads, not the alphabet
