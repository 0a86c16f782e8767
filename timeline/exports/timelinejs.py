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

import pandas as pd

from timeline import jsontext
from timeline.exports._dated import Event, Span, dated_events, dated_rows, summary
from timeline.exports._frame import CHUNK_ROWS, ordered_events
from timeline.exports._pieces import table_parts
from timeline.model import Timeline

DateParts = dict[str, int]


def to_timelinejs(timeline: Timeline) -> dict[str, Any]:
    """The timeline as a TimelineJS document (a JSON-ready dict)."""
    return {"events": [_slide(event, span) for event, span in dated_events(timeline)]}


def to_timelinejs_json(timeline: Timeline) -> str:
    """:func:`to_timelinejs` as JSON text (``jsontext.dumps(..., indent=1)`` and a line end)."""
    return "".join(table_parts(TimelineJsPieces(), ordered_events(timeline)))


class TimelineJsPieces:
    """:func:`to_timelinejs_json`'s text (a ``TextPieces``): the document's opening, a slide for
    each dated event of each slice of rows, the closing. As ``json.dumps`` of the whole
    document writes it: each slide as it is written alone, two levels in."""

    slice_rows = CHUNK_ROWS

    def __init__(self) -> None:
        self._before = _FIRST_SLIDE  # before the next slide

    def head(self, frame: pd.DataFrame) -> str:
        """The document up to its list of slides."""
        return _OPENING

    def rows(self, rows: pd.DataFrame) -> str:
        """A slide for each dated event of ``rows``."""
        texts = []
        for event, span in dated_rows(rows):
            slide = jsontext.dumps(_slide(event, span), indent=1).replace("\n", "\n" + _SLIDE_INDENT)
            texts.append(self._before + slide)
            self._before = "," + _FIRST_SLIDE
        return "".join(texts)

    def tail(self) -> str:
        """The end of the list of slides (the whole of an empty one) and of the document."""
        return ("]" if self._before == _FIRST_SLIDE else "\n ]") + "\n}\n"


# jsontext.dumps({"events": [...]}, indent=1): the list one level in, each slide two.
_OPENING = '{\n "events": ['
_SLIDE_INDENT = "  "
_FIRST_SLIDE = "\n" + _SLIDE_INDENT


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
