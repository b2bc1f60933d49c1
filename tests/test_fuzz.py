"""A short robustness fuzz: random and mutated raw files convert or raise ConversionError.

The long run (10,000 files, every failure listed with a reproducer) is
benchmarks/fuzz.py, run by `make bench`; this one runs in `make test`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import fuzz  # noqa: E402
from conftest import CORPUS_PAGES_DIR  # noqa: E402
from fuzz import convert_raw, raw_files  # noqa: E402

fuzz.CORPUS_PAGES = CORPUS_PAGES_DIR     # base texts: the tests' own copy of the corpus pages


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(raw_files())
def test_raw_file_converts_or_is_refused(raw):
    data, suffix, sidecar = raw
    convert_raw(data, suffix, sidecar)   # success, or ConversionError caught inside; nothing else
