"""JSON Lines documents: one ``{"id", "published", "text", ...}`` object a line.

Blank lines are skipped; a row without ``id`` is named ``<file name>:<line>``.
Keys other than ``id``, ``published`` and ``text`` are carried through as the
document's ``extra``. Each line is decoded on its own (see
``timeline.readers.decoding``), so one line in Windows-1252 does not spoil
the file; a byte-order mark at the start of a line is dropped.

``read_json_rows`` is the strict variant for gold files: a line that is not
UTF-8 is an error there, not a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from timeline.readers.decoding import LOG, decoded_lines
from timeline.readers.results import DocumentError, ReadResult, os_reason, record_document
from timeline.readers.surrogates import has_lone_surrogate, without_lone_surrogates


@dataclass(frozen=True, slots=True)
class JsonRow:
    """One decoded line: ``source`` is ``<path>:<line>``, ``name`` the default id."""

    source: str
    name: str
    data: dict[str, Any]


def read_jsonl(path: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Stream the documents of a ``.jsonl`` file."""
    try:
        with path.open("rb") as stream:
            yield from jsonl_documents(decoded_lines(stream, str(path)), str(path), path.name, published)
    except OSError as err:
        yield DocumentError(str(path), None, os_reason(err))


def jsonl_documents(lines: Iterable[str], source: str, name: str,
                    published: str | None = None) -> Iterator[ReadResult]:
    """Stream the documents of decoded JSON lines; ``name`` prefixes default ids."""
    for row in json_rows(enumerate(lines, start=1), source, name):
        yield row if isinstance(row, DocumentError) else row_document(row, published)


def row_document(row: JsonRow, published: str | None = None) -> ReadResult:
    """The document of a JSON row (see ``timeline.readers.results.record_document``)."""
    return record_document(row.data, row.source, row.name, published)


def read_json_rows(path: Path) -> Iterator[JsonRow | DocumentError]:
    """The rows of a UTF-8 ``.jsonl`` file, or why a line is unreadable (for gold files)."""
    try:
        with path.open("rb") as stream:
            yield from json_rows(_strict_lines(stream, str(path)), str(path), path.name)
    except OSError as err:
        yield DocumentError(str(path), None, os_reason(err))


def json_rows(lines: Iterable[tuple[int, str | DocumentError]], source: str,
              name: str) -> Iterator[JsonRow | DocumentError]:
    """Parse numbered lines, skipping blank ones; ``name`` prefixes default ids."""
    for number, line in lines:
        if isinstance(line, DocumentError):
            yield line
        elif line.strip():
            yield json_row(line, f"{source}:{number}", f"{name}:{number}")


def json_row(line: str, source: str, name: str) -> JsonRow | DocumentError:
    """One line as a JSON object, or why it is not one."""
    try:
        data = json.loads(line.lstrip("\ufeff").rstrip("\r\n"))
    except json.JSONDecodeError as err:
        return DocumentError(source, None, f"invalid JSON: {err.msg} at column {err.colno}")
    if not isinstance(data, dict):
        return DocumentError(source, None, f"expected a JSON object, found {type(data).__name__}")
    if _SURROGATE_ESCAPE.search(line) and has_lone_surrogate(data):
        LOG.warning("%s: a \\ud800-\\udfff escape that pairs with none is no character; read as U+FFFD", source)
        data = without_lone_surrogates(data)
    return JsonRow(source, name, data)


# A line can hold a lone surrogate only as such an escape (\ud800-\udfff, either case): most
# lines, also those written with every non-ASCII letter escaped ("\u00e6"), need not be walked.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def count_jsonl(path: Path) -> int:
    """How many documents (non-blank lines) ``path`` holds, for a progress bar."""
    with path.open("rb") as stream:
        return sum(1 for line in stream if line.strip())


def _strict_lines(stream: BinaryIO, source: str) -> Iterator[tuple[int, str | DocumentError]]:
    for number, line in enumerate(stream, start=1):
        try:
            yield number, line.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            reason = f"not valid UTF-8 (byte 0x{line[err.start]:02x} at offset {err.start}); save it as UTF-8"
            yield number, DocumentError(f"{source}:{number}", None, reason)
