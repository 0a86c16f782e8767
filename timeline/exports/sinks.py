"""Streaming exports: the events table written as it comes, a chunk of rows at a time.

``open_sink(path)`` is ``export(timeline, path)`` for a table that arrives in chunks:
consecutive slices of rows of ``ordered_events(timeline)`` (its columns, dtypes and order;
the chunks' index does not matter), given to ``add`` in order, then ``close``. The file is
the one ``export`` writes for the whole table:

====================================================== ===========================================
``.csv``, ``.json``, ``.jsonl``, ``.timelinejs.json``  the same bytes
``.ics``                                               the same bytes for the same DTSTAMP:
                                                       ``open_sink(path, stamp=...)`` and
                                                       ``to_icalendar(timeline, stamp)``
``.parquet``                                           the same types, pandas metadata and table read
                                                       back (``pd.read_parquet``); the bytes may
                                                       differ (other row groups)
``.xlsx``                                              the same sheets and cells read back
                                                       (``pd.read_excel(path, sheet_name=None)``),
                                                       and the same warnings; the bytes differ
                                                       (the zip's timestamps)
====================================================== ===========================================

No chunks at all is the empty timeline (``ordered_events(Timeline())``); a chunk of no rows
gives the columns. A TimeML folder needs the documents' texts as well: its sink is
``timeml_stream.TimeMLSink``, which takes them from a ``DocumentTexts`` filled while the corpus is read.

A sink holds about one chunk of rows, never the table. The file is written atomically
(``timeline.writers.open_output``): it appears when ``close`` succeeds; ``abort``, or an
error in ``add`` or ``close``, removes the temporary file, and an existing file stays as it was.
``with open_sink(path) as sink:`` closes on success and aborts on an exception.

Parquet types each column by all of its values (text and missing values make a text column;
integers and floats a float column), which a chunk cannot know of those to come: the
sink writes runs of chunks to Parquet files in a temporary folder beside the target, a new run
when a chunk widens a column's type, and at the end copies the one run, or rewrites the runs
in the widest types, into the target.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol, Self, TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from timeline.exports import FOLDER, format_for
from timeline.exports import excel as xlsx
from timeline.exports._frame import ordered_events
from timeline.exports._json import JsonLines
from timeline.exports._pieces import TextPieces, rows_parts
from timeline.exports.csvfile import CsvPieces
from timeline.exports.errors import ExportError
from timeline.exports.ical import IcsPieces
from timeline.exports.jsonfile import JsonPieces
from timeline.exports.parquet import arrow_table, merged_schema
from timeline.exports.timelinejs import TimelineJsPieces
from timeline.model import Timeline
from timeline.writers import open_output

# A Parquet row group gathers chunks until it has this many rows, or this many chunks (the
# rows of the chunks wait in memory, each chunk's table with its own Arrow objects).
ROW_GROUP_ROWS = 1 << 16
ROW_GROUP_CHUNKS = 1024

# The text exports, each made by its exporter's own pieces (iCalendar's take the DTSTAMP).
TEXT_PIECES: dict[str, Callable[[], TextPieces]] = {
    ".csv": CsvPieces,
    ".json": JsonPieces,
    ".jsonl": JsonLines,
    ".timelinejs.json": TimelineJsPieces,
}


class Sink(Protocol):
    """An export written as the events table comes, a chunk of rows at a time."""

    def add(self, chunk: pd.DataFrame) -> None:
        """Write the next rows of the ordered events table, in order."""
        ...

    def close(self) -> list[Path]:
        """Finish the file and move it into place; returns the files written."""
        ...

    def abort(self) -> None:
        """Give up (a failed run): no file is left, an existing one stays as it was."""
        ...

    def __enter__(self) -> Self:
        """``with open_sink(path) as sink:`` ..."""
        ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        """... closes the sink when the block succeeds, aborts it when the block raises."""
        ...


def open_sink(path: str | os.PathLike[str], *, stamp: datetime | None = None) -> Sink:
    """A sink writing the format ``path``'s suffix names (as ``export``); ``stamp`` is the
    iCalendar DTSTAMP (default: now). The temporary file is made at once, so a place that
    cannot be written fails here.

    Raises ExportError for an unknown suffix or a TimeML folder target.
    """
    kind = format_for(path)
    target = Path(path)
    if kind == FOLDER:
        raise ExportError(f"cannot stream to {str(path)!r}: TimeML (a folder target) is written from the "
                          f"whole timeline with its documents' texts; use export(timeline, path), or "
                          f"timeline.exports.timeml_stream.TimeMLSink with the texts")
    if kind == ".parquet":
        return _ParquetSink(target)
    if kind == ".xlsx":
        return _ExcelSink(target)
    pieces = IcsPieces(stamp) if kind == ".ics" else TEXT_PIECES[kind]()
    return _TextSink(target, pieces)


class _Aborted(Exception):
    """Thrown into the atomic output to make it remove its temporary file."""


class _AtomicSink(ABC):
    """A sink's life: the atomic output opened at once, moved into place by ``close``, removed
    by ``abort`` or by an error in ``add`` or ``close``. Subclasses write in ``_add`` and
    ``_finish`` and let go of what they hold in ``_discard``."""

    def __init__(self, target: Path) -> None:
        self._target = target
        self._output = ExitStack()
        self._stream: TextIO = self._output.enter_context(open_output(target))
        self._open = True

    def add(self, chunk: pd.DataFrame) -> None:
        """Write the next rows of the ordered events table."""
        self._check_open()
        with self._aborting_on_error():
            self._add(chunk)

    def close(self) -> list[Path]:
        """Write what ends the file and move it into place; returns ``[path]``."""
        self._check_open()
        with self._aborting_on_error():
            self._finish()
        self._open = False
        self._output.close()  # an OSError here: atomic_output has removed the temporary file
        return [self._target]

    def abort(self) -> None:
        """Remove the temporary file (nothing happens after ``close`` or a first ``abort``)."""
        if not self._open:
            return
        self._open = False
        try:
            self._discard()
        finally:
            self._output.__exit__(_Aborted, _Aborted(), None)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if not self._open:  # closed in the block, or aborted by an error in it
            return
        if kind is None:
            self.close()
        else:
            self.abort()

    @abstractmethod
    def _add(self, chunk: pd.DataFrame) -> None:
        """Write the chunk's rows (or make them ready to be written)."""

    @abstractmethod
    def _finish(self) -> None:
        """Write the rest of the file into the output, which ``close`` then moves into place."""

    def _discard(self) -> None:
        """Let go of what the sink holds besides the output (nothing, here)."""

    @property
    def _bytes(self) -> IO[bytes]:
        """The output as a binary stream, for the binary formats."""
        self._stream.flush()
        return self._stream.buffer

    def _check_open(self) -> None:
        if not self._open:
            raise ValueError(f"the sink for {str(self._target)!r} is closed")

    @contextmanager
    def _aborting_on_error(self) -> Iterator[None]:
        """A failed write leaves the file unfinished: no file rather than a wrong one."""
        try:
            yield
        except BaseException:
            self.abort()
            raise


