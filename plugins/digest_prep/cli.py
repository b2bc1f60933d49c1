"""`digest convert PATH... [--out DIR]`: the plugin's pipeline from the command line."""
from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace
from pathlib import Path

import watchfiles
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

from .devserver import run_devserver
from .files import write_atomic
from .gate import approve, find_waiting, list_waiting
from .options import read_options
from .read import printable
from .run.summary import RunReport, print_summary
from .tagging import TAG_KINDS, add_tag_entry


def load_settings(path: Path) -> dict:
    """Pelican settings file in; its values over Pelican's defaults (no site checks)."""
    if not path.is_file():
        return dict(DEFAULT_CONFIG)
    return {**DEFAULT_CONFIG, **get_settings_from_file(str(path))}


def run_conversion(options, paths: list[Path] | None = None, force: bool = False,
                   record: bool = True) -> RunReport:
    """Options (and optionally some raw paths) in; run.conversion.run_conversion's RunReport out."""
    # Imported here: the pipeline it loads (the cleaners with their compiled
    # rules, metadata, the models' code) costs about 0.2 s of processor time
    # that `digest review`, `digest approve` and `digest devserver` do not need.
    from .run.conversion import run_conversion as convert_all
    return convert_all(options, paths, force=force, record=record)


def resolve_targets(names: list[str], seeds_dir: Path) -> list[Path]:
    """Command-line names in; paths (a bare name is looked for in seeds/)."""
    paths = []
    for name in names:
        path = Path(name)
        if not path.exists() and (seeds_dir / name).exists():
            path = seeds_dir / name
        paths.append(path.absolute())
    return paths


