"""The per-document work of ``extract`` and ``build`` over a corpus, on any pool of workers.

Reading happens here, in this process; each document then goes to the pool
(``timeline.parallel``), which computes only what is new (the expressions, or
the events with their readings) and sends back no text. Results come back in
input order, failures in place, so every input item gives exactly one outcome:
a result or a ``DocumentError``.

For ``build``, the events of all documents are merged and ordered once, at the
end, by the builder (``timeline.builder.timeline_from_events``): ``timeline_of``
is ``timeline.build`` for events computed elsewhere. Input fields beyond
``id``, ``published`` and ``text`` become extra columns of the events table
(named as in ``timeline.writers.extra_columns``).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa

from normalise import PublishedDateError, TimexError
from normalise.frozen import reduce_by_fields
from timeline.builder import timeline_from_events
from timeline.documents import Document, DocumentError, ReadResult
from timeline.events import Event, document_events
from timeline.extraction import Extracted, find_expressions
from timeline.memory import without_cycle_collection
from timeline.model import EVENT_COLUMNS, Timeline
from timeline.parallel import IN_PROCESS, Packing, Pool, map_in_order
from timeline.reports import Reports, reports_of
from timeline.rows import PackedRows, event_rows, packed_rows, unpacked_rows
from timeline.writers import extra_columns

R = TypeVar("R")
O = TypeVar("O")


@dataclass(frozen=True, slots=True)
class DocumentEvents:
    """A document and its events, in text order."""

    document: Document
    events: tuple[Event, ...]

    __reduce__ = reduce_by_fields


def extract_corpus(items: Iterable[ReadResult], pool: Pool = IN_PROCESS) -> Iterator[Extracted | DocumentError]:
    """The expressions of every document, in input order; read errors pass through."""
    return _outcomes(find_expressions, Extracted, items, pool)


def corpus_events(items: Iterable[ReadResult], pool: Pool = IN_PROCESS) -> Iterator[DocumentEvents | DocumentError]:
    """The events of every document, in input order; read errors pass through."""
    return _outcomes(events_of, DocumentEvents, items, pool)


@dataclass(frozen=True, slots=True)
class SpilledEvents:
    """A document's events as a worker sends them for a streamed build: their rows of the events
    table (``timeline.rows``) and their reports."""

    reports: Reports
    rows: pa.RecordBatch

    def __reduce__(self) -> tuple[Any, tuple[Reports, PackedRows]]:
        return _spilled, (self.reports, packed_rows(self.rows, sliced=True))  # a slice of its batch's rows


def _spilled(reports: Reports, rows: PackedRows) -> SpilledEvents:
    return SpilledEvents(reports, unpacked_rows(rows))


@dataclass(frozen=True, slots=True)
class _Unrowed:
    """A document's events and reports, before the rows of its batch are laid out together."""

    document: Document
    events: tuple[Event, ...]
    reports: Reports


def _unrowed(document: Document) -> _Unrowed | DocumentError:
    """What a worker computes for each document of a streamed build."""
    found = events_of(document)
    if isinstance(found, DocumentError):
        return found
    return _Unrowed(document, found, reports_of(found))


@dataclass(frozen=True, slots=True)
class _SpilledBatch:
    """A batch of documents' ``SpilledEvents`` as they travel: the rows of all their events in
    one record batch (laid out, sent and loaded in one piece; each document's is a slice of it),
    and per document its reports, or why it failed."""

    outcomes: list[Reports | DocumentError]
    rows: pa.RecordBatch

    def __reduce__(self) -> tuple[Any, tuple[list[Reports | DocumentError], PackedRows]]:
        return _unpacked_batch, (self.outcomes, packed_rows(self.rows))

    def spilled(self) -> list[SpilledEvents | DocumentError]:
        """Each document's outcome, its rows a slice of the batch's."""
        outcomes: list[SpilledEvents | DocumentError] = []
        offset = 0
        for outcome in self.outcomes:
            if isinstance(outcome, Reports):
                outcomes.append(SpilledEvents(outcome, self.rows.slice(offset, len(outcome))))
                offset += len(outcome)
            else:
                outcomes.append(outcome)
        return outcomes


def _unpacked_batch(outcomes: list[Reports | DocumentError], rows: PackedRows) -> _SpilledBatch:
    return _SpilledBatch(outcomes, unpacked_rows(rows))


def _spilled_batch(found: list[_Unrowed | DocumentError]) -> _SpilledBatch:
    """The rows of a batch's documents laid out at once (a record batch per document cost more
    than its events' share); a document whose rows cannot be laid out fails alone, as it would
    have on its own."""
    try:
        rows = _rows_of(found)
    except Exception:  # noqa: BLE001  (a bug met on some document: each one it fails becomes its failure)
        found = [(_rows_failure(item) or item) if isinstance(item, _Unrowed) else item for item in found]
        rows = _rows_of(found)
    return _SpilledBatch([item.reports if isinstance(item, _Unrowed) else item for item in found], rows)


def _rows_of(found: list[_Unrowed | DocumentError]) -> pa.RecordBatch:
    return event_rows([event for item in found if isinstance(item, _Unrowed) for event in item.events])


