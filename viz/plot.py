"""The timeline chart: events on a time axis, in lanes, with their uncertainty.

Structure of the figure returned by :func:`plot_timeline` (tests and callers may rely on it):

- per lane (a document, or a value of the ``lane`` column) up to three traces, in lane
  order: a horizontal ``Bar`` trace with the lane's *intervals* (events whose interval
  ``[earliest, latest)`` lasts at least ``point_max``, drawn as a light band over the whole
  interval), a ``Scatter`` line trace of *whiskers* (``meta="whiskers"``, no
  ``customdata``, no hover) from ``earliest`` to ``latest`` of each shorter interval, and a
  ``Scatter`` marker trace with those *points* (a marker in the interval's middle);
- each drawn event is one element of one bar or marker trace; ``customdata`` holds its
  ``event_id`` and ``hovertext`` its escaped hover label;
- lanes are bands of rows on a numeric y axis (ticks named after the lanes, first lane on
  top); overlapping events of a lane go to separate rows;
- fill and marker opacity grow with the event's ``certainty``;
- undated events are not drawn: the subtitle counts them and an annotation (named
  ``"undated"``) lists their ids, with their sentences as hover text;
- ``layout.meta["locale"]`` is ``"da"`` for Danish charts (``viz.write_html`` then gives
  the axis Danish month and weekday names).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Protocol
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, qualitative

from viz.hover import Words, counted, escape, hover_text, undated_label, words_for

ZONE: Final = ZoneInfo("Europe/Copenhagen")
POINT_MAX: Final = timedelta(hours=2)
COLUMNS: Final = ("event_id", "doc_id", "sentence", "sentence_text", "trigger", "expression",
                  "type", "value", "mod", "earliest", "latest", "dated_by", "certainty", "rank")
ROW_GAP: Final = 0.8  # empty rows between lanes
CAP: Final = 0.2  # half the height of a whisker's end cap, in rows
PALETTE: Final = qualitative.Plotly


class TimelineLike(Protocol):
    """Anything with an ``events`` table in the Timeline contract (``timeline.model``)."""

    events: pd.DataFrame


@dataclass(frozen=True)
class Lane:
    """One lane's drawn events (with ``_from``, ``_to``, ``_y`` columns) and its place."""

    label: str
    events: pd.DataFrame
    centre: float
    top: float
    bottom: float
    colour: str


def plot_timeline(timeline: TimelineLike, lane: str = "doc_id", danish: bool = True, *,
                  point_max: timedelta = POINT_MAX, title: str | None = None) -> go.Figure:
    """Draw the events of ``timeline`` on a time axis, one lane per value of ``lane``.

    Args:
        timeline: a ``timeline.model.Timeline`` or anything with such an ``events`` table.
        lane: the events column whose values make the lanes (default: the document).
        danish: Danish words and date labels (else English words and ISO dates).
        point_max: intervals shorter than this are drawn as points with whiskers.
        title: the chart's title (default "Tidslinje" / "Timeline"); escaped.

    Returns:
        A new figure; nothing is written or shown. See the module docstring for its traces.

    Raises:
        TypeError: ``timeline`` has no ``events`` DataFrame.
        ValueError: a needed column, or the ``lane`` column, is missing.
    """
    events = _checked_events(timeline, lane)
    dated, undated = _split_dated(events)
    words = words_for(danish)
    lanes = _lanes(dated, lane, words)
    figure = go.Figure()
    for each in lanes:
        figure.add_traces(_lane_traces(each, point_max, words, danish))
    figure.update_layout(_layout(lanes, lane, words, danish),
                         title_text=_title(title, len(dated), len(undated), words))
    _add_notes(figure, dated, undated, words)
    return figure


def _checked_events(timeline: TimelineLike, lane: str) -> pd.DataFrame:
    events = getattr(timeline, "events", None)
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"plot_timeline needs a Timeline with an `events` DataFrame, "
                        f"got {type(timeline).__name__} with events={type(events).__name__}")
    missing = [name for name in COLUMNS if name not in events.columns]
    if missing:
        raise ValueError(f"timeline.events lacks the column(s) {', '.join(missing)}; "
                         f"found: {', '.join(map(str, events.columns))}")
    if lane not in events.columns:
        raise ValueError(f"lane={lane!r} is not a column of timeline.events; "
                         f"choose one of: {', '.join(map(str, events.columns))}")
    return events


