"""Turn a ``Spec`` into a TIMEX3 value and interval against an anchor.

All calendar arithmetic of the engine lives here and in ``calendar``. The
resolver is pure: the publication instant, the tense of the sentence and the
times mentioned earlier are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Literal

import pendulum
from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.lexicon import load_lexicon
from normalise.spec import Spec
from normalise.timex import AnchorKind
from normalise.values import format_duration, format_set

Tense = Literal["past", "future", "none"]

GRAIN_ORDER = ["minute", "hour", "part", "day", "weekend", "week", "month", "quarter", "season",
               "half", "year", "decade", "century"]
_RANK = {grain: rank for rank, grain in enumerate(GRAIN_ORDER)}
# How many sentences back a bare clock time looks for the day it belongs to.
RECENT_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Mention:
    """An earlier resolved point in the document, for anaphora."""

    frame: Frame
    sentence: int
    index: int
    explicit_year: bool
    names_day: bool = True  # False for a bare clock time placed by the publication time
    tense: Tense = "none"


@dataclass(frozen=True, slots=True)
class Context:
    dct: DateTime
    dct_has_clock: bool
    tense: Tense
    sentence: int
    history: Sequence[Mention] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolved value; ``frame`` is the point before its mod widened or narrowed it."""

    value: str
    grain: str | None = None
    start: DateTime | None = None
    end: DateTime | None = None
    anchor: AnchorKind = AnchorKind.NONE
    anchor_index: int | None = None
    frame: Frame | None = None


def resolve(spec: Spec, ctx: Context) -> Resolution | None:
    """The value and interval of one expression, or None when the date does not exist."""
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
    return Resolution(frame.value, frame.grain, frame.start, frame.end, anchor, index, plain)


def _resolve_ref(spec: Spec, ctx: Context) -> Resolution:
    if spec.ref == "PRESENT_REF":
        start = ctx.dct if ctx.dct_has_clock else cal.day_frame(ctx.dct.date()).start
        end = start.add(minutes=1) if ctx.dct_has_clock else start.add(days=1)
        return Resolution("PRESENT_REF", None, start, end, AnchorKind.PUBLICATION)
    return Resolution(spec.ref or "PRESENT_REF", None, None, None, AnchorKind.PUBLICATION)


# ---------------------------------------------------------------- points

# (final frame, anchor kind, index of the anchoring mention, frame before mod)
Anchored = tuple[Frame, AnchorKind, "int | None", Frame]


@dataclass(frozen=True, slots=True)
class _Anchor:
    moment: DateTime
    kind: AnchorKind
    index: int | None = None
    frame: Frame | None = None


def _resolve_point(spec: Spec, ctx: Context) -> Anchored | None:
    if spec.offset_from is not None:
        return _resolve_offset_from(spec, ctx)
    anchor = _anchor(spec, ctx)
    kind = anchor.kind
    frame = _coarse_frame(spec, anchor.moment, ctx)
    if frame is None:
        frame = _choose_instance(spec, anchor, ctx)
        if frame is not None and kind is AnchorKind.NONE:
            kind = AnchorKind.PUBLICATION
    elif frame.grain not in ("hour", "minute"):
        frame = _refine(frame, spec)
        frame = _time_of_day(frame, spec) if frame is not None else None
    if frame is None:
        return None
    return _apply_zone(_apply_mod(frame, spec.mod), spec.zone), kind, anchor.index, frame


def _resolve_offset_from(spec: Spec, ctx: Context) -> Anchored | None:
    """"tre dage efter den 5. maj": shift the resolved base by the amount."""
    assert spec.offset_from is not None
    base = _resolve_point(spec.offset_from, ctx)
    if base is None or spec.unit is None:
        return None
    amount = (spec.amount or 1) * (spec.shift or 1)
    frame = cal.shifted_unit(base[3].start, spec.unit, amount)
    return _apply_mod(frame, spec.mod), base[1], base[2], frame


