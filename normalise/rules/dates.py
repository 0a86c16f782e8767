"""Productions of calendar dates and the calendar's numbered periods: a day of a month
("den 8. januar", "8/1-2020", "2020-01-08"), decades and centuries, ISO and school-holiday
weeks, quarters and half years ("Q3", "første halvår").
"""

from __future__ import annotations

import re

from normalise.ages import is_age_decade, without_part_of_decade
from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules.readers import day_number, month_number, year_number
from normalise.spec import Spec
from normalise.words import normal

_LIST_OF_DAYS = re.compile(r"\s*(?:,|og|til|-|–)\s*\d")


def day_of_month(hit: Hit) -> Spec | None:
    """"(frist til) den 24.": a day of the month where the clause or sentence ends after it;
    before a lower-case word it is an ordinal ("den 24. plads")."""
    after = hit.word_after()
    if (after[:1].isalnum() and not hit.next_is_capitalised()) or _LIST_OF_DAYS.match(hit.text, hit.match.end()):
        return None  # "den 3., 4. og 5. maj": the month comes at the end of the list
    return Spec(day=int(hit.group("day") or 0))


def day_month(hit: Hit) -> Spec | None:
    day = day_number(hit.group("day") or "")
    if not 1 <= day <= 31:
        return None
    return Spec(day=day, month=month_number(hit), year=year_number(hit.group("year")))


def weekend_of_dates(hit: Hit) -> Spec | None:
    """"weekenden den 5.-6. august": the weekend its dates fall in (``2017-W31-WE``)."""
    dated = day_month(hit)
    return dated._replace(unit_of="weekend") if dated is not None else None


def numeric_date(hit: Hit) -> Spec | None:
    day, month = int(hit.group("d") or 0), int(hit.group("m") or 0)
    year_text = hit.group("y")
    year = None
    if year_text:
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if (year is None and hit.word_after() in ("af", "del", "dele")) or hit.word_before() in ("nr", "nr.", "nummer", "§"):
        return None  # "2/3 af vælgerne"
    return Spec(day=day, month=month, year=year)


def iso_date(hit: Hit) -> Spec | None:
    year, month, day = (int(hit.group(g) or 0) for g in ("y", "m", "d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Spec(year=year, month=month, day=day)


def decade(hit: Hit) -> Spec | None:
    if len(hit.group("digits") or "") != 4 and is_age_decade(without_part_of_decade(hit.words_before(5))):
        return None
    if hit.has("word"):
        return Spec(decade=190 + load_lexicon().decade_words[normal(hit.group("word") or "")])
    digits = hit.group("digits") or ""
    if len(digits) == 4:
        return Spec(decade=int(digits) // 10)
    two = int(digits)
    return Spec(decade=(200 if two <= 20 else 190) + two // 10)


def century(hit: Hit) -> Spec | None:
    if hit.has("hundreds"):
        return Spec(century=int(hit.group("hundreds") or 0))
    ordinal = day_number(hit.group("ord") or "")
    return Spec(century=ordinal - 1) if ordinal >= 1 else None


def iso_week(hit: Hit) -> Spec | None:
    week = int(hit.group("w") or 0)
    return Spec(week=week, year=year_number(hit.group("y"))) if 1 <= week <= 53 else None


_IN_NUMBERED_WEEK = re.compile(r"(?:\s+i\s+|\s*,\s*)uge\s+\d", re.IGNORECASE)


def school_week(hit: Hit) -> Spec | None:
    """"efterårsferien": the ISO week the holiday is held in, by tense; in "efterårsferien i uge 42"
    and "vinterferien, uge 7" the number names it (the holiday is no expression of its own)."""
    if _IN_NUMBERED_WEEK.match(hit.text, hit.match.end()):
        return None
    return Spec(week=load_lexicon().school_weeks[normal(hit.group("word") or "")])


def quarter(hit: Hit) -> Spec | None:
    value = day_number(hit.group("q") or "")
    return Spec(quarter=value, year=year_number(hit.group("y"))) if 1 <= value <= 4 else None


def half_year(hit: Hit) -> Spec | None:
    value = day_number(hit.group("h") or "")
    return Spec(half=value, year=year_number(hit.group("y"))) if value in (1, 2) else None


_PERIOD_CODE_BEFORE = ("i", "for", "under", "efter", "gennem", "til", "fra", "og", "siden", "inden")


def period_code(hit: Hit) -> Spec | None:
    """Business shorthand: "i Q3" (a quarter), "H1 2022" (a half year); not "Audi Q3"."""
    if not hit.has("y") and hit.word_before() not in _PERIOD_CODE_BEFORE:
        return None
    number, year = int(hit.group("n") or 0), year_number(hit.group("y"))
    if (hit.group("kind") or "").upper() == "Q":
        return Spec(quarter=number, year=year)
    return Spec(half=number, year=year) if number <= 2 else None