def _no_events() -> pd.DataFrame:
    """The ordered events table of an empty timeline: what a sink that got no chunks writes."""
    return ordered_events(Timeline())


class _TextSink(_AtomicSink):
    """CSV, JSON, JSON Lines, TimelineJS, iCalendar: the exporter's pieces, written as made."""

    def __init__(self, target: Path, pieces: TextPieces) -> None:
        super().__init__(target)
        self._pieces = pieces
        self._headed = False

    def _add(self, chunk: pd.DataFrame) -> None:
        if not self._headed:
            self._head(chunk)
        for text in rows_parts(self._pieces, chunk):  # no more text at once than export makes
            self._stream.write(text)

    def _finish(self) -> None:
        if not self._headed:
            self._head(_no_events())
        self._stream.write(self._pieces.tail())

    def _head(self, frame: pd.DataFrame) -> None:
        self._stream.write(self._pieces.head(frame))
        self._headed = True


class _ExcelSink(_AtomicSink):
    """Excel: rows appended to openpyxl's write-only sheets (each kept in a temporary file of
    openpyxl's until the workbook is saved), a new sheet when one is full, as ``to_xlsx``."""

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self._book = Workbook(write_only=True)
        self._room = 0  # rows the current sheet still holds (none before the first)
        self._events = 0
        self._cut: list[int] = []  # the length of each text cell cut

    def _add(self, chunk: pd.DataFrame) -> None:
        frame = xlsx.excel_frame(chunk, self._cut)
        if not self._book.worksheets:
            self._new_sheet(frame)
        start = 0
        while start < len(frame):
            if not self._room:
                self._new_sheet(frame)
            rows = frame.iloc[start:start + self._room]
            sheet = self._book.worksheets[-1]
            for row in xlsx.sheet_rows(rows, sheet):
                sheet.append(row)
            self._room -= len(rows)
            start += len(rows)
        self._events += len(frame)

    def _new_sheet(self, frame: pd.DataFrame) -> None:
        sheet = self._book.create_sheet(xlsx.sheet_name(len(self._book.worksheets) + 1))
        sheet.append(xlsx.header_row(frame, sheet))
        self._room = xlsx.ROWS_PER_SHEET

    def _finish(self) -> None:
        if not self._book.worksheets:
            self._new_sheet(xlsx.excel_frame(_no_events(), []))
        self._book.save(self._bytes)
        xlsx.warn_limits(self._events, len(self._book.worksheets), self._cut)

    def _discard(self) -> None:
        for sheet in self._book.worksheets:  # remove openpyxl's temporary files of the rows
            with suppress(Exception):
                sheet.close()
                sheet._writer.cleanup()


