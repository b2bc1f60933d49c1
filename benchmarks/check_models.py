#!/usr/bin/env python3
"""Are the shipped models what `make train` writes on this checkout?

    .venv/bin/python benchmarks/check_models.py      # or: make train-check

Runs the three trainers of `make train` (text, HTML, headline), each
writing into a scratch folder instead of plugins/digest_prep/models/, and
compares every model file with the shipped one, byte for byte. About five
minutes on 2 cores; the shipped files are never touched.

The trainers are deterministic (fixed seeds, one thread), so a difference
means the models were trained on other code or data than this checkout's:
a feature, rule or cleaner change whose models were not retrained. The
headline ranker learns from the cleaner's lines, which the shipped text and
HTML models decide, so it is checked against them, as `make train` would
train it once they are right.

Exit status: 0 when every file is the same, 1 naming each file that
differs, 2 when ../shared is missing.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from corpora import CORPUS, CORPUS_TRAIN, require_corpus

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "plugins" / "digest_prep" / "models"

# (trainer and its options, the file its --out names, every file it writes there);
# the text trainer's table scores l3s-gn1 after the model is written: not needed here
TRAINERS = (
    (("train_text.py", "--no-table"), "text.json", ("text.json",)),
    (("train_html.py",), "html.txt", ("html.txt", "html-context.txt", "html-quick.txt", "html-quick-context.txt")),
    (("train_headline.py",), "headline.json", ("headline.json",)),
)


def differing(scratch: Path) -> list[str]:
    """Scratch folder the trainers wrote into in; the names of the model files that differ from the shipped ones."""
    out = []
    for _, _, names in TRAINERS:
        for name in names:
            fresh, shipped = scratch / name, MODELS / name
            if not fresh.is_file() or not shipped.is_file() or fresh.read_bytes() != shipped.read_bytes():
                out.append(name)
    return out


def main() -> int:
    require_corpus(CORPUS)
    for name in ("dragnet-train", "cleaneval-dev", "l3s-gn1"):
        require_corpus(CORPUS_TRAIN / name, f"the training set {name}")
    with tempfile.TemporaryDirectory(prefix="digest-models-") as tmp:
        scratch = Path(tmp)
        for (script, *options), out, _ in TRAINERS:
            print(f"check_models: {script} ...", flush=True)
            run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *options,
                                  "--out", str(scratch / out)], cwd=ROOT, stdout=subprocess.DEVNULL)
            if run.returncode:
                print(f"check_models: {script} failed (exit {run.returncode})", file=sys.stderr)
                return run.returncode
        bad = differing(scratch)
    for name in bad:
        print(f"check_models: plugins/digest_prep/models/{name} is not what `make train` writes: "
              "retrain with `make train` and commit the models", file=sys.stderr)
    if not bad:
        print(f"check_models: all {sum(len(n) for _, _, n in TRAINERS)} model files are what `make train` writes")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
