"""Calendar frames: a TIMEX3 value with its end-exclusive interval.

One small function per calendar unit, pendulum for the arithmetic and the
Europe/Copenhagen zone (so days across DST changes are 23 or 25 hours long).
Pure functions: nothing here reads the clock. The frame builders are cached
(frames are immutable), since resolving a text against every day of an
imprecise publication date asks for the same years, months and days again and again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import pendulum
from pendulum import DateTime

from normalise.lexicon import Holiday

ZONE = pendulum.timezone("Europe/Copenhagen")
_ZONE_OFFSET = ZONE.utcoffset  # the offset of a wall-clock time (its fold decides in gaps and overlaps)

# Start and end hour (end may pass midnight) of the TIMEX3 parts of day.
DAY_PARTS: dict[str, tuple[int, int]] = {"MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 24), "NI": (22, 30)}
SEASON_MONTHS: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


class Frame(NamedTuple):
    """A resolved calendar unit: TIMEX3 value, grain and [start, end) (a named tuple:
    frames are the keys of the resolver's caches)."""

    value: str
    grain: str
    start: DateTime
    end: DateTime


def local(year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0) -> DateTime:
    """Wall-clock time in Copenhagen, as ``pendulum.datetime`` makes it (fold=1).

    Built directly, which is several times faster; where the clock is ambiguous or
    skipped (the DST changes, the switches of 1894 and 1940) pendulum decides.
    The zone is asked about plain naive datetimes: it reads the same fields (and fold)
    from them as from a pendulum ``DateTime``, and much faster.
    """
    early = datetime(year, month, day, hour, minute)
    if _ZONE_OFFSET(early) == _ZONE_OFFSET(datetime(year, month, day, hour, minute, fold=1)):
        return DateTime(year, month, day, hour, minute, 0, 0, ZONE, fold=1)
    return pendulum.datetime(year, month, day, hour, minute, tz=ZONE)


def day_of(moment: datetime) -> date:
    """The calendar day of a moment as a plain ``date`` (pendulum's ``.date()`` makes a
    pendulum ``Date``, whose arithmetic is several times slower; the fields are the same)."""
    return date(moment.year, moment.month, moment.day)


def elapsed(moment: DateTime, delta: timedelta) -> DateTime:
    """``moment.add(hours=..., minutes=...)``: fixed-length units count elapsed time, so
    pendulum adds them in UTC and converts back (the fold the zone gives). Built directly,
    which is several times faster."""
    naive = datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
                     moment.microsecond, fold=moment.fold)
    # the zone reads a plain datetime's fields much faster than a pendulum DateTime's
    offset = _ZONE_OFFSET(naive) if moment.tzinfo is ZONE else moment.utcoffset()
    if offset:
        naive -= offset
    after = (naive + delta).replace(tzinfo=UTC).astimezone(moment.tzinfo)
    return DateTime(after.year, after.month, after.day, after.hour, after.minute, after.second, after.microsecond,
                    tzinfo=moment.tzinfo, fold=after.fold)


_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)


def _days_after(start: DateTime, days: int) -> DateTime:
    """``start.add(days=days)``: a frame's end from its start."""
    return _later(start, date(start.year, start.month, start.day) + timedelta(days=days), days=days)


def _months_after(start: DateTime, months: int) -> DateTime:
    """``start.add(months=months)`` for a start on the first of a month."""
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    return _later(start, date(year, month + 1, 1), months=months)


def _later(start: DateTime, day: date, **step: int) -> DateTime:
    """``start.add(**step)``, which lands on ``day``: for a start at midnight that is the
    midnight of ``day``, built with ``local``; otherwise pendulum adds."""
    if (start.hour, start.minute, start.second, start.microsecond) == (0, 0, 0, 0):
        return _midnight(day)
    return start.add(**step)


@lru_cache(maxsize=8192)
def _midnight(day: date) -> DateTime:
    """``local`` at the start of a day, remembered: one day's (week's, month's) end is the
    start of the next, so the frames of consecutive days share it."""
    return local(day.year, day.month, day.day)


@lru_cache(maxsize=8192)
def day_frame(day: date) -> Frame:
    start = _midnight(day)
    return Frame(f"{day.year:04d}-{day.month:02d}-{day.day:02d}", "day", start, _days_after(start, 1))


@lru_cache(maxsize=2048)
def month_frame(year: int, month: int) -> Frame:
    start = local(year, month)
    return Frame(f"{year:04d}-{month:02d}", "month", start, _months_after(start, 1))


@lru_cache(maxsize=2048)
def year_frame(year: int) -> Frame:
    start = local(year)
    return Frame(f"{year:04d}", "year", start, _months_after(start, 12))


@lru_cache(maxsize=2048)
def decade_frame(decade: int) -> Frame:
    start = local(decade * 10)
    return Frame(f"{decade:03d}", "decade", start, _months_after(start, 120))


