"""Metadata of whole raw files, one case directory per real problem (tests/cases/meta-*/).

Each case holds a raw file (seed.txt or seed.html) and expected.yaml: the
front-matter fields it must give (null: the field must be left out), and
optionally tags_include and flags_include.
"""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from digest_prep.metadata import build_outlets
from digest_prep.pipeline import Context, convert_file
from digest_prep.tagging import build_vocabulary

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (Path(__file__).resolve().parent / "cases").glob("meta-*") if p.is_dir())
CONTEXT = Context(
    furniture=frozenset(),
    vocabulary=build_vocabulary(yaml.safe_load((ROOT / "tags.yaml").read_text(encoding="utf-8"))),
    outlets=build_outlets(yaml.safe_load((ROOT / "sources.yaml").read_text(encoding="utf-8"))))


def convert_case(case: Path, tmp_path: Path):
    """Case directory and a scratch project in; the Article its raw file becomes out."""
    raw = next(case.glob("seed.*"))
    (tmp_path / "seeds").mkdir()
    path = shutil.copy(raw, tmp_path / "seeds" / f"{case.name}{raw.suffix}")
    outcome = convert_file(Path(path), replace(CONTEXT, root=tmp_path))
    assert outcome.article is not None, outcome.message
    return outcome.article


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_metadata_case(case, tmp_path):
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    article = convert_case(case, tmp_path)
    meta = article.meta
    for field, want in expected.items():
        if field == "tags_include":
            assert set(want) <= set(article.tags), article.tags
        elif field == "flags_include":
            assert set(want) <= {flag.code for flag in meta.flags}
        else:
            assert getattr(meta, field) == want, field


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_title_and_date_names_its_evidence(case, tmp_path):
    meta = convert_case(case, tmp_path).meta
    assert meta.title is None or meta.title_from
    assert meta.date is None or meta.date_from
