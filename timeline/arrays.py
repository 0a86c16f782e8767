"""Runs of equal values in arrays: how merging, ordering and the spill group what they sorted."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import numpy as np


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal consecutive values starts (a mask)."""
    starts = np.ones(len(ordered), bool)
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return starts


def run_bounds(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal consecutive values starts, then the length: ``ordered[bounds[k]:
    bounds[k + 1]]`` is the ``k``-th run (``[0]``, no runs, for no values)."""
    return np.append(np.flatnonzero(run_starts(ordered)), len(ordered))


def found_in_sorted(ordered: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``values``, where it stands in the sorted ``ordered`` (clipped to the last
    place) and whether it is there: a binary search, not ``np.isin``'s sort of both."""
    if not len(ordered):
        return np.zeros(len(values), np.intp), np.zeros(len(values), bool)
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    return at, ordered[at] == values


def runs(ordered: np.ndarray) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of equal consecutive values."""
    return pairwise(run_bounds(ordered).tolist())