@lru_cache(maxsize=2048)
def century_frame(century: int) -> Frame:
    start = local(max(century * 100, 1))
    return Frame(f"{century:02d}", "century", start, local(century * 100 + 100))


@lru_cache(maxsize=2048)
def quarter_frame(year: int, quarter: int) -> Frame:
    start = local(year, 3 * quarter - 2)
    return Frame(f"{year:04d}-Q{quarter}", "quarter", start, _months_after(start, 3))


@lru_cache(maxsize=2048)
def half_frame(year: int, half: int) -> Frame:
    start = local(year, 6 * half - 5)
    return Frame(f"{year:04d}-H{half}", "half", start, _months_after(start, 6))


@lru_cache(maxsize=2048)
def season_frame(year: int, season: str) -> Frame:
    """Seasons by meteorological months; winter YYYY runs from December YYYY."""
    start = local(year, SEASON_MONTHS[season])
    return Frame(f"{year:04d}-{season}", "season", start, _months_after(start, 3))


@lru_cache(maxsize=2048)
def week_frame(iso_year: int, week: int) -> Frame | None:
    try:
        monday = date.fromisocalendar(iso_year, week, 1)
    except ValueError:
        return None
    start = _midnight(monday)
    return Frame(f"{iso_year:04d}-W{week:02d}", "week", start, _days_after(start, 7))


@lru_cache(maxsize=2048)
def weekend_frame(iso_year: int, week: int) -> Frame | None:
    week_ = week_frame(iso_year, week)
    if week_ is None:
        return None
    start = _days_after(week_.start, 5)
    return Frame(f"{week_.value}-WE", "weekend", start, _days_after(start, 2))


def week_containing(moment: DateTime) -> Frame:
    return week_of(day_of(moment))


def week_of(day: date) -> Frame:
    """The ISO week a day falls in."""
    iso_year, week, _ = day.isocalendar()
    return week_frame(iso_year, week)  # type: ignore[return-value]


def day_in_week(week: Frame, weekday: int) -> Frame:
    return day_frame(day_of(week.start) + timedelta(days=weekday - 1))


def part_of_day(day: Frame, part: str) -> Frame:
    first, last = DAY_PARTS[part]
    start = _on_day(day, first)
    end = _on_day(day, last)
    return Frame(f"{day.value}T{part}", "part", start, end)


def hour_in_part(hour: int, part: str | None) -> int:
    """"klokken otte i aften" is 20:00; "klokken elleve i nat" 23:00; "tolv i nat" midnight;
    "klokken tre i eftermiddag" 15:00, but 11 after an afternoon is 11:00, not 23:00."""
    if (part == "EV" and hour < 12) or (part == "AF" and hour <= 7):
        return hour + 12
    if part == "NI" and 7 <= hour <= 12:
        return hour + 12
    return hour


def clock_time(day: Frame, hour: int, minute: int) -> Frame:
    """A minute on a day; hour 24 is midnight at the end of the day (TIMEX3 T24:00)."""
    start = _on_day(day, hour, minute)
    return Frame(f"{day.value}T{hour:02d}:{minute:02d}", "minute", start, elapsed(start, _MINUTE))


def hour_time(day: Frame, hour: int) -> Frame:
    start = _on_day(day, hour)
    return Frame(f"{day.value}T{hour:02d}", "hour", start, elapsed(start, _HOUR))


