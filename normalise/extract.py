"""Find, type and normalise every time expression in a Danish text.

Pipeline: scan (rules) -> select (longest wins) -> compose (joins) -> resolve
each piece in text order against every instant the publication time could be
-> keep what all instants agree on.

This module is the public entry: what is known of each piece before resolution is
``normalise.items``, resolving every piece under every instant ``normalise.columns``,
and making one expression of a piece's resolutions ``normalise.combine``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from normalise.columns import Column, resolve_columns
from normalise.combine import combine
from normalise.errors import TimexError
from normalise.habitual_clocks import CLOCK_UNITS
from normalise.items import find_pieces, items_of
from normalise.nfc import Composed
from normalise.pinned import pinned_publication, publication_weekday
from normalise.published import parse_published
from normalise.resolver import Resolution
from normalise.sentences import sentence_starts
from normalise.timex import AnchorKind, TimeExpression

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
    # the text named its publication day itself, and was read as published then
    # ("i dag, torsdag den 26. juli" under 2018-07: ``normalise.pinned``)
    pinned: bool = False


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
    composed = Composed(text)  # decomposed letters ("a" + ring) read as composed ones ("å")
    starts = sentence_starts(composed.text)
    items = items_of(composed.text, starts)
    specs = [item.piece.spec for item in items]
    # "i dag, torsdag den 26. juli" in an article dated only 2018-07: published on the 26th
    stated = parse_published(published)
    publication = pinned_publication(stated, specs)
    edges = any(spec.shift_unit in CLOCK_UNITS for spec in specs)
    instants = _on_weekday(publication.instants(edges), publication_weekday(publication, specs)) if items else ()
    columns = resolve_columns(items, instants, publication.precision == "minute")
    within = None if publication.is_precise else publication.value  # "2017", "2023-02"
    kept: list[tuple[int, TimeExpression]] = [
        (index, expression)
        for index, (item, column) in enumerate(zip(items, columns))
        if (expression := combine(composed, item, column, items, within)) is not None
    ]
    return Readings(tuple(e for _, e in kept), instants, _intervals([columns[index] for index, _ in kept], instants),
                    tuple(starts) if composed.text is text else None, publication is not stated)


def _on_weekday(instants: tuple[datetime, ...], weekday: int | None) -> tuple[datetime, ...]:
    """The publication instants on the weekday the text names for its day ("i dag, torsdag"), if any."""
    if weekday is None:
        return instants
    return tuple(instant for instant in instants if instant.isoweekday() == weekday) or instants


def _intervals(columns: Sequence[Column], instants: Sequence[datetime]) -> tuple[tuple[Interval | None, ...], ...]:
    """``Readings.intervals`` (instant by instant) from the kept expressions' columns."""
    if not columns:
        return tuple(() for _ in instants)
    return tuple(zip(*(_interval_column(column) for column in columns)))


def _interval_column(column: Column) -> Sequence[Interval | None]:
    """The interval of each resolution in a column; a shared resolution's once."""
    if column.shared:
        return [_interval(column[0])] * len(column)
    return [_interval(resolution) for resolution in column]


def _interval(resolution: Resolution | None) -> Interval | None:
    if resolution is None or resolution.start is None or resolution.end is None:
        return None
    return resolution.start, resolution.end




__all__ = ["AnchorKind", "Readings", "extract", "extract_readings", "find_pieces"]
