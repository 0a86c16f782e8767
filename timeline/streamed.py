"""The timeline of a corpus of any size: its events wait on disk while they are merged and ordered.

``timeline.corpus.timeline_of`` holds every event of a corpus in memory, as
Python objects, and then the whole table: about 7 GB for the 3.9 million events
of 100,000 articles. ``StreamedBuild`` keeps on disk, as they come in, each
event's row of the table (a ``RowSpill``), a few numbers of it (a
``ColumnFiles``: whether it is dated, its document, sentence and place under
each reading) and its order record in sorted runs (``timeline.sorted_runs``).
The reports (``timeline.reports``) of the events merging compares, those with
an event noun and a name dated by an expression, wait on disk too
(``timeline.stored_reports``), and so do the documents' ids and publication
times (``timeline.document_files``: events code their document by its number).
What stays in memory while the corpus comes in is a run of records being
gathered, a few documents' rows and reports, and the documents' extra input
fields (none for an input of id, published and text alone).

Merging (``merge.merge_plan``) reads those reports back and decides from them
alone: it is the one step whose memory grows with the corpus (with the events
it compares, about 300 bytes each at its peak); ordering
merges the runs back (``timeline.placing``), and ``tables()`` then gives the
events table a slice at a time, each slice exactly the rows ``timeline_of``
would give there, for the chart (``viz.ChartSample``) and the exports
(``timeline.exports.sinks``) to take in turn.

The workers (``corpus.corpus_spilled``) lay out each event's row of the table
(``timeline.rows``) and work out its reports, so this process only stores rows
and a few numbers per event.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from timeline.arrays import found_in_sorted
from timeline.column_files import ColumnFiles
from timeline.corpus import DocumentSpilled, ExtraColumns
from timeline.document_files import DocumentFiles, Repeats
from timeline.exports.timeml_stream import DocumentTexts
from timeline.memory import release_freed_memory
from timeline.merge import MergePlan, Said, merge_plan
from timeline.placing import ORDER_RECORD, KeptOrder, Placed, Placing
from timeline.reports import EventNames, Reports
from timeline.rows import ROW_SCHEMA, events_frame
from timeline.sorted_runs import RUN_ROWS, SortedRuns, key_order, sortable
from timeline.spill import RowSpill
from timeline.stored_reports import StoredReports

# Documents' reports joined into one part at a time: fewer, larger arrays while the corpus comes in.
JOIN_EVERY = 1024
# Rows of the events table made at a time: what the chart and the exports take at a time. A slice's
# table and what the exports make of it take a few kB a row: 65,536 rows held 200 MB more at the peak.
SLICE_ROWS = 1 << 14
# Events whose places in the timeline are stored in one file, read back at once; at most this many files.
STRETCH = 1 << 20
MAX_STRETCHES = 256


class StreamedBuild:
    """Takes a corpus' documents one by one, then gives its timeline's events table in slices.

    ``folder``: where the events wait (their rows, compressed: about 80 bytes an event for the benchmark's
    articles, more for real news; twice that while they are put in order; and about 60 bytes an event
    for ordering; an empty folder of its own, removed by the caller). ``keep_texts``: keep the
    documents' texts there too (``texts``), for TimeML. ``run_rows`` and ``stretch``: events sorted in
    memory at a time, and whose places are stored in one file (small ones test the seams).
    """

    def __init__(self, folder: Path, keep_texts: bool = False, run_rows: int = RUN_ROWS,
                 stretch: int = STRETCH) -> None:
        self.folder = folder
        self.texts = DocumentTexts(folder) if keep_texts else None
        self._stretch = stretch
        self._spill = RowSpill(folder)
        self._columns = ColumnFiles(folder, "events", {"dated": bool, "doc": np.int32, "sentence": np.int32,
                                                       "values": np.float64})
        self._runs = SortedRuns(folder, "order", ORDER_RECORD, run_rows)
        self._zones: set[str] = set()  # the zones of the events' intervals (``instants.zone_key``)
        self._stories = _Stories(folder)
        self._pending: list[Reports] = []
        self._documents = DocumentFiles(folder)  # the order records and columns code documents by number
        # of the pending documents: doc_id, publication time -> the number of the first to have it
        self._numbers: dict[str, int] = {}
        self._publications: dict[str, int] = {}
        self._events = self._undated = 0
        self._extras: dict[str, Mapping[str, Any]] = {}
        self._planned: _Planned | None = None

    def add(self, item: DocumentSpilled) -> None:
        """The next document and its events."""
        document = item.document
        rows = item.spilled.rows
        self._spill.add(rows)
        self._zones.update(rows.column("zone").drop_null().unique().to_pylist())
        if self.texts is not None:
            self.texts.add(document.id, document.text)
        reports = item.spilled.reports
        published = reports.published_texts[0] if reports.published_texts else ""  # a document's events share it
        number = self._documents.add(document.id, published)
        self._numbers.setdefault(document.id, number)
        self._publications.setdefault(published, number)
        self._pending.append(reports)
        if len(self._pending) >= JOIN_EVERY:
            self._absorb(Reports.joined(self._pending))
        # As timeline_of keeps them: the last document of an id gives its fields, in the place of the first.
        if document.extra or document.id in self._extras:
            self._extras[document.id] = document.extra

    @property
    def count(self) -> int:
        """Events taken so far."""
        return self._spill.count

    @property
    def shape(self) -> tuple[int, int]:
        """How many events the timeline has, and how many of them are dated (once planned)."""
        planned = self.plan()
        return planned.placed.dated + planned.placed.undated, planned.placed.dated

    def plan(self) -> _Planned:
        """Merge and order the events (once every document is in)."""
        if self._planned is None:
            if self._pending:
                self._absorb(Reports.joined(self._pending))
            self._spill.close()  # what they hold in memory goes to disk before merging needs memory
            self._runs.write_held()
            self._planned = self._place()
            release_freed_memory()  # what merging and ordering freed, for the slices to come
        return self._planned

    def tables(self, rows_at_a_time: int = SLICE_ROWS) -> Iterator[pd.DataFrame]:
        """The events table in slices of ``rows_at_a_time`` rows (the last one shorter): concatenated, the
        ``events`` of ``timeline_of`` the same documents, the index of each slice from 0."""
        planned = self.plan()
        extra = ExtraColumns.of(self._extras)
        placed = planned.placed
        try:
            if not placed.dated + placed.undated:  # no events: the empty table, with the input's columns
                self._spill.discard()
                yield extra.added_to(events_frame(ROW_SCHEMA.empty_table(), (), (), {}))
                return
            positions = planned.placing.positions(self._columns.chunks("dated", planned.placing.stretch), placed)
            start = 0
            timeline = planned.placing.timeline
            for rows in self._spill.in_order(positions, placed.dated + placed.undated, rows_at_a_time):
                count = rows.num_rows
                said = planned.said.within(rows.column("event_id").to_pylist())
                yield extra.added_to(events_frame(rows, timeline.read("rank", start, count),
                                                  timeline.read("certainty", start, count), said, self._zones))
                start += count
        finally:
            planned.placing.discard()
            self._columns.discard()
            self._documents.discard()

    def _absorb(self, part: Reports) -> None:
        """Store the reports of the next documents' events on disk: every event's numbers and order
        record, and the reports of the events merging will compare."""
        self._pending = []
        count = len(part)
        records = np.empty(count, ORDER_RECORD)
        records["place"] = sortable(part.middle)
        records["tie"] = records["event"] = self._events + np.arange(count)
        numbers, published = (np.fromiter(map(table.__getitem__, texts), np.int32, len(texts))[codes] for table, texts, codes
                              in ((self._numbers, part.doc_ids, part.doc),
                                  (self._publications, part.published_texts, part.published)))
        self._numbers, self._publications = {}, {}
        records["doc"] = numbers
        records["readings"] = np.diff(part.place_starts)
        records["values"] = part.place_starts[:-1] + self._columns.lengths["values"]
        self._columns.add(dated=part.dated, doc=records["doc"], sentence=part.sentence, values=part.place_values)
        members = np.unique(part.story_event)
        others = part.dated.copy()
        others[members] = False
        self._runs.add(records[others])  # in merged order, by event: the tie-break is the event
        self._stories.add(replace(part, doc=numbers, published=published, doc_ids=self._documents.ids,
                                  published_texts=self._documents.published), members, records[members])
        self._events += count
        self._undated += int(count - part.dated.sum())

    def _place(self) -> _Planned:
        repeats = self._documents.repeats()
        names, plan = self._stories.merged(repeats)
        records = self._stories.records()  # read only now: merging does not need them
        events = np.ascontiguousarray(records["event"])
        kept = KeptOrder(events, events[plan.anchors])
        placing = Placing(self.folder, self._events, max(self._stretch, -(-self._events // MAX_STRETCHES)))

        def in_merged_order(records: np.ndarray) -> np.ndarray:
            records["tie"] = kept.of_others(records["event"])  # the same order: merging moves none of them
            records["doc"] = repeats.canonical(records["doc"])
            return records

        moved = records[plan.kept]
        del records
        moved["tie"] = kept.of_kept()
        moved["doc"] = repeats.canonical(moved["doc"])
        moved = moved[key_order(moved)]
        placed = placing.place(self._runs.merged(in_merged_order, also=[moved]), self._columns, self._undated)
        said = _said(names, plan, repeats, kept, self._columns)
        return _Planned(placing, placed, said)


class _Stories:
    """The reports merging compares (events dated by an expression, with a noun and a name), their
    corpus indices and order records, gathered part by part on disk in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self._reports = StoredReports(folder, "stories")
        self._records = ColumnFiles(folder, "stories", {"records": ORDER_RECORD})
        self._zones: set[str | None] = set()
        self._one_zone = True

    def add(self, part: Reports, members: np.ndarray, records: np.ndarray) -> None:
        # merging compares the intervals of every event an expression dates, by wall clock when
        # they are all of one zone: a part's events outside any story count for that too
        self._one_zone &= part.one_zone
        if part.merge_dated.any():
            self._zones.add(part.zone)
        if len(members):
            self._reports.add(part.taken(members))
            self._records.add(records=records)

    def merged(self, repeats: Repeats) -> tuple[EventNames, MergePlan]:
        """What merging decides of the stories' reports (documents of one id are one document to
        merging, as their reports are in memory), and what names their events."""
        one_zone = self._one_zone and len(self._zones) <= 1
        joined = self._reports.joined()
        stories = replace(joined, doc=repeats.canonical(joined.doc), one_zone=one_zone,
                          zone=next(iter(self._zones), None) if one_zone else None)
        return stories.names(), merge_plan(stories)

    def records(self) -> np.ndarray:
        """The order records of the stories' events, in corpus order (read once: their file goes)."""
        records = self._records.whole("records")
        self._records.discard()
        return records


