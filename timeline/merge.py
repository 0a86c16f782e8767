"""One event reported by several articles becomes one event with all its sources.

Two events of different documents are the same when they share an event noun
(``angreb``), a name (``Ain Al-Asad``, ``Soleimani``) and time: their
intervals overlap. The merged event keeps the narrowest interval of its
reports, so an article dated only ``2020-01`` is narrowed by one that has the
exact day (``narrowed_by`` says which). Reports that share noun and names but
whose intervals cannot overlap under any reading are the same story with
conflicting dates: both are kept, side by side, and flagged, when the articles
came out within a news cycle (``NEWS_CYCLE``) of each other. Reports further
apart tell of different events of a recurring story (this year's negotiations,
not last year's), and that is no conflict.

Both steps compare the intervals of every pair of reports in a story: they run
on arrays (numpy), one story (event noun and name) at a time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from normalise import PublishedDateError, parse_published
from timeline.events import Event
from timeline.instants import utc_microseconds, wall_microseconds

# Capitalised words that are not names: sentence openers and common news words.
_NOT_NAMES = frozenset({
    "Det", "Den", "De", "Der", "Han", "Hun", "Vi", "Jeg", "I", "Ifølge", "Men", "Og", "Efter", "Før",
    "Både", "Også", "Som", "Når", "Hvis", "Da", "Så", "Nu", "Ingen", "Alle", "Flere", "Mange",
})
_WORD = re.compile(r"[\wæøåÆØÅ-]+|[.!?]")


@dataclass(frozen=True, slots=True)
class Merged:
    """An event as the timeline shows it: one report, or several merged."""

    event: Event
    sources: tuple[Event, ...]
    narrowed_by: str | None = None
    conflicts_with: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Merging:
    """What ``merge_reports`` finds, without a ``Merged`` for the many events reported once
    by one article and in no conflict (``Merged(event, (event,))``)."""

    events: list[Event]  # the timeline's events, in merge_reports order
    details: dict[int, Merged]  # position in ``events`` -> Merged, where there is more to say

    def merged(self) -> list[Merged]:
        """``merge_reports``' list."""
        return [self.details.get(k) or Merged(e, (e,)) for k, e in enumerate(self.events)]


# A noun and name shared by more reports than this is a topic, not one story.
MAX_STORY_REPORTS = 200

# Reports conflict only when their articles came out at most this far apart (the gap between
# their publication intervals): a later article about the same noun and name with another
# date is about another event of the story, not a contradiction.
NEWS_CYCLE = timedelta(days=30)


def names(event: Event) -> frozenset[str]:
    """Proper names in an event's sentence: capitalised words that do not open a sentence."""
    return _names_in(event.sentence_text)


def _names_in(sentence: str) -> frozenset[str]:
    found = set()
    opening = True
    for token in _WORD.findall(sentence):
        if token in ".!?":
            opening = True
            continue
        if not opening and token[:1].isupper() and token not in _NOT_NAMES:
            found.add(token)
        opening = False
    return frozenset(found)


def _width(event: Event) -> float:
    """How long an event's interval lasts (microseconds; pendulum's subtraction is slow)."""
    hull = event.hull
    return utc_microseconds(hull[1]) - utc_microseconds(hull[0]) if hull else float("inf")


def _overlap(a: Event, b: Event) -> bool:
    ha, hb = a.hull, b.hull
    return ha is not None and hb is not None and ha[0] < hb[1] and hb[0] < ha[1]


def merge_reports(events: Sequence[Event]) -> list[Merged]:
    """Merge reports of the same event across documents; flag conflicting dates."""
    return merge(events).merged()


