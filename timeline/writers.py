"""Write extracted expressions as JSON lines, CSV or a JSON list, atomically to files.

Every writer streams: it takes one row at a time and writes it before taking
the next, so memory stays flat and a caller can tell which rows are written.
Rows may carry a document's extra input fields after the fixed ``COLUMNS``
(see ``extra_columns``).
"""

from __future__ import annotations

import csv
import logging
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, time
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

from normalise import TimeExpression
from timeline import jsontext
from viz.atomic import atomic_output

COLUMNS = ("doc_id", "start", "end", "text", "type", "value", "mod", "earliest", "latest")
DEFAULT_FORMAT = "jsonl"
EXTRA_PREFIX = "doc_"
LOG = logging.getLogger("timeline.writers")

Row = dict[str, Any]


def expression_row(doc_id: str, timex: TimeExpression, extra: Mapping[str, Any] | None = None) -> Row:
    """One output row: the document id, the expression's JSON-ready fields, the document's extras."""
    fields = timex.to_dict()
    row = {"doc_id": doc_id, **{name: fields[name] for name in COLUMNS[1:]}}
    return row | extra_columns(extra or {}, COLUMNS)


def extra_columns(extra: Mapping[str, Any], taken: Collection[str]) -> dict[str, Any]:
    """A document's extra fields as columns: under their own name, or ``doc_<name>`` where that is taken.

    An input column ``type`` (the article's type) becomes ``doc_type`` beside
    the expression's ``type``; nothing is overwritten or dropped.
    """
    columns: dict[str, Any] = {}
    for name, value in extra.items():
        column = name
        while column in taken or column in columns:
            column = EXTRA_PREFIX + column
        columns[column] = value
    return columns


def json_line(row: Row) -> str:
    """One row as a line of JSON, UTF-8 kept readable; dates in extras as ISO strings."""
    return jsontext.dumps(row, default=_json_value) + "\n"


def write_jsonl(rows: Iterable[Row], stream: TextIO) -> None:
    """One JSON object a line, UTF-8 kept readable."""
    stream.writelines(json_line(row) for row in rows)


def write_csv(rows: Iterable[Row], stream: TextIO) -> None:
    """CSV with a header row; missing values are empty cells.

    The header is the first row's columns. A column that first appears in a
    later row (JSON lines with differing keys) is warned about once and left
    out: JSON lines keep every field.
    """
    items = iter(rows)
    first = next(items, None)
    columns = list(first) if first is not None else list(COLUMNS)
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    late: set[str] = set()
    for row in chain([first] if first is not None else [], items):
        _warn_late_columns(row.keys() - set(columns) - late, row, late)
        writer.writerow(row)


def write_json(rows: Iterable[Row], stream: TextIO) -> None:
    """One JSON list of objects, written one object at a time (as ``json.dump(..., indent=1)`` would)."""
    separator = "[\n"
    for row in rows:
        text = jsontext.dumps(row, indent=1, default=_json_value)
        stream.write(separator + " " + text.replace("\n", "\n "))
        separator = ",\n"
    stream.write("[]\n" if separator == "[\n" else "\n]\n")


WRITERS: dict[str, Callable[[Iterable[Row], TextIO], None]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "json": write_json,
}


def format_for(path: Path | None, requested: str | None = None) -> str:
    """The requested format, else the one named by the file suffix, else JSON lines."""
    if requested:
        return requested
    suffix = path.suffix.lstrip(".").lower() if path else ""
    return suffix if suffix in WRITERS else DEFAULT_FORMAT


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Stdout when ``path`` is None, else a file written atomically (``viz.atomic``):
    a failed run never leaves a half-written output. Missing parent folders are created."""
    if path is None:
        yield sys.stdout
        return
    with atomic_output(path, "w", encoding="utf-8", newline="") as stream:
        yield stream  # type: ignore[misc]


def _json_value(value: Any) -> Any:
    """JSON for extra input values JSON has no type for: dates as ISO strings, the rest as text."""
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _warn_late_columns(new: set[str], row: Row, late: set[str]) -> None:
    if new:
        LOG.warning("CSV output: column(s) %s first appear in a row of document %s, after the header "
                    "was written; they are left out (JSON lines keep them)", ", ".join(sorted(new)), row.get("doc_id"))
        late.update(new)
