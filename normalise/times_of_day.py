"""Placing a clock time or part of day on its day.

``time_of_day`` applies a spec's night, part of day and clock to a day frame; ``on_day_of``
puts a time on the day the text last named, carrying that day's part across midnight ("i
aften ... klokken 8" is 20:00, "i nat ... klokken 1" the next morning); and
``tonight_or_last_night`` says which night "i nat" is, by the publication time and the tense.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from pendulum import DateTime

from normalise import calendar as cal
from normalise.calendar import Frame
from normalise.context import Mood, Tense
from normalise.spec import Spec

_NIGHT_ENDS = 6  # the hour a night (NI, 22-06) ends
_DAYTIME_PARTS = frozenset(("MO", "MI", "AF"))
_EVENING_SMALL_HOURS = 4  # a clock hour below this after an evening named is in the night after it
_EVENING_STARTS = 20  # a clock time from here on is followed by small hours of the next day
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(MO|MI|AF|EV|NI)|T(\d{2}):\d{2})?")


@lru_cache(maxsize=8192)
def time_of_day(frame: Frame, spec: Spec) -> Frame | None:
    """Apply night, part of day and clock to a day frame."""
    part = "NI" if spec.night_before else spec.part
    if frame.grain != "day":
        return frame if part is None and spec.hour is None else None
    day = cal.day_frame(cal.day_of(frame.start) - timedelta(days=1)) if spec.night_before else frame
    if spec.hour is None:
        return cal.part_of_day(day, part) if part else day
    hour = cal.hour_in_part(spec.hour, part)
    if part == "EV" and spec.hour == 12:  # "klokken tolv i aften": midnight; "kvart over tolv" 00.15
        hour = 24 if not spec.minute else 0
    if (part == "NI" and hour < 12) or (part == "EV" and hour == 0):
        day = cal.day_frame(cal.day_of(day.start) + timedelta(days=1))
    return cal.clock_time(day, hour, spec.minute or 0)


@lru_cache(maxsize=4096)
def on_day_of(reference: Frame, spec: Spec) -> Frame | None:
    """A clock time or part of day on the day the text last named; it inherits that
    day's part ("i aften ... klokken 8" is 20:00, "i nat ... klokken 1" the next morning)."""
    match = _DAY_VALUE.match(reference.value)
    if match is None:
        return time_of_day(cal.day_frame(cal.day_of(reference.start)), spec)
    year, month, day, part, hour = match.groups()
    named = date(int(year), int(month), int(day))
    frame = cal.day_frame(named)
    # a daytime clock or part after a night is on the day the night ends ("i nat ... fra klokken 12",
    # "natten til lørdag ... trafikken topper omkring middagstid"); a small hour after an evening is
    # in the night after it ("i går aftes varslet ... nåede frem omkring klokken halv to": 01.30 the
    # next day, not 13.30)
    daytime_after_night = part == "NI" and (
        (spec.hour is not None and _NIGHT_ENDS <= spec.hour < _EVENING_STARTS)
        or (spec.hour is None and spec.part in _DAYTIME_PARTS))
    small_hour_after_evening = part == "EV" and spec.part is None and spec.hour is not None \
        and spec.hour < _EVENING_SMALL_HOURS
    if daytime_after_night or small_hour_after_evening:
        frame, part = cal.day_frame(named + timedelta(days=1)), None
    if spec.part is None and part is not None:
        spec = spec._replace(part=part)
    if hour is not None:
        frame = _day_after_clock(frame, int(hour), spec) or frame
    result = time_of_day(frame, spec)
    if result is not None and spec.relation == "after" and result.start <= reference.start:
        return time_of_day(cal.day_frame(cal.day_of(frame.start) + timedelta(days=1)), spec)  # "23.30 og 00.15"
    return result


def _day_after_clock(day: Frame, hour: int, spec: Spec) -> Frame | None:
    """The day a time of day falls on after a clock time at ``hour`` on ``day`` (24 for
    midnight, the end of ``day``), across midnight: "klokken 2.40 ... senere på natten" is the
    night that began the day before, and "ved 2-tiden ... tidligere på aftenen" its evening;
    "kort før midnat ... ved ettiden", "klokken 23.40 ... klokken 1" the small hours of the next
    day. None: the clock time's own day."""
    if spec.part in ("NI", "EV") and spec.hour is None and hour < _NIGHT_ENDS:
        return cal.day_frame(cal.day_of(day.start) - timedelta(days=1))
    if spec.part is None and spec.hour is not None and spec.hour < _NIGHT_ENDS and hour >= _EVENING_STARTS:
        return cal.day_frame(cal.day_of(day.start) + timedelta(days=1))
    return None


def tonight_or_last_night(spec: Spec, moment: DateTime, tense: Tense, has_clock: bool,
                          mood: Mood = "") -> Frame | None:
    """"i nat", "nattens", "hele natten": last night in the past tense (also late in the evening:
    "urene blev stillet frem i nat" at 22.47), else tonight (a present
    tense tells of the night to come: "i nat falder temperaturen"); with no verb to tell, the
    nearer night, a clock time in it too ("Elefantunge født i nat" at 10.30, "Klokken tre i nat
    kunne ministeren træde ud" at 06.05: last night; "Klokken 3 i nat: Stormen topper" at 14.47:
    tonight); published in the small hours, the night under way (begun the day before)."""
    today = cal.day_of(moment)
    if has_clock and moment.hour < _NIGHT_ENDS:
        start_day = today - timedelta(days=1)
    elif tense == "none" and mood == "" and has_clock:
        nights = spec._replace(hour=None, minute=None, twelve_hour=False)  # which night, whatever its clock
        last, coming = (time_of_day(cal.day_frame(today + timedelta(days=k)), nights) for k in (-1, 0))
        nearer_is_last = last is not None and coming is not None and moment - last.end < coming.start - moment
        start_day = today - timedelta(days=1) if nearer_is_last else today
    elif tense == "past":
        start_day = today - timedelta(days=1)
    else:
        start_day = today
    night = time_of_day(cal.day_frame(start_day), spec)
    if has_clock and (tense == "future" or mood == "present") and spec.hour is not None and night is not None \
            and night.end <= moment:
        # a clock time of the night under way that has already passed, told as still to come
        # ("det værste er ovre ved 4-tiden i nat" at 05:55): the coming night's; with no verb to tell
        # (a modal's infinitive: "kunne kort før klokken to i nat præsentere" at 02.47), the one passed
        return time_of_day(cal.day_frame(start_day + timedelta(days=1)), spec)
    if tense == "past" and spec.hour is not None and night is not None and night.start > moment:
        # a clock time of the night just begun that is still to come, told in the past
        # ("brød ud i nat klokken 2" at 22.40): last night's
        return time_of_day(cal.day_frame(start_day - timedelta(days=1)), spec)
    return night
