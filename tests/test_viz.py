"""The timeline chart without a browser: structure, lanes, escaping, Danish labels, HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pandas as pd
import plotly.graph_objects as go
import pytest

import viz
from viz.html import figure_html
from viz.labels import plotly_locale
from viz.plot import MAX_HEIGHT, MIN_HEIGHT, ROW_PX, SLIDER_PX
from viz.uncertainty import precision

sys.path.insert(0, str(Path(__file__).parent))
from timeline_fixture import sample_timeline

DATED = {"ain#0", "ain#1", "ain#2", "ain#3", "pentagon#0"}
HOSTILE = '"><img src=x onerror=alert(1)> <script>alert(2)</script> & <b onclick=x>'
ALLOWED_TAGS = {"br", "b", "sup"}
NBSP = "\u00a0"
# ain#2 ("omkring klokken 00.30") as a month-only publication date leaves it: 00:30 on some
# day of January 2020.
MONTH_ONLY = {"value": "2020-01-XXT00:30", "earliest": "2020-01-01T00:15",
              "latest": "2020-01-29T00:46"}


class Tables:
    """A minimal Timeline stand-in: plot_timeline needs only an ``events`` table."""

    def __init__(self, events: pd.DataFrame) -> None:
        self.events = events


@pytest.fixture(scope="module")
def figure() -> go.Figure:
    return viz.plot_timeline(sample_timeline())


def drawn(figure: go.Figure) -> dict[str, tuple[go.BaseTraceType, int]]:
    """event_id -> (trace, index of the event in the trace)."""
    return {event_id: (trace, index) for trace in event_traces(figure)
            for index, event_id in enumerate(trace.customdata)}


def event_traces(figure: go.Figure) -> list[go.BaseTraceType]:
    """The bar and marker traces (not the whiskers, which carry no events)."""
    return [trace for trace in figure.data if trace.customdata is not None]


def labels(figure: go.Figure) -> list[str]:
    """Every text of the figure that Plotly renders as label markup."""
    texts = [figure.layout.title.text, figure.layout.yaxis.title.text,
             *figure.layout.yaxis.ticktext]
    texts += [text for note in figure.layout.annotations for text in (note.text, note.hovertext)]
    for trace in figure.data:
        texts += [trace.name, *(trace.hovertext or ()), *(trace.text or ())]
    return [text for text in texts if text]


def event_labels(figure: go.Figure) -> dict[str, str]:
    """event_id -> the label drawn beside the event (without its padding)."""
    found = {}
    for trace in figure.data:
        if trace.meta == "labels":
            for text, hover_label in zip(trace.text, trace.hovertext):
                owner = next(event_id for event_id in drawn(figure)
                             if hover(figure, event_id) == hover_label)
                found[owner] = text.strip(NBSP)
    return found


def label_trace_of(figure: go.Figure, event_id: str) -> tuple[go.Scatter, int]:
    wanted = hover(figure, event_id)
    return next((trace, list(trace.hovertext).index(wanted)) for trace in figure.data
                if trace.meta == "labels" and wanted in trace.hovertext)


def hover(figure: go.Figure, event_id: str) -> str:
    trace, index = drawn(figure)[event_id]
    return str(trace.hovertext[index])


def with_rows(changes: dict[str, dict[str, Any]]) -> Tables:
    """The sample's events with some cells changed: {event_id: {column: value}}."""
    events = sample_timeline().events.copy()
    for event_id, cells in changes.items():
        for column, value in cells.items():
            events.loc[events["event_id"] == event_id, column] = value
    return Tables(events)


# Structure

def test_one_trace_element_per_dated_event(figure: go.Figure) -> None:
    elements = [event_id for trace in event_traces(figure) for event_id in trace.customdata]
    assert sorted(elements) == sorted(DATED)
    # ain: bars, whiskers, points, labels; pentagon: a bar and its label.
    assert [trace.meta for trace in figure.data if trace.customdata is None] == [
        "whiskers", "labels", "labels"]


