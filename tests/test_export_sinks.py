"""Streaming sinks write what ``export`` writes for the whole table, however the table comes in chunks.

Each case builds a real timeline, cuts ``ordered_events(timeline)`` into chunks (a row at a time,
three rows, one chunk; no chunks for no events) and feeds them to ``open_sink``: the file must
be ``export``'s, byte for byte (iCalendar: for the same DTSTAMP), or for Parquet and Excel, whose
bytes hold metadata and zip timestamps, the same table, sheets and cells read back. When
``export`` fails (Parquet cannot hold a column of text and numbers), the sink fails too and leaves
no file.
"""

from __future__ import annotations

import gc
import math
import random
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))  # benchmarks/
import timeline
from benchmarks.corpus import generate
from timeline.corpus import with_extra_columns
from timeline.exports import RENDERERS, ExportError, excel, export, sinks, to_icalendar
from timeline.exports._frame import ordered_events
from timeline.exports.sinks import ROW_GROUP_ROWS, open_sink
from timeline.model import Timeline

STAMP = datetime(2020, 1, 9, 12, 0, tzinfo=UTC)
FORMATS = list(RENDERERS)  # every format export writes to a file: all of them stream

# (id, text, published): published to the minute, the day, the month and the year; an undated
# sentence; text a spreadsheet would run, quotes and commas CSV quotes, a line break.
DOCUMENTS = [
    ("a", "Angrebet skete i går. Mødet holdes fredag.", "2020-01-08T10:00"),
    ("b", 'Ministeren sagde: "Vi mødes kl. 14 i morgen, måske." Det blev aflyst\r\nigen.', "2020-01-08"),
    ("c", "Valget blev holdt i marts. =SUM(A1) stod der på tavlen i sidste uge.", "2020-01"),
    ("d", "Broen blev bygget for 300 år siden. Ingen ved, hvem der tegnede den.", "2019"),
]
# Extra input fields, as a reader gives them (missing in some documents, of mixed types).
MIXED = {"a": {"outlet": "DR", "words": 120, "score": 1},
         "b": {"outlet": 3, "score": 2.5},
         "c": {"outlet": None, "words": 300, "url": "https://example.dk/c"},
         "d": {"score": None, "tags": ["a", 1]}}
# Dates (from a Parquet input, say): JSON has no type for them, and export fails there.
DATED = {"a": {"seen": date(2020, 1, 2)}, "b": {}, "c": {"seen": datetime(2020, 1, 3, 12, 30)}, "d": {"seen": None}}
# Values of other Python and numpy types: decimals, durations, infinities, numpy scalars.
ODD = {"a": {"amount": Decimal("1.5"), "lasted": timedelta(hours=6), "ratio": math.inf, "flag": np.bool_(True)},
       "b": {"amount": Decimal("-2.25"), "ratio": -math.inf, "flag": False},
       "c": {"lasted": timedelta(days=2), "ratio": np.float32(0.5), "count": np.int64(3)},
       "d": {"ratio": math.nan, "count": 7}}
# Types Parquet can hold: a column of integers and floats, one missing in the first documents.
TYPED = {"a": {"outlet": "DR", "words": 120, "score": 1},
         "b": {"score": 2.5},
         "c": {"words": 300, "url": "https://example.dk/c"},
         "d": {"outlet": "TV 2", "score": None, "url": None}}


def built(extras: dict[str, dict[str, Any]] | None = None) -> Timeline:
    """The timeline of ``DOCUMENTS``, with the extra fields as columns (as ``timeline build`` adds them)."""
    built = timeline.build(DOCUMENTS)
    if extras:
        built.events = with_extra_columns(built.events, extras)
    return built


