"""The tense around a time expression: which instance a bare weekday means.

Danish marks tense on the finite verb: preterite (-ede, -te and irregular
forms), perfect (har/havde/er/var + participle), future with modal and
expectation verbs (vil, skal, ventes) and the present of planned events
(møder, åbner). The clue nearest to the expression in its clause decides (none
in the clause: no clue, as an unknown verb is most often present); a present-tense verb nearest means
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
# Clause boundaries inside a sentence: commas, semicolons, dashes, "men"/"mens", and
# the infinitive marker "at" ("besluttede at forlænge ... til den 5. april": the date
# belongs to the infinitive, not to the past-tense decision).
_CLAUSE = re.compile(r"[,;:–—]|\s(?:men|mens|at)\s", re.IGNORECASE)
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


def clause_bounds(sentence: str) -> list[tuple[int, bool]]:
    """(offset, is_infinitive) where clauses begin inside a sentence; the first is (0, False)."""
    return [(0, False)] + [(m.end(), m.group().strip().lower() == "at") for m in _CLAUSE.finditer(sentence)]


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


def tense_near(clues: list[tuple[int, Clue]], start: int, end: int,
               clauses: list[tuple[int, bool]] | None = None) -> Tense:
    """The tense of the clue nearest to [start, end) in its clause. An infinitive clause
    with no clue of its own is future after a future verb ("ventes at vare til fredag")."""
    if clauses:
        index = max((i for i, (b, _) in enumerate(clauses) if b <= start), default=0)
        begin, infinitive = clauses[index]
        stop = clauses[index + 1][0] if index + 1 < len(clauses) else None
        local = [c for c in clues if c[0] >= begin and (stop is None or c[0] < stop)]
        governing = [c for c in clues if c[0] < begin]
        if not local and infinitive and governing and governing[-1][1] == "future":
            return "future"
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
