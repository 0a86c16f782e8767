"""What merging and ordering read of each event, as arrays: a corpus' reports without the events.

Merging (``timeline.merge``) and ordering (``timeline.ordering``) compare events by
document, interval, story (event noun and name) and place on the time line; none of
them reads an event's words once these are known. ``reports_of(events)`` lays out
exactly that, one entry per event, in a few numpy arrays of a few dozen bytes per
event; ``Reports.joined(parts)`` puts together the parts that workers made for their
documents, so a corpus can be merged and ordered while its events wait on disk
(``timeline.streamed``).

A story key is a 64-bit digest of the noun and the name, the same in every process
(Python's own ``hash`` of a string is not), so parts made by different workers agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from hashlib import blake2b
from math import nan

import numpy as np

from timeline.events import Event, event_id_of
from timeline.instants import one_zone, utc_of_wall, wall_microseconds, zone_key
from timeline.names import sentence_names
from timeline.places import event_place


@dataclass(frozen=True, slots=True)
class Reports:
    """One entry per event, in the events' order (numpy arrays of equal length ``len(self)``).

    ``doc`` and ``published`` are codes into ``doc_ids`` and ``published_texts`` (equal
    texts, equal codes). ``merge_dated`` marks the events an expression dates (the ones
    merging compares); ``hull_*`` are their intervals' wall-clock and UTC microseconds, one
    row per such event (``hull_rows`` widens them to every event). ``middle`` is the place on the time line (NaN when undated) and
    ``place_values[place_starts[k]:place_starts[k + 1]]`` the event's place under each
    reading (NaN where a reading has no interval). ``story_event``/``story_key`` pair each
    merge-dated event with each of its stories. ``one_zone``: every hull moment of the
    merge-dated events is in one time zone (then they compare by wall clock, as Python
    compares datetimes of one zone).
    """

    doc: np.ndarray
    sentence: np.ndarray
    published: np.ndarray
    dated: np.ndarray
    merge_dated: np.ndarray
    hull_wall: np.ndarray  # (number of merge-dated events, 2), in their order
    hull_utc: np.ndarray  # the same
    middle: np.ndarray
    place_starts: np.ndarray  # (n + 1,)
    place_values: np.ndarray
    story_event: np.ndarray
    story_key: np.ndarray
    doc_ids: Sequence[str]
    published_texts: Sequence[str]
    zone: str | None  # the one zone's key (``instants.zone_key``), None when none or several
    one_zone: bool

    def __len__(self) -> int:
        return len(self.doc)

    def event_id(self, index: int) -> str:
        """The ``Event.event_id`` of the event at ``index``."""
        return _event_id(self, index)

    def named(self, indices: np.ndarray) -> list[tuple[str, str]]:
        """The ``event_id`` and ``doc_id`` of the events at ``indices``."""
        return _named(self, indices)

    def names(self) -> EventNames:
        """What names the events and their documents, alone (what is said of merged events needs no more)."""
        return EventNames(self.doc, self.sentence, self.doc_ids)

    def places(self, index: int) -> tuple[float | None, ...]:
        """The event's place under each reading (None where a reading has no interval)."""
        return reading_places(self.place_values[self.place_starts[index]:self.place_starts[index + 1]])

    def comparable_hulls(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end of each merge-dated event's interval (0 for the other events) as
        integers that order them as ``<`` orders the datetimes: by wall clock in one zone, by
        UTC across several."""
        hulls = self.hull_rows(self.hull_wall if self.one_zone else self.hull_utc)
        return hulls[:, 0], hulls[:, 1]

    def hull_rows(self, hulls: np.ndarray) -> np.ndarray:
        """``hull_wall`` or ``hull_utc`` with a row for every event (zeros where none)."""
        rows = np.zeros((len(self), 2), np.int64)
        rows[self.merge_dated] = hulls
        return rows

    def taken(self, indices: np.ndarray) -> Reports:
        """The reports of the events at ``indices`` (ascending) alone, in that order: their own
        stories and places; the same codes, texts and zone."""
        indices = np.asarray(indices, np.int64)
        merge_rows = np.searchsorted(np.flatnonzero(self.merge_dated), indices[self.merge_dated[indices]])
        at = np.searchsorted(indices, self.story_event)
        in_story = at < len(indices)
        in_story[in_story] = indices[at[in_story]] == self.story_event[in_story]
        starts = self.place_starts[indices]
        lengths = self.place_starts[indices + 1] - starts
        total = int(lengths.sum())
        values = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        return Reports(
            doc=self.doc[indices], sentence=self.sentence[indices], published=self.published[indices],
            dated=self.dated[indices], merge_dated=self.merge_dated[indices],
            hull_wall=self.hull_wall[merge_rows], hull_utc=self.hull_utc[merge_rows], middle=self.middle[indices],
            place_starts=np.concatenate([np.zeros(1, np.int64), np.cumsum(lengths)]),
            place_values=self.place_values[values], story_event=at[in_story], story_key=self.story_key[in_story],
            doc_ids=self.doc_ids, published_texts=self.published_texts, zone=self.zone, one_zone=self.one_zone)

    @classmethod
    def joined(cls, parts: list[Reports]) -> Reports:
        """The reports of several parts' events, one after another; codes made common.

        ``parts`` is emptied: each part's arrays go as soon as they are joined, so that a
        corpus' reports are not in memory twice over.
        """
        if not parts:
            return reports_of([])
        doc_ids: dict[str, int] = {}
        published: dict[str, int] = {}
        offset = place_offset = 0
        columns: dict[str, list[np.ndarray]] = {name: [] for name in _ARRAYS}
        for part in parts:  # the parts' own codes and offsets made the whole's
            columns["doc"].append(recoded(part.doc, part.doc_ids, doc_ids))
            columns["published"].append(recoded(part.published, part.published_texts, published))
            columns["place_starts"].append(part.place_starts[:-1] + place_offset)
            columns["story_event"].append(part.story_event + offset)
            for name in _SAME_IN_WHOLE:
                columns[name].append(getattr(part, name))
            offset += len(part)
            place_offset += int(part.place_starts[-1])
        columns["place_starts"].append(np.array([place_offset], np.int64))
        zones = {part.zone for part in parts if part.merge_dated.any()}
        one_zone = all(part.one_zone for part in parts) and len(zones) <= 1
        parts.clear()
        arrays = {name: np.concatenate(columns.pop(name)) for name in _ARRAYS}
        return cls(**arrays, doc_ids=list(doc_ids), published_texts=list(published),
                   zone=next(iter(zones), None) if one_zone else None, one_zone=one_zone)


@dataclass(frozen=True, slots=True)
class EventNames:
    """The events' documents (``doc``, codes into ``doc_ids``) and sentences: their ``event_id``."""

    doc: np.ndarray
    sentence: np.ndarray
    doc_ids: Sequence[str]

    def event_id(self, index: int) -> str:
        """The ``Event.event_id`` of the event at ``index``."""
        return _event_id(self, index)

    def named(self, indices: np.ndarray) -> list[tuple[str, str]]:
        """The ``event_id`` and ``doc_id`` of the events at ``indices``."""
        return _named(self, indices)


def _event_id(events: Reports | EventNames, index: int) -> str:
    return event_id_of(events.doc_ids[events.doc[index]], int(events.sentence[index]))


def _named(events: Reports | EventNames, indices: np.ndarray) -> list[tuple[str, str]]:
    """``named``: each document's id read once (from disk, in a streamed build)."""
    docs, sentences = events.doc[indices].tolist(), events.sentence[indices].tolist()
    doc_ids = {doc: events.doc_ids[doc] for doc in set(docs)}
    return [(event_id_of(doc_ids[doc], sentence), doc_ids[doc]) for doc, sentence in zip(docs, sentences)]


# Documents, publication times and sentences are counted in 32 bits: fewer than two billion of each.
_CODE = np.int32

# The fields of ``Reports`` that are arrays, and of them those a part has as the whole has them.
_ARRAYS = ("doc", "sentence", "published", "dated", "merge_dated", "hull_wall", "hull_utc", "middle", "place_starts",
           "place_values", "story_event", "story_key")
_SAME_IN_WHOLE = ("sentence", "dated", "merge_dated", "hull_wall", "hull_utc", "middle", "place_values", "story_key")


def reports_of(events: Sequence[Event]) -> Reports:
    """The reports of ``events``, in their order."""
    count = len(events)
    doc_ids: dict[str, int] = {}
    published: dict[str, int] = {}
    doc = np.fromiter((doc_ids.setdefault(e.doc_id, len(doc_ids)) for e in events), _CODE, count)
    publication = np.fromiter((published.setdefault(e.published, len(published)) for e in events), _CODE, count)
    # merging compares the intervals of the events an expression dates
    compared = [e.hull if e.dated_by == "expression" else None for e in events]
    merge_dated = np.fromiter((hull is not None for hull in compared), bool, count)
    hulls = [hull for hull in compared if hull is not None]
    where = np.flatnonzero(merge_dated)
    moments = [moment for hull in hulls for moment in hull]  # start, end, start, end ...
    hull_wall = np.fromiter(map(wall_microseconds, moments), np.int64, len(moments)).reshape(-1, 2)
    hull_utc = utc_of_wall(hull_wall, moments)
    zone, one_zone = _zone(moments)
    placed = [event_place(e) for e in events]
    lengths = np.fromiter((len(times) for times, _ in placed), np.int64, count)
    story_event, story_key = _stories(events, where.tolist())
    return Reports(
        doc=doc, sentence=np.fromiter((e.sentence for e in events), _CODE, count), published=publication,
        dated=np.fromiter((e.hull is not None for e in events), bool, count), merge_dated=merge_dated,
        hull_wall=hull_wall, hull_utc=hull_utc,
        middle=np.fromiter((nan if m is None else m for _, m in placed), np.float64, count),
        place_starts=np.concatenate([np.zeros(1, np.int64), np.cumsum(lengths)]),
        place_values=np.fromiter((nan if t is None else t for times, _ in placed for t in times), np.float64,
                                 int(lengths.sum())),
        story_event=story_event, story_key=story_key, doc_ids=list(doc_ids), published_texts=list(published),
        zone=zone, one_zone=one_zone)


def reading_places(values: np.ndarray) -> tuple[float | None, ...]:
    """Places under each reading, stored as floats (NaN where a reading has no interval), as
    ``places.event_place`` gives them (None there)."""
    return tuple(None if missing else value for value, missing in zip(values.tolist(), np.isnan(values).tolist()))


def story_key(head: str, name: str) -> int:
    """The story of an event noun and a name as a 64-bit integer, the same in every process."""
    digest = blake2b(f"{head}\x1f{name}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _stories(events: Sequence[Event], members: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
    """(event, story key) for each of the ``members``' event nouns with each name of its sentence."""
    names_of: dict[str, frozenset[str]] = {}  # reports repeat sentences: each one's names found once
    keys_of: dict[tuple[str, str], int] = {}
    pairs: list[tuple[int, int]] = []
    for member in members:
        event = events[member]
        if not event.heads:
            continue  # in no story: its names (slow to find) would not be used
        found = names_of.get(event.sentence_text)
        if found is None:
            found = names_of[event.sentence_text] = sentence_names(event.sentence_text)
        for head in event.heads:
            for name in found:
                key = keys_of.get((head, name))
                if key is None:
                    key = keys_of[(head, name)] = story_key(head, name)
                pairs.append((member, key))
    table = np.array(pairs, np.int64).reshape(-1, 2)
    return table[:, 0].copy(), table[:, 1].copy()


def _zone(moments: Sequence[datetime]) -> tuple[str | None, bool]:
    """The key (``instants.zone_key``) of the one time zone of ``moments``, and whether there is
    one (or none at all)."""
    if not one_zone(moments):
        return None, False
    return (zone_key(moments[0].tzinfo) if moments else None), True


def recoded(codes: np.ndarray, texts: Sequence[str], common: dict[str, int]) -> np.ndarray:
    """A part's codes as codes into the common list (texts added to it as met)."""
    table = np.fromiter((common.setdefault(text, len(common)) for text in texts), _CODE, len(texts))
    return table[codes] if len(codes) else codes

