"""Datetimes as whole microseconds, for numpy arrays and fast exact arithmetic.

``wall_microseconds`` counts the wall-clock time (what ``<`` compares for datetimes of
one zone object), ``utc_microseconds`` the UTC time (what elapses). Both read a
datetime's fields in C; pendulum's own subtraction builds an ``Interval`` each time.
"""

from __future__ import annotations

from datetime import datetime

_EPOCH_DAYS = datetime(1970, 1, 1).toordinal()


def wall_microseconds(moment: datetime) -> int:
    """Microseconds from 0001-01-01 to ``moment``'s wall-clock time."""
    seconds = moment.toordinal() * 86400 + moment.hour * 3600 + moment.minute * 60 + moment.second
    return seconds * 1_000_000 + moment.microsecond


def utc_microseconds(moment: datetime) -> int:
    """Microseconds from 1970-01-01 UTC to ``moment`` (its wall clock less its UTC offset;
    a naive moment counts as UTC)."""
    offset = moment.utcoffset()
    shift = 0 if offset is None else (offset.days * 86400 + offset.seconds) * 1_000_000 + offset.microseconds
    return wall_microseconds(moment) - _EPOCH_DAYS * 86_400_000_000 - shift
