"""Read news documents from ``.txt`` files, ``.jsonl`` files, folders and stdin.

Readers stream ``Document | DocumentError`` in input order. Bad input is never
an exception: it becomes a ``DocumentError`` naming the source and the reason,
and reading goes on with the next document.

A ``.txt`` file may open with a header naming its publication time::

     date 2020-01-08 Teksten begynder her ...

The header is ``date`` and an ISO date of any precision (``2020``,
``2020-01``, ``2020-01-08``, ``2020-01-08T01:15``), optionally preceded by
whitespace. The header and the whitespace after it are removed; character
offsets count from the first character after them.

A ``.jsonl`` file holds one document a line: ``{"id", "published", "text"}``.
A row without ``id`` is named ``<file name>:<line number>``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from normalise import PublishedDateError, parse_published

STDIN = "-"
STDIN_NAME = "stdin"
SUFFIXES = (".txt", ".jsonl")

_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}\S*)(?:\s+|\Z)")


@dataclass(frozen=True, slots=True)
class Document:
    """One text to analyse, with its publication time as given (validated by readers)."""

    id: str
    text: str
    published: str | None
    source: str


@dataclass(frozen=True, slots=True)
class DocumentError:
    """A document that could not be read; ``str()`` gives one line for stderr."""

    source: str
    doc_id: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.doc_id or self.source}: {' '.join(self.reason.split())}"


@dataclass(frozen=True, slots=True)
class JsonRow:
    """One decoded ``.jsonl`` line: ``source`` is ``<path>:<line>``, ``name`` the default id."""

    source: str
    name: str
    data: dict[str, Any]


ReadResult = Document | DocumentError


def read_documents(
    inputs: Iterable[str], published: str | None = None, stdin: BinaryIO | None = None
) -> Iterator[ReadResult]:
    """Stream documents from every input: a file, a folder, or ``-`` for stdin.

    ``published`` overrides every document's publication time. ``stdin``
    defaults to ``sys.stdin.buffer``.
    """
    for name in inputs:
        if name == STDIN:
            yield from read_stdin(stdin or sys.stdin.buffer, published)
        else:
            yield from read_path(Path(name), published)


def read_path(path: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Stream documents from a file or, recursively, a folder."""
    if path.is_dir():
        yield from read_folder(path, published)
    elif path.suffix == ".jsonl":
        yield from read_jsonl(path, published)
    else:
        yield read_text_file(path, published)


def read_folder(folder: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Stream every ``.txt`` and ``.jsonl`` file under ``folder``, sorted by path.

    Hidden files and folders (``.venv``, ``.git``) are skipped.
    """
    files = sorted(p for p in folder.rglob("*") if _is_input(p, folder))
    if not files:
        yield DocumentError(str(folder), None, f"no {' or '.join(SUFFIXES)} files in folder")
    for path in files:
        yield from read_path(path, published)


def read_text_file(path: Path, published: str | None = None) -> ReadResult:
    """Read one plain-text document; its id is the file name without suffix."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return DocumentError(str(path), None, _os_reason(err))
    return text_document(data, path.stem, str(path), published)


def read_jsonl(path: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Stream the documents of a ``.jsonl`` file, one per non-blank line."""
    return _row_documents(read_json_rows(path), published)


def read_json_rows(path: Path) -> Iterator[JsonRow | DocumentError]:
    """Stream the decoded JSON objects of a ``.jsonl`` file, or why a line is unreadable."""
    try:
        with path.open("rb") as stream:
            yield from json_rows(stream, str(path), path.name)
    except OSError as err:
        yield DocumentError(str(path), None, _os_reason(err))


def read_stdin(stream: BinaryIO, published: str | None = None) -> Iterator[ReadResult]:
    """Read stdin: JSON lines when it starts with ``{``, else one plain-text document."""
    data = stream.read()
    if data.lstrip().startswith(b"{"):
        rows = json_rows(data.splitlines(keepends=True), STDIN_NAME, STDIN_NAME)
        yield from _row_documents(rows, published)
    else:
        yield text_document(data, STDIN_NAME, STDIN_NAME, published)


def text_document(data: bytes, doc_id: str, source: str, published: str | None) -> ReadResult:
    """Build a document from the bytes of a plain-text file with an optional date header."""
    text = _decode(data, doc_id, source)
    if isinstance(text, DocumentError):
        return text
    if not text.strip():
        return DocumentError(source, doc_id, "empty file")
    header_date, body = split_header(text)
    date = published or header_date
    if date is None:
        reason = "no publication date: start the file with 'date YYYY-MM-DD' or pass --published"
        return DocumentError(source, doc_id, reason)
    return make_document(doc_id, body, date, source)


def split_header(text: str) -> tuple[str | None, str]:
    """Split ``text`` into its ``date`` header value (or None) and the text after it."""
    match = _HEADER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end():]


def json_rows(lines: Iterable[bytes], source: str, name: str) -> Iterator[JsonRow | DocumentError]:
    """Decode JSON lines, skipping blank ones; ``name`` prefixes default ids."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _json_row(line, f"{source}:{number}", f"{name}:{number}")


def row_document(row: JsonRow, published: str | None = None) -> ReadResult:
    """Build a document from a JSON row with ``id`` (optional), ``published`` and ``text``."""
    raw_id = row.data.get("id")
    doc_id = row.name if raw_id is None else str(raw_id)
    text = row.data.get("text")
    date = published or row.data.get("published")
    if not isinstance(text, str):
        return DocumentError(row.source, doc_id, _field_reason("text", text, "a string"))
    if date is None:
        reason = "missing field 'published' (or pass --published)"
        return DocumentError(row.source, doc_id, reason)
    return make_document(doc_id, text, date, row.source)


def make_document(doc_id: str, text: str, published: object, source: str) -> ReadResult:
    """A validated document, or why it is not one (empty text, unreadable date)."""
    if not text.strip():
        return DocumentError(source, doc_id, "empty text")
    try:
        parse_published(published)
    except PublishedDateError as err:
        return DocumentError(source, doc_id, str(err))
    return Document(doc_id, text, str(published).strip(), source)


def _is_input(path: Path, folder: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    return not hidden and path.suffix in SUFFIXES and path.is_file()


def _row_documents(
    rows: Iterable[JsonRow | DocumentError], published: str | None
) -> Iterator[ReadResult]:
    for row in rows:
        yield row if isinstance(row, DocumentError) else row_document(row, published)


def _json_row(line: bytes, source: str, name: str) -> JsonRow | DocumentError:
    text = _decode(line, None, source)
    if isinstance(text, DocumentError):
        return text
    try:
        data = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        return DocumentError(source, None, f"invalid JSON: {err.msg} at column {err.colno}")
    if not isinstance(data, dict):
        return DocumentError(source, None, f"expected a JSON object, found {type(data).__name__}")
    return JsonRow(source, name, data)


def _decode(data: bytes, doc_id: str | None, source: str) -> str | DocumentError:
    """Decode UTF-8 (dropping a byte-order mark); other encodings are reported, not guessed."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        byte = data[err.start]
        reason = f"not valid UTF-8 (byte 0x{byte:02x} at offset {err.start}); save it as UTF-8"
        return DocumentError(source, doc_id, reason)


def _field_reason(field: str, value: object, expected: str) -> str:
    if value is None:
        return f"missing field {field!r}"
    return f"field {field!r} must be {expected}, found {type(value).__name__}"


def _os_reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()

