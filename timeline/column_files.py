"""Columns of numbers too long for memory: each appended to a file of its own, read back in parts.

``timeline.streamed`` keeps a few numbers of every event (whether it is dated, its
document and sentence, its place under each reading) for the steps after the
corpus is read; on disk they cost no memory however large the corpus. Each
column is a raw array of one dtype, read back in order a chunk at a time
(``chunks``) or a stretch at any offset (``read``).
"""

from __future__ import annotations

import contextlib
import mmap
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np


class ColumnFiles:
    """Named columns (name -> dtype) appended to files ``<prefix>-<name>.col`` in ``folder``."""

    def __init__(self, folder: Path, prefix: str, dtypes: Mapping[str, np.dtype | type]) -> None:
        self.dtypes = {name: np.dtype(dtype) for name, dtype in dtypes.items()}
        self.paths = {name: folder / f"{prefix}-{name}.col" for name in self.dtypes}
        self.lengths = dict.fromkeys(self.dtypes, 0)
        self._files: dict[str, BinaryIO] | None = {name: path.open("wb") for name, path in self.paths.items()}
        self._readers: dict[str, int] = {}
        self._maps: list[mmap.mmap] = []

    def add(self, **columns: np.ndarray) -> None:
        """Append to the named columns (not all of them need to grow alike)."""
        assert self._files is not None, "the columns were closed"
        for name, values in columns.items():
            np.ascontiguousarray(values, self.dtypes[name]).tofile(self._files[name])
            self.lengths[name] += len(values)

    def chunks(self, name: str, rows: int) -> Iterator[np.ndarray]:
        """The column in order, ``rows`` values at a time (the last chunk shorter)."""
        self._close_writers()
        with self.paths[name].open("rb") as file:
            while len(values := np.fromfile(file, self.dtypes[name], rows)):
                yield values

    def whole(self, name: str) -> np.ndarray:
        """The whole column, in one array of its own."""
        self._close_writers()
        return np.fromfile(self.paths[name], self.dtypes[name])

    def read(self, name: str, offset: int, count: int) -> np.ndarray:
        """``count`` values of the column from the ``offset``-th on."""
        self._close_writers()
        descriptor = self._readers.get(name)
        if descriptor is None:
            descriptor = self._readers[name] = os.open(self.paths[name], os.O_RDONLY)
        size = self.dtypes[name].itemsize
        return np.frombuffer(os.pread(descriptor, count * size, offset * size), self.dtypes[name])

    def mapped(self, name: str) -> np.ndarray:
        """The whole column as an array over its file mapped into memory (read-only): reading
        any value costs no system call, and the pages cost memory only while the system has it
        to spare. The column can grow no more."""
        self._close_writers()
        if not self.lengths[name]:
            return np.zeros(0, self.dtypes[name])
        with self.paths[name].open("rb") as file:
            mapping = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        self._maps.append(mapping)
        return np.frombuffer(mapping, self.dtypes[name])

    def discard(self) -> None:
        """The columns are no longer needed: their files go."""
        self._close_writers()
        for mapping in self._maps:
            with contextlib.suppress(BufferError):  # an array still reads it: it closes when that goes
                mapping.close()
        self._maps = []
        for descriptor in self._readers.values():
            os.close(descriptor)
        self._readers = {}
        for path in self.paths.values():
            path.unlink(missing_ok=True)

    def _close_writers(self) -> None:
        if self._files is not None:
            for file in self._files.values():
                file.close()
            self._files = None
