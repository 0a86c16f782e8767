"""Productions of sets, times that recur ("hver onsdag", "dagligt", "to gange om ugen"),
and of rates ("to timer om dagen", "300 kroner om måneden").
"""

from __future__ import annotations

from normalise.hit import Hit
from normalise.lexicon import holiday_by_name, load_lexicon
from normalise.rules.readers import MONEY_AFTER, day_number, unit_name
from normalise.spec import Spec
from normalise.words import normal, words


def every(hit: Hit) -> Spec | None:
    """"hver onsdag", "hvert tiende minut", "hver anden uge", "hver morgen"."""
    lex = load_lexicon()
    what = normal(hit.group("what") or "")
    step = 1.0
    if hit.has("ord"):
        step = float(day_number(hit.group("ord") or ""))
    if hit.has("half"):
        step = 0.5
    part = lex.day_parts.get(normal(hit.group("part") or ""))
    if what in words().weekdays:
        return Spec(kind="set", weekday=words().weekdays[what], part=part)
    if what in lex.seasons:
        return Spec(kind="set", season=lex.seasons[what])
    if what in lex.day_parts:
        return Spec(kind="set", part=lex.day_parts[what])
    if what in ("weekend", "weekender"):
        return Spec(kind="set", weekend=True)
    if what in words().holidays:
        holiday = holiday_by_name(words().holidays[what])
        return Spec(kind="set", holiday=holiday.name, month=holiday.month, day=holiday.day)
    if what in words().months:
        return Spec(kind="set", month=words().months[what])
    unit = words().units.get(what)
    if unit is None:
        return None
    return Spec(kind="set", amount=step, unit=unit)


def frequency_adverb(hit: Hit) -> Spec | None:
    """"dagligt", "ugentlige møder", "daglige omvisninger"; not "daglig leder", a role."""
    lex = load_lexicon()
    if normal(hit.word_after()) in lex.frequency_roles:
        return None
    return Spec(kind="set", period=lex.frequency_adverbs[normal(hit.group("word") or "")])


def per_day(hit: Hit) -> Spec | None:
    """"to timer om dagen", "50 kroner om døgnet", "18.000 gæster om dagen", "to tog i timen" (not
    "om dagen" alone: in the daytime; nor "i timen før")."""
    before = hit.words_before(2)
    if before[-1:] and (before[-1] in words().units or before[-1] in MONEY_AFTER):
        return times_per(hit)
    if len(before) == 2 and before[1].isalpha() and before[1] not in load_lexicon().rate_measures \
            and (before[0].replace(".", "").isdigit() or before[0] in words().cardinals):
        return times_per(hit)  # a count of something a day, an hour
    return None


def times_per(hit: Hit) -> Spec:
    """"to gange om ugen": a SET with the period of the unit (TIMEX3 freq is left out)."""
    return Spec(kind="set", amount=1, unit=unit_name(hit.group("unit")))