def _split_dated(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events with a usable interval (as wall-clock ``_from``/``_to``), and the others."""
    ordered = events.sort_values("rank", kind="stable", na_position="last")
    starts = ordered["earliest"].map(_wall_clock)
    ends = ordered["latest"].map(_wall_clock)
    usable = starts.notna() & ends.notna()
    dated = ordered[usable].assign(_from=starts[usable], _to=ends[usable])
    dated["_to"] = [max(start, end) for start, end in zip(dated["_from"], dated["_to"])]
    return dated, ordered[~usable]


def _wall_clock(value: Any) -> datetime | None:
    """A naive Copenhagen wall-clock datetime (what Plotly's date axis expects), or None."""
    if value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value))):
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(ZONE).tz_localize(None)
    moment: datetime = stamp.to_pydatetime()
    return moment


def _lanes(dated: pd.DataFrame, lane: str, words: Words) -> list[Lane]:
    """Lanes in order of their first event, each packed into rows of non-overlapping events."""
    if dated.empty:
        return []
    keys = dated[lane].map(lambda value: escape(value) or words.none)
    # Events closer than 1/80 of the whole span would overlap on screen: give them rows too.
    min_width = max(dated["_to"].max() - dated["_from"].min(), timedelta(hours=1)) / 80
    lanes: list[Lane] = []
    for index, key in enumerate(dict.fromkeys(keys)):
        top = lanes[-1].bottom + ROW_GAP + 0.5 if lanes else 0.0
        lanes.append(_lane(key, dated[keys == key], top, min_width, PALETTE[index % len(PALETTE)]))
    return lanes


def _lane(label: str, members: pd.DataFrame, top: float, min_width: timedelta,
          colour: str) -> Lane:
    """One lane whose first row is at ``top``."""
    rows = _pack_rows(list(members["_from"]), list(members["_to"]), min_width)
    last = top + max(rows)
    return Lane(label=label, events=members.assign(_y=[top + row for row in rows]),
                centre=(top + last) / 2, top=top - 0.5, bottom=last + 0.5, colour=colour)


def _pack_rows(starts: list[datetime], ends: list[datetime], min_width: timedelta) -> list[int]:
    """Row numbers such that events in one row do not overlap (greedy, by start time).

    Each event counts as at least ``min_width`` wide, around its middle.
    """
    row_ends: list[datetime] = []
    rows = [0] * len(starts)
    for i in sorted(range(len(starts)), key=starts.__getitem__):
        middle = starts[i] + (ends[i] - starts[i]) / 2
        start = min(starts[i], middle - min_width / 2)
        end = max(ends[i], middle + min_width / 2)
        row = next((row for row, row_end in enumerate(row_ends) if row_end <= start), len(row_ends))
        if row == len(row_ends):
            row_ends.append(end)
        else:
            row_ends[row] = end
        rows[i] = row
    return rows


def _lane_traces(lane: Lane, point_max: timedelta, words: Words,
                 danish: bool) -> list[go.BaseTraceType]:
    """The lane's bars, then its whiskers and points; the first with events gets the legend."""
    is_point = (lane.events["_to"] - lane.events["_from"]) < point_max
    bars, points = lane.events[~is_point], lane.events[is_point]
    traces: list[go.BaseTraceType] = [_bar_trace(lane, bars, words, danish)] if len(bars) else []
    if len(points):
        traces += [_whisker_trace(lane, points), _point_trace(lane, points, words, danish)]
    with_events = [trace for trace in traces if trace.customdata is not None]
    for trace in traces:
        trace.update(name=lane.label, legendgroup=lane.label, showlegend=trace is with_events[0])
    return traces


def _bar_trace(lane: Lane, events: pd.DataFrame, words: Words, danish: bool) -> go.Bar:
    """A light band over each event's whole interval, outlined in the lane's colour."""
    durations = [_ms(end - start) for start, end in zip(events["_from"], events["_to"])]
    fills = [_rgba(lane.colour, 0.15 + 0.35 * _certainty(c)) for c in events["certainty"]]
    return go.Bar(orientation="h", base=list(events["_from"]), x=durations, y=list(events["_y"]),
                  width=0.7, marker={"color": fills, "line": {"color": lane.colour, "width": 1.5}},
                  customdata=list(events["event_id"]), hoverinfo="text",
                  hovertext=_hover_texts(events, words, danish))


def _point_trace(lane: Lane, events: pd.DataFrame, words: Words, danish: bool) -> go.Scatter:
    """A marker in the middle of each event's interval."""
    middles = [start + (end - start) / 2 for start, end in zip(events["_from"], events["_to"])]
    return go.Scatter(
        mode="markers", x=middles, y=list(events["_y"]), hoverinfo="text",
        marker={"size": 11, "color": lane.colour, "line": {"color": "white", "width": 1},
                "opacity": [0.35 + 0.65 * _certainty(c) for c in events["certainty"]]},
        customdata=list(events["event_id"]), hovertext=_hover_texts(events, words, danish))


