"""How the toolkit's long stages use memory: the cycle collector paused, freed memory given back.

The engine and the builder make millions of short-lived objects and no reference
cycles, so Python's cycle collector finds nothing to free, yet each pass walks
every object alive: in a worker, the lexicon and the batch so far (a fifth of
its time); in the main process, every event of the corpus received so far.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

import pyarrow as pa


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector for a stage that makes many objects and no cycles
    (reference counting still frees each object as its last reference goes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def release_freed_memory() -> None:
    """Give the memory the C allocator holds free back to the operating system.

    glibc's ``malloc`` returns freed memory only from the top of its heap: what a stage's
    arrays, long strings and lists freed below memory still in use stays in the process, and
    the chart and exports after it allocate elsewhere (Arrow, fresh arrays) all the same.
    ``malloc_trim(0)`` releases every whole free page. Nothing where there is no such call.
    Arrow's own allocator (mimalloc or jemalloc) keeps freed pages too: it is asked to give
    them back as well.
    """
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def arrow_on_the_system_allocator() -> None:
    """Let Arrow allocate from the C library's ``malloc`` from now on, in this process.

    Arrow's own allocator (mimalloc) keeps the pages it freed for its next allocations: while a
    large build routes its events' rows and makes its table's slices, that held 130 MB more at the
    peak (20,000 articles: 460 against 330 MB), and ``malloc_trim`` cannot give it back.
    """
    pa.set_memory_pool(pa.system_memory_pool())


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc (macOS, musl, Windows)
        return None
