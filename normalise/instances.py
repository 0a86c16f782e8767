"""The calendar instances of an incomplete point.

A point the text leaves incomplete ("fredag", "den 5. maj", "klokken 8") has an instance in
each year, month, week or day; ``instances_around`` lists them around a moment, and
``refine`` and ``narrow`` cut a container frame (a year, a month, a week) down to the fields
the spec names. Which instance is meant is decided elsewhere (``relations``, ``choice``).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.lexicon import holiday_by_name
from normalise.spec import Spec
from normalise.times_of_day import time_of_day


def instances_around(spec: Spec, moment: DateTime) -> tuple[Frame, ...]:
    """The instances of an incomplete point in the years, weeks or days around a moment.

    They depend on the moment only through its year, week or day, so they are
    computed once per spec and year (week, day), not once per publication instant.
    """
    if spec.needs_year or spec.week is not None or (spec.day is not None and spec.month is not None):
        return _instances_in_years(spec, moment.year)
    if spec.day is not None and not spec.is_time_of_day_only:
        # a day of no named month ("månedsskiftet", "fredag den 13."): month by month
        return _instances_in_months(spec, moment.year, moment.month)
    day = date(moment.year, moment.month, moment.day)
    if spec.weekday is not None or spec.weekend:
        return _instances_in_weeks(spec, day - timedelta(days=day.weekday()))
    if spec.is_time_of_day_only:
        return _instances_in_days(spec, day)
    return ()


@lru_cache(maxsize=4096)
def _instances_in_years(spec: Spec, year: int) -> tuple[Frame, ...]:
    span = range(-7, 8) if spec.weekday is not None else range(-2, 3)
    return _instances(spec, [cal.year_frame(year + k) for k in span])


@lru_cache(maxsize=4096)
def _instances_in_weeks(spec: Spec, monday: date) -> tuple[Frame, ...]:
    return _instances(spec, [cal.week_of(monday + timedelta(weeks=k)) for k in range(-2, 3)])


@lru_cache(maxsize=4096)
def _instances_in_months(spec: Spec, year: int, month: int) -> tuple[Frame, ...]:
    # "fredag den 13." recurs only every few months: look half a year each way
    reach = 6 if spec.weekday is not None else 2
    return _instances(spec, [cal.unit_shifted(date(year, month, 1), "month", k) for k in range(-reach, reach + 1)])


@lru_cache(maxsize=4096)
def _instances_in_days(spec: Spec, day: date) -> tuple[Frame, ...]:
    return _instances(spec, [cal.day_frame(day + timedelta(days=k)) for k in range(-1, 2)])


def _instances(spec: Spec, containers: list[Frame]) -> tuple[Frame, ...]:
    """The spec's instance in each container (a year, week or day) where it has one."""
    return tuple(
        final for frame in containers
        if (refined := refine(frame, spec)) is not None
        and _weekday_fits(refined, spec)
        and (final := time_of_day(refined, spec)) is not None
    )


def _weekday_fits(frame: Frame, spec: Spec) -> bool:
    if spec.weekday is None or frame.grain != "day":
        return True
    return frame.start.isoweekday() == spec.weekday


@lru_cache(maxsize=8192)
def refine(frame: Frame, spec: Spec) -> Frame | None:
    """Narrow a container frame to the finer fields the spec names."""
    if frame.grain == "year":
        return _in_year(frame.start.year, spec) or (None if _names_within_year(spec) else frame)
    if frame.grain == "week":
        if spec.weekday is not None:
            return cal.day_in_week(frame, spec.weekday)
        if spec.weekend:
            iso_year, week, _ = cal.day_of(frame.start).isocalendar()
            return cal.weekend_frame(iso_year, week)
    if frame.grain == "month" and spec.day is not None:
        return _day_or_none(frame.start.year, frame.start.month, spec.day)
    return frame


def _names_within_year(spec: Spec) -> bool:
    return bool(spec.holiday or spec.month or spec.week or spec.quarter or spec.half or spec.season)


def _in_year(year: int, spec: Spec) -> Frame | None:
    if spec.holiday is not None:
        day = cal.holiday_date(holiday_by_name(spec.holiday), year)
        return cal.day_frame(day) if day is not None else None
    if spec.month is not None:
        if spec.nth is not None:
            return _nth_in_month(year, spec.month, spec)
        if spec.day is not None:
            return _day_or_none(year, spec.month, spec.day)
        return cal.month_frame(year, spec.month)
    if spec.week is not None:
        week = cal.week_frame(year, spec.week)
        if week is not None and (spec.weekday or spec.weekend):
            return refine(week, spec)
        return week
    if spec.quarter is not None:
        return cal.quarter_frame(year, spec.quarter)
    if spec.half is not None:
        return cal.half_frame(year, spec.half)
    if spec.season is not None:
        return cal.season_frame(year, spec.season)
    return None


def _nth_in_month(year: int, month: int, spec: Spec) -> Frame | None:
    """"den første tirsdag i november"; a weekend is counted by its Saturday ("sidste weekend i august")."""
    day = cal.nth_weekday(year, month, 6 if spec.weekend else spec.weekday or 1, spec.nth or 1)
    if day is None:
        return None
    if spec.weekend:
        iso_year, week, _ = day.isocalendar()
        return cal.weekend_frame(iso_year, week)
    return cal.day_frame(day)


@lru_cache(maxsize=4096)
def _day_or_none(year: int, month: int, day: int) -> Frame | None:
    try:
        return cal.day_frame(date(year, month, day))
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def narrow(frame: Frame, spec: Spec) -> Frame | None:
    """A unit the text fixes (a year, a week, a day) narrowed to the fields and time of day the spec names."""
    refined = refine(frame, spec)
    return time_of_day(refined, spec) if refined is not None else None
