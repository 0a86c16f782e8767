"""The joins: which two neighbouring pieces, with which words between them, form one
expression, and how their specs combine ("lørdag" + "aften", "i morgen, onsdag", "tre dage"
+ "efter" + "den 5. maj"). ``JOINS`` is the ordered table ``compose`` applies; the predicates
and combiners it names are here with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from normalise.calendar import ZONE
from normalise.lexicon import holiday_by_name
from normalise.spec import Spec
from normalise.values import add_durations, format_duration

Predicate = Callable[[Spec], bool]
Combine = Callable[[Spec, Spec, str], "Spec | None"]


@dataclass(frozen=True, slots=True)
class Join:
    """Two neighbouring pieces, and the words allowed between them, that form one expression."""

    name: str
    left: Predicate
    glue: re.Pattern[str]
    right: Predicate
    combine: Combine


def glue_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


SPACE = glue_pattern(r"\s+")
SPACE_OR_COMMA = glue_pattern(r"\s*,?\s+")
COMMA = glue_pattern(r"\s*,\s*")


def _is_calendar_day(spec: Spec) -> bool:
    return spec.kind == "point" and spec.has_day and not spec.has_clock


def is_weekday_only(spec: Spec) -> bool:
    return spec.kind == "point" and spec.weekday is not None and spec.day is None and not spec.has_clock \
        and spec.part is None and not spec.night_before


def _is_weekend_only(spec: Spec) -> bool:
    """"weekenden": a weekend of no week named yet."""
    return spec.kind == "point" and spec.weekend and spec.week is None and spec.shift_unit is None \
        and spec.day is None and spec.month is None and spec.year is None and not spec.has_clock


def _is_weekday_with_part(spec: Spec) -> bool:
    """"onsdag morgen": a weekday and a part of it, no date or clock time yet."""
    return spec.part is not None and is_weekday_only(spec._replace(part=None))


def _is_dated_day(spec: Spec) -> bool:
    return spec.kind == "point" and spec.day is not None and spec.month is not None and not spec.has_clock


def is_part(spec: Spec) -> bool:
    return spec.kind == "part" and spec.part is not None


def is_clock_only(spec: Spec) -> bool:
    return spec.kind == "point" and spec.has_clock and not spec.has_day and not spec.night_before \
        and spec.shift_unit is None


def _is_part_of_some_day(spec: Spec) -> bool:
    """A part of day with no day of its own, that a day named right after it places
    ("ved middagstid i går")."""
    return spec.kind == "point" and spec.part is not None and not spec.has_day and not spec.has_clock \
        and spec.shift_unit is None and spec.relation == "tense" and not spec.night_before


def _takes_clock(spec: Spec) -> bool:
    """A day, night or part of day that a clock time can sit in (also a day of a year or a week
    named: "juleaften i år klokken 16", "i næste uge, tirsdag klokken 19")."""
    return spec.kind in ("point", "part") and not spec.has_clock and (
        spec.has_day or spec.part is not None or spec.night_before or spec.relation == "night"
    ) and (spec.shift_unit in (None, "day") or (spec.shift_unit in ("year", "week") and spec.has_day))


def _has_time_of_day(spec: Spec) -> bool:
    return spec.kind == "point" and (spec.has_clock or spec.part is not None)


def _merge(left: Spec, right: Spec, glue: str) -> Spec | None:
    merged = left.merged(right)
    return None if merged is None else merged._replace(kind="point")


def _apposition(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"i morgen, onsdag", "i går, 2. juledag": one day named twice; the more explicit name wins."""
    if left.shift_unit not in (None, "day") or not (right.weekday or right.day or right.holiday):
        return None
    if left.day is not None and right.day is None and right.holiday is None:
        return None  # a date, then a weekday: a list or schedule ("til den 22. december, tirsdag til lørdag")
    if left.day is not None and right.day is not None and (left.day, left.month) != (right.day, right.month):
        return None  # two dates: a list ("20.05.2023, 24.05.2023 og 27.05.2023")
    explicit = left._replace(weekday=None, day=None, month=None, year=None).merged(right)
    return explicit


