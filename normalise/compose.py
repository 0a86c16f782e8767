"""Join adjacent pieces that name one time ("lørdag" + "aften", "kort før" +
"klokken et" + "natten til onsdag") and drop pieces that only count in a join.

Joins run in passes, each over the whole list from left to right, so the
inner parts of an expression are built before the outer ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from normalise.calendar import ZONE
from normalise.grammar import DEPENDENT, Piece
from normalise.lexicon import holiday_by_name, load_lexicon
from normalise.sentences import is_label
from normalise.spec import Spec
from normalise.tense import clue_positions
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


def _glue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


SPACE = _glue(r"\s+")
SPACE_OR_COMMA = _glue(r"\s*,?\s+")
COMMA = _glue(r"\s*,\s*")


def _is_point(spec: Spec) -> bool:
    return spec.kind == "point"


def _is_calendar_day(spec: Spec) -> bool:
    return spec.kind == "point" and spec.has_day and not spec.has_clock


def _is_weekday_only(spec: Spec) -> bool:
    return spec.kind == "point" and spec.weekday is not None and spec.day is None and not spec.has_clock \
        and spec.part is None and not spec.night_before


def _is_weekend_only(spec: Spec) -> bool:
    """"weekenden": a weekend of no week named yet."""
    return spec.kind == "point" and spec.weekend and spec.week is None and spec.shift_unit is None \
        and spec.day is None and spec.month is None and spec.year is None and not spec.has_clock


def _is_weekday_with_part(spec: Spec) -> bool:
    """"onsdag morgen": a weekday and a part of it, no date or clock time yet."""
    return spec.part is not None and _is_weekday_only(spec._replace(part=None))


def _is_dated_day(spec: Spec) -> bool:
    return spec.kind == "point" and spec.day is not None and spec.month is not None and not spec.has_clock


def _is_part(spec: Spec) -> bool:
    return spec.kind == "part" and spec.part is not None


def _is_clock_only(spec: Spec) -> bool:
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
    return _is_clock_only(spec) and spec.zone is not None


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
    if glue.strip().lower() == "om" and not _is_part(right):
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
# "ventetiden under tre måneder inden udgangen af 2021": a bounded length, then a deadline
_UPPER_BOUNDS = ("LESS_THAN", "EQUAL_OR_LESS")


def _offset(left: Spec, right: Spec, glue: str) -> Spec | None:
    """"tre dage efter den 5. maj", "dagen før juleaften": counted from the named time."""
    word = glue.strip().lower()
    if left.kind == "duration":
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


def _set_at_clock(left: Spec, right: Spec, glue: str) -> Spec | None:
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
    Join("weekday_date", _is_weekday_only, SPACE_OR_COMMA, _is_dated_day, _merge),
    # "to måneder senere, den 3. december 2018", "for fire måneder siden, den 28. april": a time
    # counted from another or from now, then its date
    Join("counted_then_dated", _is_counted, COMMA, _is_dated_day, lambda left, right, glue: right),
    # ... and the other way round ("langfredag, for tre dage siden", "den 28. marts, for fire dage siden")
    Join("dated_then_counted", _is_named_day, COMMA, _is_counted, lambda left, right, glue: left),
    Join("apposition", _is_calendar_day, COMMA, lambda s: _is_calendar_day(s) and s.shift_unit is None, _apposition),
    # "tirsdag i næste uge", "weekenden i uge 40"
    Join("weekday_in_week", lambda s: _is_weekday_only(s) or _is_weekend_only(s), _glue(r"\s+i\s+"),
         lambda s: s.kind == "point" and s.is_week_level_only, _merge),
    # "i næste uge (på) tirsdag", "i næste uge, tirsdag klokken 19"
    Join("week_then_weekday", lambda s: s.kind == "point" and s.is_week_level_only, _glue(r"\s*,?\s+(?:på\s+)?"),
         _is_weekday_only, _merge),
    Join("named_in_year", lambda s: s.kind == "point" and (s.needs_year or _is_bare_week_number(s)),
         _glue(r"\s+(?:(?:i|af)\s+)?"),
         lambda s: s.kind == "point" and s.is_year_level_only, _merge),
    # "i fjor i november", "næste år i marts": the year, then the part of it
    Join("year_then_named", lambda s: s.kind == "point" and s.is_year_level_only and s.mod is None,
         _glue(r"\s+i\s+"), lambda s: s.kind == "point" and s.needs_year and s.year is None, _merge),
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
    Join("adverb", lambda s: s.kind == "prefix" and s.adverb, _glue(r"\s+(?:på\s+)?"),
         lambda s: (s.kind in ("point", "part") and s.shift_unit is not None) or _is_calendar_day(s)
         or _is_part(s), _adverb),
    # modifiers attach before clock times join their day ("i går kort efter klokken 16")
    Join("modifier", lambda s: s.kind == "modifier", _glue(r"\s+(?:(?:i|på|om)\s+)?"),
         lambda s: s.kind in ("point", "duration", "part"), _modifier),
    # "årets udgang", "månedens begyndelse": the genitive's end or start
    Join("genitive_edge", lambda s: s.kind == "point" and not s.has_clock and s.mod is None, SPACE,
         lambda s: s.kind == "suffix", lambda left, right, glue: left._replace(mod=right.mod)),
    # parts of day and clock times
    Join("day_part", _is_calendar_day, _glue(r"\s+(?:om\s+)?"), _is_part, _merge),  # "mandag (om) aftenen"
    # "onsdag morgen den 15. november": a weekday's part of day, then its date
    Join("weekday_part_date", _is_weekday_with_part, SPACE_OR_COMMA, _is_dated_day, _merge),
    Join("time_zone", _has_time_of_day, SPACE, lambda s: s.kind == "zone", _merge),
    Join("clock_in_two_zones", _is_zoned_clock, COMMA, _is_zoned_clock, _danish_clock),
    Join("clock_in_day", _is_clock_only, _glue(r"\s+(?:om\s+)?|\s*,\s*"), _takes_clock, _clock_with_part_word),
    Join("day_at_clock", _takes_clock, _glue(r"\s+|\s*,\s*"), _is_clock_only, _merge),
    # "i dag ved midnat", "torsdag den 7. december ved midnat" ("ved" is left out of "midnat" alone)
    Join("day_at_midnight", _takes_clock, _glue(r"\s+ved\s+"), lambda s: _is_clock_only(s) and s.hour == 24, _merge),
    Join("part_in_day", _is_part_of_some_day, SPACE, lambda s: _is_calendar_day(s) and s.part is None, _merge),
    # "(om) aftenen den 8. oktober": the definite part of a dated day
    Join("part_of_date", lambda s: s.kind == "part" and s.part is not None and not s.has_day and s.shift_unit is None,
         SPACE, _is_dated_day, lambda left, right, glue: _merge(left._replace(kind="point"), right, glue)),
    # "lørdag ved middagstid", "den 7. oktober sidst på eftermiddagen"
    Join("day_then_part", lambda s: _is_calendar_day(s) and s.part is None, _glue(r"\s+(?:ved\s+)?"),
         _is_part_of_some_day, _merge),
    # modifiers, sums and offsets
    Join("duration_sum", lambda s: s.kind == "duration", _glue(r"\s+og\s+|\s*,\s*"), lambda s: s.kind == "duration",
         _duration_sum),
    # (a day in a year referred to counts too: "dagen før juleaften samme år")
    Join("offset", _is_offsettable, _glue(r"\s+(?:(?:efter|før|inden)\s+)?"),
         lambda s: s.kind == "point" and (s.anchor != "reference" or s.holiday is not None or s.day is not None),
         _offset),
    # "i dag om en uge", "fredag om 14 dage": counted from the day named
    Join("day_from_day", lambda s: _is_calendar_day(s) and s.part is None, SPACE,
         _is_days_from_now, _day_from_day),
    # "hvert år i maj", "i maj hvert år": the yearly set narrowed to a part of the year
    Join("yearly_in", _is_yearly, _glue(r"\s+(?:(?:i|om|til|på|den)\s+)?"), _is_within_year, _yearly),
    Join("in_yearly", _is_within_year, SPACE, _is_yearly, lambda left, right, glue: _yearly(right, left, glue)),
    # "hver onsdag klokken 12", "klokken 7 hver morgen": the set at that time of day
    Join("set_at_clock", _is_daily_set, _glue(r"\s+(?:om\s+)?|\s*,\s*"), _is_clock_only, _set_at_clock),
    # (not a range's end: the set is the whole range's, "fra klokken 7 til 21 alle ugens dage")
    Join("clock_every", lambda s: _is_clock_only(s) and s.relation != "after", SPACE, _is_daily_set,
         lambda left, right, glue: _set_at_clock(right, left, glue)),
    # "om morgenen hver dag", "hver dag om aftenen": the recurring day at that part of it
    Join("part_every", _is_part, SPACE, _is_daily_set, lambda left, right, glue: _set_in_part(right, left)),
    Join("every_part", _is_daily_set, _glue(r"\s+(?:om\s+)?"), _is_part, lambda left, right, glue: _set_in_part(left, right)),
    # "hver fredag ved middagstid": a part of some day after "ved"
    Join("every_at_part", _is_daily_set, _glue(r"\s+ved\s+"), _is_part_of_some_day,
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


def compose(pieces: list[Piece], text: str, joins: tuple[Join, ...] = JOINS) -> list[Piece]:
    """Apply every join in order, then drop pieces that only count inside a join.

    Joins only ever combine neighbours with glue between them, so the list is cut
    where no join's glue fits the gap, and each run of neighbours is joined alone
    (most pieces stand alone and skip the passes).
    """
    joined: list[Piece] = []
    for stretch in _opening_hours_apart(_exceptions_to_sets(pieces, text), text):
        for run in _runs(stretch, text, _any_glue(joins)):
            for join in joins if len(run) > 1 else ():
                run = _apply(join, run, text)
            joined.extend(run)
    kept = [p for p in _habitual_parts(_parts_of_named_days(joined, text), text) if p.spec.kind not in DEPENDENT]
    return _range_ends(_distribute_sets(_days_of_new_paragraphs(kept, text), text), text)


def _exceptions_to_sets(pieces: list[Piece], text: str) -> list[Piece]:
    """A bare weekday excepted from the recurring time right before it recurs too ("hver dag
    undtagen mandag", data: ``[opening_hours] exceptions``)."""
    found = list(pieces)
    for k in range(1, len(pieces)):
        if pieces[k - 1].spec.kind == "set" and _is_bare_weekday(pieces[k].spec) \
                and " ".join(text[pieces[k - 1].end:pieces[k].start].lower().split()) in load_lexicon().set_exceptions:
            found[k] = _recurring(pieces[k])
    return found


def _opening_hours_apart(pieces: list[Piece], text: str) -> list[list[Piece]]:
    """Opening hours named by a range of weekdays ("tirsdag til søndag klokken 11-17", "mandag til
    fredag kl. 9-18"): the weekdays recur (sets, ``XXXX-WXX-2``), and the clock times after them are
    every such day's, so the range's last weekday is not joined with the clock time after it (the
    pieces are cut there). A stretch opened by "fra" is one time ("fra fredag til søndag klokken 12":
    that Sunday's noon)."""
    starts = [k for k in range(len(pieces) - 2) if _weekdays_before_clock(pieces[k], pieces[k + 1], pieces[k + 2], text)]
    if not starts:
        return [pieces]
    out = list(pieces)
    stretches, begin = [], 0
    for k in starts:
        out[k], out[k + 1] = _recurring(pieces[k]), _recurring(pieces[k + 1])
        stretches.append(out[begin:k + 2])
        begin = k + 2
    return [*stretches, out[begin:]]


def _weekdays_before_clock(first: Piece, second: Piece, clock: Piece, text: str) -> bool:
    """"tirsdag til søndag klokken 11-17": two bare weekdays as a range, then hours, a range of
    clock times or told as opening hours ("åbningstid: ... klokken 10"); not one stretch of days
    ("koncert fredag til søndag klokken 20": that Sunday's). Two weekdays joined by "og" only when
    told as opening hours ("lørdag og søndag kl. 10-16" after "åbent")."""
    if not (_is_bare_weekday(first.spec) and _is_bare_weekday(second.spec) and _is_clock_only(clock.spec)
            and _CLOCK_AFTER_DAYS.fullmatch(text, second.end, clock.start) is not None
            and _STRETCH_OPENER.search(text, max(0, first.start - 8), first.start) is None):
        return False
    if _WEEKDAY_RANGE_GAP.fullmatch(text, first.end, second.start) is not None:
        return _HOURS_TO.match(text, clock.end) is not None or _told_as_opening_hours(text, first.start)
    # two days told as opening hours ("åbent ... mandag til fredag kl. 9-18 og lørdag og søndag kl. 10-16")
    return _AND.fullmatch(text, first.end, second.start) is not None and _told_as_opening_hours(text, first.start)


def _told_as_opening_hours(text: str, offset: int) -> bool:
    """Whether an opening-hours word stands in the sentence before ``offset``."""
    window = max(0, offset - _SENTENCE_REACH)
    breaks = [m.end() - 1 for m in _SENTENCE_BREAK.finditer(text, window, offset)]  # ("kl. 9" is no break)
    begin = breaks[-1] if breaks else window
    return names_opening_hours(_WORDS.findall(text[begin:offset].lower()))


def names_opening_hours(words: list[str]) -> bool:
    """Whether lower-cased words hold an opening-hours word or phrase (data: ``[opening_hours]``:
    "åbent", "åbningstid", "ugens dage")."""
    return holds_phrase(words, load_lexicon().opening_hours)


def holds_phrase(words: list[str], phrases: Iterable[str]) -> bool:
    """Whether lower-cased words hold one of the phrases (of one or more words)."""
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in phrases)


