"""JSON Lines: one event object a line, in timeline order; values as in the JSON export."""

from __future__ import annotations

from collections.abc import Iterator

from timeline.exports._frame import ordered_events
from timeline.exports._json import JsonLines
from timeline.exports._pieces import table_parts
from timeline.model import Timeline


def to_jsonl(timeline: Timeline) -> str:
    """The events as JSON Lines, UTF-8 kept readable."""
    return "".join(jsonl_parts(timeline))


def jsonl_parts(timeline: Timeline) -> Iterator[str]:
    """:func:`to_jsonl`'s text in pieces of a few thousand events, made as they are asked for."""
    return table_parts(JsonLines(), ordered_events(timeline))
