"""Parquet documents: rows with the columns ``text``, ``published`` and ``id``.

As for CSV, ``id`` and ``published`` may be missing and every other column is
carried through as the document's ``extra`` (as Python values: a timestamp
column gives datetimes). A ``published`` timestamp column works as it is:
naive timestamps are Danish time. The file is read in record batches with
pyarrow's ``iter_batches``, so memory stays flat however many rows it holds.
A row without ``id`` is named ``<file name>:<row>`` (1-based).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.readers.results import TEXT, DocumentError, ReadResult, os_reason, record_document

BATCH_ROWS = 512


def read_parquet(path: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Stream the documents of a ``.parquet`` file."""
    source = str(path)
    try:
        table = pq.ParquetFile(path)
    except OSError as err:
        yield DocumentError(source, None, os_reason(err))
        return
    except pa.ArrowException as err:
        yield DocumentError(source, None, f"not a Parquet file: {err}")
        return
    with table:
        if TEXT not in table.schema_arrow.names:
            yield DocumentError(source, None, f"no 'text' column; found {table.schema_arrow.names}")
            return
        yield from _rows(table, source, path.name, published)


def count_parquet(path: Path) -> int:
    """How many rows ``path`` holds (from its footer), for a progress bar."""
    with pq.ParquetFile(path) as table:
        return int(table.metadata.num_rows)


def _rows(table: pq.ParquetFile, source: str, name: str, published: str | None) -> Iterator[ReadResult]:
    number = 0
    try:
        for batch in table.iter_batches(batch_size=BATCH_ROWS):
            for fields in batch.to_pylist():
                number += 1
                yield record_document(fields, f"{source}:{number}", f"{name}:{number}", published)
    except (OSError, pa.ArrowException) as err:
        yield DocumentError(f"{source}:{number + 1}", None, f"unreadable Parquet from this row on: {err}")
