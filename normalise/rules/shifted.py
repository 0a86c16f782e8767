"""Productions of units shifted from now ("sidste uge", "næste år", "næste års", "sidste
sommer") and of the edges of the current year or month ("årets første dag", "de sidste tre
måneder af 2019").
"""

from __future__ import annotations

from typing import Any

from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules.named_periods import named_period
from normalise.rules.readers import all_capitalised, shift_of, with_fields, year_number
from normalise.spec import Spec
from normalise.words import normal, number


def edge_of_current(hit: Hit) -> Spec | None:
    """"årets første dag" (1 January), "årets sidste måned", "månedens første dag": the first or
    last day or month of this year, or the first day of this month."""
    unit = "year" if normal(hit.group("which") or "") == "årets" else "month"
    first = normal(hit.group("nth") or "") == "første"
    what = normal(hit.group("what") or "")
    if unit == "month":
        return Spec(shift_unit="month", shift=0, day=1) if first and what in ("dag", "døgn") else None
    if what == "måned":
        return Spec(shift_unit="year", shift=0, month=1 if first else 12)
    return Spec(shift_unit="year", shift=0, month=1 if first else 12, day=1 if first else 31)


# "årets første seks måneder" is its first half-year, "de sidste tre måneder af 2019" its last quarter:
# the runs of months that make a unit of the year, as (field, the first one, the last one).
_MONTH_RUNS = {3: ("quarter", 1, 4), 6: ("half", 1, 2)}


def months_of_year(hit: Hit) -> Spec | None:
    """"årets første seks måneder" (H1), "de sidste tre måneder af 2019" (Q4); another count is
    its length ("årets første ni måneder": P9M, as annotators write it), none ("årets sidste
    måneder") the start or end of the year."""
    first = normal(hit.group("edge") or "") == "første"
    count = int(number(hit.group("n") or "") or 0) if hit.has("n") else None
    if count is not None and not 0 < count < 12:
        return None
    year = _year_of_months(hit)
    if count in _MONTH_RUNS:
        field, start, end = _MONTH_RUNS[count]
        edge: dict[str, Any] = {field: start if first else end}  # the field by name
        return year._replace(**edge)
    if count is not None:
        return Spec(kind="duration", amount=count, unit="month")
    return year._replace(mod="START" if first else "END")


def _year_of_months(hit: Hit) -> Spec:
    """The year of "årets", "næste års", "af 2019", "af sidste år", "i år"; "af året" is the year
    the text refers to (as in "resten af året"), else the current one."""
    lex = load_lexicon()
    if hit.has("year"):
        return Spec(year=year_number(hit.group("year")))
    if hit.has("shift"):
        return Spec(shift_unit="year", shift=shift_of(hit.group("shift")))
    if hit.has("deictic"):
        word = normal(hit.group("deictic") or "")
        return Spec(shift_unit="year", shift=lex.deictic_years.get(word, lex.genitive_year_shift.get(word)))
    return Spec(shift_unit="year", shift=0, anchor="reference")


UNIT_SHIFT_NAMES = {"uge": "week", "uges": "week", "måned": "month", "måneds": "month", "år": "year",
                    "års": "year", "kvartal": "quarter", "kvartals": "quarter", "halvår": "half",
                    "halvårs": "half", "årti": "decade", "århundrede": "century", "døgn": "day", "dag": "day"}


def shifted_unit(hit: Hit) -> Spec | None:
    shift = shift_of(hit.group("shift"))
    unit = normal(hit.group("unit") or "")
    if unit in ("weekend", "weekends"):
        if normal(hit.group("shift") or "") in ("kommende", "førstkommende"):
            return Spec(weekend=True, relation="after")  # the first weekend after now
        if shift == 1:  # the weekend after the nearest one: on a Monday this week's, on a Saturday next week's
            return Spec(weekend=True, relation="next")
        return Spec(weekend=True, shift_unit="week", shift=shift)  # like "sidste uge": the week's weekend
    if unit in ("dag", "døgn"):
        return None  # "næste dag" is anaphoric, see next_day
    return Spec(shift_unit=UNIT_SHIFT_NAMES[unit], shift=shift)


def day_in_shifted_month(hit: Hit) -> Spec | None:
    """"den 15. i næste måned", "den 1. i denne måned": a day of a month counted from now."""
    day = int(hit.group("d") or 0)
    if not 1 <= day <= 31:
        return None
    return Spec(shift_unit="month", shift=shift_of(hit.group("shift")), day=day)


def genitive_year(hit: Hit) -> Spec:
    return Spec(shift_unit="year", shift=load_lexicon().genitive_year_shift[normal(hit.group("word") or "")])


def shifted_named(hit: Hit) -> Spec | None:
    """"sidste sommer", "næste jul", "sidste december": the nearest one strictly before/after; "næste
    sommer", "næste forår", "næste efterår": next year's."""
    if all_capitalised(hit) and not hit.starts_sentence():
        return None  # a name in mid-sentence: the band "Sidste Sommer"
    shift = shift_of(hit.group("shift"))
    relation = "before" if shift < 0 else "after" if shift > 0 else "tense"
    base = named_period(hit)
    if base is not None and shift > 0 and base.season in _SEASONS_OF_ONE_YEAR:
        # "næste sommer" in January: next year's, the one after this year's ("i sommer"), as
        # "sommeren næste år" (not a winter: it spans two years, and in autumn the next is the coming one)
        return with_fields(base, shift_unit="year", shift=1)
    return None if base is None else with_fields(base, relation=relation)


_SEASONS_OF_ONE_YEAR = frozenset(("SP", "SU", "FA"))
