"""Where an event stands on the time line: its representative time under each reading.

An event's place under one reading of the publication time is the middle of its
interval (the end for mod ``BEFORE``, the start for ``AFTER``), in POSIX
seconds; its place overall is the median over the readings, so one odd reading
does not move it. Worked out where an event is made (in the worker that read
its document), so the one process that orders a corpus only reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from normalise.extract import Interval
from timeline.instants import posix_seconds

if TYPE_CHECKING:  # (events.py imports this module)
    from timeline.events import Event

# The representative time under each reading (None where the reading has no interval) and
# their median (None when no reading has one). A plain tuple: events carry millions of them
# between processes, and a tuple loads in C.
Place = tuple[tuple[float | None, ...], float | None]


def representative(interval: Interval, mod: str | None) -> float:
    """The time that stands for an interval when ordering (POSIX seconds)."""
    if mod == "BEFORE":
        return posix_seconds(interval[1])
    if mod == "AFTER":
        return posix_seconds(interval[0])
    return (posix_seconds(interval[0]) + posix_seconds(interval[1])) / 2


def place_of(readings: Sequence[Interval | None], mod: str | None) -> Place:
    """The place of an event with these readings and mod."""
    times = tuple(None if r is None else representative(r, mod) for r in readings)
    return times, median(times)


def event_place(event: Event) -> Place:
    """An event's place: as the worker that made it worked it out, or (an event made by hand,
    without one) from its readings."""
    if event.middle is not None or event.hull is None:
        return event.places, event.middle
    return place_of(event.readings, event.expression.mod if event.expression is not None else None)


def median(values: Sequence[float | None]) -> float | None:
    """The median of the known values (the mean of the middle two for an even count)."""
    if len(values) == 1:  # one reading, as a precise publication time gives: that one
        return values[0]
    known = sorted(v for v in values if v is not None)
    if not known:
        return None
    half = len(known) // 2
    return known[half] if len(known) % 2 else (known[half - 1] + known[half]) / 2
