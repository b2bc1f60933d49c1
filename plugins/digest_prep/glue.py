"""Pelican glue: settings -> Options, the conversion loop, and the signal receivers."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib
import itertools
import logging
import multiprocessing
import os
import stat
import sys
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from pelican import signals

from .read import printable

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "seeds_path": "seeds",          # raw articles, relative to the project
    "output_dir": "articles",       # inside Pelican's PATH
    "tags_file": "tags.yaml",       # the tag vocabulary
    "sources_file": "sources.yaml",  # the outlets vocabulary
    "state_dir": ".digest",         # lock, backups, review data
    "workers": 0,                   # conversion processes; 0 = one per core
    "review_page": "review/index.html",  # editors' page in the output; "" for none
}
# Below this many files to convert, starting worker processes costs more
# than it saves (measured on the benchmark's generated articles).
PARALLEL_MIN_FILES = 40
# Threads that write Markdown while the conversion goes on: each write ends
# in an fsync that waits on the disk, not the processor.
WRITER_THREADS = 4
# Converted files waiting to be written, at most: bounds memory when the
# disk is slower than the conversion.
WRITE_BACKLOG = 64
# Batches of jobs sent to each worker ahead of the results read: enough to
# keep it busy while this process writes, few enough to keep memory flat.
BATCHES_AHEAD = 4
# Furniture keys of every raw file, by its sha256, so that a run that
# converts a few files reads only those (state_dir / this name).
FURNITURE_CACHE = "furniture.tsv"
PLUGIN_DIR = Path(__file__).resolve().parent
NOTHING_REMOVED: dict[str, list[str]] = {}     # shared by Outcomes once their removed lines are recorded


@dataclass(frozen=True)
class Options:
    """Where things are and how to run, copied from the settings."""

    root: Path
    seeds_dir: Path
    out_dir: Path
    tags_file: Path
    sources_file: Path
    state_dir: Path
    workers: int
    today: str
    review_page: str


@dataclass(slots=True)
class Outcome:
    """What happened to one raw file."""

    raw_file: str
    status: str                     # new, updated, unchanged, kept, failed
    markdown: str = ""              # the Markdown path, relative to the project
    message: str = ""
    flags: list[str] | tuple[()] = ()
    removed: dict[str, list[str]] = field(default_factory=lambda: NOTHING_REMOVED)   # rule -> lines
    suspects: list[str] | tuple[()] = ()                           # removed lines that read as text
    suggestions: tuple[str, ...] = ()                              # names no tag covers


@dataclass
class Report:
    """What one conversion run did, for the summary and the review page.

    Per raw file only its status is counted; the outcomes an editor has to
    hear about (failed, kept, flagged) are kept whole, so a run over many
    thousands of files holds little more than a few thousand of them.
    """

    counts: Counter[str] = field(default_factory=Counter)          # status -> files
    notable: list[Outcome] = field(default_factory=list)           # failed, kept and flagged files
    suggestions: Counter[str] = field(default_factory=Counter)     # names no tag covers -> articles
    orphans: list[str] = field(default_factory=list)               # articles whose raw file is gone

    def add(self, outcome: Outcome) -> None:
        """One file's Outcome in; counted, and kept if an editor should hear of it."""
        self.counts[outcome.status] += 1
        self.suggestions.update(outcome.suggestions)
        if outcome.status in ("failed", "kept") or outcome.flags:
            self.notable.append(outcome)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.notable if o.status == "failed"]

    @property
    def flagged(self) -> list[Outcome]:
        return [o for o in self.notable if o.flags and o.status != "failed"]


