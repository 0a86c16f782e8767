"""JSON text of the events table, written column by column.

``json.dumps`` of a list of row dicts visits every cell in Python (with ``indent``
the whole encoder is pure Python). Here each column's values become JSON texts in
one pass, and every row is filled into one template of its keys. The text is, byte
for byte, the one :func:`timeline.jsontext.dumps` writes for the same records; a
column holding anything but text, numbers, booleans and None (a list, say) is
left to ``jsontext.dumps``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from json.encoder import encode_basestring  # what json.dumps(..., ensure_ascii=False) uses
from typing import Any

from timeline import jsontext
from timeline.exports._frame import column_records

Columns = Mapping[str, list[Any]]

# Rows encoded at a time: the cell texts of a whole large table would take gigabytes.
CHUNK_ROWS = 8192
NULL = "null"
LIST_OPENING = "[\n "
LIST_SEPARATOR = ",\n "


def json_list(columns: Columns) -> str:
    """``jsontext.dumps(records, indent=1)`` of the rows of ``columns`` (column name -> values)."""
    return "".join(json_list_parts([columns]))


def json_lines(columns: Columns) -> str:
    """``jsontext.dumps(record) + "\\n"`` for each row of ``columns``, joined."""
    return "".join(json_lines_parts([columns]))


def json_list_parts(chunks: Iterable[Columns]) -> Iterator[str]:
    """:func:`json_list` of the rows of ``chunks`` (consecutive slices of one table), in pieces
    that join to that text: a file can take them one at a time."""
    opening = LIST_OPENING
    for columns in chunks:
        rows = _row_texts(columns, "{\n  ", ",\n  ", "\n }")
        if rows is None:  # json.dumps of the list writes each row as it writes the row alone, one level in
            rows = [jsontext.dumps(record, indent=1).replace("\n", "\n ") for record in column_records(columns)]
        if rows:
            yield jsontext.escape_line_ends(opening + LIST_SEPARATOR.join(rows))
            opening = LIST_SEPARATOR
    yield "[]" if opening == LIST_OPENING else "\n]"


def json_lines_parts(chunks: Iterable[Columns]) -> Iterator[str]:
    """:func:`json_lines` of the rows of ``chunks`` (consecutive slices of one table), in pieces."""
    for columns in chunks:
        rows = _row_texts(columns, "{", ", ", "}")
        if rows is None:
            yield "".join(jsontext.dumps(record) + "\n" for record in column_records(columns))
        else:
            yield jsontext.escape_line_ends("".join(row + "\n" for row in rows))


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
        rows.extend(template % row for row in zip(*texts))  # type: ignore[misc]
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