def test_intervals_are_bars_and_short_intervals_points(figure: go.Figure) -> None:
    kinds = {event_id: trace.type for event_id, (trace, _) in drawn(figure).items()}
    assert kinds == {"ain#0": "bar", "ain#1": "bar", "pentagon#0": "bar",
                     "ain#2": "scatter", "ain#3": "scatter"}


def test_bar_spans_the_interval(figure: go.Figure) -> None:
    trace, index = drawn(figure)["ain#0"]
    assert pd.Timestamp(trace.base[index]) == pd.Timestamp("2019-12-01T00:00")
    assert trace.x[index] == timedelta(days=10, hours=8) / timedelta(milliseconds=1)


def test_point_sits_mid_interval_with_whiskers_to_its_ends(figure: go.Figure) -> None:
    trace, index = drawn(figure)["ain#2"]  # [00:15, 00:46)
    assert pd.Timestamp(trace.x[index]) == pd.Timestamp("2020-01-08T00:30:30")
    whiskers = next(each for each in figure.data if each.meta == "whiskers")
    row = trace.y[index]
    spans = {(pd.Timestamp(x0), pd.Timestamp(x1)) for x0, x1, y0, y1 in
             zip(whiskers.x[::3], whiskers.x[1::3], whiskers.y[::3], whiskers.y[1::3])
             if y0 == y1 == row}
    assert spans == {(pd.Timestamp("2020-01-08T00:15"), pd.Timestamp("2020-01-08T00:46"))}


@pytest.mark.parametrize(("mod", "expected"), [("BEFORE", "2020-01-08T01:00"),
                                                ("AFTER", "2020-01-08T00:00"),
                                                ("", "2020-01-08T00:30")])
def test_point_of_a_before_or_after_event_sits_at_the_edge(mod: str, expected: str) -> None:
    trace, index = drawn(viz.plot_timeline(with_rows({"ain#3": {"mod": mod}})))["ain#3"]  # [0, 1)
    assert pd.Timestamp(trace.x[index]) == pd.Timestamp(expected)


def test_lanes_are_documents_in_timeline_order(figure: go.Figure) -> None:
    assert list(figure.layout.yaxis.ticktext) == ["ain", "pentagon"]
    assert {trace.name for trace in figure.data} == {"ain", "pentagon"}
    centres = dict(zip(figure.layout.yaxis.ticktext, figure.layout.yaxis.tickvals))
    for event_id, (trace, index) in drawn(figure).items():
        lane = event_id.split("#")[0]
        assert trace.name == lane
        nearest = min(centres, key=lambda name: abs(trace.y[index] - centres[name]))
        assert nearest == lane, event_id


def test_overlapping_events_of_a_lane_get_separate_rows(figure: go.Figure) -> None:
    rows = {event_id: trace.y[index] for event_id, (trace, index) in drawn(figure).items()}
    assert rows["ain#2"] != rows["ain#3"]
    assert rows["ain#0"] == rows["ain#1"]  # December and the first week of January


def test_lane_by_another_column() -> None:
    figure = viz.plot_timeline(sample_timeline(), lane="type")
    assert list(figure.layout.yaxis.ticktext) == ["DATE", "TIME"]
    assert figure.layout.yaxis.title.text == "Type"


@pytest.mark.parametrize(("lane", "danish", "expected"), [
    ("doc_id", True, "Artikel"), ("doc_id", False, "Article"), ("dated_by", True, "Dateret af"),
    ("dated_by", False, "Dated by"), ("other_expressions", True, "Other expressions")])
def test_lane_axis_has_a_human_title(lane: str, danish: bool, expected: str) -> None:
    figure = viz.plot_timeline(sample_timeline(), lane=lane, danish=danish)
    assert figure.layout.yaxis.title.text == expected


