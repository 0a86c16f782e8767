"""What a well-formed expression from ``extract`` looks like (shared by the property and
pathological tests): its span points into the text, its value is one of the TIMEX3
forms the engine writes, its interval is not empty."""

from __future__ import annotations

import re

from normalise import TimeExpression, TimexType

_Y, _2 = r"(?:\d{4}|XXXX)", r"(?:\d{2}|XX)"
_TIME = r"T(?:MO|MI|AF|EV|NI|XX|" + _2 + r"(?::" + _2 + r")?)"  # part of day, hour, hour:minute (24:00 too)
_DATE = (rf"{_Y}(?:-{_2}(?:-{_2}(?:{_TIME})?)?"  # year, month, day, clock or part of day
         rf"|-W{_2}(?:-(?:[1-7X]|WE)(?:{_TIME})?)?"  # week, weekday, weekend
         r"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?")  # quarter, half, season
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?=.)(?:{_NUMBER}(?:Y|Q|M|WE|W|D|DE|CE))*(?:T(?:{_NUMBER}[HMS])+)?"  # WE: weekends ("tre weekender": P3WE)
# Dates (X for unknown digits; sets as XXXX-...), decades, centuries, durations, references.
TIMEX3 = re.compile(rf"{_DATE}|\d{{3}}|\d{{2}}|{_DURATION}|(?:PRESENT|PAST|FUTURE)_REF")


def problems(text: str, found: list[TimeExpression]) -> list[str]:
    """What is wrong with the expressions found in ``text`` (nothing, for the engine's output)."""
    wrong = []
    for e in found:
        if not (0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text):
            wrong.append(f"span {e.start}:{e.end} {e.text!r}")
        if not TIMEX3.fullmatch(e.value):
            wrong.append(f"value {e.value!r}")
        if e.earliest is not None and e.latest is not None and not e.earliest < e.latest:
            wrong.append(f"interval {e.earliest} .. {e.latest} of {e.value!r}")
        if e.type in (TimexType.DURATION, TimexType.SET) and (e.earliest, e.latest) != (None, None):
            wrong.append(f"interval on a {e.type.value}")
        if e.anchor_start is not None and not (
                e.anchor_end is not None and 0 <= e.anchor_start < e.anchor_end <= e.start):
            wrong.append(f"anchor {e.anchor_start}:{e.anchor_end}")
    return wrong
