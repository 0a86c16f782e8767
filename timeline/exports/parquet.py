"""Parquet: the events table in timeline order, typed.

``earliest`` and ``latest`` are timezone-aware timestamps (Europe/Copenhagen),
integers and floats keep their types; written with pyarrow, no pickled objects.
"""

from __future__ import annotations

from io import BytesIO

from timeline.exports._frame import ordered_events
from timeline.model import Timeline


def to_parquet(timeline: Timeline) -> bytes:
    """The events as a Parquet file."""
    buffer = BytesIO()
    ordered_events(timeline).to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()
