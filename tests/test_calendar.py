"""Calendar arithmetic: Easter, holidays, ISO weeks, DST-length days."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pendulum
import pytest

from normalise import calendar as cal
from normalise.lexicon import load_lexicon

EASTER = [(2019, date(2019, 4, 21)), (2020, date(2020, 4, 12)), (2024, date(2024, 3, 31)),
          (2025, date(2025, 4, 20)), (2038, date(2038, 4, 25)), (1999, date(1999, 4, 4))]


@pytest.mark.parametrize(("year", "sunday"), EASTER)
def test_easter_sunday(year: int, sunday: date) -> None:
    assert cal.easter_sunday(year) == sunday


def _holiday(name: str):  # type: ignore[no-untyped-def]
    return next(h for h in load_lexicon().holidays if h.name == name)


HOLIDAYS = [
    ("store_bededag", 2023, date(2023, 5, 5)),
    ("store_bededag", 2024, None),  # abolished from 2024
    ("kristi_himmelfart", 2020, date(2020, 5, 21)),
    ("pinse", 2020, date(2020, 5, 31)),
    ("anden_pinsedag", 2020, date(2020, 6, 1)),
    ("mors_dag", 2024, date(2024, 5, 12)),
    ("fastelavn", 2024, date(2024, 2, 11)),
    ("juleaften", 2024, date(2024, 12, 24)),
]


@pytest.mark.parametrize(("name", "year", "day"), HOLIDAYS)
def test_holiday_dates(name: str, year: int, day: date | None) -> None:
    assert cal.holiday_date(_holiday(name), year) == day


def test_week_53_exists_only_in_long_years() -> None:
    assert cal.week_frame(2020, 53) is not None
    assert cal.week_frame(2021, 53) is None


def test_days_across_dst_changes_have_23_and_25_hours() -> None:
    spring = cal.day_frame(date(2020, 3, 29))
    autumn = cal.day_frame(date(2020, 10, 25))
    assert (spring.end - spring.start).total_seconds() == 23 * 3600
    assert (autumn.end - autumn.start).total_seconds() == 25 * 3600


def test_night_runs_into_next_day() -> None:
    night = cal.part_of_day(cal.day_frame(date(2020, 1, 7)), "NI")
    assert (night.value, night.start.isoformat(), night.end.isoformat()) == (
        "2020-01-07TNI", "2020-01-07T22:00:00+01:00", "2020-01-08T06:00:00+01:00")


def test_midnight_is_end_of_day() -> None:
    midnight = cal.clock_time(cal.day_frame(date(2020, 1, 7)), 24, 0)
    assert midnight.value == "2020-01-07T24:00"
    assert midnight.start.isoformat() == "2020-01-08T00:00:00+01:00"


# The hours around both clock changes of 2020, and ordinary ones; every fold.
_AROUND_CHANGES = [(2020, month, day, hour, minute) for month, day in ((3, 29), (10, 25), (6, 1), (12, 31))
                   for hour in range(24) for minute in (0, 1, 30, 59)]


@pytest.mark.parametrize("fold", [0, 1])
def test_elapsed_adds_hours_and_minutes_as_pendulum_does(fold: int) -> None:
    for wall in _AROUND_CHANGES:
        moment = pendulum.DateTime(*wall, tzinfo=cal.ZONE, fold=fold)
        for step in ({"minutes": 1}, {"hours": 1}, {"minutes": 15}, {"hours": -1}):
            expected, found = moment.add(**step), cal.elapsed(moment, timedelta(**step))
            assert pickle.dumps(found) == pickle.dumps(expected), (moment, step)  # fold and type too


@pytest.mark.parametrize(("year", "month", "weekday", "nth", "expected"), [
    (2019, 11, 2, 1, date(2019, 11, 5)),  # first Tuesday: the 1st is a Friday
    (2020, 8, 6, -1, date(2020, 8, 29)),  # last Saturday
    (2021, 2, 1, 4, date(2021, 2, 22)),
    (2021, 2, 1, 5, None),  # February 2021 has four Mondays
    (2020, 12, 4, -1, date(2020, 12, 31)),  # last Thursday is the last day (December: next month in the next year)
    (2020, 5, 7, 2, date(2020, 5, 10)),  # mors dag
])
def test_nth_weekday(year: int, month: int, weekday: int, nth: int, expected: date | None) -> None:
    assert cal.nth_weekday(year, month, weekday, nth) == expected


@pytest.mark.parametrize(("frame", "years", "expected"), [
    (cal.quarter_frame(2021, 1), -1, "2020-Q1"),
    (cal.half_frame(2021, 2), -1, "2020-H2"),
    (cal.month_frame(2021, 3), 1, "2022-03"),
    (cal.week_frame(2021, 12), -1, "2020-W12"),  # the ISO week number, not the date a year back
    (cal.week_frame(2020, 53), -1, "2019-W52"),  # 2019 has no week 53
    (cal.weekend_frame(2021, 5), -1, "2020-W05-WE"),
    (cal.season_frame(2020, "WI"), -1, "2019-WI"),
    (cal.day_frame(date(2024, 2, 29)), -1, "2023-02-28"),
])
def test_years_later_keeps_the_grain(frame: cal.Frame, years: int, expected: str) -> None:
    moved = cal.years_later(frame, years)
    assert moved is not None and (moved.value, moved.grain) == (expected, frame.grain)


def test_years_later_has_no_time_of_day() -> None:
    assert cal.years_later(cal.part_of_day(cal.day_frame(date(2021, 3, 1)), "EV"), -1) is None
