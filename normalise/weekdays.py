"""Which week a bare weekday or weekend is in.

A weekday or weekend with no date, week or shift of its own ("onsdag", "i weekenden") takes
its week from the text around it when the text says more than the tense does: a day or
weekend its own sentence names, a programme's dated weekday or week number, a list item's
label, the days to come a forecast goes forward from. Each reading returns None where it
does not apply, and the tense decides.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.context import RECENT_SENTENCES, Context, Mention, mention_direction
from normalise.relations import START
from normalise.spec import Spec
from normalise.times_of_day import time_of_day

_MINUTE = timedelta(minutes=1)


def is_bare_weekday(spec: Spec) -> bool:
    """A weekday with no date, week or shift of its own ("mandag", "lørdag aften"): which one, the
    tense and the text around it decide."""
    return spec.weekday is not None and spec.day is None and spec.month is None and spec.week is None \
        and spec.year is None and spec.shift_unit is None and spec.anchor == "dct"


def weekend_of_day_named(ctx: Context) -> Frame | None:
    """A bare weekend after a Friday, Saturday or Sunday its own sentence names: that day's weekend
    ("indvies fredag den 24. juni, og kommunen har lagt et program for hele weekenden")."""
    day = ctx.history.latest_in("day", ctx.sentence)
    if day is None or day.told or day.frame.start.isoweekday() < 5:
        return None
    # not a day gone for a weekend to come ("forlod Gdansk for tre dage siden og ventes ... i
    # weekenden"); where a day lies from the publication is sure only when it has a clock time
    direction = mention_direction(day, ctx.dct) if ctx.dct_has_clock else day.tense
    return None if {direction, ctx.tense} == {"past", "future"} else _weekend_of(day)


def _weekend_of(day: Mention) -> Frame | None:
    year, week, _ = cal.day_of(day.frame.start).isocalendar()
    return cal.weekend_frame(year, week)


def day_of_weekend_named(spec: Spec, ctx: Context) -> Frame | None:
    """A bare Saturday or Sunday after a weekend its own sentence names: that weekend's ("holder
    åbent hus i weekenden, hvor gæster kan smage øllet både lørdag og søndag")."""
    weekend = next((m for m in reversed(ctx.history.mentions) if m.sentence == ctx.sentence
                    and m.frame.grain == "weekend"), None)
    if weekend is None or spec.weekday is None:
        return None
    return time_of_day(cal.day_frame(cal.day_of(weekend.frame.start) + timedelta(days=spec.weekday - 6)), spec)


def is_bare_weekend(spec: Spec) -> bool:
    return spec.weekend and spec.weekday is None and spec.week is None and spec.year is None \
        and spec.shift_unit is None and spec.anchor == "dct" and spec.part is None


_PROGRAMME_SENTENCES = 8  # how far a programme's dated weekday places the bare weekdays after it


def _month_only(ctx: Context) -> bool:
    """Whether the publication is known only to the month (a year is too long for its weekdays
    to be the text's)."""
    # (datetime's own subtraction: pendulum's builds an interval, and this is asked per possible day)
    return ctx.span is not None and datetime.__sub__(ctx.span[1], ctx.span[0]) < _MONTH_SPAN


_MONTH_SPAN = timedelta(days=32)


def weekday_named_within(spec: Spec, ctx: Context) -> Frame | None:
    """Under a publication known only to the month or year, a bare weekday the text has named with
    its date in that month or year ("slår boderne op lørdag den 19. maj ... Lørdagens åbning", in an
    article of May 2018; "fra mandag den 17. august ... begynder mandag klokken 9", in one of 2026):
    that day, whichever way it lies from each possible publication day."""
    if ctx.span is None:
        return None
    same = ctx.history.on_weekday(spec.weekday)
    if same is None or not same.dated_weekday or not ctx.span[0] <= same.frame.start <= ctx.span[1]:
        return None
    return time_of_day(cal.day_frame(cal.day_of(same.frame.start)), spec)


def in_week_named(spec: Spec, ctx: Context) -> Frame | None:
    """A bare weekday in the week of a weekday to come that the text has just named with its date,
    when that is another week than the publication's and the weekday is not told in the past: a
    programme ("fra tirsdag den 14. til torsdag den 16. maj ... Onsdag går turen til Bergen": 15 May)."""
    mention = ctx.history.dated_weekday
    # (under a publication known only to the month or year, the text's days are the ones meant
    # whichever way they lie from each possible day: ``Context.span``)
    if mention is None or not ctx.sentence - _PROGRAMME_SENTENCES <= mention.sentence < ctx.sentence \
            or spec.weekday is None or (not _month_only(ctx) and mention_direction(mention, ctx.dct) != "future") \
            or ctx.tense == "past" or ctx.mood == "told":
        return None  # (a weekday may date the telling: "..., oplyser Kongehuset fredag")
    day = cal.day_of(mention.frame.start)
    latest = ctx.history.latest_day_named()  # the programme goes on while the days named since are in its week
    if not ctx.heading and (latest is None or latest.sentence < ctx.sentence - RECENT_SENTENCES
                            or cal.day_of(latest.frame.start).isocalendar()[:2] != day.isocalendar()[:2]):
        return None  # (a list item's label is the programme's day whatever was named in between)
    if not _month_only(ctx) and day.isocalendar()[:2] == cal.day_of(ctx.dct).isocalendar()[:2]:
        return None
    # a weekday the text has named in another week keeps it ("i morgen eller onsdag ... tirsdag den
    # 22. april ... senest onsdag kl. 12": the first Wednesday again)
    same = ctx.history.on_weekday(spec.weekday)
    if same is not None and cal.day_of(same.frame.start).isocalendar()[:2] != day.isocalendar()[:2]:
        return None
    return time_of_day(cal.day_in_week(cal.week_of(day), spec.weekday), spec)


