"""Excel (``.xlsx``): one sheet ``events``, one event a row in timeline order.

Excel cannot store a timezone, so ``earliest`` and ``latest`` are written as
*naive local time in Europe/Copenhagen* (the wall-clock time a Danish reader
expects). Read them back with ``tz_localize("Europe/Copenhagen")``; the hour
repeated when summer time ends (02:00-03:00 on the last Sunday of October) is
ambiguous in this form. Text cells that Excel would run as a formula get a
leading ``'``, and characters XML cannot hold (control characters other than
tab, LF and CR) become U+FFFD; numbers stay numbers. A CR in text is read back
as LF (XML line-end normalisation in the xlsx file).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from timeline.exports._frame import (
    DATETIME_COLUMNS,
    map_text_cells,
    neutralise_formula,
    ordered_events,
)
from timeline.model import Timeline

SHEET = "events"


def to_xlsx(timeline: Timeline) -> bytes:
    """The events as an Excel workbook."""
    frame = map_text_cells(ordered_events(timeline), _safe_cell)
    for name in DATETIME_COLUMNS:
        frame[name] = frame[name].dt.tz_localize(None)
    buffer = BytesIO()
    frame.to_excel(buffer, index=False, sheet_name=SHEET, engine="openpyxl")
    return buffer.getvalue()


def _safe_cell(value: Any) -> Any:
    """A text cell neutralised against formulas and without characters xlsx cannot hold."""
    value = neutralise_formula(value)
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value
