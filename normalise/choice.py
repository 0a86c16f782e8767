"""Choosing the instance of an incomplete point that its clause means.

``choose_instance`` picks among a point's instances by the tense and mood of its clause and
the text around it: a time of day on the day its anchor names, a holiday or a failed plan
only days ahead, a bare weekday's week (``weekdays``), a quarter an account looks back on;
otherwise the instance its relation points to (``relations.select``).
"""

from __future__ import annotations

from datetime import timedelta

from pendulum import DateTime

from normalise import calendar as cal
from normalise.anchors import Anchor
from normalise.calendar import Frame
from normalise.context import Context
from normalise.instances import instances_around
from normalise.lexicon import load_lexicon
from normalise.relations import START, microseconds, nearest_to, select
from normalise.spec import Spec
from normalise.times_of_day import on_day_of, time_of_day, tonight_or_last_night
from normalise.weekdays import (
    after_day_to_come,
    day_of_weekend_named,
    in_week_named,
    in_week_of_heading,
    is_bare_weekday,
    is_bare_weekend,
    programme_weekday,
    weekday_named_within,
    weekend_of_day_named,
)


def choose_instance(spec: Spec, anchor: Anchor, ctx: Context) -> Frame | None:
    """Pick the instance of an incomplete point that the tense or relation points to."""
    moment = anchor.moment
    if spec.relation == "night":  # "lørdag aften ... hele natten": the night of the day named
        return on_day_of(anchor.frame, spec) if anchor.frame \
            else tonight_or_last_night(spec, moment, ctx.tense, ctx.dct_has_clock, ctx.mood)
    if spec.is_time_of_day_only:
        if anchor.frame is not None:
            on_day = on_day_of(anchor.frame, spec)
            if ctx.tense == "future" and ctx.dct_has_clock and on_day is not None \
                    and on_day.end + _PAST_REACH <= ctx.dct and not _named_in_sentence(anchor, ctx):
                # told as to come but over many hours before the publication ("natten til lørdag ...
                # håber at være fremme ved midnatstid" on Saturday afternoon): the next one from the
                # publication (a time a few hours back is a timeline's or an ongoing range's)
                moment = ctx.dct
            elif not (ctx.tense == "past" and ctx.dct_has_clock and on_day is not None
                      and on_day.start > ctx.dct + (_PAST_REACH if ctx.mood == "perfect" else _PRETERITE_REACH)):
                return on_day
            # told in the past but hours after the publication on the day named: not that day's ("...
            # klokken 3. Vejdirektoratet frarådede fra 23-tiden", published at 01.50; "i går aftes ...
            # onsdag eftermiddag ... Angrebet blev opdaget kort efter klokken 21", at 13.26); a perfect
            # may reach further ahead ("har indstillet sejladsen fra klokken 12" at 11.30 is today's)
        if not ctx.dct_has_clock:
            day = cal.day_of(moment)
            if spec.hour == 24 and ctx.tense == "past":
                day -= timedelta(days=1)  # "mødet sluttede lidt efter midnat", in an article of the day: the midnight it began with
            return time_of_day(cal.day_frame(day), spec)
    candidates = instances_around(spec, moment)
    if not candidates:
        return None
    if ctx.mood == "told" and spec.is_time_of_day_only and ctx.dct_has_clock and anchor.frame is None:
        # the news was told before its publication ("Det oplyser politiet kort før klokken et", published
        # at 21.02: that night's one o'clock, not the coming one); within the hour ("kort før klokken
        # 12" at 11.48), the coming one
        told = [f for f in candidates if f.start <= ctx.dct + _HOUR]
        if told:
            return max(told, key=START)
    if spec.mod == "BEFORE" and spec.has_clock and ctx.tense == "past":
        begun = next((f for f in candidates if moment < f.start <= moment + _HOUR), None)
        if begun is not None:  # "faldt på plads kort før midnat" at 23.48: the hour before it has begun
            return begun
    if (spec.holiday is not None or ctx.mood == "counterfactual") and spec.relation == "tense" and ctx.tense == "past":
        imminent = _imminent(candidates, moment, spec, ctx.mood == "counterfactual")
        if imminent is not None and spec.holiday is None:  # a failed plan: the nearer of it and the last one
            return nearest_to((imminent, *(f for f in candidates if f.start <= moment)), moment)
        if imminent is not None:
            return imminent
    if spec.holiday is not None and ctx.mood == "after" and ctx.tense == "future":
        just_gone = _just_gone(candidates, moment)
        if just_gone is not None:  # "Efter julen venter en travl januar" on 27 December: this Christmas
            return just_gone
    if ctx.mood == "perfect" and ctx.tense == "past" and spec.relation == "tense" and spec.day is not None \
            and spec.month is not None and spec.year is None:
        ahead = _imminent(candidates, moment, spec)
        if ahead is not None:  # "har booket en overfart den 23. juni" on 20 June: what was set up reaches ahead
            return ahead
    bare_weekend = is_bare_weekend(spec)
    if bare_weekend:
        of_day = weekend_of_day_named(ctx)
        if of_day is not None:
            return of_day
    bare_weekday = is_bare_weekday(spec)
    if spec.relation == "tense" and bare_weekday and spec.weekday in (6, 7) and ctx.tense != "past":
        in_weekend = day_of_weekend_named(spec, ctx)
        if in_weekend is not None:
            return in_weekend
    if spec.relation == "tense" and bare_weekday:
        named = weekday_named_within(spec, ctx)
        if named is not None:
            return named
        scheduled = in_week_of_heading(spec, ctx) or programme_weekday(spec, ctx) or in_week_named(spec, ctx)
        if scheduled is not None:
            return scheduled
    if spec.relation == "tense" and ctx.tense == "none" and (bare_weekday or bare_weekend):
        # a programme's weekdays and weekend go on from its days to come ("Dagen efter går turen til
        # Skagen ... Weekenden tilbringes i Aalborg")
        nearest = select(candidates, spec.relation, moment, ctx.tense)
        return after_day_to_come(spec, candidates, nearest, ctx) or nearest
    if spec.relation == "tense" and _weekday_pins_year(spec):
        # "mandag den 18. marts": the weekday fits one date near the publication (a
        # perfect "er flyttet til" must not send it back five years)
        near = [f for f in candidates if abs(cal.day_of(f.start) - cal.day_of(moment)) <= _WEEKDAY_DATE_REACH]
        if near:
            return nearest_to(tuple(near), moment)
    chosen = select(candidates, spec.relation, moment, ctx.tense)
    account = spec.relation == "tense" and ctx.tense == "past" and (spec.quarter is not None or spec.half is not None)
    coming = spec.relation == "coming" and spec.season is not None and ctx.tense != "past"
    if chosen is None or not (account or coming):
        return chosen
    gone, left = _gone_and_left(chosen, moment)
    if account and gone < left:
        # an account in the past of a quarter or half year not half gone is of the last one ("Første
        # halvår var præget af usikkerhed" in February: last year's)
        return select(candidates, "before", moment, ctx.tense) or chosen
    if coming and gone > left:
        # "til sommer" in August: next summer, not the one mostly over (that one is "i sommer")
        return select(candidates, "after", moment, ctx.tense)
    return chosen


