"""Site names several files of one run agree on: a copy's logo line or follow link, taken only with others.

The files in tests/fixtures/run-sites/ are invented copies of three
outlets: one whose copies open with the logo's text ("Quillfeather"), one
whose copies name the site only in a follow link ("Follow Tidewater
Notes"), and one whose copies open with a section label ("Markets") that
the first outlet's menu shows too.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import copy_project, run_digest, run_pelican, split_markdown
from digest_prep.furniture import file_keys, find_run_sites
from digest_prep.metadata import find_run_site
from digest_prep.model import Line

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "run-sites"


def fixture_keys() -> dict[str, frozenset[str]]:
    """Nothing in; each fixture file's name with its keys out."""
    return {path.name: file_keys(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.txt"))}


def lines_of(name: str) -> list[Line]:
    """A fixture's name in; its lines as a cleaner would number them (roles unknown) out."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [Line(number, line, "unknown", "") for number, line in enumerate(text.splitlines(), 1)]


def test_a_logo_line_topping_one_outlets_files_names_the_site():
    sites = find_run_sites(fixture_keys())
    assert "top:quillfeather" in sites
    assert find_run_site(lines_of("quillfeather-2.txt"), sites) == "Quillfeather"


def test_a_follow_link_repeated_by_one_outlets_files_names_the_site():
    sites = find_run_sites(fixture_keys())
    assert "claim:tidewater notes" in sites
    assert find_run_site(lines_of("tidewater-1.txt"), sites) == "Tidewater Notes"


def test_a_section_label_another_outlets_menu_shows_is_no_site():
    sites = find_run_sites(fixture_keys())
    assert "top:markets" not in sites
    assert find_run_site(lines_of("ledger-markets-1.txt"), sites) is None


def test_one_file_alone_gives_no_site():
    keys = fixture_keys()
    assert find_run_sites({"quillfeather-1.txt": keys["quillfeather-1.txt"]}) == frozenset()


def test_the_authors_own_follow_link_is_no_site():
    sites = frozenset({"claim:tidewater notes"})
    assert find_run_site(lines_of("tidewater-1.txt"), sites, author="Tidewater Notes") is None


def sources(project: Path) -> dict[str, str | None]:
    """A built project in; the source each generated article records, by raw file name."""
    found = {}
    for path in (project / "content" / "articles").rglob("*.md"):
        meta, _body = split_markdown(path.read_text(encoding="utf-8"))
        found[Path(str(meta.get("raw_file", path.stem))).name] = meta.get("source")
    return found


def test_digest_convert_takes_the_site_the_runs_files_agree_on(tmp_path: Path):
    project = copy_project(tmp_path / "site", seeds=False)
    for path in FIXTURES.glob("*.txt"):
        shutil.copy2(path, project / "seeds" / path.name)
    result = run_digest(project, "convert")
    assert result.returncode == 0, result.stderr
    found = sources(project)
    assert {found[f"quillfeather-{i}.txt"] for i in (1, 2, 3)} == {"Quillfeather"}
    assert {found[f"tidewater-{i}.txt"] for i in (1, 2)} == {"Tidewater Notes"}
    assert {found[f"ledger-markets-{i}.txt"] for i in (1, 2)} == {None}


def test_a_file_converted_alone_keeps_no_source(tmp_path: Path):
    project = copy_project(tmp_path / "site", seeds=False)
    shutil.copy2(FIXTURES / "quillfeather-1.txt", project / "seeds" / "quillfeather-1.txt")
    result = run_digest(project, "convert")
    assert result.returncode == 0, result.stderr
    assert sources(project) == {"quillfeather-1.txt": None}


def test_pelican_content_takes_the_site_the_runs_files_agree_on(tmp_path: Path):
    project = copy_project(tmp_path / "site", seeds=False)
    for path in FIXTURES.glob("quillfeather-*.txt"):
        shutil.copy2(path, project / "seeds" / path.name)
    result = run_pelican(project)
    assert result.returncode == 0, result.stderr
    assert set(sources(project).values()) == {"Quillfeather"}
