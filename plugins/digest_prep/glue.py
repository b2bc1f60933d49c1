"""Pelican glue: the signal receivers, nothing else."""
from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .options import read_options
from .read import printable
from .pelican_reader import DigestMarkdownReader
from .run.conversion import run_conversion
from .run.summary import print_summary, write_review_page

logger = logging.getLogger(__name__)


def convert_seeds(pelican) -> None:
    """Pelican instance in; raw files in seeds/ converted into content/ before reading."""
    options = read_options(pelican.settings)
    pelican.digest_report = run_conversion(options)
    print_summary(pelican.digest_report, options)


def finish_build(pelican) -> None:
    """Pelican instance in, after the build; the review page, and one error if any file failed."""
    report = getattr(pelican, "digest_report", None)
    if report is None:
        return
    options = read_options(pelican.settings)
    if options.review_page:
        write_review_page(options, Path(pelican.settings["OUTPUT_PATH"]), pelican.settings)
    if report.failed:
        logger.error("%d raw file(s) could not be converted: %s", len(report.failed),
                     printable(", ".join(o.raw_file for o in report.failed)))


def add_reader(readers) -> None:
    """Pelican readers in; our YAML-front-matter Markdown reader registered."""
    for ext in DigestMarkdownReader.file_extensions:
        readers.reader_classes[ext] = DigestMarkdownReader


def register() -> None:
    signals.get_generators.connect(convert_seeds)
    signals.finalized.connect(finish_build)
    signals.readers_init.connect(add_reader)