TIMELINES: dict[str, Callable[[], Timeline]] = {
    "documents": built,
    "mixed extras": lambda: built(MIXED),
    "dated extras": lambda: built(DATED),
    "odd extras": lambda: built(ODD),
    "typed extras": lambda: built(TYPED),
}
CHUNKINGS: dict[str, Callable[[int], list[int]]] = {  # table length -> chunk sizes
    "a row at a time": lambda rows: [1] * rows,
    "three rows": lambda rows: [3] * (rows // 3 + 1),
    "one chunk": lambda rows: [rows],
}


@cache
def timeline_of(case: str) -> Timeline:
    return TIMELINES[case]()


def chunks(frame: pd.DataFrame, sizes: list[int]) -> Iterator[pd.DataFrame]:
    """Consecutive slices of ``frame`` of ``sizes`` rows (as long as rows last), indexed from 0 each."""
    start = 0
    for size in sizes:
        if start >= len(frame):
            return
        yield frame.iloc[start:start + size].reset_index(drop=True)
        start += size


def exported(timeline: Timeline, path: Path) -> Path:
    """``export``'s file (iCalendar: with the DTSTAMP the sinks are given)."""
    if path.name.endswith(".ics"):
        path.write_bytes(to_icalendar(timeline, STAMP).encode("utf-8"))
        return path
    [written] = export(timeline, path)
    return written


def streamed(parts: Iterator[pd.DataFrame], path: Path) -> Path:
    with open_sink(path, stamp=STAMP) as sink:
        for chunk in parts:
            sink.add(chunk)
    return path


def outcome(write: Callable[[], Path]) -> Path | None:
    """The file written, or None when writing raised."""
    try:
        return write()
    except Exception:  # noqa: BLE001  (any failure: the sink must fail where export does)
        return None


def contents(path: Path) -> Any:
    """What must be equal: the bytes; for Parquet the types, pandas' metadata and the table read
    back; for Excel each sheet's cells (value, type, number format) and the sheets read back."""
    if path.suffix == ".parquet":
        schema = pq.read_schema(path)
        return [(field.name, str(field.type)) for field in schema], schema.pandas_metadata, pd.read_parquet(path)
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        cells = {sheet.title: [[(cell.value, cell.data_type, cell.number_format) for cell in row]
                               for row in sheet.iter_rows()] for sheet in book.worksheets}
        return cells, pd.read_excel(path, sheet_name=None)
    return path.read_bytes()


def assert_same(streamed: Path | None, exported: Path | None) -> None:
    assert (streamed is None) == (exported is None), "one of them failed"
    if streamed is None or exported is None:
        return
    mine, theirs = contents(streamed), contents(exported)
    if streamed.suffix in (".parquet", ".xlsx"):
        *mine_exact, mine_frames = mine
        *theirs_exact, theirs_frames = theirs
        assert mine_exact == theirs_exact
        for frame, other in zip(_frames(mine_frames), _frames(theirs_frames), strict=True):
            pd.testing.assert_frame_equal(frame, other)
    else:
        assert mine == theirs


def _frames(read: pd.DataFrame | dict[str, pd.DataFrame]) -> list[pd.DataFrame]:
    return list(read.values()) if isinstance(read, dict) else [read]


def left(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- the same file, however the table is cut ---------------------------------------------

@pytest.mark.parametrize("chunking", CHUNKINGS)
@pytest.mark.parametrize("case", TIMELINES)
@pytest.mark.parametrize("suffix", FORMATS)
def test_sink_writes_what_export_writes(tmp_path: Path, suffix: str, case: str, chunking: str) -> None:
    timeline = timeline_of(case)
    frame = ordered_events(timeline)
    mine = outcome(lambda: streamed(chunks(frame, CHUNKINGS[chunking](len(frame))), tmp_path / f"s{suffix}"))
    theirs = outcome(lambda: exported(timeline, tmp_path / f"e{suffix}"))
    assert_same(mine, theirs)
    assert left(tmp_path) == sorted(path.name for path in (mine, theirs) if path is not None)


@pytest.mark.parametrize("suffix", FORMATS)
def test_no_chunks_is_the_empty_timeline(tmp_path: Path, suffix: str) -> None:
    assert_same(streamed(iter([]), tmp_path / f"s{suffix}"), exported(Timeline(), tmp_path / f"e{suffix}"))


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_chunk_of_no_rows_gives_the_columns(tmp_path: Path, suffix: str) -> None:
    """Documents without events but with extra fields: the table has their columns, no rows."""
    empty = timeline.build([])
    empty.events = with_extra_columns(empty.events, {"a": {"outlet": "DR"}})
    assert "outlet" in ordered_events(empty).columns
    mine = streamed(iter([ordered_events(empty)]), tmp_path / f"s{suffix}")
    assert_same(mine, exported(empty, tmp_path / f"e{suffix}"))


@pytest.mark.parametrize("seed", [1])
def test_random_cuts_of_a_generated_corpus(tmp_path: Path, seed: int) -> None:
    """30 generated articles (some 1,200 events) with extra fields, cut at random places."""
    articles = generate(30, seed)
    corpus = timeline.build([(article.id, article.text, article.published) for article in articles])
    rng = random.Random(seed)
    extras = {article.id: {"outlet": rng.choice(["DR", "TV 2", None, "=x"]), "words": rng.choice([100, None])}
              if rng.random() < 0.7 else {} for article in articles}  # fields missing in some articles
    corpus.events = with_extra_columns(corpus.events, extras)
    frame = ordered_events(corpus)
    sizes = [rng.choice([1, 2, 7, rng.randrange(1, 700)]) for _ in range(len(frame))]
    for suffix in FORMATS:
        mine = streamed(chunks(frame, sizes), tmp_path / f"s{seed}{suffix}")
        assert_same(mine, exported(corpus, tmp_path / f"e{seed}{suffix}"))


# --- CSV: a field depends on its cell only ---------------------------------------------------

@pytest.mark.parametrize("values", [
    [1, None, 3],  # integers with a missing one: not written as floats, in any slice
    [None, "=a", 2.5, True, 4],
    [datetime(2020, 1, 1), None, datetime(2020, 1, 1, 12, 30)],
    [None, None, "tekst, med komma"],
])
def test_csv_object_columns_are_written_a_cell_at_a_time(tmp_path: Path, values: list[Any]) -> None:
    timeline = built({doc_id: {"extra": values[k % len(values)]} for k, (doc_id, *_) in enumerate(DOCUMENTS)})
    frame = ordered_events(timeline)
    expected = exported(timeline, tmp_path / "e.csv").read_bytes()
    for size in (1, 2, len(frame)):
        assert streamed(chunks(frame, [size] * len(frame)), tmp_path / f"s{size}.csv").read_bytes() == expected
    if values == [1, None, 3]:
        read = pd.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False)
        assert set(read["extra"]) == {"1", "", "3"}


# --- Parquet: a column's type is the one all its values take --------------------------------

@pytest.mark.parametrize(("first", "then", "kind"), [
    ([None, None], ["DR", None], "string"),  # missing only, then text
    ([1, None], [2.5, 3], "double"),  # integers, then floats
    (["DR", "TV 2"], [None, None], "string"),  # text, then missing only
    ([[]], [["a", "b"]], "list<element: string>"),
])
def test_parquet_widens_a_column_that_later_chunks_widen(tmp_path: Path, first: list[Any], then: list[Any],
                                                         kind: str) -> None:
    frame = ordered_events(built())
    frame = frame.iloc[:len(first) + len(then)].reset_index(drop=True)
    frame["outlet"] = pd.Series(first + then, dtype=object)
    whole = Timeline(events=frame)
    mine = streamed(chunks(frame, [len(first), len(then)]), tmp_path / "s.parquet")
    assert_same(mine, exported(whole, tmp_path / "e.parquet"))
    assert str(pq.read_schema(mine).field("outlet").type) == kind
    assert left(tmp_path) == ["e.parquet", "s.parquet"]  # the runs' folder is gone


def test_parquet_gathers_small_chunks_into_row_groups(tmp_path: Path) -> None:
    frame = ordered_events(built())
    mine = streamed(chunks(frame, [1] * len(frame)), tmp_path / "s.parquet")
    assert pq.ParquetFile(mine).metadata.num_row_groups == 1 and len(frame) < ROW_GROUP_ROWS


# --- Excel: the same sheets, cells and warnings ------------------------------------------------

def test_excel_goes_on_in_more_sheets_and_warns_as_export_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(excel, "ROWS_PER_SHEET", 3)
    monkeypatch.setattr(excel, "CELL_CHARACTERS", 20)
    timeline = timeline_of("mixed extras")
    frame = ordered_events(timeline)
    theirs = exported(timeline, tmp_path / "e.xlsx")
    warned = caplog.messages[:]
    caplog.clear()
    mine = streamed(chunks(frame, [2] * len(frame)), tmp_path / "s.xlsx")
    assert_same(mine, theirs)
    assert caplog.messages == warned and len(warned) == 2
    assert len(openpyxl.load_workbook(mine).sheetnames) == -(-len(frame) // 3)


# --- atomic: a file only when closed --------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_abort_leaves_no_file_and_keeps_the_old_one(tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"old{suffix}").write_text("old", encoding="utf-8")
    frame = ordered_events(timeline_of("documents"))
    for name in (f"new{suffix}", f"old{suffix}"):
        sink = open_sink(tmp_path / name)
        sink.add(frame.iloc[:2])
        assert not (tmp_path / f"new{suffix}").exists()
        sink.abort()
        sink.abort()  # a second time: nothing more to do
    assert left(tmp_path) == [f"old{suffix}"]
    assert (tmp_path / f"old{suffix}").read_text(encoding="utf-8") == "old"


def test_an_exception_in_the_block_aborts(tmp_path: Path) -> None:
    frame = ordered_events(timeline_of("documents"))
    with pytest.raises(KeyError), open_sink(tmp_path / "e.csv") as sink:
        sink.add(frame)
        raise KeyError("a failed build")
    assert left(tmp_path) == []


def test_a_failed_chunk_aborts_the_sink(tmp_path: Path) -> None:
    """Parquet holds no column of text and numbers: the sink fails as export does, and is done."""
    frame = ordered_events(built())
    sink = open_sink(tmp_path / "e.parquet")
    sink.add(frame.assign(outlet="DR").iloc[:2])
    with pytest.raises(Exception, match="outlet"):
        sink.add(frame.assign(outlet=3).iloc[2:4])
    assert left(tmp_path) == []
    with pytest.raises(ValueError, match="closed"):
        sink.close()


def test_close_returns_the_file_once(tmp_path: Path) -> None:
    sink = open_sink(tmp_path / "e.jsonl")
    assert sink.close() == [tmp_path / "e.jsonl"]
    with pytest.raises(ValueError, match="closed"):
        sink.add(ordered_events(built()))
    sink.abort()  # after close: nothing to undo
    assert left(tmp_path) == ["e.jsonl"]


@pytest.mark.parametrize("target", ["timeml", "timeml/", "e.docx"])
def test_folder_and_unknown_targets_raise_export_error(tmp_path: Path, target: str) -> None:
    with pytest.raises(ExportError, match="TimeML|unknown suffix"):
        open_sink(str(tmp_path / target) + ("/" if target.endswith("/") else ""))
    assert left(tmp_path) == []


# --- memory: a chunk at a time --------------------------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_a_sink_does_not_keep_the_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    """Ten chunks more leave Python holding about as much: not ten chunks' rows (Parquet keeps
    a row group's rows until it is written, made small here)."""
    monkeypatch.setattr(sinks, "ROW_GROUP_ROWS", 300)
    chunk = pd.concat([ordered_events(timeline_of("typed extras"))] * 16, ignore_index=True)
    held = []
    tracemalloc.start()
    try:
        sink = open_sink(tmp_path / f"e{suffix}", stamp=STAMP)
        for count in range(1, 16):
            sink.add(chunk.copy())  # a new chunk each time, as a build gives them
            if count in (5, 15):
                gc.collect()
                held.append(tracemalloc.get_traced_memory()[0])
        sink.close()
    finally:
        tracemalloc.stop()
    assert held[1] - held[0] < 2 * chunk.memory_usage(deep=True).sum()
