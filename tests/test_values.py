"""TIMEX3 value strings: durations and what stays certain under an imprecise DCT."""

from __future__ import annotations

import pytest

from normalise.spec import Spec
from normalise.values import certain_part, format_duration, format_set

DURATIONS = [
    (3, "day", False, "P3D"),
    (4, "hour", False, "PT4H"),
    (0.5, "year", False, "P6M"),
    (1.5, "hour", False, "PT1H30M"),  # "halvanden time", as "to en halv time" is PT2H30M
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


SETS = [
    (Spec(kind="set", weekday=3), "XXXX-WXX-3"),
    (Spec(kind="set", weekday=3, hour=12, minute=0), "XXXX-WXX-3T12:00"),
    (Spec(kind="set", hour=7, minute=0), "XXXX-XX-XXT07:00"),
    (Spec(kind="set", part="EV", hour=8, minute=15), "XXXX-XX-XXT20:15"),  # "hver aften kvart over otte"
    (Spec(kind="set", weekday=7, part="EV"), "XXXX-WXX-7TEV"),
]


@pytest.mark.parametrize(("spec", "value"), SETS)
def test_format_set(spec: Spec, value: str) -> None:
    assert format_set(spec) == value


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
