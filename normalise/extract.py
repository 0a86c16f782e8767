"""Find, type and normalise every time expression in a Danish text.

Pipeline: scan (rules) -> select (longest wins) -> compose (joins) -> resolve
each piece in text order against every instant the publication time could be
-> keep what all instants agree on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from normalise.compose import compose
from normalise.errors import TimexError
from normalise.grammar import Piece, drop_idioms, scan, select, word_index
from normalise.nfc import Composed
from normalise.published import parse_published
from normalise.resolver import (
    RECENT_SENTENCES,
    Context,
    History,
    Mention,
    Resolution,
    Tense,
    context_free,
    reads_earlier_days,
    reads_tense,
    resolve,
)
from normalise.sentences import sentence_index, sentence_starts
from normalise.spec import Spec
from normalise.tense import Clue, clause_bounds, clue_positions, preposition_tense, tense_near
from normalise.timex import AnchorKind, TimeExpression, TimexType
from normalise.values import certain_part

_CLOCK_UNITS = {"hour", "minute", "quarter_hour"}


class _Item(NamedTuple):
    piece: Piece
    sentence: int
    tense: Tense
    genitive: bool = False  # "årets", "næste års": the expression ends in a genitive -s
    fixed: bool = False  # resolves the same whatever the publication time and earlier mentions
    time_of_day: bool = False  # a clock time or part of day with no date of its own


Interval = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class Readings:
    """The expressions of a text and their interval under each possible publication instant.

    ``intervals[k][i]`` is expression ``i``'s [start, end) when the document was
    published at ``instants[k]`` (None for durations, sets and readings where
    the date does not exist). A precise publication time has one reading.
    """

    expressions: tuple[TimeExpression, ...]
    instants: tuple[datetime, ...]
    intervals: tuple[tuple[Interval | None, ...], ...]
    # where the text's sentences start (``sentences.sentence_starts``), for a caller that
    # splits the same text; None when the engine read a recomposed text (other offsets)
    sentence_starts: tuple[int, ...] | None = None


def extract(text: str, published: object) -> list[TimeExpression]:
    """Every time expression in ``text``, normalised against its publication time.

    ``published``: datetime, date, or ISO string of any precision (``2020``,
    ``2020-01``, ``2020-01-08``, ``2020-01-08T01:15``), Danish local time unless
    an offset is given. Raises ``PublishedDateError`` when it cannot be read;
    text with no time expressions gives an empty list.
    """
    return list(extract_readings(text, published).expressions)


def extract_readings(text: str, published: object) -> Readings:
    """Like ``extract``, keeping every reading an imprecise publication time allows
    (for ordering events by how sure their order is)."""
    if not isinstance(text, str):
        raise TimexError(f"text must be a str, got {type(text).__name__}")
    publication = parse_published(published)
    composed = Composed(text)  # decomposed letters ("a" + ring) read as composed ones ("å")
    starts = sentence_starts(composed.text)
    items = _items(composed.text, starts)
    edges = any(item.piece.spec.shift_unit in _CLOCK_UNITS for item in items)
    instants = tuple(publication.reference_times(edges)) if items else ()
    runs = _resolve_runs(items, instants, publication.precision == "minute")
    kept: list[tuple[int, TimeExpression]] = [
        (index, expression)
        for index, item in enumerate(items)
        if (expression := _combine(composed, item, [run[index] for run in runs], items)) is not None
    ]
    intervals = tuple(tuple(_interval(run[index]) for index, _ in kept) for run in runs)
    return Readings(tuple(e for _, e in kept), instants, intervals,
                    tuple(starts) if composed.text is text else None)


def _interval(resolution: Resolution | None) -> Interval | None:
    if resolution is None or resolution.start is None or resolution.end is None:
        return None
    return resolution.start, resolution.end


def find_pieces(text: str) -> list[Piece]:
    """The composed pieces of a text, before resolution (for debugging and the spaCy component)."""
    index = word_index(text)
    return compose(select(drop_idioms(scan(text, index=index), text, index)), text)


def _items(text: str, starts: list[int]) -> list[_Item]:
    pieces = find_pieces(text)
    if not pieces:
        return []
    sentences = [sentence_index(starts, piece.start) for piece in pieces]
    context: dict[int, _SentenceClues] = {}
    items = []
    for piece, sentence, needed in zip(pieces, sentences, _tense_needed(pieces, sentences)):
        tense = _tense(text, starts, sentence, piece, context) if needed else "none"
        items.append(_Item(piece, sentence, tense, text[piece.end - 1:piece.end] == "s",
                           context_free(piece.spec), piece.spec.is_time_of_day_only))
    return items


def _tense_needed(pieces: Sequence[Piece], sentences: Sequence[int]) -> list[bool]:
    """Whether anything reads each piece's tense: its own resolution, or a later clock time
    or part of day that may take its day (within ``RECENT_SENTENCES``). Finding the tense
    costs a pass over the sentence's words, so the rest go without ("none", never read)."""
    needed = []
    reader: int | None = None  # the sentence of the nearest later piece that reads earlier days
    for piece, sentence in zip(reversed(pieces), reversed(sentences)):
        spec = piece.spec
        mentioned = spec.kind == "point" and reader is not None and reader <= sentence + RECENT_SENTENCES
        needed.append(spec.kind == "point" and (mentioned or reads_tense(spec)))
        if reads_earlier_days(spec):
            reader = sentence
    return needed[::-1]


