"""Pelican glue: settings -> Options, and the signal receivers."""
from __future__ import annotations

from pelican import signals


def convert_seeds(pelican) -> None:
    """Pelican instance in; raw files in seeds/ converted into content/."""
    from .pipeline import convert_all  # stages load only when a build runs
    convert_all(pelican.settings)


def register() -> None:
    signals.initialized.connect(convert_seeds)
