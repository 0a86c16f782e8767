"""The chart of an events table too large to hold: what it needs, collected chunk by chunk.

``viz.plot_timeline`` draws at most ``max_events`` dated events (the most reported, then
the most certain: ``viz.plot.most_reported``) and names only the first few undated ones, so
a table read as consecutive chunks can be reduced as it comes::

    sample = ChartSample()
    for chunk in chunks:            # slices of timeline.events in rank order
        sample.add(chunk)
    figure = viz.plot_timeline(sample.timeline(), lane=lane)

The figure equals that of the whole table whatever the chunking, provided ``plot_timeline``
is given no more ``max_events`` than the sample kept. A sample holds at most
``max_events + KEPT_UNDATED`` rows, and up to :data:`BATCH_ROWS` rows of small chunks not yet
reduced (``batch_rows``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from viz.hover import MAX_LISTED_UNDATED
from viz.marks import CHAR_PX, NOMINAL_WIDTH
from viz.plot import MAX_EVENTS, MIN_NOTE_CHARS, by_rank, is_dated, most_reported

# The undated note (viz.hover.undated_label) reads at most budget + 1 ids and
# 2 * MAX_LISTED_UNDATED sentences. Its budget (viz.plot.undated_budget) is the characters
# of a plot no wider than NOMINAL_WIDTH (Scale.of never makes it wider), or MIN_NOTE_CHARS.
KEPT_UNDATED: Final = max(int(NOMINAL_WIDTH / CHAR_PX), MIN_NOTE_CHARS, 2 * MAX_LISTED_UNDATED) + 1
# Rows of small chunks gathered before they are reduced: reducing costs about the same for
# one row as for thousands, so a stream of tiny chunks would otherwise be slow.
BATCH_ROWS: Final = 4096


@dataclass(frozen=True)
class SampledTimeline:
    """Some rows of a large events table, with the table's counts: ``plot_timeline`` reads both."""

    events: pd.DataFrame
    dated_total: int
    undated_total: int


class ChartSample:
    """Collects, chunk by chunk, what plot_timeline needs from a large events table: at most
    ``max_events`` dated rows (the ones ``most_reported`` would choose), the first few
    undated rows, and the counts."""

    def __init__(self, max_events: int | None = MAX_EVENTS, *,
                 batch_rows: int = BATCH_ROWS) -> None:
        """``max_events``: dated rows kept (None: all), at least ``plot_timeline``'s own;
        ``batch_rows``: rows of small chunks gathered before they are reduced."""
        self.max_events = max_events
        self.batch_rows = batch_rows
        self._dated_total = 0
        self._undated_total = 0
        self._rows = 0  # rows added so far: the next chunk's first position in the table
        self._empty: pd.DataFrame | None = None  # the table's columns and dtypes, no rows
        self._pending: list[pd.DataFrame] = []  # chunks not yet reduced, indexed by position
        self._pending_rows = 0
        self._dated: pd.DataFrame | None = None  # in table order, indexed by position
        self._undated: pd.DataFrame | None = None  # in rank order, indexed by position

    @property
    def columns(self) -> pd.Index:
        """The table's columns (none before the first chunk): which lanes the chart can have."""
        return pd.Index([]) if self._empty is None else self._empty.columns

    def add(self, chunk: pd.DataFrame) -> None:
        """Take in the next rows of the table (their index is ignored).

        Raises:
            ValueError: ``chunk`` has other columns than the chunks before it.
        """
        self._check_columns(chunk)
        if chunk.empty:
            return
        # Positions in the whole table break ties as the whole table's order would.
        self._pending.append(chunk.set_axis(pd.RangeIndex(self._rows, self._rows + len(chunk))))
        self._rows += len(chunk)
        self._pending_rows += len(chunk)
        if self._pending_rows >= self.batch_rows:
            self._reduce()

    def timeline(self) -> SampledTimeline:
        """The kept rows in table order, with the counts of the whole table."""
        self._reduce()
        kept = [part for part in (self._dated, self._undated) if part is not None and len(part)]
        if kept:
            events = pd.concat(kept).sort_index()
        else:  # no rows: still the table's columns, so plot_timeline can check the lane
            events = pd.DataFrame() if self._empty is None else self._empty
        return SampledTimeline(events, self._dated_total, self._undated_total)

    def _reduce(self) -> None:
        """Count the pending rows and keep those the chart may need."""
        if not self._pending:
            return
        rows = pd.concat(self._pending) if len(self._pending) > 1 else self._pending[0]
        self._pending, self._pending_rows = [], 0
        usable = is_dated(rows)
        dated, undated = rows[usable], rows[~usable]
        self._dated_total += len(dated)
        self._undated_total += len(undated)
        # The best of (the best so far + new rows) are the best of all rows so far; the kept
        # rows come first, so ties go to the earlier row as in the whole table.
        if len(dated):
            self._dated = most_reported(_joined(self._dated, dated), self.max_events)
        if len(undated):
            self._undated = by_rank(_joined(self._undated, undated)).head(KEPT_UNDATED)

    def _check_columns(self, chunk: pd.DataFrame) -> None:
        if self._empty is None:
            self._empty = chunk.iloc[:0].reset_index(drop=True)
        elif not chunk.columns.equals(self._empty.columns):
            raise ValueError(f"a chunk's columns ({', '.join(map(str, chunk.columns))}) differ "
                             f"from the first chunk's ({', '.join(map(str, self._empty.columns))})")


def _joined(kept: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """``kept`` then ``new``, whose rows come later in the table (no concat of an empty frame)."""
    if kept is None or kept.empty:
        return new
    return kept if new.empty else pd.concat([kept, new])
