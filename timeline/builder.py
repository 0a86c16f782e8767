"""``build(documents) -> Timeline``: events of every document, ordered, as tables."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
from tqdm import tqdm

from normalise import PublishedDateError
from timeline.documents import Document, DocumentError
from timeline.events import Event, document_events
from timeline.merge import Merged, merge_reports
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
    with _without_cycle_collection():
        merged = merge_reports(events)
        ordered = order([m.event for m in merged])
        details = {m.event.event_id: m for m in merged}
        return Timeline(events_table(ordered, details), relations_table(ordered.relations), texts)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
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
    """One row per event in timeline order, with the columns of ``EVENT_COLUMNS``."""
    details = details or {}
    rows = [(*_event_row(e, rank, certainty), *_source_columns(e, details.get(e.event_id)))
            for e, rank, certainty in zip(ordered.events, ordered.ranks, ordered.certainties)]
    return pd.DataFrame.from_records(rows, columns=_ROW_ORDER).reindex(columns=list(EVENT_COLUMNS))


def _source_columns(event: Event, merged: Merged | None) -> tuple[str, str, str, str]:
    """sources, source_docs, narrowed_by, conflicts_with."""
    if merged is None:
        return event.event_id, event.doc_id, "", ""
    sources = merged.sources
    return ("; ".join(s.event_id for s in sources), "; ".join(dict.fromkeys(s.doc_id for s in sources)),
            merged.narrowed_by or "", "; ".join(merged.conflicts_with))


def _event_row(event: Event, rank: int, certainty: float) -> tuple[Any, ...]:
    """The event's own columns, in the order of ``_ROW_ORDER``."""
    expression = event.expression
    trigger = event.trigger
    hull = event.hull
    return (
        event.event_id, event.doc_id, event.published, event.sentence, event.sentence_text, event.start,
        event.end, trigger.text if trigger else "", trigger.start if trigger else -1,
        expression.text if expression else "", expression.start if expression else -1,
        expression.type.value if expression else "", expression.value if expression else "",
        (expression.mod or "") if expression else "", hull[0] if hull else None, hull[1] if hull else None,
        event.dated_by, "; ".join(f"{o.text} ({o.value})" for o in event.others), certainty, rank,
    )


_ROW_ORDER = ("event_id", "doc_id", "published", "sentence", "sentence_text", "start", "end", "trigger",
              "trigger_start", "expression", "expression_start", "type", "value", "mod", "earliest", "latest",
              "dated_by", "other_expressions", "certainty", "rank",
              "sources", "source_docs", "narrowed_by", "conflicts_with")


def relations_table(relations: Iterable[Relation]) -> pd.DataFrame:
    rows = [{"source": r.source.event_id, "target": r.target.event_id, "relation": r.relation,
             "certainty": r.certainty, "evidence": r.evidence} for r in relations]
    return pd.DataFrame.from_records(rows, columns=list(RELATION_COLUMNS))
