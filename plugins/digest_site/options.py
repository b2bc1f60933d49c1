"""The DIGEST_SITE setting, merged over defaults into Options."""
from __future__ import annotations

import logging
from dataclasses import dataclass, fields

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    """Site-side settings; DIGEST_SITE keys are these field names."""

    source_url: str = "source/{slug}.html"
    source_save_as: str = "source/{slug}.html"
    sitemap_save_as: str = "sitemap.xml"   # "" writes no sitemap
    source_feed_atom: str = "feeds/source/{slug}.atom.xml"   # "" writes no source feeds
    words_per_minute: int = 230            # adult silent reading of news prose
    search_index: bool = True              # run Pagefind over output/ after every build
    review_gate: bool = False              # hold flagged, unapproved articles out of the build


def read_options(settings) -> Options:
    """Pelican settings in, Options out; unknown keys are logged as errors."""
    given = dict(settings.get("DIGEST_SITE") or {})
    known = {f.name for f in fields(Options)}
    for key in sorted(set(given) - known):
        log.error("DIGEST_SITE: unknown key %r (known: %s)", key, ", ".join(sorted(known)))
    return Options(**{k: v for k, v in given.items() if k in known})