def _tense(text: str, starts: list[int], sentence: int, piece: Piece, context: dict[int, _SentenceClues]) -> Tense:
    """The tense around a piece: the nearest verb in its clause, or the preposition before it."""
    if sentence not in context:
        context[sentence] = _sentence_clues(text, starts, sentence)
    clues = context[sentence]
    tense = tense_near(clues.clues, piece.start, piece.end, clues.clauses)
    if piece.spec.relation == "tense":
        tense = preposition_tense(text[max(clues.begin, piece.start - 20):piece.start]) or tense
    return tense


class _SentenceClues(NamedTuple):
    begin: int
    clues: list[tuple[int, Clue]]
    clauses: list[tuple[int, bool]]


def _sentence_clues(text: str, starts: list[int], sentence: int) -> _SentenceClues:
    """Tense clues and clause starts of one sentence, as offsets into the whole text."""
    begin = starts[sentence]
    end = starts[sentence + 1] if sentence + 1 < len(starts) else len(text)
    body = text[begin:end]
    return _SentenceClues(begin, [(begin + o, c) for o, c in clue_positions(body)],
                          [(begin + o, infinitive) for o, infinitive in clause_bounds(body)])


def _resolve_runs(items: Sequence[_Item], instants: Sequence[datetime],
                  has_clock: bool) -> Sequence[Sequence[Resolution | None]]:
    """Every piece resolved in text order under each publication instant (one run per instant)."""
    fixed: dict[int, Resolution | None] = {}  # shared by the runs: resolved once, not once per instant
    return [_resolve_all(items, instant, has_clock, fixed) for instant in instants]


def _resolve_all(items: Sequence[_Item], instant: datetime, has_clock: bool,
                 fixed: dict[int, Resolution | None]) -> list[Resolution | None]:
    """Resolve every piece in text order for one publication instant; ``fixed`` keeps the
    resolutions of context-free items across instants."""
    history = History()
    results: list[Resolution | None] = []
    for index, item in enumerate(items):
        if index in fixed:
            resolution = fixed[index]
        else:
            resolution = resolve(item.piece.spec, Context(instant, has_clock, item.tense, item.sentence, history))  # type: ignore[arg-type]
            if item.fixed:
                fixed[index] = resolution
        results.append(resolution)
        if resolution is not None and resolution.frame is not None:
            _remember(history, item, index, resolution)
    return results


def _remember(history: History, item: _Item, index: int, resolution: Resolution) -> None:
    """Add a resolved point to the mentions later pieces may anchor to."""
    assert resolution.frame is not None
    names_day = not item.time_of_day or resolution.anchor is AnchorKind.EXPRESSION
    history.append(Mention(resolution.frame, item.sentence, index,
                           _names_year(item.piece.spec, resolution, item, history), names_day, item.tense))


def _names_year(spec: Spec, resolution: Resolution, item: _Item, history: History) -> bool:
    """Whether a mention fixes the year for the bare months after it in its sentence:
    an explicit year, a year-long expression ("sidste år"), or a month that took its
    year that way ("i oktober og november")."""
    if spec.year is not None:
        return True
    if resolution.grain in ("year", "decade", "century"):
        # a genitive ("næste års festival", "årets") dates a noun, not the sentence's other times
        return not item.genitive

    previous = history.last
    return spec.needs_year and previous is not None and previous.sentence == item.sentence and previous.explicit_year


def _combine(composed: Composed, item: _Item, resolutions: Iterable[Resolution | None],
             items: Sequence[_Item]) -> TimeExpression | None:
    """One expression from its resolutions under every possible publication instant,
    with offsets into the text as given."""
    found = [r for r in resolutions if r is not None]
    if not found:
        return None
    first = found[0]
    piece = item.piece
    if len(found) == 1:  # a precise publication time: one reading
        earliest, latest = first.start, first.end
    else:
        earliest = min((r.start for r in found if r.start is not None), default=None)
        latest = max((r.end for r in found if r.end is not None), default=None)
    anchor_piece = items[first.anchor_index].piece if first.anchor_index is not None else None
    start, end = composed.offset(piece.start), composed.offset(piece.end)
    return TimeExpression(
        start=start,
        end=end,
        text=composed.original[start:end],
        type=_type(piece, first),
        value=first.value if len(found) == 1 else certain_part([r.value for r in found]),
        mod=piece.spec.mod,
        earliest=earliest,
        latest=latest,
        grain=first.grain,
        anchor=first.anchor,
        anchor_start=composed.offset(anchor_piece.start) if anchor_piece else None,
        anchor_end=composed.offset(anchor_piece.end) if anchor_piece else None,
        rule=piece.rule,
    )


def _type(piece: Piece, resolution: Resolution) -> TimexType:
    kind = piece.spec.kind
    if kind == "duration":
        return TimexType.DURATION
    if kind == "set":
        return TimexType.SET
    if resolution.grain in ("minute", "hour", "part"):
        return TimexType.TIME
    return TimexType.DATE


__all__ = ["AnchorKind", "Readings", "extract", "extract_readings", "find_pieces"]
