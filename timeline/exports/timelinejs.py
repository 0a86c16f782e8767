"""TimelineJS: the JSON its web component loads (``new TL.Timeline(id, url_or_object)``).

``{"events": [{"start_date": {...}, "end_date": {...}, "text": {"headline", "text"},
"group": doc_id}]}``, one slide per dated event in timeline order; undated events
are left out. Date parts are integers in Europe/Copenhagen wall-clock time.
All-day spans give ``year``/``month``/``day`` with the *last* day as
``end_date`` (TimelineJS ends are inclusive); clock-time spans add ``hour`` and
``minute`` and end at the interval's exclusive end. TimelineJS renders
``headline``, ``text`` and ``group`` as HTML, so they are HTML-escaped here.

Use :func:`to_timelinejs` for the dict, or export to a file named ``*.timelinejs.json``.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from timeline import jsontext
from timeline.exports._dated import Event, Span, dated_events, summary
from timeline.model import Timeline

DateParts = dict[str, int]


def to_timelinejs(timeline: Timeline) -> dict[str, Any]:
    """The timeline as a TimelineJS document (a JSON-ready dict)."""
    return {"events": [_slide(event, span) for event, span in dated_events(timeline)]}


def to_timelinejs_json(timeline: Timeline) -> str:
    """:func:`to_timelinejs` as JSON text."""
    return jsontext.dumps(to_timelinejs(timeline), indent=1) + "\n"


def _slide(event: Event, span: Span) -> dict[str, Any]:
    end = span.last_day if span.all_day else span.end
    return {
        "start_date": _date_parts(span.start, span.all_day),
        "end_date": _date_parts(end, span.all_day),
        "text": {"headline": html.escape(summary(event)),
                 "text": html.escape(event["sentence_text"] or "")},
        "group": html.escape(event["doc_id"]),
    }


def _date_parts(moment: datetime, all_day: bool) -> DateParts:
    parts = {"year": moment.year, "month": moment.month, "day": moment.day}
    if not all_day:
        parts |= {"hour": moment.hour, "minute": moment.minute}
    return parts