def read_options(settings: dict[str, Any], root: Path | None = None) -> Options:
    """Pelican settings in; Options out (unknown DIGEST_PREP keys are logged)."""
    given = settings.get("DIGEST_PREP") or {}
    for key in sorted(set(given) - set(DEFAULTS)):
        logger.error("DIGEST_PREP: unknown setting %r (known: %s)", key, ", ".join(sorted(DEFAULTS)))
    merged = {**DEFAULTS, **given}
    content = Path(settings.get("PATH", "content"))
    if root is None:
        root = content.resolve().parent if content.is_absolute() else Path.cwd()
    root = root.resolve()
    content = content if content.is_absolute() else root / content
    return Options(
        root=root,
        seeds_dir=resolve(root, merged["seeds_path"]),
        out_dir=resolve(content, merged["output_dir"]),
        tags_file=resolve(root, merged["tags_file"]),
        sources_file=resolve(root, merged["sources_file"]),
        state_dir=resolve(root, merged["state_dir"]),
        workers=int(merged["workers"]) or os.cpu_count() or 1,
        today=today_iso(),
        review_page=str(merged["review_page"] or ""),
    )


def resolve(base: Path, value: str) -> Path:
    """Base folder and a setting's path in; an absolute path out."""
    path = Path(value)
    return path if path.is_absolute() else base / path


