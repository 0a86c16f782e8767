"""JSON text of the events table, written column by column.

``json.dumps`` of a list of row dicts visits every cell in Python (with ``indent``
the whole encoder is pure Python). Here each column's values become JSON texts in
one pass, and the rows are joined from them: for a slice of the events table by
Arrow's string kernels, many rows at once; for columns given as lists, by filling
one template of the keys per row. The text is, byte for byte, the one
:func:`timeline.jsontext.dumps` writes for the same records; a column holding
anything but text, numbers, booleans and None (a list, say) is left to
``jsontext.dumps``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from json.encoder import encode_basestring  # what json.dumps(..., ensure_ascii=False) uses
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline import jsontext
from timeline.exports._arrow import boolean_texts, integer_texts, joined, text, texts
from timeline.exports._frame import (
    DATETIME_COLUMNS,
    JSON_CHUNK_ROWS,
    column_records,
    is_text,
    iso_strings,
    json_columns_of,
    json_values,
)

Columns = Mapping[str, list[Any]]
Chunk: TypeAlias = Columns | pd.DataFrame  # a table's columns as JSON-ready lists, or a slice of the table

# Rows encoded at a time: the cell texts of a whole large table would take gigabytes.
CHUNK_ROWS = 8192
NULL = "null"
LIST_OPENING = "[\n "
LIST_SEPARATOR = ",\n "


class JsonList:
    """``jsontext.dumps(records, indent=1)`` of a table's rows, a chunk at a time: ``rows`` of
    each chunk in turn, then ``tail``."""

    def __init__(self) -> None:
        self._opening = LIST_OPENING  # before the next rows: the list's opening until rows are written

    def rows(self, chunk: Chunk) -> str:
        """The chunk's rows as items of the list ('' for no rows)."""
        # json.dumps of the list writes each row as it writes the row alone, one level in
        rows = _rows_joined(chunk, ("{\n  ", ",\n  ", "\n }"), LIST_SEPARATOR, indent=1)
        if not rows:
            return ""
        text = jsontext.escape_line_ends(self._opening + rows)
        self._opening = LIST_SEPARATOR
        return text

    def tail(self) -> str:
        """The end of the list (the whole of an empty one)."""
        return "[]" if self._opening == LIST_OPENING else "\n]"


class JsonLines:
    """``jsontext.dumps(record) + "\\n"`` for each of a table's rows, a chunk at a time (also a
    ``TextPieces``: no head, no tail)."""

    slice_rows = JSON_CHUNK_ROWS  # the rows of a table written at a time (as a ``TextPieces``)

    def head(self, frame: pd.DataFrame) -> str:
        """Nothing: JSON Lines is its lines."""
        return ""

    def rows(self, chunk: Chunk) -> str:
        """A line for each row of the chunk."""
        rows = _rows_joined(chunk, ("{", ", ", "}"), "\n", indent=None)
        return jsontext.escape_line_ends(rows + "\n") if rows else ""

    def tail(self) -> str:
        """Nothing: the last line ends the text."""
        return ""


def _rows_joined(chunk: Chunk, shape: tuple[str, str, str], between: str, indent: int | None) -> str:
    """The rows of a chunk as JSON objects (``shape``: opening, separator between items,
    closing), ``between`` between them. A table's slice is written by Arrow where its columns
    hold text, numbers, booleans and missing values; else (and for the columns of a dict)
    a column at a time in Python, or a row at a time by ``jsontext.dumps``."""
    if isinstance(chunk, pd.DataFrame):
        rows = _arrow_rows(chunk, *shape)
        if rows is not None:
            return joined(rows, between)
        chunk = json_columns_of(chunk)
    texts = _row_texts(chunk, *shape)
    if texts is None:
        texts = [_dumped(record, indent) for record in column_records(chunk)]
    return between.join(texts)


def _dumped(record: dict[str, Any], indent: int | None) -> str:
    if indent is None:
        return jsontext.dumps(record)
    return jsontext.dumps(record, indent=indent).replace("\n", "\n" + " " * indent)