class _ParquetSink(_AtomicSink):
    """Parquet: runs of chunks of one schema in a temporary folder beside the target (see the
    module's docstring), then the target from them."""

    def __init__(self, target: Path) -> None:
        super().__init__(target)
        self._folder: Path | None = None
        self._runs: list[Path] = []
        self._writer: pq.ParquetWriter | None = None  # the current run's
        self._columns = pd.DataFrame()  # no rows of the first chunk: the dtypes, for pandas' metadata
        self._waiting: list[pa.Table] = []  # rows gathered for the next row group
        self._waiting_rows = 0
        with self._aborting_on_error():
            self._folder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".runs"))

    def _add(self, chunk: pd.DataFrame) -> None:
        table = arrow_table(chunk)
        if self._writer is None:
            self._columns = chunk.iloc[:0]
            self._new_run(table.schema)
        schema = merged_schema(self._schema, table.schema, self._columns)
        if not schema.equals(self._schema):  # the rows written so far are of narrower types
            self._new_run(schema)
        self._waiting.append(table.cast(schema))
        self._waiting_rows += len(table)
        if self._waiting_rows >= ROW_GROUP_ROWS or len(self._waiting) >= ROW_GROUP_CHUNKS:
            self._write_waiting()

    @property
    def _schema(self) -> pa.Schema:
        assert self._writer is not None
        return self._writer.schema

    def _new_run(self, schema: pa.Schema) -> None:
        self._end_run()
        assert self._folder is not None
        self._runs.append(self._folder / f"{len(self._runs)}.parquet")
        self._writer = pq.ParquetWriter(self._runs[-1], schema)

    def _write_waiting(self) -> None:
        """The rows gathered, as one row group of the current run."""
        waiting, rows = self._waiting, self._waiting_rows
        self._waiting, self._waiting_rows = [], 0
        if rows and self._writer is not None:
            self._writer.write_table(pa.concat_tables(waiting))

    def _end_run(self) -> None:
        if self._writer is not None:
            self._write_waiting()
            self._writer.close()

    def _finish(self) -> None:
        if self._writer is None:
            self._add(_no_events())
        schema = self._schema
        self._end_run()
        if len(self._runs) == 1:  # all in the types of the first chunk: the run is the file
            with self._runs[0].open("rb") as run:
                shutil.copyfileobj(run, self._bytes)
        else:
            self._rewrite(schema)
        self._discard()  # the runs are in the output now

    def _rewrite(self, schema: pa.Schema) -> None:
        """The runs, in the widest types, into the output."""
        with pq.ParquetWriter(self._bytes, schema) as writer:
            for run in self._runs:
                for batch in pq.ParquetFile(run).iter_batches(batch_size=ROW_GROUP_ROWS):
                    writer.write_table(pa.Table.from_batches([batch]).cast(schema))

    def _discard(self) -> None:
        if self._writer is not None:
            with suppress(Exception):  # a run that failed half-way: it goes anyway
                self._writer.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
