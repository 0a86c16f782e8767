"""TimeML for a corpus of any size: the documents and their expressions wait on disk, by document.

``write_timeml`` tags each document with the expressions of its events, taken
from the whole events table. A streamed build (``timeline.streamed``) has the
table only a slice at a time, in timeline order, where a document's events lie
far apart. ``TimeMLSink`` keeps of each slice only what the tags need (seven
short columns), in one of ``BUCKETS`` files by document, and the texts
(``DocumentTexts``, filled while the corpus is read) the same way; at ``close``
it writes the files of one bucket of documents at a time. The files are the
ones ``write_timeml`` writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self
from zlib import crc32

import numpy as np
import pandas as pd
import pyarrow as pa

from timeline.exports._output import write_rendered
from timeline.exports.timeml import document_xml, file_for

# Files of documents: a bucket's texts and tags are in memory at once (a 64th of the corpus).
BUCKETS = 64
TAG_COLUMNS = ("doc_id", "published", "expression", "expression_start", "type", "value", "mod")
_TEXTS = pa.schema([("order", pa.int64()), ("doc_id", pa.large_string()), ("text", pa.large_string())])


def bucket_of(doc_ids: pd.Series) -> np.ndarray:
    """The bucket of each doc id: the same in every run."""
    return np.fromiter((crc32(doc_id.encode("utf-8", "surrogatepass")) % BUCKETS for doc_id in doc_ids),
                       np.int64, len(doc_ids))


class _Buckets:
    """Arrow IPC files ``<stem>-<k>.arrows`` in ``folder``, one per bucket, written as rows come."""

    def __init__(self, folder: Path, stem: str) -> None:
        self.paths = [folder / f"{stem}-{k:02d}.arrows" for k in range(BUCKETS)]
        self._writers: dict[int, pa.ipc.RecordBatchStreamWriter] = {}

    def add(self, frame: pd.DataFrame, schema: pa.Schema | None = None) -> None:
        for bucket, rows in frame.groupby(bucket_of(frame["doc_id"]), sort=False):
            batch = pa.RecordBatch.from_pandas(rows, schema=schema, preserve_index=False)
            writer = self._writers.get(bucket)
            if writer is None:
                writer = self._writers[bucket] = pa.ipc.new_stream(str(self.paths[bucket]), batch.schema)
            writer.write_batch(batch)

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()

    def read(self, bucket: int) -> pd.DataFrame | None:
        """A bucket's rows in the order they came (None when it has none); the file is removed."""
        path = self.paths[bucket]
        if not path.exists():
            return None
        with pa.memory_map(str(path)) as source:
            table = pa.ipc.open_stream(source).read_all()
        path.unlink()
        return table.to_pandas()


class DocumentTexts:
    """The texts of a corpus' documents, stored by bucket as they are read, with their input order."""

    def __init__(self, folder: Path) -> None:
        self._buckets = _Buckets(folder, "texts")
        self._pending: list[tuple[int, str, str]] = []
        self.count = 0

    def add(self, doc_id: str, text: str) -> None:
        self._pending.append((self.count, doc_id, text))
        self.count += 1
        if len(self._pending) >= 1024:
            self._write()

    def bucket(self, number: int) -> dict[str, tuple[int, str]]:
        """doc_id -> (input position of its first document, its last document's text), for one bucket."""
        self._write()
        self._buckets.close()
        rows = self._buckets.read(number)
        found: dict[str, tuple[int, str]] = {}
        if rows is not None:
            for order, doc_id, text in zip(rows["order"], rows["doc_id"], rows["text"]):
                found[doc_id] = (found[doc_id][0] if doc_id in found else int(order), text)
        return found

    def _write(self) -> None:
        if self._pending:
            self._buckets.add(pd.DataFrame(self._pending, columns=["order", "doc_id", "text"]), _TEXTS)
            self._pending = []


class TimeMLSink:
    """``write_timeml`` for a table given in slices (``add``), with the texts of ``texts``."""

    def __init__(self, folder: Path, texts: DocumentTexts, work: Path) -> None:
        self.folder = folder
        self._texts = texts
        self._tags = _Buckets(work, "tags")

    def add(self, chunk: pd.DataFrame) -> None:
        """The next rows of the ordered events table (``_frame.ordered_events``)."""
        self._tags.add(chunk[list(TAG_COLUMNS)])

    def close(self) -> list[Path]:
        """Write every document's file; the paths, in the order of the documents."""
        self._tags.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        written: list[tuple[int, Path]] = []
        for bucket in range(BUCKETS):
            tags = self._tags.read(bucket)
            by_doc = dict(_grouped(tags))
            for doc_id, (order, text) in self._texts.bucket(bucket).items():
                rows = by_doc.get(doc_id, _NO_TAGS)
                written.append((order, write_rendered(file_for(self.folder, doc_id), document_xml(doc_id, text, rows))))
        return [path for _, path in sorted(written, key=lambda item: item[0])]

    def abort(self) -> None:
        """Nothing is written before ``close``: only the stored rows go (with their folder)."""
        self._tags.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is not None:
            self.abort()


_NO_TAGS = pd.DataFrame({name: pd.Series(dtype=object) for name in TAG_COLUMNS})


def _grouped(tags: pd.DataFrame | None) -> Iterator[tuple[str, pd.DataFrame]]:
    """Each document's rows, in the order they came (timeline order)."""
    if tags is None:
        return
    yield from tags.groupby("doc_id", sort=False)