def _arrow_rows(frame: pd.DataFrame, opening: str, separator: str, closing: str) -> pa.Array | None:
    """Each row of ``frame`` as a JSON object, or None when a column holds other values than
    :func:`_arrow_values` writes (or text no UTF-8 can hold)."""
    if frame.columns.empty:  # json.dumps writes an empty object as {}, without opening and closing
        return None
    parts: list[Any] = []
    try:
        for position, (name, column) in enumerate(frame.items()):
            values = _arrow_values(name, column)
            if values is None:
                return None
            key = encode_basestring(str(name)) + ": "
            parts += [text((opening if position == 0 else separator) + key), values]
    except UnicodeEncodeError:  # a lone surrogate
        return None
    return pc.binary_join_element_wise(*parts, text(closing), text(""))


def _arrow_values(name: object, column: pd.Series) -> pa.Array | None:
    """The JSON text of each cell as :func:`cell_texts` writes it, for text, integer, boolean
    and datetime columns (floats through ``cell_texts``: Python's ``repr``); None for others."""
    dtype = column.dtype
    if name in DATETIME_COLUMNS:
        return _json_strings(texts(iso_strings(column)))
    if isinstance(dtype, np.dtype) and dtype.kind == "b":
        return boolean_texts(column.to_numpy(), "true", "false")
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return integer_texts(column.to_numpy())
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return texts(cell_texts(json_values(column)))
    if is_text(column) and pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty"):
        return _json_strings(texts(column))
    return None


# json.dumps escapes: the backslash and the quote, then the control characters (by name where
# JSON has one, else as \u00XX).
_CONTROL_ESCAPES = {chr(code): f"\\u{code:04x}" for code in range(0x20)} | {
    "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _json_strings(values: pa.Array) -> pa.Array:
    """Text cells as JSON strings (``encode_basestring``), missing ones as null."""
    escaped = pc.replace_substring(pc.replace_substring(values, "\\", "\\\\"), '"', '\\"')
    if pc.any(pc.match_substring_regex(escaped, r"[\x00-\x1f]")).as_py():
        for char, escape in _CONTROL_ESCAPES.items():
            escaped = pc.replace_substring(escaped, char, escape)
    return pc.fill_null(pc.binary_join_element_wise(text('"'), escaped, text('"'), text("")), NULL)


def _row_texts(columns: Columns, opening: str, separator: str, closing: str) -> list[str] | None:
    """Each row as a JSON object (``opening``, items joined by ``separator``, ``closing``),
    or None when a cell is not a scalar JSON writes by itself."""
    if not columns:  # json.dumps writes an empty object as {}, without opening and closing
        return None
    template = opening + separator.join(_escape_percent(encode_basestring(key)) + ": %s"
                                        for key in columns) + closing
    rows: list[str] = []
    for chunk in _chunks(list(columns.values())):
        texts = [cell_texts(values) for values in chunk]
        if any(column is None for column in texts):
            return None
        rows.extend(template % row for row in zip(*texts))
    return rows


def _chunks(columns: list[list[Any]]) -> Iterator[list[list[Any]]]:
    count = len(columns[0])
    for start in range(0, count, CHUNK_ROWS):
        yield [values[start:start + CHUNK_ROWS] for values in columns]


def _escape_percent(text: str) -> str:
    return text.replace("%", "%%")


def cell_texts(values: list[Any]) -> list[str] | None:
    """The JSON text of each value as ``json.dumps`` writes it, or None when one is not
    a str, int, float, bool or None."""
    kinds = set(map(type, values))
    if kinds == {str}:  # the common columns first: a type test per cell is the slow part
        return list(map(encode_basestring, values))
    if kinds == {int}:
        return list(map(int.__repr__, values))
    if kinds <= {str, type(None)}:  # datetimes, None for the undated events (all of them, at the end)
        return [NULL if value is None else encode_basestring(value) for value in values]
    if kinds == {float}:
        return list(map(_float_text, values))
    texts = list(map(_scalar_text, values))
    return None if None in texts else texts  # type: ignore[return-value]


def _scalar_text(value: Any) -> str | None:
    """As json's encoders test a value, in their order; None for a container or other object."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return NULL
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float_text(value)
    return None


def _float_text(value: float) -> str:
    """``json.dumps`` of a float (``allow_nan``: NaN and the infinities as JavaScript names)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)