def _rows_failure(item: _Unrowed) -> DocumentError | None:
    """Why the document's rows cannot be laid out, if they cannot (as ``_on_document`` reports it)."""
    try:
        event_rows(item.events)
    except Exception as err:  # noqa: BLE001
        return DocumentError(item.document.source, item.document.id, internal_error(err))
    return None


def corpus_spilled(items: Iterable[ReadResult], pool: Pool = IN_PROCESS) -> Iterator[DocumentSpilled | DocumentError]:
    """Each document's ``SpilledEvents``, in input order; read errors pass through."""
    return _outcomes(_unrowed, DocumentSpilled, items, pool, Packing(_spilled_batch, _SpilledBatch.spilled))


@dataclass(frozen=True, slots=True)
class DocumentSpilled:
    """A document and its events as a worker sent them."""

    document: Document
    spilled: SpilledEvents


def events_of(document: Document) -> tuple[Event, ...] | DocumentError:
    """One document's events with their readings: what a worker computes for ``build``."""
    try:
        return tuple(document_events(document.id, document.text, document.published))
    except PublishedDateError as err:
        return DocumentError(document.source, document.id, str(err))


def timeline_of(documents: Iterable[DocumentEvents], collected: Callable[[int], None] | None = None) -> Timeline:
    """Merge and order the events of all documents at once and table them, with the documents' extra columns.

    ``collected``: told how many events there are once all have come in (for a progress line).

    Python's cycle collector pauses while the events come in (from the pool: loading them is
    this process's share of the work) and until they are freed: they hold no cycles, and every
    full collection would walk all the events received so far again, which cost more than
    loading them did (the first collection after the pause, with the events still alive, took
    9 s of a 100,000-article build).
    """
    events: list[Event] = []
    texts: dict[str, str] = {}
    extras: dict[str, Mapping[str, Any]] = {}
    with without_cycle_collection():
        for item in documents:
            events.extend(item.events)
            texts[item.document.id] = item.document.text
            extras[item.document.id] = item.document.extra
        if collected is not None:
            collected(len(events))
        timeline = timeline_from_events(events, texts)
        events.clear()
    timeline.events = with_extra_columns(timeline.events, extras)
    return timeline


def with_extra_columns(table: pd.DataFrame, extras: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """``table`` with a column for each extra input field, looked up by ``doc_id``."""
    return ExtraColumns.of(extras).added_to(table)


@dataclass(frozen=True, slots=True)
class ExtraColumns:
    """The extra input fields of documents as columns of their events (``writers.extra_columns``)."""

    by_doc: dict[str, dict[str, Any]]  # doc_id -> column -> value (a document not named has none)
    names: list[str]  # every column, in the order the documents first name them

    @classmethod
    def of(cls, extras: Mapping[str, Mapping[str, Any]]) -> ExtraColumns:
        columns = {doc_id: extra_columns(extra, EVENT_COLUMNS) for doc_id, extra in extras.items()}
        return cls(columns, list(dict.fromkeys(name for row in columns.values() for name in row)))

    def added_to(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with the columns, looked up by its ``doc_id``."""
        if not self.names:
            return table
        rows = [self.by_doc.get(doc_id, {}) for doc_id in table["doc_id"]]
        values = {name: [row.get(name) for row in rows] for name in self.names}
        return pd.concat([table, pd.DataFrame(values, index=table.index, dtype=object)], axis=1)


def _outcomes(work: Callable[[Document], Any], wrap: Callable[[Document, R], O], items: Iterable[ReadResult],
              pool: Pool, packing: Packing | None = None) -> Iterator[O | DocumentError]:
    """``wrap(document, work(document))`` for each document, in order, ``work`` on the pool (with
    ``packing``, what ``packing.unpack`` gives back for the document instead of ``work``'s result)."""
    for item, found in map_in_order(partial(_on_document, work), items, pool, packing):
        if isinstance(found, DocumentError):
            yield found
        elif isinstance(item, Document):
            yield wrap(item, found)


def _on_document(work: Callable[[Document], R | DocumentError], item: ReadResult) -> R | DocumentError:
    """``work`` on a document; a read error is passed on as it is. An error of the toolkit's own on
    one document fails that document, named, not the run: a corpus run is hours of other work."""
    if isinstance(item, DocumentError):
        return item
    try:
        return work(item)
    except TimexError:  # the toolkit's own: the run cannot go on (a broken lexicon), as the CLI says
        raise
    except Exception as err:  # noqa: BLE001  (any other: each is reported with the document it came from)
        return DocumentError(item.source, item.id, internal_error(err))


def internal_error(err: Exception) -> str:
    """A failure reason for a bug met on a document: what was raised and where, to report."""
    frames = traceback.extract_tb(err.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"internal error, please report it with this document: {type(err).__name__}: {err}{where}"


def successes(outcomes: Iterable[R | DocumentError], failed: Callable[[DocumentError], None]) -> Iterator[R]:
    """The outcomes that are not errors; each error goes to ``failed`` as it passes."""
    for outcome in outcomes:
        if isinstance(outcome, DocumentError):
            failed(outcome)
        else:
            yield outcome

