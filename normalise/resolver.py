"""Turn a ``Spec`` into a TIMEX3 value and interval against an anchor.

This module dispatches on the kind of expression and resolves a point step by step; the
steps it draws on have modules of their own: ``context`` (what an expression is resolved
against), ``anchors`` (what a point counts from), ``instances`` and ``relations`` (a point's
calendar instances, and the one a relation picks), ``choice`` (the instance its clause
means, with ``weekdays`` and ``times_of_day``), ``spelled_hours`` (the half of the day of
"klokken fire") and ``intervals`` (mods and zones). With ``calendar`` they hold all the
engine's calendar arithmetic. The resolver is pure: the publication instant, the tense of
the sentence and the times mentioned earlier are passed in.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from pendulum import DateTime

from normalise import calendar as cal
from normalise.anchors import Anchor, anchor_for, is_same_day, is_unit_referred_to
from normalise.calendar import Frame
from normalise.choice import choose_instance
from normalise.context import DAY_RANK, GRAIN_RANK, Context
from normalise.instances import narrow, refine
from normalise.intervals import apply_mod, apply_zone, modified
from normalise.lexicon import holiday_by_name
from normalise.spec import TENSE_RELATIONS, Spec
from normalise.spelled_hours import (
    after_afternoon_clock,
    follows_morning_clock,
    is_bare_spelled_hour,
    nearer_half_day,
)
from normalise.timex import BY_EXPRESSION, BY_PUBLICATION, UNANCHORED, AnchorKind
from normalise.values import format_duration, format_set

_MINUTE = timedelta(minutes=1)
_new_tuple = tuple.__new__


class Resolution(NamedTuple):
    """A resolved value; ``frame`` is the point before its mod widened or narrowed it."""

    value: str
    grain: str | None = None
    start: DateTime | None = None
    end: DateTime | None = None
    anchor: AnchorKind = UNANCHORED
    anchor_index: int | None = None
    frame: Frame | None = None


def resolve(spec: Spec, ctx: Context) -> Resolution | None:
    """The value and interval of one expression, or None when the date does not exist
    (the 31st of February, or a date before year 1 or after 9999)."""
    try:
        return _resolve(spec, ctx)
    except (OverflowError, ValueError):  # the calendar arithmetic left the years 1-9999
        return None


def _resolve(spec: Spec, ctx: Context) -> Resolution | None:
    if spec.kind == "duration":
        return Resolution(spec.period or format_duration(spec.amount, spec.unit or "day", spec.vague))
    if spec.kind == "set":
        return Resolution(format_set(spec))
    if spec.kind == "ref":
        return _resolve_ref(spec, ctx)
    anchored = _resolve_point(spec, ctx)
    if anchored is None:
        return None
    frame, anchor, index, plain = anchored
    # a frame's fields are a resolution's first four: made as one tuple (``Resolution(...)`` is a
    # Python call, twice the cost, made for every publication instant)
    return _new_tuple(Resolution, frame + (anchor, index, plain))


def context_free(spec: Spec) -> bool:
    """Whether ``resolve`` gives ``spec`` the same resolution in every context (any
    publication instant, tense and earlier mentions): durations, sets, vague references,
    and points the text dates outright with a year, decade or century of their own
    ("den 8. januar 2020", "1990'erne"), or counts from such a point."""
    if spec.kind in ("duration", "set"):
        return True
    if spec.kind == "ref":
        return spec.ref != "PRESENT_REF"
    if spec.offset_from is not None:
        return context_free(spec.offset_from)
    return spec.anchor != "reference" and spec.shift_unit is None and spec.year_shift is None and (
        spec.year is not None or spec.decade is not None or spec.century is not None)


def reads_tense(spec: Spec) -> bool:
    """Whether resolving ``spec`` may read the tense of its clause: a clock time or part of
    day (the day it belongs to), a night, or a point whose instance the tense picks (not
    one that a shift or a year of its own fixes)."""
    if spec.offset_from is not None and reads_tense(spec.offset_from):
        return True
    if spec.is_time_of_day_only or spec.relation == "night" or is_unit_referred_to(spec) or _is_todays_late_part(spec) \
            or is_same_day(spec):
        return True
    fixed = spec.shift_unit is not None or spec.year_shift is not None or any(
        field is not None for field in (spec.year, spec.decade, spec.century))
    return spec.relation in TENSE_RELATIONS and not fixed


def reads_earlier_days(spec: Spec) -> bool:
    """Whether resolving ``spec`` may read the days mentioned before it, with their tense
    (a clock time or part of day takes the day last named; "samme dag" the last one told its way)."""
    if spec.offset_from is not None and reads_earlier_days(spec.offset_from):
        return True
    return (spec.is_time_of_day_only and spec.relation != "night") or (is_same_day(spec) and spec.anchor == "reference")


def _resolve_ref(spec: Spec, ctx: Context) -> Resolution:
    if spec.ref == "PRESENT_REF":
        return _present(ctx.dct, ctx.dct.fold, ctx.dct_has_clock)
    ref = spec.ref or "PRESENT_REF"
    # PAST_REF and FUTURE_REF look from the publication; "XXXX-WXX-5" ("en fredag") from nowhere
    anchor = BY_PUBLICATION if ref.endswith("_REF") else UNANCHORED
    return Resolution(ref, None, None, None, anchor)


@lru_cache(maxsize=1024)
def _present(dct: DateTime, fold: int, has_clock: bool) -> Resolution:
    """"nu": the publication minute, or its day when the clock is not known. (``fold`` is
    part of the key: 02:30 before and after the clocks go back compare equal.)"""
    if has_clock:
        return Resolution("PRESENT_REF", None, dct, cal.elapsed(dct, _MINUTE), BY_PUBLICATION)
    today = cal.day_frame(cal.day_of(dct))
    return Resolution("PRESENT_REF", None, today.start, today.end, BY_PUBLICATION)


# ---------------------------------------------------------------- points

# (final frame, anchor kind, index of the anchoring mention, frame before mod)
Anchored = tuple[Frame, AnchorKind, "int | None", Frame]


def _resolve_point(spec: Spec, ctx: Context) -> Anchored | None:
    if spec.offset_from is not None:
        return _resolve_offset_from(spec, ctx)
    if spec.repeats is not None:
        return _resolve_repeated(spec, ctx)
    if spec.twelve_hour:
        spec = after_afternoon_clock(spec, ctx)
    anchor = anchor_for(spec, ctx)
    if _part_gone_overnight(spec, anchor, ctx):
        anchor = anchor._replace(moment=anchor.moment - timedelta(days=1))
    kind = anchor.kind
    frame = _coarse_frame(spec, anchor.moment, ctx, _is_clock_time(anchor.frame))
    if frame is None:
        frame = choose_instance(spec, anchor, ctx)
        if is_bare_spelled_hour(spec) and anchor.kind is not BY_EXPRESSION and ctx.dct_has_clock \
                and not follows_morning_clock(spec, ctx):
            frame = nearer_half_day(frame, spec._replace(hour=spec.hour + 12), anchor, ctx)  # type: ignore[operator]
        if _told_past_but_to_come(frame, anchor, ctx):
            anchor = Anchor(ctx.dct, UNANCHORED)
            frame, kind = choose_instance(spec, anchor, ctx), anchor.kind
        if frame is not None and kind is UNANCHORED:
            kind = BY_PUBLICATION
    elif frame.grain not in ("hour", "minute"):
        frame = narrow(frame, spec)
        if frame is not None and _hint_against_tense(frame, spec, ctx):
            frame, kind = choose_instance(spec, anchor, ctx), BY_PUBLICATION
    if frame is None:
        return None
    if kind is not BY_EXPRESSION:
        frame = _edge_to_come_or_gone(frame, spec, ctx)
    if spec.unit_of is not None:  # "det nye år": the year that New Year's Day begins
        current = _current_holiday_unit(spec, ctx) if spec.holiday is not None else None
        frame = current or cal.unit_containing(frame.start, spec.unit_of)
    return apply_zone(apply_mod(frame, spec.mod), spec.zone), kind, anchor.item, frame


def _current_holiday_unit(spec: Spec, ctx: Context) -> Frame | None:
    """The unit holding the publication when this year's holiday is in it, not told in the past:
    the week still going on ("Strejken kan fortsætte hele juleugen" on 25 December)."""
    assert spec.unit_of is not None and spec.holiday is not None
    if ctx.tense == "past" or spec.unit_of != "week":  # in December "det nye år" is the next one
        return None
    day = cal.holiday_date(holiday_by_name(spec.holiday), ctx.dct.year)
    current = cal.unit_containing(ctx.dct, spec.unit_of)
    return current if day is not None and current.start <= cal.local(day.year, day.month, day.day) < current.end \
        else None


def _edge_to_come_or_gone(frame: Frame, spec: Spec, ctx: Context) -> Frame:
    """The start of this week or month told as to come when it is over is the next one's
    ("Bestyrelsen mødes først på ugen", on a Sunday evening); its end told as past before it has
    begun, the last one's ("sidst på måneden blev aftalen underskrevet", on the 3rd)."""
    if spec.shift != 0 or spec.shift_unit not in _EDGE_UNITS or spec.mod not in ("START", "MID", "END"):
        return frame
    edge = modified(frame, spec.mod)
    if spec.mod in ("START", "MID") and ctx.tense == "future" and edge.end <= ctx.dct:  # also "midt på ugen"
        return cal.unit_shifted(cal.day_of(frame.start), spec.shift_unit, 1)
    if spec.mod == "END" and ctx.tense == "past" and edge.start > ctx.dct:
        return cal.unit_shifted(cal.day_of(frame.start), spec.shift_unit, -1)
    return frame


