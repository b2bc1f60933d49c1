"""The DIGEST_PREP setting, merged over defaults into Options: read by the plugin and the CLI alike."""
from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "seeds_path": "seeds",          # raw articles, relative to the project
    "output_dir": "articles",       # inside Pelican's PATH
    "tags_file": "tags.yaml",       # the tag vocabulary
    "sources_file": "sources.yaml",  # the outlets vocabulary
    "state_dir": ".digest",         # lock, backups, review data
    "workers": 0,                   # conversion processes; 0 = one per core
    "review_page": "review/index.html",  # editors' page in the output; "" for none
}


@dataclass(frozen=True)
class Options:
    """Where things are and how to run, copied from the settings."""

    root: Path
    seeds_dir: Path
    out_dir: Path
    tags_file: Path
    sources_file: Path
    state_dir: Path
    workers: int
    today: str
    review_page: str


def read_options(settings: dict[str, Any], root: Path | None = None, check_keys: bool = True) -> Options:
    """Pelican settings in; Options out (unknown DIGEST_PREP keys are logged, unless check_keys is off)."""
    given = settings.get("DIGEST_PREP") or {}
    if check_keys:
        for key in sorted(set(given) - set(DEFAULTS)):
            logger.error("DIGEST_PREP: unknown setting %r (known: %s)", key, ", ".join(sorted(DEFAULTS)))
    merged = {**DEFAULTS, **given}
    content = Path(settings.get("PATH", "content"))
    if root is None:
        root = content.resolve().parent if content.is_absolute() else Path.cwd()
    root = root.resolve()
    content = content if content.is_absolute() else root / content
    return Options(
        root=root,
        seeds_dir=resolve(root, merged["seeds_path"]),
        out_dir=resolve(content, merged["output_dir"]),
        tags_file=resolve(root, merged["tags_file"]),
        sources_file=resolve(root, merged["sources_file"]),
        state_dir=resolve(root, merged["state_dir"]),
        workers=int(merged["workers"]) or os.cpu_count() or 1,
        today=today_iso(),
        review_page=str(merged["review_page"] or ""),
    )


def resolve(base: Path, value: str) -> Path:
    """Base folder and a setting's path in; an absolute path out."""
    path = Path(value)
    return path if path.is_absolute() else base / path


def today_iso() -> str:
    """The day articles are added, honouring SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()
