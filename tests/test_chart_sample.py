"""viz.ChartSample: the chart of an events table given chunk by chunk is the whole table's chart."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import timeline
import viz
from timeline.model import EVENT_COLUMNS
from viz.hover import DANISH, ENGLISH
from viz.marks import NOMINAL_WIDTH, Scale
from viz.plot import is_dated, most_reported, undated_budget
from viz.sample import BATCH_ROWS, KEPT_UNDATED, SampledTimeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from corpus import generate

# Short articles: clock times, days, publications known to the month or year, undated
# sentences, and one event three articles report (its sources: "ritzau#0; dr#0; tv2#0").
REPORTS = (
    ("ritzau", "Et missilangreb ramte basen Ain Al-Asad natten til onsdag. Basen ligger i Irak.",
     "2020-01"),
    ("dr", ("Iran stod bag missilangrebet på Ain Al-Asad natten til onsdag, oplyser Pentagon. "
            "Ingen amerikanere kom til skade."), "2020-01-08T06:00"),
    ("tv2", ("Missilangrebet på Ain Al-Asad natten til onsdag kom uden varsel. "
             "Det siger eksperter."), "2020-01-08T09:30"),
    ("fyens", ("I går brændte et hus i Odense. Mandag kom svaret fra forsikringen. "
               "Brandvæsenet var hurtigt fremme."), "2020-01-08"),
    ("arkiv", ("Museet åbnede i foråret efter en lang ombygning. Udstillingen var en succes. "
               "Sidste år kom få gæster."), "2019"),
    ("maaned", ("Byrådet vedtog budgettet den 12. marts. Borgmesteren er tilfreds. "
                "Næste møde er i april."), "2021-03"),
    ("kort", "Ingen kommentarer.", "2020-02-01T10:00"),
)
SEED = 20240611
CHUNK_ROWS = (1, 7, None)  # None: the whole table as one chunk
# (table, max_events): the selection keeps all, or cuts through ties
CASES = (("reports", 3), ("reports", None), ("corpus", 30), ("crowded", 30))
REDUCTIONS = 200  # a sample reduces its rows about this often (once per chunk for a small table)


class Tables:
    """A Timeline stand-in: plot_timeline needs only an ``events`` table."""

    def __init__(self, events: pd.DataFrame) -> None:
        self.events = events


@cache
def table(name: str) -> Tables:
    """The whole events table of a named timeline (built once)."""
    if name == "reports":
        return Tables(timeline.build(REPORTS).events)
    if name == "corpus":
        articles = generate(80, SEED)
        return Tables(timeline.build([(a.id, a.text, a.published) for a in articles]).events)
    return Tables(_crowded(table("corpus").events))


def _crowded(events: pd.DataFrame) -> pd.DataFrame:
    """The corpus with more merged reports, certainties in three values (one of them missing):
    many ties where the selection cuts; and undated ids as short as can be (0, 1, 2, ...), so
    the note lists as many as fit."""
    position = pd.Series(range(len(events)), index=events.index)
    certainty = (position % 3).map({0: 1.0, 1: 0.5, 2: float("nan")})
    sources = events["sources"].where(position % 5 != 0, events["sources"] + "; x#0")
    dated = is_dated(events)
    ids = ("d" + position.astype(str)).where(dated, ((~dated).cumsum() - 1).astype(str))
    return events.assign(event_id=ids, certainty=certainty, sources=sources)


def chunks(events: pd.DataFrame, rows: int | None) -> Iterator[pd.DataFrame]:
    """Consecutive slices of ``events``, each indexed from 0 (as a stream gives them)."""
    size = rows or max(len(events), 1)
    for start in range(0, len(events), size):
        yield events.iloc[start:start + size].reset_index(drop=True)


@cache
def sampled(name: str, rows: int | None, max_events: int | None,
            batch_rows: int | None = None) -> SampledTimeline:
    """The sample of a named table given in chunks of ``rows``, reduced every ``batch_rows``
    (default: about REDUCTIONS times, so the kept rows meet new ones often but quickly)."""
    events = table(name).events
    batch_rows = batch_rows or max(len(events) // REDUCTIONS, 1)
    sample = viz.ChartSample(max_events, batch_rows=batch_rows)
    for chunk in chunks(events, rows):
        sample.add(chunk)
    return sample.timeline()


Figure = dict[str, Any]


@cache
def whole_figure(name: str, lane: str, danish: bool, max_events: int | None) -> Figure:
    figure = viz.plot_timeline(table(name), lane=lane, danish=danish, max_events=max_events)
    return figure.to_plotly_json()


def sample_figure(sample: SampledTimeline, lane: str, danish: bool,
                  max_events: int | None) -> Figure:
    figure = viz.plot_timeline(sample, lane=lane, danish=danish, max_events=max_events)
    return figure.to_plotly_json()


@pytest.mark.parametrize(("name", "max_events"), CASES)
@pytest.mark.parametrize("rows", CHUNK_ROWS)
@pytest.mark.parametrize("danish", [True, False])
def test_the_chart_of_the_chunks_is_the_chart_of_the_whole_table(
        name: str, max_events: int | None, rows: int | None, danish: bool) -> None:
    sample = sampled(name, rows, max_events)
    assert (sample_figure(sample, "doc_id", danish, max_events)
            == whole_figure(name, "doc_id", danish, max_events))


@pytest.mark.parametrize(("name", "max_events"), CASES)
@pytest.mark.parametrize("rows", CHUNK_ROWS)
def test_the_sample_keeps_the_rows_the_chart_uses_and_the_true_counts(
        name: str, max_events: int | None, rows: int | None) -> None:
    """The dated rows most_reported chooses from the whole table (ties: the earlier row), the
    first undated rows in rank order, and the counts; never more than that."""
    assert_keeps_what_the_chart_uses(name, sampled(name, rows, max_events), max_events)


def test_small_chunks_wait_for_a_batch_and_keep_the_same_rows() -> None:
    assert_keeps_what_the_chart_uses("crowded", sampled("crowded", 7, 30, BATCH_ROWS), 30)


def test_a_cut_among_missing_certainties_is_the_whole_table_s() -> None:
    """At 250 the selection ends among events reported twice whose certainty is missing
    (sorted last, like the whole table's sort): the earlier of them are kept."""
    events = table("crowded").events
    dated = events[is_dated(events)]
    tier = dated[(dated["sources"].str.count(";") == 1) & dated["certainty"].isna()]
    assert 0 < tier.index.isin(most_reported(dated, 250).index).sum() < len(tier)
    assert_keeps_what_the_chart_uses("crowded", sampled("crowded", 7, 250), 250)
    assert (sample_figure(sampled("crowded", 7, 250), "doc_id", True, 250)
            == whole_figure("crowded", "doc_id", True, 250))


def assert_keeps_what_the_chart_uses(name: str, sample: SampledTimeline,
                                     max_events: int | None) -> None:
    events = table(name).events
    usable = is_dated(events)
    kept = sample.events
    pd.testing.assert_frame_equal(kept[is_dated(kept)], most_reported(events[usable], max_events))
    undated = events[~usable].sort_values("rank", kind="stable").head(KEPT_UNDATED)
    pd.testing.assert_frame_equal(kept[~is_dated(kept)].sort_values("rank", kind="stable"), undated)
    assert (sample.dated_total, sample.undated_total) == (usable.sum(), (~usable).sum())
    assert len(kept) <= (max_events or usable.sum()) + KEPT_UNDATED


@pytest.mark.parametrize("lane", EVENT_COLUMNS)
def test_every_lane_column_gives_the_whole_table_s_chart(lane: str) -> None:
    """Both languages on the small table; Danish on the large one (its words are the same)."""
    for name, max_events, languages in (("reports", 3, (True, False)), ("crowded", 12, (True,))):
        sample = sampled(name, 7, max_events)
        for danish in languages:
            assert (sample_figure(sample, lane, danish, max_events)
                    == whole_figure(name, lane, danish, max_events)), (name, danish)


def test_a_plot_of_fewer_events_than_the_sample_kept_is_still_the_whole_table_s() -> None:
    """The best 10 of the best 30 are the best 10: plot_timeline may ask for fewer."""
    sample = sampled("crowded", 7, 30)
    assert sample_figure(sample, "doc_id", True, 10) == whole_figure("crowded", "doc_id", True, 10)


def test_the_counts_are_the_whole_table_s() -> None:
    """The subtitle's "N / M" and the note's "(+N flere)" count every row, not the kept ones."""
    figure = viz.plot_timeline(sampled("crowded", None, 30), max_events=30)
    events = table("crowded").events
    dated, undated = int(is_dated(events).sum()), int((~is_dated(events)).sum())
    assert f"30 / {dated} daterede begivenheder · {undated} udaterede" in figure.layout.title.text
    note = next(each for each in figure.layout.annotations if each.name == "undated")
    listed = note.text.split(": ", 1)[1].split(" … ")[0].split(", ")
    assert note.text.endswith(f"(+{undated - len(listed)} flere)")


@pytest.mark.parametrize("words", [DANISH, ENGLISH])
def test_the_kept_undated_rows_are_more_than_the_widest_note_reads(words: Any) -> None:
    """undated_label reads budget + 1 ids; no chart is wider than one of unnamed lanes."""
    start = datetime(2020, 1, 1)
    dated = pd.DataFrame({"_from": [start], "_to": [start + timedelta(days=1)]})
    widest = Scale.of(dated, [""])
    assert widest.width <= NOMINAL_WIDTH
    assert undated_budget(widest, words) + 1 <= KEPT_UNDATED
    assert undated_budget(Scale(start, start, NOMINAL_WIDTH), words) + 1 <= KEPT_UNDATED


def test_chunks_with_any_index_and_empty_chunks_give_the_same_chart() -> None:
    events = table("reports").events
    sample = viz.ChartSample(3, batch_rows=1)
    sample.add(events.iloc[:0])
    for chunk in chunks(events, 4):
        sample.add(chunk.set_axis(range(100, 100 - len(chunk), -1)))  # the index means nothing
        sample.add(chunk.iloc[:0])
    assert (sample_figure(sample.timeline(), "doc_id", True, 3)
            == whole_figure("reports", "doc_id", True, 3))


def test_a_table_without_rows_gives_the_empty_table_s_chart() -> None:
    empty = table("reports").events.iloc[:0]
    sample = viz.ChartSample()
    sample.add(empty)
    assert (viz.plot_timeline(sample.timeline()).to_plotly_json()
            == viz.plot_timeline(Tables(empty)).to_plotly_json())


def test_the_sample_names_the_table_s_columns_and_rejects_a_lane_that_is_none() -> None:
    events = table("reports").events
    sample = viz.ChartSample()
    assert list(sample.columns) == []
    for chunk in chunks(events, 7):
        sample.add(chunk)
    assert list(sample.columns) == list(events.columns)
    assert "outlet" not in sample.columns and "doc_id" in sample.columns
    with pytest.raises(ValueError) as whole:
        viz.plot_timeline(table("reports"), lane="outlet")
    with pytest.raises(ValueError) as chunked:
        viz.plot_timeline(sample.timeline(), lane="outlet")
    assert str(chunked.value) == str(whole.value)


def test_a_chunk_with_other_columns_is_refused() -> None:
    events = table("reports").events
    sample = viz.ChartSample()
    sample.add(events.iloc[:2])
    with pytest.raises(ValueError, match="differ from the first chunk's"):
        sample.add(events.iloc[2:].drop(columns="sources"))