def _whisker_trace(lane: Lane, events: pd.DataFrame) -> go.Scatter:
    """Whiskers from ``earliest`` to ``latest`` behind the points, with end caps.

    Drawn as line segments (Plotly's error bars do not work on date axes).
    """
    xs: list[datetime | None] = []
    ys: list[float | None] = []
    for start, end, y in zip(events["_from"], events["_to"], events["_y"]):
        for segment in (((start, y - CAP), (start, y + CAP)), ((start, y), (end, y)),
                        ((end, y - CAP), (end, y + CAP))):
            xs += [segment[0][0], segment[1][0], None]
            ys += [segment[0][1], segment[1][1], None]
    return go.Scatter(mode="lines", x=xs, y=ys, hoverinfo="skip", meta="whiskers",
                      line={"color": lane.colour, "width": 1.5})


def _hover_texts(events: pd.DataFrame, words: Words, danish: bool) -> list[str]:
    return [hover_text(row, row["_from"], row["_to"], words, danish)
            for _, row in events.iterrows()]


def _ms(delta: timedelta) -> float:
    """Milliseconds: the unit of lengths on Plotly's date axes."""
    return delta / timedelta(milliseconds=1)


def _certainty(value: Any) -> float:
    """The certainty as 0-1 (missing or malformed: 0)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(number) else min(max(number, 0.0), 1.0)


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = hex_to_rgb(colour)
    return f"rgba({red}, {green}, {blue}, {alpha:.2f})"


def _title(title: str | None, dated: int, undated: int, words: Words) -> str:
    """The title with a subtitle that counts the dated and the undated events."""
    heading = escape(title) if title else words.title
    counts = f"{counted(dated, words.dated)} · {counted(undated, words.undated)}"
    return f"{heading}<br><sup>{counts}</sup>"


def _layout(lanes: list[Lane], lane: str, words: Words, danish: bool) -> dict[str, Any]:
    rows = lanes[-1].bottom if lanes else 1.0
    return {
        "xaxis": _time_axis(words),
        "yaxis": {"tickmode": "array", "tickvals": [each.centre for each in lanes],
                  "ticktext": [each.label for each in lanes], "autorange": "reversed",
                  "zeroline": False, "showgrid": False, "automargin": True,
                  "title": {"text": escape(lane)}, "fixedrange": True},
        "shapes": [_band(each, index) for index, each in enumerate(lanes)],
        "height": int(min(max(260 + 36 * rows, 420), 2400)),
        "hovermode": "closest", "hoverlabel": {"align": "left", "bgcolor": "white"},
        "legend": {"title": {"text": escape(lane)}}, "barmode": "overlay",
        "plot_bgcolor": "white", "margin": {"t": 110},
        "meta": {"locale": "da" if danish else "en"}, "separators": ",." if danish else ".,",
    }


def _time_axis(words: Words) -> dict[str, Any]:
    steps = [(1, "day"), (7, "day"), (1, "month"), (1, "year")]
    buttons = [{"count": count, "step": step, "stepmode": "backward", "label": label}
               for (count, step), label in zip(steps, words.ranges)]
    return {"type": "date", "showgrid": True, "gridcolor": "#eee", "title": {"text": words.time},
            "rangeslider": {"visible": True, "thickness": 0.08},
            "rangeselector": {"buttons": [*buttons, {"step": "all", "label": words.ranges[-1]}]}}


def _band(lane: Lane, index: int) -> dict[str, Any]:
    """A faint background band behind every other lane."""
    fill = "rgba(0, 0, 0, 0.04)" if index % 2 == 0 else "rgba(0, 0, 0, 0)"
    return {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": lane.top,
            "y1": lane.bottom, "fillcolor": fill, "line": {"width": 0}, "layer": "below"}


def _add_notes(figure: go.Figure, dated: pd.DataFrame, undated: pd.DataFrame, words: Words) -> None:
    if dated.empty:
        figure.add_annotation(text=words.no_dated, name="no-dated", showarrow=False,
                              xref="paper", yref="paper", x=0.5, y=0.5)
    if not undated.empty:
        text, hover = undated_label(undated, words)
        figure.add_annotation(text=text, hovertext=hover, name="undated", showarrow=False,
                              xref="paper", yref="paper", x=1, y=1.02, xanchor="right",
                              yanchor="bottom", align="right", font={"size": 11, "color": "#555"})