def programme_weekday(spec: Spec, ctx: Context) -> Frame | None:
    """A bare weekday in a programme's header or items that is a day to come the text has named:
    that day, whatever was named in between ("Holdpræsentationen finder sted mandag den 18. august.
    ... Programmet for mandag:")."""
    if ctx.programme is None or ctx.tense == "past":
        return None
    same = ctx.history.on_weekday(spec.weekday)  # (named with its weekday or not: "den 18. august")
    if same is None or cal.day_of(same.frame.start) <= cal.day_of(ctx.dct):
        return None  # (today is no programme's other day: "i eftermiddag ... Fredag: Fernisering")
    return time_of_day(cal.day_frame(cal.day_of(same.frame.start)), spec)


def in_week_of_heading(spec: Spec, ctx: Context) -> Frame | None:
    """A list item's weekday label after a week the text has just named: that week's day
    ("Programmet for ugen efter, uge 23: Mandag: Ungdomsregatta ...")."""
    if not ctx.heading or spec.weekday is None:
        return None
    week = ctx.history.week_number
    if week is None or week.sentence < ctx.sentence - _PROGRAMME_SENTENCES:
        return None
    return time_of_day(cal.day_in_week(week.frame, spec.weekday), spec)


def _after_label_of_later_day(candidates: tuple[Frame, ...], nearest: Frame, ctx: Context) -> Frame | None:
    """``after_day_to_come`` for a list item's weekday label whose nearest instance is today: the
    first instance from the day the item before it named, when that day is later."""
    latest = ctx.history.latest_day_named()
    if not ctx.heading or cal.day_of(nearest.start) != cal.day_of(ctx.dct) or latest is None \
            or latest.sentence != ctx.sentence - 1 or cal.day_of(latest.frame.start) <= cal.day_of(nearest.start):
        return None
    return _first_from(candidates, latest)


def after_day_to_come(spec: Spec, candidates: tuple[Frame, ...], nearest: Frame | None,
                       ctx: Context) -> Frame | None:
    """A bare weekday with no tense whose nearest instance is over before the publication day,
    after days to come named just before it: a forecast's or programme's days go forward. The
    same weekday named in the programme is that day ("Lørdag den 14. januar: ... Dronningen viser
    sig lørdag klokken 12"); else the first one from the latest day named on ("Fredag: 33 grader.
    Lørdag og søndag: fortsat 30 grader", published on a Tuesday)."""
    if nearest is None:
        return None
    if nearest.end > ctx.dct or cal.day_of(nearest.start) >= cal.day_of(ctx.dct):
        # the nearest is today, still going on, or to come: it stays, but a list item's label after
        # the item of a later day goes on from it ("Lørdag: ... natten til søndag. / Søndag:
        # Gospelkoncert", published on the Sunday before)
        return _after_label_of_later_day(candidates, nearest, ctx)
    same = ctx.history.on_weekday(spec.weekday)
    if same is not None and same.sentence >= ctx.sentence - _PROGRAMME_SENTENCES \
            and mention_direction(same, ctx.dct) == "future":
        named = cal.day_of(same.frame.start)
        return next((f for f in candidates if cal.day_of(f.start) == named), None)
    latest = ctx.history.latest_day_named()
    if latest is None or latest.sentence < ctx.sentence - RECENT_SENTENCES \
            or mention_direction(latest, ctx.dct) != "future":
        return None
    if not ctx.heading:  # in prose, a day before the one named may come first ("Folkemødet ... slutter
        # lørdag eftermiddag. Fredag aften er der partilederdebat", on the Monday: the Friday before it)
        today = cal.day_of(ctx.dct)
        coming = min((f for f in candidates if cal.day_of(f.start) > today), key=START, default=None)
        if coming is not None and cal.day_of(coming.start) <= cal.day_of(latest.frame.start):
            return coming
    return _first_from(candidates, latest)


def _first_from(candidates: tuple[Frame, ...], mention: Mention) -> Frame | None:
    """The first instance that holds or follows the day a mention names (a list goes forward from
    it; a weekend after its Sunday's item is that weekend)."""
    day = cal.day_of(mention.frame.start)
    return next((f for f in sorted(candidates, key=START) if cal.day_of(f.end - _MINUTE) >= day), None)