def _anchor(spec: Spec, ctx: Context) -> _Anchor:
    """The moment a spec counts from, and what that moment is."""
    needs_anchor = spec.shift_unit is not None or spec.year_shift is not None
    mention = None
    if spec.anchor == "reference":
        mention = _same_part(ctx.history, spec.part) or _latest(ctx.history, _unit_grain(spec))
    elif spec.is_time_of_day_only and spec.relation != "night":
        # a day named in a past-tense report does not place a clock time in a plan, and vice versa
        fitting = [m for m in ctx.history if m.names_day and {m.tense, ctx.tense} != {"past", "future"}]
        mention = _latest(fitting, "day", since=ctx.sentence - RECENT_SENTENCES)
    if mention is not None:
        return _Anchor(mention.frame.start, AnchorKind.EXPRESSION, mention.index, mention.frame)
    if spec.anchor == "reference":
        return _Anchor(ctx.dct, AnchorKind.PUBLICATION)
    return _Anchor(ctx.dct, AnchorKind.PUBLICATION if needs_anchor else AnchorKind.NONE)


def _same_part(history: Sequence[Mention], part: str | None) -> Mention | None:
    """"samme nat", "samme aften": the night or evening the text last mentioned."""
    if part is None:
        return None
    suffix = f"T{part}"
    return next((m for m in reversed(history) if m.frame.value.endswith(suffix)), None)


def _unit_grain(spec: Spec) -> str:
    if spec.shift_unit in _RANK:
        return spec.shift_unit  # type: ignore[return-value]
    return "day"


def _latest(history: Iterable[Mention], grain: str, since: int | None = None) -> Mention | None:
    """The most recent mention at least as fine as ``grain``."""
    for mention in reversed(list(history)):
        if since is not None and mention.sentence < since:
            return None
        if _RANK.get(mention.frame.grain, 99) <= _RANK[grain]:
            return mention
    return None


def _coarse_frame(spec: Spec, moment: DateTime, ctx: Context) -> Frame | None:
    """The unit the text fixes outright: a shifted unit, a year, a decade."""
    if spec.shift_unit is not None:
        return _shifted(spec, moment)
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


def _shifted(spec: Spec, moment: DateTime) -> Frame:
    assert spec.shift_unit is not None
    amount = (spec.amount if spec.amount is not None else 1) * (spec.shift or 0)
    if spec.shift_unit in ("hour", "minute", "quarter_hour") or amount != int(amount):
        return cal.shifted_unit(moment, spec.shift_unit, amount)
    return cal.unit_containing(cal.shift_moment(moment, spec.shift_unit, amount), spec.shift_unit)


def _year_hint(spec: Spec, ctx: Context) -> int | None:
    """A bare month or date after a year named in the same sentence takes that year
    ("siden 1973, hvor krigen brød ud i oktober"; "sidste år i oktober og november")."""
    if not spec.needs_year or not ctx.history:
        return None
    last = ctx.history[-1]
    if last.sentence == ctx.sentence and last.explicit_year and _RANK[last.frame.grain] >= _RANK["day"]:
        return last.frame.start.year
    return None


def _refine(frame: Frame, spec: Spec) -> Frame | None:
    """Narrow a container frame to the finer fields the spec names."""
    if frame.grain == "year":
        return _in_year(frame.start.year, spec) or (None if _names_within_year(spec) else frame)
    if frame.grain == "week":
        if spec.weekday is not None:
            return cal.day_in_week(frame, spec.weekday)
        if spec.weekend:
            iso_year, week, _ = frame.start.date().isocalendar()
            return cal.weekend_frame(iso_year, week)
    if frame.grain == "month" and spec.day is not None:
        return _day_or_none(frame.start.year, frame.start.month, spec.day)
    return frame


def _names_within_year(spec: Spec) -> bool:
    return bool(spec.holiday or spec.month or spec.week or spec.quarter or spec.half or spec.season)