def _is_bare_weekday(spec: Spec) -> bool:
    return _is_weekday_only(spec) and spec.shift_unit is None and spec.anchor == "dct"


def _recurring(piece: Piece) -> Piece:
    """A weekday of opening hours: every such day."""
    return piece._replace(spec=piece.spec._replace(kind="set"))


_WEEKDAY_RANGE_GAP = _glue(r"\s*(?:til|[-–])\s*")
_AND = _glue(r"\s+og\s+")
_CLOCK_AFTER_DAYS = _glue(r"\s+(?:fra\s+)?")
_STRETCH_OPENER = _glue(r"(?<!\w)fra\s+$")
_HOURS_TO = _glue(r"\s*(?:[-–]|til)\s*(?:(?:kl\.|klokken)\s*)?\d")
_WORDS = re.compile(r"\w+")
_SENTENCE_REACH = 300  # characters back an opening-hours word may stand


def _is_day_referred_to(piece: Piece) -> bool:
    """"i løbet af dagen", "senere på dagen", "resten af dagen": the day the text is at (not
    "samme dag" nor "selve dagen", which always look back)."""
    spec = piece.spec
    return spec.kind == "point" and spec.anchor == "reference" and spec.shift_unit == "day" and not spec.shift \
        and spec.part is None and piece.rule not in _LOOKING_BACK


