"""JSON: one list of event objects in timeline order, keyed by the columns of ``Timeline.events``.

Datetimes are ISO 8601 strings with their UTC offset; missing values are ``null``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from timeline.exports._frame import json_column_chunks
from timeline.exports._json import json_list_parts
from timeline.model import Timeline


def to_json(timeline: Timeline) -> str:
    """The events as a JSON list (indented by one space), UTF-8 kept readable."""
    return "".join(json_parts(timeline))


def json_parts(timeline: Timeline) -> Iterator[str]:
    """:func:`to_json`'s text in pieces of a few thousand events, made as they are asked for."""
    return chain(json_list_parts(json_column_chunks(timeline)), ["\n"])
