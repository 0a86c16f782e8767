"""What a run tells its user at the end: how many documents went where, and which failed why.

Every input item ends up in exactly one place: analysed (``Tally.documents``),
skipped as already done (``Tally.skipped``, with ``--resume``) or failed
(``Failures``). ``Failures`` keeps the first ``SUMMARY_LIMIT`` for the summary
and streams every one, as it comes, to the ``--errors-to`` file (JSON lines:
``{"id", "source", "reason"}``), so memory stays flat on a corpus with many.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from timeline import jsontext
from timeline.documents import DocumentError

SUMMARY_LIMIT = 100


@dataclass
class Tally:
    """What a run has done so far."""

    documents: int = 0
    expressions: int = 0
    skipped: int = 0


@dataclass
class Failures:
    """The documents that failed: counted, the first few kept, all written to ``stream`` if given."""

    stream: TextIO | None = None
    limit: int = SUMMARY_LIMIT
    count: int = 0
    first: list[DocumentError] = field(default_factory=list)

    def add(self, error: DocumentError) -> None:
        self.count += 1
        if len(self.first) < self.limit:
            self.first.append(error)
        if self.stream is not None:
            self.stream.write(jsontext.dumps(error_record(error)) + "\n")

    def summary(self, inputs: int, errors_file: str | None = None) -> list[str]:
        """``error: <id>: <reason>`` for each kept failure, then the count; nothing when none failed."""
        if not self.count:
            return []
        lines = [f"error: {error}" for error in self.first]
        if self.count > len(self.first):
            lines.append(f"error: ... and {self.count - len(self.first)} more")
        where = f"; all of them are in {errors_file}" if errors_file else ""
        return [*lines, f"{self.count} of {inputs} documents failed{where}"]


def error_record(error: DocumentError) -> dict[str, str | None]:
    """One failure as a JSON-ready record for ``--errors-to``."""
    return {"id": error.doc_id, "source": error.source, "reason": error.reason}