_LOOKING_BACK = frozenset(("same_unit", "itself_unit"))


def _days_of_new_paragraphs(pieces: list[Piece], text: str) -> list[Piece]:
    """A day referred to in a paragraph that has named no day before it is today ("... hver tirsdag
    frem til 1. september.\n\nManden ventes udskrevet senere på dagen": the publication's day)."""
    out: list[Piece] = []
    day_end = 0  # where the latest day named ends
    for piece in pieces:
        if _is_day_referred_to(piece) and "\n" in text[day_end:piece.start]:
            piece = piece._replace(spec=piece.spec._replace(anchor="dct"))
        if piece.spec.kind == "point" and (piece.spec.has_day or piece.spec.anchor == "reference"):
            day_end = piece.end
        out.append(piece)
    return out


def _runs(pieces: list[Piece], text: str, glue: re.Pattern[str]) -> list[list[Piece]]:
    """The pieces cut into runs of neighbours that some glue may join."""
    runs: list[list[Piece]] = []
    for piece in pieces:
        previous_end = runs[-1][-1].end if runs else 0
        # a line break ends a run: a headline, or a list whose next line starts a new item
        # ("... klokken 15\nMandag: ...")
        if runs and glue.fullmatch(text, previous_end, piece.start) and "\n" not in text[previous_end:piece.start]:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


