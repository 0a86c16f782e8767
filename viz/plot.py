"""The timeline chart: events on a time axis, in lanes, labelled, with their uncertainty.

Structure of the figure returned by :func:`plot_timeline` (tests and callers may rely on it):

- per lane (a document, or a value of the ``lane`` column) up to five traces, in order:

  1. a ``Bar`` trace with ``meta="uncertainty"``: a light band over the whole interval of
     each *wide* event, one whose interval is far longer than its time expression (a clock
     time on an unknown day because the publication date is known only to the month; see
     ``viz.uncertainty``); hover text but no ``customdata``;
  2. a ``Bar`` trace of *intervals*: events lasting at least ``point_max`` (for a wide
     event: its emphasised core, as long as its expression, nearest the band's middle);
  3. a ``Scatter`` line trace of *whiskers* (``meta="whiskers"``, no ``customdata``, no
     hover) from ``earliest`` to ``latest`` of each point that is not wide;
  4. a ``Scatter`` marker trace of *points*: events shorter than ``point_max`` at their
     representative time (the middle; the end for mod BEFORE, the start for AFTER), and
     wide events whose core is shorter than ``point_max``;
  5. a ``Scatter`` text trace (``meta="labels"``) with each event's label (its trigger
     word, else its expression, at most 25 characters, escaped) beside its mark, and the
     event's hover text;

- each drawn event is one element of one bar or marker trace; ``customdata`` holds its
  ``event_id``, ``hovertext`` its escaped hover label, and the trace's ``name`` is the lane;
- lanes are bands of rows on a numeric y axis (ticks named after the lanes, first lane on
  top, a stripe of the lane's colour at the left); events of a lane whose marks or labels
  would overlap go to separate rows; the figure is :data:`ROW_PX` per row plus room for
  title and axis, within :data:`MIN_HEIGHT` and :data:`MAX_HEIGHT`;
- bar fills and markers are paler the lower the event's ``certainty``;
- when there are wide events, a last ``Scatter`` trace (``meta="uncertainty-key"``) that
  draws nothing is the legend entry "usikkerhed: mulige tidspunkter" for all the bands;
- the title is at the top left with the counts of dated and undated events below it, the
  range buttons on a line of their own above the plot, the legend (only when there are
  wide events) at the right of that line;
- undated events are not drawn: the subtitle counts them and an annotation (named
  ``"undated"``) under the plot lists their ids on one line, with their sentences as
  hover text;
- a timeline that holds only a sample of a larger table (``viz.sample.ChartSample``) says so
  with ``dated_total`` and ``undated_total``: the subtitle and the note count those;
- ``layout.meta["locale"]`` is ``"da"`` for Danish charts (``viz.write_html`` then gives
  the axis Danish month and weekday names).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Protocol
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, qualitative

from viz.hover import Words, counted, escape, hover_text, undated_label, words_for
from viz.marks import CHAR_PX, LABEL_FONT, MARKER_SIZE, Scale, marks, pack_rows, records

ZONE: Final = ZoneInfo("Europe/Copenhagen")
POINT_MAX: Final = timedelta(hours=2)
COLUMNS: Final = ("event_id", "doc_id", "sentence", "sentence_text", "trigger", "expression",
                  "type", "value", "mod", "earliest", "latest", "dated_by", "certainty", "rank")
ROW_PX: Final = 24  # height of one row of events
LANE_CHARS: Final = 32  # longest lane name on the axis, "…" included
ROW_GAP: Final = 0.6  # empty rows between lanes
BAR_WIDTH: Final = 0.7  # rows
CAP: Final = 0.2  # half the height of a whisker's end cap, in rows
TOP_PX: Final = 100  # title, subtitle and the line of range buttons
AXIS_PX: Final = 46  # the time axis' tick labels under the plot
NOTE_PX: Final = 22  # the line about undated events under the axis
SLIDER_PX: Final = 34  # the range slider under the time axis
MAX_EVENTS: Final = 1500  # dated events drawn at most; a chart of a whole archive is unreadable
MAX_LANES: Final = 40  # lanes drawn at most; the lanes with fewest events beyond that share one
MIN_NOTE_CHARS: Final = 40  # characters of undated ids the note lists, however narrow the plot
DEFAULT_LANE: Final = "doc_id"  # one lane per document
MIN_HEIGHT: Final = 260
MAX_HEIGHT: Final = 1800
PALETTE: Final = qualitative.Plotly
TEXT_COLOUR: Final = "#2a3f5f"
NOTE_COLOUR: Final = "#666"
UNCERTAIN_COLOUR: Final = "#888888"


class TimelineLike(Protocol):
    """Anything with an ``events`` table in the Timeline contract (``timeline.model``).

    It may also have ``dated_total`` and ``undated_total``: how many dated and undated events
    the whole table has when ``events`` holds only some of them (``viz.sample``).
    """

    @property
    def events(self) -> pd.DataFrame: ...


@dataclass(frozen=True)
class Lane:
    """One lane's drawn events (``viz.marks`` columns and ``_y``) and its place."""

    label: str  # the lane's value, escaped
    tick: str  # the same shortened to LANE_CHARS, for the axis
    events: pd.DataFrame
    centre: float
    top: float
    bottom: float
    colour: str