def add_settings_option(command: argparse.ArgumentParser) -> None:
    """A subcommand's parser in; its --settings option added."""
    command.add_argument("--settings", "-s", type=Path, default=Path("pelicanconf.py"),
                         help="Pelican settings file (default: pelicanconf.py)")


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser."""
    parser = argparse.ArgumentParser(prog="digest", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser(
        "convert", help="clean raw articles into Markdown, as `pelican content` does")
    convert.add_argument("paths", nargs="*", metavar="PATH",
                         help="raw files or folders (default: the seeds folder)")
    convert.add_argument("--out", type=Path, metavar="DIR",
                         help="write the Markdown here (default: the configured content folder)")
    convert.add_argument("--force", action="store_true",
                         help="regenerate even articles an editor has edited (a backup is kept)")
    add_settings_option(convert)
    convert.add_argument("--workers", type=int, default=0,
                         help="conversion processes (default: one per core)")
    convert.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    review = commands.add_parser(
        "review", help="list the articles that wait for an editor before the public build shows them")
    add_settings_option(review)
    approve = commands.add_parser(
        "approve", help="let waiting articles through the review gate (writes approved: true)")
    approve.add_argument("names", nargs="+", metavar="NAME",
                         help="raw file (seeds/NAME.txt, NAME.txt or NAME) or its Markdown")
    add_settings_option(approve)
    tags = commands.add_parser("tags", help="change the tag vocabulary (tags.yaml)")
    tag_commands = tags.add_subparsers(dest="tags_command", required=True)
    add = tag_commands.add_parser(
        "add", help="append a tag to the vocabulary, as the review page suggests; the rest of the file "
                    "is kept as written")
    add.add_argument("name", metavar="NAME", help="the tag's name, as readers will see it")
    add.add_argument("--alias", "-a", action="append", default=[], metavar="ALIAS",
                     help="another way articles write it (repeat for more)")
    add.add_argument("--kind", "-k", choices=sorted(TAG_KINDS),
                     help="what it names (default: topic)")
    add_settings_option(add)
    watch = commands.add_parser(
        "watch", help="convert again whenever seeds/ or a vocabulary changes")
    add_settings_option(watch)
    serve = commands.add_parser(
        "devserver", help="convert, rebuild and serve on every change; stops everything it started")
    add_settings_option(serve)
    serve.add_argument("--port", "-p", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--bind", "-b", default="127.0.0.1", help="address (default: 127.0.0.1)")
    serve.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    serve.add_argument("--output", "-o", type=Path, default=Path("output"), help="output folder")
    serve.add_argument("pelican_args", nargs=argparse.REMAINDER, metavar="-- PELICAN OPTIONS",
                       help="more options for Pelican's rebuilds, after --")
    return parser


def watch_seeds(options) -> None:
    """Options in; runs until interrupted, converting after every change to the raw files."""
    watched = [p for p in (options.seeds_dir, options.tags_file, options.sources_file) if p.exists()]
    print(f"Watching {', '.join(str(p) for p in watched)} for changes", file=sys.stderr)
    for _changes in watchfiles.watch(*watched, rust_timeout=0):
        report = run_conversion(options)
        if report.count("new") or report.count("updated") or report.failed:
            print_summary(report, options)


def list_review(options) -> int:
    """Options in; the waiting articles printed, exit status out (0)."""
    waiting = list(list_waiting(options.out_dir))
    if not waiting:
        print("Nothing waits for review.")
        return 0
    print(f"{len(waiting)} article(s) wait for an editor (held back from the public build):")
    for item in waiting:
        where = item.raw_file or str(item.markdown.relative_to(options.root))
        print(f"  {printable(where)}: {', '.join(item.flags)}: {printable(item.title)}")
    print("Check each one, correct it if needed, then: digest approve NAME")
    return 0


def approve_articles(options, names: list[str]) -> int:
    """Options and names in; each named waiting article approved, exit status out (1 if a name matched none)."""
    waiting = list(list_waiting(options.out_dir))
    status = 0
    for name in names:
        found = find_waiting(name, waiting, options.root)
        if not found:
            print(f"{printable(name)}: no waiting article by that name (digest review lists them)",
                  file=sys.stderr)
            status = 1
        for item in found:
            written = approve(item, options.root)
            print(f"approved {printable(item.raw_file or item.markdown.name)} "
                  f"(approved: true in {printable(str(written.relative_to(options.root)))})")
    return status


def add_tag(options, name: str, aliases: list[str], kind: str | None) -> int:
    """Options and a new tag's name, aliases and kind in; the tag appended to the vocabulary file in
    one step, exit status out (1, saying why, if it cannot be)."""
    path = options.tags_file
    shown = printable(str(path.relative_to(options.root) if path.is_relative_to(options.root) else path))
    try:
        text = path.read_bytes().decode("utf-8") if path.exists() else ""
        new_text = add_tag_entry(text, name, aliases, kind)
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        write_atomic(path, new_text.encode("utf-8"))
        if mode is not None:
            path.chmod(mode)
    except UnicodeDecodeError:
        print(f"{shown}: cannot add {printable(repr(name))}: the file is not UTF-8 text", file=sys.stderr)
        return 1
    except (OSError, ValueError) as err:
        reason = err.strerror or str(err) if isinstance(err, OSError) else str(err)
        print(f"{shown}: cannot add {printable(repr(name))}: {printable(reason)}", file=sys.stderr)
        return 1
    print(f"added {printable(repr(name.strip()))} to {shown}; the next build tags the articles about it")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line arguments in; exit status out (1 if any raw file failed)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    settings = load_settings(args.settings)
    root = args.settings.absolute().parent if args.settings.is_file() else Path.cwd()
    options = read_options(settings, root)
    if args.command == "review":
        return list_review(options)
    if args.command == "approve":
        return approve_articles(options, args.names)
    if args.command == "tags":
        return add_tag(options, args.name, args.alias, args.kind)
    if args.command == "devserver":
        extra = [a for a in args.pelican_args if a != "--"]
        theme = Path(str(settings.get("THEME", "theme")))
        theme = theme if theme.is_absolute() else root / theme
        return run_devserver(options, args.settings, args.content, args.output, theme, args.bind, args.port,
                             extra)
    if args.command == "watch":
        run_conversion(options)
        try:
            watch_seeds(options)
        except KeyboardInterrupt:
            pass
        return 0
    if args.out:
        options = replace(options, out_dir=args.out.absolute())
    if args.workers:
        options = replace(options, workers=args.workers)
    paths = resolve_targets(args.paths, options.seeds_dir) if args.paths else None
    # A preview into another folder leaves the digest's review record alone.
    report = run_conversion(options, paths, force=args.force, record=args.out is None)
    if not args.quiet or report.failed:
        print_summary(report, options)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
