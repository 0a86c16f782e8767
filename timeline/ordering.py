"""Order events by their intervals, with uncertainty, and read Danish order signals.

An event's place is its representative time under each reading of the
publication time (the middle of its interval; the edge next to the anchor for
``kort før``/``kort efter``). Events of one document share readings, so their
relative order is computed reading by reading ("i sidste uge" lies before
"natten til onsdag" whatever day in January the article appeared); events of
different documents combine every pair of readings. Overlapping intervals are
reported as OVERLAP, never silently put in sequence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

import numpy as np
import pandas as pd

from timeline.event_words import event_words
from timeline.events import Event
from timeline.places import event_place

# At most this many readings per event when two documents' readings are crossed.
MAX_CROSSED_READINGS = 16


@dataclass(frozen=True, slots=True)
class Relation:
    source: Event
    target: Event
    relation: str  # BEFORE, AFTER or OVERLAP: source relative to target
    certainty: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Ordered:
    """Events in timeline order with their rank and how sure each place is."""

    events: tuple[Event, ...]
    ranks: tuple[int, ...]
    certainties: tuple[float, ...]
    relations: tuple[Relation, ...]


T = TypeVar("T")


def _thin(values: Sequence[T], limit: int = MAX_CROSSED_READINGS) -> list[T]:
    if len(values) <= limit:
        return list(values)
    step = len(values) / limit
    return [values[int(i * step)] for i in range(limit)]


def precedes(a: Event, b: Event) -> float:
    """How sure it is that ``a`` comes before ``b`` (ties count half)."""
    return share_before(a.doc_id == b.doc_id, event_place(a)[0], event_place(b)[0])


def share_before(same_document: bool, reps_a: Sequence[float | None], reps_b: Sequence[float | None]) -> float:
    """``precedes`` on the events' representative times."""
    if len(reps_a) == 1 == len(reps_b):  # one reading each (a publication time to the minute or day)
        x, y = reps_a[0], reps_b[0]
        return 0.5 if x is None or y is None else 1.0 if x < y else 0.5 if x == y else 0.0
    if same_document and len(reps_a) == len(reps_b):
        pairs = [(x, y) for x, y in zip(reps_a, reps_b) if x is not None and y is not None]
        return sum(1.0 if x < y else 0.5 if x == y else 0.0 for x, y in pairs) / len(pairs) if pairs else 0.5
    xs = [x for x in reps_a if x is not None]
    ys = sorted(y for y in reps_b if y is not None)
    if not xs or not ys:
        return 0.5
    score = sum((len(ys) - bisect_right(ys, x)) + 0.5 * (bisect_right(ys, x) - bisect_left(ys, x)) for x in xs)
    return score / (len(xs) * len(ys))


def interval_relation(a: Event, b: Event) -> tuple[str, float]:
    """BEFORE, AFTER or OVERLAP of ``a`` relative to ``b``, and the share of readings that agree."""
    if len(a.readings) == 1 == len(b.readings):  # one reading each: one pair, whichever documents
        x, y = a.readings[0], b.readings[0]
        if x is None or y is None:
            return "OVERLAP", 0.0
        return ("BEFORE" if x[1] <= y[0] else "AFTER" if y[1] <= x[0] else "OVERLAP"), 1.0
    if a.doc_id == b.doc_id and len(a.readings) == len(b.readings):
        pairs = [(x, y) for x, y in zip(a.readings, b.readings) if x is not None and y is not None]
    else:
        left = _thin([r for r in a.readings if r is not None])
        right = _thin([r for r in b.readings if r is not None])
        pairs = [(x, y) for x in left for y in right]
    if not pairs:
        return "OVERLAP", 0.0
    before = after = 0
    for x, y in pairs:
        if x[1] <= y[0]:
            before += 1
        elif y[1] <= x[0]:
            after += 1
    overlap = len(pairs) - before - after
    most = max(before, after, overlap)  # a tie goes to the first of BEFORE, AFTER, OVERLAP
    relation = "BEFORE" if before == most else "AFTER" if after == most else "OVERLAP"
    return relation, most / len(pairs)


def order(events: Sequence[Event]) -> Ordered:
    """Dated events by representative time (text order breaks ties), then the undated ones."""
    dated = [e for e in events if e.is_dated]
    undated = [e for e in events if not e.is_dated]
    reps, middles = _places(dated)
    documents = pd.factorize(np.array([e.doc_id for e in dated], dtype=object))[0] if dated else np.zeros(0, int)
    place, ranks, certainties = placed_order(np.array(middles, np.float64), np.array([len(r) for r in reps], int),
                                             reps.__getitem__, documents)
    dated = [dated[k] for k in place.tolist()]
    relations: list[Relation] = []
    for previous, event in pairwise(dated):
        relation, share = interval_relation(previous, event)
        relations.append(Relation(previous, event, relation, round(share, 3), "intervals"))
    relations.extend(signal_relations(events))
    ranks, certainties = with_undated(ranks, certainties, len(undated))
    return Ordered(tuple(dated + undated), tuple(ranks.tolist()), tuple(certainties.tolist()), tuple(relations))


