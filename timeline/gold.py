"""Read gold files in the format of ``timex-da.md``.

One document a line::

    {"id", "published", "text",
     "timexes": [{"start", "end", "text", "type", "value", "mod"}],
     "ignore": [{"start", "end", "text"}]}

``value`` may be a list of equally accepted values. A gold file is a fixed
artefact, so any fault in it stops the evaluation with a ``GoldFormatError``
naming the line, instead of scoring a silently shortened corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.documents import (
    Document,
    DocumentError,
    JsonRow,
    input_files,
    read_json_rows,
    row_document,
)


class GoldFormatError(ValueError):
    """A gold file that cannot be read or does not follow the gold format."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text, ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """An annotated time expression; ``values`` holds every accepted value."""

    start: int
    end: int
    text: str
    type: str
    values: tuple[str, ...]
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A document with its annotated expressions and the spans scoring ignores."""

    document: Document
    timexes: tuple[GoldTimex, ...]
    ignore: tuple[Span, ...] = ()


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """The gold files named: a file as given; a folder's ``.jsonl`` files, recursively, in sorted
    path order (hidden ones skipped). A folder without any is a ``GoldFormatError``."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        inside = []
        for item in input_files(path):
            if isinstance(item, DocumentError):
                raise GoldFormatError(str(item))
            if item.suffix.lower() == ".jsonl":
                inside.append(item)
        if not inside:
            raise GoldFormatError(f"{path}: no .jsonl gold files in folder")
        found.extend(inside)
    return found


def load_gold(path: Path) -> list[GoldDocument]:
    """Every document of a gold file; raises GoldFormatError on the first fault."""
    return [gold_document(row) for row in _rows(path)]


def gold_document(row: JsonRow) -> GoldDocument:
    """One gold document from a decoded JSON row."""
    document = row_document(row)
    if isinstance(document, DocumentError):
        raise GoldFormatError(str(document))
    try:
        timexes = tuple(_timex(item, document.text) for item in row.data.get("timexes", []))
        ignore = tuple(_span(item, document.text) for item in row.data.get("ignore", []))
    except KeyError as err:
        raise GoldFormatError(f"{row.source}: a timex or ignore entry lacks field {err}") from None
    except (TypeError, ValueError) as err:
        raise GoldFormatError(f"{row.source}: {err}") from None
    return GoldDocument(document, timexes, ignore)


def _rows(path: Path) -> Iterator[JsonRow]:
    for row in read_json_rows(path):
        if isinstance(row, DocumentError):
            raise GoldFormatError(str(row))
        yield row


def _timex(item: dict[str, Any], text: str) -> GoldTimex:
    span = _span(item, text)
    value = item["value"]
    values = tuple(value) if isinstance(value, list) else (value,)
    if not values or not all(isinstance(v, str) for v in values):
        raise ValueError(f"timex {span.text!r}: value must be a string or a list of strings")
    mod = item.get("mod") or None
    return GoldTimex(span.start, span.end, span.text, str(item["type"]), values, mod)


def _span(item: dict[str, Any], text: str) -> Span:
    start, end = int(item["start"]), int(item["end"])
    if text[start:end] != item["text"]:
        raise ValueError(f"offsets {start}:{end} give {text[start:end]!r}, not {item['text']!r}")
    return Span(start, end, item["text"])