@lru_cache(maxsize=8)
def _any_glue(joins: tuple[Join, ...]) -> re.Pattern[str]:
    """Matches what any of the joins' glues matches."""
    return _glue("|".join(f"(?:{join.glue.pattern})" for join in joins))


# "om aftenen", "siden morgenen", "fra/til/indtil aftenen": a part of the day a sentence names
_PART_PREPOSITION = re.compile(r"(?<!\w)(?:om|siden|fra|til|indtil)\s+$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÆØÅ\"«-]|\n")
_LINE_BREAK = re.compile(r"\n")
# the rest of a sentence, then "Om" opening the next one (one space or line between)
_OPENS_NEXT_SENTENCE = re.compile(r"[^.!?\n]*[.!?]\s+Om\s+")


def _is_todays_genitive_part(spec: Spec) -> bool:
    """"aftenens", "morgenens": today's part of day, unless a day is named before it."""
    return spec.kind == "point" and spec.shift_unit == "day" and spec.shift == 0 and spec.anchor == "dct" \
        and spec.part is not None and not spec.has_clock


def _parts_of_named_days(pieces: list[Piece], text: str) -> list[Piece]:
    """"Onsdag den 14. januar ... en gallamiddag om aftenen", "I går ..., og om aftenen gik han",
    "Torsdag åbner pladsen, og aftenens hovednavn er ...",
    "strøm lørdag, og vi havde advaret siden morgenen": a preposition and a definite part of day,
    after a day named earlier in its sentence, is that day's part; with no such day it is
    habitual ("Om aftenen er der kø") and stays a bare part."""
    out: list[Piece] = []
    day_end: int | None = None  # where the latest day named in the current sentence ends
    labelled = False  # that day labels a list item ("Torsdag: Pladsen åbner ... Aftenens hovednavn"): its whole line
    for piece in pieces:
        spec = piece.spec
        # (up to the piece's first letter: a capital opening the next sentence may be the piece's own)
        if day_end is not None and (_LINE_BREAK if labelled else _SENTENCE_BREAK).search(text, day_end, piece.start + 1):
            if not labelled and _is_part(spec) and _OPENS_NEXT_SENTENCE.fullmatch(text, day_end, piece.start) \
                    and not text.startswith(":", piece.end):
                # "Kongeparret ankommer tirsdag formiddag ... Om aftenen er der gallamiddag": that day's
                # evening, as "samme aften" (one opening a text or a list item stays habitual)
                out.append(piece._replace(spec=_on_labelled_day(spec)))
                day_end = None
                continue
            day_end, labelled = None, False
        if day_end is not None and _is_todays_genitive_part(spec) and text[piece.end - 3:piece.end].lower() == "ens":
            # "Torsdag åbner pladsen klokken 16, og aftenens hovednavn ...": that day's evening
            piece = piece._replace(spec=_on_labelled_day(spec) if labelled
                                   else spec._replace(shift_unit=None, shift=None, anchor="sentence"))
            day_end = piece.end
        elif spec.kind == "point" and (spec.has_day or spec.part is not None or spec.has_clock):
            day_end = piece.end  # a clock time stands on a day too ("kl. 15 og ... om aftenen")
            labelled = labelled or (spec.has_day and is_label(text, piece.start, piece.end))
        elif day_end is not None and _is_part(spec) and text[piece.start:piece.end].lower().endswith("en") \
                and _PART_PREPOSITION.search(text, max(0, piece.start - 8), piece.start):
            piece = piece._replace(spec=_on_labelled_day(spec) if labelled else spec._replace(kind="point", anchor="sentence"))
        out.append(piece)
    return out