_HOUR = timedelta(hours=1)  # "kort før klokken 14": the hour before the clock time (the conventions)
# how far ahead a decision told in the past may date a time of its day, and how long ago a time
# told as to come may have been over and still be the day's
_PAST_REACH = timedelta(hours=12)
# how far ahead of the publication a time told in the preterite may still be its day's (an article
# updated after it was first published)
_PRETERITE_REACH = timedelta(hours=3)


# the units of a failed plan that may lie months ahead ("skulle have åbnet i efterårsferien" in September)
_PLANNED_UNITS = frozenset(("week", "month", "season", "quarter", "half"))


def _imminent(candidates: tuple[Frame, ...], moment: DateTime, spec: Spec, failed_plan: bool = False) -> Frame | None:
    """The instance of a holiday (or of any time in a failed plan) only a few days ahead
    (data: ``[imminent] days``), if any; later today counts ("skulle have sejlet lørdag klokken 18"
    on Saturday morning). A failed plan's week, month or season may lie a few months ahead
    (``plan_days``: "skulle efter planen være slagtet i december" in November: this December;
    "skulle have været åbnet i efterårsferien" in September: this year's week 42), and so may its
    holiday ("skulle have holdt barnedåb Store Bededag" a month before it)."""
    lex = load_lexicon()
    planned_units = (spec.holiday is None and candidates[0].grain in _PLANNED_UNITS) or (failed_plan and spec.holiday is not None)
    last = cal.day_of(moment) + timedelta(days=lex.plan_days if planned_units else lex.imminent_days)
    return next((f for f in candidates if f.start > moment and cal.day_of(f.start) <= last), None)


def _just_gone(candidates: tuple[Frame, ...], moment: DateTime) -> Frame | None:
    """The last instance over before ``moment`` if it ended only a few days before
    (data: ``[imminent] days``): a holiday after "efter" in a clause about what is to come."""
    first = cal.day_of(moment) - timedelta(days=load_lexicon().imminent_days)
    last = max((f for f in candidates if f.end <= moment), key=START, default=None)
    return last if last is not None and cal.day_of(last.end) >= first else None


# How far from the publication a date whose weekday is named is taken as meant, whatever the tense
# (a year: the next date on that weekday lies years away, "er flyttet til ... søndag den 11. september"
# in January is this September's, not one five years back).
_WEEKDAY_DATE_REACH = timedelta(days=366)


def _weekday_pins_year(spec: Spec) -> bool:
    return spec.weekday is not None and spec.day is not None and spec.month is not None and spec.year is None


def _named_in_sentence(anchor: Anchor, ctx: Context) -> bool:
    """Whether the day a time takes was named in the time's own sentence ("Søndag den 16. februar:
    Åen går over sine bredder ved 16-tiden", a timeline's present): that day, whatever the tense."""
    return anchor.item is not None and any(m.item == anchor.item and m.sentence == ctx.sentence
                                           and m.frame.grain == "day" for m in reversed(ctx.history.mentions))


def _gone_and_left(frame: Frame, moment: DateTime) -> tuple[int, int]:
    """How much of ``frame`` has gone at ``moment`` and how much is left: elapsed microseconds,
    as pendulum's subtraction counts them, without building its intervals."""
    at = microseconds(moment)
    return at - microseconds(frame.start), microseconds(frame.end) - at
