"""Read news documents from files, folders and stdin, as a stream.

Readers stream ``Document | DocumentError`` in input order, one document at a
time: memory stays flat however large the corpus. Bad input is never an
exception: it becomes a ``DocumentError`` naming the source and the reason,
and reading goes on with the next document.

========== ================================================================
``.txt``    one document; may open with ``date <ISO date>`` (``readers.text``)
``.jsonl``  one ``{"id", "published", "text", ...}`` object a line
``.csv``    a header row with ``text`` (and ``id``, ``published``) columns
``.parquet`` the same columns, read in record batches
folder      every file above below it, recursively, in sorted order
``-``       stdin: JSON lines when it starts with ``{``, else one text
========== ================================================================

A file named on the command line with another suffix is read as ``.txt``.
In records, fields other than ``id``, ``published`` and ``text`` are kept as
``Document.extra``. Files that are not UTF-8 are decoded as described in
``timeline.readers.decoding`` and reported as warnings on the
``timeline.readers`` logger.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from timeline.readers.csvfile import count_csv, read_csv
from timeline.readers.decoding import decode_lines
from timeline.readers.jsonl import (
    JsonRow,
    count_jsonl,
    jsonl_documents,
    read_json_rows,
    read_jsonl,
    row_document,
)
from timeline.readers.parquet import count_parquet, read_parquet
from timeline.readers.results import Document, DocumentError, ReadResult, make_document, os_reason
from timeline.readers.text import read_text_file, split_header, text_document

__all__ = [
    "Document", "DocumentError", "JsonRow", "ReadResult", "count_documents", "make_document",
    "read_documents", "read_folder", "read_json_rows", "read_path", "read_stdin", "row_document",
    "split_header", "text_document",
]

STDIN = "-"
STDIN_NAME = "stdin"

Reader = Callable[[Path, str | None], Iterable[ReadResult]]
READERS: dict[str, Reader] = {
    ".txt": lambda path, published: [read_text_file(path, published)],
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".parquet": read_parquet,
}
COUNTERS: dict[str, Callable[[Path], int]] = {".jsonl": count_jsonl, ".csv": count_csv, ".parquet": count_parquet}
SUFFIXES = tuple(READERS)


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
    else:
        yield from READERS.get(path.suffix.lower(), READERS[".txt"])(path, published)


def read_folder(folder: Path, published: str | None = None) -> Iterator[ReadResult]:
    """Stream every input file under ``folder``, in sorted path order.

    Hidden files and folders (``.venv``, ``.git``) are skipped, and so are
    links to folders (no loops). A folder that cannot be listed is an error.
    """
    empty = True
    for item in input_files(folder):
        empty = False
        if isinstance(item, DocumentError):
            yield item
        else:
            yield from read_path(item, published)
    if empty:
        yield DocumentError(str(folder), None, f"no {', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]} files in folder")


def input_files(folder: Path) -> Iterator[Path | DocumentError]:
    """The input files under ``folder``, in the order ``sorted()`` gives their paths, found lazily."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield DocumentError(str(folder), None, os_reason(err))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from input_files(path)
        elif path.suffix.lower() in READERS and entry.is_file():
            yield path


def read_stdin(stream: BinaryIO, published: str | None = None) -> Iterator[ReadResult]:
    """Read stdin: JSON lines when it starts with ``{`` (streamed), else one plain-text document."""
    lines = iter(stream)
    blank = []
    first = b""
    for first in lines:
        if first.strip():
            break
        blank.append(first)
    rest = chain(blank, [first], lines)
    if first.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{"):
        yield from jsonl_documents(decode_lines(rest, STDIN_NAME), STDIN_NAME, STDIN_NAME, published)
    else:
        yield text_document(b"".join(rest), STDIN_NAME, STDIN_NAME, published)


def count_documents(inputs: Iterable[str]) -> int | None:
    """How many documents (or errors) reading ``inputs`` will give, for a progress bar.

    None when it cannot be known in advance (stdin). Cheap next to the
    analysis: file names, line counts and Parquet footers.
    """
    total = 0
    for name in inputs:
        if name == STDIN:
            return None
        total += _count(Path(name))
    return total


def _count(path: Path) -> int:
    if path.is_dir():
        return sum(1 if isinstance(file, DocumentError) else _count(file) for file in input_files(path)) or 1
    counter = COUNTERS.get(path.suffix.lower())
    try:
        return counter(path) if counter else 1
    except (OSError, ValueError):  # unreadable: reading reports it as one error
        return 1
