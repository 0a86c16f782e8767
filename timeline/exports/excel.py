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
import math
from collections.abc import Iterator, Sized
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final

import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from timeline.exports._frame import (
    DATETIME_COLUMNS,
    map_text_cells,
    neutralise_formula,
    ordered_events,
)
from timeline.model import Timeline

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SHEET = "events"
ROWS_PER_SHEET: Final = 1_048_575  # Excel's 1,048,576 rows, less the header
CELL_CHARACTERS: Final = 32_767  # the most text Excel keeps in one cell
# The number formats pandas' to_excel gives datetimes, dates and durations (ExcelWriter's defaults).
DATETIME_FORMAT, DATE_FORMAT, DURATION_FORMAT = "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD", "0"
LOG = logging.getLogger("timeline.exports")


def to_xlsx(timeline: Timeline) -> bytes:
    """The events as an Excel workbook (in several sheets when one cannot hold them)."""
    cut: list[int] = []
    frame = excel_frame(ordered_events(timeline), cut)
    starts = range(0, max(len(frame), 1), ROWS_PER_SHEET)
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as workbook:
        for number, start in enumerate(starts, 1):
            frame.iloc[start:start + ROWS_PER_SHEET].to_excel(workbook, index=False, sheet_name=sheet_name(number))
    warn_limits(len(frame), len(starts), cut)
    return buffer.getvalue()


def excel_frame(frame: pd.DataFrame, cut: list[int]) -> pd.DataFrame:
    """Rows of the ordered events table as the workbook holds them: text cells made safe (see
    :func:`_safe_cell`; the length of each one cut appended to ``cut``), datetimes as naive
    Copenhagen wall-clock time."""
    frame = map_text_cells(frame, lambda value: _safe_cell(value, cut))
    for name in DATETIME_COLUMNS:
        frame[name] = frame[name].dt.tz_localize(None)
    return frame


def warn_limits(events: int, sheets: int, cut: Sized) -> None:
    """Say that the events fill more than one sheet, and that text cells were cut (``cut``: one
    item for each)."""
    if sheets > 1:
        LOG.warning("xlsx: %d events fill %d sheets (a sheet holds %d rows); CSV or Parquet keep them in one table",
                    events, sheets, ROWS_PER_SHEET)
    if cut:
        LOG.warning("xlsx: %d text cells were longer than Excel's %d characters and are cut, ending in '…'; "
                    "CSV or Parquet keep them whole", len(cut), CELL_CHARACTERS)


def sheet_name(number: int) -> str:
    """The name of the ``number``-th sheet of events: ``events``, ``events 2``, ..."""
    return SHEET if number == 1 else f"{SHEET} {number}"


def header_row(frame: pd.DataFrame, sheet: WriteOnlyWorksheet) -> list[Any]:
    """The header row of ``frame``'s columns, as :func:`sheet_rows` writes cells."""
    return [_cell(name, sheet) for name in frame.columns]


def sheet_rows(frame: pd.DataFrame, sheet: WriteOnlyWorksheet) -> Iterator[tuple[Any, ...]]:
    """The rows of ``frame`` (as :func:`excel_frame` makes it) for a write-only ``sheet``'s
    ``append``: the values and number formats that ``to_excel`` gives openpyxl, so that the
    workbook reads back as the one :func:`to_xlsx` writes."""
    return zip(*([_cell(value, sheet) for value in column] for _, column in frame.items()))


def _cell(value: Any, sheet: WriteOnlyWorksheet) -> Any:
    """A value for openpyxl, or a cell with its number format (a date, a time, a duration)."""
    value, number_format = excel_value(value)
    if number_format is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell


def excel_value(value: Any) -> tuple[Any, str | None]:
    """A cell's value and number format as pandas' ``to_excel`` hands them to openpyxl
    (``ExcelFormatter._format_value``, then ``ExcelWriter._value_with_fmt``): missing as empty
    text, infinities as text, numpy numbers as Python ones, datetimes and dates with a format,
    durations as days, decimals as they are, anything else as its ``str``."""
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return "", None
    if pd.api.types.is_float(value) and math.isinf(value):
        return ("inf" if value > 0 else "-inf"), None
    if getattr(value, "tzinfo", None) is not None:  # pandas' own error
        raise ValueError("Excel does not support datetimes with timezones. Please ensure that datetimes "
                         "are timezone unaware before writing to Excel.")
    if pd.api.types.is_integer(value):
        return int(value), None
    if pd.api.types.is_float(value):
        return float(value), None
    if pd.api.types.is_bool(value):
        return bool(value), None
    if isinstance(value, Decimal):
        return value, None
    if isinstance(value, datetime):
        return value, DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    if isinstance(value, timedelta):
        return value.total_seconds() / 86400, DURATION_FORMAT
    return str(value), None


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