def test_less_certain_events_are_lighter() -> None:
    figure = viz.plot_timeline(with_rows({"ain#2": {"certainty": 0.2}}))
    trace, index = drawn(figure)["ain#2"]

    def lightness(colour: str) -> int:
        return sum(int(part) for part in re.findall(r"\d+", colour)[:3])

    assert lightness(trace.marker.color[index]) > lightness(
        trace.marker.color[drawn(figure)["ain#3"][1]])


def test_times_are_drawn_as_copenhagen_wall_clock() -> None:
    utc = {"earliest": datetime(2020, 1, 6, 23, tzinfo=UTC),
           "latest": datetime(2020, 1, 7, 23, tzinfo=UTC)}
    trace, index = drawn(viz.plot_timeline(with_rows({"pentagon#0": utc})))["pentagon#0"]
    assert pd.Timestamp(trace.base[index]) == pd.Timestamp("2020-01-07T00:00")


def test_plot_timeline_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    viz.plot_timeline(sample_timeline())
    assert list(tmp_path.iterdir()) == []


# Labels

def test_every_event_has_a_label_beside_it(figure: go.Figure) -> None:
    assert event_labels(figure) == {"ain#0": "missilangreb", "ain#1": "drabet",
                                    "ain#2": "ramte", "ain#3": "oplyser", "pentagon#0": "skete"}
    for event_id in DATED:
        trace, index = label_trace_of(figure, event_id)
        assert trace.mode == "text" and trace.hoverinfo == "text"
        event, row = drawn(figure)[event_id]
        assert trace.y[index] == event.y[row]  # on the event's row
        assert trace.textposition[index] in ("middle right", "middle left")


def test_label_is_right_of_a_bar_and_clear_of_it(figure: go.Figure) -> None:
    trace, index = label_trace_of(figure, "ain#0")  # early in the chart: room on the right
    assert trace.textposition[index] == "middle right"
    assert pd.Timestamp(trace.x[index]) == pd.Timestamp("2019-12-11T08:00")  # the bar's end
    assert trace.text[index].startswith(NBSP * 2)


def test_label_is_the_expression_when_there_is_no_trigger() -> None:
    figure = viz.plot_timeline(with_rows({"pentagon#0": {"trigger": ""}}))
    assert event_labels(figure)["pentagon#0"] == "i går"


def test_long_labels_are_shortened() -> None:
    long_word = "forhandlingsmøderækkeafslutningen"  # 33 characters
    figure = viz.plot_timeline(with_rows({"pentagon#0": {"trigger": long_word}}))
    label = event_labels(figure)["pentagon#0"]
    assert label == long_word[:24] + "…" and len(label) == 25


def test_event_without_trigger_or_expression_has_no_label() -> None:
    figure = viz.plot_timeline(with_rows({"pentagon#0": {"trigger": "", "expression": ""}}))
    assert "pentagon#0" in drawn(figure) and "pentagon#0" not in event_labels(figure)


@pytest.mark.parametrize("column", ["trigger", "expression"])
def test_labels_escape_article_text(column: str) -> None:
    changes = {"pentagon#0": {column: HOSTILE}}
    if column == "expression":
        changes["pentagon#0"]["trigger"] = ""
    label = event_labels(viz.plot_timeline(with_rows(changes)))["pentagon#0"]
    assert label == "&#34;&gt;&lt;img src=x onerror=ale…"  # 24 characters, then "…"
    assert "<" not in label and ">" not in label


def test_events_at_the_same_time_get_rows_of_their_own() -> None:
    events = pd.concat([sample_timeline().events.iloc[[3]]] * 4, ignore_index=True)
    events["event_id"] = [f"ain#{n}" for n in range(4)]
    figure = viz.plot_timeline(Tables(events))
    rows = [trace.y[index] for trace, index in drawn(figure).values()]
    assert len(set(rows)) == 4


# Layout

