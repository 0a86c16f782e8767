"""Run the engine over a stream of documents, keeping failures in the stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import normalise
from normalise import PublishedDateError, TimeExpression
from timeline.documents import Document, DocumentError, ReadResult


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document and the time expressions found in it."""

    document: Document
    expressions: tuple[TimeExpression, ...]


def extract_documents(items: Iterable[ReadResult]) -> Iterator[Extracted | DocumentError]:
    """Extract from every document in order; read errors pass through unchanged."""
    for item in items:
        yield item if isinstance(item, DocumentError) else extract_document(item)


def extract_document(document: Document) -> Extracted | DocumentError:
    """Extract from one document; an unreadable publication time becomes a DocumentError."""
    found = find_expressions(document)
    return found if isinstance(found, DocumentError) else Extracted(document, found)


def find_expressions(document: Document) -> tuple[TimeExpression, ...] | DocumentError:
    """The time expressions of one document, or why it has none to give.

    What a worker process computes: the document itself need not travel back.
    """
    try:
        return tuple(normalise.extract(document.text, document.published))
    except PublishedDateError as err:
        return DocumentError(document.source, document.id, str(err))
