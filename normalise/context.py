"""The context an expression is resolved in, and the history of mentions it reads.

``Context`` carries the publication instant, the tense and mood of the expression's clause
and the ``History`` of points the text has mentioned before it (each a ``Mention``), indexed
so that each anaphora lookup takes constant time however long the text. Here too are the
order of grains those lookups compare by and the questions asked of a single mention: is it
of a day, and which way does it lie from the publication.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Literal, NamedTuple

from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame

Tense = Literal["past", "future", "none"]
# what a clause's verb adds to its tense (``Context.mood``); "told": a clock time or weekday dating
# the telling of the news ("sagde ordføreren kort før klokken 23", "oplyser Kongehuset fredag");
# "moved": a time something was moved to, told in the past ("blev i 2021 flyttet til september")
Mood = Literal["", "present", "counterfactual", "told", "after", "perfect", "moved"]

GRAIN_ORDER = ["minute", "hour", "part", "day", "weekend", "week", "month", "quarter", "season",
               "half", "year", "decade", "century"]
GRAIN_RANK = {grain: rank for rank, grain in enumerate(GRAIN_ORDER)}
DAY_RANK = GRAIN_RANK["day"]
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


class Placement(NamedTuple):
    """What a history's indexes need of a mention besides its fields, the same in every history."""

    rank: int  # its grain's ``GRAIN_RANK``
    part: str | None  # what its value has after "T" ("NI", "14:30"), if anything
    of_story: bool  # not after "siden" (``History.latest_of_story``)
    names_story_day: bool  # names a day of the story (or a time on one)
    dates_telling: bool  # else: the day the news was told (or a time on it)


def placement(mention: Mention) -> Placement:
    """Where ``History.append`` indexes a mention."""
    rank = GRAIN_RANK.get(mention.frame.grain, 99)
    value = mention.frame.value
    of_day = rank <= DAY_RANK
    names_story_day = mention.names_day and of_day and not mention.since  # "siden nytår": no story day
    return Placement(rank, value.rsplit("T", 1)[1] if "T" in value else None, not mention.since, names_story_day,
                     not names_story_day and mention.told and of_day)


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

    def append(self, mention: Mention, place: Placement | None = None) -> None:
        """Add a mention; ``place``: its ``placement``, when the caller has it (a mention many
        histories take is placed once)."""
        if place is None:
            place = placement(mention)
        self.mentions.append(mention)
        self.year_carries = True
        rank = place.rank
        self._by_rank[rank] = mention
        if place.of_story:
            self._story_by_rank[rank] = mention
        if not mention.told:
            self._untold_by_rank[rank] = mention
        if place.part is not None:
            self._by_part[place.part] = mention
        if place.names_story_day:
            self._day_by_tense[mention.tense] = mention
            if not mention.quoted:
                self._narrated_day_by_tense[mention.tense] = mention
        elif place.dates_telling:
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
        low, high = GRAIN_RANK[finest], GRAIN_RANK[coarsest]
        return _newest(m for rank, m in self._by_rank.items() if low <= rank <= high)

    def latest_of_story(self, grain: str) -> Mention | None:
        """``latest``, leaving out times after "siden": they open a stretch reaching the present,
        not the time the story is at ("det højeste siden 2011 … inden udgangen af året": this
        year; but "siden 2010 … året efter" is 2011)."""
        high = GRAIN_RANK[grain]
        return _newest(m for rank, m in self._story_by_rank.items() if rank <= high)

    def latest_untold(self, grain: str) -> Mention | None:
        """``latest``, leaving out the days the news was told on ("... den 17. august. Det oplyser
        Kongehuset i dag. Dagen efter ...": the day after the story's last day, not after today),
        unless the text has named no other."""
        high = GRAIN_RANK[grain]
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
            if not mention.names_day or not is_of_a_day(mention) or mention.quoted:
                continue
            if mention.sentence >= header or cal.day_of(mention.frame.start) > today:
                return mention
        return None

    def told_of(self, items: tuple[int, ...]) -> Mention | None:
        """The first of the expressions ``items`` that named a day (or a time on it): when an event
        their sentence told of happened ("ved en ransagning den 18. februar"), for "dagen efter
        ransagningen"."""
        named = {m.item: m for m in self.mentions if m.item in items and is_of_a_day(m)}
        return next((named[k] for k in items if k in named), None)

    def on_weekday(self, weekday: int | None) -> Mention | None:
        """"den fredag": the latest mention of a day (or a time on it) that is that weekday."""
        if weekday is None:
            return None
        return next((m for m in reversed(self.mentions)
                     if is_of_a_day(m) and m.frame.start.isoweekday() == weekday), None)

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
                     and is_of_a_day(m) and start <= m.frame.start <= end), None)

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


def is_of_a_day(mention: Mention) -> bool:
    """Whether a mention is of a day or a time on one (not a week, month or year)."""
    return GRAIN_RANK.get(mention.frame.grain, 99) <= DAY_RANK


def _newest(mentions: Iterable[Mention]) -> Mention | None:
    return max(mentions, key=lambda m: m.item, default=None)


def mention_direction(mention: Mention, dct: DateTime) -> Tense:
    """The mention's tense; with none, where it lies from the publication time ("i fjor": past)."""
    if mention.tense != "none":
        return mention.tense
    frame = mention.frame
    return "past" if frame.end <= dct else "future" if frame.start > dct else "none"


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
    # "dagen efter ransagningen": the expressions of the sentence that told of the event, nearest its word first
    event_items: tuple[int, ...] = ()
    # an item of a programme: the sentence of its header ("Programmet for indvielsesdagen:"), whose day
    # (or the day to come named before it) its clock times are on (``History.programme_day``)
    programme: int | None = None
    then: bool = False  # the sentence says "dengang": its bare months are in the year the sentence before named