def test_title_buttons_legend_and_note_have_places_of_their_own() -> None:
    figure = viz.plot_timeline(with_rows({"ain#2": MONTH_ONLY}))
    layout = figure.layout
    assert (layout.title.x, layout.title.xanchor, layout.title.yref) == (0, "left", "container")
    assert layout.title.y == 1 and layout.title.yanchor == "top"  # top left, in the top margin
    buttons, legend = layout.xaxis.rangeselector, layout.legend
    assert buttons.y > 1 and buttons.yanchor == "bottom"  # a line above the plot
    assert (buttons.x, buttons.xanchor) == (0, "left")
    assert legend.y == buttons.y and (legend.x, legend.xanchor) == (1, "right")  # same line, right
    assert legend.orientation == "h"
    note = next(note for note in layout.annotations if note.name == "undated")
    assert (note.y, note.yanchor) == (0, "top") and note.yshift < -20  # under the time axis
    assert layout.margin.t >= 90 and layout.margin.b >= -note.yshift + 14  # room for all of it
    assert layout.xaxis.rangeslider.visible  # the issue asks for a range slider


def test_legend_only_with_uncertainty_bands(figure: go.Figure) -> None:
    assert figure.layout.showlegend is False
    assert viz.plot_timeline(with_rows({"ain#2": MONTH_ONLY})).layout.showlegend is True


def test_undated_note_is_one_line_shortened_with_a_count() -> None:
    events = sample_timeline().events
    many = pd.concat([events[events["event_id"] == "ain#4"]] * 40, ignore_index=True)
    many["event_id"] = [f"forhandlinger-om-finansloven#{n}" for n in range(40)]
    figure = viz.plot_timeline(Tables(pd.concat([events, many], ignore_index=True)))
    note = next(note for note in figure.layout.annotations if note.name == "undated")
    assert re.search(r" … \(\+\d+ flere\)$", note.text)
    assert "<br>" not in note.text and len(note.text) < 200
    listed = note.text.count("#")
    assert note.text.endswith(f"(+{41 - listed} flere)")


def test_height_grows_with_the_rows_within_bounds() -> None:
    def height(rows: int) -> int:
        events = pd.concat([sample_timeline().events.iloc[[3]]] * rows, ignore_index=True)
        events["event_id"] = [f"ain#{n}" for n in range(rows)]
        return int(viz.plot_timeline(Tables(events)).layout.height)

    assert height(1) == MIN_HEIGHT
    assert height(20) - height(19) == ROW_PX
    assert height(30) - height(20) == 10 * ROW_PX
    assert height(400) == MAX_HEIGHT


def test_height_of_the_sample_is_compact(figure: go.Figure) -> None:
    rows = len({trace.y[index] for trace, index in drawn(figure).values()})
    assert figure.layout.height <= max(MIN_HEIGHT, 100 + 70 + SLIDER_PX + (rows + 1) * ROW_PX)


def test_rows_keep_their_height_in_a_short_chart() -> None:
    figure = viz.plot_timeline(Tables(sample_timeline().events.iloc[[3]]))
    layout = figure.layout
    assert layout.height == MIN_HEIGHT
    plot_px = layout.height - layout.margin.t - layout.margin.b
    bottom, top = layout.yaxis.range
    assert bottom > top  # first row on top
    assert plot_px / (bottom - top) == pytest.approx(ROW_PX)


# Uncertainty

def test_wide_event_gets_a_light_band_and_an_emphasised_point() -> None:
    figure = viz.plot_timeline(with_rows({"ain#2": MONTH_ONLY}))
    band = next(trace for trace in figure.data if trace.meta == "uncertainty")
    assert band.type == "bar" and band.customdata is None
    assert pd.Timestamp(band.base[0]) == pd.Timestamp("2020-01-01T00:15")
    assert band.x[0] == (timedelta(days=28, minutes=31) / timedelta(milliseconds=1))
    trace, index = drawn(figure)["ain#2"]
    assert trace.type == "scatter"  # the core, 00:15-00:46 on the middle day, is a point
    assert pd.Timestamp(trace.x[index]) == pd.Timestamp("2020-01-15T00:30:30")
    assert band.y[0] == trace.y[index] and band.hovertext[0] == trace.hovertext[index]
    assert "Repræsentativt tidspunkt: onsdag 15. jan. 2020 kl. 00.15 – kl. 00.46" in hover(
        figure, "ain#2")
    whiskers = next(each for each in figure.data if each.meta == "whiskers")
    assert trace.y[index] not in whiskers.y  # the band, not a whisker, shows the range


