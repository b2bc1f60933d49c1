#!/usr/bin/env python3
"""Robustness fuzz: random and mutated raw files through reading and the whole conversion.

    .venv/bin/python benchmarks/fuzz.py [--examples 10000] [--seed N] [--save DIR]
    .venv/bin/python benchmarks/fuzz.py --replay FILE [--suffix .html]

Hypothesis draws raw files: random bytes, random Unicode in random
encodings, and corpus pages, seeds and generated articles mutated
(truncated, lines shuffled or duplicated, control characters inserted,
huge lines, deep HTML nesting, bytes flipped, a stray front-matter block,
an editor's sidecar of random YAML). Each goes through read_seed (decoding,
sniffing, sidecar), the stages and render_markdown in convert_file, as `digest
convert` runs them. Success and digest_prep.model.ConversionError are the
only allowed outcomes; any other exception is a failure, printed with a
reproducer (the input is saved and --replay runs it again).
"""
from __future__ import annotations

import argparse
import codecs
import hashlib
import random
import sys
import tempfile
import traceback
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings, strategies as st

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(BENCH))

from corpora import CORPUS  # noqa: E402
from digest_prep.furniture import learn_furniture  # noqa: E402
from digest_prep.metadata import build_outlets  # noqa: E402
from digest_prep.pipeline import Context, convert_file  # noqa: E402
from digest_prep.tagging import build_vocabulary  # noqa: E402

CORPUS_PAGES = CORPUS / "pages"   # base texts to mutate; the tests point this at their own copy

SUFFIXES = (".txt", ".html", ".htm", ".text")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
             "cp1252", "cp1256", "koi8-r", "shift_jis", "gb18030", "big5", "iso-8859-7", "mac-roman")
CONTROL = [chr(c) for c in range(32) if c not in (9, 10, 13)] + [
    "\x7f", "\x85", "\u200b", "\u200e", "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud7ff", "\U0001f600"]
BASE_MAX_CHARS = 60_000       # a mutated page is cut to this first, so 10,000 runs stay minutes
HUGE_LINE_CHARS = (20_000, 300_000)
MAX_NESTING = 3_000


@lru_cache(maxsize=1)
def base_texts() -> tuple[tuple[str, str], ...]:
    """(suffix, text) of the corpus pages, the shared seeds and some generated articles."""
    from generate import generate_one, load_names
    out = []
    for path in sorted(CORPUS_PAGES.glob("*")) + sorted((ROOT / "seeds").glob("*.txt")):
        if path.suffix in SUFFIXES:
            out.append((path.suffix, path.read_text(encoding="utf-8", errors="replace")[:BASE_MAX_CHARS]))
    names = load_names(ROOT / "tags.yaml")
    for index in range(40):
        name, text = generate_one(index, 7, names)
        out.append((Path(name).suffix, text))
    return tuple(out)


@lru_cache(maxsize=1)
def context():
    """The Context every fuzzed file is converted with (vocabularies and some furniture)."""
    import yaml
    load = lambda name: yaml.safe_load((ROOT / name).read_text(encoding="utf-8")) or {}  # noqa: E731
    texts = [text for suffix, text in base_texts() if suffix == ".txt"]
    return Context(furniture=learn_furniture(texts), vocabulary=build_vocabulary(load("tags.yaml")),
                   outlets=build_outlets(load("sources.yaml")), generator="fuzz")


# --- Mutations (each takes and returns text) -------------------------------------------

def truncate(rng: random.Random, text: str) -> str:
    return text[:rng.randrange(len(text) + 1)]


def shuffle_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    if rng.random() < 0.5:
        rng.shuffle(lines)
    else:                               # shuffle one stretch only
        i = rng.randrange(len(lines))
        part = lines[i:i + rng.randint(2, 40)]
        rng.shuffle(part)
        lines[i:i + len(part)] = part
    return "\n".join(lines)


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randint(1, 50)
    return "\n".join(lines)


def insert_controls(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 200)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(CONTROL))
    return "".join(chars)


