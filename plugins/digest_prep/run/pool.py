"""The parallel pool: jobs converted in worker processes when it pays, Markdown written by threads meanwhile."""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import multiprocessing
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .. import language
from ..files import back_up, write_if_changed
from ..furniture import SiteFurniture, learn_file
from ..model import Job, Outcome
from ..options import Options
from ..read import display_path, printable
from ..write import read_generated
from .summary import progress_bar

if TYPE_CHECKING:     # the pipeline is imported only by a run that converts (see convert_job)
    from ..pipeline import Context

logger = logging.getLogger(__name__)

# Below this many files to convert, starting worker processes costs more
# than it saves (measured on the benchmark's generated articles).
PARALLEL_MIN_FILES = 40
# Threads that write Markdown while the conversion goes on: each write ends
# in an fsync that waits on the disk, not the processor.
WRITER_THREADS = 4
# Converted files waiting to be written, at most: bounds memory when the
# disk is slower than the conversion.
WRITE_BACKLOG = 64
# Bytes of raw files waiting to have their furniture learned, at most: the
# first pass hands them on in rounds of this size, so memory stays flat.
LEARN_ROUND_BYTES = 32 * 2**20
# Batches of jobs sent to each worker ahead of the results read: enough to
# keep it busy while this process writes, few enough to keep memory flat.
BATCHES_AHEAD = 4
# Batches each worker is left with, at least, when they start to shrink (batch_sizes).
TAIL_BATCHES = 4

# The run's Context, one slot per process. A worker forked on Linux inherits
# it from the run that set it, so it is never pickled to each worker, nor
# with each batch (it holds the vocabularies and the site's furniture);
# elsewhere init_worker sets it in each new worker. This process sets it
# too, for runs too small to start workers. The one piece of module state:
# it is replaced, not reset, by the next run.
WORKER_CONTEXT: list[Context] = []


def init_worker(context: Context) -> None:
    """Context in; kept for convert_job in this process."""
    WORKER_CONTEXT[:] = [context]


def convert_job(job: Job) -> Outcome:
    """One Job in; its Outcome, with the Markdown text, out (run in a worker process)."""
    from ..pipeline import convert_file   # loaded already where the Context was made
    context = WORKER_CONTEXT[0]
    path = Path(job.path)
    try:
        outcome = convert_file(path, context, added=job.added,
                               markdown=display_path(Path(job.target), context.root))
    except Exception as err:  # a cleaner bug must not stop the other files
        rel = display_path(path, context.root)
        logger.debug("conversion of %s failed", rel, exc_info=True)
        return Outcome(raw_file=rel, status="failed", message=f"{rel}: failed: {type(err).__name__}: {err}")
    outcome.article = None            # not sent back: the Markdown text says it all
    return outcome


