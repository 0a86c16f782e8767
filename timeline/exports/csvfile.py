"""CSV: one event a row in timeline order, with the columns of ``Timeline.events``.

Datetimes are ISO 8601 strings with their UTC offset; undated events have
empty cells. Text cells that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or CR) get a leading ``'``; numbers are
left as they are. UTF-8 without a byte-order mark, CRLF line ends (RFC 4180),
which also makes every field holding a CR or LF quoted.

The text is the one ``DataFrame.to_csv`` writes (``csv`` module, minimal quoting),
built a column at a time with Arrow's string kernels, many rows at once (the
``csv`` module, a row at a time, took most of the export of a large corpus);
columns of other kinds than text, numbers and the datetimes are left to
``to_csv`` itself, and text Arrow cannot hold (a lone surrogate) to the ``csv``
module.

The text is made a slice of rows at a time, and each field depends on its cell
only, never on the rest of its column, so the file is the same wherever the
table is cut (``export`` cuts it in slices of ``CSV_CHUNK_ROWS``; a streaming
sink, ``timeline.exports.sinks``, is given the chunks of a build). How a column
is written is read from its dtype; for an object column, from the slice: text
and missing values only, by Arrow, else the slice is left to pandas, which
writes an object column a cell at a time (``neutralise_text_cells`` no longer
retypes one: a column of integers with a missing value stays integers, where
``Series.map`` made all of them floats, ``1.0``, only when the whole column held
no text). The one exception is pandas' own: a column of naive datetimes (which
the builder never makes) is written without times of day when all of them are
midnights, which pandas decides per slice of rows of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.exports._arrow import boolean_texts, integer_texts, joined, text, texts
from timeline.exports._frame import (
    DATETIME_COLUMNS,
    FORMULA_STARTS,
    is_text,
    iso_strings,
    neutralise_text_cells,
    ordered_events,
    with_iso_datetimes,
)
from timeline.exports._pieces import table_parts
from timeline.model import Timeline

LINE_END = "\r\n"

# How a column's cells become fields, decided a slice of rows at a time (each field depends on
# its cell only).
DATETIME, INTEGER, FLOAT, TEXT, EMPTY = "datetime", "integer", "float", "text", "empty"

# Rows turned into text at a time: large enough that each kernel call does much, small
# enough that the text of one slice stays a few tens of megabytes.
CSV_CHUNK_ROWS = 1 << 16
# What the csv module quotes with minimal quoting: a field holding the delimiter, the quote
# character or a character of the line end.
_NEEDS_QUOTES = '[,"\r\n]'


def to_csv(timeline: Timeline) -> str:
    """The events as CSV text with a header row."""
    return "".join(csv_parts(timeline))


def csv_parts(timeline: Timeline) -> Iterator[str]:
    """:func:`to_csv`'s text in pieces (the header, then a few thousand rows at a time, made as
    they are asked for), so that a file can be written without the whole text in memory."""
    return table_parts(CsvPieces(), ordered_events(timeline))


class CsvPieces:
    """The CSV text (see :class:`~timeline.exports._pieces.TextPieces`): the header row, then
    the lines of each slice of rows."""

    slice_rows = CSV_CHUNK_ROWS

    def head(self, frame: pd.DataFrame) -> str:
        """The header row of ``frame``'s columns."""
        if _plain_header(frame):
            return _csv_text([frame.columns])
        return _pandas_csv(frame.iloc[:0])

    def rows(self, rows: pd.DataFrame) -> str:
        """The lines of ``rows``."""
        kinds = [_kind(name, column) for name, column in rows.items()]
        if not _plain_header(rows) or None in kinds:
            return _pandas_csv(rows, header=False)
        return _rows_text(rows, kinds)  # type: ignore[arg-type]

    def tail(self) -> str:
        """Nothing: the last line ends the file."""
        return ""


def _rows_text(rows: pd.DataFrame, kinds: Sequence[str]) -> str:
    """The CSV lines of ``rows``: joined by Arrow, or by the csv module when a text column
    holds what Arrow's UTF-8 cannot (a lone surrogate)."""
    if rows.empty:
        return ""
    try:
        fields = [_arrow_fields(kind, column) for kind, (_, column) in zip(kinds, rows.items())]
    except UnicodeEncodeError:
        return _csv_text(zip(*(_fields(kind, column) for kind, (_, column) in zip(kinds, rows.items()))))
    lines = pc.binary_join_element_wise(*fields, text(","))  # the last argument is the separator
    return joined(lines, LINE_END) + LINE_END