def huge_line(rng: random.Random, text: str) -> str:
    size = rng.randint(*HUGE_LINE_CHARS)
    unit = rng.choice(("word ", "x", "Iraq Syria Anbar ", "<b>", "&amp;", "é", "ا", "https://a.example/?utm_source=x&"))
    line = (unit * (size // len(unit) + 1))[:size]
    lines = text.split("\n")
    lines.insert(rng.randrange(len(lines) + 1), line)
    return "\n".join(lines)


def deep_nesting(rng: random.Random, text: str) -> str:
    depth = rng.randint(100, MAX_NESTING)
    tag = rng.choice(("div", "span", "p", "li", "b", "article", "section", "blockquote", "table"))
    inner = rng.choice(("", "text", text[:2000]))
    nested = f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if rng.random() < 0.7 else "")
    at = rng.randrange(len(text) + 1)
    return text[:at] + nested + text[at:]


def delete_range(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + text[i + rng.randint(1, 5000):]


def front_matter(rng: random.Random, text: str) -> str:
    block = rng.choice((
        "---\ntitle: A title\ndate: 2024-02-30\ntags: Iraq\n---\n",
        "---\n: : :\n---\n",
        "---\ndate: [1, 2\n---\n",
        "---\ntags: {a: b}\nkeep: 3\ndrop: [null]\n---\n",
        "---\ntitle: !!python/object:os.system echo\n---\n",
        "---\n" + "a: " * 50 + "\n---\n",
        "---\ndate: 99999-01-01\nurl: javascript:alert(1)\nsummary: ''\n---\n",
    ))
    return block + text


def swap_case_and_space(rng: random.Random, text: str) -> str:
    return "".join(c.upper() if rng.random() < 0.1 else ("\t" if c == " " and rng.random() < 0.1 else c)
                   for c in text)


MUTATIONS = (truncate, shuffle_lines, duplicate_lines, insert_controls, huge_line, deep_nesting,
             delete_range, front_matter, swap_case_and_space)
SIDECARS = (b"title: [unclosed\n", b"- a list\n", b"tags: 5\nkeep: {x: 1}\n", b"\xff\xfe\x00bad",
            b"date: 2024-13-45\ndrop: ''\n", b"unknown_field: 1\n", b"title: null\ntags: [null, 3, '']\n",
            b"keep: ['']\ndrop: ['']\n", b"source: ~\nsection: ~\ndate: ~\n")


def encode(rng: random.Random, text: str) -> bytes:
    """Text in; bytes in a random encoding (unencodable characters replaced)."""
    encoding = rng.choice(ENCODINGS)
    data = text.encode(encoding, errors=rng.choice(("replace", "ignore", "xmlcharrefreplace")))
    roll = rng.random()
    if roll < 0.1:                      # a byte-order mark that lies
        data = rng.choice((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE)) + data
    elif roll < 0.2 and data:           # flipped bytes
        raw = bytearray(data)
        for _ in range(rng.randint(1, 50)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    elif roll < 0.25:                   # a charset declaration that lies
        data = f'<meta charset="{rng.choice(ENCODINGS + ("x-unknown", "utf-7"))}">'.encode() + data
    return data


@st.composite
def raw_files(draw) -> tuple[bytes, str, bytes | None]:
    """A raw file: (bytes, suffix, sidecar bytes or None)."""
    kind = draw(st.sampled_from(("bytes", "unicode", "mutated", "mutated", "mutated", "mutated")))
    rng = draw(st.randoms(use_true_random=False))
    suffix = draw(st.sampled_from(SUFFIXES))
    if kind == "bytes":
        data = draw(st.binary(max_size=4096))
    elif kind == "unicode":
        text = draw(st.text(max_size=3000))
        data = encode(rng, text)
    else:
        base_suffix, text = rng.choice(base_texts())
        if rng.random() < 0.8:
            suffix = base_suffix
        for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
            text = mutation(rng, text)
        data = encode(rng, text) if rng.random() < 0.5 else text.encode("utf-8", errors="surrogatepass")
    sidecar = rng.choice(SIDECARS) if rng.random() < 0.05 else None
    return data, suffix, sidecar


def convert_raw(data: bytes, suffix: str, sidecar: bytes | None = None) -> str | None:
    """Raw bytes in; the Markdown they become, or None for a ConversionError. Other errors propagate."""
    with tempfile.TemporaryDirectory(prefix="digest-fuzz-") as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        path = root / "seeds" / f"fuzzed{suffix}"
        path.write_bytes(data)
        if sidecar is not None:
            path.with_suffix(".yaml").write_bytes(sidecar)
        outcome = convert_file(path, replace(context(), root=root))   # a file that is no article fails
        return None if outcome.status == "failed" else outcome.text


def reproducer(data: bytes, suffix: str, sidecar: bytes | None, saved: Path) -> str:
    """A failing input in; the lines that run it again."""
    lines = [f"  saved as {saved} (replay: .venv/bin/python benchmarks/fuzz.py --replay {saved} "
             f"--suffix {suffix}{' --sidecar ' + str(saved.with_suffix('.yaml')) if sidecar else ''})"]
    if len(data) <= 600:
        lines.append(f"  python: from fuzz import convert_raw; convert_raw({data!r}, {suffix!r}, {sidecar!r})")
    return "\n".join(lines)


def run_fuzz(examples: int, seed: int, save: Path) -> int:
    """Examples, seed and a folder for failing inputs in; the number of unexpected failures out."""
    failures: dict[tuple[str, str], tuple[str, Path]] = {}
    counts = {"ok": 0, "refused": 0, "unexpected": 0}

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(raw_files())
    def fuzz(raw: tuple[bytes, str, bytes | None]) -> None:
        data, suffix, sidecar = raw
        try:
            counts["ok" if convert_raw(data, suffix, sidecar) is not None else "refused"] += 1
        except Exception as err:  # noqa: BLE001 - any other exception is what we look for
            counts["unexpected"] += 1
            frame = traceback.extract_tb(err.__traceback__)[-1]
            where = (type(err).__name__, f"{Path(frame.filename).name}:{frame.lineno}")
            if where not in failures:
                save.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha256(data).hexdigest()[:12]
                saved = save / f"{name}{suffix}"
                saved.write_bytes(data)
                if sidecar is not None:
                    saved.with_suffix(".yaml").write_bytes(sidecar)
                failures[where] = ("".join(traceback.format_exception(err)[-6:]), saved)
                print(f"FAILURE {where[0]} at {where[1]}\n{failures[where][0]}"
                      f"{reproducer(data, suffix, sidecar, saved)}", flush=True)

    fuzz()
    total = sum(counts.values())
    print(f"fuzz: {total:,} raw files: {counts['ok']:,} converted, {counts['refused']:,} refused "
          f"(ConversionError), {counts['unexpected']} unexpected exceptions "
          f"({len(failures)} distinct)")
    return counts["unexpected"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save", type=Path, default=Path(tempfile.gettempdir()) / "digest-fuzz-failures")
    ap.add_argument("--replay", type=Path, help="run one saved input again, with its traceback")
    ap.add_argument("--suffix", help="suffix to replay the input with (default: its own)")
    ap.add_argument("--sidecar", type=Path, help="sidecar to replay the input with")
    a = ap.parse_args()
    if not CORPUS_PAGES.is_dir():
        print(f"fuzz: {CORPUS_PAGES} is missing: mutating the seeds and generated pages only",
              file=sys.stderr)
    if a.replay:
        sidecar = a.sidecar.read_bytes() if a.sidecar else None
        result = convert_raw(a.replay.read_bytes(), a.suffix or a.replay.suffix, sidecar)
        print("ConversionError" if result is None else result[:2000])
        return 0
    return 1 if run_fuzz(a.examples, a.seed, a.save) else 0


if __name__ == "__main__":
    sys.exit(main())
