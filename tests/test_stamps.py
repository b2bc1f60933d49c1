"""File stamps: a warm run reads no unchanged file, and still sees every edit."""
from __future__ import annotations

import json
import os
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pelican.settings import read_settings

import digest_prep.furniture
import digest_prep.run.conversion
from conftest import copy_project, split_markdown
from digest_prep.options import read_options
from digest_prep.run.conversion import run_conversion
from digest_prep.run.stamps import STAMPS_FILE, read_stamps

HOUR_NS = 3600 * 10**9


def options_for(project: Path):
    return replace(read_options(read_settings(str(project / "pelicanconf.py")), project), workers=1)


def age_files(project: Path) -> None:
    """Every raw file, sidecar and article set an hour back, as files an earlier day's build left."""
    past = time.time_ns() - HOUR_NS
    for folder in ("seeds", "content/articles"):
        for path in (project / folder).rglob("*"):
            if path.is_file():
                os.utime(path, ns=(past, past))


class Reads:
    """Counts the raw files and articles a run opens."""

    def __init__(self, monkeypatch):
        self.raw, self.markdown = [], []
        read_raw_bytes = digest_prep.furniture.read_raw_bytes
        read_generated = digest_prep.run.conversion.read_generated

        def counted_raw(path, rel):
            self.raw.append(rel)
            return read_raw_bytes(path, rel)

        def counted_markdown(path):
            self.markdown.append(path.name)
            return read_generated(path)

        monkeypatch.setattr(digest_prep.furniture, "read_raw_bytes", counted_raw)
        monkeypatch.setattr(digest_prep.run.conversion, "read_generated", counted_markdown)


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    """A project converted, its files aged, and converted again: the stamps of every file taken."""
    project = copy_project(tmp_path / "p")
    (project / "seeds" / "002_a24904526fcae996.yaml").write_text("title: An editor's title\n",
                                                                encoding="utf-8")
    assert run_conversion(options_for(project)).count("new") == 5
    age_files(project)
    assert run_conversion(options_for(project)).count("unchanged") == 5
    return project


def article(project: Path, seed: str) -> Path:
    return project / "content" / "articles" / (Path(seed).stem + ".md")


def test_a_warm_run_reads_no_unchanged_file(warm: Path, monkeypatch):
    reads = Reads(monkeypatch)
    report = run_conversion(options_for(warm))
    assert report.count("unchanged") == 5
    assert (reads.raw, reads.markdown) == ([], [])


def test_a_raw_file_edited_to_the_same_size_and_mtime_is_converted_again(warm: Path, monkeypatch):
    seed = warm / "seeds" / "000_f581c82b4a773cbc.txt"
    before = seed.stat()
    text = seed.read_text(encoding="utf-8")
    edited = text.replace("the", "THE", 1)
    assert edited != text and len(edited.encode()) == before.st_size
    seed.write_text(edited, encoding="utf-8")
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))   # only its ctime tells
    reads = Reads(monkeypatch)
    report = run_conversion(options_for(warm))
    assert (report.count("updated"), report.count("unchanged")) == (1, 4)
    assert reads.raw == ["seeds/000_f581c82b4a773cbc.txt"]
    assert "THE" in article(warm, seed.name).read_text(encoding="utf-8")


def test_an_edited_sidecar_converts_its_raw_file_again(warm: Path):
    sidecar = warm / "seeds" / "002_a24904526fcae996.yaml"
    sidecar.write_text("title: A better title\n", encoding="utf-8")
    report = run_conversion(options_for(warm))
    assert (report.count("updated"), report.count("unchanged")) == (1, 4)
    meta, _body = split_markdown(article(warm, sidecar.name).read_text(encoding="utf-8"))
    assert meta["title"] == "A better title"


def test_an_article_edited_by_hand_after_a_warm_run_is_kept(warm: Path, monkeypatch):
    markdown = article(warm, "001_63e3a3cfca456c39.txt")
    edited = markdown.read_text(encoding="utf-8") + "\nAn editor's closing line.\n"
    markdown.write_text(edited, encoding="utf-8")
    reads = Reads(monkeypatch)
    report = run_conversion(options_for(warm))
    assert (report.count("kept"), report.count("unchanged")) == (1, 4)
    assert reads.markdown == [markdown.name]
    assert markdown.read_text(encoding="utf-8") == edited
    report = run_conversion(options_for(warm))     # and on the run after, from its stamp
    assert report.count("kept") == 1 and markdown.read_text(encoding="utf-8") == edited


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated", "other-version", "wrong-shape"])
def test_a_missing_or_damaged_stamps_file_means_every_file_is_read(warm: Path, monkeypatch, damage: str):
    path = warm / ".digest" / STAMPS_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"\xff\x00 not stamps\n" + os.urandom(64))
    elif damage == "truncated":
        path.write_text("".join(lines[:3]) + lines[3][:25], encoding="utf-8")
    elif damage == "other-version":
        path.write_text('["stamps", "000000000000"]\n' + "".join(lines[1:]), encoding="utf-8")
    else:
        path.write_text(lines[0] + "".join(line.replace('", [', '", 7, [') for line in lines[1:]),
                        encoding="utf-8")
    reads = Reads(monkeypatch)
    report = run_conversion(options_for(warm))
    assert report.count("unchanged") == 5
    assert len(reads.raw) == 5 and len(reads.markdown) == 5
    assert len(read_stamps(path, json.loads(lines[0])[1])) == 10      # written anew


def test_a_stamp_of_a_file_changed_just_before_the_run_is_not_kept(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    run_conversion(options_for(project))
    run_conversion(options_for(project))        # the articles were written a moment ago
    path = project / ".digest" / STAMPS_FILE
    stamps = read_stamps(path, json.loads(path.read_text(encoding="utf-8").splitlines()[0])[1])
    assert any(name.startswith("raw:") for name in stamps)       # the seeds were copied with their times
    assert not any(name.startswith("md:") for name in stamps)