def test_wide_event_with_a_long_expression_gets_an_emphasised_bar() -> None:
    # "sidste uge" when the publication week is unknown: one of five weeks.
    figure = viz.plot_timeline(with_rows({"ain#1": {
        "value": "XXXX-WXX", "earliest": "2019-12-23T00:00", "latest": "2020-01-27T00:00"}}))
    trace, index = drawn(figure)["ain#1"]
    assert trace.type == "bar"
    assert pd.Timestamp(trace.base[index]) == pd.Timestamp("2020-01-06T00:00")  # middle week
    assert trace.x[index] == timedelta(days=7) / timedelta(milliseconds=1)
    band = next(trace for trace in figure.data if trace.meta == "uncertainty")
    assert pd.Timestamp(band.base[0]) == pd.Timestamp("2019-12-23T00:00")


def test_reporting_event_of_a_month_only_publication_sits_mid_month() -> None:
    figure = viz.plot_timeline(with_rows({"pentagon#0": {
        "value": "", "type": "", "dated_by": "publication", "earliest": "2020-01-01T00:00",
        "latest": "2020-02-01T00:00"}}))
    trace, index = drawn(figure)["pentagon#0"]
    assert trace.type == "scatter"
    assert pd.Timestamp(trace.x[index]) == pd.Timestamp("2020-01-16T12:00")
    assert any(trace.meta == "uncertainty" for trace in figure.data)


def test_wide_before_event_is_emphasised_at_the_edge_of_its_core() -> None:
    figure = viz.plot_timeline(with_rows({"ain#3": {
        "value": "2020-01-XXT01:00", "earliest": "2020-01-01T00:00",
        "latest": "2020-01-29T01:00"}}))
    trace, index = drawn(figure)["ain#3"]
    assert pd.Timestamp(trace.x[index]) == pd.Timestamp("2020-01-15T01:00")


def test_uncertainty_bands_have_a_legend_entry() -> None:
    figure = viz.plot_timeline(with_rows({"ain#2": MONTH_ONLY}))
    key = [trace for trace in figure.data if trace.showlegend is not False]
    assert [(trace.meta, trace.name) for trace in key] == [
        ("uncertainty-key", "usikkerhed: mulige tidspunkter")]
    assert {trace.legendgroup for trace in figure.data
            if trace.meta in ("uncertainty", "uncertainty-key")} == {"uncertainty"}
    english = viz.plot_timeline(with_rows({"ain#2": MONTH_ONLY}), danish=False)
    assert any(trace.name == "uncertainty: possible times" for trace in english.data)


def test_intervals_as_long_as_their_expression_get_no_band(figure: go.Figure) -> None:
    assert not any(trace.meta in ("uncertainty", "uncertainty-key") for trace in figure.data)


@pytest.mark.parametrize(("value", "mod", "length", "period"), [
    ("2020-01-XXT00:30", "APPROX", timedelta(minutes=31), timedelta(days=1)),
    ("2020-01-XXT01:00", "BEFORE", timedelta(hours=1), timedelta(days=1)),
    ("2020-WXX-2TNI", "", timedelta(hours=8), timedelta(weeks=1)),
    ("XXXX-WXX", "", timedelta(weeks=1), timedelta(weeks=1)),
    ("2023-W43-WE", "", timedelta(days=2), None),
    ("2021-11-XX", "", timedelta(days=1), timedelta(days=1)),
])
def test_precision_of_a_value(value: str, mod: str, length: timedelta,
                              period: timedelta | None) -> None:
    found = precision(value, mod, "expression")
    assert found is not None and (found.length, found.period) == (length, period)