def _on_day(day: Frame, hour: int, minute: int = 0) -> DateTime:
    """Wall-clock time on a day; hours past 24 run into the next day."""
    extra_days, hour = divmod(hour, 24)
    base = day_of(day.start) + timedelta(days=extra_days)
    return local(base.year, base.month, base.day, hour, minute)


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(holiday: Holiday, year: int) -> date | None:
    """The holiday's main day in a year, or None when it did not exist that year."""
    if holiday.until is not None and year > holiday.until:
        return None
    if holiday.easter is not None:
        return easter_sunday(year) + timedelta(days=holiday.easter)
    assert holiday.month is not None
    if holiday.nth_weekday is not None:
        nth, weekday = holiday.nth_weekday
        if holiday.day is not None and nth < 0:  # counted back from a day ("første søndag i advent")
            limit = date(year, holiday.month, holiday.day)
            return limit - timedelta(days=(limit.isoweekday() - weekday) % 7 + 7 * (-nth - 1))
        return nth_weekday(year, holiday.month, weekday, nth)
    return date(year, holiday.month, holiday.day or 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The ``nth`` given weekday (ISO, Monday = 1) of a month; ``nth`` < 0 counts from
    its end (-1: the last). None when the month has no such day (a fifth Monday)."""
    if nth > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        day = last - timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-nth - 1))
    return day if day.month == month else None


def unit_containing(moment: DateTime, unit: str) -> Frame:
    """The calendar unit (day, week, month, quarter, half, year, decade, century) holding a moment;
    a weekend, that of the moment's ISO week."""
    return _UNIT_OF_DAY[unit](day_of(moment))


@lru_cache(maxsize=8192)
def unit_shifted(day: date, unit: str, amount: int) -> Frame:
    """The unit (day, week, month, quarter, half, year, decade, century) ``amount`` whole
    units after the one holding ``day``: ``unit_containing(shift_moment(m, unit, amount), unit)``
    for any moment ``m`` on ``day``, which moves the calendar date and keeps the wall clock."""
    if unit in ("day", "week"):
        return _UNIT_OF_DAY[unit](day + timedelta(**{_UNIT_STEP[unit]: amount}))
    months = amount * _MONTHS_IN[unit]
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return _UNIT_OF_DAY[unit](date(year, month + 1, 1))


def years_later(frame: Frame, years: int) -> Frame | None:
    """The unit of the same grain ``years`` years later (earlier when negative): 2021-Q1 -> 2020-Q1.
    A week or weekend keeps its ISO week number (week 53 becomes 52 in a year without one), a season
    its name, a day its date (29 February becomes the 28th); a time of day has no such unit."""
    if frame.grain in ("week", "weekend"):
        iso_year, week, _ = day_of(frame.start).isocalendar()
        build = week_frame if frame.grain == "week" else weekend_frame
        return build(iso_year + years, week) or build(iso_year + years, 52)
    if frame.grain == "season":
        return season_frame(frame.start.year + years, frame.value[-2:])
    if frame.grain not in _UNIT_OF_DAY:
        return None
    return unit_containing(shift_moment(frame.start, "year", years), frame.grain)


def _weekend_of(day: date) -> Frame:
    """The weekend of the day's ISO week (a week that exists: the day is in it)."""
    frame = weekend_frame(*day.isocalendar()[:2])
    assert frame is not None
    return frame


_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
_UNIT_OF_DAY: dict[str, Callable[[date], Frame]] = {
    "day": day_frame,
    "week": week_of,
    "weekend": _weekend_of,
    # the first weekend after the day ("weekenden efter påske"): two days on is past any weekend it is in
    "weekend_after": lambda day: _weekend_of(day + timedelta(days=2)),
    "month": lambda day: month_frame(day.year, day.month),
    "quarter": lambda day: quarter_frame(day.year, (day.month - 1) // 3 + 1),
    "half": lambda day: half_frame(day.year, 1 if day.month <= 6 else 2),
    "year": lambda day: year_frame(day.year),
    "decade": lambda day: decade_frame(day.year // 10),
    "century": lambda day: century_frame(day.year // 100),
}


_UNIT_STEP = {"day": "days", "week": "weeks", "month": "months", "year": "years", "hour": "hours", "minute": "minutes",
              "second": "seconds"}


def shift_moment(moment: DateTime, unit: str, amount: float) -> DateTime:
    """Move a moment by whole or half units (quarters, halves and decades as months/years)."""
    if unit == "quarter":
        return moment.add(months=round(3 * amount))
    if unit == "half":
        return moment.add(months=round(6 * amount))
    if unit == "decade":
        return moment.add(years=round(10 * amount))
    if unit == "century":
        return moment.add(years=round(100 * amount))
    if unit == "quarter_hour":
        return moment.add(minutes=round(15 * amount))
    if amount != int(amount):
        return _shift_fraction(moment, unit, amount)
    return moment.add(**{_UNIT_STEP[unit]: int(amount)})


def _shift_fraction(moment: DateTime, unit: str, amount: float) -> DateTime:
    """Half units: "om et halvt år" is six months, "halvanden time" 90 minutes."""
    finer = {"year": ("months", 12), "month": ("days", 30), "week": ("days", 7), "day": ("hours", 24),
             "hour": ("minutes", 60), "minute": ("seconds", 60)}
    name, factor = finer[unit]
    return moment.add(**{name: round(amount * factor)})


FINER_GRAIN = {"year": "month", "month": "day", "week": "day", "day": "hour", "hour": "minute", "minute": "minute"}


def shifted_unit(moment: DateTime, unit: str, amount: float, keep_minutes: bool = False) -> Frame:
    """The unit a shifted moment falls in: "for tre dage siden" is a day, "om et halvt år" a month.
    ``keep_minutes``: hours from a clock time the text gave are clock times too ("en time senere"
    than 6.30 is 7.30, "to timer senere" than 21.00 is 23.00); from the publication time they are
    the hour ("for to timer siden")."""
    moved = shift_moment(moment, unit, amount)
    grain = unit if amount == int(amount) else FINER_GRAIN.get(unit, unit)
    if grain in ("quarter_hour", "second"):
        grain = "minute"  # "for 30 sekunder siden": the minute it fell in
    if grain == "hour" and keep_minutes:
        grain = "minute"
    if grain in ("hour", "minute"):
        day = day_frame(day_of(moved))
        return hour_time(day, moved.hour) if grain == "hour" else clock_time(day, moved.hour, moved.minute)
    return unit_containing(moved, grain)
