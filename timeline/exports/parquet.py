"""Parquet: the events table in timeline order, typed.

``earliest`` and ``latest`` are timezone-aware timestamps (Europe/Copenhagen),
integers and floats keep their types; written with pyarrow, no pickled objects.
"""

from __future__ import annotations

import json
from io import BytesIO

import pandas as pd
import pyarrow as pa
from pyarrow.pandas_compat import get_column_metadata

from timeline.exports._frame import ordered_events
from timeline.model import Timeline


def to_parquet(timeline: Timeline) -> bytes:
    """The events as a Parquet file."""
    buffer = BytesIO()
    ordered_events(timeline).to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as ``DataFrame.to_parquet`` hands it to pyarrow: the types pyarrow reads from the
    values, pandas' metadata, no index."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def merged_schema(schema: pa.Schema, other: pa.Schema, columns: pd.DataFrame) -> pa.Schema:
    """The schema of a table holding the rows of both: for each column the type pyarrow gives
    their values together (missing only and text: text; integers and floats: floats; ...), and
    pandas' metadata for those types (``columns``: the frame's dtypes). Raises pyarrow's
    ``ArrowTypeError`` for values no one type holds (text and numbers), as ``to_parquet`` does."""
    merged = pa.unify_schemas([schema, other], promote_options="permissive")
    if merged.equals(schema):
        return schema
    metadata = merged.pandas_metadata
    metadata["columns"] = [get_column_metadata(columns[field.name], field.name, field.type, field.name)
                           for field in merged]
    return merged.with_metadata({**merged.metadata, b"pandas": json.dumps(metadata).encode()})
