"""`make devserver` stopped by any means leaves no server on the port and no process behind."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, start_devserver
from test_walkthrough import fetch, free_port, wait_for

def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def processes_in(project: Path) -> list[str]:
    """Command lines of running processes that name the project folder (ours, not the test's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if str(project) in cmdline or cwd == str(project):
            found.append(cmdline.strip())
    return found


@pytest.mark.parametrize("how", ["ctrl-c", "kill", "kill-9"])
def test_stopping_devserver_leaves_nothing_running(tmp_path: Path, how: str):
    project = copy_project(tmp_path / "project")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    port = free_port()
    make = start_devserver(project, port, tmp_path / "devserver.log")
    try:
        assert wait_for(lambda: "Latest edition" in fetch(f"http://127.0.0.1:{port}/"), 120), \
            (tmp_path / "devserver.log").read_text()
        if how == "ctrl-c":            # the terminal sends SIGINT to the whole foreground group
            os.killpg(make.pid, signal.SIGINT)
        elif how == "kill":
            make.send_signal(signal.SIGTERM)
        else:
            make.send_signal(signal.SIGKILL)
        try:
            make.wait(timeout=30)
        except subprocess.TimeoutExpired:   # say what was still running, and what the server logged
            pytest.fail(f"make still running 30 s after {how}: {processes_in(project)}\n"
                        + (tmp_path / "devserver.log").read_text(errors="replace"))
        assert wait_for(lambda: port_is_free(port) and not processes_in(project), 20), \
            (processes_in(project), (tmp_path / "devserver.log").read_text())
    finally:
        try:
            os.killpg(make.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
