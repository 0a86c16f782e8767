"""The publication day a text names itself: "i dag, torsdag den 26. juli" in an article
dated only ``2018-07`` was published on 26 July 2018.

A publication time known only to the month or year is widened over every day it could
be, but where the text pins the day down, the toolkit uses that: a deictic day
(*i dag*, *i går*, *i morgen*) in apposition with a date or holiday
(*i går, 2. juledag*) names the publication day, counted back from that date. Only a
day that lies within the publication's own month or year counts, a weekday named with
it must fit, and two appositions that disagree pin nothing.

A deictic day with only its weekday (*i dag, torsdag*; *i morgen, fredag*) names the
publication's weekday: the days it could be are that weekday's (``publication_weekday``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from normalise.calendar import holiday_date
from normalise.lexicon import holiday_by_name
from normalise.published import PublicationTime, parse_published
from normalise.spec import Spec


def pinned_publication(publication: PublicationTime, specs: Iterable[Spec]) -> PublicationTime:
    """``publication`` narrowed to the day the text names as its own, when it names exactly one
    inside it; otherwise ``publication`` as it is (a precise one always)."""
    if publication.is_precise:
        return publication
    first, last = publication.earliest.date(), (publication.latest - timedelta(days=1)).date()
    days = {day for spec in specs if _is_dated_deictic_day(spec) for day in _publication_days(spec, first, last)}
    return parse_published(days.pop()) if len(days) == 1 else publication


def publication_weekday(publication: PublicationTime, specs: Iterable[Spec]) -> int | None:
    """The ISO weekday the text names for an imprecise publication day ("i dag, torsdag" and "i går,
    onsdag": 4), when its appositions name one; None for a precise publication or none named."""
    if publication.is_precise:
        return None
    weekdays = {(spec.weekday - spec.shift - 1) % 7 + 1 for spec in specs  # type: ignore[operator]
                if _is_deictic_day(spec) and spec.weekday is not None and spec.day is None and spec.holiday is None}
    return weekdays.pop() if len(weekdays) == 1 else None


def _is_deictic_day(spec: Spec) -> bool:
    """A day counted from the publication ("i dag", "i går"), not from another time."""
    return spec.kind == "point" and spec.anchor == "dct" and spec.shift_unit == "day" and spec.shift is not None \
        and spec.offset_from is None


def _is_dated_deictic_day(spec: Spec) -> bool:
    """A day counted from the publication that also names its date or holiday ("i dag, den 26. juli")."""
    return _is_deictic_day(spec) and ((spec.day is not None and spec.month is not None) or spec.holiday is not None)


def _publication_days(spec: Spec, first: date, last: date) -> set[date]:
    """The publication days from ``first`` to ``last`` that make ``spec``'s date the day it counts to."""
    assert spec.shift is not None
    years = [spec.year] if spec.year is not None else range(first.year - 1, last.year + 2)  # "i går, 31. december"
    found = set()
    for year in years:
        named = _named_date(spec, year)
        if named is None or (spec.weekday is not None and named.isoweekday() != spec.weekday):
            continue
        published = named - timedelta(days=spec.shift)
        if first <= published <= last:
            found.add(published)
    return found


def _named_date(spec: Spec, year: int) -> date | None:
    if spec.holiday is not None:
        return holiday_date(holiday_by_name(spec.holiday), year)
    try:
        return date(year, spec.month, spec.day)  # type: ignore[arg-type]
    except ValueError:  # 29 February of a common year
        return None
