"""Arrow string arrays as export text: the CSV and JSON exports build their cells and
rows with Arrow's string kernels, many rows at once, then take the text in one piece.

Every array and scalar here has one type, ``TEXT``: Arrow joins texts of one type only."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

TEXT = pa.large_string()  # the type of pandas' Arrow-backed text columns: read without a copy


def text(value: str) -> pa.Scalar:
    """A text scalar."""
    return pa.scalar(value, TEXT)


def texts(values: Any) -> pa.Array:
    """Strings (or None), a list or a pandas column, as text; a column Arrow holds already is not
    copied. Raises ``UnicodeEncodeError`` for a string no UTF-8 can hold (a lone surrogate)."""
    return pa.array(values, type=TEXT, from_pandas=True)


def integer_texts(values: np.ndarray) -> pa.Array:
    """Integers in decimal, as ``str`` writes them."""
    return pc.cast(pa.array(values), TEXT)


def boolean_texts(values: np.ndarray, true: str, false: str) -> pa.Array:
    """Booleans as the two words a format spells them with."""
    return pa.array(np.where(values, true, false), type=TEXT)


def joined(strings: pa.Array, separator: str) -> str:
    """The texts of an array one after another, ``separator`` between them, as one ``str``."""
    return pc.binary_join(pa.LargeListArray.from_arrays([0, len(strings)], strings), text(separator))[0].as_py()
