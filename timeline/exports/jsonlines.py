"""JSON Lines: one event object a line, in timeline order; values as in the JSON export."""

from __future__ import annotations

from timeline.exports._frame import json_columns
from timeline.exports._json import json_lines
from timeline.model import Timeline


def to_jsonl(timeline: Timeline) -> str:
    """The events as JSON Lines, UTF-8 kept readable."""
    return json_lines(json_columns(timeline))