def _in_year(year: int, spec: Spec) -> Frame | None:
    if spec.holiday is not None:
        holiday = next(h for h in load_lexicon().holidays if h.name == spec.holiday)
        day = cal.holiday_date(holiday, year)
        return cal.day_frame(day) if day is not None else None
    if spec.month is not None:
        if spec.day is not None:
            return _day_or_none(year, spec.month, spec.day)
        return cal.month_frame(year, spec.month)
    if spec.week is not None:
        week = cal.week_frame(year, spec.week)
        if week is not None and (spec.weekday or spec.weekend):
            return _refine(week, spec)
        return week
    if spec.quarter is not None:
        return cal.quarter_frame(year, spec.quarter)
    if spec.half is not None:
        return cal.half_frame(year, spec.half)
    if spec.season is not None:
        return cal.season_frame(year, spec.season)
    return None


def _day_or_none(year: int, month: int, day: int) -> Frame | None:
    try:
        return cal.day_frame(pendulum.date(year, month, day))
    except ValueError:
        return None


def _choose_instance(spec: Spec, anchor: _Anchor, ctx: Context) -> Frame | None:
    """Pick the instance of an incomplete point that the tense or relation points to."""
    moment = anchor.moment
    if spec.relation == "night":
        return _night(spec, moment, ctx.tense)
    if spec.is_time_of_day_only:
        if anchor.frame is not None:
            return _on_day_of(anchor.frame, spec)
        if not ctx.dct_has_clock:
            return _time_of_day(cal.day_frame(moment.date()), spec)
    candidates = [
        final for frame in _containers(spec, moment)
        if (refined := _refine(frame, spec)) is not None
        and _weekday_fits(refined, spec)
        and (final := _time_of_day(refined, spec)) is not None
    ]
    if not candidates:
        return None
    return _select(candidates, spec.relation, moment, ctx.tense)


_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(MO|MI|AF|EV|NI))?")


def _on_day_of(reference: Frame, spec: Spec) -> Frame | None:
    """A clock time or part of day on the day the text last named; it inherits that
    day's part ("i aften ... klokken 8" is 20:00, "i nat ... klokken 1" the next morning)."""
    match = _DAY_VALUE.match(reference.value)
    if match is None:
        return _time_of_day(cal.day_frame(reference.start.date()), spec)
    year, month, day, part = match.groups()
    frame = cal.day_frame(pendulum.date(int(year), int(month), int(day)))
    if spec.part is None and part is not None:
        spec = replace(spec, part=part)
    result = _time_of_day(frame, spec)
    if result is not None and spec.relation == "after" and result.start <= reference.start:
        return _time_of_day(cal.day_frame(frame.start.date() + timedelta(days=1)), spec)  # "23.30 og 00.15"
    return result


def _containers(spec: Spec, moment: DateTime) -> list[Frame]:
    if spec.needs_year or spec.week is not None or (spec.day is not None and spec.month is not None):
        span = range(-7, 8) if spec.weekday is not None else range(-2, 3)
        return [cal.year_frame(moment.year + k) for k in span]
    if spec.weekday is not None or spec.weekend:
        return [cal.week_containing(moment.add(weeks=k)) for k in range(-2, 3)]
    if spec.is_time_of_day_only:
        return [cal.day_frame(moment.date() + timedelta(days=k)) for k in range(-1, 2)]
    return []


def _weekday_fits(frame: Frame, spec: Spec) -> bool:
    if spec.weekday is None or frame.grain != "day":
        return True
    return frame.start.isoweekday() == spec.weekday