_EDGE_UNITS = frozenset(("week", "month"))


def _hint_against_tense(frame: Frame, spec: Spec, ctx: Context) -> bool:
    """Whether a month or date that took its year from earlier in the sentence lies on the
    other side of the publication than its verb points ("Kvoterne gælder for hele 2017, mens
    aftalen faldt på plads allerede i oktober": October 2016); the tense wins."""
    if not spec.needs_year or spec.shift_unit is not None or ctx.mood == "moved":  # ``needs_year``: no year of its own
        return False  # (a report of a move: "blev i 2021 flyttet til september", that year's)
    return (ctx.tense == "future" and frame.end <= ctx.dct) or (ctx.tense == "past" and frame.start > ctx.dct)


def _is_clock_time(frame: Frame | None) -> bool:
    """Whether a time counted from is a clock time the text named (hours from it keep minutes)."""
    return frame is not None and frame.grain == "minute"


def _resolve_offset_from(spec: Spec, ctx: Context) -> Anchored | None:
    """"tre dage efter den 5. maj": shift the resolved base by the amount."""
    assert spec.offset_from is not None
    base = _resolve_point(spec.offset_from, ctx)
    if base is None or spec.unit is None:
        return None
    amount = (spec.amount or 1) * (spec.shift or 1)
    frame = cal.shifted_unit(base[3].start, spec.unit, amount, keep_minutes=_is_clock_time(base[3]))
    return apply_mod(frame, spec.mod), base[1], base[2], frame


