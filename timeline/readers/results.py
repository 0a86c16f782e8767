"""What readers yield: a ``Document``, or a ``DocumentError`` saying why there is none.

Every format (``.txt``, ``.jsonl``, ``.csv``, ``.parquet``, stdin) ends in
``make_document`` or ``record_document`` here, so a document is checked the
same way whatever file it came from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from normalise import PublishedDateError, parse_published
from normalise.frozen import reduce_by_fields

# The fields a record (a JSON line, a CSV or Parquet row) must or may have; any other is an extra.
ID, PUBLISHED, TEXT = "id", "published", "text"
RECORD_FIELDS = (ID, PUBLISHED, TEXT)


@dataclass(frozen=True, slots=True)
class Document:
    """One text to analyse, with its publication time as given (validated by readers).

    ``extra`` holds the record's other fields (a CSV column ``outlet``, a JSON
    key ``url``), carried through to the outputs unchanged.
    """

    id: str
    text: str
    published: str | None
    source: str
    extra: Mapping[str, Any] = field(default_factory=dict)

    __reduce__ = reduce_by_fields  # sent to and from the workers once per document


@dataclass(frozen=True, slots=True)
class DocumentError:
    """A document that could not be read; ``str()`` gives one line for stderr."""

    source: str
    doc_id: str | None
    reason: str

    __reduce__ = reduce_by_fields

    def __str__(self) -> str:
        return f"{self.doc_id or self.source}: {' '.join(self.reason.split())}"


ReadResult = Document | DocumentError


def record_document(fields: Mapping[str, Any], source: str, name: str,
                    published: str | None = None) -> ReadResult:
    """A document from a record with ``text``, ``published`` and (optionally) ``id``.

    ``name`` is the id of a record without one (``docs.jsonl:3``); ``published``
    overrides the record's own. Other fields become ``Document.extra``.
    """
    raw_id = fields.get(ID)
    doc_id = name if raw_id is None or raw_id == "" else str(raw_id)
    text = fields.get(TEXT)
    date_value = published or fields.get(PUBLISHED)
    if not isinstance(text, str):
        return DocumentError(source, doc_id, field_reason(TEXT, text, "a string"))
    if date_value is None or date_value == "":
        return DocumentError(source, doc_id, f"missing field {PUBLISHED!r} (or pass --published)")
    extra = {key: value for key, value in fields.items() if key not in RECORD_FIELDS}
    return make_document(doc_id, text, date_value, source, extra)


def make_document(doc_id: str, text: str, published: object, source: str,
                  extra: Mapping[str, Any] | None = None) -> ReadResult:
    """A validated document, or why it is not one (empty text, unreadable date)."""
    if not text.strip():
        return DocumentError(source, doc_id, "empty text")
    when = published_text(published)
    try:
        parse_published(when)
    except PublishedDateError as err:
        return DocumentError(source, doc_id, str(err))
    return Document(doc_id, text, when, source, dict(extra or {}))


def published_text(value: object) -> str:
    """A publication time as the string documents keep: ISO for dates and datetimes."""
    if isinstance(value, date):  # datetime and pandas.Timestamp too (Parquet, CSV via pandas)
        return value.isoformat()
    return str(value).strip()


def field_reason(name: str, value: object, expected: str) -> str:
    """``missing field 'text'`` or ``field 'text' must be a string, found int``."""
    if value is None:
        return f"missing field {name!r}"
    return f"field {name!r} must be {expected}, found {type(value).__name__}"


def os_reason(err: OSError) -> str:
    """An OS error as a lower-case reason: ``no such file or directory``."""
    return (os.strerror(err.errno) if err.errno else err.strerror or str(err)).lower()
