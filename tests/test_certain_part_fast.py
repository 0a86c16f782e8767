"""``certain_part``'s shortcuts give what the plain token-by-token merge gives (hypothesis):
values of one shape compared character by character, the weekday check that stops at
the first day that differs, and the cache of sorted distinct values."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalise.values import _TOKENS, _fieldwise, _fieldwise_same_shape, certain_part

SETTINGS = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "300")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def plain_fieldwise(values: list[str]) -> str:
    """The merge without the shortcut: split every value into tokens, then compare them."""
    split = [_TOKENS.findall(v) for v in values]
    if len({len(tokens) for tokens in split}) != 1:
        return re.sub(r"\d", "X", "".join(min(split, key=len)))
    return "".join(column[0] if len(set(column)) == 1 else re.sub(r"\d", "X", column[0]) for column in zip(*split))


# values built from the characters TIMEX3 values use, so separators move between values
VALUE = st.text(alphabet="0123-:TWXNIMOAFEVP", min_size=1, max_size=12)
DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@SETTINGS
@given(st.lists(VALUE, min_size=2, max_size=8, unique=True))
def test_fieldwise_matches_the_token_merge(values: list[str]) -> None:
    values.sort()
    assert _fieldwise(values) == plain_fieldwise(values)


@SETTINGS
@given(DAY, st.integers(1, 400), st.sampled_from(["", "TNI", "T10:00", "T09:30", "TEV"]))
def test_fieldwise_of_consecutive_days(start: date, days: int, suffix: str) -> None:
    values = sorted({f"{start + timedelta(days=k)}{suffix}" for k in range(days)})
    if len(values) > 1:
        assert _fieldwise_same_shape(values) is not None
        assert _fieldwise(values) == plain_fieldwise(values)


@SETTINGS
@given(st.lists(DAY, min_size=1, max_size=30), st.sampled_from(["", "TNI"]))
def test_certain_part_is_the_same_however_often_asked(days: list[date], suffix: str) -> None:
    values = [f"{day}{suffix}" for day in days]
    first = certain_part(values)
    assert certain_part(list(reversed(values))) == first == certain_part(values + values)