def plot_timeline(timeline: TimelineLike, lane: str = DEFAULT_LANE, danish: bool = True, *,
                  point_max: timedelta = POINT_MAX, title: str | None = None,
                  max_events: int | None = MAX_EVENTS, max_lanes: int | None = MAX_LANES) -> go.Figure:
    """Draw the events of ``timeline`` on a time axis, one lane per value of ``lane``.

    Args:
        timeline: a ``timeline.model.Timeline`` or anything with such an ``events`` table
            (and, for a sample of a larger table, its ``dated_total`` and ``undated_total``).
        lane: the events column whose values make the lanes (default: the document).
        danish: Danish words and date labels (else English words and ISO dates).
        point_max: intervals shorter than this are drawn as points with whiskers.
        title: the chart's title (default "Tidslinje" / "Timeline"); escaped.
        max_events: draw at most this many dated events (None: all). A corpus of
            thousands of articles cannot be read as one chart: the events reported
            by most articles, then the most certain, are drawn; the subtitle says
            how many of how many. The tables and exports keep every event.
        max_lanes: draw at most this many lanes (None: all): the lanes with most
            drawn events keep their own, the rest share one last lane ("12 andre").

    Returns:
        A new figure; nothing is written or shown. See the module docstring for its traces.

    Raises:
        TypeError: ``timeline`` has no ``events`` DataFrame.
        ValueError: a needed column, or the ``lane`` column, is missing.
    """
    events = _checked_events(timeline, lane)
    usable = is_dated(events)
    total = _total(timeline, "dated_total", int(usable.sum()))
    dated = _on_wall_clock(by_rank(most_reported(events[usable], max_events)))  # chosen first
    undated = by_rank(events[~usable])
    undated_total = _total(timeline, "undated_total", len(undated))
    words = words_for(danish)
    dated = marks(dated, point_max)
    dated = dated.assign(_hover=_hover_texts(dated, words, danish))
    keys = _folded(dated[lane].map(lambda value: escape(value) or words.none), max_lanes, words)
    ticks = {key: _tick(key) for key in keys}
    scale = Scale.of(dated, list(ticks.values()))
    lanes = _lanes(dated, keys, ticks, scale)
    figure = go.Figure()
    for each in lanes:
        figure.add_traces(_lane_traces(each, words))
    bands = any(trace.meta == "uncertainty" for trace in figure.data)
    if bands:
        figure.add_trace(_uncertainty_key(words))
    note = not undated.empty
    height = _height(lanes, note)
    figure.update_layout(_layout(lanes, lane, scale, height, note, bands, words, danish),
                         title=_title(title, len(dated), undated_total, words, total))
    _add_notes(figure, dated, undated, scale, words, undated_total)
    return figure


def is_dated(events: pd.DataFrame) -> pd.Series:
    """Which events have both ends of their interval: only those can be drawn."""
    return events["earliest"].notna() & events["latest"].notna()


def _total(timeline: TimelineLike, name: str, counted: int) -> int:
    """The count ``timeline`` states as ``name`` (a sample of a larger table), else ``counted``."""
    stated = getattr(timeline, name, None)
    return counted if stated is None else int(stated)


def most_reported(dated: pd.DataFrame, limit: int | None) -> pd.DataFrame:
    """At most ``limit`` events: those most articles report, then the most certain, in order."""
    if limit is None or len(dated) <= limit:
        return dated
    reports = dated["sources"].astype("string").fillna("").str.count(";") if "sources" in dated else 0
    chosen = dated.assign(_reports=reports).sort_values(["_reports", "certainty"], ascending=False,
                                                       kind="stable").head(limit).index
    return dated.loc[sorted(chosen)]


