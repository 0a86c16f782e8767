"""TIMEX3 value strings: durations, sets, and the certain part of several values."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from normalise.calendar import hour_in_part

if TYPE_CHECKING:
    from normalise.spec import Spec

_CODES = {"second": ("S", True), "minute": ("M", True), "quarter_hour": ("M", True), "hour": ("H", True), "day": ("D", False),
          "week": ("W", False), "weekend": ("WE", False), "month": ("M", False), "quarter": ("M", False), "half": ("M", False),
          "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False)}
# Fractions are written in a finer unit where that is exact: "et halvt år" = P6M (quarters and
# half-years are months already, by ``_MULTIPLIER``).
_FINER = {"year": ("month", 12), "hour": ("minute", 60), "day": ("hour", 24), "month": ("day", 30),
          "week": ("day", 7), "minute": ("second", 60)}
# Units written in another: a quarter and a half-year in months (ISO 8601 has no quarter
# designator: "et kvartal" P3M); decades and centuries in years, as annotators
# write them ("det seneste årti" P10Y; a vague "i årtier" stays PXDE)
_MULTIPLIER = {"quarter_hour": (15, "minute"), "quarter": (3, "month"), "half": (6, "month"), "decade": (10, "year"), "century": (100, "year")}
# Units whose fractions are written wholly in the finer unit, as annotators write them:
# "halvandet år" = P18M (not P1Y6M), "halvandet døgn" = PT36H, "et halvt minut" = PT30S; hours keep
# both ("PT2H30M").
_WHOLLY_FINER = frozenset({"year", "day", "minute"})


def format_duration(amount: float | None, unit: str, vague: bool = False) -> str:
    """``P3D``, ``PT4H``, ``P6M`` (half a year), ``PXW`` (an unknown number of weeks)."""
    if unit in _MULTIPLIER and amount is not None:
        factor, unit = _MULTIPLIER[unit]
        amount *= factor
    code, clock = _CODES[unit]
    prefix = "PT" if clock else "P"
    if amount is None or vague:
        return f"{prefix}X{code}"
    if amount != int(amount) and unit in _FINER:
        finer, factor = _FINER[unit]
        rest = (amount - int(amount)) * factor
        if rest == int(rest) and unit in _WHOLLY_FINER:
            return format_duration(amount * factor, finer)
        if rest == int(rest):  # "to en halv time" = PT2H30M
            whole = format_duration(int(amount), unit) if int(amount) else ""
            part = format_duration(rest, finer)
            return add_durations(whole, part) or part if whole else part
    number = int(amount) if amount == int(amount) else amount
    return f"{prefix}{number}{code}"


def format_set(spec: Spec) -> str:
    """A SET's value: a period (``P1D``, ``PT10M``) or a recurring point (``XXXX-WXX-3``,
    ``XXXX-XX-XXT07:00``)."""
    if spec.period:
        return spec.period
    if spec.weekday is not None:
        return f"XXXX-WXX-{spec.weekday}{_time_of_day(spec)}"
    if spec.weekend:
        return "XXXX-WXX-WE"
    if spec.part is not None or spec.hour is not None:
        return f"XXXX-XX-XX{_time_of_day(spec)}"
    if spec.month is not None and spec.day is not None:
        return f"XXXX-{spec.month:02d}-{spec.day:02d}"
    if spec.month is not None:
        return f"XXXX-{spec.month:02d}"
    if spec.season is not None:
        return f"XXXX-{spec.season}"
    if spec.holiday is not None:
        return "XXXX-XX-XX"  # a movable feast: the day differs every year
    return format_duration(spec.amount if spec.amount is not None else 1, spec.unit or "day")


def _time_of_day(spec: Spec) -> str:
    """The clock time (``T12:00``, read within its part of day) or the part of day (``TEV``)
    of a recurring day; "" for none."""
    if spec.hour is not None:
        return f"T{hour_in_part(spec.hour, spec.part):02d}:{spec.minute or 0:02d}"
    return f"T{spec.part}" if spec.part else ""


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$")
_TOKENS = re.compile(r"[-:T]|[^-:T]+")


def value_within(values: list[str], published: str | None, counted: bool = False) -> str:
    """The value of an expression read under every day an imprecise publication date could be:
    the one reading that falls within that year or month when exactly one does (a "1. marts"
    in an article of 2017 is 2017-03-01, as a reader takes it, though published in December it
    could be the next one), else ``certain_part``: an unknown day stays a day ("i dag" in an
    article of May 2016 is 2016-05-XX, as 19 of the 35 annotations of such days in the corpora write
    it, and 16 write the month), and an unknown week a week ("sidste uge" in one of February 2018 is
    2018-WXX). The interval keeps every reading."""
    # a time counted from the publication ("sidste sommer") is what most of its days make it: in an
    # article of 2017, 2016's for January to August (as the annotations write it), though 2017's after
    if counted and published is not None:
        value, days = Counter(values).most_common(1)[0]
        if 2 * days > len(values):
            return value
    # within the publication's month, else (none there) within its year ("i juli" in an article of
    # January 2024, read as July 2023 or 2024 by the day: 2024-07)
    distinct = set(values)  # (a year's 365 readings have a few dozen values at most)
    for within in dict.fromkeys((published, published[:4])) if published is not None else ():
        inside = {value for value in distinct if _calendar_part(value).startswith(within)}
        if len(inside) == 1:
            return inside.pop()
        if inside and within == published and len(published) == 4:
            # a day or week of an article dated only to the year is one of that year ("i går" in one
            # of 2017: 2017-XX-XX, as all 8 annotations of such times write it), though on 1 January
            # it was the last day of the year before: the interval keeps that reading
            return certain_part(sorted(inside))
        if inside:
            break
    return certain_part(values)


_WEEK_VALUE = re.compile(r"(\d{4})-W(\d{2})")


def _calendar_part(value: str) -> str:
    """A week value as the month its Thursday falls in ("2016-W20" in "2016-05"), so that a week
    is within a month-only publication date; other values as they are."""
    match = _WEEK_VALUE.match(value)
    if match is None:
        return value
    try:
        return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 4).strftime("%Y-%m")
    except ValueError:
        return value


def certain_part(values: list[str]) -> str:
    """The value that every candidate agrees on, with ``X`` for digits that differ.

    Days that always fall on the same weekday keep it: the nights "natten til
    onsdag" over a month give ``XXXX-WXX-2TNI``.
    """
    distinct = tuple(sorted(set(values)))
    if len(distinct) == 1:
        return distinct[0]
    return _certain_part(distinct)


@lru_cache(maxsize=256)
def _certain_part(distinct: tuple[str, ...]) -> str:
    """``certain_part`` of sorted distinct values (remembered: the texts published in one
    month or year give their expressions the same sets of values, "i går" every day of it)."""
    days = [_DAY.match(v) for v in distinct]
    months = {v[:7] for v in distinct}
    # the weekday form only when the month is lost anyway
    if all(days) and len(months) > 1 and len({m.group(4) for m in days if m}) == 1:
        weekday = _common_weekday([m for m in days if m])
        if weekday is not None:
            years = {date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isocalendar()[0] for m in days if m}
            year = f"{years.pop():04d}" if len(years) == 1 else "XXXX"
            return f"{year}-WXX-{weekday}{days[0].group(4)}"  # type: ignore[union-attr]
    return _fieldwise(distinct)


def _common_weekday(days: list[re.Match[str]]) -> int | None:
    """The weekday all the days fall on, or None (at the first day that differs)."""
    weekdays = (date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoweekday() for m in days)
    first = next(weekdays, None)
    return first if all(weekday == first for weekday in weekdays) else None


def _fieldwise(values: Sequence[str]) -> str:
    """Token by token (a separator ``-``, ``:``, ``T`` or the run between two): the first
    value's token where all agree, with ``X`` for its digits where they differ; values of
    different shapes keep the shape of the shortest, every digit ``X``."""
    same_shape = _fieldwise_same_shape(values)
    if same_shape is not None:
        return same_shape
    split = [_TOKENS.findall(v) for v in values]
    if len({len(tokens) for tokens in split}) != 1:
        shortest = min(split, key=len)
        return _DIGIT.sub("X", "".join(shortest))
    merged = []
    for column in zip(*split):
        merged.append(column[0] if len(set(column)) == 1 else _DIGIT.sub("X", column[0]))
    return "".join(merged)


_SEPARATORS = frozenset("-:T")
_DIGIT = re.compile(r"\d")


def _fieldwise_same_shape(values: Sequence[str]) -> str | None:
    """``_fieldwise`` for values of one length with their separators in the same places
    (None for others): then they split into tokens at the same offsets, and a token
    differs where a character in it does. Comparing the characters offset by offset
    is several times faster than splitting hundreds of values into tokens."""
    if not values:
        return None
    first = values[0]
    if any(len(value) != len(first) for value in values):
        return None
    differs = []
    for characters in map(set, zip(*values)):
        if len(characters) > 1 and not _SEPARATORS.isdisjoint(characters):
            return None  # a separator here in some values only: other tokens
        differs.append(len(characters) > 1)
    return "".join(
        _DIGIT.sub("X", token.group()) if any(differs[token.start():token.end()]) else token.group()
        for token in _TOKENS.finditer(first))


_DATE_PART = re.compile(r"^P([^T]*)(?:T(.*))?$")


def add_durations(first: str, second: str) -> str | None:
    """"tre timer og 12 minutter": ``PT3H`` + ``PT12M`` = ``PT3H12M``; None when
    the parts overlap or are out of order."""
    parts = [_DATE_PART.match(value) for value in (first, second)]
    if not all(parts):
        return None
    dates = "".join(m.group(1) for m in parts if m)
    times = "".join(m.group(2) or "" for m in parts if m)
    order = "YMWD" if dates else ""
    letters = [c for c in dates if c.isalpha()]
    if letters != sorted(letters, key=order.index) or len(set(letters)) != len(letters):
        return None
    time_letters = [c for c in times if c.isalpha()]
    if time_letters != sorted(time_letters, key="HMS".index) or len(set(time_letters)) != len(time_letters):
        return None
    return "P" + dates + ("T" + times if times else "")
