"""Scan a text with every rule and keep the best non-overlapping pieces."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from normalise.hit import Hit
from normalise.lexicon import load_lexicon
from normalise.rules import RULES, Rule
from normalise.spec import Spec
from normalise.words import phrase


# Pieces that only count inside a larger expression; they lose ties to full ones.
DEPENDENT = frozenset({"modifier", "prefix", "zone", "part"})


@dataclass(frozen=True, slots=True)
class Piece:
    """A span of text with what a rule (or a join of rules) read there."""

    start: int
    end: int
    spec: Spec
    rule: str
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


def scan(text: str, rules: tuple[Rule, ...] = RULES) -> list[Piece]:
    """Every piece any rule reads, overlapping, in no particular order."""
    pieces: list[Piece] = []
    for priority, rule in enumerate(rules):
        for match in rule.regex.finditer(text):
            spec = rule.build(Hit(match, text))
            if spec is None:
                continue
            start, end = match.span(rule.span)
            if start < end:
                pieces.append(Piece(start, end, spec, rule.name, priority))
    return pieces


def select(pieces: list[Piece]) -> list[Piece]:
    """Longest pieces first (earlier rules win ties); no two kept pieces overlap.

    Pieces that only count in a join ("sent i", "natten") go last: they fill the
    gaps the full pieces leave, so "sent i går" keeps "i går" and joins "sent".
    """
    if not pieces:
        return []
    occupied = bytearray(max(p.end for p in pieces))  # linear in the text, not quadratic in pieces
    kept: list[Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.spec.kind in DEPENDENT, -p.length, p.priority, p.start)):
        if occupied.find(1, piece.start, piece.end) != -1:
            continue
        kept.append(piece)
        occupied[piece.start:piece.end] = b"\x01" * piece.length
    return sorted(kept, key=lambda p: p.start)


@lru_cache(maxsize=1)
def _idioms() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + phrase(load_lexicon().idioms) + r"(?!\w)", re.IGNORECASE)


def drop_idioms(pieces: list[Piece], text: str) -> list[Piece]:
    """Remove pieces inside fixed phrases that name no time ("i sidste øjeblik")."""
    spans = [m.span() for m in _idioms().finditer(text)]
    if not spans:
        return pieces
    return [p for p in pieces if not any(p.start < end and start < p.end for start, end in spans)]
