"""The unresolved meaning of a time expression, as the grammar reads it.

A ``Spec`` says *what* the text names (weekday 3, shifted one week back, part
of day NI, mod START) without any calendar arithmetic. The resolver turns it
into a value against an anchor.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

Kind = Literal["point", "duration", "set", "ref", "modifier", "prefix", "zone", "part", "suffix"]
# modifier, prefix, zone, part and suffix atoms ("kort før", "natten til", "dansk tid",
# "aften", "(årets) udgang") only count when they join a neighbouring expression.

# How to choose among the instances of an incomplete point ("onsdag", "i december"):
#   tense          by the tense of the sentence (past: at or before, future: at or
#                  after, no clue: the nearest)
#   coming         the next one not over yet; in the past tense the last one ("til foråret")
#   before/after   the nearest instance strictly before/after the anchor's day
#   same           the instance that contains the anchor (clock times on a known day)
Relation = Literal["tense", "coming", "before", "after", "next", "same", "night"]
# The relations that read the tense of the expression's clause.
TENSE_RELATIONS = frozenset({"tense", "coming"})

# What a point is anchored to: the publication time, the time the text last
# mentioned ("samme dag", "to dage senere"), or a time its sentence mentioned before it,
# else the publication time ("i december ... hele året").
AnchorMode = Literal["dct", "reference", "recent", "sentence"]


class Spec(NamedTuple):
    """Fields a Danish expression fixes; ``None`` means "not said".

    A named tuple (immutable, hashable): specs are made for every piece of every text
    and are the keys of the resolver's caches, and a tuple is made and hashed in C.
    """

    kind: Kind = "point"
    # Calendar fields named in the text.
    year: int | None = None
    decade: int | None = None
    century: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    month: int | None = None
    week: int | None = None
    weekend: bool = False
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None  # the nth weekday or weekend of the month; negative: counted from its end
    holiday: str | None = None
    # the unit the chosen instance falls in: "det nye år" the year New Year's Day begins,
    # "påskeugen" the week that ends on Easter Sunday
    unit_of: str | None = None
    part: str | None = None
    hour: int | None = None
    minute: int | None = None
    twelve_hour: bool = False  # the hour was a word ("halv tolv", "kvart over et"): 11.30 or 23.30
    zone: str | None = None
    # Placement relative to an anchor.
    shift_unit: str | None = None
    shift: int | None = None
    year_shift: int | None = None
    relation: Relation = "tense"
    anchor: AnchorMode = "dct"
    night_before: bool = False
    offset_from: Spec | None = None
    # "samme kvartal sidste år": the grain of the earlier mention repeated ``year_shift`` years
    # away ("period": the latest from a day to a half-year).
    repeats: str | None = None
    # Durations and sets.
    amount: float | None = None
    unit: str | None = None
    vague: bool = False
    period: str | None = None
    # Reference values and modifiers.
    ref: str | None = None
    mod: str | None = None
    amount_mod: str | None = None
    adverb: bool = False

    def merged(self, other: Spec) -> Spec | None:
        """Both specs' fields together, or None when they name different times."""
        changes: dict[str, Any] = {}
        for name, mine, theirs in zip(self._fields, self, other):
            if name in ("kind", "relation", "anchor"):
                continue
            if theirs is None or theirs is False or theirs == mine:  # not "in (None, False)": 0 == False
                continue
            if mine is not None and mine is not False:  # hour 0 ("klokken 00.01") is a value
                return None
            changes[name] = theirs
        return self._replace(**changes, relation=_stronger_relation(self, other), anchor=_anchor_of(self, other))

    @property
    def has_day(self) -> bool:
        """True when the spec fixes a single day (or a night, which starts on one)."""
        return (
            self.day is not None
            or self.weekday is not None
            or self.holiday is not None
            or (self.shift_unit == "day")
        )

    @property
    def has_clock(self) -> bool:
        return self.hour is not None

    @property
    def is_time_of_day_only(self) -> bool:
        """A clock time or part of day with no date of its own."""
        # the fields of ``has_clock`` and ``has_day`` read directly: the resolver asks this once per
        # publication instant (``has_day``'s ``shift_unit == "day"`` is within ``shift_unit is not None``)
        return (self.hour is not None or self.part is not None) and not (
            self.day is not None or self.weekday is not None or self.holiday is not None
            or self.month is not None or self.year is not None or self.shift_unit is not None
            or self.week is not None
        )

    @property
    def is_year_level_only(self) -> bool:
        """Names only a year (absolute or shifted): joins a month or season before it."""
        return (self.year is not None or self.year_shift is not None or self.shift_unit == "year") and not (
            self.month or self.day or self.weekday or self.season or self.quarter or self.holiday
            or self.week or self.half or self.repeats
        )

    @property
    def is_week_level_only(self) -> bool:
        return (self.week is not None or self.shift_unit == "week") and self.weekday is None and not self.weekend

    @property
    def needs_year(self) -> bool:
        """Names a part of an unspecified year ("marts", "påske", "første kvartal")."""
        return self.year is None and self.year_shift is None and self.shift_unit != "year" and bool(
            self.month or self.season or self.quarter or self.holiday or self.half
        )

    @property
    def takes_year_named_before(self) -> bool:
        """Takes the year its sentence named before it ("i 2021 ..., i oktober"; "året før ... i uge 41")."""
        return self.needs_year or (self.week is not None and self.year is None and self.year_shift is None
                                   and self.shift_unit is None)


# ("next", of "næste weekend", yields to any other: "næste weekend i uge 3" is the weekend the week names)
_RELATION_STRENGTH = {"next": -1, "tense": 0, "coming": 1, "same": 1, "night": 2, "before": 3, "after": 3}


def _stronger_relation(first: Spec, second: Spec) -> Relation:
    return max(first.relation, second.relation, key=lambda r: _RELATION_STRENGTH[r])


def _anchor_of(first: Spec, second: Spec) -> AnchorMode:
    for spec in (first, second):
        if spec.anchor == "reference":
            return "reference"
    if first.is_time_of_day_only and second.is_time_of_day_only:
        return "recent"
    return "dct"
