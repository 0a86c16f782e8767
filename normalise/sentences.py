"""A light sentence splitter for anchoring (tense, "the same day").

The engine does not need spaCy to find sentences: this keeps extraction fast
and dependency-free. The spaCy component uses the pipeline's own sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# A sentence ends at . ! ? followed by space and a capital, a quote, a dash or a
# digit, or at a blank line; not after common abbreviations or ordinals.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”»)]*\s+(?=[\"'“«(–—-]?\s*[A-ZÆØÅ0-9])|\n\s*\n")
_ABBREVIATIONS = ("kl.", "ca.", "d.", "nr.", "bl.a.", "f.eks.", "mio.", "mia.", "kr.", "jan.", "feb.",
                  "aug.", "sep.", "sept.", "okt.", "nov.", "dec.", "jf.", "evt.", "inkl.", "ekskl.", "pct.",
                  "st.", "hr.", "fr.", "dr.", "prof.", "mr.", "mrs.", "ms.", "mht.", "vedr.", "osv.", "m.m.")


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin; the first is always 0."""
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        before = text[max(0, match.start() - 8):match.start()].lower()
        if before.endswith(_ABBREVIATIONS) and not match.group().startswith("\n"):
            continue
        starts.append(match.end())
    return starts


def sentence_index(starts: list[int], offset: int) -> int:
    """Which sentence (0-based) an offset falls in."""
    return bisect_right(starts, offset) - 1
