"""The tag hand check's sample, picked by a stated rule, and a re-check of a checked list.

    python benchmarks/tags_sample.py sample --l3s-skip 400 --l3s-pages 400 --top-up dragnet-train \
        --exclude benchmarks/tags_checked_first.md --exclude benchmarks/tags_checked_second.md
        Converts the saved pages (.html) of ../shared/corpus and --l3s-pages
        (default 200) pages of ../shared/corpus-train/l3s-gn1 (in file-name
        order, after the first --l3s-skip) with the digest's pipeline and
        tags.yaml, and prints the sample as a table to judge: of the pages
        with tags (and in none of the --exclude lists), the corpus pages and
        then the l3s-gn1 pages with the most tags (ties in key order), 12 and 18 of them, more in the same
        order while the sample holds fewer than 100 assignments, and then,
        if still fewer, pages of the --top-up set of ../shared/corpus-train
        (its .html pages, most tags first, ties in key order; with more
        than one --top-up, each set's pages in turn, in the order given).
        With --every, every tagged page of the population, in that order.

    python benchmarks/tags_sample.py recheck benchmarks/tags_checked_second.md --l3s-skip 200
        Tags the pages of a checked list again with the current code and
        says, verdict by verdict, which assignments are kept, which dropped,
        and which are new (to be judged), and the evidence for each kept one
        (headline, dateline, lede, lead or count; "implied" for a place a
        tagged one lies in). Several lists may be given at once; the counts
        are then their sum. All seven lists, in one population:

    python benchmarks/tags_sample.py recheck benchmarks/tags_checked_first.md \
        benchmarks/tags_checked_second.md benchmarks/tags_checked_third.md \
        benchmarks/tags_checked_fourth.md benchmarks/tags_checked.md \
        benchmarks/tags_checked_sixth.md benchmarks/tags_checked_seventh.md \
        --l3s-pages 618 --top-up cleaneval-dev --top-up dragnet-train

The checks so far: tags_checked_first.md (l3s-gn1 pages 1-200, --l3s-skip
0), tags_checked_second.md (201-400, --l3s-skip 200), tags_checked_third.md
(the rest of l3s-gn1 and the corpus pages neither earlier list holds,
topped up from dragnet-train: --l3s-skip 400 --l3s-pages 400 --top-up
dragnet-train), tags_checked_fourth.md and tags_checked.md (dragnet-train
only: --l3s-skip 618 --l3s-pages 0 --top-up dragnet-train), and
tags_checked_sixth.md and tags_checked_seventh.md (--l3s-skip 618
--l3s-pages 0 --top-up cleaneval-dev --top-up dragnet-train; the seventh
holds the 32 assignments left), each excluding the pages of the lists
before it, and tags_checked_eighth.md, the first for the world vocabulary
(tags.yaml from benchmarks/build_world_tags.py): every tagged corpus page
(--l3s-pages 0), then the tagged cleaneval-dev and dragnet-train pages in
none of the seven lists (--l3s-pages 0 --top-up cleaneval-dev --top-up
dragnet-train and the seven --exclude), and tags_checked_ninth.md, the
assignments the recheck of the seven lists marks new (none judged before)
with the rules written after the eighth, and tags_checked_tenth.md, the
first with the hand-written organisations: every tagged corpus page
(--l3s-pages 0), then fresh dragnet-train pages (the nine lists excluded),
and tags_checked_eleventh.md, every assignment on the corpus's 50 pages
after the US states, the people by office and the topics (--l3s-pages 0
--every). tags_checked_recheck.md is no fresh sample: it re-checks the
seven lists with the precision-first rules written against them (the
command above), and judges the assignments no list held.

--tags names another vocabulary file (an older tags.yaml, to compare).
The converted text of each page is cached by the page's bytes (--cache,
default /tmp/digest-tags-cache): only the tagging is redone on a second
run; use a fresh cache after a change to the cleaner.
Needs ../shared; says so and stops when it is missing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPUS, CORPUS_TRAIN, require_corpus  # noqa: E402
from digest_prep.pipeline import Context, convert_file, tag_text  # noqa: E402
from digest_prep.tagging import assign_tags, build_vocabulary, weigh_tags  # noqa: E402

L3S = CORPUS_TRAIN / "l3s-gn1"
L3S_PAGES = 200
CORPUS_PAGES_PICKED = 12
L3S_PAGES_PICKED = 18
MIN_ASSIGNMENTS = 100
ROW = re.compile(r"^\| (corpus[^|]*?) \| (.*?) \| ([^|]+?) \| (right|wrong)(.*?) \|$")


def page_key(path: Path) -> str:
    """Saved page path in; the key the checked list names it by (corpus/KEY, corpus-train/l3s-gn1/ID[:13])."""
    stem = path.name[:-len(".html")]
    if path.parent.parent == L3S:
        return f"corpus-train/l3s-gn1/{stem[:13]}"
    if path.parent.parent.parent == CORPUS_TRAIN:
        return f"corpus-train/{path.parent.parent.name}/{stem}"
    return f"corpus/{stem}"


def read_page(path: Path, context: Context, cache: Path) -> dict:
    """Saved page in; {"title", "text"} as the tagging stage sees them (cached by the page's bytes) out."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    cached = cache / f"{digest}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    outcome = convert_file(path, replace(context, root=path.parent))
    if outcome.article is None:
        found = {"title": "", "text": ""}
    else:
        article = outcome.article
        found = {"title": article.meta.title or "", "text": tag_text(article.meta.title, article.extraction)}
    cached.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def list_pages(l3s_skip: int, l3s_pages: int = L3S_PAGES, top_up: tuple[str, ...] = ()) -> list[Path]:
    """How many l3s-gn1 pages to skip and to take, and the top-up sets, in; the saved pages of the
    sample's population out."""
    corpus = sorted((require_corpus(CORPUS) / "pages").glob("*.html"))
    l3s = sorted((require_corpus(L3S, "l3s-gn1") / "pages").glob("*.html"))
    extra = [path for name in top_up
             for path in sorted((require_corpus(CORPUS_TRAIN / name, name) / "pages").glob("*.html"))]
    return corpus + l3s[l3s_skip:l3s_skip + l3s_pages] + extra


def make_context(tags_file: Path = ROOT / "tags.yaml") -> Context:
    """The conversion context the digest uses, with the project's tags.yaml (or another vocabulary file)."""
    vocabulary = build_vocabulary(yaml.safe_load(tags_file.read_text(encoding="utf-8")) or {})
    return Context(furniture=frozenset(), vocabulary=vocabulary)


def read_checked(path: Path) -> list[tuple[str, str, str, str]]:
    """A checked list (Markdown table) in; (page, headline, tag, verdict) rows out."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows.append((match[1], match[2], match[3], match[4] + match[5]))
    return rows


def pick_sample(pages: dict[str, dict], tags: dict[str, tuple[str, ...]], exclude: set[str],
                top_up: tuple[str, ...] = (), every: bool = False) -> list[str]:
    """Pages' text and tags (and the top-up sets' names, in order; whether to take every tagged
    page) in; the keys of the sample, by the rule in the module's docstring, out."""
    def ranked(prefix: str) -> list[str]:
        keys = [key for key in pages if key.startswith(prefix) and tags[key] and key not in exclude]
        return sorted(keys, key=lambda key: (-len(tags[key]), key))
    corpus, l3s = ranked("corpus/"), ranked("corpus-train/l3s-gn1/")
    picked = corpus[:CORPUS_PAGES_PICKED] + l3s[:L3S_PAGES_PICKED]
    rest = corpus[CORPUS_PAGES_PICKED:] + l3s[L3S_PAGES_PICKED:]
    for name in top_up:
        rest += ranked(f"corpus-train/{name}/")
    while (every or sum(len(tags[key]) for key in picked) < MIN_ASSIGNMENTS) and rest:
        picked.append(rest.pop(0))
    return picked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("sample", "recheck"))
    parser.add_argument("checked", nargs="*", type=Path, help="the checked lists (recheck)")
    parser.add_argument("--l3s-skip", type=int, default=0)
    parser.add_argument("--l3s-pages", type=int, default=L3S_PAGES)
    parser.add_argument("--top-up", action="append", default=[],
                        help="a set of ../shared/corpus-train that tops the sample up to 100 (may be given "
                             "more than once: the sets in the order given)")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a checked list whose pages are left out (may be given more than once)")
    parser.add_argument("--every", action="store_true",
                        help="take every tagged page of the population (in the same order), not only 100 assignments")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/digest-tags-cache"))
    parser.add_argument("--tags", type=Path, default=ROOT / "tags.yaml",
                        help="the vocabulary to tag with (default: the project's tags.yaml)")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    context = make_context(args.tags)
    pages = {}
    for path in list_pages(args.l3s_skip, args.l3s_pages, tuple(args.top_up)):
        pages[page_key(path)] = read_page(path, context, args.cache)
    tags = {key: assign_tags(page["text"], context.vocabulary) for key, page in pages.items()}
    if args.command == "sample":
        exclude = {row[0] for checked in args.exclude for row in read_checked(checked)}
        picked = pick_sample(pages, tags, exclude, tuple(args.top_up), args.every)
        print(f"{len(picked)} pages, {sum(len(tags[key]) for key in picked)} assignments")
        print("| page | headline | tag | verdict |\n|---|---|---|---|")
        for key in picked:
            for tag in tags[key]:
                print(f"| {key} | {pages[key]['title'][:60]} | {tag} |  |")
        return 0
    if not args.checked:
        parser.error("recheck needs the checked list")
    rows = [row for checked in args.checked for row in read_checked(checked)]
    counts = {"right kept": 0, "right dropped": 0, "wrong kept": 0, "wrong dropped": 0}
    for key, headline, tag, verdict in rows:
        if key not in pages:
            print(f"{key}: not among the converted pages (see --l3s-skip)", file=sys.stderr)
            continue
        state = "kept" if tag in tags[key] else "dropped"
        counts[f"{verdict.split(':')[0].split()[0]} {state}"] += 1
        evidence = weigh_tags(pages[key]["text"], context.vocabulary).get(tag, "implied") if state == "kept" else ""
        print(f"{state:8} {evidence:8} {key} {tag}: {verdict}")
    for key in dict.fromkeys(row[0] for row in rows):
        old = {row[2] for row in rows if row[0] == key}
        for tag in tags.get(key, ()):
            if tag not in old:
                evidence = weigh_tags(pages[key]["text"], context.vocabulary).get(tag, "implied")
                print(f"new      {evidence:8} {key} {tag}")
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
