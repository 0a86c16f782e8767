"""Datetimes as whole microseconds, for numpy arrays and fast exact arithmetic, and their zones.

``wall_microseconds`` counts the wall-clock time (what ``<`` compares for datetimes of
one zone object), ``utc_microseconds`` the UTC time (what elapses). Both read a
datetime's fields in C; pendulum's own subtraction builds an ``Interval`` each time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

import pendulum

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


def one_zone(moments: Sequence[datetime]) -> bool:
    """Whether ``moments`` are all of one time zone (then ``<`` compares their wall clocks):
    one zone object for all (a quick identity test), or as many as compare equal."""
    first = moments[0].tzinfo if moments else None
    return all(m.tzinfo is first for m in moments) or len({m.tzinfo for m in moments}) <= 1


# Zones met in this process, by key: a table made here gets back the very zone objects its events had.
_ZONES: dict[str, tzinfo] = {}


def zone_key(zone: tzinfo | None) -> str:
    """A name for a time zone that Arrow can hold ("" for none); ``zone_of`` gives the zone back."""
    if zone is None:
        return ""
    key = f"{type(zone).__name__}:{getattr(zone, 'name', None) or zone}"
    _ZONES.setdefault(key, zone)
    return key


def zone_of(key: str) -> tzinfo:
    """The zone of a key: the one met in this process, else (made by a worker) by its name."""
    found = _ZONES.get(key)
    return found if found is not None else pendulum.timezone(key.partition(":")[2])
