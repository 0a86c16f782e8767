"""Datetimes as whole microseconds, for numpy arrays and fast exact arithmetic, and their zones.

``wall_microseconds`` counts the wall-clock time (what ``<`` compares for datetimes of
one zone object), ``utc_microseconds`` the UTC time (what elapses). Both read a
datetime's fields in C; pendulum's own subtraction builds an ``Interval`` each time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

import numpy as np
import pendulum

_EPOCH_MICROSECONDS = datetime(1970, 1, 1).toordinal() * 86_400_000_000  # 1970-01-01 in ``wall_microseconds``


def wall_microseconds(moment: datetime) -> int:
    """Microseconds from 0001-01-01 to ``moment``'s wall-clock time."""
    seconds = moment.toordinal() * 86400 + moment.hour * 3600 + moment.minute * 60 + moment.second
    return seconds * 1_000_000 + moment.microsecond


def utc_microseconds(moment: datetime) -> int:
    """Microseconds from 1970-01-01 UTC to ``moment`` (its wall clock less its UTC offset;
    a naive moment counts as UTC)."""
    return wall_microseconds(moment) - _EPOCH_MICROSECONDS - offset_microseconds(moment)


def offset_microseconds(moment: datetime) -> int:
    """``moment``'s UTC offset in microseconds (0 for a naive moment)."""
    offset = moment.utcoffset()
    return 0 if offset is None else (offset.days * 86400 + offset.seconds) * 1_000_000 + offset.microseconds


def utc_of_wall(wall: np.ndarray, moments: Sequence[datetime]) -> np.ndarray:
    """``utc_microseconds`` of ``moments`` whose ``wall_microseconds`` are ``wall`` (of their
    shape): each moment's wall clock read once, not again for its UTC time."""
    offsets = np.fromiter(map(offset_microseconds, moments), np.int64, len(moments)).reshape(wall.shape)
    return wall - _EPOCH_MICROSECONDS - offsets


# Moments recur: the engine's calendar shares its day frames among the expressions and documents
# a worker reads. ``posix_seconds`` reads each moment once (known by identity: the moment is kept,
# so that its id is no other's); its memo is emptied when it holds this many, to bound memory.
_MEMO_MOMENTS = 1 << 14
_SECONDS: dict[int, tuple[datetime, float]] = {}


def posix_seconds(moment: datetime) -> float:
    """``moment.timestamp()``, each moment object read once (a timestamp reads the zone: slow)."""
    found = _SECONDS.get(id(moment))  # a moment kept here is alive: no other has its id
    if found is None:
        if len(_SECONDS) >= _MEMO_MOMENTS:
            _SECONDS.clear()
        found = _SECONDS[id(moment)] = (moment, moment.timestamp())
    return found[1]


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
