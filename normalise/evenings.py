"""Spelled hours at an evening event: "julekoncert på torsdag, når pigekoret synger klokken halv
otte" is 19.30, "slutter markedet med fællessang klokken halv ni" 20.30.

A spelled hour ("halv otte") is one of two on the clock. With no part of day beside it, the
resolver picks by the clock times named before it or by the publication time; a concert, a
performance or a gala dinner in its sentence says evening. Only hours from five to eight take it:
at nine, ten or eleven a performance may as well be the morning's ("forestilling, som begynder
kvart over ti"). The event nouns are data (``[evening_events]`` in ``calendar.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.sentences import sentence_around
from normalise.spec import Spec

_REACH = 200  # characters either side of a piece read for its sentence
_EARLIEST, _LATEST = 5, 8  # the spelled hours an evening event moves to the evening


def at_evening_events(pieces: Sequence[Piece], text: str) -> list[Piece]:
    """The pieces, with the spelled hours of a sentence about an evening event in the evening."""
    return [piece._replace(spec=_evening(piece.spec)) if _is_morning_or_evening(piece.spec)
            and _about_evening_event(text, piece) else piece for piece in pieces]


def _is_morning_or_evening(spec: Spec) -> bool:
    return spec.twelve_hour and spec.hour is not None and _EARLIEST <= spec.hour <= _LATEST and spec.part is None


def _evening(spec: Spec) -> Spec:
    assert spec.hour is not None
    return spec._replace(hour=spec.hour + 12, twelve_hour=False)


def _about_evening_event(text: str, piece: Piece) -> bool:
    begin, end = sentence_around(text, piece.start, piece.end, _REACH)
    return _event_nouns().search(text, begin, end) is not None


@cache
def _event_nouns() -> re.Pattern[str]:
    """Any word ending in an evening event's noun ("julekoncert", "koncerten", "fællessang")."""
    nouns = sorted(load_lexicon().evening_events, key=len, reverse=True)
    return re.compile(r"\w*(?:" + "|".join(map(re.escape, nouns)) + r")\b", re.IGNORECASE)
