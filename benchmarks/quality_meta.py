#!/usr/bin/env python3
"""Score the metadata the digest finds against what pages state.

    .venv/bin/python benchmarks/quality_meta.py [--limit N] [--kinds txt,copy.txt,html]
                                                 [--dump FILE] [--workers N] [--together]

Each page is converted alone (a project of one file); with --together,
each set's files of one kind (a folder: dragnet-train, cleaneval-dev,
l3s-gn1, the corpus) are converted as one run of `digest convert` converts
a seeds folder: the run's furniture and the site names its files agree on
(furniture.find_run_sites) are learned from all of them first.

Gold: the five seeds (tests/gold/seeds.yaml, `expect`), and every corpus page
whose markup states a field (benchmarks/meta_gold.json, built by
benchmarks/build_meta_gold.py; its docstring states the method). A page's
gold applies to all its forms: the saved page (.html), its text dump (.txt)
and its browser copy (.copy.txt), with one exception: a date, an author
or a publisher (and so a source) is scored on a text (.txt, .copy.txt)
only where that text writes the gold day or names the gold author or
publisher, so "date, where the page states one" holds for the text a
reader copied. Where the markup states it and the text does not (the
text shows "7 hours ago", no date, or only a comment's date; no byline;
no site name), the text's gold is null, as for a seed that states
nothing: a value counts as wrong, and no value is not counted. A source
may still be correct there as a wire the text credits. An author is
named when one of the gold's names is a run of whole words of the text,
case and punctuation folded. A publisher is named when its name, or the
part before or after a tagline ("Zillow Blog" of "Zillow Blog - Real
Estate Market Stats..."), is such a run (a leading "The" optional:
"Guardian" names "The Guardian"; spaces optional: "Sky Sports" names
"SkySports"; a trailing "Blog" optional: "Economix" names "Economix
Blog", as `same_site` accepts it), or when the text writes the site's domain (see
`site_keys`: "guardian.co.uk" names "The Guardian", "cnn.com" names
"CNN").
"Writes the day" is checked independently of the digest's date code, and
leniently (so a doubtful page stays counted): within 30 characters of the
year (four digits, or two after a slash or dot: "11/19/19") stand the day's
number and the month, as a number or as any month name dateparser's locale
data knows in any language; the gold day or a day next to it (the page may
state the same moment as a local day). A seed's `stretch` value, where it
has one, is its gold (tests/test_gold_seeds.py accepts it in place of
`expect`), so an inference the seed's gold asks for is not counted wrong.

Each field is counted on the pages whose gold states it: correct, wrong (a
value that differs from the gold) and empty (no value: neither). A seed
field whose gold is null (the text does not state it) counts a value as
wrong, and is not counted when it has none (there was nothing to find).
Comparison: titles, sections and publishers after folding case and
punctuation (also spaces, for a gold that lost a character: "Chads World
15Flash" of a page's <title> is "Chad’s World 15–Flash" on the page; a
value that holds the gold plus a short site name, or the gold
without one, is correct; a publisher also when it is the gold written
without spaces, "TouchArcade" for "Touch Arcade", as its domain, "CNN.com"
for "CNN", or as the outlet of a desk or blog the gold names, or the other
way round, "BBC" for "BBC News", "CNET News" for "CNET"); dates by day, or
as the same moment where the gold states a time with its zone (a local day
or time within UTC-12 to UTC+14 of it), or, for a time found with its zone,
by its day in UTC (markup often states a UTC time without its zone: gold
"2019-11-19 02:24:00" for a page's "Nov 18, 2019 at 9:24 pm ET"); authors as sets of names (a value
naming only some of the gold's authors is correct); language by primary
subtag. A source is correct when it is the publisher the markup states or a
wire (an outlet of kind `wire` in sources.yaml, by any of its names)
credited by name in the page's own text; any other name the text holds (a
photo agency, a company in the story, a headline) is wrong. A source or
publisher naming the outlet that hosts the page, by the name of its URL's
registered domain, is correct too: "NYTimes.com" for a post of the
FiveThirtyEight blog at fivethirtyeight.blogs.nytimes.com, whose markup
names the blog (the page's URL: the gold's `url`).

A title derived from the first sentence (no headline line found) is
flagged for review; it is counted like any other value (wrong unless it
is the gold), and a line after the table says how much of the title's
wrong is such flagged titles and how much confident wrong headlines.

Needs ../shared/corpus and ../shared/corpus-train; without them only the
seeds are scored, and it says so.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import CORPUS, CORPUS_TRAIN, SHARED  # noqa: E402
from digest_prep.furniture import FURNITURE_MIN_FILES, add_keys, find_run_sites, is_mark, learn_file  # noqa: E402, F401
from digest_prep.metadata import build_outlets  # noqa: E402
from digest_prep.pipeline import Context, convert_file  # noqa: E402
from digest_prep.read import read_yaml_file  # noqa: E402
from digest_prep.tagging import build_vocabulary  # noqa: E402

GOLD_FILE = Path(__file__).with_name("meta_gold.json")
SEED_GOLD = ROOT / "tests" / "gold" / "seeds.yaml"
SEEDS_DIR = ROOT / "seeds"
FIELDS = ("title", "date", "author", "source", "publisher", "section", "language")
KINDS = ("txt", "copy.txt", "html")
# Targets of the metadata issue: (least correct share, most wrong share) per
# field and kind; None where no target is set.
TARGETS = {
    ("title", "txt"): (0.90, None), ("title", "copy.txt"): (0.90, None),
    ("title", "html"): (0.95, None),
    **{(field, kind): limits for kind in KINDS for field, limits in (
        ("date", (0.90, 0.03)), ("author", (0.80, 0.05)), ("source", (0.80, 0.05)),
        ("language", (0.95, None)))},
}
# A site name glued to a title ("Headline - Example News") is at most this
# share of the longer string when the rest matches.
SITE_PART_SHARE = 0.35

_CONTEXT = None


def norm(text: str) -> str:
    """Text in; lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"\w+", str(text).casefold()))


