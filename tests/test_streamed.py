"""A streamed build (events on disk, merged and ordered from their reports) gives the in-memory timeline.

Each case is a small corpus chosen for what it exercises; the streamed events table,
in slices of any size, must be the one ``timeline_of`` makes in memory, value for value
and type for type.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from timeline.builder import _details
from timeline.corpus import corpus_events, corpus_spilled, successes, timeline_of
from timeline.documents import Document
from timeline.events import document_events
from timeline.exports._frame import ordered_events
from timeline.exports.timeml import write_timeml
from timeline.exports.timeml_stream import DocumentTexts, TimeMLSink
from timeline.merge import merge, merge_plan
from timeline.reports import Reports, reports_of
from timeline.rows import event_rows
from timeline.spill import RowSpill
from timeline.stored_reports import StoredReports
from timeline.streamed import StreamedBuild


def doc(doc_id: str, text: str, published: str, **extra: object) -> Document:
    return Document(doc_id, text, published, "<test>", extra)


# Reports of one attack: a month-dated one narrowed by an exact one, a conflicting one, another story.
ATTACK = [
    doc("ritzau", "Et missilangreb ramte basen Ain Al-Asad natten til onsdag.", "2020-01", outlet="Ritzau"),
    doc("dr", "Iran stod bag missilangrebet på Ain Al-Asad natten til onsdag, oplyser Pentagon.",
        "2020-01-08T06:00", outlet="DR", url="https://dr.dk/1"),
    doc("tv2", "Missilangrebet mod Ain Al-Asad skete i december. Ingen blev dræbt.", "2020-01-08"),
    doc("bt", "Et missilangreb ramte Kabul natten til onsdag. Senere kom flere meldinger.", "2020-01-08T06:00",
        outlet=3),
]
UNDATED = [doc("u1", "Ingen ved, hvad der sker.", "2020-01-08"), doc("u2", "Han siger intet.", "2019")]
# Two documents of one id (the later one's text and fields win), and a year-dated one.
REPEATED = [
    doc("same", "Mødet holdes fredag i Aarhus.", "2021-03-02T10:00", outlet="A"),
    doc("year", "Valget blev holdt i marts, og i sidste uge kom resultatet.", "2021"),
    doc("same", "Mødet blev aflyst i går.", "2021-03-05T09:00"),
]
# Ids repeated within a merged story: the December report conflicts and the month-dated one merges; a
# later, unrelated document of the merged event's id takes its event_id's sources away (as in memory).
REPEATED_IN_STORY = [
    doc("dup", "Et missilangreb ramte Ain Al-Asad natten til onsdag.", "2020-01"),
    doc("x", "Missilangrebet på Ain Al-Asad skete natten til onsdag, oplyser Pentagon.", "2020-01-08T06:00"),
    doc("dup", "Missilangrebet mod Ain Al-Asad skete i december.", "2020-01-08"),
    doc("y", "Et missilangreb ramte Ain Al-Asad natten til onsdag.", "2020-01-08T09:00"),
    doc("x", "Et helt andet møde blev holdt i går.", "2020-01-09T10:00"),
]

CASES = {
    "one attack, four reports": ATTACK,
    "undated only": UNDATED,
    "repeated ids": REPEATED,
    "repeated ids in a story": REPEATED_IN_STORY,
    "repeated ids, the last one unrelated left out": REPEATED_IN_STORY[:-1],
    "all together": ATTACK + UNDATED + REPEATED,
    "no documents": [],
    "a document without events": [doc("empty", "", "2020-01-08", outlet="x")],
}


def in_memory(documents: list[Document]) -> pd.DataFrame:
    return timeline_of(successes(corpus_events(documents), _fail)).events


def streamed(documents: list[Document], folder: Path, rows: int, **seams: int) -> list[pd.DataFrame]:
    build = StreamedBuild(folder, **seams)
    for item in successes(corpus_spilled(documents), _fail):
        build.add(item)
    return list(build.tables(rows))


def _fail(error: object) -> None:
    raise AssertionError(f"a document failed: {error}")


@pytest.mark.parametrize("rows", [1, 3, 1 << 16])
@pytest.mark.parametrize("name", list(CASES))
def test_streamed_table_is_the_in_memory_table(name: str, rows: int, tmp_path: Path) -> None:
    documents = CASES[name]
    slices = streamed(documents, tmp_path, rows)
    assert all(len(part) <= rows for part in slices)
    pd.testing.assert_frame_equal(pd.concat(slices, ignore_index=True), in_memory(documents))
    assert list(tmp_path.iterdir()) == []  # the events left the folder as they were read back


@pytest.mark.parametrize("name", list(CASES))
def test_every_seam_of_the_disk_keeps_the_table(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports taken in parts of two documents, sorted in runs of three events, places stored
    in files of two, rows routed to at most two files at a time: the table does not change."""
    monkeypatch.setattr("timeline.streamed.JOIN_EVERY", 2)
    monkeypatch.setattr("timeline.spill.MAX_SLICES", 2)
    documents = CASES[name]
    slices = streamed(documents, tmp_path, 2, run_rows=3, stretch=2)
    pd.testing.assert_frame_equal(pd.concat(slices, ignore_index=True), in_memory(documents))
    assert list(tmp_path.iterdir()) == []


