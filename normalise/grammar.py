"""Scan a text with every rule and keep the best non-overlapping pieces."""

from __future__ import annotations

from dataclasses import dataclass

from normalise.hit import Hit
from normalise.rules import RULES, Rule
from normalise.spec import Spec


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
    """Longest pieces first (earlier rules win ties); no two kept pieces overlap."""
    if not pieces:
        return []
    occupied = bytearray(max(p.end for p in pieces))  # linear in the text, not quadratic in pieces
    kept: list[Piece] = []
    for piece in sorted(pieces, key=lambda p: (-p.length, p.spec.kind in DEPENDENT, p.priority, p.start)):
        if occupied.find(1, piece.start, piece.end) != -1:
            continue
        kept.append(piece)
        occupied[piece.start:piece.end] = b"\x01" * piece.length
    return sorted(kept, key=lambda p: p.start)
