"""The benchmarks' own set-up, which needs none of ../shared: it must not break unseen."""
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