def _folded(keys: pd.Series, limit: int | None, words: Words) -> pd.Series:
    """Lane keys with the lanes beyond ``limit`` (those with fewest events) folded into one."""
    counts = keys.value_counts(sort=True)
    if limit is None or len(counts) <= limit:
        return keys
    kept = set(counts.index[:limit - 1])
    other = words.other_lanes.format(count=len(counts) - len(kept))
    return keys.where(keys.isin(kept), other)


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


def by_rank(events: pd.DataFrame) -> pd.DataFrame:
    """The events in timeline order (by rank, ties as given; no rank last)."""
    return events.sort_values("rank", kind="stable", na_position="last")


def _on_wall_clock(dated: pd.DataFrame) -> pd.DataFrame:
    """Dated events with their interval as wall-clock ``_from``/``_to`` (never ending before it starts)."""
    froms = list(dated["earliest"].map(_wall_clock))
    tos = [max(start, end) for start, end in zip(froms, dated["latest"].map(_wall_clock))]
    return dated.assign(_from=pd.Series(froms, index=dated.index, dtype=object),
                        _to=pd.Series(tos, index=dated.index, dtype=object))


def _wall_clock(value: Any) -> datetime | None:
    """A naive Copenhagen wall-clock datetime (what Plotly's date axis expects), or None."""
    if value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value))):
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(ZONE).tz_localize(None)
    moment: datetime = stamp.to_pydatetime()
    return moment


def _tick(label: str) -> str:
    """An escaped lane label shortened to :data:`LANE_CHARS` characters (entities kept whole)."""
    text = html.unescape(label)
    return label if len(text) <= LANE_CHARS else escape(text[:LANE_CHARS - 1].rstrip() + "…")


def _lanes(dated: pd.DataFrame, keys: pd.Series, ticks: dict[str, str],
           scale: Scale) -> list[Lane]:
    """Lanes in order of their first event, each packed into rows (``viz.marks``)."""
    lanes: list[Lane] = []
    for index, key in enumerate(dict.fromkeys(keys)):
        top = lanes[-1].bottom + ROW_GAP + 0.5 if lanes else 0.0
        members = pack_rows(dated[keys == key], scale)
        last = top + members["_row"].max()
        lanes.append(Lane(label=key, tick=ticks[key],
                          events=members.assign(_y=top + members["_row"]),
                          centre=(top + last) / 2, top=top - 0.5, bottom=last + 0.5,
                          colour=PALETTE[index % len(PALETTE)]))
    return lanes


def _lane_traces(lane: Lane, words: Words) -> list[go.BaseTraceType]:
    """The lane's bands, bars, whiskers, points and labels (those it has)."""
    events = lane.events
    wide, bars = events[events["_wide"]], events[events["_kind"] == "bar"]
    points = events[events["_kind"] == "point"]
    whiskered = points[~points["_wide"]]
    traces: list[go.BaseTraceType] = []
    if len(wide):
        traces.append(_band_trace(lane, wide, words))
    if len(bars):
        traces.append(_bar_trace(lane, bars))
    if len(whiskered):
        traces.append(_whisker_trace(lane, whiskered))
    if len(points):
        traces.append(_point_trace(lane, points))
    labelled = events[events["_text"] != ""]
    if len(labelled):
        traces.append(_label_trace(labelled))
    for trace in traces:
        if trace.meta != "uncertainty":
            trace.update(name=lane.label, legendgroup=lane.label, showlegend=False)
    return traces


def _uncertainty_key(words: Words) -> go.Scatter:
    """The legend entry of the light bands: a pale grey square (the bands take their lane's
    colour). Its one point is empty, so it draws nothing; clicking it shows or hides every band.
    """
    return go.Scatter(x=[None], y=[None], mode="markers", meta="uncertainty-key",
                      name=words.uncertainty, legendgroup="uncertainty", showlegend=True,
                      hoverinfo="skip",
                      marker={"symbol": "square", "size": 13,
                              "color": _rgba(UNCERTAIN_COLOUR, 0.18),
                              "line": {"color": _rgba(UNCERTAIN_COLOUR, 0.6), "width": 1}})


def _band_trace(lane: Lane, events: pd.DataFrame, words: Words) -> go.Bar:
    """A light band over each wide event's whole interval: the times it may lie in."""
    durations = [_ms(end - start) for start, end in zip(events["_from"], events["_to"])]
    return go.Bar(orientation="h", base=list(events["_from"]), x=durations, y=list(events["_y"]),
                  width=BAR_WIDTH, meta="uncertainty", name=words.uncertainty,
                  legendgroup="uncertainty", showlegend=False, hoverinfo="text",
                  marker={"color": _rgba(lane.colour, 0.13),
                          "line": {"color": _rgba(lane.colour, 0.45), "width": 1}},
                  hovertext=list(events["_hover"]))


