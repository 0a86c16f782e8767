"""Reports (``timeline.reports``) gathered part by part on disk and read back joined.

A streamed build (``timeline.streamed``) keeps the reports of the events merging
compares from the first document to the last: about a hundred bytes an event,
700,000 events at 200,000 articles. Held as the parts came in, they took that
memory for the whole run and twice over while they were joined. Here each part
is appended to column files as it comes and the whole is read back once, each
array in one piece, when merging needs it. Their places under each reading are not
kept (merging does not read them: up to 32 numbers a report): the joined reports
have none.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from timeline.column_files import ColumnFiles
from timeline.reports import Reports, reports_of

# The arrays of ``Reports`` that are stored (not their places), intervals (two columns) flattened.
_HULLS = ("hull_wall", "hull_utc")
_ARRAYS = ("doc", "sentence", "published", "dated", "merge_dated", *_HULLS, "story_event", "story_key")


class StoredReports:
    """The reports of parts that share their code tables (a streamed build's documents on disk:
    ``doc_ids`` and ``published_texts`` the same objects in every part), in column files named
    ``<prefix>-*.col`` in ``folder``. Zones are not kept: the caller knows the corpus'."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self._folder, self._prefix = folder, prefix
        self._columns: ColumnFiles | None = None  # made with the first part's dtypes
        self._tables: tuple[Sequence[str], Sequence[str]] | None = None
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, part: Reports) -> None:
        """Append a part's reports after the others."""
        columns, tables = self._columns, self._tables
        if columns is None or tables is None:
            columns = self._columns = ColumnFiles(self._folder, self._prefix,
                                                  {name: getattr(part, name).dtype for name in _ARRAYS})
            tables = self._tables = (part.doc_ids, part.published_texts)
        assert tables[0] is part.doc_ids and tables[1] is part.published_texts, "parts must share their code tables"
        arrays = {name: getattr(part, name) for name in _ARRAYS}
        arrays["story_event"] = part.story_event + self._count
        columns.add(**{name: values.ravel() for name, values in arrays.items()})
        self._count += len(part)

    def joined(self) -> Reports:
        """Every part's reports, one after another (as ``Reports.joined`` joins them, but with no
        places); the files go."""
        if self._columns is None or self._tables is None:
            return reports_of([])
        arrays = {name: self._columns.whole(name) for name in _ARRAYS}
        self._columns.discard()
        for name in _HULLS:
            arrays[name] = arrays[name].reshape(-1, 2)
        arrays.update(middle=np.full(self._count, np.nan), place_starts=np.zeros(self._count + 1, np.int64),
                      place_values=np.zeros(0, np.float64))
        return Reports(**arrays, doc_ids=self._tables[0], published_texts=self._tables[1], zone=None, one_zone=False)
