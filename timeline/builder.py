"""``build(documents) -> Timeline``: events of every document, ordered, as tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from normalise import PublishedDateError
from timeline.documents import Document, DocumentError
from timeline.events import Event, document_events
from timeline.memory import release_freed_memory, without_cycle_collection
from timeline.merge import Merging, Said, merge
from timeline.model import RELATION_COLUMNS, Timeline
from timeline.ordering import Ordered, Relation, order
from timeline.readers.decoding import LOG
from timeline.readers.surrogates import has_lone_surrogate, without_lone_surrogates
from timeline.rows import Column, event_rows, events_frame, field_of, text_array

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


def _details(merging: Merging) -> dict[str, Said]:
    """event_id -> what the table says of the events with more sources or conflicts (an event_id
    that two events share takes the last one's, as a dict of every merged event would)."""
    last = dict(zip((e.event_id for e in merging.events), range(len(merging.events))))
    return {event_id: merging.details[k].said() for event_id, k in last.items() if k in merging.details}


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


def events_table(ordered: Ordered, details: Mapping[str, Said] | None = None) -> pd.DataFrame:
    """One row per event in timeline order, with the columns of ``EVENT_COLUMNS``.

    ``details``: event_id -> what to say of merged or conflicting events; the others are
    their own only source. Made as a streamed build makes it (``timeline.rows``).
    """
    return events_frame(event_rows(ordered.events), ordered.ranks, ordered.certainties, details or {})


_RELATION_DTYPES = {"source": "str", "target": "str", "relation": "str", "certainty": "float64", "evidence": "str"}


def _typed(values: Column, dtype: str, count: int) -> Any:
    """A column of ``count`` values as an array of ``dtype``."""
    if dtype == "str":
        return _text_array(values, count)
    return np.fromiter(values(), dtype=dtype, count=count)


def _text_array(values: Column, count: int) -> Any:
    """``pd.array(list(values()), dtype="str")``: the same Arrow strings, each value converted as
    it is made (``timeline.rows.text_array``), wrapped as they are."""
    return pd.array(text_array(values, count), dtype="str")


def relations_table(relations: Iterable[Relation]) -> pd.DataFrame:
    """One row per relation, with the columns of ``RELATION_COLUMNS``; built a column at a time."""
    found = list(relations)
    if not found:  # no values to infer a column's type from: every column holds objects
        return pd.DataFrame.from_records([], columns=list(RELATION_COLUMNS))
    columns: dict[str, Column] = {
        "source": lambda: (r.source.event_id for r in found), "target": lambda: (r.target.event_id for r in found),
        "relation": field_of(found, "relation"), "certainty": field_of(found, "certainty"),
        "evidence": field_of(found, "evidence")}
    return pd.DataFrame({name: _typed(values, _RELATION_DTYPES[name], len(found)) for name, values in columns.items()},
                        columns=list(RELATION_COLUMNS))