def test_merged_and_conflicting_reports_are_said_alike(tmp_path: Path) -> None:
    table = pd.concat(streamed(ATTACK, tmp_path, 2), ignore_index=True).set_index("event_id")
    assert table.loc["dr#0", "sources"] == "ritzau#0; dr#0" and table.loc["dr#0", "narrowed_by"] == "dr"
    assert table.loc["tv2#0", "conflicts_with"] == "dr#0"
    assert table.loc["dr#0", "outlet"] == "DR" and table.loc["bt#0", "outlet"] == 3


@pytest.mark.parametrize("documents", [ATTACK, REPEATED_IN_STORY, REPEATED_IN_STORY[:-1], UNDATED])
def test_what_is_said_of_merged_events_is_said_in_memory(documents: list[Document], tmp_path: Path) -> None:
    build = StreamedBuild(tmp_path)
    for item in successes(corpus_spilled(documents), _fail):
        build.add(item)
    said = build.plan().said
    expected = _details(merge([e for d in documents for e in document_events(d.id, d.text, d.published)]))
    assert dict(said) == expected and len(said) == len(expected)
    assert said.within(["nobody#0", *expected, *expected]) == expected
    with pytest.raises(KeyError):
        said["nobody#0"]


def test_a_generated_corpus_streams_to_the_same_table(tmp_path: Path) -> None:
    from benchmarks.corpus import generate

    documents = [doc(a.id, a.text, a.published, n=k % 3 or None) for k, a in enumerate(generate(40, seed=7))]
    expected = in_memory(documents)
    slices = streamed(documents, tmp_path, 97)
    pd.testing.assert_frame_equal(pd.concat(slices, ignore_index=True), expected)
    slices = streamed(documents, tmp_path, 97, run_rows=50, stretch=64)
    pd.testing.assert_frame_equal(pd.concat(slices, ignore_index=True), expected)


def test_reports_joined_from_parts_are_the_reports_of_all_events() -> None:
    parts = [list(document_events(d.id, d.text, d.published)) for d in ATTACK + REPEATED]
    whole = reports_of([event for part in parts for event in part])
    joined = Reports.joined([reports_of(part) for part in parts])
    for name in ("doc", "sentence", "published", "dated", "merge_dated", "hull_wall", "hull_utc", "place_starts",
                 "story_event"):
        assert np.array_equal(getattr(joined, name), getattr(whole, name)), name
    assert np.array_equal(joined.middle, whole.middle, equal_nan=True)
    assert np.array_equal(joined.place_values, whole.place_values, equal_nan=True)
    assert sorted(joined.story_key.tolist()) == sorted(whole.story_key.tolist())
    assert (joined.doc_ids, joined.published_texts) == (whole.doc_ids, whole.published_texts)
    assert [joined.event_id(k) for k in range(len(joined))] == [e.event_id for p in parts for e in p]



