"""Programmes: a header line about a programme, then lines that each open with a time.

    Programmet for indvielsesdagen ser sådan ud:
    Klokken 9.30 åbner broen for gående og cyklister.
    Ved 16-tiden spiller bandet Fredag koncert.

The items' clock times are on the programme's day: the day the header names, else
the day to come the text named before it, however far back (``Context.programme``),
not the publication's day nor a day named in passing between them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.opening_hours import holds_phrase
from normalise.sentences import WORD

# what may stand before an item's time at the start of its line ("Fra klokken 16 til 17.30: ...")
_ITEM_OPENER = re.compile(r"\s*(?:(?:fra|og|-|–)\s+)?", re.IGNORECASE)


def programme_headers(pieces: Sequence[Piece], text: str) -> list[int | None]:
    """For each piece, the offset where the header of the programme it is in (its header line or an
    item) starts; None for a piece outside a programme."""
    found: list[int | None] = [None] * len(pieces)
    if ":" not in text:
        return found
    lines = _lines(text)
    starts = [start for start, _ in lines]
    first_of_line: dict[int, int] = {}  # line start -> the first piece on that line
    for k, piece in enumerate(pieces):
        first_of_line.setdefault(starts[bisect_right(starts, piece.start) - 1], k)
    header: int | None = None
    for line_start, line_end in lines:
        line = text[line_start:line_end].strip()
        if not line:
            continue
        opening = first_of_line.get(line_start)
        if not (header is not None and opening is not None and _opens_line(text, line_start, pieces[opening])):
            header = line_start if _is_header(line) else None  # (its own times: "Programmet for mandag:")
        if header is not None and opening is not None:
            _mark_line(found, pieces, opening, line_end, header)
    return found


def _mark_line(found: list[int | None], pieces: Sequence[Piece], first: int, line_end: int, header: int) -> None:
    """Give the pieces of a line, from its first, the programme's header."""
    for k in range(first, len(pieces)):
        if pieces[k].start >= line_end:
            break
        found[k] = header


def _is_header(line: str) -> bool:
    """A line that announces a programme and ends with a colon ("Programmet for mandag:")."""
    words = WORD.findall(line.lower())
    return line.endswith(":") and holds_phrase(words, load_lexicon().programme_words)


def _opens_line(text: str, line_start: int, piece: Piece) -> bool:
    opener = _ITEM_OPENER.match(text, line_start)
    return opener is not None and opener.end() == piece.start


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of the text."""
    bounds, start = [], 0
    for match in re.finditer("\n", text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds
