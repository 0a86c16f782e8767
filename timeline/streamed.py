"""The timeline of a corpus of any size: its events wait on disk while they are merged and ordered.

``timeline.corpus.timeline_of`` holds every event of a corpus in memory, as
Python objects, and then the whole table: about 7 GB for the 3.9 million events
of 100,000 articles. ``StreamedBuild`` holds only their reports
(``timeline.reports``: a few dozen bytes an event) and each document's extra
input fields; their rows of the table go to a ``RowSpill`` in a folder as they
come in. Merging (``merge.merge_plan``) and ordering (``ordering.placed_order``)
decide from the reports alone; ``tables()`` then gives the events table a slice
at a time, each slice exactly the rows ``timeline_of`` would give there, for
the chart (``viz.ChartSample``) and the exports (``timeline.exports.sinks``) to
take in turn.

The workers (``corpus.spilled_events_of``) lay out each event's row of the table
(``timeline.rows``) and work out its reports, so this process only stores rows
and a few numbers per event.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from timeline.corpus import DocumentSpilled, ExtraColumns
from timeline.exports.timeml_stream import DocumentTexts
from timeline.memory import release_freed_memory
from timeline.merge import MergePlan, Said, merge_plan
from timeline.ordering import placed_order, with_undated
from timeline.reports import Reports
from timeline.rows import ROW_SCHEMA, events_frame
from timeline.spill import RowSpill

# Documents' reports joined into one part at a time: fewer, larger arrays while the corpus comes in.
JOIN_EVERY = 1024
# Rows of the events table made at a time: what the exports render at a time.
SLICE_ROWS = 1 << 16


class StreamedBuild:
    """Takes a corpus' documents one by one, then gives its timeline's events table in slices.

    ``folder``: where the events wait (their rows, compressed: about 80 bytes an event for the benchmark's
    articles, more for real news; twice that while they are put in order; an empty folder of its own,
    removed by the caller). ``keep_texts``: keep the documents' texts there too (``texts``), for
    TimeML.
    """

    def __init__(self, folder: Path, keep_texts: bool = False) -> None:
        self.folder = folder
        self.texts = DocumentTexts(folder) if keep_texts else None
        self._spill = RowSpill(folder)
        self._zones: set[str] = set()  # the zones of the events' intervals (``instants.zone_key``)
        self._parts: list[Reports] = []
        self._pending: list[Reports] = []
        self._extras: dict[str, Mapping[str, Any]] = {}
        self._seen: dict[str, int] = {}  # doc_id -> how many documents had it
        self._planned: _Planned | None = None

    def add(self, item: DocumentSpilled) -> None:
        """The next document and its events."""
        document = item.document
        rows = item.spilled.rows
        self._spill.add(rows)
        self._zones.update(rows.column("zone").drop_null().unique().to_pylist())
        if self.texts is not None:
            self.texts.add(document.id, document.text)
        self._pending.append(item.spilled.reports)
        if len(self._pending) >= JOIN_EVERY:
            self._parts.append(Reports.joined(self._pending))
            self._pending = []
        # As timeline_of keeps them: the last document of an id gives its fields, in the place of the first.
        if document.extra or document.id in self._extras:
            self._extras[document.id] = document.extra
        self._seen[document.id] = self._seen.get(document.id, 0) + 1

    @property
    def count(self) -> int:
        """Events taken so far."""
        return self._spill.count

    @property
    def shape(self) -> tuple[int, int]:
        """How many events the timeline has, and how many of them are dated (once planned)."""
        if self._planned is None:
            self.plan()
        assert self._planned is not None
        return len(self._planned.ranks), self._planned.dated

    def plan(self) -> None:
        """Merge and order the events, from their reports (once every document is in)."""
        parts, self._parts = self._parts, []
        if self._pending:
            parts.append(Reports.joined(self._pending))
        reports = Reports.joined(parts)
        repeated = {doc_id for doc_id, seen in self._seen.items() if seen > 1}
        self._planned = _planned(reports, merge_plan(reports), repeated)
        del reports
        release_freed_memory()  # what merging and ordering freed, for the slices to come

    def tables(self, rows_at_a_time: int = SLICE_ROWS) -> Iterator[pd.DataFrame]:
        """The events table in slices of ``rows_at_a_time`` rows (the last one shorter): concatenated, the
        ``events`` of ``timeline_of`` the same documents, the index of each slice from 0."""
        if self._planned is None:
            self.plan()
        planned = self._planned
        assert planned is not None
        extra = ExtraColumns.of(self._extras)
        if not len(planned.ranks):  # no events: the empty table, with the input's columns
            self._spill.discard()
            yield extra.added_to(events_frame(ROW_SCHEMA.empty_table(), (), (), {}))
            return
        start = 0
        for rows in self._spill.in_order(planned.position, rows_at_a_time):
            end = start + rows.num_rows
            yield extra.added_to(events_frame(rows, planned.ranks[start:end], planned.certainties[start:end],
                                              planned.said, self._zones))
            start = end


@dataclass(frozen=True, slots=True)
class _Planned:
    """Where each stored event goes in the timeline (-1: merged into another), and, by place,
    each one's rank and certainty; what to say of merged and conflicting events, by event_id."""

    position: np.ndarray
    ranks: np.ndarray
    certainties: np.ndarray
    said: dict[str, Said]
    dated: int


def _planned(reports: Reports, plan: MergePlan, repeated: set[str]) -> _Planned:
    """Every kept event's place: the dated ones by ``placed_order``, then the undated ones."""
    kept = plan.kept
    dated = kept[reports.dated[kept]]
    undated = kept[~reports.dated[kept]]
    place, ranks, certainties = placed_order(reports.middle[dated], np.diff(reports.place_starts)[dated],
                                             lambda k: reports.places(int(dated[k])), reports.doc[dated])
    timeline_order = np.concatenate([dated[place], undated])
    position = np.full(len(reports), -1, np.int64)
    position[timeline_order] = np.arange(len(timeline_order))
    ranks, certainties = with_undated(ranks, certainties, len(undated))
    return _Planned(position, ranks, certainties, _said(reports, plan, repeated), len(dated))


def _said(reports: Reports, plan: MergePlan, repeated: set[str]) -> dict[str, Said]:
    """event_id -> what the table says of it, as ``builder._details`` makes it: an event_id
    that two events share (documents of one id) takes the last one's."""
    last: dict[str, int] = {}
    if repeated:
        codes = [k for k, doc_id in enumerate(reports.doc_ids) if doc_id in repeated]
        shared = np.flatnonzero(np.isin(reports.doc[plan.kept], codes))
        last = {reports.event_id(int(plan.kept[p])): int(p) for p in shared.tolist()}
    said = {}
    for position, told in plan.said(reports):
        event_id = reports.event_id(int(plan.kept[position]))
        if last.get(event_id, position) == position:
            said[event_id] = told
    return said
