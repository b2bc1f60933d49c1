"""One conversion run: plan, the furniture pass, the pool, the review record; a RunReport out."""
from __future__ import annotations

import itertools
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..files import exclusive_lock, remove_stale_temporaries
from ..furniture import SiteFurniture
from ..model import NOTHING_REMOVED, Job, Outcome
from ..options import Options
from ..read import display_path, read_yaml_file
from ..review import ReviewRecord
from ..version import code_version, vocabulary_version
from ..write import Generated, read_generated
from .plan import MarkdownNames, check_existing, find_orphans, iter_raw_paths
from .pool import FurnitureLearner, convert_many
from .stamps import Stamps, take_stamp
from .summary import RunReport

if TYPE_CHECKING:     # the cleaners and models are imported only by a run that converts
    from ..metadata import Outlets
    from ..tagging import Vocabulary


def run_conversion(options: Options, paths: Iterable[Path] | None = None,
                   force: bool = False, record: bool = True) -> RunReport:
    """Options (and optionally some raw paths) in; raw files converted, a RunReport out.

    With `record`, what happened goes into the review record for the editors' page.
    """
    report = RunReport()
    review = ReviewRecord(options.state_dir)
    with exclusive_lock(options.state_dir / "lock"):
        if options.out_dir.is_dir():
            remove_stale_temporaries(options.out_dir)
        version = code_version()
        generator = version + vocabulary_version(options.tags_file, options.sources_file)
        seeds_rel = display_path(options.seeds_dir, options.root)
        troubled = review.troubled() if record else frozenset()   # failed or kept in the last run
        furniture = SiteFurniture(options.state_dir, version)   # the first pass: one read of each file
        learner = FurnitureLearner(furniture, options.workers)
        stamps = Stamps(options.state_dir, generator, keep_unseen=paths is not None)
        # Per raw file only its Job and hash are kept through the run:
        # texts, articles, removed lines and outcomes stream past.
        todo: list[Job] = []
        shas: dict[str, str] = {}
        owned: set[str] = set()      # Markdown whose raw file is here: no orphan
        fixed: list[Outcome] = []    # unchanged, where the last run failed or kept the file
        names = MarkdownNames(seeds_rel, options.out_dir)
        for path in iter_raw_paths(options, paths, report):
            rel = display_path(path, options.root)
            target = names.assign(rel, options.root)
            existing = read_existing(stamps, target)
            path_name, target_name = str(path), str(target)
            raw_sha, data = read_raw_file(furniture, stamps, path, rel)
            if raw_sha is not None:
                shas[path_name] = raw_sha
            if data is not None:
                learner.add(raw_sha, path, rel, data)
            outcome = check_existing(path, rel, target, existing, generator, options, force, raw_sha)
            if outcome is None:
                owned.add(target_name)
                todo.append(Job(path_name, target_name,
                                existing.added if existing and existing.added else options.today))
                continue
            if existing is not None and existing.raw_file == rel:
                owned.add(target_name)
            report.add(outcome)
            if outcome.status == "unchanged" and rel in troubled:
                fixed.append(outcome)
        # The vocabulary and outlets are compiled while the last furniture is learned
        # (in worker processes, when there are enough files), not after it.
        tables: Future = Future()
        learner.finish(meanwhile=partial(fill_future, tables, compile_tables, options) if todo else None)
        stamps.save()
        checked = report.notable + fixed   # not converted, and worth recording: failed, kept, fixed
        if todo:
            from ..pipeline import Context
            vocabulary, outlets = tables.result(timeout=0)   # filled by finish: no wait
            context = Context(
                furniture=furniture.shared_keys(), sites=furniture.run_sites(),
                vocabulary=vocabulary, outlets=outlets, root=options.root, generator=generator)
            for outcome in convert_many(todo, context, options, force):
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
            live = {display_path(Path(name), options.root) for name in shas}
            live.update(o.raw_file for o in report.notable)
        # Asked last: while this run's rows are not committed, another connection may have to
        # wait for the record (seconds, once they fill SQLite's cache), and the answer is not needed.
        if record and (converted or report.orphans or checked
                       or (live is not None and review.holds_other_than(live | set(report.orphans)))):
            record_review(review, checked, report.orphans, live)
    return report


def compile_tables(options: Options) -> tuple[Vocabulary, Outlets]:
    """Options in; the compiled tag vocabulary and news outlets out."""
    # Imported only here: the cleaners and models cost a warm run with nothing to convert
    # a good part of its time. The pipeline is loaded here too, while the furniture is learned.
    from .. import pipeline  # noqa: F401
    from ..metadata import build_outlets
    from ..tagging import build_vocabulary
    return (build_vocabulary(read_yaml_file(options.tags_file) or {}),
            build_outlets(read_yaml_file(options.sources_file) or {}))


def fill_future(future: Future, func: Callable, *args: Any) -> None:
    """An unfinished Future, a function and its arguments in; the function's result (or the
    exception it raised) set on the Future, for whoever asks for it later."""
    try:
        future.set_result(func(*args))
    except Exception as err:  # raised again, unchanged, where the result is asked for
        future.set_exception(err)


def read_raw_file(furniture: SiteFurniture, stamps: Stamps, path: Path, rel: str
                  ) -> tuple[str | None, bytes | None]:
    """A raw file in; SiteFurniture.read_file's sha256 and bytes, the file not read when its stamp
    says the last run's sha256 still holds and its keys are known."""
    name = "raw:" + str(path)
    stamp = take_stamp(path)            # before reading: an edit during the read changes it
    known = stamps.look_up(name, stamp)
    if known and isinstance(known[0], str) and furniture.count_known(known[0]):
        return known[0], None
    raw_sha, data = furniture.read_file(path, rel)
    if raw_sha is not None:
        stamps.record(name, stamp, [raw_sha])
    return raw_sha, data


def read_existing(stamps: Stamps, target: Path) -> Generated | None:
    """A Markdown path in; read_generated's record of it, from its stamp when the file has not changed."""
    name = "md:" + str(target)
    stamp = take_stamp(target)
    if stamp is None:
        return None                     # no such file (or none to read)
    known = stamps.look_up(name, stamp)
    if known is not None:
        try:
            raw_sha256, sidecar_sha256, generator, added, raw_file, edited = known
            return Generated(text="", raw_sha256=raw_sha256, sidecar_sha256=sidecar_sha256,
                             generator=generator, added=added, raw_file=raw_file, edited=bool(edited))
        except (TypeError, ValueError):
            pass                        # a damaged entry: the file is read
    existing = read_generated(target)
    if existing is not None:
        stamps.record(name, stamp, [existing.raw_sha256, existing.sidecar_sha256, existing.generator,
                                    existing.added, existing.raw_file, existing.edited])
    return existing


def record_review(review: ReviewRecord, checked: list[Outcome], orphans: list[str],
                  live: Iterable[str] | None) -> None:
    """The review record (holding the run's conversions), the files checked but not converted
    worth recording, the orphans and (for a whole run) every raw file there in; the record closed."""
    for o in checked:
        review.add(o.raw_file, o.status, o.markdown, o.message, o.flags, o.removed, o.suspects)
    for orphan in orphans:
        review.add(orphan, "orphan", orphan, "its raw file is gone; the article is kept", [], {}, [])
    review.close(None if live is None else itertools.chain(live, orphans))
