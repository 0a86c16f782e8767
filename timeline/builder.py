"""``build(documents) -> Timeline``: events of every document, ordered, as tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from normalise import PublishedDateError
from timeline.documents import Document, DocumentError
from timeline.events import Event, document_events
from timeline.instants import utc_microseconds
from timeline.memory import release_freed_memory, without_cycle_collection
from timeline.merge import Merged, Merging, merge
from timeline.model import EVENT_COLUMNS, RELATION_COLUMNS, Timeline
from timeline.ordering import Ordered, Relation, order
from timeline.readers.decoding import LOG
from timeline.readers.surrogates import has_lone_surrogate, without_lone_surrogates

if TYPE_CHECKING:  # spaCy loads only when a pipeline is passed
    from spacy.language import Language

DocumentLike = Document | Mapping[str, Any] | tuple[str, str, object]


@dataclass(frozen=True, slots=True)
class Built:
    """A timeline and the documents that could not be used, with why."""

    timeline: Timeline
    failures: tuple[DocumentError, ...]


def build(documents: Iterable[DocumentLike], nlp: Language | None = None, progress: bool = False) -> Timeline:
    """The timeline of a set of documents.

    ``documents``: ``timeline.Document`` objects, dicts with ``id``, ``text`` and
    ``published``, or ``(id, text, published)`` tuples. A document whose
    publication time cannot be read is left out; use ``build_with_failures`` to
    see which. ``nlp``: a Danish spaCy pipeline for sentences (default: a blank
    one with the engine's sentence splitter).
    """
    return build_with_failures(documents, nlp, progress).timeline


def build_with_failures(documents: Iterable[DocumentLike], nlp: Language | None = None,
                        progress: bool = False) -> Built:
    events: list[Event] = []
    texts: dict[str, str] = {}
    failures: list[DocumentError] = []
    with without_cycle_collection():  # the events so far would be walked by every collection
        for item in tqdm(documents, desc="documents", unit="doc", disable=not progress):
            document = as_document(item)
            if isinstance(document, DocumentError):
                failures.append(document)
                continue
            try:
                events.extend(document_events(document.id, document.text, document.published, nlp))
            except PublishedDateError as err:
                failures.append(DocumentError(document.source, document.id, str(err)))
                continue
            texts[document.id] = document.text
    return Built(timeline_from_events(events, texts), tuple(failures))


def timeline_from_events(events: Sequence[Event], texts: dict[str, str]) -> Timeline:
    """Merge reports across documents, order the events, and lay them out as tables."""
    with without_cycle_collection():
        timeline = _tabled(events, texts)
    release_freed_memory()  # merging, ordering and tabling freed more than the tables hold
    return timeline


def _tabled(events: Sequence[Event], texts: dict[str, str]) -> Timeline:
    merging = merge(events)
    ordered = order(merging.events)
    return Timeline(events_table(ordered, _details(merging)), relations_table(ordered.relations), texts)


def _details(merging: Merging) -> dict[str, Merged]:
    """event_id -> Merged for the events with more sources or conflicts (an event_id that two
    events share takes the last one's, as a dict of every merged event would)."""
    last = dict(zip((e.event_id for e in merging.events), range(len(merging.events))))
    return {event_id: merging.details[k] for event_id, k in last.items() if k in merging.details}


def as_document(item: DocumentLike | DocumentError) -> Document | DocumentError:
    """Accept the library's Document, a dict or an (id, text, published) tuple."""
    if isinstance(item, DocumentError):
        return item
    if isinstance(item, Document):
        document = item
    elif isinstance(item, Mapping):
        missing = [k for k in ("id", "text") if k not in item]
        if missing:
            return DocumentError("<dict>", str(item.get("id")), f"missing field(s): {', '.join(missing)}")
        document = Document(str(item["id"]), str(item["text"]), item.get("published"), "<dict>")
    elif isinstance(item, (tuple, list)) and len(item) == 3:
        doc_id, text, published = item
        document = Document(str(doc_id), str(text), None if published is None else str(published), "<tuple>")
    else:
        raise TypeError(f"a document is a timeline.Document, a dict with id, text and published, or an "
                        f"(id, text, published) tuple; got {type(item).__name__} {_shown(item)}")
    return _encodable(document)


def _shown(item: object, width: int = 60) -> str:
    """``repr(item)``, cut to ``width`` characters for a message."""
    text = repr(item)
    return text if len(text) <= width else text[:width - 3] + "..."


def _encodable(document: Document) -> Document:
    """The document with lone surrogates (from Python code, not from a reader: readers clean
    theirs) read as U+FFFD, so that its events can be tabled and written."""
    fields = (document.id, document.text, dict(document.extra))
    if not has_lone_surrogate(list(fields)):
        return document
    doc_id, text, extra = without_lone_surrogates(list(fields))
    LOG.warning("%s: a lone surrogate (\\ud800-\\udfff) is no character; read as U+FFFD", doc_id)
    return replace(document, id=doc_id, text=text, extra=extra)


def events_table(ordered: Ordered, details: Mapping[str, Merged] | None = None) -> pd.DataFrame:
    """One row per event in timeline order, with the columns of ``EVENT_COLUMNS``.

    ``details``: event_id -> Merged for merged or conflicting events; the others are
    their own only source. Built a column at a time (a row at a time is several times slower);
    each column's values are made as they are typed, not listed first: the values of all
    columns at once, as Python objects, take more memory than the finished table.
    """
    events = ordered.events
    if not events:  # no values to infer a column's type from: every column holds objects
        return pd.DataFrame.from_records([], columns=list(EVENT_COLUMNS))
    ids = [e.event_id for e in events]
    columns = {**_event_columns(events, ids), "certainty": lambda: ordered.certainties, "rank": lambda: ordered.ranks,
               **_source_columns(events, ids, details or {})}
    return pd.DataFrame({name: _typed(values, _DTYPES.get(name), len(events)) for name, values in columns.items()},
                        columns=list(EVENT_COLUMNS))


# A column's values, made when the table takes it (again if it needs them twice).
Column = Callable[[], Iterable[Any]]

# The dtype pandas infers for the columns of plain values, given up front: inferring it from
# a list of Python objects takes several times longer. The other columns are left to pandas.
_DTYPES: dict[str, str] = {
    **dict.fromkeys(("sentence", "start", "end", "trigger_start", "expression_start", "rank"), "int64"),
    "certainty": "float64",
    **dict.fromkeys(("event_id", "doc_id", "published", "sentence_text", "trigger", "expression", "type", "value",
                     "mod", "dated_by", "other_expressions", "sources", "source_docs", "narrowed_by",
                     "conflicts_with"), "str"),
}


_RELATION_DTYPES = {"source": "str", "target": "str", "relation": "str", "certainty": "float64", "evidence": "str"}


def _typed(values: Column, dtype: str | None, count: int) -> Any:
    """A column of ``count`` values as an array of ``dtype`` (when None: as made, for pandas to read)."""
    if dtype is None:
        return values()
    if dtype == "str":
        return _text_array(values, count)
    return np.fromiter(values(), dtype=dtype, count=count)


def _text_array(values: Column, count: int) -> Any:
    """``pd.array(list(values()), dtype="str")``: the same Arrow strings, each value converted as
    it is made (the whole column never stands as Python strings), with the system's allocator.

    Arrow's own allocator keeps the memory a column's buffers outgrew while they were built
    (twice the column, and more) for later Arrow allocations; the system's gives it back.
    """
    try:
        strings = pa.array(values(), type=pa.large_string(), size=count, memory_pool=pa.system_memory_pool())
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: as pandas converts it
        return pd.array(list(values()), dtype="str")
    return pd.array(strings, dtype="str")  # wraps the Arrow array as it is


def _source_columns(events: Sequence[Event], ids: list[str], details: Mapping[str, Merged]) -> dict[str, Column]:
    """sources, source_docs, narrowed_by, conflicts_with."""
    merged = [details.get(event_id) for event_id in ids] if details else [None] * len(ids)
    return {
        "sources": lambda: (event_id if m is None else "; ".join(s.event_id for s in m.sources)
                            for event_id, m in zip(ids, merged)),
        "source_docs": lambda: (e.doc_id if m is None else "; ".join(dict.fromkeys(s.doc_id for s in m.sources))
                                for e, m in zip(events, merged)),
        "narrowed_by": lambda: (_narrowed_by(e, m) for e, m in zip(events, merged)),
        "conflicts_with": lambda: ("" if m is None else "; ".join(m.conflicts_with) for m in merged),
    }


def _narrowed_by(event: Event, merged: Merged | None) -> str:
    """The document whose more precise date narrowed an event: another report's, or its own, when its
    text names the publication day its stated date lacks ("i dag, torsdag den 26. juli")."""
    if merged is not None and merged.narrowed_by:
        return merged.narrowed_by
    return event.doc_id if event.pinned else ""


def _event_columns(events: Sequence[Event], ids: list[str]) -> dict[str, Column]:
    """The events' own columns (all but certainty, rank and the source columns)."""
    triggers, expressions, hulls = (list(map(attrgetter(name), events)) for name in ("trigger", "expression", "hull"))
    return {
        "event_id": lambda: ids, "doc_id": _field(events, "doc_id"), "published": _field(events, "published"),
        "sentence": _field(events, "sentence"), "sentence_text": _field(events, "sentence_text"),
        "start": _field(events, "start"), "end": _field(events, "end"),
        "trigger": lambda: (t.text if t else "" for t in triggers),
        "trigger_start": lambda: (t.start if t else -1 for t in triggers),
        "expression": lambda: (x.text if x else "" for x in expressions),
        "expression_start": lambda: (x.start if x else -1 for x in expressions),
        "type": lambda: (x.type.value if x else "" for x in expressions),
        "value": lambda: (x.value if x else "" for x in expressions),
        "mod": lambda: ((x.mod or "") if x else "" for x in expressions),
        "earliest": lambda: _moments([h[0] if h else None for h in hulls]),
        "latest": lambda: _moments([h[1] if h else None for h in hulls]),
        "dated_by": _field(events, "dated_by"),
        "other_expressions": lambda: ("; ".join(f"{o.text} ({o.value})" for o in found) if found else ""
                                      for found in map(attrgetter("others"), events)),
    }


def _field(items: Sequence[Any], name: str) -> Column:
    """The column of the items' attribute ``name``."""
    return lambda: map(attrgetter(name), items)


def _moments(values: list[Any]) -> pd.Series:
    """A column of datetimes (or None) as pandas reads a list of them. Events share datetime
    objects, and reading one is slow: each distinct object is read once."""
    codes, _ = pd.factorize(np.fromiter(map(id, values), np.uint64, len(values)))  # in order of first sight
    _, first = np.unique(codes, return_index=True)
    distinct = [values[k] for k in first.tolist()]
    return _read_moments(distinct).take(codes).reset_index(drop=True)


def _read_moments(moments: list[Any]) -> pd.Series:
    """``pd.Series(moments)`` for datetimes (or None). When all are aware and share one time zone
    object (the engine's Europe/Copenhagen), from their UTC microseconds, twice as fast
    than pandas reading each object; it comes to the same column."""
    known = [m for m in moments if m is not None]
    zone = known[0].tzinfo if known else None
    if zone is None or not all(isinstance(m, datetime) and m.tzinfo is zone for m in known):
        return pd.Series(moments)
    micro = np.fromiter((_MISSING if m is None else utc_microseconds(m) for m in moments), np.int64, len(moments))
    utc = pd.DatetimeIndex(micro.view("datetime64[us]"), tz="UTC")
    return pd.Series(utc.tz_convert(zone))


_MISSING = np.iinfo(np.int64).min  # NaT


def relations_table(relations: Iterable[Relation]) -> pd.DataFrame:
    """One row per relation, with the columns of ``RELATION_COLUMNS``; built a column at a time."""
    found = list(relations)
    if not found:  # no values to infer a column's type from: every column holds objects
        return pd.DataFrame.from_records([], columns=list(RELATION_COLUMNS))
    columns: dict[str, Column] = {
        "source": lambda: (r.source.event_id for r in found), "target": lambda: (r.target.event_id for r in found),
        "relation": _field(found, "relation"), "certainty": _field(found, "certainty"),
        "evidence": _field(found, "evidence")}
    return pd.DataFrame({name: _typed(values, _RELATION_DTYPES[name], len(found)) for name, values in columns.items()},
                        columns=list(RELATION_COLUMNS))
