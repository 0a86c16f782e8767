"""Export a :class:`~timeline.model.Timeline` to files: ``export(timeline, path)``.

The format follows the target's suffix (case-insensitive, longest match first):

==================== ==================================================
``.csv``             events table, one event a row (formula cells neutralised)
``.json``            events table as a JSON list of objects
``.jsonl``           events table as JSON Lines
``.xlsx``            events table as an Excel sheet (naive Copenhagen time)
``.parquet``         events table, typed (timezone-aware datetimes)
``.timelinejs.json`` TimelineJS slides, one per dated event
``.ics``             iCalendar, one VEVENT per dated event
(folder)             TimeML: one ``<doc>.tml`` per document, inline TIMEX3
==================== ==================================================

A target is a folder, and gets TimeML, when it has no suffix (``out/timeml``),
is given with a trailing slash (``"out/v1.2/"``) or is an existing folder.
Every file is written atomically (temporary sibling, then ``os.replace``).
The renderers (``to_csv``, ``to_timelinejs``, ...) write nothing and can be
used on their own. ``timeline.exports.sinks.open_sink(path)`` writes the same
files (all but TimeML) from the events table given a chunk of rows at a time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from timeline.exports._output import write_parts, write_rendered
from timeline.exports.csvfile import csv_parts, to_csv
from timeline.exports.errors import ExportError
from timeline.exports.excel import to_xlsx
from timeline.exports.ical import to_icalendar
from timeline.exports.jsonfile import json_parts, to_json
from timeline.exports.jsonlines import jsonl_parts, to_jsonl
from timeline.exports.parquet import to_parquet
from timeline.exports.timelinejs import to_timelinejs, to_timelinejs_json
from timeline.exports.timeml import to_timeml, write_timeml
from timeline.model import Timeline

Renderer = Callable[[Timeline], str | bytes]
PartRenderer = Callable[[Timeline], Iterator[str]]
Exporter = Callable[[Timeline, Path], list[Path]]

FOLDER = "folder"

RENDERERS: dict[str, Renderer] = {
    ".csv": to_csv,
    ".json": to_json,
    ".jsonl": to_jsonl,
    ".xlsx": to_xlsx,
    ".parquet": to_parquet,
    ".timelinejs.json": to_timelinejs_json,
    ".ics": to_icalendar,
}

# Renderers whose text ``export`` writes a piece at a time (the pieces join to what the renderer
# returns): a large table's whole text and its UTF-8 bytes are never in memory.
IN_PARTS: dict[Renderer, PartRenderer] = {to_csv: csv_parts, to_json: json_parts, to_jsonl: jsonl_parts}

__all__ = [
    "RENDERERS",
    "ExportError",
    "export",
    "format_for",
    "supported_formats",
    "to_csv",
    "to_icalendar",
    "to_json",
    "to_jsonl",
    "to_parquet",
    "to_timelinejs",
    "to_timelinejs_json",
    "to_timeml",
    "to_xlsx",
    "write_timeml",
]


def export(timeline: Timeline, path: str | os.PathLike[str]) -> list[Path]:
    """Write ``timeline`` to ``path`` in the format its suffix names; returns the files written.

    Raises ExportError when the suffix names no supported format.
    """
    target = Path(path)
    kind = format_for(path)
    if kind == FOLDER:
        return write_timeml(timeline, target)
    render = RENDERERS[kind]
    parts = IN_PARTS.get(render)
    if parts is not None:
        return [write_parts(target, parts(timeline))]
    return [write_rendered(target, render(timeline))]


def format_for(path: str | os.PathLike[str]) -> str:
    """The key in ``RENDERERS`` for ``path``, or ``"folder"`` for a TimeML folder."""
    target = Path(path)
    if _names_folder(path):
        return FOLDER
    name = target.name.lower()
    for suffix in sorted(RENDERERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    if not target.suffix:
        return FOLDER
    raise ExportError(f"cannot export to {str(path)!r}: unknown suffix {target.suffix!r}; "
                      f"supported: {', '.join(supported_formats())}")


def supported_formats() -> list[str]:
    """The supported suffixes, and the folder target for TimeML, for messages and ``--help``."""
    return [*RENDERERS, "a folder (no suffix) for TimeML"]


def _names_folder(path: str | os.PathLike[str]) -> bool:
    text = os.fspath(path)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()