@pytest.mark.parametrize("value", ["P3D", "XXXX-XX-XXTXX:XX:XX garbage", "PRESENT_REF"])
def test_precision_of_other_values_is_unknown(value: str) -> None:
    assert precision(value, "", "expression") is None


# Undated events

def test_undated_event_is_listed_not_drawn(figure: go.Figure) -> None:
    assert "ain#4" not in drawn(figure)
    note = next(note for note in figure.layout.annotations if note.name == "undated")
    assert "ain#4" in note.text and "Basen ligger i Irak." in note.hovertext
    assert "5 daterede begivenheder · 1 udateret" in figure.layout.title.text


def test_timeline_without_dated_events() -> None:
    events = sample_timeline().events.assign(earliest=None, latest=None)
    figure = viz.plot_timeline(Tables(events))
    assert len(figure.data) == 0
    assert "0 daterede begivenheder · 6 udaterede" in figure.layout.title.text
    assert any(note.text == "Ingen daterede begivenheder" for note in figure.layout.annotations)
    assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False
    assert figure.layout.xaxis.rangeselector.visible is False  # nothing to zoom into


def test_empty_timeline() -> None:
    figure = viz.plot_timeline(Tables(sample_timeline().events.iloc[0:0]))
    assert len(figure.data) == 0 and "0 daterede" in figure.layout.title.text


# Escaping

def test_hover_text_has_the_event_details(figure: go.Figure) -> None:
    text = hover(figure, "ain#2")
    for part in ("<b>ramte</b>", "Det første nedslag ramte omkring klokken 00.30 dansk tid.",
                 "Udtryk: omkring klokken 00.30 dansk tid",
                 "TIMEX3: TIME 2020-01-08T00:30 (mod APPROX)",
                 "Tid: onsdag 8. jan. 2020 kl. 00.15 – kl. 00.46", "Artikel: ain, sætning 2",
                 "Sikkerhed: 100 %"):
        assert part in text


def test_article_markup_is_escaped_in_hover_text(figure: go.Figure) -> None:
    text = hover(figure, "pentagon#0")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text
    assert "=HYPERLINK(&#34;x&#34;)" in text  # shown as text; quotes as entities Plotly decodes


@pytest.mark.parametrize("column", ["sentence_text", "trigger", "expression", "value", "mod",
                                    "doc_id", "dated_by", "event_id"])
def test_no_markup_from_the_tables_reaches_a_label(column: str) -> None:
    figure = viz.plot_timeline(with_rows({"pentagon#0": {column: HOSTILE},
                                          "ain#4": {column: HOSTILE}}), title=HOSTILE)
    found = "".join(labels(figure))
    assert "&lt;img src=x onerror=alert(1)&gt;" in found
    tags = {tag.lower() for tag in re.findall(r"</?([A-Za-z][\w-]*)", found)}
    assert tags <= ALLOWED_TAGS, tags


def test_long_lane_names_are_shortened_on_the_axis() -> None:
    events = sample_timeline().events.assign(doc_id="<b>" + "x" * 60)
    tick = viz.plot_timeline(Tables(events)).layout.yaxis.ticktext[0]
    assert tick == "&lt;b&gt;" + "x" * 28 + "…"  # 32 characters as shown


def test_lane_column_name_is_escaped() -> None:
    events = sample_timeline().events.assign(**{"<i>type</i>": "x"})
    figure = viz.plot_timeline(Tables(events), lane="<i>type</i>")
    assert figure.layout.yaxis.title.text == "&lt;i&gt;type&lt;/i&gt;"
    assert list(figure.layout.yaxis.ticktext) == ["x"]


# Danish labels

