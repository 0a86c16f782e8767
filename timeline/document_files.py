"""Each document's id and publication time, by its number in the corpus, kept on disk.

A streamed build (``timeline.streamed``) numbers documents as they come in and
codes every event by its document's number. Their ids and publication times are
needed again only for the few events a table says more of (merged or in
conflict) and to find ids that several documents share; as Python strings in
dicts they took a few hundred bytes a document, in memory, several times over.
Here they wait in files, mapped into memory once all are in and read one at a time
(``ids[number]``): merging and the table ask for them in no particular order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np

from timeline.arrays import found_in_sorted, runs
from timeline.column_files import ColumnFiles

# Documents whose texts are gathered in memory before they are written.
_BUFFERED = 1024
# What finds ids that may be equal (then compared as texts): Python's hash, the same within a run.
_digest = hash


class DocumentFiles:
    """Documents' ids and publication times (as the events give them), numbered from 0 as added."""

    def __init__(self, folder: Path) -> None:
        self._columns = ColumnFiles(folder, "documents", {"id": np.uint8, "id_end": np.int64, "published": np.uint8,
                                                          "published_end": np.int64, "hash": np.int64})
        self._buffer: list[tuple[str, str]] = []
        self._maps: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # name -> its texts' bytes and ends, once read
        self.ids = _Texts(self, "id")
        self.published = _Texts(self, "published")

    def __len__(self) -> int:
        return self._columns.lengths["hash"] + len(self._buffer)

    def add(self, doc_id: str, published: str) -> int:
        """The next document's number."""
        self._buffer.append((doc_id, published))
        if len(self._buffer) >= _BUFFERED:
            self._write()
        return len(self) - 1

    def repeats(self) -> Repeats:
        """The documents whose id an earlier document had (compared as texts, not by hash alone)."""
        self._write()
        hashes = np.concatenate([np.zeros(0, np.int64), *self._columns.chunks("hash", 1 << 20)])
        order = np.argsort(hashes, kind="stable")
        later: dict[int, int] = {}
        for low, high in runs(hashes[order]):
            if high - low < 2:
                continue
            first_of: dict[str, int] = {}
            for number in order[low:high].tolist():  # ascending: argsort is stable
                first = first_of.setdefault(self.ids[number], number)
                if first != number:
                    later[number] = first
        numbers = np.array(sorted(later), np.int64)
        return Repeats(numbers, np.array([later[n] for n in numbers.tolist()], np.int64))

    def discard(self) -> None:
        """The files go."""
        self._buffer, self._maps = [], {}
        self._columns.discard()

    def text(self, name: str, number: int) -> str:
        """The ``name`` ("id" or "published") of document ``number``."""
        if not 0 <= number < len(self):
            raise IndexError(number)
        data, ends = self._mapped(name)
        low = int(ends[number - 1]) if number else 0
        return data[low:int(ends[number])].tobytes().decode("utf-8", "surrogatepass")

    def _mapped(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The texts' bytes and where each ends, mapped from their files (once all are added)."""
        mapped = self._maps.get(name)
        if mapped is None:
            self._write()
            mapped = self._maps[name] = self._columns.mapped(name), self._columns.mapped(f"{name}_end")
        return mapped

    def _write(self) -> None:
        if not self._buffer:
            return
        ids, published = zip(*self._buffer)
        self._buffer = []
        self._columns.add(hash=np.fromiter(map(_digest, ids), np.int64, len(ids)))
        for name, texts in (("id", ids), ("published", published)):
            encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
            ends = self._columns.lengths[name] + np.cumsum([len(data) for data in encoded], dtype=np.int64)
            written: dict[str, np.ndarray] = {name: np.frombuffer(b"".join(encoded), np.uint8), f"{name}_end": ends}
            self._columns.add(**written)


class _Texts(Sequence[str]):
    """One of a ``DocumentFiles``' texts, by document number: what ``Reports.doc_ids`` and
    ``Reports.published_texts`` are for the documents of a streamed build."""

    def __init__(self, files: DocumentFiles, name: str) -> None:
        self._files, self._name = files, name

    def __len__(self) -> int:
        return len(self._files)

    @overload
    def __getitem__(self, number: int) -> str: ...

    @overload
    def __getitem__(self, number: slice) -> list[str]: ...

    def __getitem__(self, number: int | slice) -> str | list[str]:
        if isinstance(number, slice):
            return [self[k] for k in range(len(self))[number]]
        return self._files.text(self._name, int(number))


@dataclass(frozen=True, slots=True)
class Repeats:
    """Documents whose id an earlier one had (``later``, ascending) and that earlier one's number
    (``first``, the first of the id): ``canonical`` codes every document by the first of its id."""

    later: np.ndarray
    first: np.ndarray

    def __bool__(self) -> bool:
        return bool(len(self.later))

    @property
    def shared(self) -> set[int]:
        """The numbers ids that several documents have are coded by."""
        return set(self.first.tolist())

    def canonical(self, numbers: np.ndarray) -> np.ndarray:
        """``numbers`` with each document's replaced by the first of its id (a copy only when needed)."""
        if not self:
            return numbers
        at, hit = found_in_sorted(self.later, numbers)
        return np.where(hit, self.first[at], numbers).astype(numbers.dtype, copy=False)
