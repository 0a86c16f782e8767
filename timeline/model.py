"""The timeline's tables: what every stage after extraction reads and writes.

``Timeline.events`` has one row per event, in timeline order (``rank``), with
the columns in ``EVENT_COLUMNS``; ``Timeline.relations`` one row per ordered
pair with evidence (``RELATION_COLUMNS``); ``Timeline.documents`` the analysed
text of every document, for exports that need it (TimeML).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Column -> meaning. Datetimes are timezone-aware (Europe/Copenhagen), end-exclusive.
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "stable id: '<doc_id>#<n>'",
    "doc_id": "document id",
    "published": "the document's publication time as given (any precision)",
    "sentence": "0-based sentence number in the document",
    "sentence_text": "the sentence (or clause) the event stands in",
    "start": "character offset of the sentence in the document text",
    "end": "end offset (exclusive) of the sentence",
    "trigger": "the word that names the event ('missilangreb', 'oplyser'), or empty",
    "trigger_start": "character offset of the trigger in the document text, or -1",
    "expression": "the time expression that dates the event, as written, or empty",
    "expression_start": "character offset of that expression, or -1",
    "type": "TIMEX3 type of the expression (DATE, TIME, ...), or empty",
    "value": "TIMEX3 value of the expression, or empty",
    "mod": "TIMEX3 mod, or empty",
    "earliest": "start of the interval the event lies in (None when undated)",
    "latest": "end (exclusive) of that interval (None when undated)",
    "dated_by": "'expression', 'inherited' (from an earlier sentence), 'publication' (reporting event) or 'undated'",
    "other_expressions": "the sentence's other time expressions, '; '-separated",
    "certainty": "how sure the event's place in the order is, 0-1 (share of possible publication times that agree)",
    "sources": "event_ids of every report merged into this event ('; '-separated; itself when reported once)",
    "source_docs": "doc_ids of those reports",
    "narrowed_by": "doc_id whose more precise date narrowed the interval (the event's own, when its text names "
                   "the publication day its stated date lacks: 'i dag, torsdag den 26. juli'), or empty",
    "conflicts_with": "event_ids of reports of the same story whose dates cannot overlap, or empty",
    "rank": "0-based position in timeline order (ties share a rank; undated events last)",
}

RELATION_COLUMNS: dict[str, str] = {
    "source": "event_id of the first event",
    "target": "event_id of the second event",
    "relation": "BEFORE, AFTER or OVERLAP (source relative to target)",
    "certainty": "share of possible publication times for which the relation holds, 0-1",
    "evidence": "why: 'intervals' or the Danish signal word ('efter', 'i kølvandet på', ...)",
}


def empty_events() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in EVENT_COLUMNS})


def empty_relations() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="object") for name in RELATION_COLUMNS})


@dataclass
class Timeline:
    """Events in order, the relations between them, and the texts they come from."""

    events: pd.DataFrame = field(default_factory=empty_events)
    relations: pd.DataFrame = field(default_factory=empty_relations)
    documents: dict[str, str] = field(default_factory=dict)
