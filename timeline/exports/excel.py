"""Excel (``.xlsx``): one sheet ``events``, one event a row in timeline order.

Excel cannot store a timezone, so ``earliest`` and ``latest`` are written as
*naive local time in Europe/Copenhagen* (the wall-clock time a Danish reader
expects). Read them back with ``tz_localize("Europe/Copenhagen")``; the hour
repeated when summer time ends (02:00-03:00 on the last Sunday of October) is
ambiguous in this form. Text cells that Excel would run as a formula get a
leading ``'``, and characters XML cannot hold (control characters other than
tab, LF and CR) become U+FFFD; numbers stay numbers. A CR in text is read back
as LF (XML line-end normalisation in the xlsx file).

A sheet holds 1,048,576 rows: a longer timeline goes on in sheets ``events 2``,
``events 3``, ... each with the header row. A cell holds 32,767 characters: longer
text (a "sentence" with no full stop in a whole article) is cut there, ending in
``…``. Both say so in a warning; CSV, JSON and Parquet keep everything.
"""

from __future__ import annotations

import logging
from io import BytesIO
from typing import Any, Final

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from timeline.exports._frame import (
    DATETIME_COLUMNS,
    map_text_cells,
    neutralise_formula,
    ordered_events,
)
from timeline.model import Timeline

SHEET = "events"
ROWS_PER_SHEET: Final = 1_048_575  # Excel's 1,048,576 rows, less the header
CELL_CHARACTERS: Final = 32_767  # the most text Excel keeps in one cell
LOG = logging.getLogger("timeline.exports")


def to_xlsx(timeline: Timeline) -> bytes:
    """The events as an Excel workbook (in several sheets when one cannot hold them)."""
    cut: list[int] = []
    frame = map_text_cells(ordered_events(timeline), lambda value: _safe_cell(value, cut))
    for name in DATETIME_COLUMNS:
        frame[name] = frame[name].dt.tz_localize(None)
    starts = range(0, max(len(frame), 1), ROWS_PER_SHEET)
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as workbook:
        for number, start in enumerate(starts, 1):
            frame.iloc[start:start + ROWS_PER_SHEET].to_excel(workbook, index=False, sheet_name=sheet_name(number))
    if len(starts) > 1:
        LOG.warning("xlsx: %d events fill %d sheets (a sheet holds %d rows); CSV or Parquet keep them in one table",
                    len(frame), len(starts), ROWS_PER_SHEET)
    if cut:
        LOG.warning("xlsx: %d text cells were longer than Excel's %d characters and are cut, ending in '…'; "
                    "CSV or Parquet keep them whole", len(cut), CELL_CHARACTERS)
    return buffer.getvalue()


def sheet_name(number: int) -> str:
    """The name of the ``number``-th sheet of events: ``events``, ``events 2``, ..."""
    return SHEET if number == 1 else f"{SHEET} {number}"


def _safe_cell(value: Any, cut: list[int]) -> Any:
    """A text cell neutralised against formulas, without characters xlsx cannot hold, and no
    longer than a cell holds (its length appended to ``cut`` when cut)."""
    value = neutralise_formula(value)
    if not isinstance(value, str):
        return value
    if len(value) > CELL_CHARACTERS:
        cut.append(len(value))
        value = value[:CELL_CHARACTERS - 1] + "…"
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