@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2020, 1, 8), "8. jan. 2020"),
    (datetime(2019, 5, 31), "31. maj 2019"),
    (datetime(2020, 2, 29), "29. feb. 2020"),
    (datetime(2020, 9, 1), "1. sep. 2020"),
    (datetime(2020, 12, 24), "24. dec. 2020"),
])
def test_danish_date(moment: datetime, expected: str) -> None:
    assert viz.danish_date(moment) == expected


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2020, 1, 6, 9, 5), "mandag 6. jan. 2020 kl. 09.05"),
    (datetime(2020, 1, 7, 23, 59), "tirsdag 7. jan. 2020 kl. 23.59"),
    (datetime(2020, 1, 8, 0, 30), "onsdag 8. jan. 2020 kl. 00.30"),
    (datetime(2020, 1, 9, 12, 0), "torsdag 9. jan. 2020 kl. 12.00"),
    (datetime(2020, 1, 10, 6, 0), "fredag 10. jan. 2020 kl. 06.00"),
    (datetime(2020, 1, 11, 18, 0), "lørdag 11. jan. 2020 kl. 18.00"),
    (datetime(2020, 1, 12, 0, 0), "søndag 12. jan. 2020 kl. 00.00"),
])
def test_danish_datetime(moment: datetime, expected: str) -> None:
    assert viz.danish_datetime(moment) == expected


def test_danish_long_month_names() -> None:
    long_form = viz.danish_date(datetime(2020, 3, 1), short=False, weekday=True)
    assert long_form == "søndag 1. marts 2020"


@pytest.mark.parametrize(("earliest", "latest", "expected"), [
    ("2020-01-07T00:00", "2020-01-08T00:00", "tirsdag 7. jan. 2020"),
    ("2019-12-30T00:00", "2020-01-06T00:00", "mandag 30. dec. 2019 – søndag 5. jan. 2020"),
    ("2020-01-08T00:15", "2020-01-08T00:46", "onsdag 8. jan. 2020 kl. 00.15 – kl. 00.46"),
    ("2020-01-07T22:00", "2020-01-08T02:00",
     "tirsdag 7. jan. 2020 kl. 22.00 – onsdag 8. jan. 2020 kl. 02.00"),
])
def test_format_interval(earliest: str, latest: str, expected: str) -> None:
    assert viz.format_interval(datetime.fromisoformat(earliest),
                               datetime.fromisoformat(latest)) == expected


def test_plotly_locale_counts_weekdays_from_sunday() -> None:
    names = plotly_locale()["format"]
    assert names["days"][0] == "søndag" and names["shortDays"][1] == "man."
    assert names["shortMonths"][0] == "jan." and names["months"][4] == "maj"


def test_english_labels() -> None:
    figure = viz.plot_timeline(sample_timeline(), danish=False)
    assert "Time: 2020-01-07" in hover(figure, "pentagon#0")
    assert "5 dated events · 1 undated" in figure.layout.title.text
    assert figure.layout.meta["locale"] == "en"


# Errors

def test_missing_lane_column_is_named() -> None:
    with pytest.raises(ValueError, match="lane='source'"):
        viz.plot_timeline(sample_timeline(), lane="source")


def test_missing_event_columns_are_named() -> None:
    with pytest.raises(ValueError, match="certainty"):
        viz.plot_timeline(Tables(sample_timeline().events.drop(columns=["certainty"])))


def test_not_a_timeline() -> None:
    with pytest.raises(TypeError, match="events"):
        viz.plot_timeline(cast(Any, pd.DataFrame()))


