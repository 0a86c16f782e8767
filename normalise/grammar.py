"""Scan a text with every rule and keep the best non-overlapping pieces."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from normalise.firstwords import Pair, WordIndex, matches_at, opening_words
from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules import RULES, Rule
from normalise.spec import Spec
from normalise.words import phrase

# Pieces that only count inside a larger expression; they lose ties to full ones.
DEPENDENT = frozenset({"modifier", "prefix", "zone", "part", "suffix"})


class Piece(NamedTuple):
    """A span of text with what a rule (or a join of rules) read there (a named tuple:
    made for every match, and several times faster to create than a frozen dataclass)."""

    start: int
    end: int
    spec: Spec
    rule: str
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


def scan(text: str, rules: tuple[Rule, ...] = RULES, index: WordIndex | None = None) -> list[Piece]:
    """Every piece any rule reads, overlapping, in no particular order.

    ``index`` (built from ``text`` when not given) lets each rule be tried only
    where one of its first words begins; the pieces are the same as a full scan's.
    """
    patterns = _patterns() if rules is RULES else tuple(rule.regex for rule in rules)
    offsets = (index or word_index(text)).offsets(patterns)  # for RULES, the idioms' too: computed once
    pieces: list[Piece] = []
    for priority, (rule, pattern, starts) in enumerate(zip(rules, patterns, offsets)):
        if starts == []:
            continue  # none of the rule's first words is in the text
        for match in matches_at(text, pattern, starts):
            spec = rule.build(Hit(match, text))
            if spec is None:
                continue
            start, end = match.span(rule.span)
            if start < end:
                pieces.append(Piece(start, end, spec, rule.name, priority))
    return pieces


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The rules' patterns, in order, then the idioms'."""
    return (*(rule.regex for rule in RULES), _idioms())


def select(pieces: list[Piece]) -> list[Piece]:
    """Longest pieces first (earlier rules win ties); no two kept pieces overlap.

    Pieces that only count in a join ("sent i", "natten") go last: they fill the
    gaps the full pieces leave, so "sent i går" keeps "i går" and joins "sent".
    """
    if not pieces:
        return []
    occupied = bytearray(max(p.end for p in pieces))  # linear in the text, not quadratic in pieces
    kept: list[Piece] = []
    # start - end is -length, without calling the property once per piece
    for piece in sorted(pieces, key=lambda p: (p.spec.kind in DEPENDENT, p.start - p.end, p.priority, p.start)):
        start, end = piece.start, piece.end
        if occupied.find(1, start, end) != -1:
            continue
        kept.append(piece)
        occupied[start:end] = b"\x01" * (end - start)
    return sorted(kept, key=lambda p: p.start)


def word_index(text: str) -> WordIndex:
    """Where the text's words can open a match of the grammar's rules or idioms."""
    return WordIndex(text, _openings())


@lru_cache(maxsize=1)
def _openings() -> frozenset[Pair]:
    return frozenset().union(*(opening_words(pattern) or () for pattern in _patterns()))


@lru_cache(maxsize=1)
def _idioms() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + phrase(load_lexicon().idioms) + r"(?!\w)", re.IGNORECASE)


def drop_idioms(pieces: list[Piece], text: str, index: WordIndex | None = None) -> list[Piece]:
    """Remove pieces that overlap fixed phrases that name no time ("i sidste øjeblik")."""
    offsets = (index or word_index(text)).offsets(_patterns())[-1]
    spans = [m.span() for m in matches_at(text, _idioms(), offsets)]
    if not spans:
        return pieces
    idiom = bytearray(len(text) + 1)  # linear in the text, not pieces times idioms
    for start, end in spans:
        idiom[start:end] = b"\x01" * (end - start)
    return [p for p in pieces if idiom.find(1, p.start, p.end) == -1]
