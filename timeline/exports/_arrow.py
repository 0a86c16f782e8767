"""Arrow string arrays as export text: the CSV and JSON exports build their cells and
rows with Arrow's string kernels, many rows at once, then take the text in one piece."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def text(value: str) -> pa.Scalar:
    """A text scalar of the type the exports' arrays have (Arrow joins texts of one type only)."""
    return pa.scalar(value, pa.large_string())


def joined(texts: pa.Array, separator: str) -> str:
    """The texts of an array one after another, ``separator`` between them, as one ``str``."""
    return pc.binary_join(pa.LargeListArray.from_arrays([0, len(texts)], texts), text(separator))[0].as_py()
