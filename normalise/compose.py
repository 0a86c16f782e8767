"""Join adjacent pieces that name one time ("lørdag" + "aften", "kort før" +
"klokken et" + "natten til onsdag") and drop pieces that only count in a join.

Joins run in passes, each over the whole list from left to right, so the
inner parts of an expression are built before the outer ones. The joins and
their order are in ``joins``; the passes before them in ``opening_hours``,
and those after them in ``sentence_days`` and ``ranges_and_lists``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from normalise.grammar import DEPENDENT, Piece
from normalise.joins import JOINS, Join, glue_pattern
from normalise.opening_hours import (
    exceptions_to_sets,
    holds_phrase,
    names_opening_hours,
    opening_hours_apart,
)
from normalise.ranges_and_lists import distribute_sets, range_ends
from normalise.sentence_days import days_of_new_paragraphs, habitual_parts, parts_of_named_days

# (extract.py imports holds_phrase and names_opening_hours from here)
__all__ = ["JOINS", "Join", "compose", "holds_phrase", "names_opening_hours"]


def compose(pieces: list[Piece], text: str, joins: tuple[Join, ...] = JOINS) -> list[Piece]:
    """Apply every join in order, then drop pieces that only count inside a join.

    Joins only ever combine neighbours with glue between them, so the list is cut
    where no join's glue fits the gap, and each run of neighbours is joined alone
    (most pieces stand alone and skip the passes).
    """
    joined: list[Piece] = []
    for stretch in opening_hours_apart(exceptions_to_sets(pieces, text), text):
        for run in _runs(stretch, text, _any_glue(joins)):
            for join in joins if len(run) > 1 else ():
                run = _apply(join, run, text)
            joined.extend(run)
    kept = [p for p in habitual_parts(parts_of_named_days(joined, text), text) if p.spec.kind not in DEPENDENT]
    return range_ends(distribute_sets(days_of_new_paragraphs(kept, text), text), text)


def _runs(pieces: list[Piece], text: str, glue: re.Pattern[str]) -> list[list[Piece]]:
    """The pieces cut into runs of neighbours that some glue may join."""
    runs: list[list[Piece]] = []
    for piece in pieces:
        previous_end = runs[-1][-1].end if runs else 0
        # a line break ends a run: a headline, or a list whose next line starts a new item
        # ("... klokken 15\nMandag: ...")
        if runs and glue.fullmatch(text, previous_end, piece.start) and "\n" not in text[previous_end:piece.start]:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


@lru_cache(maxsize=8)
def _any_glue(joins: tuple[Join, ...]) -> re.Pattern[str]:
    """Matches what any of the joins' glues matches."""
    return glue_pattern("|".join(f"(?:{join.glue.pattern})" for join in joins))


def _apply(join: Join, pieces: list[Piece], text: str) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if out and join.left(out[-1].spec) and join.right(piece.spec):
            glue = text[out[-1].end:piece.start]
            if join.glue.fullmatch(glue):
                combined = join.combine(out[-1].spec, piece.spec, glue)
                if combined is not None:
                    left = out.pop()
                    out.append(Piece(left.start, piece.end, combined, f"{left.rule}+{piece.rule}"))
                    continue
        out.append(piece)
    return out
