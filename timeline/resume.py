"""``timeline extract -o out.jsonl --resume``: carry on where a stopped run left off.

Two files beside the output, named after ``-o`` (never after the input):

``out.jsonl.partial``
    the rows written so far, appended to. When the run completes it is moved
    onto ``out.jsonl`` (``os.replace``), so ``out.jsonl`` is only ever a
    complete output, as in a run without ``--resume``.
``out.jsonl.progress``
    a journal, one JSON line a checkpoint, appended and fsynced (after the
    partial) every ``CHECKPOINT_DOCUMENTS`` documents or
    ``CHECKPOINT_SECONDS``, and on any stop Python sees (Ctrl-C, an error)::

        {"bytes": 81234, "done": ["a", "b", ...]}

    ``bytes`` is the partial's length after the rows of the documents
    ``done``. A document is done once all its rows are written (with no rows,
    at once); a document that failed is not done, and is tried again.

On ``--resume`` the journal is read up to its last complete line (a line
cut by a crash is dropped), the partial is cut back to the last ``bytes``
(rows written after the last checkpoint go, and their documents are done
again), and every document whose id is done is skipped; the rest are
analysed and appended. So no row is written twice and none is lost: a row
stays only if its document is in the journal, and only such documents are
skipped. An id done twice is skipped twice (repeated ids are counted, not
merged). If the run had completed (``out.jsonl``, no partial), ``out.jsonl``
is copied to the partial and the documents added to the corpus since are
appended. An ``out.jsonl`` written without ``--resume`` has no journal: its
ids seed one (``{"bytes": ..., "every": [...]}``: every document with such
an id counts as done). The journal stays beside the completed output, as the
record of what it holds; a run without ``--resume`` that writes
``out.jsonl`` removes both files. Memory: the done ids, about 100 bytes a
document.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from timeline import jsontext
from timeline.documents import Document, ReadResult
from viz.atomic import not_a_folder

PARTIAL, PROGRESS = ".partial", ".progress"
CHECKPOINT_DOCUMENTS = 100
CHECKPOINT_SECONDS = 10.0


class ResumeError(ValueError):
    """The files of a stopped run do not fit together: resuming would duplicate or lose rows."""


@dataclass
class Done:
    """The ids of the documents already in the output."""

    counts: Counter[str] = field(default_factory=Counter)
    every: set[str] = field(default_factory=set)

    def take(self, doc_id: str) -> bool:
        """Whether a document with this id is done (and then one fewer is left)."""
        if doc_id in self.every:
            return True
        if self.counts[doc_id] > 0:
            self.counts[doc_id] -= 1
            return True
        return False

    def __len__(self) -> int:
        return self.counts.total() + len(self.every)

    def add(self, entry: dict[str, Any]) -> None:
        self.counts.update(entry.get("done", []))
        self.every.update(entry.get("every", []))


def sidecars(output: Path) -> tuple[Path, Path]:
    """The partial output and the journal of ``output``."""
    return output.with_name(output.name + PARTIAL), output.with_name(output.name + PROGRESS)


def remove_sidecars(output: Path) -> None:
    """Forget a stopped run: after ``output`` was written anew, its journal would lie."""
    for path in sidecars(output):
        path.unlink(missing_ok=True)


def skip_done(items: Iterable[ReadResult], done: Done, skipped: Callable[[Document], None]) -> Iterator[ReadResult]:
    """``items`` without the documents already done; each skipped one goes to ``skipped``."""
    for item in items:
        if isinstance(item, Document) and done.take(item.id):
            skipped(item)
        else:
            yield item


class Journal:
    """The partial output (``stream``, where rows go) and its journal of checkpoints."""

    def __init__(self, stream: TextIO, log: BinaryIO, committed: int) -> None:
        self.stream = stream
        self._log = log
        self._committed = self._boundary = committed
        self._pending: list[str] = []
        self._last = time.monotonic()

    def done(self, doc_id: str) -> None:
        """All rows of ``doc_id`` have been written to ``stream``."""
        self._pending.append(doc_id)
        self._boundary = self.stream.tell()
        if len(self._pending) >= CHECKPOINT_DOCUMENTS or time.monotonic() - self._last >= CHECKPOINT_SECONDS:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Make the rows so far durable, then record them in the journal."""
        if self._pending or self._boundary != self._committed:
            _sync(self.stream)
            _append(self._log, {"bytes": self._boundary, "done": self._pending})
            self._committed, self._pending = self._boundary, []
        self._last = time.monotonic()


