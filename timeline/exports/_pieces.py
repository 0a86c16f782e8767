"""Text exports made a slice of the events table at a time.

A text export (CSV, JSON, JSON Lines, TimelineJS, iCalendar) is a head, the text of
each slice of rows in turn, and a tail. ``export`` cuts the whole ordered table into
slices; a streaming sink (``timeline.exports.sinks``) is given them one by one. Both
use the same ``TextPieces``, so they write the same text as long as each slice's text
depends on its rows only, not on where the table was cut (the tests check this).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import pandas as pd

from timeline.exports._frame import row_chunks


class TextPieces(Protocol):
    """The pieces of one text export, asked for in order: ``head``, ``rows`` per slice, ``tail``."""

    slice_rows: int  # the most rows ``rows`` is given at a time: their text is in memory at once

    def head(self, frame: pd.DataFrame) -> str:
        """The text before the rows; ``frame`` is the first slice (or the empty table): its columns."""
        ...

    def rows(self, rows: pd.DataFrame) -> str:
        """The text of the next consecutive rows of the ordered events table."""
        ...

    def tail(self) -> str:
        """The text after the last rows."""
        ...


def table_parts(pieces: TextPieces, frame: pd.DataFrame) -> Iterator[str]:
    """The text of the whole ``frame`` (the ordered events) in pieces, each made as it is asked for."""
    yield pieces.head(frame)
    yield from rows_parts(pieces, frame)
    yield pieces.tail()


def rows_parts(pieces: TextPieces, rows: pd.DataFrame) -> Iterator[str]:
    """The text of ``rows`` in pieces of at most ``pieces.slice_rows`` rows."""
    for piece in row_chunks(rows, pieces.slice_rows):
        yield pieces.rows(piece)
