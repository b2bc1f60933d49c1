"""Pelican settings for local builds of the digest."""
import os
from hashlib import sha256
from pathlib import Path

AUTHOR = "The Digest desk"
SITENAME = "The Digest"
SITESUBTITLE = "Curated news, cleaned and dated"
# The digest's public address, in one place: the DIGEST_SITEURL environment
# variable, or the local address `make serve` and `make devserver` use. Feeds,
# the sitemap and sharing links are absolute; pages link relatively, so
# output/ also opens from disk. The build warns while no address is set.
LOCAL_SITEURL = "http://localhost:8000"
SITEURL = os.environ.get("DIGEST_SITEURL", "").strip().rstrip("/") or LOCAL_SITEURL
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Pelican keeps what the Markdown reader returned for a file while the file
# is unchanged. The reader's code is part of the folder's name, so values an
# older reader handed out (HTML-escaped titles before the theme escaped) are
# never shown through today's theme.
reader_code = sorted((Path(__file__).parent / "plugins" / "digest_prep").glob("*.py"))
CACHE_PATH = "cache/" + sha256(b"".join(p.read_bytes() for p in reader_code)).hexdigest()[:12]

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_PAGINATION = 20

THEME = "theme"
# Every value a template prints is HTML-escaped unless it is marked safe; the
# theme marks only article bodies and summaries, which the reader has passed
# through an allow-list sanitiser (digest_prep/pelican_reader.py).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "autoescape": True}

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["digest_prep", "digest_site"]

# The preprocessor: raw articles in seeds/ become Markdown in content/articles/.
DIGEST_PREP = {
    "seeds_path": "seeds",
    "output_dir": "articles",
    "tags_file": "tags.yaml",
    "sources_file": "sources.yaml",
    "state_dir": ".digest",
}

# Feeds: Atom for the whole digest, each tag, each section and (DIGEST_SITE)
# each source; none for authors. Undated articles stay out of every feed.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
CATEGORY_FEED_ATOM = "feeds/section/{slug}.atom.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
# Each feed holds the newest articles only: a feed reader polls it for what
# is new. Measured on the benchmark digest (5,000 generated articles over
# two years, 123 tags): 50 items still cover a week of the busiest tag
# ("Iraq", 4,875 articles), and the 125 feeds take a third less CPU to
# write than with Pelican's default of 100 (2.1 s instead of 3.0 s).
FEED_MAX_ITEMS = 50

YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
DAY_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/index.html"
DAY_ARCHIVE_URL = "{date:%Y}/{date:%m}/{date:%d}/"

# The reader-facing site: theme/ and the digest_site plugin (same-story
# links, source pages, sitemap). Sections come from `category` only.
USE_FOLDER_AS_CATEGORY = False
# An article without section evidence is listed without a section: no "General".
DEFAULT_CATEGORY = ""
ARTICLE_URL = "article/{slug}.html"
ARTICLE_SAVE_AS = "article/{slug}.html"
ARTICLE_LANG_URL = ARTICLE_URL          # an Arabic article is no translation:
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS  # it has the same kind of address
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "sources", "search"]
# The home page is one day's edition; the listings of a tag, section or source are paged.
PAGINATED_TEMPLATES = {"tag": None, "category": None, "source": None}
DIGEST_SITE = {
    "source_url": "source/{slug}.html",
    "source_save_as": "source/{slug}.html",
    "sitemap_save_as": "sitemap.xml",
    "source_feed_atom": "feeds/source/{slug}.atom.xml",
}