def placed_order(middles: np.ndarray, readings: np.ndarray, reps: Callable[[int], Sequence[float | None]],
                 documents: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dated events in timeline order, from their places alone: the order (indices into
    ``middles``), each one's rank and how sure its place after the one before is.

    ``readings[k]``: how many readings event ``k`` has; ``reps(k)``: its representative times
    under each; ``documents[k]``: its document (equal codes for events of one document).
    """
    place = np.argsort(middles, kind="stable")  # stable: ties stay in the order given (text order)

    def share(k: int) -> float:
        before, after = int(place[k - 1]), int(place[k])
        return share_before(documents[before] == documents[after], reps(before), reps(after))

    ranks, certainties = ranked(middles[place], readings[place] != 1, share)
    return place, ranks, certainties


def ranked(ordered: np.ndarray, several: np.ndarray, share: Callable[[int], float],
           first_rank: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The ranks and certainties of places in timeline order (``ordered``): equal places share a
    rank, at certainty 0.5; the first place gets ``first_rank``.

    Two events at different places, one reading each: the first is before the second under it.
    Where either has several readings (``several``), ``share(k)`` counts the readings that agree
    that the event at ``k - 1`` comes before the one at ``k``.
    """
    same = ordered[1:] == ordered[:-1]
    ranks = np.concatenate([np.zeros(min(len(ordered), 1), np.int64), np.cumsum(~same)]) + first_rank
    certainties = np.ones(len(ordered))
    certainties[1:][same] = 0.5
    for k in np.flatnonzero(~same & (several[1:] | several[:-1])).tolist():
        certainties[k + 1] = round(share(k + 1), 3)
    return ranks, certainties


def with_undated(ranks: np.ndarray, certainties: np.ndarray, undated: int) -> tuple[np.ndarray, np.ndarray]:
    """The ranks and certainties of a whole timeline from its dated events' (``placed_order``):
    the ``undated`` events after them (``undated_places``)."""
    tail_ranks, tail_certainties = undated_places(int(ranks[-1]) + 1 if len(ranks) else 0, undated)
    return np.concatenate([ranks, tail_ranks]), np.concatenate([certainties, tail_certainties])


def undated_places(rank: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The ranks and certainties of ``count`` undated events: they come last, all at ``rank`` (the
    rank after the last dated event's), with certainty 0."""
    return np.full(count, rank, np.int64), np.zeros(count)


def _places(events: Sequence[Event]) -> tuple[list[tuple[float | None, ...]], list[float]]:
    """The representative times under each reading, and their median, of every (dated) event."""
    placed = [event_place(event) for event in events]
    return [times for times, _ in placed], [middle for _, middle in placed]  # type: ignore[misc]


def signal_relations(events: Sequence[Event]) -> list[Relation]:
    """Relations that Danish signal words state ("i kølvandet på", "efter", "senere").

    Signals relate events of one document, so each event looks back over its own
    document's earlier events only."""
    found: list[Relation] = []
    earlier_in: dict[str, list[Event]] = defaultdict(list)
    signals = event_words().signal_pattern  # once per corpus, not two cached calls per event
    for event in events:
        earlier = earlier_in[event.doc_id]
        if event.signalled:  # most sentences have neither signal nor sequence adverb (found in the worker)
            found.extend(_within_sentence(event, earlier, signals))
            found.extend(_sequence_adverb(event, earlier))
        earlier.append(event)
    return found


def _within_sentence(event: Event, earlier: Sequence[Event], signals: re.Pattern[str]) -> list[Relation]:
    """"Angrebet sker i kølvandet på drabet ...": an event mentioned by a definite noun on one
    side of the signal, this sentence's event on the other."""
    words = event_words()
    if event.trigger is None:
        return []
    out = []
    for match in signals.finditer(event.sentence_text):
        signal = match.group().lower()
        relation = words.signals[" ".join(signal.split())]
        cut = event.start + match.start()
        own_after = event.trigger.start > cut
        for word in re.finditer(r"\w+", event.sentence_text):
            offset = event.start + word.start()
            if (offset < cut) != own_after or offset == event.trigger.start:
                continue
            other = _referent(word.group(), earlier)
            if other is None:
                continue
            first, second = (other, event) if own_after else (event, other)
            out.append(Relation(first, second, relation, 1.0, signal))
            break
    return out


def _referent(word: str, earlier: Sequence[Event]) -> Event | None:
    """The earlier event (of the same document) a definite event noun refers to."""
    head = event_words().head_of(word.lower())
    if head is None or not word.lower().endswith(("et", "en", "ene")):
        return None
    for event in reversed(earlier):
        if head in event.heads and event.is_dated:
            return event
    return None


def _sequence_adverb(event: Event, earlier: Sequence[Event]) -> list[Relation]:
    """"Senere ...", "Samtidig ...": this event relative to the dated one before it."""
    words = event_words()
    opening = words.sequence_opening(event.sentence_text)
    if opening is None:
        return []
    previous = next((e for e in reversed(earlier) if e.is_dated), None)
    if previous is None:
        return []
    return [Relation(event, previous, words.sequence_adverbs[opening], 1.0, opening)]
