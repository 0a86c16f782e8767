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

Both steps compare the intervals of the reports of a story: they run on arrays
(numpy), one story (event noun and name) at a time, and read only the events'
``timeline.reports``: ``merge_plan`` decides for a corpus whose events wait on
disk what ``merge`` decides for events in memory. Merging links every
overlapping pair of a short story and a long one report by report (``_linked``:
its pairs would grow with the square of its length); conflicts are looked for
in every pair of a story of at most ``MAX_STORY_REPORTS`` reports.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from heapq import heappop, heappush
from itertools import islice, pairwise

import numpy as np

from normalise import PublishedDateError, parse_published
from timeline.arrays import found_in_sorted, run_bounds, run_starts, runs
from timeline.events import Event
from timeline.instants import utc_microseconds, wall_microseconds
from timeline.names import sentence_names
from timeline.reports import EventNames, Reports, reports_of


@dataclass(frozen=True, slots=True)
class Merged:
    """An event as the timeline shows it: one report, or several merged."""

    event: Event
    sources: tuple[Event, ...]
    narrowed_by: str | None = None
    conflicts_with: tuple[str, ...] = ()

    def said(self) -> Said:
        """What the events table says of it."""
        return Said(tuple(s.event_id for s in self.sources), tuple(dict.fromkeys(s.doc_id for s in self.sources)),
                    self.narrowed_by, self.conflicts_with)


@dataclass(frozen=True, slots=True)
class Said:
    """What the events table says of a merged or conflicting event beyond the event itself."""

    sources: tuple[str, ...]  # event ids of its reports
    source_docs: tuple[str, ...]  # their doc ids, each once, in order
    narrowed_by: str | None
    conflicts_with: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Merging:
    """What ``merge_reports`` finds, without a ``Merged`` for the many events reported once
    by one article and in no conflict (``Merged(event, (event,))``)."""

    events: list[Event]  # the timeline's events, in merge_reports order
    details: dict[int, Merged]  # position in ``events`` -> Merged, where there is more to say

    def merged(self) -> list[Merged]:
        """``merge_reports``' list."""
        return [self.details.get(k) or Merged(e, (e,)) for k, e in enumerate(self.events)]


@dataclass(frozen=True, slots=True)
class Partners:
    """Positions paired with others: ``partners[starts[k]:starts[k + 1]]`` (ascending, distinct)
    are the partners of ``owners[k]`` (ascending). Numbers, not ids: a large corpus has
    millions of conflicting pairs, and their ids are made only when a table shows them."""

    owners: np.ndarray
    starts: np.ndarray
    partners: np.ndarray

    def of(self, owner: int) -> np.ndarray:
        """The partners of ``owner`` (none when it has none)."""
        return self.of_each(np.array([owner], np.int64))[0]

    def of_each(self, owners: np.ndarray) -> list[np.ndarray]:
        """``of`` each of ``owners``, looked up at once."""
        if not len(self.owners):
            return [self.partners[:0]] * len(owners)
        at, found = found_in_sorted(self.owners, owners)
        low, high = np.where(found, self.starts[at], 0).tolist(), np.where(found, self.starts[at + 1], 0).tolist()
        return [self.partners[a:b] for a, b in zip(low, high)]



@dataclass(frozen=True, slots=True)
class MergePlan:
    """``merge`` as indices into the reports: the timeline's events (``kept``, in merge order)
    and, by position in ``kept``, what there is more to say of some."""

    kept: np.ndarray
    # where each kept event stands among the reports: itself, or for the events of a group of
    # reports (the narrowest and those apart), the group's first report (ascending)
    anchors: np.ndarray
    sources: dict[int, tuple[int, ...]]  # the reports merged into the event (two or more)
    narrowed_by: dict[int, str]  # the doc id whose more precise date narrowed it
    conflicts: Partners  # the positions of reports whose dates cannot overlap

    @property
    def noted(self) -> np.ndarray:
        """The positions there is more to say of (merged or conflicting), ascending."""
        return np.union1d(np.fromiter(self.sources, np.int64, len(self.sources)), self.conflicts.owners)

    def said_at(self, position: int, reports: Reports | EventNames) -> Said:
        """What the table says of the event at ``position`` (a ``noted`` one)."""
        return self.said_of([position], reports)[0]

    def said_of(self, positions: list[int], reports: Reports | EventNames) -> list[Said]:
        """``said_at`` each of ``positions``: their reports, and the sorted, distinct event ids of
        the reports whose dates cannot overlap theirs, named at once (each document's id read once)."""
        merged = [self.sources.get(position, (int(self.kept[position]),)) for position in positions]
        conflicting = [self.kept[partners] for partners in self.conflicts.of_each(np.array(positions, np.int64))]
        parts = [np.zeros(0, np.int64)]
        for sources, partners in zip(merged, conflicting):
            parts += [np.array(sources, np.int64), partners]
        named = iter(reports.named(np.concatenate(parts)))
        said = []
        for position, sources, partners in zip(positions, merged, conflicting):
            ids, docs = zip(*islice(named, len(sources)))
            conflicts = tuple(sorted({event_id for event_id, _ in islice(named, len(partners))}))
            said.append(Said(ids, tuple(dict.fromkeys(docs)), self.narrowed_by.get(position), conflicts))
        return said


