"""The tense around a time expression: which instance a bare weekday means.

Danish marks tense on the finite verb: preterite (-ede, -te and irregular
forms), perfect (har/havde/er/var + participle), future with modal and
expectation verbs (vil, skal, ventes) and the present of planned events
(møder, åbner). The clue nearest to the expression in its clause decides (the
whole sentence when the clause has none); a present-tense verb nearest means
"none" (the nearest instance). A preposition right before the expression
overrides verbs: "siden mandag" looks back, "til fredag" ahead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from normalise.lexicon import load_lexicon
from normalise.resolver import Tense

Clue = Literal["past", "future", "present"]

_WORD = re.compile(r"\w+", re.UNICODE)
# Clause boundaries inside a sentence: commas, semicolons, dashes, and "men"/"mens".
_CLAUSE = re.compile(r"[,;:–—]|\s(?:men|mens)\s", re.IGNORECASE)
# How far (in words) after an auxiliary its participle may stand: "har i dag været".
PARTICIPLE_REACH = 4


@lru_cache(maxsize=8192)
def _word_clue(word: str, previous: str, following: str) -> Clue | None:
    lex = load_lexicon()
    if word in lex.future_verbs:
        return "future"
    if word in lex.past_verbs:
        return "past"
    if word in lex.present_verbs or (
        word.endswith("er") and len(word) > 3 and (previous in lex.pronouns or following in lex.pronouns)
    ):
        return "present"
    if word in lex.not_past or len(word) < 5 or previous in lex.determiners:
        return None
    if word.endswith("ede") or (word.endswith("te") and not word.endswith(("ste", "tte", "nte", "lte"))):
        return "past"
    return None


def _is_participle(word: str) -> bool:
    lex = load_lexicon()
    return word in lex.participles or (len(word) >= 5 and word.endswith("et") and word not in ("meget", "ellers"))


def clue_positions(sentence: str) -> list[tuple[int, Clue]]:
    """(character offset, clue) of every tense clue in a sentence."""
    lex = load_lexicon()
    tokens = [(m.start(), m.group().lower()) for m in _WORD.finditer(sentence)]
    clues: list[tuple[int, Clue]] = []
    for index, (offset, word) in enumerate(tokens):
        following = [w for _, w in tokens[index + 1:index + 1 + PARTICIPLE_REACH]]
        if word in lex.perfect_auxiliaries and any(_is_participle(w) for w in following):
            clues.append((offset, "past"))
            continue
        if word == "kommer" and following[:2] == ["til", "at"]:
            clues.append((offset, "future"))
            continue
        previous = tokens[index - 1][1] if index else ""
        clue = _word_clue(word, previous, following[0] if following else "")
        if clue is not None:
            clues.append((offset, clue))
    return clues


def clause_bounds(sentence: str) -> list[int]:
    """Offsets where clauses begin inside a sentence (the first is 0)."""
    return [0] + [m.end() for m in _CLAUSE.finditer(sentence)]


def preposition_tense(text_before: str) -> Tense | None:
    """The direction a preposition right before an expression gives, if any."""
    lex = load_lexicon()
    words = text_before.lower().split()[-3:]
    for size in (3, 2, 1):
        phrase = " ".join(words[-size:])
        if phrase in lex.past_prepositions:
            return "past"
        if phrase in lex.future_prepositions:
            return "future"
    return None


def tense_near(clues: list[tuple[int, Clue]], start: int, end: int, clauses: list[int] | None = None) -> Tense:
    """The tense of the clue nearest to [start, end) in its clause (else its sentence)."""
    if clauses:
        begin = max((b for b in clauses if b <= start), default=0)
        stop = min((b for b in clauses if b > start), default=None)
        local = [c for c in clues if c[0] >= begin and (stop is None or c[0] < stop)]
        if local:
            clues = local
    best: tuple[int, Clue] | None = None
    for offset, clue in clues:
        if start <= offset < end:
            continue
        distance = start - offset if offset < start else offset - end
        if best is None or distance < best[0]:
            best = (distance, clue)
    if best is None or best[1] == "present":
        return "none"
    return best[1]