# "vande om aftenen", "lukker om natten": a part of every day, inside a sentence (one opening a
# sentence or a programme's item, "Om formiddagen er der åbent hus", is that day's)
_HABITUAL_PART_BEFORE = re.compile(r"(?<![.!?:\n]\s)(?<!^)\bom\s+$")
_CLAUSE_START = re.compile(r"[.!?\n][^.!?\n]*$")


def _habitual_parts(pieces: list[Piece], text: str) -> list[Piece]:
    """A definite part of day after "om" that no day named before it places ("skal foregå om
    natten", "opfordrer haveejere til kun at vande om aftenen") recurs every day: a SET
    (``XXXX-XX-XXTEV``), unless its sentence tells of the past ("Tyveriet blev opdaget om
    morgenen": one morning) or names a clock time or another part of one day
    ("Festlighederne begynder om formiddagen ..., og klokken 20 ...": that day's)."""
    candidates = [k for k, piece in enumerate(pieces) if _after_habitual_om(piece, text)]
    if not candidates:
        return pieces
    out = list(pieces)
    for k in candidates:
        begin, end = _sentence_bounds(text, pieces[k])
        if any(begin <= other.start < end and _names_one_day(other.spec)
               for j, other in enumerate(pieces) if j != k and j not in candidates):
            continue
        if any(clue == "past" for _, clue in clue_positions(text[begin:end])):
            continue
        start = _HABITUAL_PART_BEFORE.search(text, max(0, pieces[k].start - 4), pieces[k].start).start()  # type: ignore[union-attr]
        out[k] = pieces[k]._replace(start=start, spec=Spec(kind="set", part=pieces[k].spec.part))
    return out


