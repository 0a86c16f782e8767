"""Picking one of a point's instances by its relation to a moment.

``select`` takes the instance a relation points to (before, after, at or before, at or after,
the next one, else the nearest; "tense" by the tense of the clause), and ``nearest_to`` the
one nearest a moment, measured in exact microseconds since 1970 (``microseconds``) rather
than with pendulum's intervals, which cost more to build.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from operator import itemgetter

from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.context import Tense
from normalise.memo import by_identity

# relation -> whether the latest of the candidates it allows wins (else the earliest)
_RELATIONS = {"before": True, "after": False, "at_or_before": True, "at_or_after": False}
_TENSE_RELATION = {"past": "at_or_before", "future": "at_or_after"}
START = itemgetter(2)  # ``Frame.start``, read in C


def select(candidates: tuple[Frame, ...], relation: str, moment: DateTime, tense: Tense) -> Frame | None:
    """The candidate ``relation`` picks as seen from ``moment`` ("tense": the way the clause's
    tense points; a relation of no direction: the nearest)."""
    if relation == "tense":
        relation = _TENSE_RELATION.get(tense, "nearest")
    elif relation == "coming":  # "til foråret": the next one, unless a past tense looks back at a plan
        relation = "at_or_before" if tense == "past" else "at_or_after"
    if relation == "next":  # "næste weekend": the one after the nearest (on a Monday, this week's)
        nearest = nearest_to(candidates, moment)
        return min((f for f in candidates if f.start >= nearest.end), key=START, default=None)
    if relation not in _RELATIONS:
        return nearest_to(candidates, moment)
    pool = _allowed(candidates, relation, moment)
    if not pool:
        return None
    return max(pool, key=START) if _RELATIONS[relation] else min(pool, key=START)


def _allowed(candidates: tuple[Frame, ...], relation: str, moment: DateTime) -> list[Frame]:
    """The candidates a relation allows, given the moment (and for "before" and "after" its day;
    comparisons written out: a function call per candidate costs more than the comparison)."""
    if relation == "at_or_before":
        return [f for f in candidates if f.start <= moment]
    if relation == "at_or_after":
        return [f for f in candidates if f.end > moment]
    today = cal.day_frame(date(moment.year, moment.month, moment.day))
    if relation == "before":
        return [f for f in candidates if f.end <= today.start]
    return [f for f in candidates if f.start >= today.end]  # after


def nearest_to(candidates: tuple[Frame, ...], moment: DateTime) -> Frame:
    """The candidate holding the moment (by the clock), else the one whose start or end is
    nearest in elapsed time; the first of equals. Distances are exact microseconds, which
    order as pendulum's ``(a - b).total_seconds()`` does."""
    at = microseconds(moment)

    def distance(candidate: tuple[Frame, tuple[int, int]]) -> int:
        frame, (start, end) = candidate
        if frame.start <= moment < frame.end:
            return 0
        return min(abs(start - at), abs(end - at))

    return min(zip(candidates, _bounds(candidates)), key=distance)[0]


@by_identity(maxsize=4096)
def _bounds(candidates: tuple[Frame, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((microseconds(frame.start), microseconds(frame.end)) for frame in candidates)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def microseconds(moment: datetime) -> int:
    """Microseconds since 1970 (UTC), computed by datetime itself, not pendulum."""
    return datetime.__sub__(moment, _EPOCH) // _MICROSECOND
