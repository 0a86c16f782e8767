"""The publication time (document creation time, DCT) and its precision.

A DCT may be known to the second or only to the year. ``PublicationTime``
keeps the interval of instants it could be, so the resolver can widen every
anchored interval instead of inventing precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

import pendulum

from normalise.calendar import ZONE, local
from normalise.errors import PublishedDateError

Precision = Literal["year", "month", "day", "minute"]

_ISO = re.compile(
    r"""^\s*(?P<year>\d{4})
    (?:-(?P<month>\d{1,2})
      (?:-(?P<day>\d{1,2})
        (?:[T\s](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?
          (?P<offset>Z|[+-]\d{2}:?\d{2})?
        )?
      )?
    )?\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class PublicationTime:
    """When a document was published, as precisely as it is known.

    ``earliest``/``latest`` bound every instant it could be (end-exclusive,
    Europe/Copenhagen). For minute precision ``latest`` is one minute later.
    """

    earliest: datetime
    latest: datetime
    precision: Precision

    @property
    def is_precise(self) -> bool:
        """True when the day is known (clock-level uncertainty is handled per day)."""
        return self.precision in ("day", "minute")

    @property
    def value(self) -> str:
        """The DCT as a TIMEX3 value at its own precision."""
        formats = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD", "minute": "YYYY-MM-DDTHH:mm"}
        return pendulum.instance(self.earliest).format(formats[self.precision])

    def reference_times(self, edges: bool = False) -> Iterator[datetime]:
        """Every publication instant the resolver must try.

        A precise DCT gives itself. A day-precise DCT gives the day at noon:
        day-level resolution does not depend on the clock. A month or year
        gives noon of every day it could be. ``edges`` adds the first and last
        minute, for expressions counted in hours or minutes ("for to timer siden").
        """
        if self.precision == "minute":
            yield self.earliest
            return
        if edges:
            yield self.earliest
        noon = pendulum.instance(self.earliest).replace(hour=12)
        while noon < self.latest:
            yield noon
            noon = _next_day(noon)
        if edges:
            yield pendulum.instance(self.latest).subtract(minutes=1)

    def instants(self, edges: bool = False) -> tuple[datetime, ...]:
        """``reference_times`` as a tuple, made once per publication time (the texts of a
        corpus share their dates, and a year has 365 instants to make)."""
        return _instants(self, edges)

    def __str__(self) -> str:
        return self.value


@lru_cache(maxsize=1024)
def _instants(publication: PublicationTime, edges: bool) -> tuple[datetime, ...]:
    return tuple(publication.reference_times(edges))


def parse_published(value: object) -> PublicationTime:
    """Read a publication time given as datetime, date or string of any precision.

    Strings: ISO 8601 at year, month, day or minute precision (``2020``,
    ``2020-01``, ``2020-01-08``, ``2020-01-08T01:15``), Danish local time unless
    an offset is given. Other absolute forms (``8. januar 2020``,
    ``Wed, 08 Jan 2020 01:15:00 +0100``) go through dateparser.

    Raises PublishedDateError naming the input when it cannot be read.
    """
    if isinstance(value, PublicationTime):
        return value
    if isinstance(value, str) and not value.strip():
        raise PublishedDateError("publication time is empty; expected e.g. '2020-01-08'")
    if not isinstance(value, (str, date)):
        raise PublishedDateError(
            f"publication time must be a datetime, date or ISO string, got {type(value).__name__}"
        )
    try:
        return _parse(value)
    except (ValueError, OverflowError) as err:
        raise PublishedDateError(f"publication time {value!r} is not a valid date: {err}") from None


def _parse(value: str | date) -> PublicationTime:
    if isinstance(value, datetime):
        moment = _to_zone(value)
        return PublicationTime(moment, _after(moment, minutes=1), "minute")
    if isinstance(value, date):
        return _day(value.year, value.month, value.day)
    return _parse_text(value.strip())


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> PublicationTime:
    """A publication time written as text (remembered: a corpus repeats its dates)."""
    return _parse_iso(text) or _parse_free(text)


# The last instant of the calendar (datetime ends with the year 9999): the end of a
# publication time that would end later ("9999-12-31").
_LAST = pendulum.datetime(9999, 12, 31, 23, 59, 59, 999999, tz=ZONE)


def _after(start: pendulum.DateTime, **step: int) -> pendulum.DateTime:
    """``start`` moved on by ``step``, or the calendar's last instant when that is past it."""
    try:
        return start.add(**step)
    except (OverflowError, ValueError):
        return _LAST


def _next_day(moment: pendulum.DateTime) -> pendulum.DateTime:
    """``_after(moment, days=1)``; for a plain noon (fold 1, as pendulum makes it) built
    directly, which is several times faster (a year-precise date has 365 of them)."""
    if (moment.hour, moment.minute, moment.second, moment.microsecond, moment.fold) == (12, 0, 0, 0, 1):
        day = date(moment.year, moment.month, moment.day)
        if day < date.max:
            following = day + timedelta(days=1)
            return local(following.year, following.month, following.day, 12)
    return _after(moment, days=1)


def _to_zone(moment: datetime) -> pendulum.DateTime:
    if moment.tzinfo is None:
        return pendulum.instance(moment, tz=ZONE)
    return pendulum.instance(moment).in_timezone(ZONE)


def _day(year: int, month: int, day: int) -> PublicationTime:
    start = pendulum.datetime(year, month, day, tz=ZONE)
    return PublicationTime(start, _after(start, days=1), "day")


def _parse_iso(text: str) -> PublicationTime | None:
    match = _ISO.match(text)
    if match is None:
        return None
    parts = match.groupdict()
    year = int(parts["year"])
    if parts["month"] is None:
        start = pendulum.datetime(year, 1, 1, tz=ZONE)
        return PublicationTime(start, _after(start, years=1), "year")
    month = int(parts["month"])
    if parts["day"] is None:
        start = pendulum.datetime(year, month, 1, tz=ZONE)
        return PublicationTime(start, _after(start, months=1), "month")
    if parts["hour"] is None:
        return _day(year, month, int(parts["day"]))
    clock = datetime(
        year, month, int(parts["day"]), int(parts["hour"]), int(parts["minute"]),
        int(parts["second"] or 0),
    )
    offset = parts["offset"]
    if offset:
        clock = datetime.fromisoformat(clock.isoformat() + ("+00:00" if offset == "Z" else offset))
    moment = _to_zone(clock)
    return PublicationTime(moment, _after(moment, minutes=1), "minute")


_PERIOD_TO_PRECISION: dict[str, Precision] = {
    "year": "year", "month": "month", "week": "day", "day": "day", "time": "minute",
}


def _parse_free(text: str) -> PublicationTime:
    """Absolute dates in other formats and languages, via dateparser."""
    from dateparser.date import DateDataParser  # imported lazily: slow to load

    parser = DateDataParser(
        languages=["da", "en", "de", "sv", "nb"],
        settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False,
                  # absolute dates only: "i går" as a publication date would be read against today's clock
                  "PARSERS": ["custom-formats", "absolute-time"]},
    )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        raise ValueError("expected an ISO date such as 2020, 2020-01, 2020-01-08 or 2020-01-08T01:15")
    found = data.date_obj
    precision = _PERIOD_TO_PRECISION.get(data.period or "day", "day")
    if precision == "year":
        start = pendulum.datetime(found.year, 1, 1, tz=ZONE)
        return PublicationTime(start, _after(start, years=1), "year")
    if precision == "month":
        start = pendulum.datetime(found.year, found.month, 1, tz=ZONE)
        return PublicationTime(start, _after(start, months=1), "month")
    if precision == "day":
        return _day(found.year, found.month, found.day)
    moment = _to_zone(found)
    return PublicationTime(moment, _after(moment, minutes=1), "minute")
