"""The toolkit's exceptions, one hierarchy.

TimexError
 ├── PublishedDateError   a publication time that cannot be read
 └── LexiconError         broken Danish language data (a packaging fault)

Unparseable *text* is never an exception: it simply yields no expressions.
Messages name the input, what was expected and what was found.
"""

from __future__ import annotations


class TimexError(Exception):
    """Base class for every error the toolkit raises on purpose."""


class PublishedDateError(TimexError, ValueError):
    """The publication time is missing or cannot be parsed."""


class LexiconError(TimexError):
    """The Danish lexicon data is missing or malformed."""