def merge(events: Sequence[Event]) -> Merging:
    """``merge_reports`` as a :class:`Merging`: a ``Merged`` only where it says more than the event."""
    hulls = _Hulls.of(events)
    # Each sentence's names, found once per merge (both steps ask, and reports repeat sentences):
    # kept for this call only, not for the life of the process.
    names_of: dict[str, frozenset[str]] = {}
    group = _group(events, hulls, names_of)
    together = _members(group)
    kept: list[int] = []  # index (in ``events``) of each merged event
    details: dict[int, Merged] = {}
    for index, first in enumerate(group.tolist()):
        if first != index:
            continue  # not the group's first report: merged with it
        if index not in together:
            kept.append(index)
            continue
        place = {id(events[i]): i for i in together[index]}
        for item in _combine([events[i] for i in together[index]]):
            details[len(kept)] = item
            kept.append(place[id(item.event)])
    for position, conflicts in _conflicts(events, kept, hulls, names_of).items():
        known = details.get(position) or Merged(events[kept[position]], (events[kept[position]],))
        details[position] = replace(known, conflicts_with=conflicts)
    return Merging([events[i] for i in kept], details)


@dataclass(frozen=True, slots=True)
class _Hulls:
    """The intervals of the events dated by an expression, as integers that compare as the
    datetimes do: ``dated`` (indices into the events), ``start`` and ``end`` per index."""

    dated: np.ndarray
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, events: Sequence[Event]) -> _Hulls:
        hulls = [e.hull if e.dated_by == "expression" else None for e in events]
        dated, start, end = _placed_keys(hulls, 0, 0)
        return cls(np.array(dated, dtype=np.int64), start, end)


def _placed_keys(intervals: Sequence[tuple[datetime, datetime] | None], missing_start: int,
                 missing_end: int) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The positions of the intervals there are, and every start and end as ``_comparable``
    integers (``missing_start``/``missing_end`` where there is no interval)."""
    where = [k for k, interval in enumerate(intervals) if interval is not None]
    known = [interval for interval in intervals if interval is not None]
    start = np.full(len(intervals), missing_start, np.int64)
    end = np.full(len(intervals), missing_end, np.int64)
    key = _comparable([i[0] for i in known] + [i[1] for i in known])
    start[where], end[where] = key[:len(where)], key[len(where):]
    return where, start, end


def _comparable(moments: list[datetime]) -> np.ndarray:
    """Microseconds that order ``moments`` as ``<`` does. Datetimes of one time zone compare
    by wall clock (fold ignored), as Python compares them; of several zones, by UTC."""
    wall = np.fromiter(map(wall_microseconds, moments), np.int64, len(moments))
    first = moments[0].tzinfo if moments else None
    # Usually one zone object for all (a quick identity test); else as many zones as compare unequal.
    if all(m.tzinfo is first for m in moments) or len({m.tzinfo for m in moments}) <= 1:
        return wall
    offsets = [m.utcoffset() for m in moments]
    return wall - np.array([o // timedelta(microseconds=1) if o is not None else 0 for o in offsets], np.int64)


def _stories(events: Sequence[Event], members: Iterable[int],
             names_of: dict[str, frozenset[str]]) -> dict[tuple[str, str], list[int]]:
    """``members`` (in the order given) by story: each of their event nouns with each name
    (``names_of``: sentence -> names, for the sentences seen so far; added to)."""
    by_story: dict[tuple[str, str], list[int]] = defaultdict(list)
    for member in members:
        event = events[member]
        if not event.heads:
            continue  # in no story: its names (slow to find) would not be used
        found = names_of.get(event.sentence_text)
        if found is None:
            found = names_of[event.sentence_text] = names(event)
        for head in event.heads:
            for name in found:
                by_story[(head, name)].append(member)
    return by_story


def _group(events: Sequence[Event], hulls: _Hulls, names_of: dict[str, frozenset[str]]) -> np.ndarray:
    """For each report, the first (smallest index) of the reports it is one story with and
    overlaps in time, directly or through a chain of such reports.

    Within a story (noun and name), sorted by start, a report links every later one of
    another document that starts before it ends."""
    docs = _codes(event.doc_id for event in events)
    firsts, seconds = [], []
    for members in _stories(events, hulls.dated.tolist(), names_of).values():
        block = np.array(members, dtype=np.int64)
        block = block[np.argsort(hulls.start[block], kind="stable")]
        first, second = _sweep(hulls.start[block], hulls.end[block])
        first, second = block[first], block[second]
        keep = docs[first] != docs[second]
        firsts.append(first[keep])
        seconds.append(second[keep])
    return _components(len(events), np.concatenate([np.zeros(0, np.int64), *firsts]),
                       np.concatenate([np.zeros(0, np.int64), *seconds]))


def _members(group: np.ndarray) -> dict[int, list[int]]:
    """The groups of more than one report: first report -> every report, in index order."""
    together: dict[int, list[int]] = defaultdict(list)
    shared = np.flatnonzero(np.bincount(group, minlength=len(group))[group] > 1)
    for index, first in zip(shared.tolist(), group[shared].tolist()):
        together[first].append(index)
    return together


def _sweep(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (p, q), p < q, of intervals sorted by start where q starts before p ends."""
    count = len(start)
    stop = np.maximum(np.searchsorted(start, end, side="left"), np.arange(1, count + 1))
    return _ranges(np.arange(count), np.arange(1, count + 1), stop)


