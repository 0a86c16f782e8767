"""The last adjustments to a resolved point's interval, which leave its value alone.

A mod narrows or widens the interval as the conventions say (START, MID and END a third of
it, APPROX a quarter of an hour either side of a clock time, BEFORE and AFTER the stretch
next to it), and a clock time in a named foreign zone is moved into Danish time.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

import pendulum
from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame


def apply_mod(frame: Frame, mod: str | None) -> Frame:
    """Narrow or widen the interval as the conventions say; the value stays."""
    return modified(frame, mod) if mod else frame


@lru_cache(maxsize=8192)
def modified(frame: Frame, mod: str) -> Frame:
    length = frame.end - frame.start
    clock = frame.grain in ("minute", "hour")
    if mod in ("START", "MID", "END") and not clock:
        third = length / 3
        offset = {"START": 0, "MID": 1, "END": 2}[mod]
        start = frame.start + third * offset
        return frame._replace(start=start, end=start + third)
    if mod == "APPROX" and clock:
        return frame._replace(start=frame.start.subtract(minutes=15), end=frame.end.add(minutes=15))
    if mod == "BEFORE":
        span = timedelta(hours=1) if clock else length
        return frame._replace(start=frame.start - span, end=frame.start)
    if mod == "AFTER":
        span = timedelta(hours=1) if clock else length
        return frame._replace(start=frame.start if clock else frame.end, end=(frame.start if clock else frame.end) + span)
    return frame


@lru_cache(maxsize=64)
def _timezone(zone: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The zone by name (loading it reads the tz database, so once per zone)."""
    return pendulum.timezone(zone)


_HOME_ZONES = (None, "local", cal.ZONE.name)  # the zone's name read once (a pendulum property)


def apply_zone(frame: Frame, zone: str | None) -> Frame:
    """Clock times in a named foreign zone: same value, interval in Danish time."""
    if zone in _HOME_ZONES or frame.grain not in ("minute", "hour", "part"):
        return frame
    return _in_zone(frame, zone)


@lru_cache(maxsize=2048)
def _in_zone(frame: Frame, zone: str) -> Frame:
    foreign = _timezone(zone)

    def convert(moment: DateTime) -> DateTime:
        wall = pendulum.datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, tz=foreign)
        return wall.in_timezone(cal.ZONE)

    return frame._replace(start=convert(frame.start), end=convert(frame.end))
