"""Dated events as calendar spans, shared by the TimelineJS and iCalendar exports.

An event's span is ``[earliest, latest)`` in Europe/Copenhagen. It is *all-day*
when the expression that dates it is day-or-coarser (TIMEX3 type ``DATE``:
"i går", "sidste uge", "begyndelsen af december"); the span is then widened to
whole days, the end rounded up to the next midnight. Clock times (type
``TIME``) keep their minutes. Without a type (events dated by inheritance or by
publication), a span from midnight to midnight counts as all-day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from timeline.exports._frame import ZONE, ordered_events, records
from timeline.model import Timeline

LOCAL = ZoneInfo(ZONE)
SUMMARY_FALLBACK_LENGTH = 60

Event = dict[str, Any]


@dataclass(frozen=True)
class Span:
    """Where an event lies: local (Europe/Copenhagen) start, exclusive end, whole days or not."""

    start: datetime
    end: datetime
    all_day: bool

    @property
    def last_day(self) -> datetime:
        """For an all-day span, the midnight that starts its last day (the inclusive end)."""
        return _midnight(self.end - timedelta(days=1))


def dated_events(timeline: Timeline) -> Iterator[tuple[Event, Span]]:
    """Each dated event (a row of the events table as a dict) with its span, in timeline order."""
    return dated_rows(ordered_events(timeline))


def dated_rows(frame: pd.DataFrame) -> Iterator[tuple[Event, Span]]:
    """Each dated event of ``frame`` (rows of the ordered events table) with its span, in order."""
    for event in records(frame):
        span = event_span(event)
        if span is not None:
            yield event, span


def event_span(event: Event) -> Span | None:
    """The event's span, or None when it is undated."""
    if pd.isna(event["earliest"]) or pd.isna(event["latest"]):
        return None
    start, end = _local(event["earliest"]), _local(event["latest"])
    if not _is_all_day(event["type"], start, end):
        return Span(start, end, all_day=False)
    first = _midnight(start)
    after = end if end == _midnight(end) else _midnight(end) + timedelta(days=1)
    return Span(first, max(after, first + timedelta(days=1)), all_day=True)


def summary(event: Event) -> str:
    """A one-line title: the trigger and the time expression ("missilangreb (i går)")."""
    trigger, expression = event["trigger"] or "", event["expression"] or ""
    if trigger and expression:
        return f"{trigger} ({expression})"
    return trigger or expression or _shortened(event["sentence_text"] or "")


def _shortened(text: str) -> str:
    if len(text) <= SUMMARY_FALLBACK_LENGTH:
        return text
    return text[:SUMMARY_FALLBACK_LENGTH].rsplit(" ", 1)[0] + " …"


def _is_all_day(timex_type: str | None, start: datetime, end: datetime) -> bool:
    if timex_type in ("DATE", "TIME"):
        return timex_type == "DATE"
    return start == _midnight(start) and end == _midnight(end)


def _local(value: Any) -> datetime:
    return pd.Timestamp(value).to_pydatetime().astimezone(LOCAL)


def _midnight(moment: datetime) -> datetime:
    """The local midnight that starts ``moment``'s day; adding ``timedelta(days=1)`` to it
    gives the next midnight, as aware datetimes add in wall-clock time."""
    return datetime.combine(moment.date(), time(), tzinfo=LOCAL)