@contextmanager
def resumable_output(output: Path) -> Iterator[tuple[Journal, Done]]:
    """Open ``output`` for a resumable run: the journal to write through and what is done already.

    Raises ResumeError when the files left by an earlier run do not fit together.
    """
    not_a_folder(output)
    partial, progress = sidecars(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    committed, done = read_journal(progress)
    with progress.open("ab") as log:
        committed = _prepare_partial(output, partial, progress, committed, done, log)
        with partial.open("a", encoding="utf-8", newline="") as stream:
            journal = Journal(stream, log, committed)
            try:
                yield journal, done
            finally:
                journal.checkpoint()
    os.replace(partial, output)


def read_journal(progress: Path) -> tuple[int | None, Done]:
    """The committed length and the done ids of a journal (None, nothing: no journal).

    A last line cut short by a crash is dropped, from the file too, so that
    new lines follow the last good one.
    """
    done, committed, good = Done(), None, 0
    with suppress(FileNotFoundError), progress.open("rb") as log:
        for line in log:
            entry = _entry(line)
            if entry is None:
                break
            done.add(entry)
            committed, good = entry["bytes"], good + len(line)
        os.truncate(progress, good)
    return committed, done


def ids_in(output: Path) -> set[str]:
    """The ``doc_id`` of every row of a JSON lines output."""
    ids = set()
    with output.open(encoding="utf-8") as rows:
        for number, line in enumerate(rows, start=1):
            try:
                ids.add(str(json.loads(line)["doc_id"]))
            except (ValueError, KeyError, TypeError):
                raise ResumeError(f"{output}:{number} is not a row of timeline extract; cannot tell "
                                  "which documents it holds") from None
    return ids


def _prepare_partial(output: Path, partial: Path, progress: Path, committed: int | None,
                     done: Done, log: BinaryIO) -> int:
    """Bring the partial output to the journal's last checkpoint; returns its length."""
    if partial.exists():
        size = partial.stat().st_size
        if committed is None or size < committed:
            raise ResumeError(f"{partial} does not match {progress}; cannot resume: "
                              "delete both to start again, or run without --resume")
        os.truncate(partial, committed)
        return committed
    if output.exists():
        size = output.stat().st_size
        if committed is not None and size != committed:
            raise ResumeError(f"{output} has changed since {progress} was written; cannot resume: "
                              f"delete {progress} to resume from the ids in {output}")
        shutil.copyfile(output, partial)
        if committed is None:
            _seed(output, size, done, log)
        return size
    if committed:
        raise ResumeError(f"{progress} records {committed} bytes of output, but neither {output} nor "
                          f"{partial} exists; delete {progress} to start again")
    _append(log, {"bytes": 0, "done": []})  # first: a partial never exists without a journal line
    partial.touch()
    return 0


def _seed(output: Path, size: int, done: Done, log: BinaryIO) -> None:
    entry = {"bytes": size, "every": sorted(ids_in(output))}
    done.add(entry)
    _append(log, entry)


def _entry(line: bytes) -> dict[str, Any] | None:
    if not line.endswith(b"\n"):
        return None
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) and isinstance(entry.get("bytes"), int) else None


def _append(log: BinaryIO, entry: dict[str, Any]) -> None:
    log.write(jsontext.dumps(entry).encode("utf-8") + b"\n")
    _sync(log)


def _sync(stream: TextIO | BinaryIO) -> None:
    stream.flush()
    os.fsync(stream.fileno())
