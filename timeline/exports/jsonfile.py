"""JSON: one list of event objects in timeline order, keyed by the columns of ``Timeline.events``.

Datetimes are ISO 8601 strings with their UTC offset; missing values are ``null``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from timeline.exports._frame import JSON_CHUNK_ROWS, ordered_events
from timeline.exports._json import JsonList
from timeline.exports._pieces import table_parts
from timeline.model import Timeline


def to_json(timeline: Timeline) -> str:
    """The events as a JSON list (indented by one space), UTF-8 kept readable."""
    return "".join(json_parts(timeline))


def json_parts(timeline: Timeline) -> Iterator[str]:
    """:func:`to_json`'s text in pieces of a few thousand events, made as they are asked for."""
    return table_parts(JsonPieces(), ordered_events(timeline))


class JsonPieces(JsonList):
    """The JSON file's text (a ``TextPieces``): the list of the events, then a line end."""

    slice_rows = JSON_CHUNK_ROWS

    def head(self, frame: pd.DataFrame) -> str:
        """Nothing: the list opens with its first item."""
        return ""

    def tail(self) -> str:
        """The end of the list and of the file."""
        return super().tail() + "\n"
