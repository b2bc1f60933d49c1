"""The README's walk-through, step by step, as an editor would do it."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import ROOT, copy_project, start_devserver

TITLE = "Iraqi forces clear last Islamic State pockets near Rutba"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 90) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_readme_walkthrough(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "examples", project / "examples")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    make = start_devserver(project, port, tmp_path / "devserver.log")    # `make devserver`
    try:
        assert wait_for(lambda: "Latest edition" in fetch(base + "/")), "the site never came up"
        time.sleep(1)
        shutil.copy(project / "examples" / "rutba.txt", project / "seeds" / "rutba.txt")
        assert wait_for(lambda: TITLE in fetch(base + "/")), "the new article is not on the home page"
        home = fetch(base + "/")
        assert "date unknown" in home.lower()
        (project / "seeds" / "rutba.yaml").write_text("date: 2024-03-12\nsource: Example News\n")
        assert wait_for(lambda: TITLE in fetch(base + "/2024/03/")), "not in the March 2024 archive"
        review = fetch(base + "/review/")
        assert "seeds/rutba.txt" in review and "Share this article" in review
    finally:
        os.killpg(make.pid, signal.SIGINT)       # Ctrl-C
        try:
            make.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait(timeout=10)