# The grains "samme periode" (a week to a half-year) and "samme tidspunkt" (a day to a half-year)
# repeat: not a time of day, not a year.
_GRAIN_SPANS = {"period": ("week", "half"), "moment": ("day", "half")}


def _resolve_repeated(spec: Spec, ctx: Context) -> Anchored | None:
    """"samme kvartal sidste år": the quarter the text last named, a year earlier, still a quarter.
    With none named, counted from the publication: "samme dag sidste år" is its date a year back;
    "samme periode/tidspunkt sidste år" alone is last year, as "sidste år" is."""
    grain = spec.repeats or "period"
    finest, coarsest = _GRAIN_SPANS.get(grain, (grain, grain))
    mention = ctx.history.latest_within(finest, coarsest)
    years = spec.year_shift or 0
    if mention is None:
        today = cal.day_frame(cal.day_of(ctx.dct))
        frame = cal.years_later(today, years) if grain == "day" else None
        frame = frame or cal.year_frame(ctx.dct.year + years)
        return apply_mod(frame, spec.mod), BY_PUBLICATION, None, frame
    moved = cal.years_later(mention.frame, years)
    if moved is None:
        return None
    return apply_mod(moved, spec.mod), BY_EXPRESSION, mention.item, moved


def _told_past_but_to_come(frame: Frame | None, anchor: Anchor, ctx: Context) -> bool:
    """Whether a clock time or part of day told in the past would fall on a day still to
    come through the day it took from an earlier mention ("udskrev i dag valg til tirsdag den
    1. november. Det skete kort før middag": today; "i nat ... fra klokken 12. Vinden nåede halv
    tre om natten ...": last night). Such a time is placed by the publication time instead."""
    return frame is not None and anchor.kind is BY_EXPRESSION and ctx.tense == "past" \
        and cal.day_of(frame.start) > cal.day_of(ctx.dct) and ctx.span is None  # (else the text dates the news)


