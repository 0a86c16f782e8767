"""Danish time-expression engine: find, type and normalise time expressions.

>>> from normalise import extract
>>> [t.value for t in extract("Han kom i går.", "2020-01-08")]
['2020-01-07']
"""

from normalise.errors import LexiconError, PublishedDateError, TimexError
from normalise.extract import Readings, extract, extract_readings
from normalise.published import PublicationTime, parse_published
from normalise.timex import AnchorKind, TimeExpression, TimexType

__all__ = [
    "AnchorKind",
    "LexiconError",
    "PublicationTime",
    "PublishedDateError",
    "Readings",
    "TimeExpression",
    "TimexError",
    "TimexType",
    "extract",
    "extract_readings",
    "parse_published",
]
