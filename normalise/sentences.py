"""A light sentence splitter for anchoring (tense, "the same day").

The engine does not need spaCy to find sentences: this keeps extraction fast
and dependency-free. The spaCy component uses the pipeline's own sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

# A word: a run of letters and digits (what the modules that read the words around an expression split on).
WORD = re.compile(r"\w+")

# A sentence ends at . ! ? followed by space and a capital, a quote, a dash or a
# digit, or at a blank line; not after common abbreviations or ordinals. The match
# starts with the . ! ? or the first line break (so the regex engine can skip ahead
# to those characters); the space after a . ! ? is the group "gap". The space is
# taken possessively: giving some back could not let the lookahead succeed, and
# trying would take quadratic time after a very long run of spaces.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])(?P<gap>[\"'”»)]*\s++)(?=[\"'“«(–—-]?\s*[A-ZÆØÅ0-9])|(?<=\n)\s*\n)")
_ABBREVIATIONS = ("kl.", "ca.", "d.", "nr.", "bl.a.", "f.eks.", "mio.", "mia.", "kr.", "jan.", "feb.",
                  "aug.", "sep.", "sept.", "okt.", "nov.", "dec.", "jf.", "evt.", "inkl.", "ekskl.", "pct.",
                  "st.", "hr.", "fr.", "dr.", "prof.", "mr.", "mrs.", "ms.", "mht.", "vedr.", "osv.", "m.m.")


# An abbreviation ends the text before a boundary only as a whole word ("kl." but not
# "velgørenhed."): no letter before it. One pattern, searched up to the boundary.
_ABBREVIATION_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")\Z",
    re.IGNORECASE,
)
_LONGEST = max(map(len, _ABBREVIATIONS))


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin; the first is always 0."""
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        begin = match.start("gap") if match.group("gap") is not None else match.start()
        if _ends_with_abbreviation(text, begin) and not text.startswith("\n", begin):
            continue
        starts.append(match.end())
    return starts


def _ends_with_abbreviation(text: str, end: int) -> bool:
    """Whether the text before ``end`` is a whole abbreviation: "kl." but not "velgørenhed."."""
    return _ABBREVIATION_BEFORE.search(text, max(0, end - _LONGEST), end) is not None


def sentence_index(starts: Sequence[int], offset: int) -> int:
    """Which sentence (0-based) an offset falls in."""
    return bisect_right(starts, offset) - 1


_LABEL_END = re.compile(r"[ \t]*:")


def is_label(text: str, start: int, end: int) -> bool:
    """Whether the span ``start:end`` labels a list item: it opens its line and a colon follows
    ("Torsdag: Pladsen åbner klokken 12")."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and _LABEL_END.match(text, end) is not None


def sentence_text(text: str, starts: Sequence[int], sentence: int) -> str:
    """The text of one sentence (``starts`` from ``sentence_starts``)."""
    return text[starts[sentence]:end_of_sentence(text, starts, sentence)]


def end_of_sentence(text: str, starts: Sequence[int], sentence: int) -> int:
    """Where one sentence ends: where the next starts, or the end of the text."""
    return starts[sentence + 1] if sentence + 1 < len(starts) else len(text)


_STOP = re.compile(r"[.!?\n]")


def sentence_around(text: str, start: int, end: int, reach: int | None = None) -> tuple[int, int]:
    """Where the stretch of text around ``start:end`` begins and ends: after the last stop or line
    break before it and at the first one after it, no further than ``reach`` characters either side
    when given. A light sentence, for tests that look only at the words near an expression."""
    low = 0 if reach is None else max(0, start - reach)
    high = len(text) if reach is None else min(len(text), end + reach)
    before = max(text.rfind(mark, low, start) for mark in ".!?\n")
    after = _STOP.search(text, end, high)
    return (before + 1 if before >= 0 else low), (after.start() if after else high)
