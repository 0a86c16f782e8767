"""CSV: one event a row in timeline order, with the columns of ``Timeline.events``.

Datetimes are ISO 8601 strings with their UTC offset; undated events have
empty cells. Text cells that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or CR) get a leading ``'``; numbers are
left as they are. UTF-8 without a byte-order mark, CRLF line ends (RFC 4180),
which also makes every field holding a CR or LF quoted.
"""

from __future__ import annotations

from timeline.exports._frame import neutralise_text_cells, ordered_events, with_iso_datetimes
from timeline.model import Timeline


def to_csv(timeline: Timeline) -> str:
    """The events as CSV text with a header row."""
    frame = with_iso_datetimes(neutralise_text_cells(ordered_events(timeline)))
    return frame.to_csv(index=False, lineterminator="\r\n")
