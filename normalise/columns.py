"""Every piece resolved under every instant the publication time could be.

``resolve_columns`` goes through the pieces in text order and resolves each under every
publication instant, each instant with its own ``History`` of the points mentioned so far, so
the results are those of resolving the whole text once per instant. A piece's resolutions
make its ``Column``; what is remembered of each resolved point for the pieces after it
(``Mention``) is made here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from normalise.context import Context, History, Mention, Mood, Placement, Tense, placement
from normalise.items import Item
from normalise.resolver import Resolution, resolve
from normalise.timex import BY_EXPRESSION
from normalise.values import format_set

_new_tuple = tuple.__new__


class Column(list[Resolution | None]):
    """One piece's resolutions under every publication instant, in the instants' order;
    ``shared`` when they are one resolution (a context-free piece's)."""

    def __init__(self, resolutions: list[Resolution | None], shared: bool = False) -> None:
        super().__init__(resolutions)
        self.shared = shared


def resolve_columns(items: Sequence[Item], instants: Sequence[datetime], has_clock: bool) -> list[Column]:
    """Every piece resolved in text order under each publication instant.

    Each instant has its own ``History`` of the points mentioned so far, so the
    results are those of resolving the whole text once per instant; going piece by
    piece across the instants lets what a piece has in common under all of them be
    worked out once, and a context-free piece be resolved once.
    """
    runs = _Runs(instants, has_clock)
    columns = []
    for index, item in enumerate(items):
        column = runs.resolve(item)
        _remember(runs.histories, item, index, column)
        columns.append(column)
    return columns


# what the contexts of a piece share besides the instant and its history (``_Runs._contexts_for``):
# tense, sentence, mood, heading, quoted, event items, programme, "dengang"
_ClauseKey = tuple[Tense, int, Mood, bool, bool, tuple[int, ...], int | None, bool]


class _Runs:
    """The resolution of one text under each publication instant, as far as it has got."""

    def __init__(self, instants: Sequence[datetime], has_clock: bool) -> None:
        self.instants = instants
        self.has_clock = has_clock
        self.histories = [History() for _ in instants]
        # a publication known only to the month or year: its first and last instants (``Context.span``)
        many_days = bool(instants) and instants[0].date() != instants[-1].date()
        self.span = (instants[0], instants[-1]) if many_days else None
        self._contexts: dict[_ClauseKey, list[Context]] = {}

    def resolve(self, item: Item) -> Column:
        """The next piece resolved under each instant (given that instant's history)."""
        spec = item.piece.spec
        if item.contrasted:
            for history in self.histories:
                history.year_carries = False
        if item.habitual:  # a clock time of every such day: the value of a recurring time, no interval
            return Column([Resolution(format_set(spec), "minute")] * len(self.instants), shared=True)
        if item.fixed and self.instants:  # the same in every context: resolved in the first
            first = self._context(self.instants[0], self.histories[0], item)
            return Column([resolve(spec, first)] * len(self.instants), shared=True)
        return Column([resolve(spec, context) for context in self._contexts_for(item)])

    def _contexts_for(self, item: Item) -> list[Context]:
        """A context per instant. A context refers to its instant's history itself (read
        when a piece is resolved, as it stands then), so the pieces of one sentence and
        tense share them."""
        key = (item.tense, item.sentence, item.mood, item.heading, item.quoted, item.event_items, item.programme,
               item.then)
        contexts = self._contexts.get(key)
        if contexts is None:
            contexts = self._contexts[key] = [self._context(instant, history, item)
                                              for instant, history in zip(self.instants, self.histories)]
        return contexts

    def _context(self, instant: datetime, history: History, item: Item) -> Context:
        # made as a plain tuple of the fields in order: ``Context(...)`` is a Python call, twice the
        # cost, and a year has 365 instants to make contexts for
        return _new_tuple(Context, (instant, self.has_clock, item.tense, item.sentence, history, item.mood,
                                    item.heading, self.span, item.quoted, item.event_items, item.programme, item.then))


def _remember(histories: Sequence[History], item: Item, index: int, column: Column) -> None:
    """Add the piece's resolved point under each instant to that instant's history, for
    the pieces after it to anchor to."""
    if item.piece.spec.repeats is not None:
        return  # a compared period ("samme kvartal sidste år") is not what the next comparison repeats
    # ``_mention`` reads of a resolution only its frame and whether an expression anchored it, so the
    # instants that resolve the piece to one frame (most of them: a month, a week) share one mention
    # (the frames are alive in the column, so their ids are not reused meanwhile)
    made: dict[tuple[int, bool, bool], tuple[Mention, Placement]] = {}
    for history, resolution in zip(histories, column):
        if resolution is None or resolution.frame is None:
            continue
        names_year = _names_year(item, resolution, history)
        key = (id(resolution.frame), resolution.anchor is BY_EXPRESSION, names_year)
        known = made.get(key)
        if known is None:
            mention = _mention(item, index, resolution, names_year)
            known = made[key] = (mention, placement(mention))
        history.append(*known)


def _mention(item: Item, index: int, resolution: Resolution, names_year: bool) -> Mention:
    """A resolved point as the pieces after it see it."""
    assert resolution.frame is not None
    # a day the news was told on is no day for the story's later clock times; a night placed
    # by the publication time ("i nat") names its day ("I nat ... så klokken 2 blev til klokken 3")
    spec = item.piece.spec
    names_day = (not item.time_of_day or resolution.anchor is BY_EXPRESSION
                 or (spec.relation == "night" and spec.hour is None)) and not item.tells_news and not item.aside \
        and not item.stretch_end
    # "siden søndag aften": the stretch's start is a time of the story ("Angrebet blev opdaget ved 22-tiden")
    since = item.since and "T" not in resolution.frame.value
    return Mention(resolution.frame, item.sentence, index, names_year, names_day, _tense_of_day(item), since,
                   item.tells_news, spec.weekday is not None and spec.day is not None, spec.week is not None,
                   item.quoted)


def _tense_of_day(item: Item) -> Tense:
    """The tense a mention places later times in; today ("i dag") is as much past as to come
    ("har i dag opstillet diger, og borgerne kan hente sandsække frem til midnat")."""
    spec = item.piece.spec
    if spec.shift_unit == "day" and spec.shift == 0 and spec.anchor == "dct" and spec.part is None \
            and spec.hour is None:  # not "i dag klokken 13", which is still to come or over
        return "none"
    return item.tense


def _names_year(item: Item, resolution: Resolution, history: History) -> bool:
    """Whether a mention fixes the year for the bare months after it in its sentence:
    an explicit year, a year-long expression ("sidste år"), or a month that took its
    year that way ("i oktober og november")."""
    if item.since:
        return False  # "siden 2015 ... siden marts": this March
    if item.purpose and resolution.grain == "year":
        return False  # "regnskabet for 2014 offentliggøres i begyndelsen af marts": March 2015
    if item.year_given:
        return True
    if item.aside:
        return False  # "i forhold til sidste år, fordi det våde forår ...": this spring
    # a year-long expression, not a decade or century: those have no one year to give ("opført i
    # 1970'erne og har siden august været ...": this August); nor a genitive, which dates a noun, not
    # the sentence's other times ("næste års festival", "årets"); nor a count of years back or ahead,
    # which dates its own event ("fremsat for to år siden og vedtaget i foråret": this spring)
    if resolution.grain == "year":
        if item.genitive:  # unless it took the year its sentence named ("I 2014 lå årets ... i december")
            return resolution.anchor is BY_EXPRESSION
        return item.piece.spec.amount is None
    if not item.needs_year:
        return False
    previous = history.last
    return previous is not None and previous.sentence == item.sentence and previous.explicit_year
