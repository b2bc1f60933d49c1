"""The README's walk-through, step by step, as an editor would do it."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT, build_env, copy_project, start_devserver

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


def wait_for(predicate, seconds: float = 180) -> bool:
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
        # each page is written in its turn: wait for each, not only the first
        assert wait_for(lambda: "date unknown" in fetch(base + "/").lower()
                        and 'id="day-undated"' in fetch(base + "/")), "the article is not on the undated shelf"
        (project / "seeds" / "rutba.yaml").write_text("date: 2024-03-12\nsource: Example News\n")
        assert wait_for(lambda: TITLE in fetch(base + "/2024/03/")), "not in the March 2024 archive"
        assert wait_for(lambda: "Tuesday 12 March 2024" in fetch(base + "/").split('id="day-undated"')[0]), \
            "the dated article does not lead the home page"
        assert wait_for(lambda: "seeds/rutba.txt" in fetch(base + "/review/")
                        and "Share this article" in fetch(base + "/review/")), "the review page does not list it"
    finally:
        os.killpg(make.pid, signal.SIGINT)       # Ctrl-C
        try:
            make.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait(timeout=10)

    # 5. what waits for an editor, and an approval
    env = build_env(project)
    digest = [sys.executable, "-m", "digest_prep.cli"]
    review = subprocess.run([*digest, "review"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert "seeds/002_a24904526fcae996.txt" in review.stdout
    assert "seeds/003_af0611fd11995a58.txt" in review.stdout
    approve = subprocess.run([*digest, "approve", "003_af0611fd11995a58"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=120)
    assert approve.returncode == 0, approve.stderr
    assert "approved: true" in (project / "seeds" / "003_af0611fd11995a58.yaml").read_text()
    # 6. the public build: no review page, the approved article in, the other flagged one out
    publish = subprocess.run(["make", "--no-print-directory", "publish", f"VENV={Path(sys.executable).parent.parent}",
                              "STAMP="], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert publish.returncode == 0, publish.stderr[-3000:]
    output = project / "output"
    assert not (output / "review").exists()
    pages = " ".join(p.read_text("utf-8") for p in (output / "article").glob("*.html"))
    assert "Islamic State members flee western Anbar bastion" in pages
    assert "James Mattis announced" not in pages
    # 7. the work kept in git
    git = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True, timeout=60)
    subprocess.run([*git, "add", "seeds", "content/articles"], cwd=project, check=True, timeout=60)
    subprocess.run([*git, "commit", "-q", "-m", "Rutba story, dated; Anbar story approved"], cwd=project,
                   check=True, timeout=60)
    tracked = subprocess.run([*git, "ls-files"], cwd=project, capture_output=True, text=True, check=True).stdout
    assert "seeds/rutba.yaml" in tracked and "seeds/003_af0611fd11995a58.yaml" in tracked
    assert any(line.startswith("content/articles/rutba") for line in tracked.splitlines())


def test_make_help_names_every_target_the_readme_uses():
    run = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    for target in ("html", "test", "bench", "train", "goldens", "serve", "devserver", "publish", "clean"):
        assert f"make {target} " in run.stdout, target