def today_iso() -> str:
    """The day articles are added, honouring SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def code_version() -> str:
    """A short hash of the preprocessor's code and vocabularies: changes reconvert."""
    digest = hashlib.sha256()
    for path in sorted(PLUGIN_DIR.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def convert_seeds(pelican) -> None:
    """Pelican instance in; raw files in seeds/ converted into content/ before reading."""
    options = read_options(pelican.settings)
    pelican.digest_report = run_conversion(options)
    print_summary(pelican.digest_report, options)


def finish_build(pelican) -> None:
    """Pelican instance in, after the build; the review page, and one error if any file failed."""
    report = getattr(pelican, "digest_report", None)
    if report is None:
        return
    options = read_options(pelican.settings)
    if options.review_page:
        write_review_page(options, Path(pelican.settings["OUTPUT_PATH"]), pelican.settings)
    if report.failed:
        logger.error("%d raw file(s) could not be converted: %s", len(report.failed),
                     printable(", ".join(o.raw_file for o in report.failed)))


def add_reader(readers) -> None:
    """Pelican readers in; our YAML-front-matter Markdown reader registered."""
    from .reader import DigestMarkdownReader
    for ext in DigestMarkdownReader.file_extensions:
        readers.reader_classes[ext] = DigestMarkdownReader


def run_conversion(options: Options, paths: Iterable[Path] | None = None,
                   force: bool = False, record: bool = True) -> Report:
    """Options (and optionally some raw paths) in; raw files converted, a Report out.

    With `record`, what happened goes into the review record for the editors' page.
    """
    from . import read, write
    from .review import ReviewRecord
    report = Report()
    review = ReviewRecord(options.state_dir)
    with write.exclusive_lock(options.state_dir / "lock"):
        if options.out_dir.is_dir():
            write.remove_stale_temporaries(options.out_dir)
        generator = code_version() + vocabulary_version(options)
        seeds_rel = read.display_path(options.seeds_dir, options.root)
        troubled = review.troubled() if record else frozenset()   # failed or kept in the last run
        # Per raw file only its path, target and hash are kept through the
        # run: texts, articles, removed lines and outcomes stream past.
        todo: list[tuple[str, str, str]] = []
        shas: dict[str, str] = {}
        owned: set[str] = set()      # Markdown whose raw file is here: no orphan
        fixed: list[Outcome] = []    # unchanged, where the last run failed or kept the file
        names = MarkdownNames(seeds_rel, options.out_dir)
        for path in iter_raw_paths(options, paths, report):
            rel = read.display_path(path, options.root)
            target = names.assign(rel, options.root)
            existing = write.read_generated(target)
            path_name, target_name = str(path), str(target)
            raw_sha = raw_sha256(path)
            if raw_sha is not None:
                shas[path_name] = raw_sha
            outcome = check_existing(path, rel, target, existing, generator, options, force,
                                     raw_sha=raw_sha)
            if outcome is None:
                owned.add(target_name)
                todo.append((path_name, target_name,
                             existing.added if existing and existing.added else options.today))
                continue
            if existing is not None and existing.raw_file == rel:
                owned.add(target_name)
            report.add(outcome)
            if outcome.status == "unchanged" and rel in troubled:
                fixed.append(outcome)
        checked = report.notable + fixed   # not converted, and worth recording: failed, kept, fixed
        if todo:
            context = build_context(options, shas)
            for outcome in convert_many(todo, context, options, generator, force):
                if record:
                    review.add(outcome.raw_file, outcome.status, outcome.markdown, outcome.message,
                               outcome.flags, outcome.removed, outcome.suspects, outcome.suggestions)
                outcome.removed, outcome.suspects = NOTHING_REMOVED, ()   # recorded: not kept for the run
                report.add(outcome)
        converted, todo = bool(todo), []
        if paths is None:
            report.orphans = find_orphans(options, owned, names.by_raw)
        report.notable.sort(key=lambda o: o.raw_file)
        live = None
        if paths is None:            # every raw file there now: the record forgets the others
            live = {read.display_path(Path(name), options.root) for name in shas}
            live.update(o.raw_file for o in report.notable)
        gone = record and live is not None and review.holds_other_than(live | set(report.orphans))
        if record and (converted or report.orphans or checked or gone):
            record_review(review, checked, report.orphans, live)
    return report


class MarkdownNames:
    """The Markdown file of each raw file of one run: never one for two, and every near miss named.

    markdown_path makes the names unique by construction; two raw files
    whose names differ only in what it cannot keep (case, a suffix, letters
    outside ASCII) are reported, naming both, and if two ever did share a
    Markdown name the second would take a longer one, not the first's.
    """

    def __init__(self, seeds_rel: str, out_dir: Path):
        self.seeds_rel, self.out_dir = seeds_rel, out_dir
        self.plain: dict[str, str] = {}       # case-folded plain Markdown path -> first raw file
        self.taken: dict[str, str] = {}       # case-folded Markdown path -> raw file
        self.by_raw: dict[str, str] = {}      # raw file -> Markdown path

    def assign(self, rel: str, root: Path) -> Path:
        """A raw file (relative to the project) and the project root in; its Markdown path out."""
        from .write import markdown_path, plain_markdown_path, short_hash
        target = markdown_path(rel, self.seeds_rel, self.out_dir)
        plain = plain_markdown_path(rel, self.seeds_rel, self.out_dir)
        first = self.plain.setdefault(plain, rel)
        if first != rel:
            logger.warning("%s", printable(
                f"{rel}: its name and that of {first} would make the same article file; "
                f"written as {project_path(target, root)}, the other's is "
                f"{project_path(markdown_path(first, self.seeds_rel, self.out_dir), root)}"))
        name = str(target)
        key, salt = name.casefold(), ""
        while key in self.taken:              # a clash of hashes: another settles it
            salt += "\0"
            target = target.with_name(f"{target.stem}-{short_hash(rel + salt)}.md")
            name = str(target)
            key = name.casefold()
        self.taken[key] = rel
        self.by_raw[rel] = name
        return target


def iter_raw_paths(options: Options, paths: Iterable[Path] | None, report: Report) -> Iterator[Path]:
    """Options and optional paths in; raw files to consider out (refusals go in the report)."""
    from .read import describe_mode, display_path, is_utf8, list_seeds
    from .model import ConversionError
    folders = [options.seeds_dir] if paths is None else list(paths)
    for folder in folders:
        found = list_seeds(folder, options.root) if folder.is_dir() else [folder]
        for item in found:
            if not isinstance(item, ConversionError) and paths is not None:
                rel = display_path(item, options.root)
                try:                  # a file named on the command line: followed, but only to a file
                    if not is_utf8(rel):
                        rel = printable(rel)
                        item = ConversionError(f"{rel}: skipped: its name is not UTF-8 text; rename it")
                    elif not stat.S_ISREG(os.stat(item).st_mode):
                        item = ConversionError(f"{rel}: skipped: not a regular file "
                                               f"({describe_mode(item)})")
                except OSError as err:
                    fail(report, rel, f"{rel}: no such file" if not os.path.lexists(item)
                         else f"{rel}: skipped: cannot be read: {err.strerror or err}")
                    continue
            if isinstance(item, ConversionError):
                fail(report, str(item).split(": skipped:", 1)[0], str(item))
            else:
                yield item


def fail(report: Report, raw_file: str, message: str) -> None:
    """Report, file and reason in; a failure recorded and logged once."""
    logger.warning("%s", printable(message))
    report.add(Outcome(raw_file=raw_file, status="failed", message=message))


def raw_sha256(path: Path) -> str | None:
    """Raw file path in; the sha256 of its bytes, or None if it is no regular file or cannot be read."""
    from .read import hash_raw_file
    return hash_raw_file(path)


def check_existing(path: Path, rel: str, target: Path, existing, generator: str,
                   options: Options, force: bool, raw_sha: str | None = None) -> Outcome | None:
    """A raw file and its existing Markdown in; an Outcome if no conversion is needed."""
    from .read import hash_sidecar
    if existing is None:
        return None
    markdown = project_path(target, options.root)
    if existing.edited and not force:
        message = (f"{markdown} was edited by hand; kept the editor's version "
                   f"(`digest convert --force {rel}` regenerates it, keeping a backup)")
        logger.warning("%s", printable(message))
        return Outcome(raw_file=rel, status="kept", markdown=markdown, message=message)
    if force or existing.generator != generator:
        return None
    if raw_sha is None:
        raw_sha = raw_sha256(path)
    if raw_sha is None:
        return None                  # read_seed will report it
    if raw_sha == existing.raw_sha256 and hash_sidecar(path) == (existing.sidecar_sha256 or ""):
        return Outcome(raw_file=rel, status="unchanged", markdown=markdown)
    return None


def project_path(path: Path, root: Path) -> str:
    """Path in; relative to the project root when inside it, else absolute; POSIX style."""
    text, base = str(path), str(root)
    if text.startswith(base + os.sep):
        return text[len(base) + 1:].replace(os.sep, "/")
    return path.as_posix()


def vocabulary_version(options: Options) -> str:
    """Options in; a short hash of the vocabularies, so an edit to them re-tags."""
    digest = hashlib.sha256()
    for path in (options.tags_file, options.sources_file):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:6]


