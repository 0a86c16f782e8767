"""Columns of numbers on disk (``timeline.column_files``): appended, then read back whole, in
chunks, at any offset, or mapped into memory."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from timeline.column_files import ColumnFiles


def filled(folder: Path) -> ColumnFiles:
    columns = ColumnFiles(folder, "test", {"when": np.int64, "byte": np.uint8, "never": np.float64})
    columns.add(when=np.array([5, -1, 7]), byte=np.array([1, 2], np.uint8))
    columns.add(when=np.array([2**40]))
    return columns


def test_every_way_of_reading_gives_what_was_added(tmp_path: Path) -> None:
    columns = filled(tmp_path)
    assert columns.lengths == {"when": 4, "byte": 2, "never": 0}
    assert columns.whole("when").tolist() == [5, -1, 7, 2**40]
    assert [chunk.tolist() for chunk in columns.chunks("when", 3)] == [[5, -1, 7], [2**40]]
    assert columns.read("when", 1, 2).tolist() == [-1, 7]
    assert columns.mapped("when").tolist() == [5, -1, 7, 2**40]
    assert columns.mapped("byte").dtype == np.uint8 and columns.mapped("byte").tolist() == [1, 2]
    assert columns.mapped("never").tolist() == []  # an empty file cannot be mapped: an empty array


def test_nothing_can_be_added_once_read(tmp_path: Path) -> None:
    columns = filled(tmp_path)
    columns.mapped("when")
    with pytest.raises(AssertionError):
        columns.add(when=np.array([1]))


def test_discarded_columns_leave_no_files_even_while_a_mapped_array_is_held(tmp_path: Path) -> None:
    columns = filled(tmp_path)
    held = columns.mapped("when")
    columns.read("byte", 0, 1)
    columns.discard()
    assert list(tmp_path.iterdir()) == []
    assert held.tolist() == [5, -1, 7, 2**40]  # the mapping outlives its file's name
