"""Pelican settings for the published digest: absolute URLs and feeds."""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("DIGEST_SITEURL", "https://digest.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"

# The editors' review page stays out of the public site.
DIGEST_PREP = {**DIGEST_PREP, "review_page": ""}  # noqa: F405
DELETE_OUTPUT_DIRECTORY = True