def test_write_image_needs_png_or_svg(figure: go.Figure, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.png, \.svg.*'\.jpg'"):
        viz.write_image(figure, tmp_path / "chart.jpg")


def test_write_image_without_browser_says_what_is_missing(
        figure: go.Figure, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(viz.BrowserNotFoundError, match="chromium.*apt-get install chromium"):
        viz.write_image(figure, tmp_path / "chart.png")
    assert list(tmp_path.iterdir()) == []


# HTML

def test_html_is_standalone_and_offline(figure: go.Figure, tmp_path: Path) -> None:
    path = viz.write_html(figure, tmp_path / "sub" / "chart.html")
    page = path.read_text(encoding="utf-8")
    assert len(page) > 1_000_000 and "plotly.js v" in page  # plotly.js is embedded
    assert not re.search(r"<script[^>]+src=", page)
    outside_scripts = re.sub(r"<script\b.*?</script>", "", page, flags=re.DOTALL)
    assert "cdn.plot.ly" not in outside_scripts and "mathjax" not in outside_scripts.lower()
    newplot = page[page.index("Plotly.newPlot"):]  # (plotly.js itself names a CDN for maps)
    assert "cdn.plot.ly" not in newplot and "mathjax" not in newplot.lower()
    assert "<title>Tidslinje</title>" in page
    assert [p.name for p in path.parent.iterdir()] == ["chart.html"]  # no temporary file left


def test_html_never_holds_raw_article_markup(figure: go.Figure) -> None:
    page = figure_html(figure)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;" in page  # the JSON also writes "/" as \\u002f


def test_html_policy_allows_only_its_own_scripts(figure: go.Figure) -> None:
    page = figure_html(figure)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1)
    scripts = re.findall(r"<script\b", page)
    assert policy.group(1).count("'sha256-") == len(scripts)


def test_html_of_a_danish_chart_has_the_danish_locale(figure: go.Figure) -> None:
    assert '"locale": "da"' in figure_html(figure)
    assert '"locale": "da"' not in figure_html(viz.plot_timeline(sample_timeline(), danish=False))


def test_viz_imports_neither_the_engine_nor_the_builder() -> None:
    code = "import sys, viz; print(sorted({m.split('.')[0] for m in sys.modules}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert "normalise" not in result.stdout and "'timeline'" not in result.stdout


def test_hover_names_merged_sources_narrowing_and_conflicts() -> None:
    events = sample_timeline().events.copy()
    events["sources"] = events["event_id"]
    events["narrowed_by"] = ""
    events["conflicts_with"] = ""
    events.loc[1, ["sources", "narrowed_by", "conflicts_with"]] = ["ain#1; <b>x</b>#0", "dr", "tv2#0"]
    trace, index = drawn(viz.plot_timeline(Tables(events)))["ain#1"]
    hover = trace.hovertext[index]
    assert "Kilder: ain#1; &lt;b&gt;x&lt;/b&gt;#0" in hover
    assert "Indsnævret af: dr" in hover and "Modstridende dato i: tv2#0" in hover
    plain, position = drawn(viz.plot_timeline(Tables(events)))["ain#0"]
    assert "Kilder" not in plain.hovertext[position]


def test_hover_says_when_an_article_s_own_text_narrowed_its_date() -> None:
    """``narrowed_by`` naming the event's own document: its text named the publication day."""
    events = sample_timeline().events.copy()
    events["narrowed_by"] = ""
    events.loc[0, "narrowed_by"] = events.loc[0, "doc_id"]
    trace, index = drawn(viz.plot_timeline(Tables(events)))["ain#0"]
    assert "Indsnævret af artiklens egen tekst" in trace.hovertext[index]
    assert "Indsnævret af:" not in trace.hovertext[index]
    english, position = drawn(viz.plot_timeline(Tables(events), danish=False))["ain#0"]
    assert "Narrowed by the article's own text" in english.hovertext[position]


def test_a_large_timeline_draws_at_most_max_events_and_says_so() -> None:
    events = sample_timeline().events
    figure = viz.plot_timeline(Tables(events), max_events=2)
    assert len(drawn(figure)) == 2
    assert "2 / 5 daterede begivenheder" in figure.layout.title.text


def test_lanes_beyond_max_lanes_share_one_lane_that_counts_them() -> None:
    events = sample_timeline().events
    by_event = viz.plot_timeline(sample_timeline(), lane="event_id", max_lanes=3)
    assert len(drawn(by_event)) == len(events.dropna(subset=["earliest"]))  # every event still drawn
    ticks = list(by_event.layout.yaxis.ticktext)
    assert len(ticks) == 3 and "3 andre" in ticks
    english = viz.plot_timeline(sample_timeline(), lane="event_id", max_lanes=3, danish=False)
    assert "3 others" in list(english.layout.yaxis.ticktext)
