"""iCalendar (``.ics``, RFC 5545): one VEVENT per dated event, in timeline order.

All-day spans (day-or-coarser expressions, see ``_dated``) are written as
``DTSTART;VALUE=DATE`` / ``DTEND;VALUE=DATE`` with the exclusive end day;
clock-time spans as UTC date-times (``...Z``), so no VTIMEZONE is needed.
``UID`` is ``<event_id>@danish-timeline`` (stable across exports, so calendars
update rather than duplicate), ``SUMMARY`` the trigger and time expression,
``DESCRIPTION`` the sentence. Text is escaped (``\\\\``, ``\\;``, ``\\,``,
``\\n``), control characters other than tab are dropped, lines are folded at
75 octets without splitting a UTF-8 character, and every line ends in CRLF.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import pandas as pd

from timeline.exports._dated import Event, Span, dated_rows, summary
from timeline.exports._frame import CHUNK_ROWS, ordered_events
from timeline.exports._pieces import table_parts
from timeline.model import Timeline

PRODID = "-//danish-timeline//timeline exports//DA"
UID_DOMAIN = "danish-timeline"
LINE_OCTETS = 75
CRLF = "\r\n"
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def to_icalendar(timeline: Timeline, stamp: datetime | None = None) -> str:
    """The dated events as an iCalendar text; ``stamp`` (default: now) is every DTSTAMP."""
    return "".join(table_parts(IcsPieces(stamp), ordered_events(timeline)))


class IcsPieces:
    """:func:`to_icalendar`'s text (a ``TextPieces``): the calendar's opening lines, a VEVENT per
    dated event of each slice of rows, the closing line."""

    slice_rows = CHUNK_ROWS

    def __init__(self, stamp: datetime | None = None) -> None:
        self._stamp = _utc(stamp or datetime.now(UTC))  # every DTSTAMP: when the calendar was made

    def head(self, frame: pd.DataFrame) -> str:
        """The calendar's opening lines."""
        return _lines_text(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"])

    def rows(self, rows: pd.DataFrame) -> str:
        """A VEVENT for each dated event of ``rows``."""
        return _lines_text(line for event, span in dated_rows(rows) for line in _vevent(event, span, self._stamp))

    def tail(self) -> str:
        """The calendar's closing line."""
        return _lines_text(["END:VCALENDAR"])


def _lines_text(lines: Iterable[str]) -> str:
    """Content lines, each folded and ended by CRLF."""
    return "".join(fold(line) + CRLF for line in lines)


def _vevent(event: Event, span: Span, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event['event_id'])}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        *_dates(span),
        f"SUMMARY:{escape_text(summary(event))}",
        f"DESCRIPTION:{escape_text(event['sentence_text'] or '')}",
        "END:VEVENT",
    ]


def _dates(span: Span) -> list[str]:
    if span.all_day:
        return [f"DTSTART;VALUE=DATE:{span.start:%Y%m%d}", f"DTEND;VALUE=DATE:{span.end:%Y%m%d}"]
    return [f"DTSTART:{_utc(span.start)}", f"DTEND:{_utc(span.end)}"]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(text: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _NEWLINE.sub("\\\\n", text))


def fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets, joined by CRLF and a space."""
    return (CRLF + " ").join(_pieces(line))


def _pieces(line: str) -> Iterator[str]:
    piece, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            yield piece
            piece, size, limit = "", 0, LINE_OCTETS - 1  # the leading space takes one octet
        piece, size = piece + char, size + octets
    yield piece
