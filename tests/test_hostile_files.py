"""Raw files git cannot hold, made here: link loops, deep trees, FIFOs, devices, hostile names.

Each is put beside a good raw file and converted by `digest convert` in a
subprocess with a timeout, as an editor runs it: the run must end, name the
bad file with its reason, and publish every article it can.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES_DIR, FLOOD, OIL, build_env, copy_project, run_pelican, split_markdown

GOOD = (CASES_DIR / "bad-sidecar-overrides" / "seed.txt").read_bytes()
OTHER = FLOOD
FOURTH = (b"Power cuts ease in Mosul as a new line opens\n\nPower cuts in Mosul eased on Monday after a "
          b"new transmission line from the Kirkuk grid came into service, the electricity ministry "
          b"said.\n\nResidents of the eastern districts said supply had risen to twenty hours a day, "
          b"up from eight a week ago, and generator owners cut their monthly fees.\n")
DEPTH = 1_100          # deeper than Python's recursion limit
TIMEOUT = 60           # a run that takes longer has hung


def convert(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Project folder in; `digest convert` run there, bounded by TIMEOUT, bytes captured."""
    return subprocess.run([sys.executable, "-m", "digest_prep.cli", "convert", *args],
                          cwd=project, capture_output=True, timeout=TIMEOUT, env=build_env(project))


def articles(project: Path) -> dict[str, dict]:
    """Project folder in; the front matter of each generated article, by its raw file."""
    fronts = [split_markdown(p.read_text(encoding="utf-8"))[0]
              for p in (project / "content" / "articles").rglob("*.md")]
    return {front["raw_file"]: front for front in fronts}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project copy whose seeds/ holds one good raw file, good.txt."""
    project = copy_project(tmp_path / "project", seeds=False)
    (project / "seeds" / "good.txt").write_bytes(GOOD)
    return project


def assert_survived(run: subprocess.CompletedProcess) -> str:
    """A finished run in; its stderr as text, once it is known no traceback stopped it."""
    err = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert run.returncode in (0, 1), err[-3000:]
    return err


def test_link_loops_are_reported_and_the_build_goes_on(project: Path):
    seeds = project / "seeds"
    (seeds / "loop.txt").symlink_to("loop.txt")
    (seeds / "ping.txt").symlink_to("pong.txt")
    (seeds / "pong.txt").symlink_to("ping.txt")
    (seeds / "sub").mkdir()
    (seeds / "sub" / "up").symlink_to("..")                  # a folder loop: not followed
    (seeds / "sub" / "story.txt").write_bytes(OTHER)
    err = assert_survived(convert(project))
    for name in ("loop.txt", "ping.txt", "pong.txt"):
        assert f"seeds/{name}: skipped: a loop of links" in err, err
    assert set(articles(project)) == {"seeds/good.txt", "seeds/sub/story.txt"}


@pytest.fixture
def deep_tree(project: Path):
    """The project; afterwards its deep tree is taken apart, which pytest's own clean-up cannot do."""
    yield project
    seeds = project / "seeds"
    level, flat = seeds / "d", []
    while (level / "d").is_dir():      # each step moves the rest of the tree up beside seeds/
        flat.append(project / f"flat{len(flat)}")
        os.rename(level / "d", flat[-1])
        level = flat[-1]
    for folder in [seeds, *flat]:
        shutil.rmtree(folder, ignore_errors=True)


def test_raw_file_1100_folders_deep_is_converted(deep_tree: Path):
    project = deep_tree
    fd = os.open(project / "seeds", os.O_RDONLY)
    for _ in range(DEPTH):        # made by handle: the path grows past what os.makedirs can recurse
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    out = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(out, OTHER)
    os.close(out)
    os.close(fd)
    assert_survived(convert(project))
    found = articles(project)
    deep = "seeds/" + "d/" * DEPTH + "deep.txt"
    assert set(found) == {"seeds/good.txt", deep}
    written = [p for p in (project / "content" / "articles").rglob("*.md") if "deep" in p.name]
    assert len(written[0].relative_to(project / "content" / "articles").parts) == 9   # 8 folders kept
    assert convert(project).returncode == 0                   # and the next run finds it unchanged


