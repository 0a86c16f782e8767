"""Ranges and lists, read once the joins are done: the end of a range is the first such time
after its start, and shares the start's day or month ("fra onsdag til fredag", "mellem klokken
1 og 3 natten til lørdag"); "hver" before a list or range makes its every member a SET ("hver
fredag og lørdag nat", "hver dag klokken 10-18").
"""

from __future__ import annotations

import re

from normalise.grammar import Piece
from normalise.joins import glue_pattern, is_clock_only, is_weekday_only, set_at_clock
from normalise.spec import Spec

_RANGE_GLUE = glue_pattern(r"\s+(?:til(?:\s+og\s+med)?|og)\s+|\s*[-–]\s*")
_RANGE_START = re.compile(r"(?:fra|mellem)\s+$", re.IGNORECASE)


def range_ends(pieces: list[Piece], text: str) -> list[Piece]:
    """"fra onsdag til fredag": the end of a range is the first one after its start.
    "mellem klokken 1 og 3 natten til lørdag": the day named at the end is the start's too."""
    out: list[Piece] = []
    for piece in pieces:
        previous = out[-1] if out else None
        if previous is None or previous.spec.kind != "point" or piece.spec.kind != "point" \
                or not _RANGE_GLUE.fullmatch(text[previous.end:piece.start]) \
                or not _RANGE_START.search(text[max(0, previous.start - 8):previous.start]):
            out.append(piece)
            continue
        if _lacks_month(previous.spec) and piece.spec.day is not None and piece.spec.month is not None:
            out[-1] = previous = previous._replace(spec=_in_month_of(previous.spec, piece.spec))
        clock_to_clock = is_clock_only(previous.spec) and piece.spec.has_clock
        if clock_to_clock:
            out[-1] = previous = previous._replace(spec=_afternoon_start(previous.spec, piece.spec))
        if clock_to_clock and not piece.spec.is_time_of_day_only \
                and "," not in text[piece.start:piece.end]:  # "mellem kl. 9 og 15, i morgen fra ...": a new day
            out[-1] = previous._replace(spec=_at_clock_of(piece.spec, previous.spec))
        elif previous.spec.has_clock and previous.spec.has_day and is_clock_only(piece.spec):
            # "fra kvart over syv i aftes til klokken 04.30": the end is the first such time after the start
            piece = piece._replace(spec=piece.spec._replace(relation="after"))
        elif (piece.spec.relation == "tense" and piece.spec.anchor == "dct" and piece.spec.shift_unit is None
                and (piece.spec.weekday is not None or piece.spec.needs_year)):
            piece = piece._replace(spec=piece.spec._replace(relation="after", anchor="reference"))
        out.append(piece)
    return out


def _lacks_month(spec: Spec) -> bool:
    return spec.day is not None and spec.month is None and spec.year is None and spec.shift_unit is None


def _in_month_of(start: Spec, end: Spec) -> Spec:
    """"fra torsdag den 4. til lørdag den 6. juli": the start's day in the end's month (the
    month before when its day is later: "fra den 28. til den 3. marts")."""
    if start.day is not None and end.day is not None and start.day > end.day:
        month, year = (end.month - 1, end.year) if end.month and end.month > 1 else \
            (12, end.year - 1 if end.year is not None else None)
        return start._replace(month=month, year=year)
    return start._replace(month=end.month, year=end.year)


def _afternoon_start(start: Spec, end: Spec) -> Spec:
    """"fra kvart over et til ved 18-tiden": a spelled morning hour more than twelve hours
    before the range's end is the afternoon's (13.15)."""
    if start.twelve_hour and start.part is None and start.hour is not None and end.hour is not None \
            and start.hour < 12 and _minutes(start) + 12 * 60 < _minutes(end):
        return start._replace(hour=start.hour + 12)
    return start  # ("fra klokken otte til klokken 20": twelve hours, the polling stations' day)


def _minutes(clock: Spec) -> int:
    """A clock time's minutes after midnight."""
    return (clock.hour or 0) * 60 + (clock.minute or 0)


def _at_clock_of(day: Spec, clock: Spec) -> Spec:
    """The day (and part of day) of ``day`` at the clock time of ``clock``."""
    return day._replace(hour=clock.hour, minute=clock.minute, zone=clock.zone or day.zone, mod=clock.mod)


_LIST_GLUE = glue_pattern(r"\s*,\s*|\s+(?:og|eller)\s+")


def distribute_sets(pieces: list[Piece], text: str) -> list[Piece]:
    """"hver fredag og lørdag nat", "hver dag klokken 10-18": "hver" reaches over the list or
    range, so "lørdag nat" and "18" are SETs too."""
    out: list[Piece] = []
    for piece in pieces:
        previous = out[-1] if out else None
        member = _set_member(previous.spec, piece.spec, text[previous.end:piece.start]) if previous else None
        out.append(piece._replace(spec=member) if member else piece)
    return out


def _set_member(previous: Spec, spec: Spec, glue: str) -> Spec | None:
    """The piece after a set read as one more of its days or clock times; None when it is not."""
    if previous.kind != "set":
        return None
    if previous.weekday is not None and spec.kind == "point" and is_weekday_only(spec._replace(part=None)) \
            and _LIST_GLUE.fullmatch(glue):
        return spec._replace(kind="set")
    if previous.hour is not None and is_clock_only(spec) and (_LIST_GLUE.fullmatch(glue) or _RANGE_GLUE.fullmatch(glue)):
        return set_at_clock(previous._replace(mod=None), spec, glue)
    return None
