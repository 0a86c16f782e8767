"""JSON Lines: one event object a line, in timeline order; values as in the JSON export."""

from __future__ import annotations

from timeline import jsontext
from timeline.exports._frame import json_records
from timeline.model import Timeline


def to_jsonl(timeline: Timeline) -> str:
    """The events as JSON Lines, UTF-8 kept readable."""
    lines = (jsontext.dumps(record) + "\n" for record in json_records(timeline))
    return "".join(lines)
