"""The paths that keep memory down give what the plain ones give: exports written a slice of
rows at a time, conflict lists found on arrays, long stories linked report by report, Arrow
text columns, values shared in transit."""

from __future__ import annotations

import pickle
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_exports_columnwise import CASES, reference_csv, reference_records, with_extras

from timeline import jsontext
from timeline.builder import _text_array
from timeline.events import document_events
from timeline.exports import _frame, export, to_csv, to_json, to_jsonl
from timeline.merge import MergePlan, _both_ways, _components, _linked, _sweep
from timeline.parcel import Parcel
from timeline.reports import EventNames

TEXT = ("Et missilangreb ramte basen Ain Al-Asad natten til onsdag. I angrebet døde ingen, oplyser "
        "Pentagon. " * 12)


@pytest.mark.parametrize("case", [*CASES, "nested"])
@pytest.mark.parametrize("rows", [1, 2, 5, 10_000])
def test_exports_written_in_slices_are_the_whole_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      case: str, rows: int) -> None:
    """Whatever the slice, the file is the text of the whole table (JSON: ``json.dumps`` of the
    rows, nested values too; CSV: pandas' ``to_csv``)."""
    timeline = with_extras({"tags": [["a", 1], {"k": None}, "s"]} if case == "nested" else CASES[case])
    records = reference_records(timeline)
    expected = {"e.csv": reference_csv(timeline), "e.json": jsontext.dumps(records, indent=1) + "\n",
                "e.jsonl": "".join(jsontext.dumps(row) + "\n" for row in records)}
    monkeypatch.setattr(_frame, "CHUNK_ROWS", rows)
    for name, renderer in (("e.csv", to_csv), ("e.json", to_json), ("e.jsonl", to_jsonl)):
        [path] = export(timeline, tmp_path / name)
        assert path.read_bytes() == expected[name].encode("utf-8")
        assert renderer(timeline) == expected[name]


def _partners_reference(count: int, pairs: list[tuple[int, int]], ids: list[str]) -> dict[int, tuple[str, ...]]:
    """For each position paired with others, the sorted distinct ids of its partners, by sets."""
    found: dict[int, set[str]] = {}
    for first, second in pairs:
        found.setdefault(first, set()).add(ids[second])
        found.setdefault(second, set()).add(ids[first])
    return {owner: tuple(sorted(found[owner])) for owner in sorted(found)}


@pytest.mark.parametrize("seed", range(20))
def test_conflict_partners_are_the_sorted_distinct_ids(seed: int) -> None:
    """Repeated pairs, pairs in both directions, and positions sharing an id (a document's
    events reported twice) each give one id."""
    rng = random.Random(seed)
    count = rng.randint(2, 60)
    ids = [f"d{rng.randint(0, count // 2)}#{rng.randint(0, 3)}" for _ in range(count)]
    pairs = [(rng.randrange(count), rng.randrange(count)) for _ in range(rng.randint(0, 200))]
    pairs = [(a, b) for a, b in pairs if a != b]
    array = np.array(pairs, dtype=np.int32).T.reshape(2, -1)
    named = np.array(sorted(rng.sample(range(10 * count), count)), np.int64)  # the positions the indices name
    partners = _both_ways(array, named)
    position_ids = {int(position): ids[k] for k, position in enumerate(named)}
    # a plan whose kept events are the positions themselves, named "d<doc>#<sentence>" as ``ids`` says
    doc, sentence = np.zeros(10 * count, np.int32), np.zeros(10 * count, np.int32)
    for position, event_id in position_ids.items():
        doc[position], sentence[position] = (int(part) for part in event_id[1:].split("#"))
    plan = MergePlan(np.arange(10 * count), np.arange(10 * count), {}, {}, partners)
    owners = partners.owners.tolist()
    said = plan.said_of(owners, EventNames(doc, sentence, [f"d{n}" for n in range(count // 2 + 1)]))
    found = {owner: entry.conflicts_with for owner, entry in zip(owners, said)}
    expected = _partners_reference(count, pairs, ids)
    assert found == {int(named[k]): partner_ids for k, partner_ids in expected.items()}
    assert partners.owners.tolist() == sorted(found)
    assert partners.of(-1).tolist() == []  # a position with no partners
    # looked up many at once, owners or not, in any order, before the first and after the last
    asked = [-1, *rng.sample(range(10 * count + 2), min(count, 10)), 10 * count + 5]
    by_position = {int(named[k]): partner_ids for k, partner_ids in expected.items()}
    assert [tuple(sorted({position_ids[p] for p in each.tolist()})) for each in partners.of_each(np.array(asked))] \
        == [by_position.get(position, ()) for position in asked]


@pytest.mark.parametrize("values", [["a", "", "æøå\u2028", "=1"], ["a", None, "b"], ["a", 1, 2.5], []])
def test_text_columns_are_what_pandas_makes(values: list[Any]) -> None:
    """Made from values as they come (made again when they are not all text)."""
    made, expected = _text_array(lambda: iter(values), len(values)), pd.array(values, dtype="str")
    assert made.dtype == expected.dtype and type(made) is type(expected)
    assert made.equals(expected)


def test_repeated_values_come_back_as_one_object() -> None:
    """Words and offsets that the events of two documents repeat are one object after a
    parcel is loaded (so a corpus holds each once); the events are equal all the same."""
    first = document_events("a", TEXT, "2020-01-08T06:00")
    second = document_events("b", TEXT, "2020-01-08T06:00")
    back_first, back_second = pickle.loads(pickle.dumps(Parcel([first, second])))
    assert (back_first, back_second) == (first, second)
    late_first, late_second = back_first[-1], back_second[-1]
    assert late_first.start > 256
    assert late_first.start is late_second.start and late_first.end is late_second.end
    assert late_first.trigger is not None and late_second.trigger is not None
    assert late_first.trigger.text is late_second.trigger.text
    [again] = pickle.loads(pickle.dumps(Parcel([first])))  # another parcel: the ints still shared
    assert again[-1].start is late_first.start


@pytest.mark.parametrize("seed", range(40))
def test_a_long_story_linked_report_by_report_groups_as_every_pair_does(seed: int) -> None:
    """Reports of a few documents with overlapping, nested, equal and empty intervals: the links
    of ``_linked`` join the same reports as every overlapping pair of different documents."""
    rng = random.Random(seed)
    count = rng.randint(1, 300)
    documents = rng.randint(1, 6)
    start = sorted(rng.randint(0, 400) for _ in range(count))
    end = [s + rng.choice([0, 1, 3, 10, 50, 200]) for s in start]
    docs = [rng.randrange(documents) for _ in range(count)]
    first, second = _sweep(np.array(start), np.array(end))
    every = np.array(docs)[first] != np.array(docs)[second]
    linked_first, linked_second = _linked(start, end, docs)
    assert np.array_equal(_components(count, first[every], second[every]),
                          _components(count, linked_first, linked_second))
    assert len(linked_first) <= count * documents  # not every pair: at most a document's reports per report
