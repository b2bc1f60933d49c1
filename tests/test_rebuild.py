"""A second `make html` of the same sources gives the same output/, byte for byte.

Pagefind's index included: the build clears output/pagefind before
indexing (no file of an older index is left behind) and puts the lists
Pagefind writes in hash-map order into a fixed one.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_env, copy_project
from digest_site.search import build_search_index

VENV = Path(sys.executable).parent.parent


def make_html(project: Path) -> None:
    """Project folder in; `make html` run there with this test's environment (never set up again)."""
    run = subprocess.run(["make", "-o", str(VENV / ".installed"), "html", f"VENV={VENV}"],
                         cwd=project, capture_output=True, text=True, timeout=600,
                         env=build_env(project))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Folder in; every file under it, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_second_make_html_gives_a_byte_identical_output(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    make_html(project)
    output = project / "output"
    first = snapshot(output)
    assert any(name.startswith("pagefind/filter/") for name in first)    # filters are indexed
    stale = output / "pagefind" / "fragment" / "en_0000000.pf_fragment"
    stale.write_bytes(b"an index file of an older build")                 # must not survive
    make_html(project)
    second = snapshot(output)
    assert sorted(second) == sorted(first)
    changed = [name for name in first if first[name] != second[name]]
    assert changed == []
    shutil.rmtree(output / "pagefind")
    assert build_search_index(output)
    assert snapshot(output) == first                                      # as a fresh index


def test_registering_the_plugin_loads_no_cleaner() -> None:
    # a rebuild with nothing to convert pays for what registering imports:
    # the cleaners, the metadata rules and their models load with the first
    # file that needs converting, not before (a third of a second saved on
    # every warm rebuild)
    code = ("import sys, digest_prep; digest_prep.register(); "
            "print(sorted(m for m in sys.modules if m == 'numpy' or m in "
            "{'digest_prep.' + name for name in ('metadata', 'clean_text', 'clean_html', 'classify_text', "
            "'classify_html', 'pipeline')}))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"
