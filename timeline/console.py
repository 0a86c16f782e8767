"""What the command line prints on stderr while it runs: a progress bar, warnings, errors.

The bar (tqdm: documents done, documents/s, ETA when the total is known)
is drawn when stderr is a terminal or when asked for, never with
``--quiet``. Lines printed while it runs go above it, and so do the
library's warnings (the ``timeline`` logger: files that were not UTF-8),
printed as ``warning: <message>``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")
LOGGER = "timeline"


class Console:
    """stderr for one run."""

    def __init__(self, progress: bool = False, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.progress = progress and not quiet

    @classmethod
    def for_terminal(cls, forced: bool, quiet: bool) -> Console:
        """A bar when forced or when stderr is a terminal, none with ``quiet``."""
        return cls(progress=forced or sys.stderr.isatty(), quiet=quiet)

    def say(self, line: str) -> None:
        """One line on stderr, above the progress bar if one is drawn."""
        tqdm.write(line, file=self.stream)

    def info(self, line: str) -> None:
        """A line that ``--quiet`` leaves out."""
        if not self.quiet:
            self.say(line)

    def step(self, line: str) -> None:
        """A line saying which step of a long run has begun (after the bar, the main process
        merges, orders and writes for a while): only where a bar is drawn."""
        if self.progress:
            self.say(line)

    def track(self, items: Iterable[T], total: int | None = None, what: str = "doc") -> Iterator[T]:
        """``items``, with a progress bar when one is wanted."""
        if not self.progress:
            yield from items
            return
        yield from tqdm(items, total=total, unit=what, file=self.stream, dynamic_ncols=True, smoothing=0.05)

    @contextmanager
    def showing_warnings(self) -> Iterator[None]:
        """Print the ``timeline`` logger's warnings as ``warning: ...`` lines while the block runs."""
        logger = logging.getLogger(LOGGER)
        handler = _LineHandler(self)
        saved = (logger.level, logger.propagate)
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(saved[0])
            logger.propagate = saved[1]


class _LineHandler(logging.Handler):
    def __init__(self, console: Console) -> None:
        super().__init__(logging.WARNING)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        self.console.say(f"{record.levelname.lower()}: {' '.join(record.getMessage().split())}")