def _select(candidates: list[Frame], relation: str, moment: DateTime, tense: Tense) -> Frame | None:
    if relation == "tense":
        relation = {"past": "at_or_before", "future": "at_or_after"}.get(tense, "nearest")
    day_start = cal.day_frame(moment.date()).start
    day_end = day_start.add(days=1)
    rules: dict[str, tuple[Callable[[Frame], bool], bool]] = {
        "before": (lambda f: f.end <= day_start, True),
        "after": (lambda f: f.start >= day_end, False),
        "at_or_before": (lambda f: f.start <= moment, True),
        "at_or_after": (lambda f: f.end > moment, False),
    }
    if relation in rules:
        keep, latest = rules[relation]
        pool = [f for f in candidates if keep(f)]
        if not pool:
            return None
        return max(pool, key=lambda f: f.start) if latest else min(pool, key=lambda f: f.start)
    return _nearest(candidates, moment)


def _nearest(candidates: list[Frame], moment: DateTime) -> Frame:
    def distance(frame: Frame) -> float:
        if frame.start <= moment < frame.end:
            return 0.0
        return min(abs((frame.start - moment).total_seconds()), abs((frame.end - moment).total_seconds()))

    return min(candidates, key=distance)


def _night(spec: Spec, moment: DateTime, tense: Tense) -> Frame | None:
    """"i nat", "nattens": last night in the past tense or in the morning, else tonight."""
    today = moment.date()
    if tense == "past" or (tense == "none" and moment.hour < 12):
        start_day = today - timedelta(days=1) if moment.hour < 22 else today
    else:
        start_day = today
    return _time_of_day(cal.day_frame(start_day), spec)


def _time_of_day(frame: Frame, spec: Spec) -> Frame | None:
    """Apply night, part of day and clock to a day frame."""
    part = "NI" if spec.night_before else spec.part
    if frame.grain != "day":
        return frame if part is None and spec.hour is None else None
    day = cal.day_frame(frame.start.date() - timedelta(days=1)) if spec.night_before else frame
    if spec.hour is None:
        return cal.part_of_day(day, part) if part else day
    hour = _hour_in_part(spec.hour, part)
    if part == "NI" and hour < 12:
        day = cal.day_frame(day.start.date() + timedelta(days=1))
    return cal.clock_time(day, hour, spec.minute or 0)


def _hour_in_part(hour: int, part: str | None) -> int:
    """"klokken otte i aften" is 20:00; "klokken elleve i nat" 23:00; "tolv i nat" midnight."""
    if part in ("AF", "EV") and hour < 12:
        return hour + 12
    if part == "NI" and 7 <= hour <= 12:
        return hour + 12
    return hour


def _apply_mod(frame: Frame, mod: str | None) -> Frame:
    """Narrow or widen the interval as the conventions say; the value stays."""
    length = frame.end - frame.start
    clock = frame.grain in ("minute", "hour")
    if mod in ("START", "MID", "END") and not clock:
        third = length / 3
        offset = {"START": 0, "MID": 1, "END": 2}[mod]
        start = frame.start + third * offset
        return replace(frame, start=start, end=start + third)
    if mod == "APPROX" and clock:
        return replace(frame, start=frame.start.subtract(minutes=15), end=frame.end.add(minutes=15))
    if mod == "BEFORE":
        span = timedelta(hours=1) if clock else length
        return replace(frame, start=frame.start - span, end=frame.start)
    if mod == "AFTER":
        span = timedelta(hours=1) if clock else length
        return replace(frame, start=frame.start if clock else frame.end, end=(frame.start if clock else frame.end) + span)
    return frame


def _apply_zone(frame: Frame, zone: str | None) -> Frame:
    """Clock times in a named foreign zone: same value, interval in Danish time."""
    if zone in (None, "local", "Europe/Copenhagen") or frame.grain not in ("minute", "hour", "part"):
        return frame
    foreign = pendulum.timezone(zone)

    def convert(moment: DateTime) -> DateTime:
        wall = pendulum.datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, tz=foreign)
        return wall.in_timezone(cal.ZONE)

    return replace(frame, start=convert(frame.start), end=convert(frame.end))