def test_reports_stored_on_disk_join_as_in_memory(tmp_path: Path) -> None:
    """Parts coded by document number (one table for all, as a streamed build codes them) come back
    from disk as the reports of all their events."""
    parts = [reports_of(list(document_events(d.id, d.text, d.published))) for d in ATTACK + REPEATED + UNDATED]
    ids = [d.id for d in ATTACK + REPEATED + UNDATED]
    published = [d.published for d in ATTACK + REPEATED + UNDATED]
    stored = StoredReports(tmp_path, "t")
    for number, part in enumerate(parts):
        numbers = np.full(len(part), number, np.int32)
        stored.add(replace(part, doc=numbers, published=numbers, doc_ids=ids, published_texts=published))
    whole = Reports.joined(parts)
    joined = stored.joined()
    assert list(tmp_path.iterdir()) == []
    for name in ("sentence", "dated", "merge_dated", "hull_wall", "hull_utc", "story_event", "story_key"):
        assert np.array_equal(getattr(joined, name), getattr(whole, name)), name
    # places are not kept (merging does not read them): every report has none
    assert joined.place_starts.tolist() == [0] * (len(whole) + 1) and len(joined.place_values) == 0
    assert np.isnan(joined.middle).all() and len(joined.middle) == len(whole)
    stored_plan = merge_plan(joined)
    plan = merge_plan(replace(whole, doc=joined.doc, published=joined.published, doc_ids=ids, published_texts=published))
    assert plan.sources and plan.narrowed_by and len(plan.conflicts.owners)  # the attack merges, narrows, conflicts
    for name in ("kept", "anchors"):
        assert np.array_equal(getattr(stored_plan, name), getattr(plan, name)), name
    assert (stored_plan.sources, stored_plan.narrowed_by) == (plan.sources, plan.narrowed_by)
    assert all(np.array_equal(getattr(stored_plan.conflicts, name), getattr(plan.conflicts, name))
               for name in ("owners", "starts", "partners"))
    assert [joined.event_id(k) for k in range(len(joined))] == [whole.event_id(k) for k in range(len(whole))]
    assert [joined.published_texts[c] for c in joined.published] == [whole.published_texts[c] for c in whole.published]
    assert len(StoredReports(tmp_path, "none").joined()) == 0

@pytest.mark.parametrize("max_slices", [256, 3, 1])
def test_spilled_rows_come_back_in_the_order_given(max_slices: int, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """15 slices of 7 rows: in one pass (256 files at most), or in two (files of 5 slices, or of all 15)."""
    monkeypatch.setattr("timeline.spill.MAX_SLICES", max_slices)
    documents = [doc(f"d{k}", f"Mødet nummer {k} holdes fredag. Det sagde hun i går.", "2020-01-08") for k in range(60)]
    rows = [event_rows(list(document_events(d.id, d.text, d.published))) for d in documents]
    spill = RowSpill(tmp_path)
    for part in rows:
        spill.add(part)
    ids = [i for part in rows for i in part.column("event_id").to_pylist()]
    shuffled = random.Random(5).sample(range(len(ids)), len(ids))
    positions = np.array([p if p < 100 else -1 for p in shuffled], np.int64)  # the rest left out
    chunks = [positions[:50], positions[50:51], positions[51:]]  # the places come in chunks of any length
    back = [i for table in spill.in_order(chunks, 100, 7) for i in table.column("event_id").to_pylist()]
    assert back == [ids[k] for k in np.argsort(positions)[len(ids) - 100:]]
    assert list(tmp_path.iterdir()) == []


def test_timeml_from_slices_is_the_timeml_of_the_table(tmp_path: Path) -> None:
    documents = ATTACK + UNDATED + REPEATED + [doc("empty", "", "2020-01-08")]
    timeline = timeline_of(successes(corpus_events(documents), _fail))
    expected = write_timeml(timeline, tmp_path / "whole")
    texts = DocumentTexts(tmp_path)
    for document in documents:
        texts.add(document.id, document.text)
    sink = TimeMLSink(tmp_path / "slices", texts, tmp_path)
    frame = ordered_events(timeline)
    for start in range(0, len(frame), 2):
        sink.add(frame.iloc[start:start + 2].reset_index(drop=True))
    written = sink.close()
    assert [p.name for p in written] == [p.name for p in expected]
    assert [p.read_bytes() for p in written] == [p.read_bytes() for p in expected]
