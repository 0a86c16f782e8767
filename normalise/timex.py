"""The one immutable type for a resolved time expression."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from normalise.frozen import loaded_by_slots


class TimexType(str, Enum):
    """TIMEX3 types. PRESENT_REF/PAST_REF/FUTURE_REF values are DATEs."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class AnchorKind(str, Enum):
    """What an expression's value was computed from.

    PUBLICATION: the document creation time (deictic and tense-anchored
    expressions: ``i går``, ``sidste uge``, bare ``onsdag``).
    EXPRESSION: an earlier expression in the text (``samme dag``,
    ``to dage senere``, a bare ``klokken 20`` after a dated sentence).
    NONE: the value needs no anchor (``den 8. januar 2020``, durations).
    """

    PUBLICATION = "publication"
    EXPRESSION = "expression"
    NONE = "none"


# The kinds by plain names, for the resolver's hot path: read from its class, a member costs a
# Python-level lookup (``EnumType`` has a ``__getattr__``), ten times a module global's.
BY_PUBLICATION, BY_EXPRESSION, UNANCHORED = AnchorKind.PUBLICATION, AnchorKind.EXPRESSION, AnchorKind.NONE


@loaded_by_slots
@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a text, normalised to TIMEX3.

    ``start``/``end`` are character offsets into the analysed text, so
    ``text == source[start:end]``. ``earliest``/``latest`` give the calendar
    interval the expression denotes, end-exclusive, as timezone-aware
    datetimes in Europe/Copenhagen; both are ``None`` for DURATION and SET.
    When the publication time is imprecise the interval is the union over
    every publication time it could be, and ``value`` keeps only the digits
    that are certain (``X`` for the others).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    earliest: datetime | None = None
    latest: datetime | None = None
    grain: str | None = None
    anchor: AnchorKind = AnchorKind.NONE
    anchor_start: int | None = None
    anchor_end: int | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: enums as strings, datetimes as ISO 8601 with offset."""
        out = asdict(self)
        out["type"] = self.type.value
        out["anchor"] = self.anchor.value
        for key in ("earliest", "latest"):
            moment = getattr(self, key)
            out[key] = moment.isoformat() if moment is not None else None
        return out
