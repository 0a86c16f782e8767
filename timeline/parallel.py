"""Run a function over a stream on a pool of workers, results in input order, memory flat.

``map_in_order(fn, items, pool)`` sends items to the pool in batches and keeps
only a few batches in flight (``Pool.window``), so reading never runs ahead
of the workers by more than that: a corpus of any size streams through. The
results come back in input order, so a run on N workers writes exactly what
a run in one process writes.

A pool is a ``concurrent.futures.Executor`` (or None: in this process):

- ``process_pool(jobs)``: N processes on this machine (``spawn``, so the
  workers start clean whatever threads the parent has);
- ``dask_pool(scheduler, workers)``: a Dask cluster, through the
  ``concurrent.futures`` interface of ``distributed.Client``: a local cluster
  of worker processes by default, or the scheduler at ``scheduler``
  (``tcp://host:8786``), whose workers need this package installed.

``fn`` and the items are pickled to reach the workers, so ``fn`` must be a
module-level function (or a ``functools.partial`` of one); results come back
as a ``timeline.parcel.Parcel``, which keeps what plain pickling loses (DST
folds). Only our own objects travel; no user file is ever unpickled. With a
``Packing``, a batch's results travel as one object, made where they were
computed and taken apart here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from timeline.memory import without_cycle_collection
from timeline.parcel import Parcel

T = TypeVar("T")
R = TypeVar("R")

# Items per task: large enough to hide the cost of a task, small enough to balance. Against 8,
# 32 halved this process's share of a corpus run (it loads fewer, larger results) and the
# time the workers waited for it (8 % of theirs with two workers, 1.5 % now).
BATCH_SIZE = 32
BATCHES_PER_WORKER = 4  # tasks in flight per worker: the workers never wait for the reader


@dataclass(frozen=True, slots=True)
class Pool:
    """Where work runs: ``executor`` None means in this process; ``window`` batches in flight."""

    executor: Executor | None = None
    window: int = 1
    batch_size: int = BATCH_SIZE


IN_PROCESS = Pool()


@dataclass(frozen=True, slots=True)
class Packing:
    """How a batch's results travel together: ``pack`` (a module-level function, run where the
    batch ran) makes one object of ``fn``'s results for the batch, ``unpack`` (run here) gives
    back one result per item. What each result would cost on its own (building it, sending
    and loading it) is then paid once a batch."""

    pack: Callable[[list[Any]], Any]
    unpack: Callable[[Any], list[Any]]


def map_in_order(fn: Callable[[T], Any], items: Iterable[T], pool: Pool = IN_PROCESS,
                 packing: Packing | None = None) -> Iterator[tuple[T, Any]]:
    """``(item, fn(item))`` for every item, in input order (with ``packing``: each of
    ``packing.unpack(packing.pack(results of the batch))``, the batches taken in this process too).

    An exception raised by ``fn`` is raised here, as it would be in a loop.
    Closing the iterator early cancels the batches still waiting.
    """
    pack = packing.pack if packing is not None else None
    unpack = packing.unpack if packing is not None else None
    if pool.executor is None:
        if unpack is None:
            for item in items:
                yield item, _paused(fn, item)
            return
        for batch in batched(items, pool.batch_size):
            yield from zip(batch, unpack(apply_all(fn, batch, pack)[0]))
        return
    pending: deque[tuple[Sequence[T], Future[list[Any]]]] = deque()
    try:
        for batch in batched(items, pool.batch_size):
            pending.append((batch, pool.executor.submit(apply_all, fn, batch, pack)))
            if len(pending) >= pool.window:
                yield from _done(*pending.popleft(), unpack)
        while pending:
            yield from _done(*pending.popleft(), unpack)
    finally:
        for _, future in pending:
            future.cancel()


def apply_all(fn: Callable[[T], R], batch: Sequence[T], pack: Callable[[list[R]], Any] | None = None) -> list[Any]:
    """What a worker runs: ``fn`` on each item of a batch, sent back as a ``Parcel`` (with
    ``pack``: of one item, the packed results), with the cycle collector paused (``timeline.memory``)."""
    with without_cycle_collection():
        results = [fn(item) for item in batch]
        return Parcel([pack(results)] if pack is not None else results)


def _paused(fn: Callable[[T], R], item: T) -> R:
    """``fn(item)`` with the cycle collector paused, as a worker runs it."""
    with without_cycle_collection():
        return fn(item)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), taken lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def window_for(workers: int) -> int:
    """How many batches to keep in flight for ``workers`` workers."""
    return max(BATCHES_PER_WORKER * workers, 2)


@contextmanager
def process_pool(jobs: int) -> Iterator[Pool]:
    """``jobs`` worker processes on this machine; in this process when ``jobs`` is 1."""
    if jobs <= 1:
        yield IN_PROCESS
        return
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:
        yield Pool(executor, window_for(jobs))
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    # Every result is in: the workers wind down (a second or two of freeing memory each)
    # while this process goes on; the executor's own thread joins them.
    executor.shutdown(wait=False)


@contextmanager
def dask_pool(scheduler: str | None = None, workers: int | None = None) -> Iterator[Pool]:
    """A Dask cluster: the scheduler at ``scheduler``, else a local one of ``workers`` processes.

    The local cluster listens on the loopback interface only (its HTTP server too, on a free
    port) and runs one thread per worker: the engine is pure Python, threads would share a core.
    """
    from distributed import Client, LocalCluster  # optional dependency: imported when asked for

    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        cluster, client = None, Client(scheduler)
    try:
        count = max(sum(client.nthreads().values()), 1)
        yield Pool(client.get_executor(pure=False), window_for(count))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _done(batch: Sequence[T], future: Future[list[Any]],
          unpack: Callable[[Any], list[Any]] | None) -> Iterator[tuple[T, Any]]:
    results = future.result()
    yield from zip(batch, results if unpack is None else unpack(results[0]))