# A noun and name shared by more reports than this is a topic, not one story.
MAX_STORY_REPORTS = 200

# Reports conflict only when their articles came out at most this far apart (the gap between
# their publication intervals): a later article about the same noun and name with another
# date is about another event of the story, not a contradiction.
NEWS_CYCLE = timedelta(days=30)


def names(event: Event) -> frozenset[str]:
    """Proper names in an event's sentence: capitalised words that do not open a sentence."""
    return sentence_names(event.sentence_text)


def merge_reports(events: Sequence[Event]) -> list[Merged]:
    """Merge reports of the same event across documents; flag conflicting dates."""
    return merge(events).merged()


def merge(events: Sequence[Event]) -> Merging:
    """``merge_reports`` as a :class:`Merging`: a ``Merged`` only where it says more than the event."""
    reports = reports_of(events)
    plan = merge_plan(reports)
    details = {}
    noted = plan.noted.tolist()
    for position, said in zip(noted, plan.said_of(noted, reports)):
        event = events[int(plan.kept[position])]
        sources = tuple(events[i] for i in plan.sources.get(position, ())) or (event,)
        details[position] = Merged(event, sources, said.narrowed_by, said.conflicts_with)
    return Merging([events[i] for i in plan.kept.tolist()], details)


def merge_plan(reports: Reports) -> MergePlan:
    """What ``merge`` decides, from the events' reports alone."""
    start, end = reports.comparable_hulls()
    group = _group(reports, start, end)
    grouped, bounds = _members(group)
    widths = _widths(reports, grouped)
    firsts = np.flatnonzero(group == np.arange(len(group), dtype=group.dtype))  # each group's first report, in order
    pieces: list[np.ndarray] = []  # the merged events, in order: runs of reports alone, and groups
    anchors: list[np.ndarray] = []
    sources: dict[int, tuple[int, ...]] = {}
    narrowed_by: dict[int, str] = {}
    taken = size = 0  # firsts passed, and merged events so far
    for low, high in pairwise(bounds.tolist()):
        first = int(grouped[low])  # a group's reports are in index order: its first comes first
        at = int(np.searchsorted(firsts, first))
        pieces.append(firsts[taken:at])
        anchors.append(firsts[taken:at])
        size += at - taken
        (narrowest, agreeing, narrowed), *apart = _combine(grouped[low:high], widths[low:high], start, end)
        if len(agreeing) > 1:
            sources[size] = agreeing
        if narrowed:
            narrowed_by[size] = reports.doc_ids[reports.doc[narrowest]]
        pieces.append(np.array([narrowest, *apart], np.int64))
        anchors.append(np.full(1 + len(apart), first, np.int64))
        size += 1 + len(apart)
        taken = at + 1
    kept = np.concatenate([*pieces, firsts[taken:]]).astype(np.int64)
    at_first = np.concatenate([*anchors, firsts[taken:]]).astype(np.int64)
    return MergePlan(kept, at_first, sources, narrowed_by, _conflicts(reports, kept, start, end))


def _widths(reports: Reports, grouped: np.ndarray) -> np.ndarray:
    """How long the interval of each of the ``grouped`` reports lasts (UTC microseconds)."""
    rows = np.searchsorted(np.flatnonzero(reports.merge_dated), grouped)  # grouped reports are merge-dated
    return reports.hull_utc[rows, 1] - reports.hull_utc[rows, 0]


