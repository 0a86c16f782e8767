"""Events waiting on disk while a corpus is merged and ordered, then read back in timeline order.

A build over a large corpus cannot keep its events in memory: 100,000 articles
have four million. ``RowSpill`` writes each event's row of the events table
(``timeline.rows``) to an Arrow IPC stream in the order the events come in;
once every event's place in the timeline is known (``timeline.streamed``),
``in_order`` reads them back a slice of the timeline at a time. It routes them
first, in one pass, into a file per slice (in two passes beyond ``MAX_SLICES``
slices: the system limits the files open at once), so that reading back never
needs more than one slice in memory, however large the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

import numpy as np
import pyarrow as pa

from timeline.arrays import runs
from timeline.memory import release_freed_memory
from timeline.rows import ROW_SCHEMA

_PLACED = pa.schema([("position", pa.int64()), *ROW_SCHEMA])

# Rows per record batch written; bytes of routed rows held before they are written.
BATCH_ROWS = 8192
ROUTED_BYTES = 32 << 20
# Text repeats (ids, words, the sentence of every event of a document): LZ4 halves the bytes
# written, for little time.
_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")
# At most this many slice files are open at once while routing (the system limits open files).
MAX_SLICES = 256


class RowSpill:
    """Rows of the events table (``ROW_SCHEMA``) stored in arrival order in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._path = folder / "events.arrows"
        self._writer: pa.ipc.RecordBatchStreamWriter | None = pa.ipc.new_stream(str(self._path), ROW_SCHEMA,
                                                                                 options=_OPTIONS)
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
        self.count = 0

    def add(self, rows: pa.RecordBatch) -> None:
        """Store the next rows."""
        self._pending.append(rows)
        self._pending_rows += rows.num_rows
        self.count += rows.num_rows
        if self._pending_rows >= BATCH_ROWS:
            self._write()

    def close(self) -> None:
        """Everything is stored (``in_order`` closes it too)."""
        if self._writer is not None:
            self._write()
            self._writer.close()
            self._writer = None

    def discard(self) -> None:
        """Nothing is to be read back: the stored rows go."""
        self.close()
        self._path.unlink(missing_ok=True)

    def in_order(self, positions: Iterable[np.ndarray], kept: int, slice_rows: int) -> Iterator[pa.Table]:
        """The stored rows in timeline order, ``slice_rows`` at a time (the last slice shorter).

        ``positions``: the place in the timeline of each row stored, in the order stored, in
        chunks of any length (-1 for a row left out: an event merged into another); the
        ``kept`` places are 0 .. kept - 1, each once.
        """
        self.close()
        slices = -(-kept // slice_rows)
        # at most MAX_SLICES files open at once: beyond that many slices, a first pass routes the
        # rows to files of several slices each, and each such file is routed again, to its slices
        per_file = -(-slices // MAX_SLICES)
        chunks = _Chunks(positions)
        with pa.OSFile(str(self._path)) as source:  # read, not mapped: mapped pages count as memory
            stored = ((batch, chunks.take(batch.num_rows)) for batch in pa.ipc.open_stream(source))
            files = _route(stored, 0, slice_rows * per_file, -(-slices // per_file), self.folder, "slices")
        self._path.unlink()
        release_freed_memory()  # what routing held, before the slices
        for number, path in enumerate(files):
            if per_file > 1:
                with pa.OSFile(str(path)) as source:
                    placed = ((batch.drop_columns("position"), batch.column("position").to_numpy())
                              for batch in pa.ipc.open_stream(source))
                    first = number * per_file * slice_rows
                    slice_files = _route(placed, first, slice_rows, min(per_file, slices - number * per_file),
                                         self.folder, path.stem)
                path.unlink()
            else:
                slice_files = [path]
            for slice_file in slice_files:
                yield _in_place_order(slice_file)

    def _write(self) -> None:
        if self._pending and self._writer is not None:
            self._writer.write_table(pa.Table.from_batches(self._pending, ROW_SCHEMA).combine_chunks())
            self._pending = []
            self._pending_rows = 0


class _Chunks:
    """Consecutive stretches of any length from an array given in chunks of other lengths."""

    def __init__(self, chunks: Iterable[np.ndarray]) -> None:
        self._chunks = iter(chunks)
        self._held = np.zeros(0, np.int64)

    def take(self, count: int) -> np.ndarray:
        """The next ``count`` values."""
        parts = []
        while count:
            if not len(self._held):
                self._held = next(self._chunks)
            part, self._held = self._held[:count], self._held[count:]
            parts.append(part)
            count -= len(part)
        return np.concatenate(parts) if len(parts) != 1 else parts[0]


def _route(stored: Iterable[tuple[pa.RecordBatch, np.ndarray]], first: int, rows_per_file: int, count: int,
           folder: Path, name: str) -> list[Path]:
    """One pass over rows and their places in the timeline (-1: left out): each kept row to the
    file of its stretch of ``rows_per_file`` places from place ``first`` on (``count`` files,
    ``<name>-NNNN.arrows`` in ``folder``)."""
    paths = [folder / f"{name}-{k:04d}.arrows" for k in range(count)]
    with ExitStack() as files:
        writers = [files.enter_context(pa.ipc.new_stream(str(path), _PLACED, options=_OPTIONS)) for path in paths]
        held: list[list[pa.RecordBatch]] = [[] for _ in paths]
        size = 0
        for batch, places in stored:
            kept = np.flatnonzero(places >= 0)
            if not len(kept):
                continue
            stretch_of = (places[kept] - first) // rows_per_file
            order = np.argsort(stretch_of, kind="stable")
            taken, stretch_of = kept[order], stretch_of[order]
            routed = pa.RecordBatch.from_arrays([pa.array(places[taken]), *batch.take(pa.array(taken)).columns],
                                                schema=_PLACED)
            for low, high in runs(stretch_of):
                held[int(stretch_of[low])].append(routed.slice(low, high - low))
            size += routed.nbytes
            if size > ROUTED_BYTES:
                _flush(held, writers)
                size = 0
        _flush(held, writers)
    return paths


def _in_place_order(path: Path) -> pa.Table:
    """The rows of a slice's file (read, then removed) in timeline order, without their places."""
    with pa.OSFile(str(path)) as source:
        table = pa.ipc.open_stream(source).read_all()
    path.unlink()
    order = np.argsort(table.column("position").to_numpy(), kind="stable")
    return table.drop_columns("position").take(pa.array(order))


def _flush(held: list[list[pa.RecordBatch]], writers: list[pa.ipc.RecordBatchStreamWriter]) -> None:
    """Write each slice's held rows to its file, as one batch."""
    for batches, writer in zip(held, writers):
        if batches:
            writer.write_table(pa.Table.from_batches(batches).combine_chunks())
            batches.clear()
