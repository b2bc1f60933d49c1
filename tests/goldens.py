"""Case directories and their goldens: what `digest convert` writes for each raw file.

    python tests/goldens.py           # rewrite every golden (make goldens)
    python tests/goldens.py SLUG...   # rewrite only these cases

Each tests/cases/<slug>/ holds one raw file `seed.<ext>`, an optional
sidecar `seed.yaml`, and one golden: `expected.md`, the Markdown the
conversion writes (front matter included), or `expected-error.txt`, the
message a refused file gets. Each case is converted alone, in a scratch
project of its own, by `digest convert` (its `main`, called in this
process: a subprocess per case would cost a second each). After a
regeneration, `git diff tests/cases` shows what a change did to every case.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CASES_DIR = HERE / "cases"
PROJECT_FILES = ("pelicanconf.py", "tags.yaml", "sources.yaml")
GOLDEN = "expected.md"
GOLDEN_ERROR = "expected-error.txt"
NOT_INPUT = {GOLDEN, GOLDEN_ERROR, "README.md"}
ADDED_EPOCH = "1763683200"     # 2025-11-21: the day every case's article is added
# Lines that change with every edit to the converter's code: its hash, and
# the file's fingerprint, which covers that hash. The goldens hold these
# instead, and so does the output before it is compared.
NORMALISED = {"generator:": "generator: <code>\n", "fingerprint:": "fingerprint: <sha256>\n"}


@dataclass(frozen=True)
class Result:
    """One case converted: its golden's name and text, the log, and the raw files as they were."""

    golden: str          # expected.md or expected-error.txt
    text: str
    log: list[logging.LogRecord]
    raw_before: dict[str, bytes]
    raw_after: dict[str, bytes]
    status: int
    written: str         # the Markdown as written, before normalising ("" if none)
    stray: list[str]     # files the run made outside its output and state folders


def case_dirs() -> list[Path]:
    """Every case directory, sorted by slug."""
    return sorted(p for p in CASES_DIR.iterdir() if p.is_dir())


def case_inputs(case: Path) -> list[Path]:
    """Case directory in; the files it hands to the conversion (raw file and sidecar)."""
    return sorted(p for p in case.iterdir() if p.is_file() and p.name not in NOT_INPUT)


def normalise(text: str) -> str:
    """Generated Markdown in; the same with its code hash and fingerprint replaced by fixed words."""
    return "".join(NORMALISED.get(line.split(" ", 1)[0], line) for line in text.splitlines(keepends=True))


class Collect(logging.Handler):
    """Keeps every record logged while a case converts."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def convert_case(case: Path, scratch: Path) -> Result:
    """Case directory and an empty scratch folder in; what `digest convert` made of the case."""
    from digest_prep.cli import main
    from pelican.log import LimitFilter
    project = scratch / "project"
    (project / "seeds").mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, project / name)
    for path in case_inputs(case):
        shutil.copy(path, project / "seeds" / path.name)
    for seen in (LimitFilter._ignore, LimitFilter._raised_messages, LimitFilter._group_count):
        seen.clear()         # Pelican logs a message once per process; each case is a run of its own
    before = {p.name: p.read_bytes() for p in (project / "seeds").iterdir()}
    project_before, cwd_before = set(project.rglob("*")), set(Path.cwd().iterdir())
    out = project / "out"
    handler, root_logger = Collect(), logging.getLogger()
    root_logger.addHandler(handler)
    level = root_logger.level
    if not logging.NOTSET < level <= logging.WARNING:      # warnings are part of what a case gives
        root_logger.setLevel(logging.WARNING)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = ADDED_EPOCH
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            status = main(["convert", "--quiet", "--workers", "1", "--out", str(out),
                           "--settings", str(project / "pelicanconf.py")])
    finally:
        root_logger.removeHandler(handler)
        root_logger.setLevel(level)
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    after = {p.name: p.read_bytes() for p in (project / "seeds").iterdir()}
    made = (set(project.rglob("*")) - project_before) | (set(Path.cwd().iterdir()) - cwd_before)
    stray = sorted(str(p) for p in made
                   if not p.is_relative_to(out) and not p.is_relative_to(project / ".digest"))
    written = sorted(out.rglob("*.md")) if out.is_dir() else []
    markdown = ""
    if written:
        assert len(written) == 1, f"{case.name}: {len(written)} articles from one raw file"
        markdown = written[0].read_text(encoding="utf-8")
        golden, text = GOLDEN, normalise(markdown)
    else:
        errors = [r.getMessage() for r in handler.records
                  if r.levelno >= logging.WARNING and r.name.startswith("digest_prep")]
        golden, text = GOLDEN_ERROR, "".join(line + "\n" for line in errors)
    return Result(golden, text, handler.records, before, after, status, markdown, stray)


def write_golden(case: Path, result: Result) -> bool:
    """Case and its Result in; its golden rewritten (the other kind removed), True if it changed."""
    for name in (GOLDEN, GOLDEN_ERROR):
        if name != result.golden and (case / name).exists():
            (case / name).unlink()
    path = case / result.golden
    old = path.read_bytes() if path.exists() else None
    path.write_bytes(result.text.encode("utf-8"))
    return old != path.read_bytes()


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "plugins"))
    logging.getLogger().addHandler(logging.NullHandler())   # the log is the cases' business, not the terminal's
    cases = [CASES_DIR / slug for slug in argv] if argv else case_dirs()
    changed = 0
    with tempfile.TemporaryDirectory(prefix="goldens-") as scratch:
        for n, case in enumerate(cases):
            changed += write_golden(case, convert_case(case, Path(scratch) / str(n)))
    print(f"{len(cases)} cases converted, {changed} goldens changed (git diff tests/cases shows how)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
