"""Our own gold corpora (``data/gold``, written from the conventions alone): value F1 may not fall.

Each floor is the score the engine reached when it was last changed on purpose. A change that
lowers one must lower its floor here too, in the same commit, and say why (a trade-off between
annotators, never an accident). A corpus added to ``data/gold`` needs its floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normalise import extract
from timeline.evaluate import score
from timeline.gold import load_gold

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"

FLOORS = {
    "news-da": 0.996,
    "news-da-2": 0.990,
    "news-da-3": 0.979,
    "news-da-4": 0.971,
    # was 0.974: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-5": 0.978,
    # was 0.981: its annotator wrote "sidste uge" in an article of 2020-11 as the year 2020; five of
    # the six who met it under a month or year wrote the week (2018-WXX), as the engine now does
    # was 0.977: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-6": 0.977,
    # was 0.979: its "klokken 12" and "middagstid" had taken today from a quoted forecast; the
    # narrative no longer takes a day from a quotation, which raised five other corpora
    "news-da-7": 0.978,
    "news-da-8": 0.975,
    "news-da-9": 0.975,
    "news-da-10": 0.998,
    "news-da-11": 0.989,
    "news-da-12": 0.976,
    "news-da-13": 1.000,
    "news-da-14": 0.968,
    "news-da-15": 0.976,
    # was 0.940: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-16": 0.970,
    "news-da-17": 0.986,
    "news-da-18": 0.978,
    "news-da-19": 0.984,
    # was 0.969: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-20": 0.969,
    "news-da-21": 0.991,
    "news-da-22": 0.951,
    # was 0.982: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-23": 0.982,
    "news-da-24": 0.961,
    "news-da-25": 0.993,
    "news-da-26": 0.947,
    "news-da-27": 0.960,
    # was 0.984: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-28": 0.984,
    "news-da-29": 0.965,
    # was 0.933: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-30": 0.931,
    "news-da-31": 0.973,
    # was 0.981: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-32": 0.979,
    # was 0.963: "i dag" under a month or year written as that month or year; 16 of
    # 28 such annotations (all of the last 15) write an unknown day (2016-05-XX), as the engine now does
    "news-da-33": 0.954,
    "news-da-34": 0.983,
    "news-da-35": 0.961,
    "news-da-36": 0.988,
    "news-da-37": 0.995,
    "news-da-38": 0.990,
    "news-da-39": 0.987,
    "news-da-40": 0.960,
    "news-da-41": 0.986,
    "news-da-42": 0.975,
    "news-da-43": 0.995,
    "news-da-44": 0.982,
    "news-da-45": 0.974,
    "news-da-46": 0.989,
    "news-da-47": 0.995,
    "news-da-48": 0.998,
    "news-da-49": 0.995,
    "news-da-50": 1.000,
    "news-da-51": 0.970,
    "news-da-52": 0.960,
    "news-da-53": 0.988,
    # was 0.959: a day or week under a year-only date is now written with that year (2017-XX-XX), as 8 of the 10 annotations of such times write it; this annotator wrote XXXX
    "news-da-54": 0.955,
    "news-da-55": 0.991,
    "news-da-56": 0.980,
    "news-da-57": 0.985,
    "news-da-58": 0.963,
    "news-da-59": 0.977,
    "news-da-60": 0.966,
    "news-da-61": 0.977,
    "news-da-62": 0.998,
    "news-da-63": 0.980,
    "news-da-64": 0.970,
    "news-da-65": 0.995,
    "news-da-66": 0.982,
    "news-da-67": 0.982,
    "news-da-68": 0.986,
    "news-da-69": 0.973,
    "news-da-70": 0.975,
    "news-da-71": 0.974,
    "news-da-72": 0.985,
    "news-da-73": 0.982,
    "news-da-74": 0.935,
    "news-da-75": 0.963,
    "news-da-76": 0.988,
    "news-da-77": 0.992,
    "news-da-78": 0.947,
    "news-da-79": 0.977,
    "news-da-80": 0.949,
    "news-da-81": 0.960,
    "news-da-82": 0.984,
    "news-da-83": 0.979,
    "news-da-84": 0.955,
    "news-da-85": 0.966,
    "news-da-86": 0.979,
    "news-da-87": 0.978,
    "news-da-88": 0.984,
    "news-da-89": 0.977,
    "news-da-90": 0.981,
    "news-da-91": 0.947,
    "news-da-92": 0.964,
    "news-da-93": 0.980,
    "news-da-94": 0.954,
    "news-da-95": 0.952,
    "news-da-96": 0.968,
    # was 0.954: a day or week under a year-only date is now written with that year (2017-XX-XX), as 8 of the 10 annotations of such times write it; this annotator wrote XXXX
    "news-da-97": 0.954,
    "news-da-98": 0.985,
    "news-da-99": 0.965,
    "news-da-100": 0.946,
    "news-da-101": 0.984,
    "news-da-102": 0.982,
    "news-da-103": 0.970,
    # was 0.939: 'åbningsweekenden' read as the coming weekend: a miss became a wrong week (month-dated article; tickets told sold out in the past)
    "news-da-104": 0.937,
    # was 0.969: its afternoon is anchored to the evening before (a fault of its own); the evening coordinated with it, missed before, now takes that day too
    "news-da-105": 0.971,
    "news-da-106": 0.981,
    # was 0.986: 'åbningsweekenden' read as the coming weekend: a miss became a wrong week (month-dated article; tickets told sold out in the past)
    "news-da-107": 0.984,
    "news-da-108": 0.974,
    "news-da-109": 0.957,
    "news-da-110": 0.973,
    "news-da-111": 0.989,
    "news-da-112": 0.989,
    "news-da-113": 0.982,
    "news-da-114": 0.995,
    "news-da-115": 0.960,
    "news-da-116": 0.992,
    "news-da-117": 0.979,
    "news-da-118": 0.984,
    "news-da-119": 0.998,
    "news-da-120": 0.992,
    "news-da-121": 0.965,
    "news-da-122": 0.983,
    "news-da-123": 0.975,
}


def test_every_corpus_has_a_floor() -> None:
    assert sorted(path.stem for path in GOLD.glob("*.jsonl")) == sorted(FLOORS)


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_value_f1_does_not_fall(corpus: str) -> None:
    scores = score(load_gold(GOLD / f"{corpus}.jsonl"), extract)
    assert round(scores.value.f1, 3) >= FLOORS[corpus]
