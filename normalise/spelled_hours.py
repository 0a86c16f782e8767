"""Which half of the day a spelled hour is in.

A spelled hour ("klokken fire", "halv tolv") reads as one of the morning's twelve unless
something says otherwise: after an afternoon or evening clock time the text has just named
it is the later reading, a little after a night or morning one the morning's, and told of
the publication's own hours the reading nearer the publication time.
"""

from __future__ import annotations

from pendulum import DateTime

from normalise import calendar as cal
from normalise.anchors import Anchor
from normalise.calendar import Frame
from normalise.choice import choose_instance
from normalise.context import GRAIN_RANK, RECENT_SENTENCES, Context, Mention
from normalise.relations import microseconds
from normalise.spec import Spec


def after_afternoon_clock(spec: Spec, ctx: Context) -> Spec:
    """A spelled hour after an afternoon or evening clock time the text just named is the later
    one of its two readings ("ved 22-tiden ... omkring halv tolv": 23.30; "klokken 14 ... klokken
    fire": 16.00), and so is one a little before it ("kl. 19 ... halv fem": 16.30), unless a part
    of day says otherwise. Only the same day may be named between them
    ("kort før klokken 13 ... Tidligere samme dag ... ved halv to-tiden": 13.30), or a part of it
    over by then, a look back ("klokken 13.52 ... allerede i formiddags meldt ... kort efter klokken
    halv tre": 14.30); not a later part ("siden i aftes ... klokken halv otte")."""
    if spec.hour is None or spec.hour >= 12 or spec.part is not None or not spec.is_time_of_day_only:
        return spec
    recent = _recent_clock(ctx)
    if recent is None:
        return spec
    clock, last = recent
    if last is not clock and (ctx.mood == "told" or not (_is_day_of(last, clock) or _is_part_before(last, clock)
                                                         or _is_longer_aside(last, clock))):
        return spec
    named = _minute_of_day(clock.frame.start)
    morning = spec.hour * 60 + (spec.minute or 0)
    if named - _AFTERNOON_REACH_BACK <= morning <= named:
        return spec  # the morning's reading is the one a little before ("klokken 12 ... halv tolv": 11.30)
    later = morning + 12 * 60
    return spec._replace(hour=spec.hour + 12) if named >= 12 * 60 and later >= named - _AFTERNOON_REACH_BACK else spec


def follows_morning_clock(spec: Spec, ctx: Context) -> bool:
    """A spelled hour a little after a night or morning clock time the text just named is the
    morning's, however far the publication time lies from it ("Fejlen opstod klokken 02.00 ... kort
    efter klokken tre": 3.00, in an article of 10.30), as one after an afternoon clock time is the
    afternoon's (``after_afternoon_clock``)."""
    recent = _recent_clock(ctx)
    if recent is None or recent[1] is not recent[0]:
        return False
    named = _minute_of_day(recent[0].frame.start)
    morning = (spec.hour or 0) * 60 + (spec.minute or 0)
    return named < 12 * 60 and named <= morning <= named + _AFTERNOON_REACH_BACK


def _recent_clock(ctx: Context) -> tuple[Mention, Mention] | None:
    """The latest clock time the text named and its latest mention of any kind, when that mention is
    recent; what a spelled hour's half of the day is read by."""
    clock, last = ctx.history.latest("minute"), ctx.history.last
    if clock is None or last is None or last.sentence < ctx.sentence - RECENT_SENTENCES:
        return None
    return clock, last


def _minute_of_day(moment: DateTime) -> int:
    return moment.hour * 60 + moment.minute


def _is_longer_aside(mention: Mention, clock: Mention) -> bool:
    """A month or longer named in the clock time's own sentence after it ("i aften ved 20-tiden, og
    derefter hver fredag frem til midten af august"): it moves no day."""
    return mention.sentence == clock.sentence and GRAIN_RANK.get(mention.frame.grain, 99) >= GRAIN_RANK["month"]


# How long before an afternoon or evening clock time the text just named a spelled hour may still be
# the afternoon's (minutes): "fredag kl. 19 venter udekampen, og fanbusserne kører halv fem" (16.30),
# "ved 20-tiden ... Ballonen lettede klokken halv syv" (18.30); further back it is the morning's, or
# the next day's ("klokken 22 ... først klokken fire var branden slukket").
_AFTERNOON_REACH_BACK = 3 * 60


def _is_day_of(day: Mention, clock: Mention) -> bool:
    """The day the clock time is on."""
    return day.frame.grain == "day" and day.frame.start <= clock.frame.start < day.frame.end


def _is_part_before(part: Mention, clock: Mention) -> bool:
    """A part of the clock time's day that was over by then ("i formiddags" before 13.52)."""
    return part.frame.grain == "part" and part.frame.end <= clock.frame.start \
        and cal.day_of(part.frame.start) == cal.day_of(clock.frame.start)


def is_bare_spelled_hour(spec: Spec) -> bool:
    """A spelled hour of the morning's twelve ("halv tolv") with no part of day or night to place it."""
    return spec.twelve_hour and spec.hour is not None and spec.hour < 12 and spec.part is None \
        and spec.is_time_of_day_only and spec.relation != "night" and not spec.night_before


def nearer_half_day(morning: Frame | None, later: Spec, anchor: Anchor, ctx: Context) -> Frame | None:
    """A spelled hour with no part of day told of the publication's own hours: the reading nearer
    the publication time ("mellem halv tolv og halv to" at 22.47: 23.30; at 9.47: 11.30)."""
    evening = choose_instance(later, anchor, ctx)
    if morning is None or evening is None:
        return morning or evening
    at = microseconds(ctx.dct)  # (exact elapsed time, without building pendulum intervals)
    return min((morning, evening), key=lambda frame: abs(microseconds(frame.start) - at))
