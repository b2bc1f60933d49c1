"""The code version covers what decides the Markdown: an edit to the command line keeps it, one to a stage changes it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest_prep import version

PLUGIN_DIR = Path(version.__file__).resolve().parent


def listed(names: tuple[str, ...], top: Path) -> set[str]:
    """Names and globs relative to the plugin in; the module paths they cover."""
    return {p.relative_to(top).as_posix() for name in names for p in top.glob(name)}


def test_every_module_is_either_versioned_or_named_as_not_changing_output():
    modules = {p.relative_to(PLUGIN_DIR).as_posix() for p in PLUGIN_DIR.rglob("*.py")
               if "__pycache__" not in p.parts}
    converting = listed(version.CONVERTING_MODULES, PLUGIN_DIR)
    running = listed(version.RUNNING_MODULES, PLUGIN_DIR)
    assert not converting & running
    assert modules == converting | running, "classify each new module in version.py"


@pytest.fixture
def plugin_copy(tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "digest_prep"
    shutil.copytree(PLUGIN_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "PLUGIN_DIR", copy)
    return copy


@pytest.mark.parametrize("name", ["cli.py", "glue.py", "run/pool.py", "review.py", "gate.py", "devserver.py",
                                  "reader.py"])
def test_editing_a_module_that_only_runs_conversions_keeps_the_version(plugin_copy: Path, name: str):
    before = version.code_version()
    with open(plugin_copy / name, "a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    assert version.code_version() == before


@pytest.mark.parametrize("name", ["clean_text.py", "metadata.py", "pipeline.py", "rules.py", "tagging.py",
                                  "models/text.json"])
def test_editing_a_stage_rule_or_model_changes_the_version(plugin_copy: Path, name: str):
    before = version.code_version()
    with open(plugin_copy / name, "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert version.code_version() != before


def test_vocabulary_version_follows_the_vocabularies(tmp_path: Path):
    tags, sources = tmp_path / "tags.yaml", tmp_path / "sources.yaml"
    tags.write_text("Iraq: [Iraqi]\n", encoding="utf-8")
    before = version.vocabulary_version(tags, sources)
    sources.write_text("Reuters: {}\n", encoding="utf-8")
    assert version.vocabulary_version(tags, sources) != before