def _ranges(owner: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(owner[k], j)`` for every ``j`` in ``range(low[k], high[k])``, flattened."""
    lengths = high - low
    owners = np.repeat(owner, lengths)
    offsets = np.arange(len(owners)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return owners, np.repeat(low, lengths) + offsets


def _components(count: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For each of ``count`` nodes, the smallest node linked to it through the edges."""
    label = np.arange(count)
    while len(first):
        low = np.minimum(label[first], label[second])
        new = label.copy()
        np.minimum.at(new, first, low)
        np.minimum.at(new, second, low)
        new = new[new]  # point to the label's own label: chains shorten by half a pass
        if np.array_equal(new, label):
            break
        label = new
    return label


def _codes(values: Iterable[str]) -> np.ndarray:
    """Integers that are equal where the values are."""
    return pd.factorize(np.array(list(values), dtype=object))[0].astype(np.int64)


def _combine(group: list[Event]) -> list[Merged]:
    """The reports that agree with the most precise one merge into it; the others
    (linked only through a wide, imprecise report) stay apart."""
    width = {id(e): _width(e) for e in group}
    narrowest = min(group, key=lambda e: width[id(e)])
    agreeing = [e for e in group if e is narrowest or _overlap(e, narrowest)]
    joined = {id(e) for e in agreeing}
    apart = [Merged(e, (e,)) for e in group if id(e) not in joined]
    widest = max(agreeing, key=lambda e: width[id(e)])
    narrowed = narrowest.doc_id if len(agreeing) > 1 and width[id(widest)] > width[id(narrowest)] else None
    return [Merged(narrowest, tuple(agreeing), narrowed_by=narrowed), *apart]


def _conflicts(events: Sequence[Event], kept: list[int], hulls: _Hulls,
               names_of: dict[str, frozenset[str]]) -> dict[int, tuple[str, ...]]:
    """Same story, dates that cannot overlap: for each position in ``kept`` that has them,
    the sorted event_ids of the reports it conflicts with."""
    dated = np.zeros(len(events), dtype=bool)
    dated[hulls.dated] = True
    positions = [p for p, i in enumerate(kept) if dated[i]]
    where = np.array(kept, dtype=np.int64)
    docs = _codes(events[i].doc_id for i in kept)
    start, end = hulls.start[where], hulls.end[where]
    out_start, out_end = _publication_bounds([events[i].published for i in kept])
    flagged: list[np.ndarray] = [np.zeros((2, 0), _POSITION)]
    pairs_of: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # for this call only: up to 20,000 pairs each
    for members in _stories([events[i] for i in kept], positions, names_of).values():
        if len(members) > MAX_STORY_REPORTS:
            continue
        block = np.array(members, dtype=np.int64)
        if len(block) not in pairs_of:  # every pair (i, j), i < j, in the order of two nested loops
            pairs_of[len(block)] = np.triu_indices(len(block), 1)
        first, second = (block[side] for side in pairs_of[len(block)])
        apart = ~((start[first] < end[second]) & (start[second] < end[first]))
        cycle = (out_start[first] < out_end[second] + _CYCLE) & (out_start[second] < out_end[first] + _CYCLE)
        hit = apart & cycle & (docs[first] != docs[second])
        flagged.append(np.stack([first[hit], second[hit]]).astype(_POSITION))
    pairs = np.concatenate(flagged, axis=1)
    flagged.clear()  # the pairs are in ``pairs`` now: a large corpus has millions
    return _partners(len(kept), lambda position: events[kept[position]].event_id, pairs)


_CYCLE = NEWS_CYCLE // timedelta(microseconds=1)


def _publication_bounds(published: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The publication intervals [start, end) as ``_comparable`` microseconds (each distinct
    publication read once); one that cannot be read is as wide as any (always in the cycle)."""
    codes, distinct = pd.factorize(np.array(published, dtype=object))
    low, high = np.iinfo(np.int64).min // 2, np.iinfo(np.int64).max // 2  # room for the cycle
    _, start, end = _placed_keys([_publication_interval(text) for text in distinct], low, high)
    return start[codes], end[codes]


def _publication_interval(published: str) -> tuple[datetime, datetime] | None:
    try:
        publication = parse_published(published)
    except PublishedDateError:
        return None
    return publication.earliest, publication.latest


# Positions of events in pair arrays: a corpus has fewer than 2**31 events, and a large one
# has millions of conflicting pairs.
_POSITION = np.int32


def _partners(count: int, id_at: Callable[[int], str], pairs: np.ndarray) -> dict[int, tuple[str, ...]]:
    """For each of ``count`` positions named in ``pairs`` (a 2 x n array of positions), the
    sorted, distinct ids (``id_at`` a position) of the positions it is paired with. Few
    positions are named: only their ids are made."""
    if not pairs.size:
        return {}
    # Rank the ids as strings sort, equal ids alike, so that sorting and removing duplicates
    # run on numbers. A pair goes both ways: the positions named are the partners too.
    named = np.unique(pairs).tolist()
    ids = [id_at(p) for p in named]
    spelled = sorted(set(ids))
    rank = {name: r for r, name in enumerate(spelled)}
    rank_at = np.zeros(count, np.int64)
    rank_at[named] = [rank[i] for i in ids]
    key = _pair_keys(pairs, rank_at, len(spelled))
    # Sorted by owner, then id: each owner's run of ids is its tuple. The ids are picked as an
    # object array (pointers to the spelled ids), not as Python lists of millions of ints.
    owners = key // len(spelled)
    firsts = np.flatnonzero(_run_starts(owners))
    starts = owners[firsts].tolist()
    del owners
    named_ids = np.array(spelled, dtype=object)[np.remainder(key, len(spelled), out=key)]
    del key
    bounds = [*firsts.tolist(), len(named_ids)]
    return {owner: tuple(named_ids[low:high]) for owner, low, high in zip(starts, bounds, bounds[1:])}


def _pair_keys(pairs: np.ndarray, rank_at: np.ndarray, width: int) -> np.ndarray:
    """``owner * width + rank_at[partner]`` for each pair of ``pairs`` both ways (each position
    the owner once), distinct and sorted: made in place, in one array."""
    count = pairs.shape[1]
    key = np.empty(2 * count, np.int64)
    for half, (owner, partner) in enumerate((pairs, pairs[::-1])):
        part = key[half * count:(half + 1) * count]
        part[...] = owner  # as int64 before multiplying: the products pass 2**31
        part *= width
        part += rank_at[partner]
    key.sort()
    return key[_run_starts(key)]


def _run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted array starts (a mask)."""
    starts = np.ones(len(ordered), bool)
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return starts
