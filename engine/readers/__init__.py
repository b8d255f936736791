"""Readers for the files evaluators produce: Inspect AI logs, Epoch AI exports, per-sample results."""

from __future__ import annotations

from pathlib import Path


def detect_and_read(path: Path):
    """Return a Dataset when ``path`` is one of the special formats, else None (a plain table)."""
    return None
