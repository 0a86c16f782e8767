"""Where on a wide interval an event most likely lies: the part of it the chart emphasises.

Every dated event has an end-exclusive interval ``[earliest, latest)``. Usually that is
the time expression's own extent ("december 1999" is the whole month). But when the
expression is underspecified (a TIMEX3 value with ``X``: "2020-01-XXT00:30" is half past
midnight on an unknown day of January) or the event is dated only by a publication time
known to the month, the interval is the union of every time it could mean and is far wider
than the expression itself. The chart then draws the whole interval as a light band and
emphasises a *core* as long as the expression: the possible occurrence nearest the
interval's middle (the middle itself when the possibilities are continuous), whose
*representative time* is its middle, or its end for mod ``BEFORE`` and its start for
``AFTER``.

The lengths follow the normaliser's conventions (``normalise.calendar`` and
``normalise.intervals.apply_mod``), restated here so that ``viz`` needs only the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

import pandas as pd

# Hours of the TIMEX3 parts of day (normalise.calendar.DAY_PARTS).
PART_HOURS: Final = {"MO": 6, "MI": 2, "AF": 6, "EV": 6, "NI": 8}
# An interval this many times longer than its expression is "wide" (month lengths vary).
WIDE: Final = 1.5
_VALUE: Final = re.compile(
    r"^(?P<year>\d{4}|XXXX)"
    r"(?:-(?:(?P<month>\d\d|XX)(?:-(?P<day>\d\d|XX))?"
    r"|W(?P<week>\d\d|XX)(?:-(?P<wday>[1-7X]|WE))?"
    r"|(?P<season>SP|SU|FA|WI)|Q(?P<quarter>[1-4X])|H(?P<half>[12X])))?"
    r"(?:T(?:(?P<hour>\d\d|XX)(?::(?P<minute>\d\d|XX))?(?::\d\d(?:\.\d+)?)?"
    r"|(?P<part>MO|MI|AF|EV|NI)))?$")
_MONTH: Final = pd.DateOffset(months=1)
_YEAR: Final = pd.DateOffset(years=1)
# The value's fields from the finest to the coarsest, and the unit each one counts.
_FINE_FIRST: Final = ("minute", "hour", "wday", "day", "week", "month", "quarter", "half", "year")
_UNITS: Final[dict[str, timedelta | pd.DateOffset]] = {
    "minute": timedelta(minutes=1), "hour": timedelta(hours=1), "wday": timedelta(days=1),
    "day": timedelta(days=1), "week": timedelta(weeks=1), "month": _MONTH,
    "quarter": pd.DateOffset(months=3), "half": pd.DateOffset(months=6), "year": _YEAR}


@dataclass(frozen=True)
class Precision:
    """How long the expression itself is, and how far apart its possible occurrences are.

    ``period`` is ``None`` when the occurrences are not a regular series (a time known
    only to lie in the interval, e.g. a reporting event dated by a coarse publication time).
    """

    length: timedelta | pd.DateOffset
    period: timedelta | pd.DateOffset | None


@dataclass(frozen=True)
class Core:
    """The emphasised part ``[start, end)`` of a wide interval and its representative time."""

    start: datetime
    end: datetime
    at: datetime


def precision(value: str, mod: str, dated_by: str) -> Precision | None:
    """The expression's :class:`Precision`, or None when it cannot be told from the tables.

    >>> precision("2020-01-XXT00:30", "APPROX", "expression")
    Precision(length=datetime.timedelta(seconds=1860), period=datetime.timedelta(days=1))
    >>> precision("", "", "publication")
    Precision(length=datetime.timedelta(0), period=None)
    """
    if not value:
        # A reporting event happens at one moment of its publication time.
        return Precision(timedelta(0), None) if dated_by == "publication" else None
    found = _VALUE.match(value)
    if found is None:
        return None
    parts = {name: text for name, text in found.groupdict().items() if text is not None}
    length = _length(parts)
    clock = "hour" in parts
    if mod in ("START", "MID", "END") and not clock:
        length = _days(length) / 3
    elif mod == "APPROX" and clock:
        length = _days(length) + timedelta(minutes=30)
    elif mod in ("BEFORE", "AFTER"):
        length = timedelta(hours=1) if clock else length
    elif mod:
        return None
    return Precision(length, _period(parts))


def core(start: datetime, end: datetime, mod: str, found: Precision | None,
         point_max: timedelta) -> Core | None:
    """The part of ``[start, end)`` to emphasise, or None when the interval is not wide.

    An interval is wide when it lasts at least ``point_max`` and more than :data:`WIDE`
    times the expression's own length.
    """
    width = end - start
    if found is None or width < point_max:
        return None
    middle = start + width / 2
    length = _days(found.length, start)
    if width <= WIDE * length:
        return None
    if found.period is None:
        first = middle - length / 2
    else:
        first = _nearest_occurrence(start, end, middle, length, found.period)
    return Core(first, first + length, representative(first, first + length, mod))


def representative(start: datetime, end: datetime, mod: str) -> datetime:
    """The middle of ``[start, end)``; its end for mod BEFORE, its start for AFTER."""
    if mod == "BEFORE":
        return end
    if mod == "AFTER":
        return start
    return start + (end - start) / 2


def _nearest_occurrence(start: datetime, end: datetime, middle: datetime, length: timedelta,
                        period: timedelta | pd.DateOffset) -> datetime:
    """The start of the occurrence ``start + k * period`` whose middle is nearest ``middle``."""
    best, step = start, 0
    while True:
        candidate = _shift(start, period, step)
        if candidate + length > end + timedelta(minutes=1) or step > 10_000:
            return best
        if abs(candidate + length / 2 - middle) < abs(best + length / 2 - middle):
            best = candidate
        step += 1


def _shift(moment: datetime, period: timedelta | pd.DateOffset, times: int) -> datetime:
    if isinstance(period, timedelta):
        return moment + period * times
    shifted: datetime = (pd.Timestamp(moment) + period * times).to_pydatetime()
    return shifted


def _length(parts: dict[str, str]) -> timedelta | pd.DateOffset:
    """The length of the finest unit the value names (known or ``X``)."""
    if "minute" in parts:
        return timedelta(minutes=1)
    if "hour" in parts:
        return timedelta(hours=1)
    if "part" in parts:
        return timedelta(hours=PART_HOURS[parts["part"]])
    if parts.get("wday") == "WE":
        return timedelta(days=2)
    if "day" in parts or "wday" in parts:
        return timedelta(days=1)
    if "week" in parts:
        return timedelta(weeks=1)
    if "month" in parts:
        return _MONTH
    if "season" in parts or "quarter" in parts:
        return pd.DateOffset(months=3)
    if "half" in parts:
        return pd.DateOffset(months=6)
    return _YEAR


def _period(parts: dict[str, str]) -> timedelta | pd.DateOffset | None:
    """How far apart the occurrences are: the unit of the finest field that is ``X``."""
    for name in _FINE_FIRST:
        if "X" in parts.get(name, ""):
            return _UNITS[name]
    return None


def _days(length: timedelta | pd.DateOffset, at: datetime | None = None) -> timedelta:
    """``length`` as a timedelta (calendar lengths measured from ``at``, or on average)."""
    if isinstance(length, timedelta):
        return length
    if at is not None:
        start = pd.Timestamp(at)
        delta: timedelta = ((start + length) - start).to_pytimedelta()
        return delta
    return timedelta(days=365.25 * length.kwds.get("years", 0)
                     + 30.4375 * length.kwds.get("months", 0))
