"""Is `digest convert`'s Markdown the same, byte for byte, before and after a change?

    python benchmarks/same_output.py snapshot DIR     # convert every input into DIR
    python benchmarks/same_output.py compare OLD NEW  # count identical files, list the others

The inputs are the five seeds, every page of ../shared/corpus (.html and
.txt) and every case directory of tests/cases with a raw file (sidecars
included). They are copied into a scratch project with this project's
settings and vocabularies, so raw_file paths do not depend on where the
checkout is, and converted by the `digest` command a user runs, with
SOURCE_DATE_EPOCH fixed so that the day added is the same. The one line a
change must alter, `generator:` (the hash of the converter's code), is left
out of the comparison, and so is the fingerprint that hashes it, once it is
checked against the rest of the file.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
CASES = ROOT / "tests" / "cases"
CASE_EXPECTATIONS = {"case.yaml", "expected.yaml", "expected.md", "expected-error.txt"}
EPOCH = "1767225600"          # 2026-01-01, the day every article is added


def copy_inputs(seeds: Path) -> int:
    """Scratch seeds folder in; every input copied into it, their number out."""
    count = 0
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(path, seeds / "seeds" / path.name)
        count += 1
    if SHARED_CORPUS.is_dir():
        for path in sorted(SHARED_CORPUS.iterdir()):
            if path.suffix in (".html", ".txt") and not path.name.startswith("."):
                shutil.copy(path, seeds / "corpus" / path.name)
                count += 1
    else:
        print(f"note: {SHARED_CORPUS} is missing; corpus pages are not compared", file=sys.stderr)
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        raws = [p for p in case.iterdir() if p.name.startswith("seed.") and p.suffix != ".yaml"]
        if not raws:
            continue             # made at test time, not a file
        (seeds / "cases" / case.name).mkdir(parents=True)
        for path in case.iterdir():
            if path.name not in CASE_EXPECTATIONS and path.is_file():
                shutil.copy(path, seeds / "cases" / case.name / path.name)
        count += len(raws)
    return count


def snapshot(out: Path) -> None:
    """Output folder in; every input's Markdown written there."""
    digest = Path(sys.executable).with_name("digest")
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        for name in ("pelicanconf.py", "tags.yaml", "sources.yaml"):
            shutil.copy(ROOT / name, project / name)
        for folder in ("seeds", "corpus"):
            (project / "seeds" / folder).mkdir(parents=True)
        count = copy_inputs(project / "seeds")
        out = out.resolve()
        if out.exists():
            shutil.rmtree(out)
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        subprocess.run([str(digest), "convert", "--quiet", "--out", str(out)], cwd=project, env=env,
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    written = sum(1 for _ in out.rglob("*.md"))
    print(f"{count} raw files converted, {written} Markdown files in {out}")


def comparable(path: Path) -> bytes:
    """Markdown file in; its bytes without the generator line and the fingerprint, which hashes it.

    The fingerprint is checked against the rest of the file first, so a file
    whose other bytes are the same is the same but for the generator.
    """
    lines = path.read_bytes().splitlines(keepends=True)
    stamps = [line for line in lines if line.startswith(b"fingerprint: ")]
    rest = b"".join(line for line in lines if not line.startswith(b"fingerprint: "))
    if len(stamps) != 1 or hashlib.sha256(rest).hexdigest().encode() != stamps[0][13:].strip():
        return b"fingerprint does not match: " + path.read_bytes()
    return b"".join(line for line in lines if not line.startswith((b"generator:", b"fingerprint: ")))


def compare(old: Path, new: Path) -> int:
    """Two snapshots in; the count of identical files printed, exit status out (1 if any differ)."""
    names = sorted({p.relative_to(old) for p in old.rglob("*.md")} | {p.relative_to(new) for p in new.rglob("*.md")})
    differ = []
    for name in names:
        a, b = old / name, new / name
        if not (a.is_file() and b.is_file() and comparable(a) == comparable(b)):
            differ.append(name)
    print(f"{len(names) - len(differ)} of {len(names)} Markdown files identical (generator and fingerprint lines aside)")
    for name in differ:
        state = "only before" if not (new / name).is_file() else "only after" if not (old / name).is_file() else "differs"
        print(f"  {state}: {name}")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "snapshot":
        snapshot(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