@contextlib.contextmanager
def map_parallel(func: Callable, jobs: Iterable, count: int, workers: int, context: Context) -> Iterator[Iterator]:
    """A picklable function, its jobs and their number and the conversion Context in; a
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
            yield run_batches(pool, func, iter(jobs), batch_sizes(count, workers), workers * BATCHES_AHEAD)
        finally:
            pool.shutdown(cancel_futures=True)
    else:
        yield map(func, jobs)


def run_batches(pool: ProcessPoolExecutor, func: Callable, jobs: Iterator, sizes: Iterable[int],
                ahead: int) -> Iterator:
    """A pool, a function, its jobs, the size of each batch and how many batches to keep sent in;
    results out in order."""
    batches = (batch for batch in (list(itertools.islice(jobs, size)) for size in sizes) if batch)
    sent = deque(pool.submit(run_batch, func, batch) for batch in itertools.islice(batches, ahead))

    def results() -> Iterator:
        while sent:
            done = sent.popleft().result()
            for batch in itertools.islice(batches, 1):
                sent.append(pool.submit(run_batch, func, batch))
            yield from done
    return results()


def run_batch(func: Callable, batch: list) -> list:
    """A function and a batch of its jobs in; their results out (in a worker process)."""
    return [func(job) for job in batch]


def process_pool(workers: int, context: Context) -> ProcessPoolExecutor:
    """Number of workers and the conversion Context in; a pool of worker processes that hold both.

    On Linux the workers are forks of this process: they start with the
    cleaners imported, their patterns compiled and the Context in place,
    where a fresh interpreter would spend a large part of a small run
    getting there. Elsewhere each worker is given the Context.
    """
    language.load_identifier()        # before the fork, for the workers to inherit
    if sys.platform.startswith("linux"):
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers, initializer=init_worker, initargs=(context,))


def chunk_size(jobs: int, workers: int) -> int:
    """Number of jobs and workers in; jobs per batch sent to a worker.

    Small batches keep both workers busy to the end (an HTML page takes ten
    times a text dump); 16 files a batch already make the sending cheap.
    """
    return max(1, min(16, jobs // (workers * 16)))


def batch_sizes(jobs: int, workers: int) -> Iterator[int]:
    """Number of jobs and workers in; the size of each batch in turn, chunk_size's at first,
    then smaller towards the end.

    A worker given the last full batch would convert it alone while the
    others wait (half a batch of idle core, on average, 3% of a run of
    1,000 files): the shrinking batches let the workers finish together.
    """
    size = chunk_size(jobs, workers)
    left = jobs
    while left > 0:
        step = max(1, min(size, left // (workers * TAIL_BATCHES)))
        yield step
        left -= step


class FurnitureLearner:
    """The first pass's files whose furniture keys are to be learned, learned in rounds: in worker
    processes when a round has PARALLEL_MIN_FILES, here otherwise."""

    def __init__(self, furniture: SiteFurniture, workers: int) -> None:
        self.furniture = furniture
        self.workers = workers
        self.waiting: list[tuple[str, tuple[Path, str, bytes]]] = []   # (sha256, learn_file's arguments)
        self.size = 0

    def add(self, sha: str, path: Path, rel: str, data: bytes) -> None:
        """A file read_file gave bytes for in; learned now or with the next round."""
        self.waiting.append((sha, (path, rel, data)))
        self.size += len(data)
        if self.size >= LEARN_ROUND_BYTES:
            self.finish()

    def finish(self, meanwhile: Callable[[], object] | None = None) -> None:
        """The files waiting learned, their keys given to the furniture; `meanwhile` called in
        this process while worker processes learn (or before it learns them here)."""
        waiting, self.waiting, self.size = self.waiting, [], 0
        jobs = [job for _sha, job in waiting]
        workers = min(self.workers, len(jobs))
        if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
            from .. import clean_text  # noqa: F401 - loaded before the fork, for the workers to inherit
            context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                size = chunk_size(len(jobs), workers)
                sent = [pool.submit(run_batch, learn_job, jobs[i:i + size]) for i in range(0, len(jobs), size)]
                # The workers are forked: the conversion's, later, inherit what this
                # loads and compiles meanwhile, work that would otherwise leave a core
                # idle before the conversion's workers start. The language model is
                # loaded by a thread: most of its load is LZMA decompression, which
                # lets go of the GIL, so it goes on beside `meanwhile` (compiling the
                # vocabulary), on the core the workers leave when they are done.
                with ThreadPoolExecutor(1, thread_name_prefix="digest-load") as loader:
                    loading = loader.submit(language.load_identifier)
                    if meanwhile is not None:
                        meanwhile()
                    loading.result()
                results: Iterable = itertools.chain.from_iterable(batch.result() for batch in sent)
                self.give(waiting, results)
        else:
            if meanwhile is not None:
                meanwhile()
            self.give(waiting, map(learn_job, jobs))

    def give(self, waiting: list[tuple[str, tuple[Path, str, bytes]]], results: Iterable) -> None:
        """The files learned and their keys in; the keys given to the furniture."""
        for (sha, _job), keys in zip(waiting, results):
            self.furniture.add_learned(sha, keys)


def learn_job(job: tuple[Path, str, bytes]) -> str | None:
    """learn_file's arguments in one tuple in; its result out (run in a worker process)."""
    return learn_file(*job)


def convert_many(todo: list[Job], context: Context, options: Options, force: bool) -> Iterator[Outcome]:
    """Jobs in; their Outcomes out, converted in parallel when it pays and written as they come."""
    with map_parallel(convert_job, todo, len(todo), options.workers, context) as results, \
            ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="digest-write") as writers, \
            progress_bar(len(todo)) as advance:
        pending: deque[tuple[Outcome, Path | None, Future | None]] = deque()   # in conversion order
        writing: dict[Path, Future] = {}                                        # the last write to each
        for job, outcome in zip(todo, results):
            advance()
            target = Path(job.target)
            if outcome.status != "failed":
                if outcome.message:          # an editor's value refused; the article is written
                    logger.warning("%s", printable(outcome.message))
                earlier = writing.get(target)
                if earlier is not None:
                    earlier.result()     # two raw files, one Markdown: keep their order
                writing[target] = writers.submit(store_outcome, outcome, target, options, force)
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


def store_outcome(outcome: Outcome, target: Path, options: Options, force: bool) -> None:
    """A converted file's Outcome (holding its Markdown) in; the file written, the Outcome updated."""
    existing = read_generated(target)
    text, outcome.text = outcome.text, ""     # written: not kept for the run
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