@dataclass(frozen=True, slots=True)
class _Planned:
    """Where each event goes in the timeline, with its rank and certainty (``placing``); what to say
    of merged and conflicting events, by event_id."""

    placing: Placing
    placed: Placed
    said: SaidOf


def _said(stories: EventNames, plan: MergePlan, repeats: Repeats, kept: KeptOrder, columns: ColumnFiles) -> SaidOf:
    """What the table says of merged and conflicting events, by event_id, as ``builder._details``
    makes it: an event_id that two events share (documents of one id) takes the last one's in
    the merged order."""
    noted = plan.noted
    if not repeats or not len(noted):
        return SaidOf(stories, plan, noted)
    at = kept.of_kept()  # each kept story event's position in the merged order
    wanted = {}
    for position, index in zip(noted.tolist(), plan.kept[noted].tolist()):
        wanted[(int(stories.doc[index]), int(stories.sentence[index]))] = position
    last = _last_positions(wanted, repeats, kept, plan, at, columns)
    return SaidOf(stories, plan, np.array(sorted(position for key, position in wanted.items()
                                                 if last.get(key, at[position]) == at[position]), np.int64))


class SaidOf(Mapping[str, Said]):
    """event_id -> what the table says of a merged or conflicting event, made when asked: from the
    positions (in ``plan.kept``) of the events there is more to say of, looked up by a hash of
    their event ids. Millions of conflicts would take gigabytes as Python objects."""

    def __init__(self, stories: EventNames, plan: MergePlan, positions: np.ndarray) -> None:
        self._stories, self._plan = stories, plan
        hashes = np.fromiter(map(hash, self._event_ids(positions)), np.int64, len(positions))
        order = np.argsort(hashes, kind="stable")
        self._hashes, self._positions = hashes[order], positions[order]

    def within(self, event_ids: list[str]) -> dict[str, Said]:
        """The entries of these event ids (a slice's): a dict ``events_frame`` looks rows up in."""
        hashes = np.fromiter(map(hash, event_ids), np.int64, len(event_ids))
        _, listed = found_in_sorted(self._hashes, hashes)
        maybe = dict.fromkeys(event_ids[k] for k in np.flatnonzero(listed).tolist())
        found = self._positions_of(list(maybe))
        return dict(zip(found, self._plan.said_of(list(found.values()), self._stories)))

    def __getitem__(self, event_id: str) -> Said:
        found = self._positions_of([event_id])
        if not found:
            raise KeyError(event_id)
        return self._plan.said_at(found[event_id], self._stories)

    def _positions_of(self, event_ids: list[str]) -> dict[str, int]:
        """The position of each of these event ids that has an entry (the last event of the id)."""
        codes = np.fromiter(map(hash, event_ids), np.int64, len(event_ids))
        lows = np.searchsorted(self._hashes, codes, "left").tolist()
        highs = np.searchsorted(self._hashes, codes, "right").tolist()
        candidates = [self._positions[low:high] for low, high in zip(lows, highs)]
        named = iter(self._event_ids(np.concatenate([np.zeros(0, np.int64), *candidates])))
        found = {}
        for event_id, positions in zip(event_ids, candidates):
            same = [p for p, name in zip(positions.tolist(), named) if name == event_id]  # not another of the hash
            if same:
                found[event_id] = max(same)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._event_ids(np.sort(self._positions)))

    def __len__(self) -> int:
        return len(self._positions)

    def _event_ids(self, positions: np.ndarray) -> list[str]:
        """The event ids of the events at ``positions`` (in ``plan.kept``), named at once."""
        return [event_id for event_id, _ in self._stories.named(self._plan.kept[positions])]


def _last_positions(wanted: dict[tuple[int, int], int], repeats: Repeats, kept: KeptOrder, plan: MergePlan,
                    at: np.ndarray, columns: ColumnFiles) -> dict[tuple[int, int], int]:
    """For each (document, sentence) in ``wanted`` (documents coded by the first of their id), the last
    merged-order position of an event it names among the documents of repeated ids (events merged
    into another have none)."""
    last: dict[tuple[int, int], int] = {}
    kept_at = dict(zip(kept.story_events[plan.kept].tolist(), at.tolist()))
    in_story = set(kept.story_events.tolist())
    start = 0
    shared = list(repeats.shared)
    for docs, sentences in zip(columns.chunks("doc", STRETCH), columns.chunks("sentence", STRETCH)):
        docs = repeats.canonical(docs)
        for offset in np.flatnonzero(np.isin(docs, shared)).tolist():
            key = (int(docs[offset]), int(sentences[offset]))
            if key not in wanted:
                continue
            event = start + offset
            position = kept_at.get(event) if event in in_story else int(kept.of_others(np.array([event]))[0])
            if position is not None:
                last[key] = max(last.get(key, position), position)
        start += len(docs)
    return last
