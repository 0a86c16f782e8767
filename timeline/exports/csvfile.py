"""CSV: one event a row in timeline order, with the columns of ``Timeline.events``.

Datetimes are ISO 8601 strings with their UTC offset; undated events have
empty cells. Text cells that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or CR) get a leading ``'``; numbers are
left as they are. UTF-8 without a byte-order mark, CRLF line ends (RFC 4180),
which also makes every field holding a CR or LF quoted.

The text is the one ``DataFrame.to_csv`` writes (``csv`` module, minimal quoting),
built a column at a time; columns of other kinds than text, numbers and the
datetimes are left to ``to_csv`` itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from timeline.exports._frame import (
    DATETIME_COLUMNS,
    FORMULA_STARTS,
    is_text,
    iso_strings,
    neutralise_text_cells,
    ordered_events,
    row_chunks,
    with_iso_datetimes,
)
from timeline.model import Timeline

LINE_END = "\r\n"

# How a column's cells become fields: decided on the whole column, then done a slice of rows
# at a time (each field depends on its cell only).
DATETIME, INTEGER, FLOAT, TEXT, EMPTY = "datetime", "integer", "float", "text", "empty"


def to_csv(timeline: Timeline) -> str:
    """The events as CSV text with a header row."""
    return "".join(csv_parts(timeline))


def csv_parts(timeline: Timeline) -> Iterator[str]:
    """:func:`to_csv`'s text in pieces (the header, then a few thousand rows at a time, made as
    they are asked for), so that a file can be written without the whole text in memory."""
    frame = ordered_events(timeline)
    kinds = [_kind(name, column) for name, column in frame.items()]
    if not _plain_header(frame) or None in kinds:
        return iter([_pandas_csv(frame)])
    return _csv_parts(frame, kinds)  # type: ignore[arg-type]


def _csv_parts(frame: pd.DataFrame, kinds: Sequence[str]) -> Iterator[str]:
    """The header, then the rows of each slice of ``frame`` (its columns of ``kinds``)."""
    yield _csv_text([frame.columns])
    for rows in row_chunks(frame):
        yield _csv_text(zip(*(_fields(kind, column) for kind, (_, column) in zip(kinds, rows.items()))))


def _csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """``rows`` as the csv module writes them for ``to_csv`` (the same quoting)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerows(rows)
    return buffer.getvalue()


def _pandas_csv(frame: pd.DataFrame) -> str:
    """The CSV as pandas writes it: what :func:`to_csv` reproduces for the usual columns."""
    return with_iso_datetimes(neutralise_text_cells(frame)).to_csv(index=False, lineterminator=LINE_END)


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
    return None  # numbers in an object column, say: neutralise_text_cells may retype them


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