def build_context(options: Options, shas: dict[str, str]):
    """Options and the sha256 of every raw file (by path) in; the shared Context out."""
    from .metadata import build_outlets
    from .pipeline import Context
    from .read import read_yaml_file
    from .tagging import build_vocabulary
    return Context(
        furniture=learn_site_furniture(options, shas),
        vocabulary=build_vocabulary(read_yaml_file(options.tags_file) or {}),
        outlets=build_outlets(read_yaml_file(options.sources_file) or {}),
    )


def learn_site_furniture(options: Options, shas: dict[str, str]) -> frozenset[str]:
    """The sha256 of every raw file (by path) in; the furniture keys they share (as learn_furniture finds them).

    Each file's keys are kept in the state folder by its sha256, so only new
    or changed files are read; neither the texts nor the cached keys are
    ever all held at once: the cache is read and rewritten line by line.
    """
    from .clean_text import FURNITURE_MIN_FILES
    from .write import atomic_writer
    cache_path = options.state_dir / FURNITURE_CACHE
    version = code_version()
    copies = Counter(shas.values())          # sha256 -> how many raw files have that text
    counts: Counter[str] = Counter()
    cached: set[str] = set()
    for sha, keys in read_furniture_cache(cache_path, version):
        if sha in copies and sha not in cached:
            cached.add(sha)
            add_keys(counts, keys, copies[sha])
    missing = {sha: path for path, sha in shas.items() if sha not in cached}
    if not missing:
        return frozenset(key for key, n in counts.items() if n >= FURNITURE_MIN_FILES)
    root = str(options.root)
    jobs = ((path, root) for path in missing.values())
    with map_parallel(file_furniture_job, jobs, len(missing), options.workers) as learned:
        try:
            with atomic_writer(cache_path) as out:
                out.write(f"furniture\t{version}\n".encode("utf-8"))
                gone = 0                    # files put back are not read again, within reason
                for sha, keys in read_furniture_cache(cache_path, version):
                    gone += sha not in copies
                    if gone <= len(copies) + 100 or sha in copies:
                        out.write(f"{sha}\t{keys}\n".encode("utf-8"))
                for _path, sha, keys in learned:
                    if sha is not None and keys is not None:
                        add_keys(counts, keys, copies.get(sha, 1))
                        out.write(f"{sha}\t{keys}\n".encode("utf-8"))
        except OSError as err:
            logger.warning("the furniture cache %s cannot be written: %s", cache_path, err)
        for _path, sha, keys in learned:   # what is left, if the cache could not be written
            if sha is not None and keys is not None:
                add_keys(counts, keys, copies.get(sha, 1))
    return frozenset(key for key, n in counts.items() if n >= FURNITURE_MIN_FILES)


