"""CPU time of the tagging stage on the corpus pages, for a given tags.yaml.

    python benchmarks/bench_tags.py [--tags tags.yaml] [--repeat 5]

Converts the saved pages (.html) of ../shared/corpus with the digest's
pipeline (the text cached by tags_sample.py's rule, --cache), then times,
with process_time, compiling the vocabulary once (what each build does) and
tagging every page's text (find_mentions, assign_tags and suggest_tags, as
the pipeline's tag stage calls them), the best of --repeat runs. Prints the
vocabulary's size, both times and the tags assigned. Run it with the old and
the new vocabulary to compare. Needs ../shared; says so and stops when it is
missing.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPUS, require_corpus  # noqa: E402
from digest_prep.tagging import assign_tags, build_vocabulary, find_mentions, suggest_tags  # noqa: E402
from tags_sample import make_context, page_key, read_page  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tags", type=Path, default=ROOT / "tags.yaml")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/digest-tags-cache"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    context = make_context()
    pages = {page_key(path): read_page(path, context, args.cache)["text"]
             for path in sorted((require_corpus(CORPUS) / "pages").glob("*.html"))}
    data = yaml.safe_load(args.tags.read_text(encoding="utf-8")) or {}
    compile_times, tag_times = [], []
    for _ in range(args.repeat):
        start = time.process_time()
        vocabulary = build_vocabulary(data)
        compile_times.append(time.process_time() - start)
        start = time.process_time()
        assigned = {}
        for key, text in pages.items():
            mentions = find_mentions(text, vocabulary)
            assigned[key] = assign_tags(text, vocabulary, mentions)
            suggest_tags(text, vocabulary, mentions=mentions)
        tag_times.append(time.process_time() - start)
    aliases = sum(len(tag.aliases) for tag in vocabulary.tags.values())
    print(f"{args.tags}: {len(vocabulary.tags)} tags, {aliases} names, "
          f"{len(data.get('other_names') or [])} other names")
    print(f"compile the vocabulary: {min(compile_times) * 1000:.1f} ms (best of {args.repeat})")
    print(f"tag {len(pages)} corpus pages: {min(tag_times) * 1000:.1f} ms, "
          f"{min(tag_times) * 1000 / len(pages):.2f} ms a page (best of {args.repeat})")
    print(f"pages with a tag: {sum(bool(tags) for tags in assigned.values())}, "
          f"assignments: {sum(len(tags) for tags in assigned.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
