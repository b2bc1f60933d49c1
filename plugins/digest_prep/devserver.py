"""`digest devserver`: rebuild on every change and serve, with nothing left behind.

One process owns everything that holds a resource:
- the web server is a thread of this process, so the port is released with it;
- each build (`pelican content`, which converts seeds/ first) is a child that
  the kernel stops when this process ends, however it ends (Ctrl-C, `kill`,
  `kill -9` of `make`);
- this process itself is stopped by the kernel when its parent (`make`) dies.

Builds run one after another from a single watch of seeds/, content/, the
theme, the vocabularies and the settings: a change made while a build runs
is seen when it ends and starts the next, so no change is ever missed.
"""
from __future__ import annotations

import ctypes
import functools
import http.server
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import watchfiles

PR_SET_PDEATHSIG = 1      # prctl option: a signal the kernel sends when the parent dies
WATCH_STEP_MS = 1000      # the watch wakes this often with nothing to report, and starts within it


def stop_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask the kernel to send sig to this process when its parent dies (Linux; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
    except (OSError, AttributeError):
        return


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves output/ without a log line per request."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def start_server(output: Path, bind: str, port: int) -> http.server.ThreadingHTTPServer:
    """Output folder, address and port in; a web server serving it from a daemon thread."""
    handler = functools.partial(QuietHandler, directory=str(output))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, name="devserver-http", daemon=True).start()
    return server


def build_site(settings: Path, content: Path, output: Path, extra: list[str]) -> int:
    """Settings, content and output in; one `pelican content` build run as a child, its status out."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), *extra],
        preexec_fn=stop_with_parent, stdin=subprocess.DEVNULL).returncode


def watched_paths(options, settings: Path, content: Path, theme: Path) -> list[Path]:
    """What a change in starts a build: raw files, content, theme, vocabularies and settings."""
    paths = (options.seeds_dir, content, theme, options.tags_file, options.sources_file, settings)
    return [p for p in paths if p.exists()]


def raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run_devserver(options, settings: Path, content: Path, output: Path, theme: Path, bind: str,
                  port: int, extra: list[str]) -> int:
    """Options, paths and address in; builds and serves until stopped, exit status out."""
    stop_with_parent()
    if os.getppid() == 1:      # the parent died before the kernel was asked to tell us
        return 1
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, raise_interrupt)
    output.mkdir(parents=True, exist_ok=True)
    try:
        server = start_server(output, bind, port)
    except OSError as error:
        print(f"devserver: cannot listen on {bind}:{port}: {error.strerror}", file=sys.stderr)
        return 1
    try:
        content.mkdir(parents=True, exist_ok=True)
        watched = watched_paths(options, settings, content, theme)
        changes = watchfiles.watch(*watched, rust_timeout=WATCH_STEP_MS, yield_on_timeout=True)
        next(changes)      # the watch is set up: an edit made during the first build is not missed
        build_site(settings, content, output, extra)
        print(f"Serving the digest at http://{bind}:{port}/ (Ctrl-C stops it); watching "
              f"{', '.join(str(p) for p in watched)}", file=sys.stderr)
        for batch in changes:
            if batch:
                build_site(settings, content, output, extra)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
