"""The events table as the tabular exports write it: checked, in timeline order, typed.

Shared by the CSV, JSON, JSON Lines, Excel and Parquet exporters, so that they
all list the same rows in the same order with the same columns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from timeline.exports.errors import ExportError
from timeline.model import EVENT_COLUMNS, Timeline

ZONE = "Europe/Copenhagen"
DATETIME_COLUMNS = ("earliest", "latest")
# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows converted at a time by the exports that write in pieces: the cells of a whole large
# table as Python objects, and its whole text, would take gigabytes.
CHUNK_ROWS = 8192
# The JSON writers' slices: they build a slice's text with Arrow's kernels, which do more per call.
JSON_CHUNK_ROWS = 1 << 15


def ordered_events(timeline: Timeline) -> pd.DataFrame:
    """``timeline.events`` in timeline order (by ``rank``, stable): ``EVENT_COLUMNS`` first,
    then any columns carried through from the input (``outlet``, ``url``, ...).

    The ``earliest`` and ``latest`` columns come back as timezone-aware
    datetimes in Europe/Copenhagen (undated events: ``NaT``).
    """
    events = timeline.events
    missing = [name for name in EVENT_COLUMNS if name not in events.columns]
    if missing:
        raise ExportError(f"timeline events lack the columns {missing}; "
                          f"expected {list(EVENT_COLUMNS)}")
    ordered = events.sort_values("rank", kind="stable").reset_index(drop=True)
    carried = [name for name in events.columns if name not in EVENT_COLUMNS]
    ordered = ordered[list(EVENT_COLUMNS) + carried].copy()
    for name in DATETIME_COLUMNS:
        ordered[name] = as_local_datetimes(ordered[name])
    return ordered


def as_local_datetimes(column: pd.Series) -> pd.Series:
    """Any column of aware datetimes (or None) as ``datetime64[.., Europe/Copenhagen]``."""
    return pd.to_datetime(column, utc=True).dt.tz_convert(ZONE)


def with_iso_datetimes(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with the datetime columns as ISO 8601 strings with offset (None when undated)."""
    copy = frame.copy()
    for name in DATETIME_COLUMNS:
        copy[name] = pd.Series(iso_strings(frame[name]), index=frame.index, dtype=object)
    return copy


def iso_strings(column: pd.Series) -> list[str | None] | np.ndarray:
    """``iso_or_none`` of each value. Events share few distinct times: in a datetime column,
    each distinct time is formatted once."""
    if not isinstance(column.dtype, pd.DatetimeTZDtype):
        return [iso_or_none(value) for value in column]
    codes, distinct = pd.factorize(column)  # a missing value gets code -1: the None at the end
    return np.concatenate([_iso_texts(distinct), np.array([None], dtype=object)])[codes]


def _iso_texts(moments: pd.DatetimeIndex) -> np.ndarray:
    """``Timestamp.isoformat`` of each (aware) moment, as an object array.

    numpy writes the wall-clock part of the whole seconds of four-digit years at once, and
    each distinct UTC offset's text is taken from one of its moments; the rest (fractions
    of a second, other years) are formatted one by one."""
    wall = moments.tz_localize(None)  # local wall-clock time
    seconds = wall.to_numpy().astype("datetime64[s]")
    years = np.asarray(wall.year)
    plain = (wall.to_numpy() == seconds) & (years >= 1000) & (years <= 9999)
    texts = np.datetime_as_string(seconds, unit="s").astype(object)
    _, first, which = np.unique(wall.asi8 - moments.asi8, return_index=True, return_inverse=True)
    suffixes = np.array([_offset_text(moments[k]) for k in first], dtype=object)
    texts = texts + suffixes[which.reshape(-1)]
    for k in np.flatnonzero(~plain).tolist():
        texts[k] = iso_or_none(moments[k])
    return texts


def _offset_text(moment: pd.Timestamp) -> str:
    """The UTC offset as ``isoformat`` ends a time with it (``+01:00``)."""
    text = moment.isoformat()
    return text[len(moment.replace(tzinfo=None).isoformat()):]


def iso_or_none(value: Any) -> str | None:
    """``2020-01-08T00:30:00+01:00`` for a datetime, None for a missing one."""
    return None if pd.isna(value) else pd.Timestamp(value).isoformat()


def neutralise_formula(value: Any) -> Any:
    """``'`` before a text cell a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_text_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell is passed through :func:`neutralise_formula`.

    Numeric and datetime columns are left alone, so ``-1`` stays the number -1, and so are
    object columns without text: as they are, not retyped (``Series.map`` would make a column of
    ints with a missing value floats, the whole column at once), each cell is written as it is
    wherever the table is cut into slices.
    """
    copy = frame.copy()
    for name in copy.columns:
        column = copy[name]
        if not is_text(column):
            continue
        try:  # one vectorised test per column; only the cells that need it change
            risky = column.str.startswith(FORMULA_STARTS, na=False).astype(bool)
        except AttributeError:  # no text in it (pandas' .str takes any column holding some): nothing to do
            continue
        if risky.any():
            copy.loc[risky, name] = "'" + column[risky]
    return copy


def map_text_cells(frame: pd.DataFrame, function: Callable[[Any], Any]) -> pd.DataFrame:
    """A copy with ``function`` applied to each cell of the text (string or object) columns."""
    copy = frame.copy()
    for name in copy.columns:
        if is_text(copy[name]):
            copy[name] = copy[name].map(function)
    return copy


def is_text(column: pd.Series) -> bool:
    """A column of strings (pandas' text dtype) or of Python objects."""
    return pd.api.types.is_string_dtype(column) or pd.api.types.is_object_dtype(column)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts keyed by column name."""
    return [{str(name): value for name, value in row.items()} for row in frame.to_dict("records")]


def column_records(columns: Mapping[str, list[Any]]) -> list[dict[str, Any]]:
    """The rows of a table given column by column (name -> values) as dicts."""
    return [dict(zip(columns, row)) for row in zip(*columns.values())]


def json_columns_of(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """``frame``'s columns as JSON-ready values (each cell's value depends on that cell only)."""
    columns: dict[str, list[Any]] = {}
    for name, column in frame.items():
        if name in DATETIME_COLUMNS:
            columns[str(name)] = list(iso_strings(column))
        else:
            columns[str(name)] = json_values(column)
    return columns


def row_chunks(frame: pd.DataFrame, size: int | None = None) -> Iterator[pd.DataFrame]:
    """``frame`` in consecutive slices (views) of at most ``size`` rows (default ``CHUNK_ROWS``)."""
    step = size or CHUNK_ROWS
    for start in range(0, len(frame), step):
        yield frame.iloc[start:start + step]


def json_values(column: pd.Series) -> list[Any]:
    """The cells of ``column`` as JSON-ready Python values, as :func:`records` then
    ``_json_value`` make them: None for a missing value, numpy numbers as Python ones."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":  # cannot hold a missing value
        return column.to_numpy().tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return [None if math.isnan(value) else value for value in column.to_numpy().tolist()]
    if is_text(column) and pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty"):
        # text and missing values only (what infer_dtype skips, isna finds)
        return column.to_numpy(dtype=object, na_value=None).tolist()
    return [_json_value(value) for value in column]  # mixed objects: a cell at a time


def _json_value(value: Any) -> Any:
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
