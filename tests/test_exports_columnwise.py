"""The column-wise CSV, JSON and JSON Lines exports write the very bytes of the row-wise reference
(pandas ``to_csv``; ``json.dumps`` of the row dicts), whatever the columns hold."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from timeline_fixture import sample_timeline

from timeline import jsontext
from timeline.exports import to_csv, to_json, to_jsonl
from timeline.exports._frame import (
    iso_or_none,
    iso_strings,
    neutralise_text_cells,
    ordered_events,
    records,
    with_iso_datetimes,
)
from timeline.model import Timeline


def reference_records(timeline: Timeline) -> list[dict[str, Any]]:
    """The events as JSON-ready dicts, a cell at a time (the former implementation)."""
    frame = with_iso_datetimes(ordered_events(timeline))
    return [{name: _json_value(value) for name, value in row.items()} for row in records(frame)]


def _json_value(value: Any) -> Any:
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def reference_csv(timeline: Timeline) -> str:
    frame = with_iso_datetimes(neutralise_text_cells(ordered_events(timeline)))
    return frame.to_csv(index=False, lineterminator="\r\n")


def with_extras(extras: dict[str, Any], shuffle: bool = True) -> Timeline:
    """The sample timeline with extra columns (values cycled over the rows), rows out of order."""
    timeline = sample_timeline()
    events = timeline.events.copy()
    count = len(events)
    for name, values in extras.items():
        cells = [values[k % len(values)] for k in range(count)]
        events[name] = pd.Series(cells, dtype=getattr(values, "dtype", None) or _dtype(cells))
    if shuffle:
        events = events.sample(frac=1, random_state=7).reset_index(drop=True)
    return Timeline(events, timeline.relations, timeline.documents)


def _dtype(cells: list[Any]) -> Any:
    return object if any(isinstance(c, str) or c is None for c in cells) else None


TEXTS = ["=cmd", None, "a,b", 'sagde "nej"', "to\r\nlinjer", "æøå\u2028\x85\u2029", "-1", "@x", "\tfane", "%s %%"]
# what JSON escapes (a backslash, a quote after one, control characters) and CSV leaves
ESCAPED = ["C:\\sti\\fil", "klokke\x07, nul\x00 og \x1f\b\f", '\\"', None, "\x7f\x80"]
CASES: dict[str, dict[str, Any]] = {
    "plain": {},
    "text": {"outlet": TEXTS, "url": pd.array(TEXTS, dtype="str")},
    "numbers": {"count": np.array([3, -1, 0], dtype=np.int64), "share": [0.5, math.nan, 1e16, 1e-5, -0.0, math.inf],
                "small": np.array([0.1, 2.5], dtype=np.float32), "flag": [True, False]},
    "objects": {"mixed": [1, "=t", None, 2.5, True, np.int64(4), np.float64(0.25)], "ints": [1, None, 3]},
    "missing only": {"nothing": [None, None]},
    "escaped": {"note": ESCAPED, "path": pd.array(ESCAPED[::-1], dtype="str")},
}


@pytest.mark.parametrize("case", CASES)
def test_json_and_jsonl_are_json_dumps_of_the_records(case: str) -> None:
    timeline = with_extras(CASES[case])
    rows = reference_records(timeline)
    assert to_json(timeline) == jsontext.dumps(rows, indent=1) + "\n"
    assert to_jsonl(timeline) == "".join(jsontext.dumps(row) + "\n" for row in rows)


@pytest.mark.parametrize("case", CASES)
def test_csv_is_pandas_to_csv(case: str) -> None:
    timeline = with_extras(CASES[case])
    assert to_csv(timeline) == reference_csv(timeline)


def test_csv_text_no_utf8_holds_is_written_as_the_csv_module_writes_it() -> None:
    """A lone surrogate (what a JSON ``\\ud800`` escape reads as) is no UTF-8: those rows
    are joined by the csv module, not by Arrow."""
    timeline = with_extras({"note": ["ok", "x\ud800y, z", None, "=1"]})
    assert "x\ud800y, z" in to_csv(timeline)
    assert to_csv(timeline) == reference_csv(timeline)


def test_nested_values_fall_back_to_json_dumps() -> None:
    timeline = with_extras({"tags": [["a", 1], {"k": None}, "s"]})
    rows = reference_records(timeline)
    assert to_json(timeline) == jsontext.dumps(rows, indent=1) + "\n"
    assert to_jsonl(timeline) == "".join(jsontext.dumps(row) + "\n" for row in rows)
    assert json.loads(to_jsonl(timeline).splitlines()[0])["tags"] in (["a", 1], {"k": None}, "s")


def test_no_events() -> None:
    timeline = Timeline()
    assert to_json(timeline) == "[]\n"
    assert to_jsonl(timeline) == ""
    assert to_csv(timeline) == reference_csv(timeline)


def test_all_undated() -> None:
    timeline = sample_timeline()
    timeline.events["earliest"] = None
    timeline.events["latest"] = None
    rows = reference_records(timeline)
    assert to_json(timeline) == jsontext.dumps(rows, indent=1) + "\n"
    assert to_csv(timeline) == reference_csv(timeline)


@pytest.mark.parametrize("unit", ["s", "us", "ns"])
def test_iso_strings_are_isoformat(unit: str) -> None:
    """Summer and winter time, the repeated hour of October, fractions, local mean time."""
    texts = ["2020-01-01T00:00:00+01:00", "2019-10-27T02:30:00+02:00", "2019-10-27T02:30:00+01:00", None,
             "2020-06-01T12:00:00.5+02:00", "2020-06-01T12:00:00.000001Z", "1890-01-01T00:00:00Z",
             "2020-01-01T00:00:00+01:00"]
    column = pd.Series(pd.to_datetime(texts, utc=True, format="ISO8601")).dt.tz_convert("Europe/Copenhagen")
    column = column.dt.as_unit(unit)
    assert list(iso_strings(column)) == [iso_or_none(value) for value in column]


def test_line_ends_escaped_as_translate_did() -> None:
    text = json.dumps(["a\x85b\u2028c\u2029d\u2029"], ensure_ascii=False)
    table = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
    assert jsontext.escape_line_ends(text) == text.translate(table)
