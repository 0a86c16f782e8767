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

import numpy as np
import pandas as pd

from timeline.exports._frame import (
    DATETIME_COLUMNS,
    FORMULA_STARTS,
    is_text,
    iso_strings,
    neutralise_text_cells,
    ordered_events,
    with_iso_datetimes,
)
from timeline.model import Timeline

LINE_END = "\r\n"


def to_csv(timeline: Timeline) -> str:
    """The events as CSV text with a header row."""
    frame = ordered_events(timeline)
    columns = [_cells(name, column) for name, column in frame.items()]
    if not _plain_header(frame) or any(cells is None for cells in columns):
        return _pandas_csv(frame)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)  # what to_csv writes with: the same quoting
    writer.writerow(frame.columns)
    writer.writerows(zip(*columns))  # type: ignore[arg-type]
    return buffer.getvalue()


def _pandas_csv(frame: pd.DataFrame) -> str:
    """The CSV as pandas writes it: what :func:`to_csv` reproduces for the usual columns."""
    return with_iso_datetimes(neutralise_text_cells(frame)).to_csv(index=False, lineterminator=LINE_END)


def _plain_header(frame: pd.DataFrame) -> bool:
    """Column names the fast path writes as the csv module would: several, all non-empty text
    (a row of one empty field, or an all-empty header, is a special case there)."""
    return len(frame.columns) > 1 and all(isinstance(name, str) and name for name in frame.columns)


def _cells(name: object, column: pd.Series) -> list[str] | None:
    """A column's fields as ``to_csv`` hands them to the csv module (formula text neutralised),
    or None for a kind of column this does not reproduce."""
    dtype = column.dtype
    if name in DATETIME_COLUMNS:  # ISO text: nothing to neutralise or quote
        return ["" if text is None else text for text in iso_strings(column)]
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":  # to_csv: the Python numbers' str
        return list(map(str, column.to_numpy().tolist()))
    if isinstance(dtype, np.dtype) and dtype.kind == "f":  # to_csv: numpy's str, NaN empty
        texts = column.to_numpy().astype(str).astype(object)
        texts[column.isna().to_numpy()] = ""
        return texts.tolist()
    if not is_text(column):
        return None
    kind = pd.api.types.infer_dtype(column, skipna=True)
    if kind == "string":
        return _neutralised(column)
    if kind == "empty":  # nothing but missing values
        return [""] * len(column)
    return None  # numbers in an object column, say: neutralise_text_cells may retype them


def _neutralised(column: pd.Series) -> list[str]:
    """Text (and missing) cells as text, a ``'`` before formula starts, missing ones empty."""
    texts = column.to_numpy(dtype=object, na_value="")
    risky = column.str.startswith(FORMULA_STARTS, na=False).astype(bool).to_numpy()
    if risky.any():
        texts = texts.copy()
        texts[risky] = ["'" + text for text in texts[risky]]
    return texts.tolist()