def _bar_trace(lane: Lane, events: pd.DataFrame) -> go.Bar:
    """A bar over each event's interval (a wide event's core), outlined in the lane's colour."""
    durations = [_ms(end - start) for start, end in zip(events["_start"], events["_end"])]
    fills = [_rgba(lane.colour, 0.2 + 0.4 * _certainty(c)) for c in events["certainty"]]
    return go.Bar(orientation="h", base=list(events["_start"]), x=durations,
                  y=list(events["_y"]), width=BAR_WIDTH,
                  marker={"color": fills, "line": {"color": lane.colour, "width": 1.5}},
                  customdata=list(events["event_id"]), hoverinfo="text",
                  hovertext=list(events["_hover"]))


def _point_trace(lane: Lane, events: pd.DataFrame) -> go.Scatter:
    """A marker at each point's representative time."""
    # Opaque colours paler with less certainty (not opacity, which would let whiskers through).
    fills = [_paler(lane.colour, 0.35 + 0.65 * _certainty(c)) for c in events["certainty"]]
    return go.Scatter(
        mode="markers", x=list(events["_at"]), y=list(events["_y"]), hoverinfo="text",
        marker={"size": MARKER_SIZE, "color": fills, "line": {"color": "white", "width": 1}},
        customdata=list(events["event_id"]), hovertext=list(events["_hover"]))


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


def _label_trace(events: pd.DataFrame) -> go.Scatter:
    """Each event's label beside its mark (``viz.marks.pack_rows`` chose the side)."""
    return go.Scatter(mode="text", x=list(events["_anchor"]), y=list(events["_y"]),
                      text=list(events["_text"]), textposition=list(events["_position"]),
                      textfont={"size": LABEL_FONT, "color": TEXT_COLOUR},
                      meta="labels", hoverinfo="text", hovertext=list(events["_hover"]))


def _hover_texts(events: pd.DataFrame, words: Words, danish: bool) -> list[str]:
    """Each event's hover label; a wide event's names its emphasised core too."""
    return [hover_text(row, row["_from"], row["_to"], words, danish,
                       core=(row["_start"], row["_end"]) if row["_wide"] else None)
            for row in records(events)]


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


def _paler(colour: str, strength: float) -> str:
    """``colour`` mixed with white: all of it at strength 1, none at 0."""
    mixed = (round(255 - (255 - part) * strength) for part in hex_to_rgb(colour))
    return "rgb({}, {}, {})".format(*mixed)


def _height(lanes: list[Lane], has_note: bool) -> int:
    """:data:`ROW_PX` per row plus title and axis, within the bounds."""
    rows = lanes[-1].bottom - lanes[0].top if lanes else 4.0
    chrome = TOP_PX + AXIS_PX + SLIDER_PX + (NOTE_PX if has_note else 0)
    return int(min(max(chrome + ROW_PX * rows, MIN_HEIGHT), MAX_HEIGHT))


def _title(title: str | None, dated: int, undated: int, words: Words, total: int | None = None) -> dict[str, Any]:
    """The title at the top left, with a subtitle that counts the dated and undated events."""
    heading = escape(title) if title else words.title
    counts = f"{counted(dated, words.dated)} · {counted(undated, words.undated)}"
    if total is not None and total > dated:
        counts = f"{dated} / {counted(total, words.dated)} · {counted(undated, words.undated)}"
    # Plotly anchors a two-line title by its second line: the top pad counts that line too.
    return {"text": f"{heading}<br><sup>{counts}</sup>", "x": 0, "xref": "container",
            "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
            "pad": {"l": 16, "t": 36}, "font": {"size": 20}}


def _lane_title(lane: str, words: Words) -> str:
    """The y axis title: a word for known columns, else the column name made readable."""
    if lane in words.columns:
        return words.columns[lane]
    readable = lane.replace("_", " ").strip()
    return escape(readable[:1].upper() + readable[1:])


