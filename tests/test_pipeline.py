"""One raw file's trip (pipeline.convert_file), the Job and Outcome values around it, and the furniture pass."""
from __future__ import annotations

import pickle
import re
import shutil
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, split_markdown
from digest_prep import pipeline, read
from digest_prep.furniture import FURNITURE_CACHE, SiteFurniture, file_keys, learn_file
from digest_prep.metadata import build_outlets
from digest_prep.model import Block, Extraction, Job, Line, Outcome
from digest_prep.pipeline import Context, convert_file
from digest_prep.run import pool
from digest_prep.tagging import build_vocabulary

PLUGIN_DIR = Path(pipeline.__file__).resolve().parent
CONTEXT = Context(
    furniture=frozenset(),
    vocabulary=build_vocabulary(yaml.safe_load((ROOT / "tags.yaml").read_text(encoding="utf-8"))),
    outlets=build_outlets(yaml.safe_load((ROOT / "sources.yaml").read_text(encoding="utf-8"))),
    generator="test")


def raw_file(root: Path, name: str, data: bytes) -> Path:
    (root / "seeds").mkdir(exist_ok=True)
    path = root / "seeds" / name
    path.write_bytes(data)
    return path


def test_convert_file_gives_the_markdown_and_what_the_review_needs(tmp_path: Path):
    path = raw_file(tmp_path, "rutba.txt", (ROOT / "examples" / "rutba.txt").read_bytes())
    outcome = convert_file(path, replace(CONTEXT, root=tmp_path), added="2025-11-21",
                           markdown="content/articles/rutba.md")
    assert outcome.status == "converted" and outcome.raw_file == "seeds/rutba.txt"
    assert outcome.markdown == "content/articles/rutba.md"
    meta, body = split_markdown(outcome.text)
    assert meta["raw_file"] == "seeds/rutba.txt" and meta["added"] == "2025-11-21"
    assert meta["generator"] == "test" and "Rutba" in body
    assert outcome.article is not None and outcome.article.meta.title == meta["title"]
    assert outcome.flags == [flag.code for flag in outcome.article.flags]
    assert outcome.removed                       # the dropped lines, by rule, for the review page


def test_a_file_that_is_no_article_fails_with_its_name_and_does_not_raise(tmp_path: Path):
    path = raw_file(tmp_path, "broken.txt", b"\x00\x01\x02 binary \xff\xfe junk")
    outcome = convert_file(path, replace(CONTEXT, root=tmp_path))
    assert outcome.status == "failed" and outcome.raw_file == "seeds/broken.txt"
    assert outcome.message.startswith("seeds/broken.txt: ") and outcome.text == "" and outcome.article is None


def test_a_bug_in_a_stage_fails_that_file_in_the_pool_and_raises_elsewhere(tmp_path: Path, monkeypatch):
    path = raw_file(tmp_path, "rutba.txt", (ROOT / "examples" / "rutba.txt").read_bytes())

    def broken_cleaner(seed, furniture, page):
        raise RuntimeError("a cleaner bug")
    monkeypatch.setattr(pipeline, "clean_seed", broken_cleaner)
    context = replace(CONTEXT, root=tmp_path)
    with pytest.raises(RuntimeError):            # the fuzzer looks for these
        convert_file(path, context)
    pool.init_worker(context)
    outcome = pool.convert_job(Job(str(path), str(tmp_path / "rutba.md"), "2025-11-21"))
    assert outcome.status == "failed"
    assert outcome.message == "seeds/rutba.txt: failed: RuntimeError: a cleaner bug"


def test_the_pool_sends_back_the_markdown_but_not_the_article(tmp_path: Path):
    path = raw_file(tmp_path, "rutba.txt", (ROOT / "examples" / "rutba.txt").read_bytes())
    pool.init_worker(replace(CONTEXT, root=tmp_path))
    outcome = pool.convert_job(Job(str(path), str(tmp_path / "content" / "rutba.md"), "2025-11-21"))
    assert outcome.status == "converted" and outcome.markdown == "content/rutba.md"
    assert outcome.article is None and outcome.text.startswith("---\n")
    assert pickle.loads(pickle.dumps(outcome)) == outcome