def same_text(pred: str, gold: str) -> bool:
    """Two titles, sections or outlet names in; True when they are the same up to a short site part."""
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return False
    if p.replace(" ", "") == g.replace(" ", ""):
        return True                     # a character lost in one: "Chads World 15Flash", "Chad’s World 15–Flash"
    short, long = sorted((p, g), key=len)
    return (long.startswith(short) or long.endswith(short)) and (
        len(long) - len(short)) <= SITE_PART_SHARE * len(long)


def same_moment(pred: str, moment: str | None) -> bool:
    """A found date and the gold's stated time with zone in; True when the found day or time is that moment somewhere (UTC-12 to UTC+14)."""
    if not moment:
        return False
    try:
        stated = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        day = date.fromisoformat(pred[:10])
    except ValueError:
        return False
    if stated.tzinfo is None:
        return False
    utc = stated.astimezone(timezone.utc).replace(tzinfo=None)
    if len(pred) > 10:
        try:
            found = datetime.fromisoformat(pred)
        except ValueError:
            return False
        if found.tzinfo is not None:
            return abs(found.astimezone(timezone.utc).replace(tzinfo=None) - utc) <= timedelta(minutes=1)
        return abs(found - utc) <= timedelta(hours=14)
    return (utc - timedelta(hours=12)).date() <= day <= (utc + timedelta(hours=14)).date()


# A host written in a text: "guardian.co.uk", "www.cnn.com", "News.com.au".
HOST = re.compile(r"(?<![\w.-])(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,6}(?![\w-])", re.IGNORECASE)
# Labels that end a host without naming the site: second-level parts of a
# country's domain ("co.uk", "com.au") and the common top-level ones.
HOST_SUFFIX_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "in", "www"})


def site_keys(name: str) -> set[str]:
    """An outlet's name in; its folded letters and digits without spaces, with and without a leading "the"
    ("theguardian", "guardian"; "theblaze", "blaze") out."""
    key = "".join(norm(name).split())
    return {key, key[3:]} - {""} if key.startswith("the") else {key} - {""}


def host_keys(text: str) -> set[str]:
    """A text in; the name label of every host it writes ("guardian" for "guardian.co.uk", "newscomau"
    for "News.com.au") and the host without its dots out."""
    keys = set()
    for host in HOST.findall(text):
        keys.add(host.casefold().replace(".", ""))
        keys.add(domain_name(host))
    return keys - {None}


def domain_name(host: str) -> str | None:
    """A host in; the name label of its registered domain ("nytimes" for fivethirtyeight.blogs.nytimes.com,
    "guardian" for www.guardian.co.uk), or None."""
    names = [label for label in host.casefold().split(".")[:-1] if label not in HOST_SUFFIX_LABELS]
    return names[-1] if names else None


