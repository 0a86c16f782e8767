"""Sorting more records than memory holds: sorted runs on disk, merged back a block at a time.

A corpus' dated events are put in timeline order by their place and a tie-break
(``timeline.streamed``). ``SortedRuns`` takes the records (a numpy structured
array with the two integer key fields ``place`` and ``tie``) as they come,
sorts each ``run_rows`` of them in memory and writes them to a file; ``merged``
reads every run back a block at a time and gives all records in key order.
Memory holds one run while the records come in and a block of each run while
they are merged, whatever the number of records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

# Records sorted in memory at a time (a run); bytes of the blocks read from all runs at once while merging.
RUN_ROWS = 1 << 20
MERGE_BYTES = 16 << 20
# Fewest records read from a run at a time, however many runs there are.
MIN_BLOCK_ROWS = 4096

Load = Callable[[np.ndarray], np.ndarray]


def sortable(values: np.ndarray) -> np.ndarray:
    """Float64 values as int64 keys that sort as the floats do (-0.0 as 0.0; NaN after everything)."""
    values = np.where(np.isnan(values), np.nan, values + 0.0)  # one NaN, and no negative zero
    bits = values.view(np.int64)
    return bits ^ ((bits >> 63) & np.int64(0x7FFF_FFFF_FFFF_FFFF))


def unsortable(keys: np.ndarray) -> np.ndarray:
    """The float64 values of ``sortable`` keys."""
    return (keys ^ ((keys >> 63) & np.int64(0x7FFF_FFFF_FFFF_FFFF))).view(np.float64)


def key_order(records: np.ndarray) -> np.ndarray:
    """The indices that sort records by ``place``, then ``tie``."""
    return np.lexsort((records["tie"], records["place"]))


class SortedRuns:
    """Records of ``dtype`` (with int64 fields ``place`` and ``tie``) sorted on disk in ``folder``."""

    def __init__(self, folder: Path, name: str, dtype: np.dtype, run_rows: int = RUN_ROWS) -> None:
        self.folder = folder
        self.name = name
        self.dtype = np.dtype(dtype)
        self.run_rows = run_rows
        self.count = 0
        self._held: list[np.ndarray] = []
        self._held_rows = 0
        self._paths: list[Path] = []

    def add(self, records: np.ndarray) -> None:
        """Take more records (in any order)."""
        if not len(records):
            return
        self._held.append(records.astype(self.dtype, copy=False))
        self._held_rows += len(records)
        self.count += len(records)
        if self._held_rows >= self.run_rows:
            self.write_held()

    def merged(self, load: Load | None = None, also: Sequence[np.ndarray] = (),
               merge_bytes: int = MERGE_BYTES) -> Iterator[np.ndarray]:
        """Every record in key order, a block at a time; the run files go as they are read.

        ``load`` turns each block read from a run into the records to merge (it may drop
        some, and change keys as long as each run stays in order); ``also``: runs in memory,
        each already in key order, merged in too.
        """
        self.write_held()
        block = max(MIN_BLOCK_ROWS, merge_bytes // max(1, len(self._paths) + len(also)) // max(1, self.dtype.itemsize))
        sources: list[_FileRun | _MemoryRun] = [_FileRun(path, self.dtype, block, load) for path in self._paths]
        sources += [_MemoryRun(run, block) for run in also if len(run)]
        self._paths = []
        try:
            yield from _merge(sources)
        finally:
            for source in sources:
                source.close()

    def write_held(self) -> None:
        """Sort the records held in memory and write them as a run (``merged`` does, and a caller
        who needs the memory first)."""
        if not self._held:
            return
        records = np.concatenate(self._held)
        self._held, self._held_rows = [], 0
        path = self.folder / f"{self.name}-{len(self._paths):05d}.run"
        records[key_order(records)].tofile(path)
        self._paths.append(path)


class _FileRun:
    """A run on disk, read a block at a time."""

    def __init__(self, path: Path, dtype: np.dtype, block: int, load: Load | None) -> None:
        self.path = path
        self.dtype = dtype
        self.block = block
        self.load = load
        self._file: BinaryIO | None = path.open("rb")
        self.buffer = np.zeros(0, dtype)
        self.refill()

    @property
    def exhausted(self) -> bool:
        return self._file is None

    def refill(self) -> None:
        """Read the next non-empty block (``load`` may empty one) once the buffer is used up."""
        while not len(self.buffer) and self._file is not None:
            records = np.fromfile(self._file, self.dtype, self.block)
            if len(records) < self.block:
                self.close()
            self.buffer = self.load(records) if self.load is not None else records

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self.path.unlink(missing_ok=True)


class _MemoryRun:
    """A run in memory, served a block at a time like one on disk."""

    def __init__(self, records: np.ndarray, block: int) -> None:
        self._records = records
        self._next = 0
        self.block = block
        self.buffer = records[:0]
        self.refill()

    @property
    def exhausted(self) -> bool:
        return self._next >= len(self._records)

    def refill(self) -> None:
        if not len(self.buffer) and not self.exhausted:
            self.buffer = self._records[self._next:self._next + self.block]
            self._next += len(self.buffer)

    def close(self) -> None:
        self._records = self._records[:0]


def _merge(sources: Sequence[_FileRun | _MemoryRun]) -> Iterator[np.ndarray]:
    """The records of every source in key order: each time, all buffered records up to the
    smallest last key of a source with more to read (every record before it is buffered)."""
    sources = [s for s in sources if len(s.buffer)]
    while sources:
        waiting = [s.buffer[-1] for s in sources if not s.exhausted]
        limit = min(((int(r["place"]), int(r["tie"])) for r in waiting), default=None)
        taken = []
        for source in sources:
            cut = len(source.buffer) if limit is None else _upto(source.buffer, *limit)
            if cut:
                taken.append(source.buffer[:cut])
                source.buffer = source.buffer[cut:]
                source.refill()
        block = np.concatenate(taken)
        yield block[key_order(block)]
        sources = [s for s in sources if len(s.buffer)]


def _upto(records: np.ndarray, place: int, tie: int) -> int:
    """How many of the records (in key order) have a key up to (place, tie)."""
    places = records["place"]
    low = int(np.searchsorted(places, place, side="left"))
    high = int(np.searchsorted(places, place, side="right"))
    return low + int(np.searchsorted(records["tie"][low:high], tie, side="right"))