def _after_habitual_om(piece: Piece, text: str) -> bool:
    return _is_part(piece.spec) and text[piece.start:piece.end].lower().endswith("en") \
        and _HABITUAL_PART_BEFORE.search(text, max(0, piece.start - 4), piece.start) is not None


def _names_one_day(spec: Spec) -> bool:
    """A clock time or a part of a day (not of every day)."""
    return spec.kind in ("point", "part") and (spec.has_clock or spec.part is not None)


_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence_bounds(text: str, piece: Piece) -> tuple[int, int]:
    """Where the sentence around a piece begins and ends (a stop, a line break or the text's edge)."""
    before = _CLAUSE_START.search(text, 0, piece.start)
    after = _SENTENCE_END.search(text, piece.end)
    return (before.start() + 1 if before else 0), (after.start() if after else len(text))


def _on_labelled_day(part: Spec) -> Spec:
    """A part of the day a list item's label names, sentences after it ("Torsdag: Pladsen åbner
    klokken 12. Aftenens hovednavn ..."): as "samme aften", the day the text is at."""
    return part._replace(kind="point", shift_unit="day", shift=0, anchor="reference", relation="same")


_RANGE_GLUE = _glue(r"\s+(?:til(?:\s+og\s+med)?|og)\s+|\s*[-–]\s*")
_RANGE_START = re.compile(r"(?:fra|mellem)\s+$", re.IGNORECASE)


def _range_ends(pieces: list[Piece], text: str) -> list[Piece]:
    """"fra onsdag til fredag": the end of a range is the first one after its start.
    "mellem klokken 1 og 3 natten til lørdag": the day named at the end is the start's too."""
    out: list[Piece] = []
    for piece in pieces:
        previous = out[-1] if out else None
        if previous is None or previous.spec.kind != "point" or piece.spec.kind != "point" \
                or not _RANGE_GLUE.fullmatch(text[previous.end:piece.start]) \
                or not _RANGE_START.search(text[max(0, previous.start - 8):previous.start]):
            out.append(piece)
            continue
        if _lacks_month(previous.spec) and piece.spec.day is not None and piece.spec.month is not None:
            out[-1] = previous = previous._replace(spec=_in_month_of(previous.spec, piece.spec))
        clock_to_clock = _is_clock_only(previous.spec) and piece.spec.has_clock
        if clock_to_clock:
            out[-1] = previous = previous._replace(spec=_afternoon_start(previous.spec, piece.spec))
        if clock_to_clock and not piece.spec.is_time_of_day_only \
                and "," not in text[piece.start:piece.end]:  # "mellem kl. 9 og 15, i morgen fra ...": a new day
            out[-1] = previous._replace(spec=_at_clock_of(piece.spec, previous.spec))
        elif previous.spec.has_clock and previous.spec.has_day and _is_clock_only(piece.spec):
            # "fra kvart over syv i aftes til klokken 04.30": the end is the first such time after the start
            piece = piece._replace(spec=piece.spec._replace(relation="after"))
        elif (piece.spec.relation == "tense" and piece.spec.anchor == "dct" and piece.spec.shift_unit is None
                and (piece.spec.weekday is not None or piece.spec.needs_year)):
            piece = piece._replace(spec=piece.spec._replace(relation="after", anchor="reference"))
        out.append(piece)
    return out