def add_keys(counts: Counter[str], keys: str, files: int) -> None:
    """Counts, one file's tab-joined keys and how many files have that text in; the counts raised."""
    if keys:
        for key in keys.split("\t"):
            counts[key] += files


def file_furniture_job(job: tuple[str, str]) -> tuple[str, str | None, str | None]:
    """One (raw path, root) in; (path, sha256, its furniture keys joined by tabs) out."""
    from . import clean_text
    from .model import ConversionError
    from .read import read_seed
    path, root = job
    try:
        seed = read_seed(Path(path), Path(root))
        # a saved page's source lines are markup: furniture is learned from text dumps
        keys = clean_text.furniture_keys(seed.text) if seed.kind == "text" else frozenset()
    except ConversionError:
        return path, None, None     # not learned from, as before; convert_job reports it
    except Exception:  # a cleaner bug must not stop the run: convert_job reports this file
        logger.debug("learning furniture from %s failed", path, exc_info=True)
        return path, None, None
    return path, seed.sha256, "\t".join(sorted(keys))


def read_furniture_cache(path: Path, version: str) -> Iterator[tuple[str, str]]:
    """Cache file in; (raw sha256, tab-joined furniture keys) per line, none if missing or stale."""
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") != f"furniture\t{version}":
                return               # written by other code: its keys may differ
            for line in handle:
                sha, _, keys = line.rstrip("\n").partition("\t")
                yield sha, keys
    except (OSError, UnicodeDecodeError):
        return


@contextlib.contextmanager
def map_parallel(func, jobs: Iterable, count: int, workers: int, context=None) -> Iterator[Iterator]:
    """A picklable function, its jobs and their number (and the conversion Context) in; a
    context giving the results in job order, computed in worker processes when it pays.

    The workers start when the context is entered, before this process
    starts any thread of its own. Jobs are sent a few batches ahead of the
    results read, so neither waits in memory by the thousand.
    """
    workers = min(workers, count)
    init_worker(context)
    if workers > 1 and count >= PARALLEL_MIN_FILES:
        pool = process_pool(workers, context)
        try:
            yield run_batches(pool, func, iter(jobs), chunk_size(count, workers), workers * BATCHES_AHEAD)
        finally:
            pool.shutdown(cancel_futures=True)
    else:
        yield map(func, jobs)


def run_batches(pool: ProcessPoolExecutor, func, jobs: Iterator, size: int, ahead: int) -> Iterator:
    """A pool, a function, its jobs, the batch size and how many batches to keep sent in; results out in order."""
    batches = iter(lambda: list(itertools.islice(jobs, size)), [])
    sent = deque(pool.submit(run_batch, func, batch) for batch in itertools.islice(batches, ahead))

    def results() -> Iterator:
        while sent:
            done = sent.popleft().result()
            for batch in itertools.islice(batches, 1):
                sent.append(pool.submit(run_batch, func, batch))
            yield from done
    return results()


def run_batch(func, batch: list) -> list:
    """A function and a batch of its jobs in; their results out (in a worker process)."""
    return [func(job) for job in batch]


