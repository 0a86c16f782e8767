"""Sorting on disk (``timeline.sorted_runs``) and the reports of a few events (``Reports.taken``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from timeline.events import document_events
from timeline.reports import reports_of
from timeline.sorted_runs import SortedRuns, key_order, sortable, unsortable

RECORD = np.dtype([("place", np.int64), ("tie", np.int64), ("payload", np.int32)])


def records(count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty(count, RECORD)
    out["place"] = rng.integers(-5, 6, count)  # many equal places: the tie-break decides
    out["tie"] = rng.permutation(count)
    out["payload"] = np.arange(count)
    return out


def test_sortable_keys_sort_as_the_floats_do() -> None:
    values = np.array([2.0, -0.0, np.inf, -1.5, np.nan, 0.0, -np.inf, 1e-300, -1e-300, 1.7e9])
    keys = sortable(values)
    assert np.argsort(keys, kind="stable").tolist() == np.argsort(values, kind="stable").tolist()
    assert keys[1] == keys[5]  # -0.0 and 0.0 are one place, as == has them
    assert np.array_equal(unsortable(keys), values + 0.0, equal_nan=True)


@pytest.mark.parametrize(("count", "run_rows", "merge_bytes"), [(0, 10, 1 << 20), (1, 10, 1 << 20),
                                                                 (5000, 777, 1), (5000, 1 << 20, 1 << 20)])
def test_records_come_back_in_key_order(count: int, run_rows: int, merge_bytes: int, tmp_path: Path) -> None:
    given = records(count, seed=count)
    runs = SortedRuns(tmp_path, "t", RECORD, run_rows)
    for start in range(0, count, 333):
        runs.add(given[start:start + 333])
    back = np.concatenate([np.zeros(0, RECORD), *runs.merged(merge_bytes=merge_bytes)])
    assert back.tolist() == given[key_order(given)].tolist()
    assert list(tmp_path.iterdir()) == []  # the runs went as they were read


def test_loaded_blocks_and_runs_in_memory_are_merged_in(tmp_path: Path) -> None:
    given = records(3000, seed=1)
    runs = SortedRuns(tmp_path, "t", RECORD, 500)
    runs.add(given)

    def odd_ties_only(block: np.ndarray) -> np.ndarray:
        return block[block["tie"] % 2 == 1]

    extra = records(700, seed=2)
    extra["tie"] = 2 * extra["tie"]  # even ties: the ones the load dropped, some of them again
    extra = extra[key_order(extra)]
    back = np.concatenate(list(runs.merged(odd_ties_only, also=[extra], merge_bytes=1)))
    wanted = np.concatenate([odd_ties_only(given), extra])
    assert back.tolist() == wanted[key_order(wanted)].tolist()


def test_the_reports_of_some_events_are_their_own_reports() -> None:
    texts = ["Et missilangreb ramte Ain Al-Asad natten til onsdag. Ingen ved, hvad der sker.",
             "Valget blev holdt i marts, og i sidste uge kom resultatet fra Aarhus.",
             "Missilangrebet mod Ain Al-Asad skete i december. Senere kom flere meldinger."]
    published = ["2020-01-08T06:00", "2021", "2020-01"]
    events = [e for k, (text, when) in enumerate(zip(texts, published)) for e in document_events(f"d{k}", text, when)]
    whole = reports_of(events)
    chosen = np.array([k for k in range(len(events)) if k % 2 == 0 or events[k].heads], np.int64)
    taken, alone = whole.taken(chosen), reports_of([events[k] for k in chosen])
    assert [taken.event_id(k) for k in range(len(taken))] == [alone.event_id(k) for k in range(len(alone))]
    for name in ("sentence", "dated", "merge_dated", "hull_wall", "hull_utc", "place_starts", "story_event",
                 "story_key"):
        assert np.array_equal(getattr(taken, name), getattr(alone, name)), name
    assert np.array_equal(taken.middle, alone.middle, equal_nan=True)
    assert np.array_equal(taken.place_values, alone.place_values, equal_nan=True)
    assert [taken.published_texts[c] for c in taken.published] == [alone.published_texts[c] for c in alone.published]
    assert len(taken.story_key) > 0 and len(taken) < len(whole)