def _layout(lanes: list[Lane], lane: str, scale: Scale, height: int, note: bool,
            legend: bool, words: Words, danish: bool) -> dict[str, Any]:
    bottom = AXIS_PX + SLIDER_PX + (NOTE_PX if note else 0)
    plot_px = max(height - TOP_PX - bottom, 1)
    above = 1 + 14 / plot_px  # the line of buttons and legend, just above the plot
    top = lanes[0].top if lanes else -0.5
    # Rows keep their height in a chart held up by MIN_HEIGHT: the rest stays empty below.
    rows = (max(lanes[-1].bottom if lanes else 0.5, top + plot_px / ROW_PX), top)
    return {
        # Without dated events there is no time to show: no axes, only the note.
        "xaxis": _time_axis(scale, above, words, (SLIDER_PX - 12) / plot_px) if lanes else {
            "visible": False, "rangeselector": {"visible": False}},
        "yaxis": {"visible": bool(lanes), "tickmode": "array", "tickvals": [each.centre for each in lanes],
                  "ticktext": [each.tick for each in lanes], "range": list(rows),
                  "zeroline": False, "showgrid": False, "automargin": True,
                  "title": {"text": _lane_title(lane, words), "standoff": 8}, "fixedrange": True},
        "shapes": [shape for index, each in enumerate(lanes) for shape in _lane_shapes(each, index)],
        "height": height, "showlegend": legend,
        "legend": {"orientation": "h", "x": 1, "xanchor": "right", "y": above,
                   "yanchor": "bottom", "font": {"size": 11}, "bgcolor": "rgba(0,0,0,0)"},
        "hovermode": "closest", "hoverlabel": {"align": "left", "bgcolor": "white"},
        "barmode": "overlay", "plot_bgcolor": "white",
        "margin": {"t": TOP_PX, "b": bottom, "l": 16, "r": 24},
        "meta": {"locale": "da" if danish else "en"}, "separators": ",." if danish else ".,",
    }


def _time_axis(scale: Scale, above: float, words: Words, slider: float) -> dict[str, Any]:
    steps = [(1, "day"), (7, "day"), (1, "month"), (1, "year")]
    buttons = [{"count": count, "step": step, "stepmode": "backward", "label": label}
               for (count, step), label in zip(steps, words.ranges)]
    return {"type": "date", "range": [scale.start, scale.end], "showgrid": True,
            "gridcolor": "#eee", "showline": True, "linecolor": "#ccc", "ticks": "outside",
            "tickcolor": "#ccc", "automargin": True,
            # a thin range slider under the axis: drag its handles to zoom in time
            "rangeslider": {"visible": True, "thickness": slider, "bgcolor": "#f7f8fa",
                            "bordercolor": "#ddd", "borderwidth": 1},
            "rangeselector": {"buttons": [*buttons, {"step": "all", "label": words.ranges[-1]}],
                              "x": 0, "xanchor": "left", "y": above, "yanchor": "bottom",
                              "font": {"size": 11}, "bgcolor": "#f0f2f5",
                              "activecolor": "#d5dae3"}}


def undated_budget(scale: Scale, words: Words) -> int:
    """Characters of undated ids that fit on the note's line under a plot ``scale.width`` wide."""
    return max(int(scale.width / CHAR_PX) - len(words.undated_note) - 16, MIN_NOTE_CHARS)


def _lane_shapes(lane: Lane, index: int) -> list[dict[str, Any]]:
    """A faint band behind every other lane, and a stripe of the lane's colour at its left."""
    fill = "rgba(0, 0, 0, 0.035)" if index % 2 == 1 else "rgba(0, 0, 0, 0)"
    band = {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": lane.top,
            "y1": lane.bottom, "fillcolor": fill, "line": {"width": 0}, "layer": "below"}
    stripe = {"type": "rect", "xref": "paper", "xsizemode": "pixel", "xanchor": 0, "x0": 0,
              "x1": 4, "yref": "y", "y0": lane.top, "y1": lane.bottom, "fillcolor": lane.colour,
              "line": {"width": 0}, "layer": "below"}
    return [band, stripe]


def _add_notes(figure: go.Figure, dated: pd.DataFrame, undated: pd.DataFrame, scale: Scale,
               words: Words, undated_total: int) -> None:
    if dated.empty:
        figure.add_annotation(text=words.no_dated, name="no-dated", showarrow=False,
                              xref="paper", yref="paper", x=0.5, y=0.5)
    if not undated.empty:
        text, hover = undated_label(undated, words, budget=undated_budget(scale, words),
                                    total=undated_total)
        figure.add_annotation(text=text, hovertext=hover, name="undated", showarrow=False,
                              xref="paper", yref="paper", x=0, y=0, xanchor="left",
                              yanchor="top", yshift=-(AXIS_PX + SLIDER_PX) + 4, align="left",
                              font={"size": 11, "color": NOTE_COLOUR})
