"""The array helpers merging, ordering and the spill share (``timeline.arrays``)."""

from __future__ import annotations

import numpy as np
import pytest

from timeline.arrays import found_in_sorted, run_bounds, runs


@pytest.mark.parametrize(("ordered", "values", "at", "found"), [
    ([2, 5, 5, 9], [5, 1, 9, 10, 6], [1, 0, 3, 3, 3], [True, False, True, False, False]),
    ([], [1, 2], [0, 0], [False, False]),  # nothing to find in
    ([7], [], [], []),
    ([-3, 0, 4], [-3, 4, -4], [0, 2, 0], [True, True, False]),
])
def test_found_in_sorted(ordered: list[int], values: list[int], at: list[int], found: list[bool]) -> None:
    places, hits = found_in_sorted(np.array(ordered, np.int64), np.array(values, np.int64))
    assert places.tolist() == at
    assert hits.tolist() == found


def test_found_in_sorted_agrees_with_isin() -> None:
    generator = np.random.default_rng(7)
    ordered = np.sort(generator.integers(-50, 50, 40))
    values = generator.integers(-60, 60, 500)
    places, hits = found_in_sorted(ordered, values)
    assert hits.tolist() == np.isin(values, ordered).tolist()
    assert (ordered[places[hits]] == values[hits]).all()


@pytest.mark.parametrize(("ordered", "bounds", "spans"), [
    ([1, 1, 2, 3, 3, 3], [0, 2, 3, 6], [(0, 2), (2, 3), (3, 6)]),
    ([4], [0, 1], [(0, 1)]),
    ([], [0], []),
])
def test_runs(ordered: list[int], bounds: list[int], spans: list[tuple[int, int]]) -> None:
    assert run_bounds(np.array(ordered, np.int64)).tolist() == bounds
    assert list(runs(np.array(ordered, np.int64))) == spans
