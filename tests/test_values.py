"""TIMEX3 value strings: durations and what stays certain under an imprecise DCT."""

from __future__ import annotations

import pytest

from normalise.values import certain_part, format_duration

DURATIONS = [
    (3, "day", False, "P3D"),
    (4, "hour", False, "PT4H"),
    (0.5, "year", False, "P6M"),
    (1.5, "hour", False, "PT1H30M"),
    (2.5, "hour", False, "PT2H30M"),
    (1.5, "year", False, "P18M"),
    (1.5, "day", False, "PT36H"),
    (1, "quarter_hour", False, "PT15M"),
    (None, "week", True, "PXW"),
    (None, "hour", True, "PTXH"),
    (2, "week", False, "P2W"),
]


@pytest.mark.parametrize(("amount", "unit", "vague", "value"), DURATIONS)
def test_format_duration(amount: float | None, unit: str, vague: bool, value: str) -> None:
    assert format_duration(amount, unit, vague) == value


CERTAIN = [
    (["2019-12"], "2019-12"),
    (["2019-12-31TNI", "2020-01-07TNI", "2020-01-28TNI"], "2020-WXX-2TNI"),
    (["2019-12-31", "2020-01-30"], "XXXX-XX-XX"),
    (["2020-01-02", "2020-01-30"], "2020-01-XX"),
    (["2020-W01", "2020-W04"], "2020-WXX"),
    (["2019", "2020"], "XXXX"),
]


@pytest.mark.parametrize(("values", "expected"), CERTAIN)
def test_certain_part(values: list[str], expected: str) -> None:
    assert certain_part(values) == expected