@pytest.mark.parametrize("kind", ["fifo", "device", "link-to-fifo", "fifo-named-on-command-line"])
def test_file_that_is_no_regular_file_is_refused_without_blocking(project: Path, kind: str):
    seeds = project / "seeds"
    if kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device needs root")
        os.mknod(seeds / "bad.txt", 0o644 | 0o020000, os.makedev(1, 5))    # /dev/zero: never ends
    else:
        os.mkfifo(seeds / ("pipe.txt" if kind == "link-to-fifo" else "bad.txt"))
        if kind == "link-to-fifo":
            (seeds / "bad.txt").symlink_to("pipe.txt")
    args = ["seeds/bad.txt", "seeds/good.txt"] if kind == "fifo-named-on-command-line" else []
    run = convert(project, *args)
    err = assert_survived(run)
    assert run.returncode == 1
    assert "seeds/bad.txt: skipped: not a regular file" in err, err
    assert set(articles(project)) == {"seeds/good.txt"}


def test_fifo_as_sidecar_is_not_opened(project: Path):
    os.mkfifo(project / "seeds" / "good.yaml")
    assert_survived(convert(project))
    assert set(articles(project)) == {"seeds/good.txt"}


def test_names_reach_the_terminal_escaped(project: Path):
    seeds = os.fsencode(project / "seeds")
    hostile = b"/\x1b]0;owned\x07\x1b[2J\xe2\x80\xaegnp.txt"  # ESC sequences, a bell, a bidi override
    not_utf8 = b"/caf\xe9.txt"                                     # a name that is not UTF-8
    markup = b"/[bold red]alarm :warning:.txt"                        # rich's markup and emoji codes
    for name, data in ((hostile, OTHER), (hostile[:-4] + b".yaml", b"date: never\n"),
                       (not_utf8, GOOD.replace(b"Rutba", b"Qaim")), (markup, GOOD)):
        with open(seeds + name, "wb") as handle:
            handle.write(data)
    run = convert(project)
    assert_survived(run)
    for raw in (b"\x1b", b"\x07", "\u202e".encode(), b"\xe9"):
        assert raw not in run.stderr, run.stderr
    err = run.stderr.decode()
    shown = "seeds/\\x1b]0;owned\\x07\\x1b[2J\\u202egnp.txt"
    assert f"{shown}: date 'never' is not a date" in err, err
    assert "seeds/caf\\xe9.txt: skipped: its name is not UTF-8 text; rename it" in err, err
    assert "seeds/[bold red]alarm :warning:.txt" in err, err
    assert len(articles(project)) == 3


def test_every_article_of_clashing_names_and_bad_dates_is_published(project: Path):
    """Through `pelican content`: what the conversion keeps, Pelican publishes."""
    seeds = project / "seeds"
    short = b"\n\n".join(GOOD.split(b"\n\n")[:3]) + b"\n"      # its first two paragraphs
    texts = {"report.TXT": short, "report.txt": FLOOD, "Cafe/x.txt": OIL}
    texts["good.txt"] = FOURTH
    for name, data in texts.items():
        (seeds / name).parent.mkdir(exist_ok=True)
        (seeds / name).write_bytes(data)
    (seeds / "good.yaml").write_text("date: 1e309\n")
    (seeds / "report.yaml").write_text("date: -0044-03-15\n")
    build = run_pelican(project)
    assert build.returncode == 0, build.stderr[-3000:]
    pages = list((project / "output" / "article").glob("*.html"))
    assert len(pages) == 4, build.stdout[-3000:]
    assert "seeds/good.txt: date '1e309' is not a date" in build.stdout + build.stderr
    assert "0044" not in "".join(p.read_text(encoding="utf-8") for p in pages)
