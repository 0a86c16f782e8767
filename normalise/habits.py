"""Calendar names in a statement of habit: no expressions.

A month, season, holiday or quarter that no year pins down, in a clause told as a habit
("Storkene forlader typisk Danmark i august", "Normalt ligger temperaturen sidst i marts omkring
frysepunktet", "Vi plejer at se toppen i begyndelsen af februar"), points to no particular time:
timex-da.md counts such generic mentions as no expressions. The habit words are data
(``[habit]`` in ``calendar.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.sentences import WORD
from normalise.spec import Spec

# Where a clause ends: a sentence's end, a line's, a comma (not a decimal comma), a semicolon, a
# colon, a dash, "men" and "mens". Not "at": "plejer at se toppen i februar" is one habit.
_BOUNDARY = re.compile(r"[.!?;:–—\n]|(?<!\d),|,(?!\d)|\s(?:men|mens)\s", re.IGNORECASE)
# How far to look for a clause's ends: a clause is rarely longer.
_REACH = 200


def drop_habitual(pieces: Sequence[Piece], text: str) -> list[Piece]:
    """The pieces without the year-less calendar names of clauses told as a habit."""
    return [piece for piece in pieces if not (_names_any_years_part(piece.spec) and _in_habit(text, piece))]


def _names_any_years_part(spec: Spec) -> bool:
    """A month, season, holiday, quarter or half of no year in particular, and no day of it
    ("august", "slutningen af marts", "jul"; not "den 1. maj", "marts 2020", "næste sommer")."""
    return spec.kind == "point" and spec.needs_year and spec.day is None and spec.weekday is None \
        and spec.hour is None and spec.shift is None


def _in_habit(text: str, piece: Piece) -> bool:
    """Whether the piece's clause holds a habit word used as one ("typisk", "plejer", "normalt";
    not "varmere end normalt", "kører normalt igen")."""
    begin = max(0, piece.start - _REACH)
    before = [m.end() for m in _BOUNDARY.finditer(text, begin, piece.start)]
    after = _BOUNDARY.search(text, piece.end, piece.end + _REACH)
    clause = text[before[-1] if before else begin:after.start() if after else piece.end + _REACH]
    words = [word.lower() for word in WORD.findall(clause)]
    return any(_tells_habit(words, index, length) for index, length in _habit_words(words))


def _habit_words(words: list[str]) -> list[tuple[int, int]]:
    """(index, length in words) of every habit word or phrase among the words."""
    return [(index, len(parts)) for parts in _habit_phrases() for index in range(len(words) - len(parts) + 1)
            if words[index:index + len(parts)] == parts]


@cache
def _habit_phrases() -> tuple[list[str], ...]:
    """The habit words and phrases, each as its words."""
    return tuple(phrase.split() for phrase in load_lexicon().habit_adverbs)


def _tells_habit(words: list[str], index: int, length: int) -> bool:
    """Whether the habit word at ``index`` tells a habit, not a comparison, a manner or an adjective."""
    lex = load_lexicon()
    previous = words[index - 1] if index else ""
    following = words[index + length] if index + length < len(words) else ""
    if previous in lex.habit_comparisons:
        return following == "for"  # "end normalt for hele oktober": October's usual
    return previous not in lex.habit_manner_before and previous not in lex.habit_adjective_before \
        and following not in lex.habit_manner_after
