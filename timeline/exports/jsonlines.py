"""JSON Lines: one event object a line, in timeline order; values as in the JSON export."""

from __future__ import annotations

from collections.abc import Iterator

from timeline.exports._frame import json_column_chunks
from timeline.exports._json import json_lines_parts
from timeline.model import Timeline


def to_jsonl(timeline: Timeline) -> str:
    """The events as JSON Lines, UTF-8 kept readable."""
    return "".join(jsonl_parts(timeline))


def jsonl_parts(timeline: Timeline) -> Iterator[str]:
    """:func:`to_jsonl`'s text in pieces of a few thousand events, made as they are asked for."""
    return json_lines_parts(json_column_chunks(timeline))
