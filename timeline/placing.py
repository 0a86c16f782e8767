"""A corpus' events put in timeline order on disk: what ``ordering.placed_order`` does in memory.

``ordering.order`` sorts the dated events of the merged timeline by place (text
order, that is the merged order, breaking ties), ranks them and says how sure
each step is; the undated ones follow. ``Placing`` does the same for a
corpus whose events wait on disk: their order records come from sorted runs
(``timeline.sorted_runs``), each event's place in the timeline goes to a file
per stretch of the corpus (read back in the events' own order by
``positions``), and the ranks and certainties to a column in timeline order.

Merging moves a few events: the events of a group of reports stand where the
group's first report stood (``merge.MergePlan.anchors``). ``KeptOrder`` gives
each event's place in the merged order from the few that merging touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from timeline.arrays import runs
from timeline.column_files import ColumnFiles
from timeline.ordering import ranked, share_before, undated_places
from timeline.reports import reading_places
from timeline.sorted_runs import unsortable

# What ordering reads of a dated event: its place (``sorted_runs.sortable``), the tie-break (its
# place in the merged order), the event (its place in the corpus), its document, and where its
# place under each reading is stored (``readings`` values from ``values`` on).
ORDER_RECORD = np.dtype([("place", np.int64), ("tie", np.int64), ("event", np.int64), ("doc", np.int32),
                         ("readings", np.int32), ("values", np.int64)])
# An event and its place in the timeline.
_PLACED = np.dtype([("event", np.int64), ("position", np.int64)])


@dataclass(frozen=True, slots=True)
class KeptOrder:
    """Where events stand in the merged order, from the events merging looked at alone.

    ``story_events``: the corpus indices (ascending) of the events merging compared; of them,
    the merged order keeps some, each standing where its ``anchors`` entry (a corpus index,
    ascending) stood. Every other event stands in its own place, in corpus order.
    """

    story_events: np.ndarray
    anchors: np.ndarray

    def of_others(self, events: np.ndarray) -> np.ndarray:
        """The merged-order positions of events merging did not compare (corpus indices)."""
        return events - np.searchsorted(self.story_events, events) + np.searchsorted(self.anchors, events)

    def of_kept(self) -> np.ndarray:
        """The merged-order positions of the kept events merging compared, in their merged order."""
        return self.anchors - np.searchsorted(self.story_events, self.anchors) + np.arange(len(self.anchors))


@dataclass(frozen=True, slots=True)
class Placed:
    """The timeline's shape once its events are placed."""

    dated: int  # the dated events, first in the timeline
    undated: int


class Placing:
    """Events' places in the timeline (``position``) and, in timeline order, their ranks and
    certainties, stored in ``folder`` for a corpus of ``count`` events."""

    def __init__(self, folder: Path, count: int, stretch: int) -> None:
        self.count = count
        self.stretch = max(1, stretch)
        stretches = -(-count // self.stretch)
        self._placed = ColumnFiles(folder, "placed", {str(k): _PLACED for k in range(stretches)})
        self.timeline = ColumnFiles(folder, "timeline", {"rank": np.int64, "certainty": np.float64})

    def place(self, ordered: Iterator[np.ndarray], values: ColumnFiles, undated: int) -> Placed:
        """Take the dated events' order records in timeline order (``ordered``, in blocks); the
        ``undated`` events come after them. ``values``: the events' places under each reading."""
        previous: np.ndarray | None = None
        rank = dated = 0
        for block in ordered:
            records = block if previous is None else np.concatenate([previous, block])
            middles = unsortable(records["place"])

            def share(k: int, records: np.ndarray = records) -> float:
                before, after = records[k - 1], records[k]
                return share_before(bool(before["doc"] == after["doc"]), _reps(values, before), _reps(values, after))

            ranks, certainties = ranked(middles, records["readings"] != 1, share, rank)
            if previous is not None:
                ranks, certainties = ranks[1:], certainties[1:]
            self.timeline.add(rank=ranks, certainty=certainties)
            self._store(block["event"], dated + np.arange(len(block)))
            dated += len(block)
            previous, rank = block[-1:], int(ranks[-1])
        after = rank + 1 if dated else 0
        for start in range(0, undated, self.stretch):
            ranks, certainties = undated_places(after, min(self.stretch, undated - start))
            self.timeline.add(rank=ranks, certainty=certainties)
        return Placed(dated, undated)

    def positions(self, dated_flags: Iterator[np.ndarray], placed: Placed) -> Iterator[np.ndarray]:
        """Every event's place in the timeline, in corpus order, a stretch at a time (-1: merged into
        another). ``dated_flags``: whether each event is dated, in corpus order, a stretch at a time."""
        undated_before = 0
        for k, dated in enumerate(dated_flags):
            assert len(dated) == min(self.stretch, self.count - k * self.stretch)
            position = np.full(len(dated), -1, np.int64)
            pairs = self._placed.read(str(k), 0, self._placed.lengths[str(k)])
            position[pairs["event"] - k * self.stretch] = pairs["position"]
            undated = np.flatnonzero(~dated)
            position[undated] = placed.dated + undated_before + np.arange(len(undated))
            undated_before += len(undated)
            yield position

    def discard(self) -> None:
        """The places, ranks and certainties are read: their files go."""
        self._placed.discard()
        self.timeline.discard()

    def _store(self, events: np.ndarray, positions: np.ndarray) -> None:
        pairs = np.empty(len(events), _PLACED)
        pairs["event"], pairs["position"] = events, positions
        stretch = events // self.stretch
        order = np.argsort(stretch, kind="stable")
        pairs, stretch = pairs[order], stretch[order]
        for low, high in runs(stretch):
            self._placed.add(**{str(int(stretch[low])): pairs[low:high]})


def _reps(values: ColumnFiles, record: np.void) -> tuple[float | None, ...]:
    """An event's place under each reading (None where a reading has no interval)."""
    return reading_places(values.read("values", int(record["values"]), int(record["readings"])))
