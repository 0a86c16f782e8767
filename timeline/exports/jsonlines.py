"""JSON Lines: one event object a line, in timeline order; values as in the JSON export."""

from __future__ import annotations

import json

from timeline.exports._frame import json_records
from timeline.model import Timeline


def to_jsonl(timeline: Timeline) -> str:
    """The events as JSON Lines, UTF-8 kept readable."""
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in json_records(timeline))
    return "".join(lines)