def _lacks_month(spec: Spec) -> bool:
    return spec.day is not None and spec.month is None and spec.year is None and spec.shift_unit is None


def _in_month_of(start: Spec, end: Spec) -> Spec:
    """"fra torsdag den 4. til lørdag den 6. juli": the start's day in the end's month (the
    month before when its day is later: "fra den 28. til den 3. marts")."""
    if start.day is not None and end.day is not None and start.day > end.day:
        month, year = (end.month - 1, end.year) if end.month and end.month > 1 else \
            (12, end.year - 1 if end.year is not None else None)
        return start._replace(month=month, year=year)
    return start._replace(month=end.month, year=end.year)


def _afternoon_start(start: Spec, end: Spec) -> Spec:
    """"fra kvart over et til ved 18-tiden": a spelled morning hour more than twelve hours
    before the range's end is the afternoon's (13.15)."""
    if start.twelve_hour and start.part is None and start.hour is not None and end.hour is not None \
            and start.hour < 12 and _minutes(start) + 12 * 60 < _minutes(end):
        return start._replace(hour=start.hour + 12)
    return start  # ("fra klokken otte til klokken 20": twelve hours, the polling stations' day)


def _minutes(clock: Spec) -> int:
    """A clock time's minutes after midnight."""
    return (clock.hour or 0) * 60 + (clock.minute or 0)


def _at_clock_of(day: Spec, clock: Spec) -> Spec:
    """The day (and part of day) of ``day`` at the clock time of ``clock``."""
    return day._replace(hour=clock.hour, minute=clock.minute, zone=clock.zone or day.zone, mod=clock.mod)


_LIST_GLUE = _glue(r"\s*,\s*|\s+(?:og|eller)\s+")


def _distribute_sets(pieces: list[Piece], text: str) -> list[Piece]:
    """"hver fredag og lørdag nat", "hver dag klokken 10-18": "hver" reaches over the list or
    range, so "lørdag nat" and "18" are SETs too."""
    out: list[Piece] = []
    for piece in pieces:
        previous = out[-1] if out else None
        member = _set_member(previous.spec, piece.spec, text[previous.end:piece.start]) if previous else None
        out.append(piece._replace(spec=member) if member else piece)
    return out


def _set_member(previous: Spec, spec: Spec, glue: str) -> Spec | None:
    """The piece after a set read as one more of its days or clock times; None when it is not."""
    if previous.kind != "set":
        return None
    if previous.weekday is not None and spec.kind == "point" and _is_weekday_only(spec._replace(part=None)) \
            and _LIST_GLUE.fullmatch(glue):
        return spec._replace(kind="set")
    if previous.hour is not None and _is_clock_only(spec) and (_LIST_GLUE.fullmatch(glue) or _RANGE_GLUE.fullmatch(glue)):
        return _set_at_clock(previous._replace(mod=None), spec, glue)
    return None


def _apply(join: Join, pieces: list[Piece], text: str) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if out and join.left(out[-1].spec) and join.right(piece.spec):
            glue = text[out[-1].end:piece.start]
            if join.glue.fullmatch(glue):
                combined = join.combine(out[-1].spec, piece.spec, glue)
                if combined is not None:
                    left = out.pop()
                    out.append(Piece(left.start, piece.end, combined, f"{left.rule}+{piece.rule}"))
                    continue
        out.append(piece)
    return out
