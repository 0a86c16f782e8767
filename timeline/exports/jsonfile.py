"""JSON: one list of event objects in timeline order, keyed by the columns of ``Timeline.events``.

Datetimes are ISO 8601 strings with their UTC offset; missing values are ``null``.
"""

from __future__ import annotations

from timeline import jsontext
from timeline.exports._frame import json_records
from timeline.model import Timeline


def to_json(timeline: Timeline) -> str:
    """The events as a JSON list, UTF-8 kept readable."""
    return jsontext.dumps(json_records(timeline), indent=1) + "\n"
