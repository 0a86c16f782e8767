"""Proper names in a sentence: what, with an event noun, makes a story (``timeline.merge``)."""

from __future__ import annotations

import re

# Capitalised words that are not names: sentence openers and common news words.
_NOT_NAMES = frozenset({
    "Det", "Den", "De", "Der", "Han", "Hun", "Vi", "Jeg", "I", "Ifølge", "Men", "Og", "Efter", "Før",
    "Både", "Også", "Som", "Når", "Hvis", "Da", "Så", "Nu", "Ingen", "Alle", "Flere", "Mange",
})
_WORD = re.compile(r"[\wæøåÆØÅ-]+|[.!?]")


def sentence_names(sentence: str) -> frozenset[str]:
    """Capitalised words that do not open a sentence (``Ain``, ``Al-Asad``, ``Soleimani``)."""
    found = set()
    opening = True
    for token in _WORD.findall(sentence):
        if token in ".!?":
            opening = True
            continue
        if not opening and token[:1].isupper() and token not in _NOT_NAMES:
            found.add(token)
        opening = False
    return frozenset(found)
