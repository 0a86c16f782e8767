"""One time expression from a piece's resolutions under every publication instant.

``combine`` keeps what the instants agree on: the value of one reading, or what the
readings share (``values.value_within``), the earliest start and latest end, and the type
and offsets into the text as given. (Joining neighbouring pieces into one expression is
``normalise.compose``.)
"""

from __future__ import annotations

from collections.abc import Sequence

from normalise.columns import Column
from normalise.grammar import Piece
from normalise.items import Item
from normalise.nfc import Composed
from normalise.resolver import Resolution
from normalise.spec import Spec
from normalise.timex import TimeExpression, TimexType
from normalise.values import value_within


def combine(composed: Composed, item: Item, column: Column, items: Sequence[Item],
            within: str | None = None) -> TimeExpression | None:
    """One expression from its resolutions under every possible publication instant,
    with offsets into the text as given; ``within``: an imprecise publication date's
    year or month (``value_within``)."""
    # one shared resolution combines as itself (min, max and certain part of copies)
    found = [r for r in (column[:1] if column.shared else column) if r is not None]
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
        value=first.value if len(found) == 1 else value_within([r.value for r in found], within,
                                                               _counted(piece.spec) or _told_gone_in_year(item, within)),
        mod=piece.spec.mod,
        earliest=earliest,
        latest=latest,
        grain=first.grain,
        anchor=first.anchor,
        anchor_start=composed.offset(anchor_piece.start) if anchor_piece else None,
        anchor_end=composed.offset(anchor_piece.end) if anchor_piece else None,
        rule=piece.rule,
    )


def _told_gone_in_year(item: Item, within: str | None) -> bool:
    """A quarter or half of no year told in the past, in an article dated only to the year ("Især
    fjerde kvartal skuffede" in an annual report of 2019): what most of its days make it (the year
    before), where a month or a date stays in the article's year."""
    spec = item.piece.spec
    return within is not None and len(within) == 4 and item.tense == "past" and spec.needs_year \
        and (spec.quarter is not None or spec.half is not None)


def _counted(spec: Spec) -> bool:
    """Whether a time is counted from the publication ("sidste sommer", "næste år", "i sidste uge")."""
    return spec.anchor == "dct" and (spec.shift_unit is not None or spec.year_shift is not None
                                     or spec.relation in ("before", "after"))


def _type(piece: Piece, resolution: Resolution) -> TimexType:
    kind = piece.spec.kind
    if kind == "duration":
        return TimexType.DURATION
    if kind == "set":
        return TimexType.SET
    if resolution.grain in ("minute", "hour", "part"):
        return TimexType.TIME
    return TimexType.DATE
