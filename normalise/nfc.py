"""Read decomposed text (NFD: "å" as "a" and a combining ring) like composed text.

Danish text copied from some systems (macOS file names, some editors) spells
"å" as "a" + U+030A. The grammar's words are composed (NFC), so the engine
reads a text in NFC and maps every offset back into the text as given.

NFC is computed piece by piece: an ASCII character never composes with what
comes before it, so only a run of non-ASCII characters and the one character
before it can change. Within such a run, each cluster (a base character and
the combining marks after it) is composed alone where that gives the same as
composing the whole run (it does for Latin letters); otherwise the whole run
is one changed cluster. An offset that falls inside a changed cluster maps to
the cluster's end.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class Composed:
    """A text in NFC (``text``) and the way back to the offsets of the text as given."""

    def __init__(self, original: str) -> None:
        self.original = original
        # Changed clusters, in order: where each starts and ends in the NFC text and in the original.
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._original_starts: list[int] = []
        self._original_ends: list[int] = []
        self.text = original if unicodedata.is_normalized("NFC", original) else self._compose()

    def offset(self, position: int) -> int:
        """The offset in the original text of ``position`` in the NFC text."""
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        if position == self._starts[index]:
            return self._original_starts[index]
        if position < self._ends[index]:
            return self._original_ends[index]  # inside a composed cluster: its end
        return position + self._original_ends[index] - self._ends[index]

    def _compose(self) -> str:
        parts: list[str] = []
        done = 0  # original offset up to which ``parts`` holds the text
        size = 0  # length of the NFC text in ``parts``
        for run in _NON_ASCII.finditer(self.original):
            begin = max(run.start() - 1, done)
            for start, end in _changed_clusters(self.original, begin, run.end()):
                composed = unicodedata.normalize("NFC", self.original[start:end])
                parts.append(self.original[done:start])
                size += start - done
                self._record(size, size + len(composed), start, end)
                parts.append(composed)
                size += len(composed)
                done = end
        parts.append(self.original[done:])
        return "".join(parts)

    def _record(self, start: int, end: int, original_start: int, original_end: int) -> None:
        self._starts.append(start)
        self._ends.append(end)
        self._original_starts.append(original_start)
        self._original_ends.append(original_end)


def _changed_clusters(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The spans in ``text[begin:end]`` that NFC changes, one per cluster where composing
    cluster by cluster gives the NFC of the whole span, else the whole span."""
    span = text[begin:end]
    composed = unicodedata.normalize("NFC", span)
    if composed == span:
        return []
    clusters = _clusters(text, begin, end)
    if "".join(unicodedata.normalize("NFC", text[a:b]) for a, b in clusters) != composed:
        return [(begin, end)]
    return [(a, b) for a, b in clusters if not unicodedata.is_normalized("NFC", text[a:b])]


def _clusters(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """``text[begin:end]`` cut before every character that is not a combining mark."""
    starts = [i for i in range(begin, end) if i == begin or not unicodedata.combining(text[i])]
    return list(zip(starts, starts[1:] + [end]))
