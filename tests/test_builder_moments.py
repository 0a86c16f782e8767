"""The events table's datetime columns, which travel as UTC microseconds and zone keys
(``timeline.rows``), come back as pandas reads the datetimes (``pd.Series``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pendulum
import pytest

from timeline.rows import moment_column

ZONE = pendulum.timezone("Europe/Copenhagen")
SECOND_0230 = pendulum.datetime(2020, 10, 25, 2, 30, tz=ZONE).replace(fold=1)  # after the clocks went back

CASES: dict[str, list[Any]] = {
    "one zone, shared objects": [pendulum.datetime(2020, 1, 8, tz=ZONE)] * 2 + [pendulum.datetime(2020, 7, 1, 12, tz=ZONE)],
    "the two 02:30 of the night summer time ends": [pendulum.datetime(2020, 10, 25, 2, 30, tz=ZONE), SECOND_0230],
    "local mean time before 1894 (+00:50:20)": [pendulum.datetime(1800, 1, 1, tz=ZONE), pendulum.datetime(1900, 1, 1, tz=ZONE)],
    "undated events": [None, pendulum.datetime(2021, 3, 28, 3, 0, 0, 500, tz=ZONE), None],
    "nothing dated": [None, None],
    "one fixed offset": [datetime(2020, 1, 8, 23, 59, tzinfo=UTC), datetime(1969, 12, 31, 23, 0, 0, 1, tzinfo=UTC)],
    "two zones": [pendulum.datetime(2020, 1, 8, tz=ZONE), datetime(2020, 1, 8, tzinfo=UTC)],
    "no zone": [datetime(2020, 1, 8), datetime(2020, 1, 9)],
}


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_a_datetime_column_is_what_pandas_reads(values: list[Any]) -> None:
    column = moment_column(values)
    expected = pd.Series(values)
    assert str(column.dtype) == str(expected.dtype)
    pd.testing.assert_series_equal(column, expected)
    assert column.map(lambda t: None if pd.isna(t) else t.isoformat()).tolist() == \
        expected.map(lambda t: None if pd.isna(t) else t.isoformat()).tolist()
