"""Turn a ``Spec`` into a TIMEX3 value and interval against an anchor.

All calendar arithmetic of the engine lives here and in ``calendar``. The
resolver is pure: the publication instant, the tense of the sentence and the
times mentioned earlier are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from typing import Literal, NamedTuple

import pendulum
from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.lexicon import holiday_by_name, load_lexicon
from normalise.memo import by_identity
from normalise.spec import TENSE_RELATIONS, Spec
from normalise.timex import AnchorKind
from normalise.values import format_duration, format_set

Tense = Literal["past", "future", "none"]
# what a clause's verb adds to its tense (``Context.mood``); "told": a clock time or weekday dating
# the telling of the news ("sagde ordføreren kort før klokken 23", "oplyser Kongehuset fredag");
# "moved": a time something was moved to, told in the past ("blev i 2021 flyttet til september")
Mood = Literal["", "present", "counterfactual", "told", "after", "perfect", "moved"]

GRAIN_ORDER = ["minute", "hour", "part", "day", "weekend", "week", "month", "quarter", "season",
               "half", "year", "decade", "century"]
_RANK = {grain: rank for rank, grain in enumerate(GRAIN_ORDER)}
_DAY_RANK = _RANK["day"]
_MINUTE = timedelta(minutes=1)
# How many sentences back a bare clock time looks for the day it belongs to.
RECENT_SENTENCES = 2


# The small records made for every expression and publication instant are named tuples:
# immutable like frozen dataclasses, and several times faster to create.


class Mention(NamedTuple):
    """An earlier resolved point in the document, for anaphora."""

    frame: Frame
    sentence: int
    item: int  # the expression's position in the text's list of expressions
    explicit_year: bool
    names_day: bool = True  # False for a bare clock time placed by the publication time
    tense: Tense = "none"
    # after "siden": the start of a stretch reaching the present ("det højeste siden 2011"),
    # so not the month or year the text goes on about ("... inden udgangen af året": this year;
    # ``History.latest_of_story``)
    since: bool = False
    told: bool = False  # dates the telling of the news ("oplyste Energistyrelsen i går"): names its own sentence's day
    dated_weekday: bool = False  # "tirsdag den 14. maj": a weekday with its date, as a programme names its days
    week_number: bool = False  # "uge 23": a week named by its number, as a programme names its week
    quoted: bool = False  # in a quotation ("- Den har siddet der siden natten til torsdag, siger ...")


# How many mentions back a programme's items look for its day (a bound: a long list of items whose
# header has none would otherwise each look through the whole text).
_PROGRAMME_MENTIONS = 100


class History:
    """The points a text has mentioned so far, in text order, with the indexes the
    anaphora lookups need, so each lookup takes constant time however long the text."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self._by_rank: dict[int, Mention] = {}  # grain rank -> the latest mention of that grain
        self._story_by_rank: dict[int, Mention] = {}  # the same without mentions after "siden"
        self._untold_by_rank: dict[int, Mention] = {}  # the same without mentions dating the telling
        self._by_part: dict[str, Mention] = {}  # "NI" -> the latest mention whose value ends in "TNI"
        self._day_by_tense: dict[Tense, Mention] = {}  # the latest mention naming a day, per tense
        self._narrated_day_by_tense: dict[Tense, Mention] = {}  # the same outside quotations
        self._told: Mention | None = None  # the latest mention dating the telling of the news
        self.dated_weekday: Mention | None = None  # the latest weekday named with its date
        self.week_number: Mention | None = None  # the latest week named by its number
        self.year_carries = True  # False after a contrast ("..., men ..."): the last mention's year stays

    def __len__(self) -> int:
        return len(self.mentions)

    @property
    def last(self) -> Mention | None:
        return self.mentions[-1] if self.mentions else None

    def append(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.year_carries = True
        rank = _RANK.get(mention.frame.grain, 99)
        self._by_rank[rank] = mention
        if not mention.since:
            self._story_by_rank[rank] = mention
        if not mention.told:
            self._untold_by_rank[rank] = mention
        if "T" in mention.frame.value:
            self._by_part[mention.frame.value.rsplit("T", 1)[1]] = mention
        if mention.names_day and rank <= _DAY_RANK and not mention.since:  # "siden nytår": no story day
            self._day_by_tense[mention.tense] = mention
            if not mention.quoted:
                self._narrated_day_by_tense[mention.tense] = mention
        elif mention.told and rank <= _DAY_RANK:
            self._told = mention
        if mention.dated_weekday:
            self.dated_weekday = mention
        if mention.week_number:
            self.week_number = mention

    def latest(self, grain: str) -> Mention | None:
        """The most recent mention at least as fine as ``grain``."""
        return self.latest_within(GRAIN_ORDER[0], grain)

    def latest_within(self, finest: str, coarsest: str) -> Mention | None:
        """The most recent mention with a grain from ``finest`` to ``coarsest``."""
        low, high = _RANK[finest], _RANK[coarsest]
        return _newest(m for rank, m in self._by_rank.items() if low <= rank <= high)

    def latest_of_story(self, grain: str) -> Mention | None:
        """``latest``, leaving out times after "siden": they open a stretch reaching the present,
        not the time the story is at ("det højeste siden 2011 … inden udgangen af året": this
        year; but "siden 2010 … året efter" is 2011)."""
        high = _RANK[grain]
        return _newest(m for rank, m in self._story_by_rank.items() if rank <= high)

    def latest_untold(self, grain: str) -> Mention | None:
        """``latest``, leaving out the days the news was told on ("... den 17. august. Det oplyser
        Kongehuset i dag. Dagen efter ...": the day after the story's last day, not after today),
        unless the text has named no other."""
        high = _RANK[grain]
        return _newest(m for rank, m in self._untold_by_rank.items() if rank <= high) or self.latest(grain)

    def latest_in(self, grain: str, sentence: int) -> Mention | None:
        """The most recent mention at least as fine as ``grain``, if sentence ``sentence`` made it."""
        mention = self.latest(grain)
        return mention if mention is not None and mention.sentence == sentence else None

    def programme_day(self, header: int, dct: DateTime) -> Mention | None:
        """The day a programme's items are on: the latest named in its header or items (sentence
        ``header`` on), else the latest day to come (after the publication's) named before it."""
        today = cal.day_of(dct)
        for mention in islice(reversed(self.mentions), _PROGRAMME_MENTIONS):
            if not mention.names_day or not _is_of_a_day(mention) or mention.quoted:
                continue
            if mention.sentence >= header or cal.day_of(mention.frame.start) > today:
                return mention
        return None

    def told_of_in(self, sentence: int) -> Mention | None:
        """The last day (or a time on it) sentence ``sentence`` named: when an event it told of
        happened ("ved en ransagning den 18. februar"), for "dagen efter ransagningen"."""
        return next((m for m in reversed(self.mentions) if m.sentence == sentence and _is_of_a_day(m)), None)

    def on_weekday(self, weekday: int | None) -> Mention | None:
        """"den fredag": the latest mention of a day (or a time on it) that is that weekday."""
        if weekday is None:
            return None
        return next((m for m in reversed(self.mentions)
                     if _is_of_a_day(m) and m.frame.start.isoweekday() == weekday), None)

    def same_part(self, part: str | None) -> Mention | None:
        """"samme nat", "samme aften": the night or evening the text last mentioned."""
        if part is None:
            return None
        if "T" in part:  # not a part of day: look the slow way
            return next((m for m in reversed(self.mentions) if m.frame.value.endswith(f"T{part}")), None)
        return self._by_part.get(part)

    def told_in(self, sentence: int) -> Mention | None:
        """The day sentence ``sentence`` says the news was told on ("oplyste politiet i går"), if any."""
        return self._told if self._told is not None and self._told.sentence == sentence else None

    def latest_day_named(self) -> Mention | None:
        """The most recent mention naming a day of the story (not the day the news was told)."""
        return _newest(self._day_by_tense.values())

    def latest_day_within(self, start: DateTime, end: DateTime) -> Mention | None:
        """The most recent mention of a day of the story that begins between ``start`` and ``end``
        ("torsdag den 23. november" in an article of November 2017; not "den 1. september 1921"
        named after it)."""
        return next((m for m in reversed(self.mentions) if m.names_day and not m.since
                     and _is_of_a_day(m) and start <= m.frame.start <= end), None)

    def day_for(self, tense: Tense, since: int, sentence: int, present: bool = False,
                quoted: bool = True) -> Mention | None:
        """The most recent mention naming a day (at day grain or finer) in sentence ``since``
        or later; one in a past-tense report does not place a plan, and vice versa, nor what a
        present-tense clause says ("må gå i land fra klokken 13" after "i går morges"). The day the
        news was told names the day of its own sentence only ("oplyste styrelsen i går
        eftermiddag, kort efter at fristen udløb klokken 12")."""
        # the narrative's clock times do not take a day from a quotation ("- Den har siddet der siden
        # natten til torsdag, siger indsatsleder ... nåede frem omkring klokken 15.40": Friday's)
        days = self._day_by_tense if quoted else self._narrated_day_by_tense
        latest = _newest(m for t, m in days.items()
                         if {t, tense} != {"past", "future"} and not (present and t == "past"))
        told = self._told
        if told is not None and told.sentence == sentence and {told.tense, tense} != {"past", "future"} \
                and (latest is None or latest.item < told.item):
            return told
        return latest if latest is not None and latest.sentence >= since else None


def _is_of_a_day(mention: Mention) -> bool:
    """Whether a mention is of a day or a time on one (not a week, month or year)."""
    return _RANK.get(mention.frame.grain, 99) <= _DAY_RANK


def _newest(mentions: Iterable[Mention]) -> Mention | None:
    return max(mentions, key=lambda m: m.item, default=None)


class Context(NamedTuple):
    dct: DateTime
    dct_has_clock: bool
    tense: Tense
    sentence: int
    history: History
    # "present": the clause's verb is a present (a day told in the past is not its day);
    # "counterfactual": a plan that failed, told in the past (a time only days ahead is still meant);
    # "after": a holiday after "efter" told as to come (one just gone is still meant);
    # "perfect": told in the present perfect, which may set up what reaches ahead ("har indstillet ...")
    mood: Mood = ""
    heading: bool = False  # a list item's label ("Torsdag: Scavenger åbner ..."): a programme's day
    # a publication known only to the month or year, its first and last possible instants: it gives
    # a clock time no day, so the last day the text named within them does, however far back
    span: tuple[DateTime, DateTime] | None = None
    quoted: bool = False  # the piece is in a quotation
    event_sentence: int | None = None  # "dagen efter ransagningen": the sentence that told of the event
    # an item of a programme: the sentence of its header ("Programmet for indvielsesdagen:"), whose day
    # (or the day to come named before it) its clock times are on (``History.programme_day``)
    programme: int | None = None


class Resolution(NamedTuple):
    """A resolved value; ``frame`` is the point before its mod widened or narrowed it."""

    value: str
    grain: str | None = None
    start: DateTime | None = None
    end: DateTime | None = None
    anchor: AnchorKind = AnchorKind.NONE
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
    return Resolution(frame.value, frame.grain, frame.start, frame.end, anchor, index, plain)


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
    if spec.is_time_of_day_only or spec.relation == "night" or _is_unit_referred_to(spec) or _is_todays_late_part(spec) \
            or _is_same_day(spec):
        return True
    fixed = spec.shift_unit is not None or spec.year_shift is not None or any(
        field is not None for field in (spec.year, spec.decade, spec.century))
    return spec.relation in TENSE_RELATIONS and not fixed


def reads_earlier_days(spec: Spec) -> bool:
    """Whether resolving ``spec`` may read the days mentioned before it, with their tense
    (a clock time or part of day takes the day last named; "samme dag" the last one told its way)."""
    if spec.offset_from is not None and reads_earlier_days(spec.offset_from):
        return True
    return (spec.is_time_of_day_only and spec.relation != "night") or (_is_same_day(spec) and spec.anchor == "reference")


def _resolve_ref(spec: Spec, ctx: Context) -> Resolution:
    if spec.ref == "PRESENT_REF":
        return _present(ctx.dct, ctx.dct.fold, ctx.dct_has_clock)
    ref = spec.ref or "PRESENT_REF"
    # PAST_REF and FUTURE_REF look from the publication; "XXXX-WXX-5" ("en fredag") from nowhere
    anchor = AnchorKind.PUBLICATION if ref.endswith("_REF") else AnchorKind.NONE
    return Resolution(ref, None, None, None, anchor)


@lru_cache(maxsize=1024)
def _present(dct: DateTime, fold: int, has_clock: bool) -> Resolution:
    """"nu": the publication minute, or its day when the clock is not known. (``fold`` is
    part of the key: 02:30 before and after the clocks go back compare equal.)"""
    if has_clock:
        return Resolution("PRESENT_REF", None, dct, cal.elapsed(dct, _MINUTE), AnchorKind.PUBLICATION)
    today = cal.day_frame(cal.day_of(dct))
    return Resolution("PRESENT_REF", None, today.start, today.end, AnchorKind.PUBLICATION)


# ---------------------------------------------------------------- points

# (final frame, anchor kind, index of the anchoring mention, frame before mod)
Anchored = tuple[Frame, AnchorKind, "int | None", Frame]


class _Anchor(NamedTuple):
    moment: DateTime
    kind: AnchorKind
    item: int | None = None  # the anchoring mention's expression
    frame: Frame | None = None


def _resolve_point(spec: Spec, ctx: Context) -> Anchored | None:
    if spec.offset_from is not None:
        return _resolve_offset_from(spec, ctx)
    if spec.repeats is not None:
        return _resolve_repeated(spec, ctx)
    if spec.twelve_hour:
        spec = _after_afternoon_clock(spec, ctx)
    anchor = _anchor(spec, ctx)
    if _part_gone_overnight(spec, anchor, ctx):
        anchor = anchor._replace(moment=anchor.moment - timedelta(days=1))
    kind = anchor.kind
    frame = _coarse_frame(spec, anchor.moment, ctx, _is_clock_time(anchor.frame))
    if frame is None:
        frame = _choose_instance(spec, anchor, ctx)
        if _is_bare_spelled_hour(spec) and anchor.kind is not AnchorKind.EXPRESSION and ctx.dct_has_clock \
                and not _follows_morning_clock(spec, ctx):
            frame = _nearer_half_day(frame, spec._replace(hour=spec.hour + 12), anchor, ctx)  # type: ignore[operator]
        if _told_past_but_to_come(frame, anchor, ctx):
            anchor = _Anchor(ctx.dct, AnchorKind.NONE)
            frame, kind = _choose_instance(spec, anchor, ctx), anchor.kind
        if frame is not None and kind is AnchorKind.NONE:
            kind = AnchorKind.PUBLICATION
    elif frame.grain not in ("hour", "minute"):
        frame = _narrow(frame, spec)
        if frame is not None and _hint_against_tense(frame, spec, ctx):
            frame, kind = _choose_instance(spec, anchor, ctx), AnchorKind.PUBLICATION
    if frame is None:
        return None
    if kind is not AnchorKind.EXPRESSION:
        frame = _edge_to_come_or_gone(frame, spec, ctx)
    if spec.unit_of is not None:  # "det nye år": the year that New Year's Day begins
        current = _current_holiday_unit(spec, ctx) if spec.holiday is not None else None
        frame = current or cal.unit_containing(frame.start, spec.unit_of)
    return _apply_zone(_apply_mod(frame, spec.mod), spec.zone), kind, anchor.item, frame


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
    edge = _modified(frame, spec.mod)
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


@lru_cache(maxsize=8192)
def _narrow(frame: Frame, spec: Spec) -> Frame | None:
    """A unit the text fixes (a year, a week, a day) narrowed to the fields and time of day the spec names."""
    refined = _refine(frame, spec)
    return _time_of_day(refined, spec) if refined is not None else None


def _after_afternoon_clock(spec: Spec, ctx: Context) -> Spec:
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
    later = (spec.hour + 12) * 60 + (spec.minute or 0)
    return spec._replace(hour=spec.hour + 12) if named >= 12 * 60 and later >= named - _AFTERNOON_REACH_BACK else spec


def _follows_morning_clock(spec: Spec, ctx: Context) -> bool:
    """A spelled hour a little after a night or morning clock time the text just named is the
    morning's, however far the publication time lies from it ("Fejlen opstod klokken 02.00 ... kort
    efter klokken tre": 3.00, in an article of 10.30), as one after an afternoon clock time is the
    afternoon's (``_after_afternoon_clock``)."""
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
    return mention.sentence == clock.sentence and _RANK.get(mention.frame.grain, 99) >= _RANK["month"]


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


def _gone_and_left(frame: Frame, moment: DateTime) -> tuple[int, int]:
    """How much of ``frame`` has gone at ``moment`` and how much is left: elapsed microseconds,
    as pendulum's subtraction counts them, without building its intervals."""
    at = _microseconds(moment)
    return at - _microseconds(frame.start), _microseconds(frame.end) - at


def _is_bare_spelled_hour(spec: Spec) -> bool:
    """A spelled hour of the morning's twelve ("halv tolv") with no part of day or night to place it."""
    return spec.twelve_hour and spec.hour is not None and spec.hour < 12 and spec.part is None \
        and spec.is_time_of_day_only and spec.relation != "night" and not spec.night_before


def _nearer_half_day(morning: Frame | None, later: Spec, anchor: _Anchor, ctx: Context) -> Frame | None:
    """A spelled hour with no part of day told of the publication's own hours: the reading nearer
    the publication time ("mellem halv tolv og halv to" at 22.47: 23.30; at 9.47: 11.30)."""
    evening = _choose_instance(later, anchor, ctx)
    if morning is None or evening is None:
        return morning or evening
    at = _microseconds(ctx.dct)  # (exact elapsed time, without building pendulum intervals)
    return min((morning, evening), key=lambda frame: abs(_microseconds(frame.start) - at))


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
    return _apply_mod(frame, spec.mod), base[1], base[2], frame


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
        return _apply_mod(frame, spec.mod), AnchorKind.PUBLICATION, None, frame
    moved = cal.years_later(mention.frame, years)
    if moved is None:
        return None
    return _apply_mod(moved, spec.mod), AnchorKind.EXPRESSION, mention.item, moved


def _anchor(spec: Spec, ctx: Context) -> _Anchor:
    """The moment a spec counts from, and what that moment is."""
    needs_anchor = spec.shift_unit is not None or spec.year_shift is not None
    mention = None
    if spec.anchor == "reference":
        same_weekday = ctx.history.on_weekday(spec.weekday) if spec.relation == "same" else None
        event = ctx.history.told_of_in(ctx.event_sentence) if ctx.event_sentence is not None else None
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
                or (ctx.history.latest_day_within(*ctx.span) if ctx.span is not None else None)
    if mention is not None:
        return _Anchor(_day_counted_from(spec, mention.frame), AnchorKind.EXPRESSION, mention.item, mention.frame)
    if spec.anchor == "reference":
        return _Anchor(ctx.dct, AnchorKind.PUBLICATION)
    return _Anchor(ctx.dct, AnchorKind.PUBLICATION if needs_anchor else AnchorKind.NONE)


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


def _is_unit_referred_to(spec: Spec) -> bool:
    return spec.anchor == "reference" and spec.shift == 0 and spec.shift_unit in _UNITS_REFERRED_TO \
        and spec.part is None and spec.repeats is None


def _referred_to(spec: Spec, ctx: Context) -> Mention | None:
    """The mention a reference counts from; a month, year ... told in the past is not the one a
    clause about what is to come refers to, nor the other way round ("I januar advarede
    selskabet ... Udvalget skal behandle sagen sidst i måneden": this month)."""
    if not _is_unit_referred_to(spec):
        if _is_same_day(spec) and ctx.tense in ("past", "future"):
            return _same_day_told(ctx)
        return ctx.history.latest_untold(_unit_grain(spec))
    if spec.shift_unit in _ACCOUNTING_UNITS and ctx.tense != "future" and spec.mod is None:
        return _accounted(spec.shift_unit, ctx) or ctx.history.latest_of_story(_unit_grain(spec))
    mention = ctx.history.latest_of_story(_unit_grain(spec))
    if mention is not None and {_mention_direction(mention, ctx.dct), ctx.tense} == {"past", "future"}:
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


def _is_same_day(spec: Spec) -> bool:
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
    return next((m for m in reversed(ctx.history.mentions) if _is_of_a_day(m)
                 and not m.told and m.tense != other), None)


def _mention_direction(mention: Mention, dct: DateTime) -> Tense:
    """The mention's tense; with none, where it lies from the publication time ("i fjor": past)."""
    if mention.tense != "none":
        return mention.tense
    frame = mention.frame
    return "past" if frame.end <= dct else "future" if frame.start > dct else "none"


def _day_counted_from(spec: Spec, frame: Frame) -> DateTime:
    """Where a reference counts from in the frame it refers to: the start, except that the
    same day as a night is the day the night ends ("Stormen ramte i nat ... resten af dagen",
    "natten til fredag ... samme dag": Friday), and so is its morning ("Natten til tirsdag ...
    klokken 6.50 samme morgen": Tuesday)."""
    if spec.shift_unit == "day" and not spec.shift and spec.part in _PARTS_AFTER_NIGHT and frame.value.endswith("TNI"):
        return frame.end
    return frame.start


_PARTS_AFTER_NIGHT = frozenset((None, "MO", "MI", "AF"))


def _told_past_but_to_come(frame: Frame | None, anchor: _Anchor, ctx: Context) -> bool:
    """Whether a clock time or part of day told in the past would fall on a day still to
    come through the day it took from an earlier mention ("udskrev i dag valg til tirsdag den
    1. november. Det skete kort før middag": today; "i nat ... fra klokken 12. Vinden nåede halv
    tre om natten ...": last night). Such a time is placed by the publication time instead."""
    return frame is not None and anchor.kind is AnchorKind.EXPRESSION and ctx.tense == "past" \
        and cal.day_of(frame.start) > cal.day_of(ctx.dct) and ctx.span is None  # (else the text dates the news)


def _named_in_sentence(anchor: _Anchor, ctx: Context) -> bool:
    """Whether the day a time takes was named in the time's own sentence ("Søndag den 16. februar:
    Åen går over sine bredder ved 16-tiden", a timeline's present): that day, whatever the tense."""
    return anchor.item is not None and any(m.item == anchor.item and m.sentence == ctx.sentence
                                           and m.frame.grain == "day" for m in reversed(ctx.history.mentions))


def _range_start(spec: Spec, ctx: Context) -> Mention | None:
    """The start of a clock range ("fra klokken 10 til 12") when no day was named: the
    end falls on the start's day (or the next, when it is not later), not after today."""
    last = ctx.history.last
    if spec.relation != "after" or last is None or last.sentence != ctx.sentence:
        return None
    return last if last.frame.grain in ("minute", "hour") else None


def _unit_grain(spec: Spec) -> str:
    if spec.shift_unit in _RANK:
        return spec.shift_unit  # type: ignore[return-value]
    if spec.needs_year:  # the end of "fra marts til april" counts from the month, season ... before it
        return "year"
    return "day"


_OVER_BY_MIDNIGHT = frozenset(("AF", "EV"))  # parts of today that a text of the small hours looks back on
_LOOKS_BACK_UNTIL = 4  # the hour until which it does (at 05.55 "i aften" is a forecast's)


def _part_gone_overnight(spec: Spec, anchor: _Anchor, ctx: Context) -> bool:
    """Today's afternoon or evening, not told as to come, in a text published in the small hours:
    the one just gone ("Her er aftenens og nattens vigtigste øjeblikke" at 02.35)."""
    return _is_todays_late_part(spec) and anchor.kind is not AnchorKind.EXPRESSION and ctx.tense != "future" \
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
    """A bare month or date after a year named in the same sentence takes that year
    ("siden 1973, hvor krigen brød ud i oktober"; "sidste år i oktober og november"), after a
    season the year that puts it in the season."""
    last = ctx.history.last
    if not spec.needs_year or last is None or not ctx.history.year_carries:
        return None
    if spec.anchor == "dct" and spec.relation in ("before", "after"):
        return None  # "i 2012 …, og sidste sommer": counted from the publication
    if last.sentence == ctx.sentence and last.frame.grain == "season" and spec.month is not None:
        in_season = _year_in_season(last.frame, spec.month)
        if in_season is not None:
            return in_season
    if last.sentence == ctx.sentence and last.explicit_year and _RANK[last.frame.grain] >= _DAY_RANK:
        year = last.frame.start.year
        # not a year the date does not exist in ("Regnskabet for 2023 ... den 29. februar"), nor one
        # its weekday does not fit ("Årsopgørelsen for 2024 blev tilgængelig mandag den 17. marts": 2025)
        day = _refine(cal.year_frame(year), spec)
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


@lru_cache(maxsize=8192)
def _refine(frame: Frame, spec: Spec) -> Frame | None:
    """Narrow a container frame to the finer fields the spec names."""
    if frame.grain == "year":
        return _in_year(frame.start.year, spec) or (None if _names_within_year(spec) else frame)
    if frame.grain == "week":
        if spec.weekday is not None:
            return cal.day_in_week(frame, spec.weekday)
        if spec.weekend:
            iso_year, week, _ = cal.day_of(frame.start).isocalendar()
            return cal.weekend_frame(iso_year, week)
    if frame.grain == "month" and spec.day is not None:
        return _day_or_none(frame.start.year, frame.start.month, spec.day)
    return frame


def _names_within_year(spec: Spec) -> bool:
    return bool(spec.holiday or spec.month or spec.week or spec.quarter or spec.half or spec.season)


def _in_year(year: int, spec: Spec) -> Frame | None:
    if spec.holiday is not None:
        day = cal.holiday_date(holiday_by_name(spec.holiday), year)
        return cal.day_frame(day) if day is not None else None
    if spec.month is not None:
        if spec.nth is not None:
            return _nth_in_month(year, spec.month, spec)
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


def _nth_in_month(year: int, month: int, spec: Spec) -> Frame | None:
    """"den første tirsdag i november"; a weekend is counted by its Saturday ("sidste weekend i august")."""
    day = cal.nth_weekday(year, month, 6 if spec.weekend else spec.weekday or 1, spec.nth or 1)
    if day is None:
        return None
    if spec.weekend:
        iso_year, week, _ = day.isocalendar()
        return cal.weekend_frame(iso_year, week)
    return cal.day_frame(day)


@lru_cache(maxsize=4096)
def _day_or_none(year: int, month: int, day: int) -> Frame | None:
    try:
        return cal.day_frame(date(year, month, day))
    except ValueError:
        return None


def _choose_instance(spec: Spec, anchor: _Anchor, ctx: Context) -> Frame | None:
    """Pick the instance of an incomplete point that the tense or relation points to."""
    moment = anchor.moment
    if spec.relation == "night":  # "lørdag aften ... hele natten": the night of the day named
        return _on_day_of(anchor.frame, spec) if anchor.frame else _night(spec, moment, ctx.tense, ctx.dct_has_clock, ctx.mood)
    if spec.is_time_of_day_only:
        if anchor.frame is not None:
            on_day = _on_day_of(anchor.frame, spec)
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
            return _time_of_day(cal.day_frame(cal.day_of(moment)), spec)
    candidates = _candidates(spec, moment)
    if not candidates:
        return None
    if ctx.mood == "told" and spec.is_time_of_day_only and ctx.dct_has_clock and anchor.frame is None:
        # the news was told before its publication ("Det oplyser politiet kort før klokken et", published
        # at 21.02: that night's one o'clock, not the coming one); within the hour ("kort før klokken
        # 12" at 11.48), the coming one
        told = [f for f in candidates if f.start <= ctx.dct + _HOUR]
        if told:
            return max(told, key=_START)
    if spec.mod == "BEFORE" and spec.has_clock and ctx.tense == "past":
        begun = next((f for f in candidates if moment < f.start <= moment + _HOUR), None)
        if begun is not None:  # "faldt på plads kort før midnat" at 23.48: the hour before it has begun
            return begun
    if (spec.holiday is not None or ctx.mood == "counterfactual") and spec.relation == "tense" and ctx.tense == "past":
        imminent = _imminent(candidates, moment, spec, ctx.mood == "counterfactual")
        if imminent is not None and spec.holiday is None:  # a failed plan: the nearer of it and the last one
            return _nearest((imminent, *(f for f in candidates if f.start <= moment)), moment)
        if imminent is not None:
            return imminent
    if spec.holiday is not None and ctx.mood == "after" and ctx.tense == "future":
        gone = _just_gone(candidates, moment)
        if gone is not None:  # "Efter julen venter en travl januar" on 27 December: this Christmas
            return gone
    if _is_bare_weekend(spec):
        of_day = _weekend_of_day_named(ctx)
        if of_day is not None:
            return of_day
    if spec.relation == "tense" and is_bare_weekday(spec) and spec.weekday in (6, 7) and ctx.tense != "past":
        in_weekend = _day_of_weekend_named(spec, ctx)
        if in_weekend is not None:
            return in_weekend
    if spec.relation == "tense" and is_bare_weekday(spec):
        named = _weekday_named_within(spec, ctx)
        if named is not None:
            return named
        scheduled = _in_week_of_heading(spec, ctx) or _programme_weekday(spec, ctx) or _in_week_named(spec, ctx)
        if scheduled is not None:
            return scheduled
    if spec.relation == "tense" and ctx.tense == "none" and (is_bare_weekday(spec) or _is_bare_weekend(spec)):
        # a programme's weekdays and weekend go on from its days to come ("Dagen efter går turen til
        # Skagen ... Weekenden tilbringes i Aalborg")
        nearest = _select(candidates, spec.relation, moment, ctx.tense)
        return _after_day_to_come(spec, candidates, nearest, ctx) or nearest
    if spec.relation == "tense" and _weekday_pins_year(spec):
        # "mandag den 18. marts": the weekday fits one date near the publication (a
        # perfect "er flyttet til" must not send it back five years)
        near = [f for f in candidates if abs(cal.day_of(f.start) - cal.day_of(moment)) <= _WEEKDAY_DATE_REACH]
        if near:
            return _nearest(tuple(near), moment)
    chosen = _select(candidates, spec.relation, moment, ctx.tense)
    account = spec.relation == "tense" and ctx.tense == "past" and (spec.quarter is not None or spec.half is not None)
    coming = spec.relation == "coming" and spec.season is not None and ctx.tense != "past"
    if chosen is None or not (account or coming):
        return chosen
    gone, left = _gone_and_left(chosen, moment)
    if account and gone < left:
        # an account in the past of a quarter or half year not half gone is of the last one ("Første
        # halvår var præget af usikkerhed" in February: last year's)
        return _select(candidates, "before", moment, ctx.tense) or chosen
    if coming and gone > left:
        # "til sommer" in August: next summer, not the one mostly over (that one is "i sommer")
        return _select(candidates, "after", moment, ctx.tense)
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
    last = max((f for f in candidates if f.end <= moment), key=_START, default=None)
    return last if last is not None and cal.day_of(last.end) >= first else None


def is_bare_weekday(spec: Spec) -> bool:
    """A weekday with no date, week or shift of its own ("mandag", "lørdag aften"): which one, the
    tense and the text around it decide."""
    return spec.weekday is not None and spec.day is None and spec.month is None and spec.week is None \
        and spec.year is None and spec.shift_unit is None and spec.anchor == "dct"


def _weekend_of_day_named(ctx: Context) -> Frame | None:
    """A bare weekend after a Friday, Saturday or Sunday its own sentence names: that day's weekend
    ("indvies fredag den 24. juni, og kommunen har lagt et program for hele weekenden")."""
    day = ctx.history.latest_in("day", ctx.sentence)
    if day is None or day.told or day.frame.start.isoweekday() < 5:
        return None
    # not a day gone for a weekend to come ("forlod Gdansk for tre dage siden og ventes ... i
    # weekenden"); where a day lies from the publication is sure only when it has a clock time
    direction = _mention_direction(day, ctx.dct) if ctx.dct_has_clock else day.tense
    return None if {direction, ctx.tense} == {"past", "future"} else _weekend_of(day)


def _weekend_of(day: Mention) -> Frame | None:
    year, week, _ = cal.day_of(day.frame.start).isocalendar()
    return cal.weekend_frame(year, week)


def _day_of_weekend_named(spec: Spec, ctx: Context) -> Frame | None:
    """A bare Saturday or Sunday after a weekend its own sentence names: that weekend's ("holder
    åbent hus i weekenden, hvor gæster kan smage øllet både lørdag og søndag")."""
    weekend = next((m for m in reversed(ctx.history.mentions) if m.sentence == ctx.sentence
                    and m.frame.grain == "weekend"), None)
    if weekend is None or spec.weekday is None:
        return None
    return _time_of_day(cal.day_frame(cal.day_of(weekend.frame.start) + timedelta(days=spec.weekday - 6)), spec)


def _is_bare_weekend(spec: Spec) -> bool:
    return spec.weekend and spec.weekday is None and spec.week is None and spec.year is None \
        and spec.shift_unit is None and spec.anchor == "dct" and spec.part is None


_PROGRAMME_SENTENCES = 8  # how far a programme's dated weekday places the bare weekdays after it


def _month_only(ctx: Context) -> bool:
    """Whether the publication is known only to the month (a year is too long for its weekdays
    to be the text's)."""
    # (datetime's own subtraction: pendulum's builds an interval, and this is asked per possible day)
    return ctx.span is not None and datetime.__sub__(ctx.span[1], ctx.span[0]) < _MONTH_SPAN


_MONTH_SPAN = timedelta(days=32)


def _weekday_named_within(spec: Spec, ctx: Context) -> Frame | None:
    """Under a publication known only to the month or year, a bare weekday the text has named with
    its date in that month or year ("slår boderne op lørdag den 19. maj ... Lørdagens åbning", in an
    article of May 2018; "fra mandag den 17. august ... begynder mandag klokken 9", in one of 2026):
    that day, whichever way it lies from each possible publication day."""
    if ctx.span is None:
        return None
    same = ctx.history.on_weekday(spec.weekday)
    if same is None or not same.dated_weekday or not ctx.span[0] <= same.frame.start <= ctx.span[1]:
        return None
    return _time_of_day(cal.day_frame(cal.day_of(same.frame.start)), spec)


def _in_week_named(spec: Spec, ctx: Context) -> Frame | None:
    """A bare weekday in the week of a weekday to come that the text has just named with its date,
    when that is another week than the publication's and the weekday is not told in the past: a
    programme ("fra tirsdag den 14. til torsdag den 16. maj ... Onsdag går turen til Bergen": 15 May)."""
    mention = ctx.history.dated_weekday
    # (under a publication known only to the month or year, the text's days are the ones meant
    # whichever way they lie from each possible day: ``Context.span``)
    if mention is None or not ctx.sentence - _PROGRAMME_SENTENCES <= mention.sentence < ctx.sentence \
            or spec.weekday is None or (not _month_only(ctx) and _mention_direction(mention, ctx.dct) != "future") \
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
    return _time_of_day(cal.day_in_week(cal.week_of(day), spec.weekday), spec)


def _programme_weekday(spec: Spec, ctx: Context) -> Frame | None:
    """A bare weekday in a programme's header or items that is a day to come the text has named:
    that day, whatever was named in between ("Holdpræsentationen finder sted mandag den 18. august.
    ... Programmet for mandag:")."""
    if ctx.programme is None or ctx.tense == "past":
        return None
    same = ctx.history.on_weekday(spec.weekday)  # (named with its weekday or not: "den 18. august")
    if same is None or cal.day_of(same.frame.start) <= cal.day_of(ctx.dct):
        return None  # (today is no programme's other day: "i eftermiddag ... Fredag: Fernisering")
    return _time_of_day(cal.day_frame(cal.day_of(same.frame.start)), spec)


def _in_week_of_heading(spec: Spec, ctx: Context) -> Frame | None:
    """A list item's weekday label after a week the text has just named: that week's day
    ("Programmet for ugen efter, uge 23: Mandag: Ungdomsregatta ...")."""
    if not ctx.heading or spec.weekday is None:
        return None
    week = ctx.history.week_number
    if week is None or week.sentence < ctx.sentence - _PROGRAMME_SENTENCES:
        return None
    return _time_of_day(cal.day_in_week(week.frame, spec.weekday), spec)


def _after_label_of_later_day(candidates: tuple[Frame, ...], nearest: Frame, ctx: Context) -> Frame | None:
    """``_after_day_to_come`` for a list item's weekday label whose nearest instance is today: the
    first instance from the day the item before it named, when that day is later."""
    latest = ctx.history.latest_day_named()
    if not ctx.heading or cal.day_of(nearest.start) != cal.day_of(ctx.dct) or latest is None \
            or latest.sentence != ctx.sentence - 1 or cal.day_of(latest.frame.start) <= cal.day_of(nearest.start):
        return None
    return _first_from(candidates, latest)


def _after_day_to_come(spec: Spec, candidates: tuple[Frame, ...], nearest: Frame | None,
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
            and _mention_direction(same, ctx.dct) == "future":
        named = cal.day_of(same.frame.start)
        return next((f for f in candidates if cal.day_of(f.start) == named), None)
    latest = ctx.history.latest_day_named()
    if latest is None or latest.sentence < ctx.sentence - RECENT_SENTENCES \
            or _mention_direction(latest, ctx.dct) != "future":
        return None
    if not ctx.heading:  # in prose, a day before the one named may come first ("Folkemødet ... slutter
        # lørdag eftermiddag. Fredag aften er der partilederdebat", on the Monday: the Friday before it)
        today = cal.day_of(ctx.dct)
        coming = min((f for f in candidates if cal.day_of(f.start) > today), key=_START, default=None)
        if coming is not None and cal.day_of(coming.start) <= cal.day_of(latest.frame.start):
            return coming
    return _first_from(candidates, latest)


def _first_from(candidates: tuple[Frame, ...], mention: Mention) -> Frame | None:
    """The first instance that holds or follows the day a mention names (a list goes forward from
    it; a weekend after its Sunday's item is that weekend)."""
    day = cal.day_of(mention.frame.start)
    return next((f for f in sorted(candidates, key=_START) if cal.day_of(f.end - _MINUTE) >= day), None)


# How far from the publication a date whose weekday is named is taken as meant, whatever the tense
# (a year: the next date on that weekday lies years away, "er flyttet til ... søndag den 11. september"
# in January is this September's, not one five years back).
_WEEKDAY_DATE_REACH = timedelta(days=366)


def _weekday_pins_year(spec: Spec) -> bool:
    return spec.weekday is not None and spec.day is not None and spec.month is not None and spec.year is None


_NIGHT_ENDS = 6  # the hour a night (NI, 22-06) ends
_DAYTIME_PARTS = frozenset(("MO", "MI", "AF"))
_EVENING_SMALL_HOURS = 4  # a clock hour below this after an evening named is in the night after it
_EVENING_STARTS = 20  # a clock time from here on is followed by small hours of the next day
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(MO|MI|AF|EV|NI)|T(\d{2}):\d{2})?")


@lru_cache(maxsize=4096)
def _on_day_of(reference: Frame, spec: Spec) -> Frame | None:
    """A clock time or part of day on the day the text last named; it inherits that
    day's part ("i aften ... klokken 8" is 20:00, "i nat ... klokken 1" the next morning)."""
    match = _DAY_VALUE.match(reference.value)
    if match is None:
        return _time_of_day(cal.day_frame(cal.day_of(reference.start)), spec)
    year, month, day, part, hour = match.groups()
    named = date(int(year), int(month), int(day))
    frame = cal.day_frame(named)
    # a daytime clock or part after a night is on the day the night ends ("i nat ... fra klokken 12",
    # "natten til lørdag ... trafikken topper omkring middagstid"); a small hour after an evening is
    # in the night after it ("i går aftes varslet ... nåede frem omkring klokken halv to": 01.30 the
    # next day, not 13.30)
    daytime_after_night = part == "NI" and (
        (spec.hour is not None and _NIGHT_ENDS <= spec.hour < _EVENING_STARTS)
        or (spec.hour is None and spec.part in _DAYTIME_PARTS))
    small_hour_after_evening = part == "EV" and spec.part is None and spec.hour is not None \
        and spec.hour < _EVENING_SMALL_HOURS
    if daytime_after_night or small_hour_after_evening:
        frame, part = cal.day_frame(named + timedelta(days=1)), None
    if spec.part is None and part is not None:
        spec = spec._replace(part=part)
    if hour is not None:
        frame = _day_after_clock(frame, int(hour), spec) or frame
    result = _time_of_day(frame, spec)
    if result is not None and spec.relation == "after" and result.start <= reference.start:
        return _time_of_day(cal.day_frame(cal.day_of(frame.start) + timedelta(days=1)), spec)  # "23.30 og 00.15"
    return result


def _day_after_clock(day: Frame, hour: int, spec: Spec) -> Frame | None:
    """The day a time of day falls on after a clock time at ``hour`` on ``day`` (24 for
    midnight, the end of ``day``), across midnight: "klokken 2.40 ... senere på natten" is the
    night that began the day before, and "ved 2-tiden ... tidligere på aftenen" its evening;
    "kort før midnat ... ved ettiden", "klokken 23.40 ... klokken 1" the small hours of the next
    day. None: the clock time's own day."""
    if spec.part in ("NI", "EV") and spec.hour is None and hour < _NIGHT_ENDS:
        return cal.day_frame(cal.day_of(day.start) - timedelta(days=1))
    if spec.part is None and spec.hour is not None and spec.hour < _NIGHT_ENDS and hour >= _EVENING_STARTS:
        return cal.day_frame(cal.day_of(day.start) + timedelta(days=1))
    return None


def _candidates(spec: Spec, moment: DateTime) -> tuple[Frame, ...]:
    """The instances of an incomplete point in the years, weeks or days around a moment.

    They depend on the moment only through its year, week or day, so they are
    computed once per spec and year (week, day), not once per publication instant.
    """
    if spec.needs_year or spec.week is not None or (spec.day is not None and spec.month is not None):
        return _instances_in_years(spec, moment.year)
    if spec.day is not None and not spec.is_time_of_day_only:
        # a day of no named month ("månedsskiftet", "fredag den 13."): month by month
        return _instances_in_months(spec, moment.year, moment.month)
    day = date(moment.year, moment.month, moment.day)
    if spec.weekday is not None or spec.weekend:
        return _instances_in_weeks(spec, day - timedelta(days=day.weekday()))
    if spec.is_time_of_day_only:
        return _instances_in_days(spec, day)
    return ()


@lru_cache(maxsize=4096)
def _instances_in_years(spec: Spec, year: int) -> tuple[Frame, ...]:
    span = range(-7, 8) if spec.weekday is not None else range(-2, 3)
    return _instances(spec, [cal.year_frame(year + k) for k in span])


@lru_cache(maxsize=4096)
def _instances_in_weeks(spec: Spec, monday: date) -> tuple[Frame, ...]:
    return _instances(spec, [cal.week_of(monday + timedelta(weeks=k)) for k in range(-2, 3)])


@lru_cache(maxsize=4096)
def _instances_in_months(spec: Spec, year: int, month: int) -> tuple[Frame, ...]:
    # "fredag den 13." recurs only every few months: look half a year each way
    reach = 6 if spec.weekday is not None else 2
    return _instances(spec, [cal.unit_shifted(date(year, month, 1), "month", k) for k in range(-reach, reach + 1)])


@lru_cache(maxsize=4096)
def _instances_in_days(spec: Spec, day: date) -> tuple[Frame, ...]:
    return _instances(spec, [cal.day_frame(day + timedelta(days=k)) for k in range(-1, 2)])


def _instances(spec: Spec, containers: list[Frame]) -> tuple[Frame, ...]:
    """The spec's instance in each container (a year, week or day) where it has one."""
    return tuple(
        final for frame in containers
        if (refined := _refine(frame, spec)) is not None
        and _weekday_fits(refined, spec)
        and (final := _time_of_day(refined, spec)) is not None
    )


def _weekday_fits(frame: Frame, spec: Spec) -> bool:
    if spec.weekday is None or frame.grain != "day":
        return True
    return frame.start.isoweekday() == spec.weekday


# relation -> whether the latest of the candidates it allows wins (else the earliest)
_RELATIONS = {"before": True, "after": False, "at_or_before": True, "at_or_after": False}
_TENSE_RELATION = {"past": "at_or_before", "future": "at_or_after"}
_START = itemgetter(2)  # ``Frame.start``, read in C


def _select(candidates: tuple[Frame, ...], relation: str, moment: DateTime, tense: Tense) -> Frame | None:
    if relation == "tense":
        relation = _TENSE_RELATION.get(tense, "nearest")
    elif relation == "coming":  # "til foråret": the next one, unless a past tense looks back at a plan
        relation = "at_or_before" if tense == "past" else "at_or_after"
    if relation == "next":  # "næste weekend": the one after the nearest (on a Monday, this week's)
        nearest = _nearest(candidates, moment)
        return min((f for f in candidates if f.start >= nearest.end), key=_START, default=None)
    if relation not in _RELATIONS:
        return _nearest(candidates, moment)
    today = cal.day_frame(date(moment.year, moment.month, moment.day))
    pool = _allowed(candidates, relation, moment, today)
    if not pool:
        return None
    return max(pool, key=_START) if _RELATIONS[relation] else min(pool, key=_START)


def _allowed(candidates: tuple[Frame, ...], relation: str, moment: DateTime, today: Frame) -> list[Frame]:
    """The candidates a relation allows, given the moment and its day (comparisons written
    out: a function call per candidate costs more than the comparison)."""
    if relation == "at_or_before":
        return [f for f in candidates if f.start <= moment]
    if relation == "at_or_after":
        return [f for f in candidates if f.end > moment]
    if relation == "before":
        return [f for f in candidates if f.end <= today.start]
    return [f for f in candidates if f.start >= today.end]  # after


def _nearest(candidates: tuple[Frame, ...], moment: DateTime) -> Frame:
    """The candidate holding the moment (by the clock), else the one whose start or end is
    nearest in elapsed time; the first of equals. Distances are exact microseconds, which
    order as pendulum's ``(a - b).total_seconds()`` does."""
    at = _microseconds(moment)

    def distance(candidate: tuple[Frame, tuple[int, int]]) -> int:
        frame, (start, end) = candidate
        if frame.start <= moment < frame.end:
            return 0
        return min(abs(start - at), abs(end - at))

    return min(zip(candidates, _bounds(candidates)), key=distance)[0]


@by_identity(maxsize=4096)
def _bounds(candidates: tuple[Frame, ...]) -> tuple[tuple[int, int], ...]:
    return tuple((_microseconds(frame.start), _microseconds(frame.end)) for frame in candidates)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _microseconds(moment: datetime) -> int:
    """Microseconds since 1970 (UTC), computed by datetime itself, not pendulum."""
    return datetime.__sub__(moment, _EPOCH) // _MICROSECOND


def _night(spec: Spec, moment: DateTime, tense: Tense, has_clock: bool, mood: Mood = "") -> Frame | None:
    """"i nat", "nattens", "hele natten": last night in the past tense (also late in the evening:
    "urene blev stillet frem i nat" at 22.47), else tonight (a present
    tense tells of the night to come: "i nat falder temperaturen"); with no verb to tell, the
    nearer ("Elefantunge født i nat" at 10.30: last night); published in the small hours, the
    night under way (begun the day before)."""
    today = cal.day_of(moment)
    if has_clock and moment.hour < _NIGHT_ENDS:
        start_day = today - timedelta(days=1)
    elif tense == "none" and mood == "" and has_clock and spec.hour is None:
        last, coming = (_time_of_day(cal.day_frame(today + timedelta(days=k)), spec) for k in (-1, 0))
        if last is not None and coming is not None:
            return last if moment - last.end < coming.start - moment else coming
        start_day = today
    elif tense == "past":
        start_day = today - timedelta(days=1)
    else:
        start_day = today
    night = _time_of_day(cal.day_frame(start_day), spec)
    if has_clock and (tense == "future" or mood == "present") and spec.hour is not None and night is not None \
            and night.end <= moment:
        # a clock time of the night under way that has already passed, told as still to come
        # ("det værste er ovre ved 4-tiden i nat" at 05:55): the coming night's; with no verb to tell
        # (a modal's infinitive: "kunne kort før klokken to i nat præsentere" at 02.47), the one passed
        return _time_of_day(cal.day_frame(start_day + timedelta(days=1)), spec)
    if tense == "past" and spec.hour is not None and night is not None and night.start > moment:
        # a clock time of the night just begun that is still to come, told in the past
        # ("brød ud i nat klokken 2" at 22.40): last night's
        return _time_of_day(cal.day_frame(start_day - timedelta(days=1)), spec)
    return night


@lru_cache(maxsize=8192)
def _time_of_day(frame: Frame, spec: Spec) -> Frame | None:
    """Apply night, part of day and clock to a day frame."""
    part = "NI" if spec.night_before else spec.part
    if frame.grain != "day":
        return frame if part is None and spec.hour is None else None
    day = cal.day_frame(cal.day_of(frame.start) - timedelta(days=1)) if spec.night_before else frame
    if spec.hour is None:
        return cal.part_of_day(day, part) if part else day
    hour = cal.hour_in_part(spec.hour, part)
    if part == "EV" and spec.hour == 12:  # "klokken tolv i aften": midnight; "kvart over tolv" 00.15
        hour = 24 if not spec.minute else 0
    if (part == "NI" and hour < 12) or (part == "EV" and hour == 0):
        day = cal.day_frame(cal.day_of(day.start) + timedelta(days=1))
    return cal.clock_time(day, hour, spec.minute or 0)


def _apply_mod(frame: Frame, mod: str | None) -> Frame:
    """Narrow or widen the interval as the conventions say; the value stays."""
    return _modified(frame, mod) if mod else frame


@lru_cache(maxsize=8192)
def _modified(frame: Frame, mod: str) -> Frame:
    length = frame.end - frame.start
    clock = frame.grain in ("minute", "hour")
    if mod in ("START", "MID", "END") and not clock:
        third = length / 3
        offset = {"START": 0, "MID": 1, "END": 2}[mod]
        start = frame.start + third * offset
        return frame._replace(start=start, end=start + third)
    if mod == "APPROX" and clock:
        return frame._replace(start=frame.start.subtract(minutes=15), end=frame.end.add(minutes=15))
    if mod == "BEFORE":
        span = timedelta(hours=1) if clock else length
        return frame._replace(start=frame.start - span, end=frame.start)
    if mod == "AFTER":
        span = timedelta(hours=1) if clock else length
        return frame._replace(start=frame.start if clock else frame.end, end=(frame.start if clock else frame.end) + span)
    return frame


@lru_cache(maxsize=64)
def _timezone(zone: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The zone by name (loading it reads the tz database, so once per zone)."""
    return pendulum.timezone(zone)


_HOME_ZONES = (None, "local", cal.ZONE.name)  # the zone's name read once (a pendulum property)


def _apply_zone(frame: Frame, zone: str | None) -> Frame:
    """Clock times in a named foreign zone: same value, interval in Danish time."""
    if zone in _HOME_ZONES or frame.grain not in ("minute", "hour", "part"):
        return frame
    return _in_zone(frame, zone)


@lru_cache(maxsize=2048)
def _in_zone(frame: Frame, zone: str) -> Frame:
    foreign = _timezone(zone)

    def convert(moment: DateTime) -> DateTime:
        wall = pendulum.datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, tz=foreign)
        return wall.in_timezone(cal.ZONE)

    return frame._replace(start=convert(frame.start), end=convert(frame.end))
