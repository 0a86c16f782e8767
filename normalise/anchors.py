"""What a point counts from.

``anchor_for`` finds the moment a spec is resolved from: a mention earlier in the text that
it refers to ("samme aften", "dagen efter ransagningen", "sidst på måneden"), the day a clock
time or part of day belongs to, or else the publication. ``Anchor`` records that moment,
what kind of moment it is and which mention gave it.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import NamedTuple

from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.context import (
    GRAIN_RANK,
    RECENT_SENTENCES,
    Context,
    Mention,
    is_of_a_day,
    mention_direction,
)
from normalise.spec import Spec
from normalise.timex import BY_EXPRESSION, BY_PUBLICATION, UNANCHORED, AnchorKind


class Anchor(NamedTuple):
    """The moment a spec counts from, what kind of moment it is, and the mention that gave it
    (none when it is the publication)."""

    moment: DateTime
    kind: AnchorKind
    item: int | None = None  # the anchoring mention's expression
    frame: Frame | None = None


def anchor_for(spec: Spec, ctx: Context) -> Anchor:
    """The moment a spec counts from, and what that moment is."""
    needs_anchor = spec.shift_unit is not None or spec.year_shift is not None
    mention = None
    if spec.anchor == "reference":
        same_weekday = ctx.history.on_weekday(spec.weekday) if spec.relation == "same" else None
        event = ctx.history.told_of(ctx.event_items) if ctx.event_items else None
        mention = event or _same_part(spec, ctx) or same_weekday or _referred_to(spec, ctx)
    elif spec.anchor == "sentence":
        mention = ctx.history.latest_in(_unit_grain(spec), ctx.sentence)
    elif spec.relation == "night":
        mention = _evening_of_sentence(ctx)
    elif spec.is_time_of_day_only:
        if ctx.mood == "told":  # the news is told today, or on the day its sentence tells it on, not the story's
            mention = ctx.history.told_in(ctx.sentence)
        else:
            mention = (ctx.history.programme_day(ctx.programme, ctx.dct) if ctx.programme is not None else None) \
                or ctx.history.day_for(ctx.tense, ctx.sentence - RECENT_SENTENCES, ctx.sentence,
                                          ctx.mood == "present", ctx.quoted) or _range_start(spec, ctx) \
                or (ctx.history.latest_day_within(*ctx.span) if ctx.span is not None else None) \
                or _day_ahead_for_passed_clock(spec, ctx)
    if mention is not None:
        return Anchor(_day_counted_from(spec, mention.frame), BY_EXPRESSION, mention.item, mention.frame)
    if spec.anchor == "reference":
        return Anchor(ctx.dct, BY_PUBLICATION)
    return Anchor(ctx.dct, BY_PUBLICATION if needs_anchor else UNANCHORED)


def _day_ahead_for_passed_clock(spec: Spec, ctx: Context) -> Mention | None:
    """A clock time told as to come that the publication day has passed ("Vi åbner dørene klokken
    7.45", published at 15.45), with no day named near it: the day to come the text named last,
    however far back ("Den første skoledag er på mandag")."""
    if ctx.tense != "future" or not ctx.dct_has_clock or spec.hour is None \
            or (spec.hour, spec.minute or 0) >= (ctx.dct.hour, ctx.dct.minute):
        return None
    today = cal.day_of(ctx.dct)
    return next((m for m in reversed(ctx.history.mentions)
                 if m.sentence < ctx.sentence and is_of_a_day(m) and cal.day_of(m.frame.start) > today), None)


_SMALL_HOURS_END = time(6)  # the hours after midnight (wall clock) that still belong to the evening or night before


def _same_part(spec: Spec, ctx: Context) -> Mention | None:
    """"samme aften", "samme nat": the evening or night the text last mentioned, unless it has
    gone on to another day since ("Søndag aften ... Valgstederne åbner tirsdag klokken 8 og lukker
    klokken 20, og resultatet ventes samme aften": Tuesday's)."""
    part = ctx.history.same_part(spec.part)
    day = ctx.history.latest_day_named() if spec.relation == "same" else None  # not "den nat": that one
    if part is None or day is None or day.item < part.item:
        return part
    # a day its own sentence named after the part mentioned ("Mandag: Hjemmeværnet kørte sandsække
    # ud, og om aftenen ...", after "i går aftes": Monday's), whether earlier or later than that part
    if day.sentence == ctx.sentence:
        return day
    # a time on the part's own day, or in the small hours after it, is still the part's ("i nat ...
    # klokken 2", "søndag aften ... omkring midnat")
    # (by the wall clock: on the night the clocks go back, 05.00 is seven hours after midnight)
    start = day.frame.start
    of_evening_before = day.frame.grain != "day" and start.time() < _SMALL_HOURS_END
    named = cal.day_of(start) - timedelta(days=1) if of_evening_before else cal.day_of(start)
    return part if named <= cal.day_of(part.frame.start) else day


def _evening_of_sentence(ctx: Context) -> Mention | None:
    """"i aften og i nat", "i aftes og i nat": an evening named before in the sentence; the
    night is the one after it."""
    evening = ctx.history.same_part("EV")
    return evening if evening is not None and evening.sentence == ctx.sentence else None


# "(sidst i) måneden", "(udgangen af) året": the unit of the time referred to, else the current one
_UNITS_REFERRED_TO = frozenset(("week", "month", "quarter", "half", "year"))


def is_unit_referred_to(spec: Spec) -> bool:
    return spec.anchor == "reference" and spec.shift == 0 and spec.shift_unit in _UNITS_REFERRED_TO \
        and spec.part is None and spec.repeats is None


def _referred_to(spec: Spec, ctx: Context) -> Mention | None:
    """The mention a reference counts from; a month, year ... told in the past is not the one a
    clause about what is to come refers to, nor the other way round ("I januar advarede
    selskabet ... Udvalget skal behandle sagen sidst i måneden": this month)."""
    if not is_unit_referred_to(spec):
        if is_same_day(spec) and ctx.tense in ("past", "future"):
            return _same_day_told(ctx)
        return ctx.history.latest_untold(_unit_grain(spec))
    if spec.shift_unit in _ACCOUNTING_UNITS and ctx.tense != "future" and spec.mod is None:
        return _accounted(spec.shift_unit, ctx) or ctx.history.latest_of_story(_unit_grain(spec))
    mention = ctx.history.latest_of_story(_unit_grain(spec))
    if mention is not None and {mention_direction(mention, ctx.dct), ctx.tense} == {"past", "future"}:
        return None
    if mention is not None and spec.shift_unit in ("week", "month", "year") and mention.sentence < ctx.sentence - 1:
        return None  # "sidst på året", "sidst på ugen" far from the year or day last named: this one
    return mention


_ACCOUNTING_UNITS = frozenset(("quarter", "half"))


def _accounted(unit: str, ctx: Context) -> Mention | None:
    """"kvartalet", "halvåret" not told as to come: the quarter (half year) the report is about, the
    first one named that is over; later ones are comparisons and outlooks ("andet kvartal ... mod
    andet kvartal sidste år ... første kvartal ... kalder kvartalet det svageste": the second;
    "første kvartal 2017 ... kommer først med i andet kvartal ... i løbet af kvartalet": the first)."""
    return next((m for m in ctx.history.mentions if m.frame.grain == unit and m.frame.end <= ctx.dct), None)


def is_same_day(spec: Spec) -> bool:
    """"samme dag", "samme eftermiddag": the day (or its part) referred to itself."""
    return spec.shift_unit == "day" and spec.shift == 0 and spec.repeats is None


def _same_day_told(ctx: Context) -> Mention | None:
    """The latest day named that lies the way the clause tells: not a day to come in a past clause,
    nor a day gone in a clause about what is to come ("fra 1. oktober ... Nationalbanken fulgte samme
    eftermiddag": today's; "døbes søndag den 2. juli ... blev født den 19. april ... navnene
    offentliggøres samme dag": 2 July), as its own clause told it (where a day lies from the
    publication is unsure under an imprecise one). The day the news was told is none (None: the
    publication's)."""
    other = "future" if ctx.tense == "past" else "past"
    return next((m for m in reversed(ctx.history.mentions) if is_of_a_day(m)
                 and not m.told and m.tense != other), None)


def _day_counted_from(spec: Spec, frame: Frame) -> DateTime:
    """Where a reference counts from in the frame it refers to: the start, except that the
    same day as a night is the day the night ends ("Stormen ramte i nat ... resten af dagen",
    "natten til fredag ... samme dag": Friday), and so is its morning ("Natten til tirsdag ...
    klokken 6.50 samme morgen": Tuesday)."""
    if spec.shift_unit == "day" and not spec.shift and spec.part in _PARTS_AFTER_NIGHT and frame.value.endswith("TNI"):
        return frame.end
    return frame.start


_PARTS_AFTER_NIGHT = frozenset((None, "MO", "MI", "AF"))


def _range_start(spec: Spec, ctx: Context) -> Mention | None:
    """The start of a clock range ("fra klokken 10 til 12") when no day was named: the
    end falls on the start's day (or the next, when it is not later), not after today."""
    last = ctx.history.last
    if spec.relation != "after" or last is None or last.sentence != ctx.sentence:
        return None
    return last if last.frame.grain in ("minute", "hour") else None


def _unit_grain(spec: Spec) -> str:
    if spec.shift_unit in GRAIN_RANK:
        return spec.shift_unit
    if spec.needs_year:  # the end of "fra marts til april" counts from the month, season ... before it
        return "year"
    return "day"
