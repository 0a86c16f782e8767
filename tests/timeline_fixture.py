"""A small hand-made Timeline for testing charts and exports without the builder."""

from __future__ import annotations

import pandas as pd
import pendulum

from timeline.model import EVENT_COLUMNS, RELATION_COLUMNS, Timeline

ZONE = "Europe/Copenhagen"


def _t(text: str) -> pendulum.DateTime:
    return pendulum.parse(text, tz=ZONE)  # type: ignore[return-value]


TEXT = ("I begyndelsen af december var basen udsat for et missilangreb. "
        "Angrebet sker efter drabet på Soleimani i sidste uge. "
        "Det første nedslag ramte omkring klokken 00.30 dansk tid. "
        "Det oplyser Forsvaret kort før klokken et natten til onsdag. "
        "Basen ligger i Irak.")
OTHER = 'Pentagon: "<script>alert(1)</script>" =HYPERLINK("x") skete i går.'


def sample_timeline() -> Timeline:
    rows = [
        ("ain#0", "ain", 0, "missilangreb", "begyndelsen af december", "DATE", "2019-12", "START",
         "2019-12-01T00:00", "2019-12-11T08:00", "expression", 0),
        ("ain#1", "ain", 1, "drabet", "sidste uge", "DATE", "2020-W01", "",
         "2019-12-30T00:00", "2020-01-06T00:00", "expression", 1),
        ("pentagon#0", "pentagon", 0, "skete", "i går", "DATE", "2020-01-07", "",
         "2020-01-07T00:00", "2020-01-08T00:00", "expression", 2),
        ("ain#2", "ain", 2, "ramte", "omkring klokken 00.30 dansk tid", "TIME", "2020-01-08T00:30", "APPROX",
         "2020-01-08T00:15", "2020-01-08T00:46", "expression", 3),
        ("ain#3", "ain", 3, "oplyser", "kort før klokken et natten til onsdag", "TIME", "2020-01-08T01:00",
         "BEFORE", "2020-01-08T00:00", "2020-01-08T01:00", "expression", 4),
        ("ain#4", "ain", 4, "", "", "", "", "", None, None, "undated", 5),
    ]
    texts = {"ain": TEXT, "pentagon": OTHER}
    records = []
    for event_id, doc, sentence, trigger, expression, type_, value, mod, earliest, latest, dated_by, rank in rows:
        text = texts[doc]
        sentences = [s + "." for s in text.split(". ") if s]
        sentence_text = sentences[sentence].rstrip(".") + "." if sentence < len(sentences) else text
        start = text.find(sentence_text.rstrip("."))
        records.append({
            "event_id": event_id, "doc_id": doc, "published": "2020-01-08T01:15", "sentence": sentence,
            "sentence_text": sentence_text, "start": start, "end": start + len(sentence_text),
            "trigger": trigger, "trigger_start": text.find(trigger) if trigger else -1,
            "expression": expression, "expression_start": text.find(expression) if expression else -1,
            "type": type_, "value": value, "mod": mod,
            "earliest": _t(earliest) if earliest else None, "latest": _t(latest) if latest else None,
            "dated_by": dated_by, "other_expressions": "", "certainty": 1.0 if earliest else 0.0, "rank": rank,
        })
    events = pd.DataFrame.from_records(records, columns=list(EVENT_COLUMNS))
    relations = pd.DataFrame.from_records([
        {"source": "ain#0", "target": "ain#1", "relation": "BEFORE", "certainty": 1.0, "evidence": "intervals"},
        {"source": "ain#1", "target": "ain#2", "relation": "BEFORE", "certainty": 1.0,
         "evidence": "i kølvandet på"},
        {"source": "ain#2", "target": "ain#3", "relation": "OVERLAP", "certainty": 0.8, "evidence": "intervals"},
    ], columns=list(RELATION_COLUMNS))
    return Timeline(events=events, relations=relations, documents=texts)