_OVER_BY_MIDNIGHT = frozenset(("AF", "EV"))  # parts of today that a text of the small hours looks back on
_LOOKS_BACK_UNTIL = 4  # the hour until which it does (at 05.55 "i aften" is a forecast's)


def _part_gone_overnight(spec: Spec, anchor: Anchor, ctx: Context) -> bool:
    """Today's afternoon or evening, not told as to come, in a text published in the small hours:
    the one just gone ("Her er aftenens og nattens vigtigste øjeblikke" at 02.35)."""
    return _is_todays_late_part(spec) and anchor.kind is not BY_EXPRESSION and ctx.tense != "future" \
        and ctx.dct_has_clock and ctx.dct.hour < _LOOKS_BACK_UNTIL


def _is_todays_late_part(spec: Spec) -> bool:
    return spec.shift_unit == "day" and spec.shift == 0 and spec.part in _OVER_BY_MIDNIGHT and spec.hour is None


def _coarse_frame(spec: Spec, moment: DateTime, ctx: Context, from_text: bool = False) -> Frame | None:
    """The unit the text fixes outright: a shifted unit, a year, a decade. ``from_text``: the
    moment is a time the text named (hours from it keep its minutes)."""
    if spec.shift_unit is not None:
        return _shifted(spec, moment, from_text)
    if spec.year is not None:
        return cal.year_frame(spec.year)
    if spec.decade is not None:
        return cal.decade_frame(spec.decade)
    if spec.century is not None:
        return cal.century_frame(spec.century)
    if spec.year_shift is not None:
        return cal.year_frame(moment.year + spec.year_shift)
    hint = _year_hint(spec, ctx)
    return cal.year_frame(hint) if hint is not None else None


def _shifted(spec: Spec, moment: DateTime, from_text: bool = False) -> Frame:
    assert spec.shift_unit is not None
    amount = (spec.amount if spec.amount is not None else 1) * (spec.shift or 0)
    if spec.shift_unit in ("hour", "minute", "quarter_hour", "second") or amount != int(amount):
        return cal.shifted_unit(moment, spec.shift_unit, amount, keep_minutes=from_text)
    return cal.unit_shifted(date(moment.year, moment.month, moment.day), spec.shift_unit, int(amount))


def _year_hint(spec: Spec, ctx: Context) -> int | None:
    """A bare month, date or week number after a year named in the same sentence takes that year
    ("siden 1973, hvor krigen brød ud i oktober"; "sidste år i oktober og november"; "året før kom
    forliget på plads i uge 41"), or in the sentence before one that says "dengang" ("... sommeren
    2018. Dengang varede den fra begyndelsen af maj"); after a season the year that puts it in the season."""
    if not spec.takes_year_named_before:
        return None
    last = ctx.history.last
    if last is None or not ctx.history.year_carries:
        return None
    if spec.anchor == "dct" and spec.relation in ("before", "after"):
        return None  # "i 2012 …, og sidste sommer": counted from the publication
    if last.sentence == ctx.sentence and last.frame.grain == "season" and spec.month is not None:
        in_season = _year_in_season(last.frame, spec.month)
        if in_season is not None:
            return in_season
    same_time = last.sentence == ctx.sentence or (ctx.then and last.sentence == ctx.sentence - 1)
    if same_time and last.explicit_year and GRAIN_RANK[last.frame.grain] >= DAY_RANK:
        year = last.frame.start.year
        # not a year the date does not exist in ("Regnskabet for 2023 ... den 29. februar"), nor one
        # its weekday does not fit ("Årsopgørelsen for 2024 blev tilgængelig mandag den 17. marts": 2025)
        day = refine(cal.year_frame(year), spec)
        if day is None or (spec.weekday is not None and day.grain == "day" and day.start.isoweekday() != spec.weekday):
            return None
        return year
    return None


def _year_in_season(season: Frame, month: int) -> int | None:
    """The year a month named right after a season in its sentence has, when the season holds it
    ("Sidste vinter blev der konstateret 17 udbrud, de fleste mellem december og februar")."""
    first = season.start.year
    for year in (first, first + 1):
        start = cal.month_frame(year, month).start
        if season.start <= start < season.end:
            return year
    return None