def same_site(pred: str, gold: str) -> bool:
    """A found outlet name and the gold's in; True when they are the same name written with or without spaces,
    or one is the other's domain ("CNN.com" for "CNN", "guardian.co.uk" for "the Guardian")."""
    p, g = site_keys(pred), site_keys(gold)
    if not p or not g:
        return False
    if p & g or g & host_keys(pred) or p & host_keys(gold):
        return True
    # An outlet and one of its desks or blogs ("BBC" and "BBC News", "Zillow
    # Blog" and "Zillow Blog - Real Estate Market Stats...").
    short, long = sorted((norm(pred).split(), norm(gold).split()), key=len)
    return long[:len(short)] == short


def utc_day(pred: str) -> str | None:
    """A found date in; the day in UTC of a time given with its zone ("2019-11-18T21:24:00-05:00" ->
    "2019-11-19"), or None out."""
    try:
        moment = datetime.fromisoformat(pred)
    except ValueError:
        return None
    if len(pred) <= 10 or moment.tzinfo is None:
        return None
    return moment.astimezone(timezone.utc).date().isoformat()


def names(value: str) -> set[str]:
    """An author value in; the set of names it lists."""
    parts = re.split(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*", str(value))
    return {norm(p) for p in parts if norm(p)}


def credits_wire(pred: str, page_text: str, wires: Mapping[str, tuple[str, ...]]) -> bool:
    """A found source, the page's text and the known wires (folded name -> every written form) in; True when
    the source is a wire the text names."""
    forms = wires.get(norm(pred), ())
    return any(re.search(r"(?<!\w)%s(?!\w)" % re.escape(form), page_text) for form in forms)


def judge(field: str, pred, gold: dict, page_text: str,
          wires: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """Field, predicted value, gold {"value", ...}, the page's text and the known wires in; "correct", "wrong"
    or "empty" out."""
    want = gold["value"]
    if pred in (None, "", []):
        return "empty"
    pred = str(pred)
    wire_credited = field == "source" and gold.get("wire_ok") and credits_wire(pred, page_text, wires or {})
    # The outlet hosting the page is its publisher too: "NYTimes.com" for a
    # post of the FiveThirtyEight blog at fivethirtyeight.blogs.nytimes.com.
    hosted = field in ("source", "publisher") and gold.get("host") in site_keys(pred) | host_keys(pred)
    if want is None:                    # the seed states nothing: any value is invented
        return "correct" if wire_credited or hosted else "wrong"
    if field == "date":
        if pred[:10] == str(want)[:10] or utc_day(pred) == str(want)[:10]:
            return "correct"
        return "correct" if same_moment(pred, gold.get("moment")) else "wrong"
    if field == "language":
        return "correct" if pred.lower().split("-")[0] == str(want).lower() else "wrong"
    if field == "author":
        got, wanted = names(pred), names(want)
        return "correct" if got and got <= wanted else "wrong"
    if field in ("source", "publisher"):
        if same_text(pred, str(want)) or same_site(pred, str(want)) or wire_credited or hosted:
            return "correct"
        return "wrong"
    return "correct" if same_text(pred, str(want)) else "wrong"


def read_wires() -> dict[str, tuple[str, ...]]:
    """Nothing in; every wire of sources.yaml, by each of its folded names, with all its written forms, out."""
    outlets = build_outlets(read_yaml_file(ROOT / "sources.yaml") or {})
    wires = {}
    for outlet in outlets.outlets.values():
        if outlet.kind == "wire":
            for alias in outlet.aliases:
                wires[norm(alias)] = outlet.aliases
    return wires


def init_worker(runs: Mapping[str, tuple[frozenset[str], frozenset[str]]] | None = None) -> None:
    """Build the conversion context once per worker process (and, with --together, the furniture and
    site names learned from each run, by run name)."""
    global _CONTEXT, _RUNS
    _CONTEXT = Context(furniture=frozenset(),
                       vocabulary=build_vocabulary(read_yaml_file(ROOT / "tags.yaml") or {}),
                       outlets=build_outlets(read_yaml_file(ROOT / "sources.yaml") or {}))
    _RUNS = dict(runs or {})


_RUNS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


def run_name(path: Path, kind: str) -> str:
    """A raw file and its kind in; the run it is converted in with --together: its set's folder and kind."""
    return f"{path.parent}:{kind}"


def learn_runs(cases: list[tuple[str, str, Path, dict]]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Cases in; for each set and kind, the furniture and site names a run of all its files learns, as
    `digest convert` does with its first pass (furniture.learn_file, then SiteFurniture's shared_keys and
    run_sites: a key counted once per file, a site mark once per distinct text)."""
    runs: dict[str, dict[str, str]] = {}       # run -> sha256 -> the text's tab-joined keys
    copies: dict[str, Counter[str]] = {}       # run -> sha256 -> files with that text
    for _key, kind, path, _gold in cases:
        if kind == "html":       # as in learn_file: a saved page's source lines are markup
            continue
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        files = runs.setdefault(run_name(path, kind), {})
        copies.setdefault(run_name(path, kind), Counter())[sha] += 1
        if sha not in files:
            files[sha] = learn_file(path, path.name, data) or ""
    learned = {}
    for name, files in runs.items():
        counts: Counter[str] = Counter()
        for sha, keys in files.items():
            add_keys(counts, keys, copies[name][sha])
        furniture = frozenset(key for key, n in counts.items() if n >= FURNITURE_MIN_FILES)
        learned[name] = (furniture, find_run_sites({sha: keys.split("\t") for sha, keys in files.items() if keys}))
    return learned


def convert(job: str | tuple[str, str]) -> dict:
    """Raw file path (and the run it is converted in) in; the fields the digest finds for it (or
    {"error": ...}) out."""
    path, run = (job, None) if isinstance(job, str) else job
    started = time.process_time()
    context = _CONTEXT
    if run is not None:
        furniture, sites = _RUNS.get(run, (frozenset(), frozenset()))
        context = replace(context, furniture=furniture, sites=sites)
    outcome = convert_file(Path(path), replace(context, root=Path(path).parent))
    if outcome.article is None:
        return {"error": outcome.message, "seconds": time.process_time() - started}
    meta = outcome.article.meta
    return {"title": meta.title, "date": meta.date, "author": meta.author,
            "source": meta.source, "publisher": meta.publisher, "section": meta.section,
            "language": meta.lang, "title_derived": meta.title_derived,
            "seconds": time.process_time() - started}


def load_cases(kinds: tuple[str, ...], limit: int | None) -> list[tuple[str, str, Path, dict]]:
    """Kinds and a page limit in; (page key, kind, raw path, {field: gold}) for every case out."""
    cases = []
    seeds = yaml.safe_load(SEED_GOLD.read_text(encoding="utf-8"))
    for name, entry in sorted(seeds.items()):
        expect = entry.get("expect", {})
        gold = {}
        stretch = entry.get("stretch") or {}
        for field in ("title", "date", "author", "source", "section"):
            if field in stretch:
                gold[field] = {"value": stretch[field], "from": "seeds.yaml stretch"}
            elif field in expect and expect[field] != "derived":
                gold[field] = {"value": expect[field], "from": "seeds.yaml"}
        path = SEEDS_DIR / name
        if path.is_file() and "txt" in kinds:
            cases.append((f"seeds/{name}", "txt", path, gold))
    if not GOLD_FILE.is_file():
        return cases
    pages = json.loads(GOLD_FILE.read_text(encoding="utf-8"))["pages"]
    keys = sorted(pages)
    if limit:
        keys = keys[::max(1, len(keys) // limit)][:limit]
    for key in keys:
        corpus, _, page = key.rpartition("/")
        folder = (SHARED / corpus) / "pages"
        fields = {field: dict(value) for field, value in pages[key].items()
                  if field in FIELDS}
        host = domain_name(urlsplit(pages[key].get("url", {}).get("value", "")).hostname or "")
        if "publisher" in fields:
            fields["source"] = {"value": fields["publisher"]["value"], "from": "publisher", "wire_ok": True}
            for field in ("source", "publisher"):
                fields[field]["host"] = host
        for kind in kinds:
            path = folder / f"{page}.{kind}"
            if not path.is_file():
                continue
            stated = dict(fields)
            if kind != "html":
                text = path.read_text(encoding="utf-8", errors="replace")
                if "date" in fields and not writes_day(text, fields["date"]["value"]):
                    stated["date"] = {"value": None, "from": "not in the text"}
                if "author" in fields and not writes_name(text, fields["author"]["value"]):
                    stated["author"] = {"value": None, "from": "not in the text"}
                if "publisher" in fields and not names_site(text, fields["publisher"]["value"]):
                    stated["publisher"] = {"value": None, "from": "not in the text", "host": host}
                    stated["source"] = {"value": None, "from": "not in the text", "wire_ok": True, "host": host}
            cases.append((key, kind, path, stated))
    return cases


def writes_name(text: str, gold: str) -> bool:
    """A page's text and the gold author(s) in; True when the text writes one of the names (case and punctuation folded)."""
    folded = f" {norm(text)} "
    return any(f" {name} " in folded for name in names(gold))


# What joins a site's name to its tagline in og:site_name ("Zillow Blog - Real
# Estate Market Stats...", "Beyond Evangelical | The Blog of Frank Viola").
SITE_NAME_PARTS = re.compile(r"\s+[-|\u2013\u2014\u00bb:]\s+")


# A name written with spaces stands for one without in at most this many words.
SITE_KEY_MAX_WORDS = 4


def names_site(text: str, gold: str) -> bool:
    """A page's text and the gold publisher in; True when the text writes its name (case and punctuation
    folded, a leading "The" optional) or its domain."""
    folded = f" {norm(text)} "
    written = host_keys(text)
    words = folded.split()
    for size in range(1, SITE_KEY_MAX_WORDS + 1):             # "Sky Sports" writes "SkySports"
        written.update("".join(words[i:i + size]) for i in range(len(words) - size + 1))
    for part in (gold, *SITE_NAME_PARTS.split(gold)):        # "Zillow Blog - Real Estate Market Stats, ..."
        words = norm(part).split()
        if len(words) > 1 and words[-1] == "blog":          # "Economix Blog" is the blog the text calls "Economix"
            words = words[:-1]
        if words and f" {' '.join(words)} " in folded:
            return True
        if len(words) > 1 and words[0] == "the" and f" {' '.join(words[1:])} " in folded:
            return True
        if (site_keys(part) | host_keys(part)) & written:
            return True
    return False


def read_month_names() -> dict[str, set[int]]:
    """Nothing in; every month name dateparser's locale data knows, lower case, with its month numbers."""
    from dateparser.languages.loader import LocaleDataLoader    # only the date check needs it
    months: dict[str, set[int]] = {}
    keys = ("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december")
    for locale in LocaleDataLoader().get_locales(languages=None, locales=None, region=None,
                                                 use_given_order=False, allow_conflicting_locales=False):
        for number, key in enumerate(keys, 1):
            for name in locale.info.get(key, []):
                months.setdefault(name.lower().strip("."), set()).add(number)
    return months


_MONTH_NAMES: dict[str, set[int]] = {}
# A day's parts (year, day, month) stand within this many characters of each other.
DAY_WINDOW = 30


def writes_day(text: str, gold_day: str) -> bool:
    """A page's text and the gold day (YYYY-MM-DD) in; True when the text writes that day or one next to it."""
    if not _MONTH_NAMES:
        _MONTH_NAMES.update(read_month_names())
    try:
        stated = date.fromisoformat(str(gold_day)[:10])
    except ValueError:
        return True
    for day in (stated - timedelta(days=1), stated, stated + timedelta(days=1)):
        years = re.finditer(r"(?<!\d)(?:%d|(?<=[/.])%02d)(?!\d)" % (day.year, day.year % 100), text)
        for year in years:
            window = text[max(0, year.start() - DAY_WINDOW):year.end() + DAY_WINDOW]
            rest = window.replace(year.group(), " ", 1)
            if not re.search(r"(?<!\d)0?%d(?:st|nd|rd|th|\.)?(?!\d)|%d\s*日" % (day.day, day.day), rest):
                continue
            if re.search(r"(?<!\d)0?%d(?!\d)" % day.month, rest):
                return True
            words = re.findall(r"[^\W\d_]+(?:\s[^\W\d_]+)?|\d+\s*(?:月|월)", rest.lower())
            tokens = {token for word in words for token in (word, *word.split())}
            if any(day.month in _MONTH_NAMES.get(token.strip("."), ()) for token in tokens):
                return True
    return False


def main() -> int:
    """Score every case and print one table per field; exit 2 when the gold has no corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="score only this many corpus pages, spread evenly")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--dump", type=Path, help="write every case's value and verdict here (JSON)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--together", action="store_true",
                        help="convert each set's pages of one kind in one run (learning the run's furniture and "
                             "site names), as an editor who saved many pages of the same outlets would; "
                             "without it each page is converted alone")
    args = parser.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k in KINDS)
    corpus_present = (CORPUS / "pages").is_dir() or any(CORPUS_TRAIN.glob("*/pages"))
    if not corpus_present:
        print(f"quality_meta: the shared corpora are missing: expected {CORPUS}/pages/ and "
              f"{CORPUS_TRAIN}/*/pages/. Put them in {SHARED} (a folder `shared/` beside the "
              "project). Scoring the five seeds only.", file=sys.stderr)
    cases = load_cases(kinds, args.limit)
    cases = [case for case in cases if case[2].is_file()]
    runs = learn_runs(cases) if args.together else None
    jobs = [(str(case[2]), run_name(case[2], case[1])) if runs is not None else str(case[2]) for case in cases]
    with ProcessPoolExecutor(args.workers, initializer=init_worker, initargs=(runs,)) as pool:
        found = list(pool.map(convert, jobs, chunksize=8))
    print("each set's pages of one kind converted in one run" if runs is not None
          else "each page converted alone")
    table: dict[tuple[str, str], dict[str, int]] = {}
    dump = []
    wires = read_wires()
    seconds: dict[str, float] = {}
    for (key, kind, path, gold), pred in zip(cases, found):
        seconds[kind] = seconds.get(kind, 0.0) + pred.get("seconds", 0.0)
        page_text = ""
        if "source" in gold:
            page_text = path.with_suffix("").with_suffix(".txt").read_text(
                encoding="utf-8", errors="replace") if kind == "html" else path.read_text(
                encoding="utf-8", errors="replace")
        for field, want in gold.items():
            verdict = judge(field, pred.get(field), want, page_text, wires)
            if verdict == "empty" and want["value"] is None:
                continue      # nothing stated, nothing given: there was nothing to find
            counts = table.setdefault((field, kind), {"n": 0, "correct": 0, "wrong": 0, "empty": 0})
            counts["n"] += 1
            counts[verdict] += 1
            dump.append({"page": key, "kind": kind, "field": field, "gold": want["value"],
                         "gold_from": want.get("from"), "value": pred.get(field),
                         "verdict": verdict, "error": pred.get("error"),
                         **({"title_derived": pred.get("title_derived")} if field == "title" else {})})
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    print_table(table, kinds, seconds, {kind: sum(1 for c in cases if c[1] == kind) for kind in kinds})
    print_derived_titles(dump, kinds)
    return 0


def print_derived_titles(dump: list[dict], kinds: tuple[str, ...]) -> None:
    """Every case's verdicts in; per kind, the share of title cases whose wrong title was derived from the
    first sentence and flagged for review (counted wrong above), and the confident wrong ones, printed."""
    for kind in kinds:
        titles = [row for row in dump if row["field"] == "title" and row["kind"] == kind]
        if not titles:
            continue
        derived = sum(row["verdict"] == "wrong" and bool(row.get("title_derived")) for row in titles)
        confident = sum(row["verdict"] == "wrong" and not row.get("title_derived") for row in titles)
        print(f"title, {kind}: wrong and derived (flagged for review) {derived / len(titles):.3f}, "
              f"wrong and confident {confident / len(titles):.3f}")


def print_table(table, kinds, seconds, counts) -> None:
    """Counts by (field, kind) in; the per-field table printed."""
    print(f"{'field':<10} {'input':<9} {'pages':>6} {'correct':>8} {'wrong':>7} {'empty':>7}  target")
    for field in FIELDS:
        for kind in kinds:
            row = table.get((field, kind))
            if not row:
                continue
            n = row["n"]
            correct, wrong, empty = (row[k] / n for k in ("correct", "wrong", "empty"))
            target = TARGETS.get((field, kind))
            mark = ""
            if target:
                least, most = target
                met = correct >= least and (most is None or wrong <= most)
                mark = (f">= {least:.2f}" + (f", wrong <= {most:.2f}" if most is not None else "")
                        + ("  met" if met else "  NOT MET"))
            print(f"{field:<10} {kind:<9} {n:>6} {correct:>8.3f} {wrong:>7.3f} {empty:>7.3f}  {mark}")
    for kind in kinds:
        if counts.get(kind):
            print(f"conversion CPU time, {kind}: {1000 * seconds.get(kind, 0) / counts[kind]:.1f} ms "
                  f"per article over {counts[kind]}")


if __name__ == "__main__":
    sys.exit(main())
