"""Pelican settings for the published digest: absolute URLs, no review page."""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

# SITEURL comes from pelicanconf (the DIGEST_SITEURL environment variable).
RELATIVE_URLS = False

# The editors' review page stays out of the public site, and so does every
# flagged article until an editor approves it (digest review, digest approve).
DIGEST_PREP = {**DIGEST_PREP, "review_page": ""}  # noqa: F405
DIGEST_SITE = {**DIGEST_SITE, "review_gate": True}  # noqa: F405
DELETE_OUTPUT_DIRECTORY = True