def test_jobs_are_frozen_values_that_travel_to_workers():
    job = Job("/p/seeds/a.txt", "/p/content/articles/a.md", "2025-11-21")
    with pytest.raises(FrozenInstanceError):
        job.added = "2026-01-01"                 # type: ignore[misc]
    assert pickle.loads(pickle.dumps(job)) == job


def test_outcomes_share_one_empty_record_of_removed_lines():
    assert Outcome("a", "new").removed is Outcome("b", "new").removed


def test_the_stage_order_is_written_in_convert_file_only():
    # each stage's entry point is called from one place in the package: convert_file
    stages = ("read_seed(", "clean_seed(", "extract_metadata(", "choose_tags(", "check_article(",
              "render_markdown(")
    for path in sorted(PLUGIN_DIR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for stage in stages:
            calls = [m for m in re.finditer(rf"(?<![\w.]){re.escape(stage)}", text)
                     if not text[:m.start()].endswith("def ")]
            if path.name == "pipeline.py":
                assert len(calls) == 1, stage
            elif f"def {stage}" not in text:         # not a function of its own by the same name
                assert not calls, f"{path.name} calls {stage}"
    source = Path(pipeline.__file__).read_text(encoding="utf-8")
    body = source[source.index("def convert_file("):source.index("\ndef ", source.index("def convert_file("))]
    numbers = [int(n) for n in re.findall(r"# (\d) ", body)]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, 8))


def test_the_furniture_pass_reads_each_raw_file_once_for_its_hash_and_keys(tmp_path: Path, monkeypatch):
    text = (ROOT / "examples" / "rutba.txt").read_bytes()
    path = raw_file(tmp_path, "rutba.txt", text)
    opened = []
    real_open = read.open_regular

    def counting_open(where, rel=""):
        opened.append(Path(where))
        return real_open(where, rel)
    monkeypatch.setattr(read, "open_regular", counting_open)
    furniture = SiteFurniture(tmp_path / ".digest", "v1")
    sha, data = furniture.read_file(path, "seeds/rutba.txt")
    assert opened == [path] and data == text
    furniture.add_learned(sha, learn_file(path, "seeds/rutba.txt", data))
    assert furniture.learned == {sha: "\t".join(sorted(file_keys(read.read_seed(path, tmp_path).text)))}
    furniture.shared_keys()
    assert (tmp_path / ".digest" / FURNITURE_CACHE).read_text(encoding="utf-8").startswith("furniture\tv1\n")
    shutil.copy(path, tmp_path / "seeds" / "copy.txt")
    again = SiteFurniture(tmp_path / ".digest", "v1")     # known by its hash: read, not learned again
    assert again.read_file(tmp_path / "seeds" / "copy.txt", "seeds/copy.txt") == (sha, None)


def test_a_byline_the_cleaner_kept_leaves_the_body_unless_the_editor_keeps_it() -> None:
    lines = (Line(1, "Headline", "title", "headline"), Line(2, "Sara Haddad @SaraHaddad", "body", "model"),
             Line(3, "The article's first sentence.", "body", "model"))
    blocks = (Block("p", "Sara Haddad @SaraHaddad"), Block("p", "The article's first sentence."))
    extraction = Extraction(blocks=blocks, lines=lines)
    dropped = pipeline.drop_byline(extraction, 2)
    assert dropped.blocks == blocks[1:]
    assert [line.role for line in dropped.lines] == ["title", "byline", "body"]
    assert pipeline.drop_byline(extraction, 0) is extraction
    kept = Extraction(blocks=blocks, lines=(lines[0], lines[1]._replace(rule="editor-keep"), lines[2]))
    assert pipeline.drop_byline(kept, 2) is kept
    alone = Extraction(blocks=blocks[:1], lines=lines[:2])       # never the whole body
    assert pipeline.drop_byline(alone, 2) is alone