def _csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """``rows`` as the csv module writes them for ``to_csv`` (the same quoting)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerows(rows)
    return buffer.getvalue()


def _pandas_csv(frame: pd.DataFrame, header: bool = True) -> str:
    """The CSV as pandas writes it: what :func:`to_csv` reproduces for the usual columns."""
    frame = with_iso_datetimes(neutralise_text_cells(frame))
    return frame.to_csv(index=False, header=header, lineterminator=LINE_END)


def _plain_header(frame: pd.DataFrame) -> bool:
    """Column names the fast path writes as the csv module would: several, all non-empty text
    (a row of one empty field, or an all-empty header, is a special case there)."""
    return len(frame.columns) > 1 and all(isinstance(name, str) and name for name in frame.columns)


def _kind(name: object, column: pd.Series) -> str | None:
    """How :func:`_fields` turns the column's cells into the fields ``to_csv`` hands the csv
    module, or None for a kind of column this does not reproduce."""
    dtype = column.dtype
    if name in DATETIME_COLUMNS:  # ISO text: nothing to neutralise or quote
        return DATETIME
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":  # to_csv: the Python numbers' str
        return INTEGER
    if isinstance(dtype, np.dtype) and dtype.kind == "f":  # to_csv: numpy's str, NaN empty
        return FLOAT
    if not is_text(column):
        return None
    kind = pd.api.types.infer_dtype(column, skipna=True)
    if kind == "string":
        return TEXT
    if kind == "empty":  # nothing but missing values
        return EMPTY
    return None  # numbers in an object column, say: pandas writes each cell


def _fields(kind: str, column: pd.Series) -> list[str]:
    """The fields of (a slice of) a column of ``kind`` (see :func:`_kind`), formula text neutralised."""
    if kind == DATETIME:
        return ["" if text is None else text for text in iso_strings(column)]
    if kind == INTEGER:
        return list(map(str, column.to_numpy().tolist()))
    if kind == FLOAT:
        texts = column.to_numpy().astype(str).astype(object)
        texts[column.isna().to_numpy()] = ""
        return texts.tolist()
    if kind == TEXT:
        return _neutralised(column)
    return [""] * len(column)


def _neutralised(column: pd.Series) -> list[str]:
    """Text (and missing) cells as text, a ``'`` before formula starts, missing ones empty."""
    texts = column.to_numpy(dtype=object, na_value="")
    risky = column.str.startswith(FORMULA_STARTS, na=False).astype(bool).to_numpy()
    if risky.any():
        texts = texts.copy()
        texts[risky] = ["'" + text for text in texts[risky]]
    return texts.tolist()


def _arrow_fields(kind: str, column: pd.Series) -> pa.Array:
    """:func:`_fields` as an Arrow array of text, quoted as the csv module quotes."""
    if kind == DATETIME:
        return _missing_empty(texts(iso_strings(column)))
    if kind == INTEGER:
        values = column.to_numpy()
        return boolean_texts(values, "True", "False") if values.dtype.kind == "b" else integer_texts(values)
    if kind in (FLOAT, EMPTY):
        return texts(_fields(kind, column))
    risky = column.str.startswith(FORMULA_STARTS, na=False).astype(bool).to_numpy()
    cells = _missing_empty(texts(column))
    if risky.any():
        cells = pc.if_else(pa.array(risky), pc.binary_join_element_wise(text("'"), cells, text("")), cells)
    return _quoted(cells)


def _missing_empty(values: pa.Array) -> pa.Array:
    """Missing values as empty fields."""
    return pc.fill_null(values, "")


def _quoted(cells: pa.Array) -> pa.Array:
    """The fields that need it in double quotes, with the quotes inside doubled."""
    needs = pc.match_substring_regex(cells, _NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return cells
    escaped = pc.binary_join_element_wise(text('"'), pc.replace_substring(cells, '"', '""'), text('"'), text(""))
    return pc.if_else(needs, escaped, cells)
