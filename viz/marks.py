"""How each event is drawn, and rows in which neither marks nor labels overlap.

:func:`marks` decides per event: a *point* (marker, with whiskers to the interval's ends)
or a *bar*, and for a *wide* event (``viz.uncertainty``) a light band over the whole
interval with the emphasised core as bar or marker. :func:`pack_rows` then places each
event's label beside it (right, else left, else inside its band) and gives every event the
first row of its lane where its mark and label fit, measuring in the pixels of a chart of
the nominal width (:data:`NOMINAL_WIDTH`), which is what ``viz.write_image`` draws by default.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

import pandas as pd

from viz.hover import event_label
from viz.uncertainty import core, precision, representative

NOMINAL_WIDTH: Final = 1200  # px: viz.static.DEFAULT_WIDTH
RIGHT_MARGIN: Final = 24  # px
PAD: Final = 0.02  # share of the time span left empty at either end of the axis
LABEL_FONT: Final = 11  # px
CHAR_PX: Final = 6.2  # average width of a label character at LABEL_FONT (a bit generous)
TICK_CHAR_PX: Final = 7.0  # the same for the lane names on the y axis (12 px font)
SPACE_PX: Final = 3.0  # width of a no-break space at LABEL_FONT
MARKER_SIZE: Final = 11  # px, diameter of an event marker
GAP_PX: Final = 12  # px kept free between neighbours in a row
NBSP: Final = "\u00a0"


@dataclass(frozen=True)
class Scale:
    """The x axis range and the pixel width it is drawn at (nominally)."""

    start: datetime
    end: datetime
    width: float

    @classmethod
    def of(cls, dated: pd.DataFrame, lane_labels: list[str]) -> Scale:
        """The range of ``dated`` with :data:`PAD` on either side, at the plot width of a
        :data:`NOMINAL_WIDTH` chart whose left margin holds ``lane_labels``."""
        if dated.empty:
            now = datetime(2000, 1, 1)
            return cls(now, now + timedelta(days=1), 800.0)
        first, last = min(dated["_from"]), max(dated["_to"])
        span = max(last - first, timedelta(hours=1))
        longest = max((len(html.unescape(label)) for label in lane_labels), default=4)
        width = NOMINAL_WIDTH - RIGHT_MARGIN - (longest * TICK_CHAR_PX + 50)
        return cls(first - span * PAD, last + span * PAD, max(width, 300.0))

    def px(self, moment: datetime) -> float:
        """``moment``'s distance in pixels from the left of the plot."""
        return (moment - self.start) / (self.end - self.start) * self.width


def marks(dated: pd.DataFrame, point_max: timedelta) -> pd.DataFrame:
    """``dated`` (with ``_from``, ``_to``) plus how each event is drawn.

    ``_kind``: ``"point"`` or ``"bar"``; ``_start``/``_end``: the bar, or the whisker of a
    point; ``_at``: the marker of a point (its representative time); ``_wide``: whether a
    light band covers ``[_from, _to)`` behind a core; ``_label``: the escaped label.
    """
    kinds, starts, ends, ats, wides = [], [], [], [], []
    rows = records(dated)
    for event in rows:
        start, end, mod = event["_from"], event["_to"], _string(event["mod"])
        found = core(start, end, mod, precision(_string(event["value"]), mod,
                                                _string(event["dated_by"])), point_max)
        if found is not None:
            point = found.end - found.start < point_max
            kinds.append("point" if point else "bar")
            starts.append(found.start)
            ends.append(found.end)
            ats.append(found.at if point else None)
            wides.append(True)
        else:
            point = end - start < point_max
            kinds.append("point" if point else "bar")
            starts.append(start)
            ends.append(end)
            ats.append(representative(start, end, mod) if point else None)
            wides.append(False)
    labels = [event_label(event) for event in rows]
    return dated.assign(_kind=kinds, _start=pd.Series(starts, index=dated.index, dtype=object),
                        _end=pd.Series(ends, index=dated.index, dtype=object),
                        _at=pd.Series(ats, index=dated.index, dtype=object), _wide=wides,
                        _label=labels)


def pack_rows(events: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """``events`` of one lane plus ``_row`` (0 = top), and where the label goes:
    ``_anchor`` (a time), ``_position`` (Plotly ``textposition``) and ``_text`` (the
    label padded with no-break spaces to keep it clear of the mark).

    Greedy by left edge: each event takes the first row whose last occupant ends at least
    :data:`GAP_PX` before it, counting marks and labels.
    """
    placed = [_place(event, scale) for event in records(events)]
    row_ends: list[float] = []
    rows = [0] * len(placed)
    for i in sorted(range(len(placed)), key=lambda i: placed[i].left):
        row = next((row for row, end in enumerate(row_ends) if end + GAP_PX <= placed[i].left),
                   len(row_ends))
        if row == len(row_ends):
            row_ends.append(placed[i].right)
        else:
            row_ends[row] = placed[i].right
        rows[i] = row
    return events.assign(_row=rows,
                         _anchor=pd.Series([p.anchor for p in placed], index=events.index,
                                           dtype=object),
                         _position=[p.position for p in placed], _text=[p.text for p in placed])


@dataclass(frozen=True)
class _Placed:
    left: float  # px, the whole of mark and label
    right: float
    anchor: datetime
    position: str
    text: str


def _place(event: Mapping[str, Any], scale: Scale) -> _Placed:
    """The label's side and the pixels that mark and label take up."""
    left, right = scale.px(event["_from"]), scale.px(event["_to"])
    left_time, right_time = event["_from"], event["_to"]
    if event["_kind"] == "point":
        marker, radius = scale.px(event["_at"]), MARKER_SIZE / 2 + 1
        left, right = min(left, marker - radius), max(right, marker + radius)
        left_time, right_time = min(left_time, event["_at"]), max(right_time, event["_at"])
    label = event["_label"]
    if not label:
        return _Placed(left, right, right_time, "middle right", "")
    spaces = 3 if event["_kind"] == "point" else 2
    width = len(html.unescape(label)) * CHAR_PX + spaces * SPACE_PX
    after, before = NBSP * spaces + label, label + NBSP * spaces
    if right + width <= scale.width:
        return _Placed(left, right + width, right_time, "middle right", after)
    if left - width >= 0:
        return _Placed(left - width, right, left_time, "middle left", before)
    if _room_inside(event, scale, left) >= width + SPACE_PX * spaces:
        return _Placed(left, right, left_time, "middle right", after)
    if scale.width - right >= left:
        return _Placed(left, right + width, right_time, "middle right", after)
    return _Placed(left - width, right, left_time, "middle left", before)


def _room_inside(event: Mapping[str, Any], scale: Scale, left: float) -> float:
    """Pixels free inside the event's bar or band, from its left end to its first mark."""
    if event["_wide"]:
        first = event["_at"] if event["_kind"] == "point" else event["_start"]
        return scale.px(first) - left - (MARKER_SIZE if event["_kind"] == "point" else 0)
    if event["_kind"] == "bar":
        return scale.px(event["_end"]) - left
    return 0.0


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts (what ``iterrows`` gives, without a Series per row)."""
    return frame.to_dict("records")


def _string(value: object) -> str:
    if value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value))):
        return ""
    return str(value)
