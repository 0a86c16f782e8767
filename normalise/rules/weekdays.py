"""Productions of weekdays and weekends: a bare weekday and its plural, past and coming
forms, one placed in a named week or month ("mandag og tirsdag i næste uge", "den første tirsdag
i november"), and the weekend ("weekenden", "weekenden efter påske").
"""

from __future__ import annotations

from functools import cache

from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules.named_periods import holiday
from normalise.rules.readers import (
    after_or_before,
    month_number,
    not_calendar_word,
    shift_of,
    weekday_number,
    year_number,
)
from normalise.spec import Relation, Spec
from normalise.values import format_set
from normalise.words import normal, words


def weekday(hit: Hit) -> Spec | None:
    if not_calendar_word(hit, "wd"):
        return None
    if hit.word_before() == "om" and not (hit.group("wd") or "").lower().endswith("s"):
        return None  # "om søndagen" is generic; not "melde ud om lørdagens fly"
    if _any_such_day(hit):
        return None
    return Spec(weekday=weekday_number(hit.group("wd")))


def _any_such_day(hit: Hit) -> bool:
    """"end på en almindelig lørdag", "en helt normal mandag": any such day, no time."""
    before = hit.words_before(3)
    adjectives = load_lexicon().generic_day_adjectives
    return any(before[-size - 1:] and before[-size - 1] == "en" and " ".join(before[-size:]) in adjectives
               for size in (1, 2) if len(before) > size)


def weekday_plural(hit: Hit) -> Spec:
    """"Fredage: klokken 16-21", "lukket mandage": the weekday every week."""
    return Spec(kind="set", weekday=words().weekday_plurals[normal(hit.group("wd") or "")])


def weekday_past_s(hit: Hit) -> Spec:
    return Spec(weekday=words().weekday_past_s[normal(hit.group("wd") or "")], relation="before")


def indefinite_weekday(hit: Hit) -> Spec:
    """"en fredag", "en søndag aften": some Friday, not a particular one (TimeML's ``XXXX-WXX-5``)."""
    part = load_lexicon().day_parts[normal(hit.group("part") or "")] if hit.has("part") else None
    return Spec(kind="ref", ref=format_set(Spec(weekday=weekday_number(hit.group("wd")), part=part)))


def weekday_day(hit: Hit) -> Spec | None:
    """"fredag den 13.": the day of that number near the publication that falls on that weekday."""
    day = int(hit.group("d") or 0)
    if not 1 <= day <= 31 or not_calendar_word(hit, "wd"):
        return None
    return Spec(weekday=weekday_number(hit.group("wd")), day=day)


def listed_weekday_in_week(hit: Hit) -> Spec | None:
    """The other weekday of "mandag og tirsdag i næste uge", "i sidste uge mandag og tirsdag",
    "fra mandag til onsdag i uge 8":
    the week named once counts for both."""
    if not_calendar_word(hit, "wd"):
        return None
    if hit.has("w"):
        week = int(hit.group("w") or 0)
        return Spec(weekday=weekday_number(hit.group("wd")), week=week) if 1 <= week <= 53 else None
    return Spec(weekday=weekday_number(hit.group("wd"))).merged(
        Spec(shift_unit="week", shift=shift_of(hit.group("shift"))))


def same_weekday(hit: Hit) -> Spec | None:
    """"den fredag", "samme mandag": that weekday of the story, the day last named on it
    (else the one nearest the time last named)."""
    if not_calendar_word(hit, "wd"):
        return None
    return Spec(weekday=weekday_number(hit.group("wd")), anchor="reference", relation="same")


def weekday_coming(hit: Hit) -> Spec | None:
    """"på onsdag": the next one; not "på Mandag Morgen-konferencen", nor "styrtede på lørdagens
    etape", where "på" belongs to the verb and the genitive goes by tense."""
    if not_calendar_word(hit, "wd") or normal(hit.group("wd") or "") in _weekday_genitives():
        return None
    return Spec(weekday=weekday_number(hit.group("wd")), relation="after")


@cache
def _weekday_genitives() -> frozenset[str]:
    return frozenset(form for weekday in load_lexicon().weekdays for form in weekday.genitive)


def shifted_weekday(hit: Hit) -> Spec:
    shift = shift_of(hit.group("shift"))
    relation: Relation = "before" if shift < 0 else "after" if shift > 0 else "tense"
    return Spec(weekday=weekday_number(hit.group("wd")), relation=relation)


def nth_in_month(hit: Hit) -> Spec:
    """"den første tirsdag i november", "sidste weekend i august": counted within the month."""
    word = normal(hit.group("nth") or "")
    from_end = load_lexicon().ordinals_from_end
    nth = -from_end[word] if word in from_end else int(words().ordinals[word])
    weekend = hit.has("weekend")
    return Spec(weekday=None if weekend else weekday_number(hit.group("wd")), weekend=weekend, month=month_number(hit),
                nth=nth, year=year_number(hit.group("year")))


def night_between(hit: Hit) -> Spec:
    return Spec(weekday=weekday_number(hit.group("wd")), part="NI")


def weekend(hit: Hit) -> Spec:
    return Spec(weekend=True)


def weekend_after_holiday(hit: Hit) -> Spec | None:
    """"weekenden efter påske", "weekenden efter Kristi himmelfartsdag": the first weekend after it."""
    spec = holiday(hit)
    return None if spec is None else spec._replace(unit_of="weekend_after", part=None)


def weekend_after(hit: Hit) -> Spec:
    """"weekenden efter", "weekenden før": the first weekend after (or before) the time referred to."""
    return Spec(weekend=True, relation=after_or_before(hit), anchor="reference")