def process_pool(workers: int, context) -> ProcessPoolExecutor:
    """Number of workers and the conversion Context in; a pool of worker processes that hold both.

    On Linux the workers are forks of this process: they start with the
    cleaners imported, their patterns compiled and the Context in place,
    where a fresh interpreter would spend a large part of a small run
    getting there. Elsewhere each worker is given the Context.
    """
    importlib.import_module(".pipeline", __package__)   # before the fork, for the workers to inherit
    importlib.import_module(".language", __package__).load_identifier()
    if sys.platform.startswith("linux"):
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers, initializer=init_worker, initargs=(context,))


def chunk_size(jobs: int, workers: int) -> int:
    """Number of jobs and workers in; jobs per batch sent to a worker.

    Small batches keep both workers busy to the end (an HTML page takes ten
    times a text dump); 16 files a batch already make the sending cheap.
    """
    return max(1, min(16, jobs // (workers * 16)))


def convert_many(todo: list[tuple[str, str, str]], context, options: Options,
                 generator: str, force: bool) -> Iterator[Outcome]:
    """Files to convert in; their Outcomes out, converted in parallel when it pays."""
    root = str(options.root)
    jobs = ((path, target, added, root, generator) for path, target, added in todo)
    with map_parallel(convert_job, jobs, len(todo), options.workers, context) as results, \
            ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="digest-write") as writers, \
            progress_bar(len(todo)) as advance:
        pending: deque[tuple[Outcome, Path | None, Future | None]] = deque()   # in conversion order
        writing: dict[Path, Future] = {}                                        # the last write to each
        for (_path, target_name, _added), (outcome, text) in zip(todo, results):
            advance()
            target = Path(target_name)
            if outcome.status != "failed":
                if outcome.message:          # an editor's value refused; the article is written
                    logger.warning("%s", printable(outcome.message))
                earlier = writing.get(target)
                if earlier is not None:
                    earlier.result()     # two raw files, one Markdown: keep their order
                writing[target] = writers.submit(store_outcome, outcome, target, text, options, force)
                pending.append((outcome, target, writing[target]))
            else:
                logger.warning("%s", printable(outcome.message))
                pending.append((outcome, None, None))
            while pending and (len(pending) > WRITE_BACKLOG or pending[0][2] is None
                               or pending[0][2].done()):
                yield finish_write(*pending.popleft(), writing)
        while pending:
            yield finish_write(*pending.popleft(), writing)


def finish_write(outcome: Outcome, target: Path | None, write: Future | None,
                 writing: dict[Path, Future]) -> Outcome:
    """An Outcome and its Markdown's pending write in; the Outcome once written."""
    if write is not None:
        write.result()
        if writing.get(target) is write:
            del writing[target]
    return outcome


def store_outcome(outcome: Outcome, target: Path, text: str, options: Options, force: bool) -> None:
    """A converted file's Outcome and Markdown in; the file written, the Outcome updated."""
    from .write import back_up, read_generated, write_if_changed
    existing = read_generated(target)
    try:
        if existing and existing.edited and force:
            stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
            saved = back_up(target, options.state_dir / "backups", stamp)
            logger.warning("%s: the editor's version was saved as %s", printable(outcome.markdown),
                           saved.relative_to(options.root) if saved.is_relative_to(options.root) else saved)
        written = write_if_changed(target, text)
    except OSError as err:
        outcome.status = "failed"
        outcome.message = f"{outcome.raw_file}: cannot write {outcome.markdown}: {err.strerror or err}"
        logger.warning("%s", printable(outcome.message))
        return
    outcome.status = "new" if existing is None else ("updated" if written else "unchanged")
    for code in outcome.flags:
        logger.info("%s: %s", printable(outcome.raw_file), code)


_WORKER_CONTEXT: list[Any] = []   # set once per worker process by init_worker


def init_worker(context) -> None:
    """Context in; kept for convert_job in this process."""
    _WORKER_CONTEXT[:] = [context]


def convert_job(job: tuple[str, str, str, str, str]) -> tuple[Outcome, str]:
    """One (raw path, target, added, root, generator) in; (Outcome, Markdown text) out."""
    from dataclasses import replace
    from .model import ConversionError, Flag
    from .pipeline import convert_seed
    from .read import display_path, read_seed
    from .review import FLAG_TEXT, find_suspects, removed_lines
    from .write import render_markdown
    path, target, added, root, generator = job
    root_path = Path(root)
    rel = display_path(Path(path), root_path)
    markdown = display_path(Path(target), root_path)
    try:
        seed = read_seed(Path(path), root_path)
        article = replace(convert_seed(seed, _WORKER_CONTEXT[0]), added=added)
        extra_flags, suspects = find_suspects(article)    # recorded with the article, for the review gate
        article = replace(article, meta=replace(article.meta, flags=article.meta.flags + [
            Flag(code, FLAG_TEXT.get(code, code)) for code in extra_flags]))
        text = render_markdown(article, generator)
    except ConversionError as err:
        return Outcome(raw_file=rel, status="failed", message=str(err)), ""
    except Exception as err:  # a cleaner bug must not stop the other files
        logger.debug("conversion of %s failed", rel, exc_info=True)
        return Outcome(raw_file=rel, status="failed",
                       message=f"{rel}: failed: {type(err).__name__}: {err}"), ""
    warnings = "; ".join(flag.message for flag in article.flags if flag.warn)
    return Outcome(raw_file=rel, status="converted", markdown=markdown,
                   message=f"{rel}: {warnings}" if warnings else "",
                   flags=[flag.code for flag in article.flags],
                   removed=removed_lines(article), suspects=suspects,
                   suggestions=article.suggestions), text


def record_review(review, checked: list[Outcome], orphans: list[str], live: Iterable[str] | None) -> None:
    """The review record (holding the run's conversions), the files checked but not converted
    worth recording, the orphans and (for a whole run) every raw file there in; the record closed."""
    for o in checked:
        review.add(o.raw_file, o.status, o.markdown, o.message, o.flags, o.removed, o.suspects)
    for orphan in orphans:
        review.add(orphan, "orphan", orphan, "its raw file is gone; the article is kept", [], {}, [])
    review.close(None if live is None else itertools.chain(live, orphans))


def write_review_page(options: Options, output_path: Path, settings: dict[str, Any]) -> None:
    """Options, Pelican's output folder and settings in; the editors' review page written there,
    with copies of the shown entries' raw files as text beside it."""
    import sqlite3
    from .review import ReviewLinks, ReviewRecord, read_covered, read_review, read_suggestions, render_review
    from .write import write_if_changed
    page = output_path / options.review_page
    record = options.state_dir / ReviewRecord.FILE
    try:                              # the page is as new as the record: nothing to do
        if page.stat().st_mtime_ns >= record.stat().st_mtime_ns:
            return
    except OSError:
        pass
    try:
        build, attention, latest, count = read_review(record) if record.exists() else (0, [], [], 0)
        suggestions = read_suggestions(record, read_covered(options.tags_file)) if record.exists() else []
    except sqlite3.Error as err:
        logger.warning("the review record %s cannot be read: %s", record, err)
        return
    up = "../" * (len(Path(options.review_page).parts) - 1)
    theme = settings.get("THEME_STATIC_DIR", "theme")
    links = ReviewLinks(options.root, page.parent, up, str(settings.get("ARTICLE_URL", "{slug}.html")))
    write_if_changed(page, render_review(attention, latest, count, build, css=f"{up}{theme}/css/digest.css",
                                         home=up or "./", links=links, suggestions=suggestions))


def find_orphans(options: Options, owned: set[str] | frozenset[str] = frozenset(),
                 current: dict[str, str] | None = None) -> list[str]:
    """Options (Markdown known to have its raw file, and this run's Markdown path of each raw file) in;
    generated articles whose raw file is gone.

    An article a raw file of this run had under an older name (before names
    were made unique) is removed, unless an editor changed it.
    """
    from .write import read_generated
    orphans = []
    current = current or {}
    for name in walk_markdown(str(options.out_dir)):
        if name in owned:
            continue
        path = Path(name)
        existing = read_generated(path)
        if not existing or not existing.raw_file:
            continue
        if not (options.root / existing.raw_file).exists():
            orphans.append((project_path(path, options.root), existing.raw_file))
        elif existing.raw_file in current and name != current[existing.raw_file]:
            remove_old_name(path, existing, current[existing.raw_file], options.root)
    orphans.sort()
    for rel, raw_file in orphans:
        logger.warning("%s: its raw file %s is gone; the article is kept", printable(rel), printable(raw_file))
    return [rel for rel, _raw_file in orphans]


def remove_old_name(path: Path, existing, target: str, root: Path) -> None:
    """A generated article under a name its raw file no longer has in; removed, or kept if edited."""
    old = project_path(path, root)
    if existing.edited:
        logger.warning("%s", printable(f"{old}: written from {existing.raw_file}, whose article is now "
                                       f"{project_path(Path(target), root)}; kept, as it was edited"))
        return
    with contextlib.suppress(OSError):
        path.unlink()
        logger.info("%s", printable(f"{old}: removed; the article of {existing.raw_file} is now "
                                    f"{project_path(Path(target), root)}"))


def walk_markdown(top: str) -> Iterator[str]:
    """Folder in; the paths of the Markdown files in it and its subfolders (links to folders not followed)."""
    stack = [top]
    while stack:                  # its own stack: no depth of folders exhausts Python's
        folder = stack.pop()
        folders = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        if entry.name.endswith(".md") and not entry.name.startswith("."):
                            yield entry.path
                        elif entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                    except OSError:
                        continue
        except OSError:
            continue
        stack.extend(reversed(folders))


class progress_bar:  # noqa: N801 - used as a context manager like a function
    """Number of files in; a context giving advance(), drawing a bar on a terminal."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import Progress
        console = Console(stderr=True)
        self.progress = Progress(console=console, transient=True,
                                 disable=not console.is_terminal or total < 10)
        self.task = self.progress.add_task("Converting raw articles", total=total)

    def __enter__(self):
        self.progress.start()
        return lambda: self.progress.advance(self.task)

    def __exit__(self, *exc):
        self.progress.stop()
        return False


def print_summary(report: Report, options: Options) -> None:
    """Report in; a one-screen summary table of the run on stderr."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text
    console = Console(stderr=True, markup=False, highlight=False, emoji=False)   # names are shown as they are
    table = Table(title="Raw articles", show_header=True)
    for column in ("new", "updated", "unchanged", "kept (edited)", "flagged", "failed"):
        table.add_column(column, justify="right")
    table.add_row(*(str(n) for n in (
        report.count("new"), report.count("updated"), report.count("unchanged"),
        report.count("kept"), len(report.flagged), len(report.failed))))
    console.print(table)
    for outcome in report.flagged[:20]:
        console.print(f"  flagged  {printable(outcome.raw_file)}: {', '.join(outcome.flags)}")
    if len(report.flagged) > 20:
        console.print(f"  ... and {len(report.flagged) - 20} more flagged")
    candidates = count_suggestions(report)
    if candidates:
        console.print("  tag candidates (no tag in the vocabulary covers them): " + printable(", ".join(
            f"{name} ({n})" for name, n in candidates)))
    for outcome in report.failed:           # the reason was logged when it happened
        console.print(Text("  failed", style="red") + Text(f"   {printable(outcome.raw_file)}"))
    for orphan in report.orphans:
        console.print(f"  kept     {printable(orphan)}: raw file gone")


# How many vocabulary candidates the summary names, most frequent first.
SUMMARY_CANDIDATES = 12


def count_suggestions(report: Report) -> list[tuple[str, int]]:
    """Report in; (name, number of articles naming it) for the most frequent candidates."""
    return sorted(report.suggestions.items(), key=lambda item: (-item[1], item[0]))[:SUMMARY_CANDIDATES]


def register() -> None:
    signals.get_generators.connect(convert_seeds)
    signals.finalized.connect(finish_build)
    signals.readers_init.connect(add_reader)
