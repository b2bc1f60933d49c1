"""The code version: a hash of what decides the Markdown, so a change to it converts every file again."""
from __future__ import annotations

import hashlib
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
# The modules a file's Markdown depends on: the stages, their rules, models
# and vocabulary code, in the order of the trip. An edit to any of them may
# change an article, so it is written into every article (`generator:`) and
# makes the next run convert them all again.
CONVERTING_MODULES = (
    "model.py", "read.py", "furniture.py",
    "rules.py", "rule_match.py", "css_match.py", "layout_text.py", "links.py", "escaping.py", "names.py",
    "clean_text.py", "classify_text.py", "clean_html.py", "classify_html.py", "page_meta.py",
    "language.py", "metadata.py", "tagging.py", "checks.py", "write.py", "pipeline.py",
)
# The learned cleaners' models: data, but they decide which lines are kept.
MODELS = "models/*"
# The modules that only run, show or store conversions: editing them (the
# command line, the Pelican glue, the pool, the review page) changes no
# article and must not convert every file again. Every module is in one of
# the two lists; tests/test_version.py checks that none is forgotten.
RUNNING_MODULES = (
    "__init__.py", "options.py", "files.py", "version.py", "glue.py", "cli.py", "devserver.py",
    "review.py", "gate.py", "pelican_reader.py", "run/*.py",
)


def code_version() -> str:
    """A short hash of the converting modules and the models: changes reconvert."""
    digest = hashlib.sha256()
    for name in CONVERTING_MODULES:
        digest.update((PLUGIN_DIR / name).read_bytes())
    for path in sorted(PLUGIN_DIR.glob(MODELS)):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def vocabulary_version(tags_file: Path, sources_file: Path) -> str:
    """The vocabularies' paths in; a short hash of their contents, so an edit to them re-tags."""
    digest = hashlib.sha256()
    for path in (tags_file, sources_file):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:6]
