"""Which clock times are a recurring day's, not one day's.

A run of clock times right after or before a recurring time in its sentence ("Fredage:
klokken 16-21", "fra klokken 8 til klokken 12 hver dag"), or a range of them in a sentence
about opening hours that names no day ("Badet har åbent fra klokken 7 til 21 alle ugens
dage"), is every such day's: the value of a recurring time, with no day of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalise.compose import holds_phrase, names_opening_hours
from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.sentences import WORD, sentence_text
from normalise.spec import Spec

CLOCK_UNITS = {"hour", "minute", "quarter_hour", "second"}


def habitual_clocks(pieces: Sequence[Piece], sentences: Sequence[int], text: str, starts: Sequence[int]) -> list[bool]:
    """Whether each piece is one of a run of clock times right after or right before a recurring
    time in its sentence ("Fredage: klokken 16-21", "hver torsdag aften til klokken 21", "fra
    klokken 8 til klokken 12 hver dag"), or of opening hours (``_opening_hours``)."""
    clock = [p.spec.kind == "point" and p.spec.is_time_of_day_only and p.spec.hour is not None for p in pieces]
    named_day = _naming_a_day(pieces, sentences, text)
    found = _opening_hours(pieces, sentences, text, starts, clock, named_day)
    for index in range(1, len(pieces)):  # after a recurring time, anywhere in the sentence
        before = pieces[index - 1]
        if clock[index] and sentences[index - 1] == sentences[index] and (
                _recurs_by_day(before.spec) or found[index - 1]
                or (before.spec.kind == "set" and sentences[index] not in named_day
                    and _HOURS_OF_RECURRENCE.fullmatch(text, before.end, pieces[index].start))) \
                and not _reported_between(text, before.end, pieces[index].start):
            found[index] = True
    for index in range(len(pieces) - 2, -1, -1):  # before one, only across a range ("fra klokken 8 til")
        after = pieces[index + 1]
        if clock[index] and sentences[index + 1] == sentences[index] and (_recurs_by_day(after.spec) or found[index + 1]) \
                and _RANGE_GAP.fullmatch(text, pieces[index].end, after.start):
            found[index] = True
    return found


def _naming_a_day(pieces: Sequence[Piece], sentences: Sequence[int], text: str) -> set[int]:
    """The sentences that name a day their clock times may be on ("Fredag sejler færgerne ..."),
    not only the day a stretch starts ("Fra 1/7 løftes klappen hver hele time mellem klokken 7 og 22")."""
    return {sentence for piece, sentence in zip(pieces, sentences) if piece.spec.kind == "point" and piece.spec.has_day
            and not _STRETCH_START.search(text, max(0, piece.start - _STRETCH_REACH), piece.start)}


_STRETCH_START = re.compile(r"(?<!\w)(?:fra(?:\s+og\s+med)?|siden)\s+$", re.IGNORECASE)
_STRETCH_REACH = 12  # characters before a day searched for it


def _reported_between(text: str, start: int, end: int) -> bool:
    """Whether a reporting verb stands between two pieces: a quotation's recurring time is not the
    reporting clause's ("..., der hvert år har støttet børn, sagde dommeren kort før klokken 11")."""
    verbs = load_lexicon().reporting_verbs
    return any(word.lower() in verbs for word in WORD.findall(text, start, end))


def _recurs_by_day(spec: Spec) -> bool:
    """A recurring time whose clock times are every such day's: not one that recurs within a day
    ("måler vandstanden hver time og udsender en prognose ved 6-tiden": today's)."""
    return spec.kind == "set" and spec.unit not in CLOCK_UNITS


# ... but the hours one that recurs within a day runs in, right after it, are every day's too
# ("sejler hver time fra klokken 6 til midnat", "hver hele time mellem klokken 7 og 22"), unless
# the sentence names its day ("Fredag sejler færgerne hver time fra klokken 6 til midnat")
_HOURS_OF_RECURRENCE = re.compile(r"\s+(?:fra|mellem|i\s+tidsrummet)\s+", re.IGNORECASE)


_RANGE_GAP = re.compile(r"\s*(?:til|[-–])?\s*")
_CLOCK_RANGE_GAP = re.compile(r"\s*(?:til|og|[-–])\s*")


def _opening_hours(pieces: Sequence[Piece], sentences: Sequence[int], text: str, starts: Sequence[int],
                   clock: Sequence[bool], named_day: set[int]) -> list[bool]:
    """Whether each piece is a clock time of a range in a sentence about opening hours that names
    no day (not in ``named_day``: "Badet har åbent fra klokken 7 til 21 alle ugens dage"): every
    day's, not today's."""
    found = [False] * len(pieces)
    for index in range(len(pieces) - 1):
        if clock[index] and clock[index + 1] and sentences[index] == sentences[index + 1] \
                and sentences[index] not in named_day and _CLOCK_RANGE_GAP.fullmatch(text, pieces[index].end, pieces[index + 1].start) \
                and _about_opening_hours(text, starts, sentences[index]):
            found[index] = found[index + 1] = True
    return found


def _about_opening_hours(text: str, starts: Sequence[int], sentence: int) -> bool:
    """Whether a sentence has an opening-hours word (``compose.names_opening_hours``) or tells a
    habit or a rule from now on ("fremover", "normalt": ``habitual_words``)."""
    words = _sentence_words(text, starts, sentence)
    return names_opening_hours(words) or holds_phrase(words, load_lexicon().habitual_words)


def _sentence_words(text: str, starts: Sequence[int], sentence: int) -> list[str]:
    """The words of one sentence, lower-cased."""
    return WORD.findall(sentence_text(text, starts, sentence).lower())
