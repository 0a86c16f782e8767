"""The tense around a time expression: which instance a bare weekday means.

Danish marks tense on the finite verb: preterite (-ede, -te and irregular
forms), perfect (har/havde/er/var + participle), future with modal and
expectation verbs (vil, skal, ventes). The verb nearest to the expression in
its sentence decides; no verb found means "none" (the nearest instance).
"""

from __future__ import annotations

import re
from functools import lru_cache

from normalise.lexicon import load_lexicon
from normalise.resolver import Tense

_WORD = re.compile(r"\w+", re.UNICODE)
# How far (in words) after an auxiliary its participle may stand: "har i dag været".
PARTICIPLE_REACH = 4


@lru_cache(maxsize=4096)
def _word_tense(word: str, previous: str) -> Tense:
    lex = load_lexicon()
    if word in lex.future_verbs:
        return "future"
    if word in lex.past_verbs:
        return "past"
    if word in lex.not_past or len(word) < 5 or previous in lex.determiners:
        return "none"
    if word.endswith("ede") or (word.endswith("te") and not word.endswith(("ste", "tte", "nte", "lte"))):
        return "past"
    return "none"


def _is_participle(word: str) -> bool:
    lex = load_lexicon()
    return word in lex.participles or (len(word) >= 5 and word.endswith("et") and word not in ("meget", "ellers"))


def clue_positions(sentence: str) -> list[tuple[int, Tense]]:
    """(character offset, tense) of every tense clue in a sentence."""
    lex = load_lexicon()
    tokens = [(m.start(), m.group().lower()) for m in _WORD.finditer(sentence)]
    clues: list[tuple[int, Tense]] = []
    for index, (offset, word) in enumerate(tokens):
        if word in lex.perfect_auxiliaries:
            following = tokens[index + 1:index + 1 + PARTICIPLE_REACH]
            if any(_is_participle(w) for _, w in following):
                clues.append((offset, "past"))
                continue
        if word == "kommer" and [w for _, w in tokens[index + 1:index + 3]] == ["til", "at"]:
            clues.append((offset, "future"))
            continue
        tense = _word_tense(word, tokens[index - 1][1] if index else "")
        if tense != "none":
            clues.append((offset, tense))
    return clues


def tense_near(clues: list[tuple[int, Tense]], start: int, end: int) -> Tense:
    """The tense of the clue nearest to [start, end), ignoring clues inside it."""
    best: tuple[int, Tense] | None = None
    for offset, tense in clues:
        if start <= offset < end:
            continue
        distance = start - offset if offset < start else offset - end
        if best is None or distance < best[0]:
            best = (distance, tense)
    return best[1] if best else "none"
