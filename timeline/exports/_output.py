"""Atomic writing of rendered exports, through :func:`timeline.writers.open_output`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from timeline.writers import open_output


def write_rendered(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8, line ends as given) or bytes to ``path`` atomically; returns ``path``."""
    with open_output(path) as stream:
        if isinstance(content, bytes):
            stream.flush()
            stream.buffer.write(content)
        else:
            stream.write(content)
    return path


def write_parts(path: Path, parts: Iterable[str]) -> Path:
    """Write the pieces of a text (UTF-8, line ends as given) to ``path`` atomically, one after
    another; returns ``path``. The file holds the pieces joined, as ``write_rendered`` writes it."""
    with open_output(path) as stream:
        for part in parts:
            stream.write(part)
    return path
