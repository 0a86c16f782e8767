"""Opening hours, read before the joins: a weekday excepted from a recurring time recurs too
("hver dag undtagen mandag"), and a range of weekdays before clock times ("tirsdag til søndag
klokken 11-17") is every such day, cut from the clock times so no join makes it one day.
Whether words name opening hours (the lexicon's ``[opening_hours]``) is asked here too.
"""

from __future__ import annotations

from collections.abc import Iterable

from normalise.grammar import Piece
from normalise.joins import glue_pattern, is_clock_only, is_weekday_only
from normalise.lexicon import load_lexicon
from normalise.sentence_days import SENTENCE_BREAK
from normalise.sentences import WORD
from normalise.spec import Spec


def exceptions_to_sets(pieces: list[Piece], text: str) -> list[Piece]:
    """A bare weekday excepted from the recurring time right before it recurs too ("hver dag
    undtagen mandag", data: ``[opening_hours] exceptions``)."""
    found = list(pieces)
    for k in range(1, len(pieces)):
        if pieces[k - 1].spec.kind == "set" and _is_bare_weekday(pieces[k].spec) \
                and " ".join(text[pieces[k - 1].end:pieces[k].start].lower().split()) in load_lexicon().set_exceptions:
            found[k] = _recurring(pieces[k])
    return found


def opening_hours_apart(pieces: list[Piece], text: str) -> list[list[Piece]]:
    """Opening hours named by a range of weekdays ("tirsdag til søndag klokken 11-17", "mandag til
    fredag kl. 9-18"): the weekdays recur (sets, ``XXXX-WXX-2``), and the clock times after them are
    every such day's, so the range's last weekday is not joined with the clock time after it (the
    pieces are cut there). A stretch opened by "fra" is one time ("fra fredag til søndag klokken 12":
    that Sunday's noon)."""
    starts = [k for k in range(len(pieces) - 2) if _weekdays_before_clock(pieces[k], pieces[k + 1], pieces[k + 2], text)]
    if not starts:
        return [pieces]
    out = list(pieces)
    stretches, begin = [], 0
    for k in starts:
        out[k], out[k + 1] = _recurring(pieces[k]), _recurring(pieces[k + 1])
        stretches.append(out[begin:k + 2])
        begin = k + 2
    return [*stretches, out[begin:]]


def _weekdays_before_clock(first: Piece, second: Piece, clock: Piece, text: str) -> bool:
    """"tirsdag til søndag klokken 11-17": two bare weekdays as a range, then hours, a range of
    clock times or told as opening hours ("åbningstid: ... klokken 10"); not one stretch of days
    ("koncert fredag til søndag klokken 20": that Sunday's). Two weekdays joined by "og" only when
    told as opening hours ("lørdag og søndag kl. 10-16" after "åbent")."""
    if not (_is_bare_weekday(first.spec) and _is_bare_weekday(second.spec) and is_clock_only(clock.spec)
            and _CLOCK_AFTER_DAYS.fullmatch(text, second.end, clock.start) is not None
            and _STRETCH_OPENER.search(text, max(0, first.start - 8), first.start) is None):
        return False
    if _WEEKDAY_RANGE_GAP.fullmatch(text, first.end, second.start) is not None:
        return _HOURS_TO.match(text, clock.end) is not None or _told_as_opening_hours(text, first.start)
    # two days told as opening hours ("åbent ... mandag til fredag kl. 9-18 og lørdag og søndag kl. 10-16")
    return _AND.fullmatch(text, first.end, second.start) is not None and _told_as_opening_hours(text, first.start)


def _told_as_opening_hours(text: str, offset: int) -> bool:
    """Whether an opening-hours word stands in the sentence before ``offset``."""
    window = max(0, offset - _SENTENCE_REACH)
    breaks = [m.end() - 1 for m in SENTENCE_BREAK.finditer(text, window, offset)]  # ("kl. 9" is no break)
    begin = breaks[-1] if breaks else window
    return names_opening_hours(WORD.findall(text[begin:offset].lower()))


def names_opening_hours(words: list[str]) -> bool:
    """Whether lower-cased words hold an opening-hours word or phrase (data: ``[opening_hours]``:
    "åbent", "åbningstid", "ugens dage")."""
    return holds_phrase(words, load_lexicon().opening_hours)


def holds_phrase(words: list[str], phrases: Iterable[str]) -> bool:
    """Whether lower-cased words hold one of the phrases (of one or more words)."""
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in phrases)


def _is_bare_weekday(spec: Spec) -> bool:
    return is_weekday_only(spec) and spec.shift_unit is None and spec.anchor == "dct"


def _recurring(piece: Piece) -> Piece:
    """A weekday of opening hours: every such day."""
    return piece._replace(spec=piece.spec._replace(kind="set"))


_WEEKDAY_RANGE_GAP = glue_pattern(r"\s*(?:til|[-–])\s*")
_AND = glue_pattern(r"\s+og\s+")
_CLOCK_AFTER_DAYS = glue_pattern(r"\s+(?:fra\s+)?")
_STRETCH_OPENER = glue_pattern(r"(?<!\w)fra\s+$")
_HOURS_TO = glue_pattern(r"\s*(?:[-–]|til)\s*(?:(?:kl\.|klokken)\s*)?\d")
_SENTENCE_REACH = 300  # characters back an opening-hours word may stand
