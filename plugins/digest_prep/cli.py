"""`digest convert PATH... [--out DIR]`: the plugin's pipeline from the command line."""
from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace
from pathlib import Path

from .glue import print_summary, read_options, run_conversion


def load_settings(path: Path) -> dict:
    """Pelican settings file in; its values over Pelican's defaults (no site checks)."""
    from pelican.settings import DEFAULT_CONFIG, get_settings_from_file
    if not path.is_file():
        return dict(DEFAULT_CONFIG)
    return {**DEFAULT_CONFIG, **get_settings_from_file(str(path))}


def resolve_targets(names: list[str], seeds_dir: Path) -> list[Path]:
    """Command-line names in; paths (a bare name is looked for in seeds/)."""
    paths = []
    for name in names:
        path = Path(name)
        if not path.exists() and (seeds_dir / name).exists():
            path = seeds_dir / name
        paths.append(path.absolute())
    return paths


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
    convert.add_argument("--settings", "-s", type=Path, default=Path("pelicanconf.py"),
                         help="Pelican settings file (default: pelicanconf.py)")
    convert.add_argument("--workers", type=int, default=0,
                         help="conversion processes (default: one per core)")
    convert.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    index = commands.add_parser(
        "index", help="index the built site for search (Pagefind), the same index for the same site")
    index.add_argument("site", type=Path, nargs="?", default=Path("output"),
                       help="the built site (default: output)")
    watch = commands.add_parser(
        "watch", help="convert again whenever seeds/ or a vocabulary changes (for make devserver)")
    watch.add_argument("--settings", "-s", type=Path, default=Path("pelicanconf.py"),
                       help="Pelican settings file (default: pelicanconf.py)")
    return parser


def watch_seeds(options) -> None:
    """Options in; runs until interrupted, converting after every change to the raw files."""
    import watchfiles
    watched = [p for p in (options.seeds_dir, options.tags_file, options.sources_file) if p.exists()]
    print(f"Watching {', '.join(str(p) for p in watched)} for changes", file=sys.stderr)
    for _changes in watchfiles.watch(*watched, rust_timeout=0):
        report = run_conversion(options)
        if report.count("new") or report.count("updated") or report.failed:
            print_summary(report, options)


def index_site(site: Path) -> int:
    """The built site in; a fresh Pagefind index in site/pagefind (no file of an older one left), exit status out."""
    import shutil
    import subprocess
    from .search_index import pin_index
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"])
    if run.returncode != 0:
        return run.returncode
    pin_index(site / "pagefind")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line arguments in; exit status out (1 if any raw file failed)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command == "index":
        return index_site(args.site)
    settings = load_settings(args.settings)
    root = args.settings.absolute().parent if args.settings.is_file() else Path.cwd()
    options = read_options(settings, root)
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
