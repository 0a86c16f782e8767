"""Date labels for charts, in Danish or ISO-like English, with no dependence on the locale.

The Danish names follow CLDR's Danish data (``da``: wide and abbreviated month and
weekday names, "HH.mm" clock times); the same names feed Plotly's date axis through
:func:`plotly_locale`, so axis ticks and hover labels agree.

>>> from datetime import datetime
>>> danish_date(datetime(2020, 1, 8))
'8. jan. 2020'
>>> danish_datetime(datetime(2020, 1, 8, 0, 30))
'onsdag 8. jan. 2020 kl. 00.30'
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

MONTHS: Final = ("januar", "februar", "marts", "april", "maj", "juni",
                 "juli", "august", "september", "oktober", "november", "december")
MONTHS_SHORT: Final = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.",
                       "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")
# Monday first, as datetime.weekday() counts.
WEEKDAYS: Final = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAYS_SHORT: Final = ("man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn.")

_DAY: Final = timedelta(days=1)


def danish_date(moment: datetime, *, weekday: bool = False, short: bool = True) -> str:
    """``8. jan. 2020``; ``weekday=True``: ``onsdag 8. jan. 2020``; ``short=False``: ``januar``."""
    month = (MONTHS_SHORT if short else MONTHS)[moment.month - 1]
    text = f"{moment.day}. {month} {moment.year}"
    return f"{WEEKDAYS[moment.weekday()]} {text}" if weekday else text


def danish_time(moment: datetime) -> str:
    """``kl. 00.30`` (Danish clock times separate hours and minutes with a full stop)."""
    return f"kl. {moment:%H.%M}"


def danish_datetime(moment: datetime) -> str:
    """``onsdag 8. jan. 2020 kl. 00.30``."""
    return f"{danish_date(moment, weekday=True)} {danish_time(moment)}"


def format_interval(earliest: datetime, latest: datetime, *, danish: bool = True) -> str:
    """A readable form of the end-exclusive interval ``[earliest, latest)``.

    Whole days are shown as dates with the last day included (``30. dec. 2019 – 5. jan.
    2020``), one whole day as one date, anything else with clock times; the end's date is
    left out when it is the start's.

    >>> format_interval(datetime(2020, 1, 7), datetime(2020, 1, 8))
    'tirsdag 7. jan. 2020'
    >>> format_interval(datetime(2020, 1, 8, 0, 15), datetime(2020, 1, 8, 0, 46), danish=False)
    '2020-01-08 00:15 – 00:46'
    """
    if _is_midnight(earliest) and _is_midnight(latest) and latest > earliest:
        last_day = latest - _DAY
        first = _date(earliest, danish)
        return first if last_day == earliest else f"{first} – {_date(last_day, danish)}"
    end = _time(latest, danish) if latest.date() == earliest.date() else _moment(latest, danish)
    return f"{_moment(earliest, danish)} – {end}"


def format_moment(moment: datetime, *, danish: bool = True) -> str:
    """``onsdag 8. jan. 2020 kl. 00.30`` or ``2020-01-08 00:30``."""
    return _moment(moment, danish)


def plotly_locale() -> dict[str, Any]:
    """Plotly's locale definition for Danish (``config={"locales": {"da": ...}}``).

    d3 counts weekdays from Sunday; the formats give axis ticks such as ``8. jan.``,
    ``jan. 2020`` and a decimal comma.
    """
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {"format": {
        "days": [WEEKDAYS[i] for i in sunday_first],
        "shortDays": [WEEKDAYS_SHORT[i] for i in sunday_first],
        "months": list(MONTHS), "shortMonths": list(MONTHS_SHORT),
        "periods": ["AM", "PM"], "dateTime": "%A %-d. %B %Y %H.%M.%S",
        "date": "%d.%m.%Y", "time": "%H.%M.%S",
        "decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."],
        "year": "%Y", "month": "%b %Y", "dayMonth": "%-d. %b", "dayMonthYear": "%-d. %b %Y",
    }}


def _is_midnight(moment: datetime) -> bool:
    return (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)


def _date(moment: datetime, danish: bool) -> str:
    return danish_date(moment, weekday=True) if danish else f"{moment:%Y-%m-%d}"


def _time(moment: datetime, danish: bool) -> str:
    return danish_time(moment) if danish else f"{moment:%H:%M}"


def _moment(moment: datetime, danish: bool) -> str:
    return danish_datetime(moment) if danish else f"{moment:%Y-%m-%d %H:%M}"
