"""The events table in two steps: each event's own columns as Arrow rows, then the table.

``event_rows(events)`` lays out what an event says of itself (ids, sentence,
trigger, expression, interval ...) as an Arrow record batch: a worker makes it
for its document's events, so that the one process that builds a corpus'
timeline never holds the events themselves (``timeline.streamed``).
``events_frame(rows, ranks, certainties, said)`` then makes the table's rows in
timeline order, with what ordering (rank, certainty) and merging (sources,
narrowing, conflicts) add. The in-memory ``builder.events_table`` takes the same
two steps, so both ways make the same table.

Datetimes travel as UTC microseconds with their zone's name, and come back as
the engine made them: one zone for the whole table (Europe/Copenhagen) gives a
column of that zone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from operator import attrgetter
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from timeline.events import Event
from timeline.instants import utc_microseconds, zone_key, zone_of
from timeline.merge import Said
from timeline.model import EVENT_COLUMNS

_TEXT, _INT = pa.large_string(), pa.int64()
ROW_SCHEMA = pa.schema([
    ("event_id", _TEXT), ("doc_id", _TEXT), ("published", _TEXT), ("sentence", _INT), ("sentence_text", _TEXT),
    ("start", _INT), ("end", _INT), ("trigger", _TEXT), ("trigger_start", _INT), ("expression", _TEXT),
    ("expression_start", _INT), ("type", _TEXT), ("value", _TEXT), ("mod", _TEXT),
    ("earliest", _INT), ("latest", _INT), ("zone", _TEXT),  # UTC microseconds; the zone's name
    ("dated_by", _TEXT), ("other_expressions", _TEXT), ("pinned", pa.bool_()),
])
DATETIME_COLUMNS = ("earliest", "latest")


def event_rows(events: Sequence[Event]) -> pa.RecordBatch:
    """The events' own columns, one row per event, in their order (``ROW_SCHEMA``)."""
    triggers, expressions, hulls = (list(map(attrgetter(name), events)) for name in ("trigger", "expression", "hull"))
    micro = _Microseconds()
    columns: dict[str, Column] = {
        "event_id": lambda: (e.event_id for e in events), "doc_id": field_of(events, "doc_id"),
        "published": field_of(events, "published"), "sentence": field_of(events, "sentence"),
        "sentence_text": field_of(events, "sentence_text"), "start": field_of(events, "start"),
        "end": field_of(events, "end"),
        "trigger": lambda: (t.text if t else "" for t in triggers),
        "trigger_start": lambda: (t.start if t else -1 for t in triggers),
        "expression": lambda: (x.text if x else "" for x in expressions),
        "expression_start": lambda: (x.start if x else -1 for x in expressions),
        "type": lambda: (x.type.value if x else "" for x in expressions),
        "value": lambda: (x.value if x else "" for x in expressions),
        "mod": lambda: ((x.mod or "") if x else "" for x in expressions),
        "earliest": lambda: (micro(h[0]) if h else None for h in hulls),
        "latest": lambda: (micro(h[1]) if h else None for h in hulls),
        "zone": lambda: (zone_key(h[0].tzinfo) if h else None for h in hulls),
        "dated_by": field_of(events, "dated_by"),
        "other_expressions": lambda: ("; ".join(f"{o.text} ({o.value})" for o in found) if found else ""
                                      for found in map(attrgetter("others"), events)),
        "pinned": field_of(events, "pinned"),
    }
    arrays = [_array(columns[field.name], field.type, len(events)) for field in ROW_SCHEMA]
    return pa.record_batch(arrays, schema=ROW_SCHEMA)


# A record batch of ``ROW_SCHEMA`` as its row count and each column's buffers (None: absent).
PackedRows = tuple[int, list[list[bytes | None]]]


def packed_rows(rows: pa.RecordBatch, sliced: bool = False) -> PackedRows:
    """``rows`` as plain bytes, to pickle: a record batch pickles through Arrow's IPC format,
    about ten times slower for the small batch of one document's events. ``sliced``: the rows
    may be a slice of a larger batch, whose buffers are the whole batch's: each column is
    copied to buffers of its own first."""
    columns = [pa.concat_arrays([column]) for column in rows.columns] if sliced else rows.columns
    return rows.num_rows, [[None if b is None else b.to_pybytes() for b in column.buffers()] for column in columns]


def unpacked_rows(packed: PackedRows) -> pa.RecordBatch:
    """The record batch of ``packed_rows``."""
    count, columns = packed
    arrays = [pa.Array.from_buffers(field.type, count, [None if b is None else pa.py_buffer(b) for b in buffers])
              for field, buffers in zip(ROW_SCHEMA, columns)]
    return pa.record_batch(arrays, schema=ROW_SCHEMA)


