"""One event reported by several articles: merged, narrowed, or flagged as conflicting."""

from __future__ import annotations

import pandas as pd

import timeline

ATTACK_MONTH = ("ritzau", "Et missilangreb ramte basen Ain Al-Asad natten til onsdag.", "2020-01")
ATTACK_EXACT = ("dr", "Iran stod bag missilangrebet på Ain Al-Asad natten til onsdag, oplyser Pentagon.",
                "2020-01-08T06:00")
ATTACK_DECEMBER = ("tv2", "Missilangrebet mod Ain Al-Asad skete i december.", "2020-01-08")
OTHER_STORY = ("bt", "Et missilangreb ramte Kabul natten til onsdag.", "2020-01-08T06:00")


def _events(*docs: tuple[str, str, str]) -> pd.DataFrame:
    return timeline.build(docs).events.set_index("event_id")


def test_reports_of_one_event_merge_and_the_precise_date_narrows() -> None:
    events = _events(ATTACK_MONTH, ATTACK_EXACT)
    assert list(events.index) == ["dr#0"]
    row = events.loc["dr#0"]
    assert row.sources == "ritzau#0; dr#0" and row.source_docs == "ritzau; dr"
    assert row.narrowed_by == "dr"
    assert (row.earliest.isoformat(), row.latest.isoformat()) == (
        "2020-01-07T22:00:00+01:00", "2020-01-08T06:00:00+01:00")


def test_conflicting_dates_are_kept_side_by_side_and_flagged() -> None:
    events = _events(ATTACK_MONTH, ATTACK_EXACT, ATTACK_DECEMBER)
    assert sorted(events.index) == ["dr#0", "tv2#0"]
    assert events.loc["tv2#0", "conflicts_with"] == "dr#0"
    assert events.loc["dr#0", "conflicts_with"] == "tv2#0"


def test_different_stories_do_not_merge() -> None:
    events = _events(ATTACK_EXACT, OTHER_STORY)
    assert sorted(events.index) == ["bt#0", "dr#0"]
    assert (events.sources == events.index).all() and (events.conflicts_with == "").all()


# The same noun and name a year later, with another date: another event of the story.
ATTACK_NEXT_YEAR = ("bbc", "Missilangrebet mod Ain Al-Asad skete i december.", "2021-01-08")
# Published three weeks after the others: within one news cycle, still a conflict.
ATTACK_WEEKS_LATER = ("tv2", "Missilangrebet mod Ain Al-Asad skete i december.", "2020-01-29")


def test_reports_a_news_cycle_apart_are_not_in_conflict() -> None:
    events = _events(ATTACK_EXACT, ATTACK_NEXT_YEAR)
    assert sorted(events.index) == ["bbc#0", "dr#0"]
    assert (events.conflicts_with == "").all()


def test_reports_weeks_apart_still_conflict() -> None:
    events = _events(ATTACK_EXACT, ATTACK_WEEKS_LATER)
    assert events.loc["tv2#0", "conflicts_with"] == "dr#0"


# Published with two UTC offsets: a news cycle is thirty days of real time, not of the clocks given.
REPORT_IN_UTC = ("bbc", "Missilangrebet mod Ain Al-Asad skete den 3. december 2019.", "2020-01-01T00:00+00:00")


def test_a_news_cycle_counts_real_time_across_time_zones() -> None:
    text = "Missilangrebet mod Ain Al-Asad skete den 10. december 2019."
    # 23:30 UTC, 31 minutes inside the cycle (its clock, 00:30, is 30 minutes past the other's plus 30 days)
    inside = _events(REPORT_IN_UTC, ("dr", text, "2020-01-31T00:30+01:00"))
    assert inside.loc["dr#0", "conflicts_with"] == "bbc#0"
    # 00:30 UTC: 29 minutes past the cycle
    past = _events(REPORT_IN_UTC, ("dr", text, "2020-01-31T01:30+01:00"))
    assert (past.conflicts_with == "").all()
