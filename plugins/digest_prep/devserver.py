"""`digest devserver`: convert on every change, rebuild, and serve, with nothing left behind.

One process owns everything that holds a resource:
- the web server is a thread of this process, so the port is released with it;
- Pelican's rebuild loop (`pelican -r`) is a child that the kernel stops when
  this process ends, however it ends (Ctrl-C, `kill`, `kill -9` of `make`);
- this process itself is stopped by the kernel when its parent (`make`) dies.
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

PR_SET_PDEATHSIG = 1      # prctl option: a signal the kernel sends when the parent dies
CHILD_STOP_SECONDS = 10


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
    """Serves output/; pages without a suffix are looked up as NAME.html, as static hosts do."""

    def send_head(self):
        path = self.translate_path(self.path)
        if not os.path.exists(path) and os.path.exists(path + ".html"):
            self.path = self.path.split("?", 1)[0] + ".html"
        return super().send_head()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def start_server(output: Path, bind: str, port: int) -> http.server.ThreadingHTTPServer:
    """Output folder, address and port in; a web server serving it from a daemon thread."""
    handler = functools.partial(QuietHandler, directory=str(output))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, name="devserver-http", daemon=True).start()
    return server


def start_rebuilds(settings: Path, content: Path, output: Path, extra: list[str]) -> subprocess.Popen:
    """Settings, content and output in; `pelican -r` running as a child that dies with this process."""
    return subprocess.Popen(
        [sys.executable, "-m", "pelican", "-r", str(content), "-o", str(output), "-s", str(settings),
         *extra],
        preexec_fn=stop_with_parent)


def stop_child(child: subprocess.Popen) -> None:
    """A child process in; it is asked to stop, then killed if it does not."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=CHILD_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run_devserver(options, settings: Path, content: Path, output: Path, bind: str, port: int,
                  extra: list[str], convert, watch) -> int:
    """Options, paths, address and the conversion callables in; serves until stopped, exit status out."""
    stop_with_parent()
    parent = os.getppid()
    if parent == 1:            # the parent died before the kernel was asked to tell us
        return 1
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, raise_interrupt)
    output.mkdir(parents=True, exist_ok=True)
    try:
        server = start_server(output, bind, port)
    except OSError as error:
        print(f"devserver: cannot listen on {bind}:{port}: {error.strerror}", file=sys.stderr)
        return 1
    child = None
    try:
        convert(options)
        child = start_rebuilds(settings, content, output, extra)
        print(f"Serving the digest at http://{bind}:{port}/ (Ctrl-C stops it)", file=sys.stderr)
        watch(options)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        if child is not None:
            stop_child(child)
    return 0