def _is_bare_week_number(spec: Spec) -> bool:
    """"uge 7" with no year of its own ("uge 7 sidste år")."""
    return spec.week is not None and spec.year is None and spec.year_shift is None and spec.is_week_level_only


def _is_named_day(spec: Spec) -> bool:
    """A date or a holiday, not counted from anything."""
    return _is_calendar_day(spec) and spec.shift_unit is None and (spec.day is not None or spec.holiday is not None)


def _is_counted(spec: Spec) -> bool:
    """"tre dage senere", "for fire måneder siden": a whole number of units from another time or now."""
    return spec.kind == "point" and spec.anchor in ("reference", "dct") and spec.amount is not None \
        and spec.shift_unit is not None and not spec.has_clock


def _is_zoned_clock(spec: Spec) -> bool:
    return is_clock_only(spec) and spec.zone is not None


_DANISH_ZONE = ZONE.name  # "dansk tid"


def _danish_clock(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"klokken 15 lokal tid, klokken 14 dansk tid": one time told in two zones; the Danish one."""
    if _DANISH_ZONE not in (left.zone, right.zone) or left.zone == right.zone:
        return None
    return left if left.zone == _DANISH_ZONE else right


def _night(left: Spec, right: Spec, glue: str) -> Spec | None:
    return right._replace(night_before=True)


def _adverb(left: Spec, right: Spec, glue: str) -> Spec | None:
    return right._replace(kind="point")


def _modifier(left: Spec, right: Spec, glue: str) -> Spec | None:
    if right.kind == "duration":
        return right._replace(mod=left.amount_mod) if left.amount_mod else None
    if left.mod is None or right.mod is not None:
        return None
    if left.half is not None and right.kind in ("point", "part") and right.is_year_level_only:
        return right._replace(kind="point", half=left.half)  # "første halvdel af 2026": 2026-H1
    return right._replace(kind="point", mod=left.mod)


def _clock_with_part_word(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"klokken 8 om morgenen": "om" joins only a part of day."""
    if glue.strip().lower() == "om" and not is_part(right):
        return None
    merged = _merge(left, right, glue)
    if merged is not None and left.relation == "after" and right.has_day:
        # the end of a clock range ("og 3 natten til lørdag") is after its start by its own day
        return merged._replace(relation=right.relation)
    return merged


_UNITS_COARSE_TO_FINE = ("year", "month", "week", "day", "hour", "minute", "second")


def _duration_sum(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"tre timer og 12 minutter", "2 timer, 9 minutter og 31 sekunder" are one duration; a
    comma joins only a finer unit (not the list "90 minutter, 30 minutter")."""
    if left.vague or right.vague or left.unit is None or right.unit is None:
        return None
    if "," in glue and not _finer(right.unit, left.unit):
        return None
    total = add_durations(left.period or format_duration(left.amount, left.unit),
                          format_duration(right.amount, right.unit))
    return None if total is None else left._replace(period=total, mod=left.mod or right.mod)


def _finer(unit: str, than: str) -> bool:
    order = _UNITS_COARSE_TO_FINE
    return unit in order and than in order and order.index(unit) > order.index(than)


_OFFSET_DIRECTION = {"efter": 1, "før": -1, "inden": -1}
_OFFSET_MOD = {1: "AFTER", -1: "BEFORE"}
# "ventetiden under tre måneder inden udgangen af 2021": a bounded length, then a deadline
_UPPER_BOUNDS = ("LESS_THAN", "EQUAL_OR_LESS")
# a few of these before or after a time is shortly before or after it ("få minutter før midnat",
# as "kort før"); a few days or weeks are a length of their own ("flere uger efter en våd januar")
_MOMENTS = ("minute", "second")


def _offset(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"tre dage efter den 5. maj", "dagen før juleaften": counted from the named time."""
    word = glue.strip().lower()
    if left.kind == "duration":
        if left.vague and left.unit in _MOMENTS and word and right.mod is None:
            return right._replace(mod=_OFFSET_MOD[_OFFSET_DIRECTION[word]])
        if left.vague or left.amount is None or not word or left.mod in _UPPER_BOUNDS:
            return None
        return Spec(unit=left.unit, amount=left.amount, shift=_OFFSET_DIRECTION[word], offset_from=right)
    if not word and left.anchor == "reference" and left.shift_unit and left.part is None and left.shift in (1, -1):
        return Spec(unit=left.shift_unit, amount=1, shift=left.shift, offset_from=right)
    return None


_DAYS_IN = {"day": 1, "week": 7}


def _is_days_from_now(spec: Spec) -> bool:
    """"om en uge", "om 14 dage": whole days or weeks ahead of the publication."""
    return spec.kind == "point" and spec.anchor == "dct" and spec.shift_unit in _DAYS_IN and spec.shift == 1 \
        and spec.amount is not None and spec.part is None and spec.mod is None


def _day_from_day(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"i dag om en uge", "fredag om 14 dage": the day that many days after the day named."""
    assert right.shift_unit is not None and right.amount is not None
    return Spec(unit="day", amount=right.amount * _DAYS_IN[right.shift_unit], shift=1, offset_from=left)


def _is_yearly(spec: Spec) -> bool:
    """"hvert år", "årligt"."""
    return spec.kind == "set" and (spec.period == "P1Y" or (spec.unit == "year" and spec.amount == 1))


def _is_within_year(spec: Spec) -> bool:
    """A month, date, season or holiday with no year of its own."""
    return spec.kind == "point" and spec.needs_year and spec.shift_unit is None and spec.weekday is None \
        and not spec.has_clock and spec.part is None and spec.quarter is None and spec.half is None


def _yearly(left: Spec, right: Spec, glue: str) -> Spec | None:
    """The yearly set at the month, day, season or holiday named (value ``XXXX-05``, ``XXXX-12-24``)."""
    holiday = holiday_by_name(right.holiday) if right.holiday else None
    return Spec(kind="set", month=holiday.month if holiday else right.month, day=holiday.day if holiday else right.day,
                season=right.season, holiday=right.holiday, mod=right.mod)


def _is_daily_set(spec: Spec) -> bool:
    """A set of days or of one weekday, with no clock time yet: "hver onsdag", "dagligt",
    "hver dag", "hver morgen"."""
    daily = spec.period == "P1D" or (spec.unit == "day" and spec.amount == 1)
    return spec.kind == "set" and spec.hour is None and (daily or spec.weekday is not None or spec.part is not None)


def set_at_clock(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"hver onsdag klokken 12", "dagligt kl. 7", "hver søndag ved 10-tiden": the recurring
    day at that time (``XXXX-WXX-3T12:00``, ``XXXX-XX-XXT07:00``), one SET."""
    return left._replace(period=None, amount=None, unit=None, hour=right.hour, minute=right.minute,
                         mod=left.mod or right.mod)


def _set_in_part(every: Spec, part: Spec) -> Spec | None:
    """"hver dag" + "om morgenen": ``XXXX-XX-XXTMO``; a set with a part of its own stays as it is."""
    if every.part is not None:
        return None
    return every._replace(period=None, amount=None, unit=None, part=part.part)


def _is_offsettable(spec: Spec) -> bool:
    return (spec.kind == "duration" and spec.unit is not None) or (
        spec.kind == "point" and spec.anchor == "reference" and spec.shift_unit is not None
        and spec.shift in (1, -1)
    )


JOINS: tuple[Join, ...] = (
    # one day named twice, or a weekday with its date
    Join("weekday_date", is_weekday_only, SPACE_OR_COMMA, _is_dated_day, _merge),
    # "to måneder senere, den 3. december 2018", "for fire måneder siden, den 28. april": a time
    # counted from another or from now, then its date
    Join("counted_then_dated", _is_counted, COMMA, _is_dated_day, lambda left, right, glue: right),
    # ... and the other way round ("langfredag, for tre dage siden", "den 28. marts, for fire dage siden")
    Join("dated_then_counted", _is_named_day, COMMA, _is_counted, lambda left, right, glue: left),
    Join("apposition", _is_calendar_day, COMMA, lambda s: _is_calendar_day(s) and s.shift_unit is None, _apposition),
    # "tirsdag i næste uge", "weekenden i uge 40"
    Join("weekday_in_week", lambda s: is_weekday_only(s) or _is_weekend_only(s), glue_pattern(r"\s+i\s+"),
         lambda s: s.kind == "point" and s.is_week_level_only, _merge),
    # "i næste uge (på) tirsdag", "i næste uge, tirsdag klokken 19"
    Join("week_then_weekday", lambda s: s.kind == "point" and s.is_week_level_only, glue_pattern(r"\s*,?\s+(?:på\s+)?"),
         is_weekday_only, _merge),
    Join("named_in_year", lambda s: s.kind == "point" and (s.needs_year or _is_bare_week_number(s)),
         glue_pattern(r"\s+(?:(?:i|af)\s+)?"),
         lambda s: s.kind == "point" and s.is_year_level_only, _merge),
    # "i fjor i november", "næste år i marts": the year, then the part of it
    Join("year_then_named", lambda s: s.kind == "point" and s.is_year_level_only and s.mod is None,
         glue_pattern(r"\s+i\s+"), lambda s: s.kind == "point" and s.needs_year and s.year is None, _merge),
    # "grundlovsdag i morgen", "juleaften i går", "helligtrekonger den 6. januar": a holiday named with its day
    Join("holiday_then_day", lambda s: _is_calendar_day(s) and s.holiday is not None and s.shift_unit is None,
         SPACE, lambda s: _is_calendar_day(s) and (s.shift_unit == "day" or _is_dated_day(s)) and s.holiday is None,
         lambda left, right, glue: _apposition(right, left, glue)),
    Join("same_unit_in_year", lambda s: s.kind == "point" and s.anchor == "reference" and s.shift == 0,
         SPACE, lambda s: s.kind == "point" and s.is_year_level_only, lambda left, right, glue: right),
    Join("same_unit_named", lambda s: s.kind == "point" and s.anchor == "reference" and s.shift == 0 and s.part is None,
         SPACE, lambda s: s.kind == "point" and s.anchor == "dct" and s.shift_unit is not None,
         lambda left, right, glue: right if left.shift_unit == right.shift_unit else None),
    Join("year_genitive", lambda s: s.kind == "point" and s.is_year_level_only and s.shift_unit == "year",
         SPACE, lambda s: s.kind == "point" and s.needs_year, _merge),
    # prefixes: "natten til", "tidligere", "senere på"
    Join("night_before", lambda s: s.kind == "prefix" and s.night_before, SPACE,
         lambda s: _is_calendar_day(s) and s.part is None, _night),
    Join("adverb", lambda s: s.kind == "prefix" and s.adverb, glue_pattern(r"\s+(?:på\s+)?"),
         lambda s: (s.kind in ("point", "part") and s.shift_unit is not None) or _is_calendar_day(s)
         or is_part(s), _adverb),
    # modifiers attach before clock times join their day ("i går kort efter klokken 16")
    Join("modifier", lambda s: s.kind == "modifier", glue_pattern(r"\s+(?:(?:i|på|om)\s+)?"),
         lambda s: s.kind in ("point", "duration", "part"), _modifier),
    # "årets udgang", "månedens begyndelse": the genitive's end or start
    Join("genitive_edge", lambda s: s.kind == "point" and not s.has_clock and s.mod is None, SPACE,
         lambda s: s.kind == "suffix", lambda left, right, glue: left._replace(mod=right.mod)),
    # parts of day and clock times
    Join("day_part", _is_calendar_day, glue_pattern(r"\s+(?:om\s+)?"), is_part, _merge),  # "mandag (om) aftenen"
    # "onsdag morgen den 15. november": a weekday's part of day, then its date
    Join("weekday_part_date", _is_weekday_with_part, SPACE_OR_COMMA, _is_dated_day, _merge),
    Join("time_zone", _has_time_of_day, SPACE, lambda s: s.kind == "zone", _merge),
    Join("clock_in_two_zones", _is_zoned_clock, COMMA, _is_zoned_clock, _danish_clock),
    Join("clock_in_day", is_clock_only, glue_pattern(r"\s+(?:om\s+)?|\s*,\s*"), _takes_clock, _clock_with_part_word),
    Join("day_at_clock", _takes_clock, glue_pattern(r"\s+|\s*,\s*"), is_clock_only, _merge),
    # "i dag ved midnat", "torsdag den 7. december ved midnat" ("ved" is left out of "midnat" alone)
    Join("day_at_midnight", _takes_clock, glue_pattern(r"\s+ved\s+"), lambda s: is_clock_only(s) and s.hour == 24, _merge),
    Join("part_in_day", _is_part_of_some_day, SPACE, lambda s: _is_calendar_day(s) and s.part is None, _merge),
    # "(om) aftenen den 8. oktober": the definite part of a dated day
    Join("part_of_date", lambda s: s.kind == "part" and s.part is not None and not s.has_day and s.shift_unit is None,
         SPACE, _is_dated_day, lambda left, right, glue: _merge(left._replace(kind="point"), right, glue)),
    # "lørdag ved middagstid", "den 7. oktober sidst på eftermiddagen"
    Join("day_then_part", lambda s: _is_calendar_day(s) and s.part is None, glue_pattern(r"\s+(?:ved\s+)?"),
         _is_part_of_some_day, _merge),
    # modifiers, sums and offsets
    Join("duration_sum", lambda s: s.kind == "duration", glue_pattern(r"\s+og\s+|\s*,\s*"), lambda s: s.kind == "duration",
         _duration_sum),
    # (a day in a year referred to counts too: "dagen før juleaften samme år")
    Join("offset", _is_offsettable, glue_pattern(r"\s+(?:(?:efter|før|inden)\s+)?"),
         lambda s: s.kind == "point" and (s.anchor != "reference" or s.holiday is not None or s.day is not None),
         _offset),
    # "i dag om en uge", "fredag om 14 dage": counted from the day named
    Join("day_from_day", lambda s: _is_calendar_day(s) and s.part is None, SPACE,
         _is_days_from_now, _day_from_day),
    # "hvert år i maj", "i maj hvert år": the yearly set narrowed to a part of the year
    Join("yearly_in", _is_yearly, glue_pattern(r"\s+(?:(?:i|om|til|på|den)\s+)?"), _is_within_year, _yearly),
    Join("in_yearly", _is_within_year, SPACE, _is_yearly, lambda left, right, glue: _yearly(right, left, glue)),
    # "hver onsdag klokken 12", "klokken 7 hver morgen": the set at that time of day
    Join("set_at_clock", _is_daily_set, glue_pattern(r"\s+(?:om\s+)?|\s*,\s*"), is_clock_only, set_at_clock),
    # (not a range's end: the set is the whole range's, "fra klokken 7 til 21 alle ugens dage")
    Join("clock_every", lambda s: is_clock_only(s) and s.relation != "after", SPACE, _is_daily_set,
         lambda left, right, glue: set_at_clock(right, left, glue)),
    # "om morgenen hver dag", "hver dag om aftenen": the recurring day at that part of it
    Join("part_every", is_part, SPACE, _is_daily_set, lambda left, right, glue: _set_in_part(right, left)),
    Join("every_part", _is_daily_set, glue_pattern(r"\s+(?:om\s+)?"), is_part, lambda left, right, glue: _set_in_part(left, right)),
    # "hver fredag ved middagstid": a part of some day after "ved"
    Join("every_at_part", _is_daily_set, glue_pattern(r"\s+ved\s+"), _is_part_of_some_day,
         lambda left, right, glue: _set_in_part(left, right)),
    # "på mandag, dagen før valget": the day named, then said again as the day before an event
    Join("apposition_anaphor", _is_calendar_day, COMMA,
         lambda s: s.kind == "point" and s.anchor == "reference" and s.shift_unit == "day" and s.part is None,
         lambda left, right, glue: left),
    # "om en uge, tirsdag den 27. juni": a time from now, then its date
    Join("offset_then_date", lambda s: s.kind == "point" and s.anchor == "dct" and s.shift_unit in ("day", "week")
         and s.amount is not None and s.part is None, COMMA, _is_dated_day, lambda left, right, glue: right),
    # "på torsdag, dagen før store bededag": one day named twice, once as an offset
    Join("apposition_offset", _is_calendar_day, COMMA, lambda s: s.kind == "point" and s.offset_from is not None,
         lambda left, right, glue: right),
)
