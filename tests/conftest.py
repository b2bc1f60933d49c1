"""Shared paths and helpers: tests write only under tmp_path."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "cases"
SEEDS_GOLD = Path(__file__).resolve().parent / "gold" / "seeds.yaml"      # the seeds' line-by-line gold
CORPUS_PAGES_DIR = Path(__file__).resolve().parent / "corpus" / "pages"  # copied text of 50 news pages
PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "tags.yaml", "sources.yaml")
PROJECT_DIRS = ("plugins", "theme", "seeds", "content/pages")
ADDED_EPOCH = "1763683200"    # 2025-11-21: the day articles are added in tests
ADDED = "2025-11-21"
# Two short raw articles, for tests whose files are made at test time.
FLOOD = (
    b"Flood waters recede along the Euphrates near Hit\n"
    b"\n"
    b"Flood waters along the Euphrates began to recede on Thursday after a week of heavy rain "
    b"that cut the road between Hit and Haditha, local officials said.\n"
    b"\n"
    b"Engineers from the provincial council worked through the night to repair a breached "
    b"embankment, and families who had left low-lying farms started to return.\n"
)
OIL = (
    b"Oil exports from Basra reach a record in March\n"
    b"\n"
    b"Oil exports from the southern port of Basra reached a record in March, the oil ministry "
    b"said on Sunday, as new storage tanks came into service.\n"
    b"\n"
    b"A ministry spokesman said the terminals had loaded more tankers than in any month since "
    b"the fields were opened to foreign companies.\n"
)


def copy_project(target: Path, seeds: bool = True) -> Path:
    """Folder in; a copy of the project's sources (not its build products) made there."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)
    for name in PROJECT_DIRS:
        if (ROOT / name).is_dir() and (seeds or name != "seeds"):
            shutil.copytree(ROOT / name, target / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
    (target / "seeds").mkdir(exist_ok=True)
    (target / "content" / "articles").mkdir(parents=True, exist_ok=True)
    return target


def run_pelican(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Project folder in; `pelican content -s pelicanconf.py` run there, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", *args],
        cwd=project, capture_output=True, text=True, timeout=600, env=build_env(project))


def run_digest(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Project folder in; `digest ...` run there as an editor would."""
    return subprocess.run(
        [sys.executable, "-m", "digest_prep.cli", *args], cwd=project, capture_output=True,
        text=True, timeout=600, env=build_env(project))


def build_env(project: Path) -> dict[str, str]:
    """Project folder in; the environment a build there runs with (a fixed 'today')."""
    return {**os.environ, "COLUMNS": "200", "SOURCE_DATE_EPOCH": ADDED_EPOCH,
            "PYTHONPATH": str(project / "plugins")}


def start_devserver(project: Path, port: int, log: Path) -> subprocess.Popen:
    """Project folder, port and log file in; `make devserver` running there in a session of its own,
    Ctrl-C reaching it as in a terminal."""
    venv = Path(sys.executable).parent.parent
    return subprocess.Popen(
        ["make", "--no-print-directory", "devserver", f"VENV={venv}", "STAMP=", f"PORT={port}"],
        cwd=project, env=build_env(project), stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True, preexec_fn=heed_interrupt)


def heed_interrupt() -> None:
    """In a child before it runs its program: SIGINT back to its default. A suite started in the
    background by a shell without job control (a CI job's `cmd &`) inherits it ignored, and so
    would make and the server; a terminal's Ctrl-C, which the tests send, never is."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def split_markdown(text: str) -> tuple[dict, str]:
    """Generated Markdown in; (front matter, body) out."""
    assert text.startswith("---\n"), text[:80]
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project, seeds included, under tmp_path."""
    return copy_project(tmp_path / "project")


@pytest.fixture(autouse=True)
def fresh_log_dedup():
    """Pelican's loggers drop a message they have logged before; each test starts afresh."""
    from pelican.log import LimitFilter
    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    yield


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, shared by every browser test (one Playwright per process)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
