"""JSON: one list of event objects in timeline order, keyed by the columns of ``Timeline.events``.

Datetimes are ISO 8601 strings with their UTC offset; missing values are ``null``.
"""

from __future__ import annotations

from timeline.exports._frame import json_columns
from timeline.exports._json import json_list
from timeline.model import Timeline


def to_json(timeline: Timeline) -> str:
    """The events as a JSON list (indented by one space), UTF-8 kept readable."""
    return json_list(json_columns(timeline)) + "\n"
