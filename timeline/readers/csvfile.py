"""CSV documents: a header row naming the columns ``text``, ``published`` and ``id``.

``id`` and ``published`` may be missing (then the id is ``<file name>:<line>``
and ``--published`` is needed); every other column is carried through as the
document's ``extra``. The delimiter is read from the header: ``,``, ``;``
(what Danish Excel writes), tab or ``|``. Quoted fields may span lines and
keep their line ends. Rows are read one at a time with the ``csv`` module, each
line decoded on its own (see ``timeline.readers.decoding``).
"""

from __future__ import annotations

import csv
from _csv import Reader
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from timeline.readers.decoding import decoded_lines
from timeline.readers.results import TEXT, DocumentError, ReadResult, os_reason, record_document

DELIMITERS = (",", ";", "\t", "|")
# A news article can be longer than the csv module's default field limit (128 KiB).
FIELD_LIMIT = 2**31 - 1


def read_csv(path: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Stream the documents of a ``.csv`` file."""
    try:
        with path.open("rb") as stream:
            yield from csv_documents(stream, str(path), path.name, published)
    except OSError as err:
        yield DocumentError(str(path), None, os_reason(err))


def csv_documents(stream: BinaryIO, source: str, name: str,
                  published: str | None = None) -> Iterator[ReadResult]:
    """Stream the documents of CSV read from ``stream``; ``name`` prefixes default ids."""
    lines = decoded_lines(stream, source)
    first = next(lines, "")
    if not first.strip():
        yield DocumentError(source, None, "empty file: expected a header row with a 'text' column")
        return
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    reader = csv.reader(chain([first], lines), delimiter=delimiter_of(first))
    header = next(reader)
    if TEXT not in header:
        yield DocumentError(source, None, f"no 'text' column in the header row; found {header}")
        return
    yield from _rows(reader, header, source, name, published)


def delimiter_of(header: str) -> str:
    """The delimiter that makes ``header`` name a ``text`` column, else the one splitting it most."""
    fields = {d: next(csv.reader([header], delimiter=d)) for d in DELIMITERS}
    named = [d for d in DELIMITERS if TEXT in fields[d]]
    return named[0] if named else max(DELIMITERS, key=lambda d: len(fields[d]))


def count_csv(path: Path) -> int:
    """How many rows ``path`` holds after its header, for a progress bar."""
    with path.open("rb") as stream:
        lines = (line.decode("latin-1") for line in stream)  # quotes and line ends are ASCII
        first = next(lines, "")
        rows = csv.reader(chain([first], lines), delimiter=delimiter_of(first))
        return max(sum(1 for row in rows if any(cell.strip() for cell in row)) - 1, 0)


def _rows(reader: Reader, header: list[str], source: str, name: str,
          published: str | None) -> Iterator[ReadResult]:
    line = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield _row_document(row, header, f"{source}:{line}", f"{name}:{line}", published)
            line = reader.line_num + 1
    except csv.Error as err:
        yield DocumentError(f"{source}:{line}", None, f"unreadable CSV from this line on: {err}")


def _row_document(row: list[str], header: list[str], where: str, name: str,
                  published: str | None) -> ReadResult:
    if len(row) != len(header):
        return DocumentError(where, None, f"row has {len(row)} fields; the header has {len(header)}")
    return record_document(dict(zip(header, row)), where, name, published)