def events_frame(rows: pa.Table | pa.RecordBatch, ranks: Sequence[int] | np.ndarray,
                 certainties: Sequence[float] | np.ndarray,
                 said: Mapping[str, Said], zones: Collection[str] | None = None) -> pd.DataFrame:
    """The events table of ``rows`` (in timeline order), with their ranks and certainties and
    what ``said`` (event_id -> ``merge.Said``) tells of merged and conflicting events.

    ``zones``: the names of the zones of the whole table's intervals (default: of ``rows``'),
    which decide the type of the datetime columns, as in a table made at once.
    """
    if not rows.num_rows:  # no values to infer a column's type from: every column holds objects
        return pd.DataFrame.from_records([], columns=list(EVENT_COLUMNS))
    known = set(rows.column("zone").drop_null().unique().to_pylist()) if zones is None else set(zones)
    ids, docs = rows.column("event_id").to_pylist(), rows.column("doc_id").to_pylist()
    columns: dict[str, Any] = {
        name: _column(name, rows.column(name), known, rows.column("zone"))
        for name in EVENT_COLUMNS if name in ROW_SCHEMA.names}
    columns |= {"certainty": np.asarray(certainties, np.float64), "rank": np.asarray(ranks, np.int64),
                **_source_columns(ids, docs, rows.column("pinned").to_pylist(), said)}
    return pd.DataFrame(columns, columns=list(EVENT_COLUMNS))


def _source_columns(ids: list[str], docs: list[str], pinned: list[bool],
                    said: Mapping[str, Said]) -> dict[str, Any]:
    """sources, source_docs, narrowed_by (another report's doc, or the event's own when its text
    names the publication day its stated date lacks: "i dag, torsdag den 26. juli"), conflicts_with."""
    told = [said.get(event_id) for event_id in ids] if said else [None] * len(ids)
    columns: dict[str, Column] = {
        "sources": lambda: (event_id if m is None else "; ".join(m.sources) for event_id, m in zip(ids, told)),
        "source_docs": lambda: (doc if m is None else "; ".join(m.source_docs) for doc, m in zip(docs, told)),
        "narrowed_by": lambda: ((m.narrowed_by if m is not None and m.narrowed_by else doc if own else "")
                                for doc, own, m in zip(docs, pinned, told)),
        "conflicts_with": lambda: ("" if m is None else "; ".join(m.conflicts_with) for m in told),
    }
    return {name: pd.array(text_array(values, len(ids)), dtype="str") for name, values in columns.items()}


def _column(name: str, values: pa.ChunkedArray | pa.Array, zones: set[str], keys: pa.ChunkedArray | pa.Array) -> Any:
    """A rows column as the table has it."""
    if name in DATETIME_COLUMNS:
        return _moments(values, zones, keys)
    if values.type == _TEXT:
        return pd.array(values, dtype="str")
    return values.to_numpy().copy()  # a copy pandas may write to (Arrow's own buffers are read-only)


def moment_column(moments: Sequence[datetime | None]) -> pd.Series:
    """Datetimes (or None) as the table has them, by way of the rows: as ``pd.Series(moments)``."""
    micro = _Microseconds()
    values = pa.array([None if m is None else micro(m) for m in moments], _INT)
    zones = pa.array([None if m is None else zone_key(m.tzinfo) for m in moments], _TEXT)
    return pd.Series(_moments(values, set(zones.drop_null().to_pylist()), zones))


def _moments(micro: pa.ChunkedArray | pa.Array, zones: set[str], keys: pa.ChunkedArray | pa.Array) -> Any:
    """A datetime column from UTC microseconds (null: none) and zone keys (``zone_key``): of the
    one zone (or none) there is, else as objects in their zones (all None when none is dated)."""
    if len(zones) == 1:
        key = next(iter(zones))
        wall = pd.DatetimeIndex(micro.fill_null(_MISSING).to_numpy().view("datetime64[us]"))
        return pd.Series(wall.tz_localize("UTC").tz_convert(zone_of(key)) if key else wall).array
    return pd.array([None if m is None else _moment(m, k) for m, k in zip(micro.to_pylist(), keys.to_pylist())],
                    dtype=object)


def _moment(micro: int, key: str) -> datetime:
    moment = _EPOCH + timedelta(microseconds=micro)
    return moment.replace(tzinfo=None) if not key else moment.astimezone(zone_of(key))


_MISSING = np.iinfo(np.int64).min  # NaT
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

class _Microseconds:
    """``utc_microseconds``, each datetime object read once (events share them: reading is slow)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[datetime, int]] = {}

    def __call__(self, moment: datetime) -> int:
        found = self._known.get(id(moment))
        if found is None or found[0] is not moment:
            found = self._known[id(moment)] = (moment, utc_microseconds(moment))
        return found[1]


# A column's values, made when the table takes it (again if it needs them twice).
Column = Callable[[], Iterable[Any]]


def field_of(items: Sequence[Any], name: str) -> Column:
    """The column of the items' attribute ``name``."""
    return lambda: map(attrgetter(name), items)


def _array(values: Column, kind: pa.DataType, count: int) -> pa.Array:
    if kind == _TEXT:
        return text_array(values, count)
    return pa.array(values(), type=kind, size=count)


def text_array(values: Column, count: int) -> pa.Array:
    """Text values as an Arrow array, each converted as it is made (a whole column never stands
    as Python strings), with the system's allocator (Arrow's own keeps the memory a column
    outgrew while it was built); values that are not all text as pandas converts them."""
    try:
        return pa.array(values(), type=_TEXT, size=count, memory_pool=pa.system_memory_pool())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array(pd.array(list(values()), dtype="str"), type=_TEXT)
