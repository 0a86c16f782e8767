"""``build(documents) -> Timeline``: events of every document, ordered, as tables."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from normalise import PublishedDateError
from timeline.documents import Document, DocumentError
from timeline.events import Event, document_events
from timeline.merge import Merged, Merging, merge
from timeline.model import EVENT_COLUMNS, RELATION_COLUMNS, Timeline
from timeline.ordering import Ordered, Relation, order

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
        merging = merge(events)
        ordered = order(merging.events)
        return Timeline(events_table(ordered, _details(merging)), relations_table(ordered.relations), texts)


def _details(merging: Merging) -> dict[str, Merged]:
    """event_id -> Merged for the events with more sources or conflicts (an event_id that two
    events share takes the last one's, as a dict of every merged event would)."""
    last = dict(zip((e.event_id for e in merging.events), range(len(merging.events))))
    return {event_id: merging.details[k] for event_id, k in last.items() if k in merging.details}


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: this stage makes millions of objects and no cycles,
    and every full collection would walk all the events of the corpus again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def as_document(item: DocumentLike | DocumentError) -> Document | DocumentError:
    """Accept the library's Document, a dict or an (id, text, published) tuple."""
    if isinstance(item, (Document, DocumentError)):
        return item
    if isinstance(item, Mapping):
        missing = [k for k in ("id", "text") if k not in item]
        if missing:
            return DocumentError("<dict>", str(item.get("id")), f"missing field(s): {', '.join(missing)}")
        return Document(str(item["id"]), str(item["text"]), item.get("published"), "<dict>")
    doc_id, text, published = item
    return Document(str(doc_id), str(text), None if published is None else str(published), "<tuple>")


def events_table(ordered: Ordered, details: Mapping[str, Merged] | None = None) -> pd.DataFrame:
    """One row per event in timeline order, with the columns of ``EVENT_COLUMNS``.

    ``details``: event_id -> Merged for merged or conflicting events; the others are
    their own only source. Built a column at a time (a row at a time is several times slower).
    """
    events = ordered.events
    if not events:  # no values to infer a column's type from: every column holds objects
        return pd.DataFrame.from_records([], columns=list(EVENT_COLUMNS))
    ids = [e.event_id for e in events]
    columns = {**_event_columns(events, ids), "certainty": list(ordered.certainties), "rank": list(ordered.ranks),
               **_source_columns(events, ids, details or {})}
    return pd.DataFrame({name: _typed(values, _DTYPES.get(name)) for name, values in columns.items()},
                        columns=list(EVENT_COLUMNS))


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


def _typed(values: Any, dtype: str | None) -> Any:
    """A column's values as an array of ``dtype`` (as given when None: pandas infers it)."""
    if dtype is None:
        return values
    return pd.array(values, dtype=dtype) if dtype == "str" else np.array(values, dtype=dtype)


def _source_columns(events: Sequence[Event], ids: list[str], details: Mapping[str, Merged]) -> dict[str, list[str]]:
    """sources, source_docs, narrowed_by, conflicts_with."""
    merged = [details.get(event_id) for event_id in ids] if details else [None] * len(ids)
    return {
        "sources": [event_id if m is None else "; ".join(s.event_id for s in m.sources)
                    for event_id, m in zip(ids, merged)],
        "source_docs": [e.doc_id if m is None else "; ".join(dict.fromkeys(s.doc_id for s in m.sources))
                        for e, m in zip(events, merged)],
        "narrowed_by": ["" if m is None else m.narrowed_by or "" for m in merged],
        "conflicts_with": ["" if m is None else "; ".join(m.conflicts_with) for m in merged],
    }


def _event_columns(events: Sequence[Event], ids: list[str]) -> dict[str, Any]:
    """The events' own columns (all but certainty, rank and the source columns)."""
    fields = [(e.doc_id, e.published, e.sentence, e.sentence_text, e.start, e.end, e.trigger, e.expression,
               e.hull, e.dated_by, e.others) for e in events]  # one visit per event, then by column
    (doc_ids, published, sentences, texts, starts, ends, triggers, expressions, hulls, dated_by,
     others) = (list(column) for column in zip(*fields)) if fields else ([] for _ in range(11))
    return {
        "event_id": ids, "doc_id": doc_ids, "published": published, "sentence": sentences,
        "sentence_text": texts, "start": starts, "end": ends,
        "trigger": [t.text if t else "" for t in triggers],
        "trigger_start": [t.start if t else -1 for t in triggers],
        "expression": [x.text if x else "" for x in expressions],
        "expression_start": [x.start if x else -1 for x in expressions],
        "type": [x.type.value if x else "" for x in expressions],
        "value": [x.value if x else "" for x in expressions],
        "mod": [(x.mod or "") if x else "" for x in expressions],
        "earliest": _moments([h[0] if h else None for h in hulls]),
        "latest": _moments([h[1] if h else None for h in hulls]),
        "dated_by": dated_by,
        "other_expressions": ["; ".join(f"{o.text} ({o.value})" for o in found) if found else ""
                              for found in others],
    }


def _moments(values: list[Any]) -> pd.Series:
    """A column of datetimes (or None) as pandas reads a list of them. Events share datetime
    objects, and reading one is slow: each distinct object is read once."""
    codes, _ = pd.factorize(np.fromiter(map(id, values), np.uint64, len(values)))  # in order of first sight
    _, first = np.unique(codes, return_index=True)
    distinct = [values[k] for k in first.tolist()]
    return pd.Series(distinct).take(codes).reset_index(drop=True)


def relations_table(relations: Iterable[Relation]) -> pd.DataFrame:
    """One row per relation, with the columns of ``RELATION_COLUMNS``; built a column at a time."""
    found = list(relations)
    if not found:  # no values to infer a column's type from: every column holds objects
        return pd.DataFrame.from_records([], columns=list(RELATION_COLUMNS))
    columns = {"source": [r.source.event_id for r in found], "target": [r.target.event_id for r in found],
               "relation": [r.relation for r in found], "certainty": [r.certainty for r in found],
               "evidence": [r.evidence for r in found]}
    return pd.DataFrame({name: _typed(values, _RELATION_DTYPES[name]) for name, values in columns.items()},
                        columns=list(RELATION_COLUMNS))
