"""The benchmark suite's own set-up: the project's settings as `make bench` reads them, so it never breaks unseen."""
from __future__ import annotations

import importlib
import sys

from conftest import ROOT


def test_bench_reads_the_project_settings() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        run = importlib.import_module("run")
        assert "digest_prep" in run.settings_plugins()
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
