"""DIGEST_PREP read once (options.py) for the plugin, the CLI and the site plugin's tags file."""
from __future__ import annotations

import logging
from pathlib import Path

from digest_prep.options import DEFAULTS, read_options
from digest_site.glue import find_tags_file


def test_paths_are_resolved_against_the_project_and_content(tmp_path: Path):
    settings = {"PATH": str(tmp_path / "content"),
                "DIGEST_PREP": {"tags_file": "vocab/tags.yaml", "output_dir": "news", "workers": 3}}
    options = read_options(settings)
    assert options.root == tmp_path.resolve()
    assert options.tags_file == tmp_path.resolve() / "vocab" / "tags.yaml"
    assert options.out_dir == tmp_path / "content" / "news"
    assert options.seeds_dir == tmp_path.resolve() / DEFAULTS["seeds_path"]
    assert options.workers == 3
    assert settings["DIGEST_PREP"] == {"tags_file": "vocab/tags.yaml", "output_dir": "news", "workers": 3}


def test_an_unknown_key_is_named_once_and_the_site_plugin_does_not_repeat_it(tmp_path: Path, caplog):
    settings = {"PATH": str(tmp_path / "content"), "DIGEST_PREP": {"tag_file": "x.yaml"}}
    with caplog.at_level(logging.ERROR):
        read_options(settings)
        tags_file = find_tags_file(settings)
    assert [r.getMessage() for r in caplog.records if "tag_file" in r.getMessage()] == [
        "DIGEST_PREP: unknown setting 'tag_file' (known: %s)" % ", ".join(sorted(DEFAULTS))]
    assert tags_file == read_options(settings, check_keys=False).tags_file == tmp_path.resolve() / "tags.yaml"