def _combine(group: np.ndarray, widths: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[
        tuple[int, tuple[int, ...], bool], *tuple[int, ...]]:
    """The reports that agree with the most precise one merge into it; the others (linked only
    through a wide, imprecise report) stay apart: (the narrowest, the reports merged into it,
    whether it narrowed a wider one), then each report apart. ``group``: its reports in index
    order, ``widths`` their intervals' lengths; on arrays: a long story's group has thousands
    of reports."""
    narrowest_at = int(np.argmin(widths))  # the first of the narrowest
    narrowest = int(group[narrowest_at])
    agree = (group == narrowest) | ((start[group] < end[narrowest]) & (start[narrowest] < end[group]))
    agreeing = tuple(group[agree].tolist())
    narrowed = len(agreeing) > 1 and int(widths[agree].max()) > int(widths[narrowest_at])
    return (narrowest, agreeing, narrowed), *group[~agree].tolist()


def _group(reports: Reports, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """For each report, the first (smallest index) of the reports it is one story with and
    overlaps in time, directly or through a chain of such reports.

    Within a story (noun and name), sorted by start, a report links every later one of
    another document that starts before it ends: every such pair in a short story, fewer
    links that join the same reports in a long one (``_linked``)."""
    docs = reports.doc
    firsts, seconds = [], []
    for block in _stories(reports.story_key, reports.story_event):
        block = block[np.argsort(start[block], kind="stable")]
        if len(block) > PAIRWISE_STORY:
            first, second = _linked(start[block].tolist(), end[block].tolist(), docs[block].tolist())
        else:
            first, second = _sweep(start[block], end[block])
            keep = docs[block[first]] != docs[block[second]]
            first, second = first[keep], second[keep]
        firsts.append(block[first])
        seconds.append(block[second])
    return _components(len(reports), np.concatenate([np.zeros(0, np.int64), *firsts]),
                       np.concatenate([np.zeros(0, np.int64), *seconds]))


# A story of more reports than this is linked report by report (``_linked``): every overlapping
# pair of a long story whose reports' dates overlap is quadratic in its length (a story of
# 20,000 reports in 100,000 articles made hundreds of megabytes of pairs).
PAIRWISE_STORY = 64


def _linked(start: list[int], end: list[int], docs: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Links (p, q) between the reports of a story (sorted by start) that join them as every
    pair of ``_sweep`` of other documents would, but at most one or a document's few per report.

    Reading the reports in order, the ones under way when ``q`` starts (``p`` before ``q``, ``q``
    starting before ``p`` ends) all contain that moment, so any two of them of different
    documents are linked already: with two documents or more under way besides ``q``'s own, or
    ``q``'s own and one other, they are one group, and one link joins ``q`` to it. With one
    other document alone, its reports under way may not be linked yet: ``q`` links each.
    """
    first: list[int] = []
    second: list[int] = []
    ending: list[tuple[int, int]] = []  # (end, report) of the reports under way: a heap
    under_way: dict[int, set[int]] = {}  # document -> its reports under way
    for q, (begins, doc) in enumerate(zip(start, docs)):
        while ending and ending[0][0] <= begins:
            _, p = heappop(ending)
            reports = under_way[docs[p]]
            reports.discard(p)
            if not reports:
                del under_way[docs[p]]
        others = len(under_way) - (doc in under_way)
        if others:
            other = next(d for d in under_way if d != doc)  # at most two tries: one key is q's document
            linked = under_way[other] if others == 1 and doc not in under_way else (next(iter(under_way[other])),)
            first.extend(linked)
            second.extend([q] * len(linked))
        heappush(ending, (end[q], q))  # (an empty interval ends before any later report starts)
        under_way.setdefault(doc, set()).add(q)
    return np.array(first, np.int64), np.array(second, np.int64)


def _stories(keys: np.ndarray, members: np.ndarray) -> Iterator[np.ndarray]:
    """The members of each story of two or more, in the order of ``members`` (ascending)."""
    order = np.lexsort((members, keys))
    keys, members = keys[order], members[order]
    for low, high in runs(keys):
        if high - low > 1:
            yield members[low:high]


def _members(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The groups of more than one report: their reports by group (groups in the order of their
    first reports, each in index order), and where each group begins and ends among them
    (``grouped[bounds[k]:bounds[k + 1]]``)."""
    shared = np.flatnonzero(np.bincount(group, minlength=len(group))[group] > 1)
    grouped = shared[np.argsort(group[shared], kind="stable")]
    return grouped, run_bounds(group[grouped])


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
    """For each of ``count`` nodes, the smallest node linked to it through the edges (in 32 bits:
    a corpus has fewer than two billion events, and the labels are copied on every pass)."""
    label = np.arange(count, dtype=np.int32)
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


def _conflicts(reports: Reports, kept: np.ndarray, start: np.ndarray, end: np.ndarray) -> Partners:
    """Same story, dates that cannot overlap: the positions in ``kept`` that have them, each
    with the positions of the reports it conflicts with. Worked out on the reports in a story
    alone (``member``: their positions, ascending), not on every event."""
    # the arrays here have an entry per report of a story (a report in two stories twice): in 32
    # bits, and each dropped once used, for this is merging's peak
    position_of = np.full(len(reports), -1, _POSITION)
    position_of[kept] = np.arange(len(kept), dtype=_POSITION)
    positions = position_of[reports.story_event]  # story members are merge-dated reports
    del position_of
    taken = positions >= 0
    keys, positions = reports.story_key[taken], positions[taken]
    del taken
    member = np.unique(positions)
    local = np.searchsorted(member, positions).astype(_POSITION)  # positions among the members
    del positions
    events = kept[member]
    docs, start, end = reports.doc[events], start[events], end[events]
    out_start, out_end = _publication_bounds(reports.published[events], reports.published_texts)
    flagged: list[np.ndarray] = [np.zeros((2, 0), _POSITION)]
    # for this call only: up to 20,000 pairs each, in 16 bits (a story of more than MAX_STORY_REPORTS is skipped)
    pairs_of: dict[int, tuple[np.ndarray, ...]] = {}
    for block in _stories(keys, local):
        if len(block) > MAX_STORY_REPORTS:
            continue
        if len(block) not in pairs_of:  # every pair (i, j), i < j, in the order of two nested loops
            pairs_of[len(block)] = tuple(side.astype(np.int16) for side in np.triu_indices(len(block), 1))
        first, second = (block[side] for side in pairs_of[len(block)])
        apart = ~((start[first] < end[second]) & (start[second] < end[first]))
        cycle = (out_start[first] < out_end[second] + _CYCLE) & (out_start[second] < out_end[first] + _CYCLE)
        hit = apart & cycle & (docs[first] != docs[second])
        flagged.append(np.stack([first[hit], second[hit]]).astype(_POSITION))
    pairs = np.concatenate(flagged, axis=1)
    flagged.clear()  # the pairs are in ``pairs`` now: a large corpus has millions
    return _both_ways(pairs, member)


_CYCLE = NEWS_CYCLE // timedelta(microseconds=1)


def _publication_bounds(codes: np.ndarray, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The publication intervals [start, end) (``codes`` into ``texts``) as microseconds that order
    them as ``<`` orders the datetimes: by wall clock when they are all of one time zone (fold
    ignored), by UTC across several. One that cannot be read is as wide as any (always in the
    cycle). Each code is read once, to numbers: a streamed build codes every document's own."""
    used, codes = np.unique(codes, return_inverse=True)
    wall = np.empty((len(used), 2), np.int64)
    utc = np.empty((len(used), 2), np.int64)
    known = np.ones(len(used), bool)
    zones: set[tzinfo | None] = set()
    for k, code in enumerate(used.tolist()):
        interval = _publication_interval(texts[code])
        if interval is None:
            known[k] = False
            continue
        for side, moment in enumerate(interval):
            zones.add(moment.tzinfo)
            wall[k, side], utc[k, side] = wall_microseconds(moment), utc_microseconds(moment)
    bounds = wall if len(zones) <= 1 else utc
    bounds[~known] = (np.iinfo(np.int64).min // 2, np.iinfo(np.int64).max // 2)  # room for the cycle
    return bounds[codes, 0], bounds[codes, 1]


@lru_cache(maxsize=4096)
def _publication_interval(published: str) -> tuple[datetime, datetime] | None:
    try:
        publication = parse_published(published)
    except PublishedDateError:
        return None
    return publication.earliest, publication.latest


# Positions of events in pair arrays: a corpus has fewer than 2**31 events, and a large one
# has millions of conflicting pairs.
_POSITION = np.int32


def _both_ways(pairs: np.ndarray, named: np.ndarray) -> Partners:
    """Each position of ``pairs`` (a 2 x n array of indices into ``named``, the positions) with
    its distinct partners, a pair counting both ways."""
    if not pairs.size:
        return Partners(np.zeros(0, np.int64), np.zeros(1, np.int64), np.zeros(0, np.int64))
    width = len(named)
    key = _pair_keys(pairs, width)
    owners = key // width
    bounds = run_bounds(owners)
    return Partners(named[owners[bounds[:-1]]], bounds, named[np.remainder(key, width, out=key)])


def _pair_keys(pairs: np.ndarray, width: int) -> np.ndarray:
    """``owner * width + partner`` for each pair of ``pairs`` both ways (each position
    the owner once), distinct and sorted: made in place, in one array."""
    count = pairs.shape[1]
    key = np.empty(2 * count, np.int64)
    for half, (owner, partner) in enumerate((pairs, pairs[::-1])):
        part = key[half * count:(half + 1) * count]
        part[...] = owner  # as int64 before multiplying: the products pass 2**31
        part *= width
        part += partner
    key.sort()
    return key[run_starts(key)]
