"""Tests of the words right before a time expression that tell what the time is to its clause.

Each reads a few lower-cased words before the piece and the lexicon's lists
(``data/lexicon/verbs.toml`` ``[prepositions]``): a goal (*hjem til jul*), what a
noun is for (*budgettet for næste år*), a start still to come (*fra mandag*) and a
holiday already over (*efter en solrig pinseweekend*).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.tense import is_participle
from normalise.words import phrase


def after_word(text: str, piece: Piece, words: frozenset[str]) -> bool:
    """Whether the word right before the piece is one of ``words``."""
    before = text[max(0, piece.start - 12):piece.start].lower().split()[-1:]
    return bool(before) and before[0] in words


def after_goal_word(text: str, piece: Piece) -> bool:
    """"til jul", "inden påske", "til fjerde kvartal": a goal or a deadline (``goal``); not the
    "til" of a comparison ("i forhold til første kvartal")."""
    return after_word(text, piece, load_lexicon().goal_prepositions) and not after_comparison(text, piece)


def after_comparison(text: str, piece: Piece) -> bool:
    """"end på", "i forhold til", "sammenlignet med" right before the piece (``compared``)."""
    return _compared_words().search(text, max(0, piece.start - _COMPARED_REACH), piece.start) is not None


_COMPARED_REACH = 20  # characters before a piece searched for a comparison word


@lru_cache(maxsize=1)
def _compared_words() -> re.Pattern[str]:
    """A comparison word ending where it is searched up to ("end på ", "i forhold til ")."""
    return re.compile(rf"(?<!\w){phrase(load_lexicon().compared_prepositions)}\s+$", re.IGNORECASE)


def after_purpose_word(text: str, piece: Piece) -> bool:
    """"(budgettet) for næste år": what a noun is for (``purpose``)."""
    return after_word(text, piece, load_lexicon().purpose_prepositions)


def after_noun_and_from(text: str, piece: Piece) -> bool:
    """"Alssundbroen fra 1981", "overenskomsten fra 2014": "fra" after a noun (a name, or a definite
    noun, not a participle) tells where the noun comes from, as "for" tells what it is for."""
    before = text[max(0, piece.start - 40):piece.start].split()[-2:]
    if len(before) < 2 or before[1].lower() != "fra":
        return False
    noun = before[0].strip(",;:")
    lowered = noun.lower()
    if noun[:1].isupper():
        return lowered not in load_lexicon().articles  # a name ("Alssundbro"), not "Den fra"
    return lowered.endswith(("en", "et", "ne")) and not is_participle(lowered)


def _ending_phrase(words: list[str], phrases: Collection[str]) -> int:
    """How many of the last words form one of the phrases (of up to three words), the longer first;
    0 for none."""
    return next((size for size in (3, 2, 1) if len(words) >= size and " ".join(words[-size:]) in phrases), 0)


def after_until_word(text: str, piece: Piece, sentence_start: int) -> bool:
    """"frem til", "indtil", "mindst til", "i hvert fald til" (``until``) right before the piece,
    within its sentence."""
    before = text[max(sentence_start, piece.start - 30):piece.start].lower().split()[-3:]
    return _ending_phrase(before, load_lexicon().until_prepositions) > 0


def readies_for(text: str, piece: Piece) -> bool:
    """"billetter til lørdagens kamp", "har meldt sig til søndagens udgave", "truppen til
    septembers kampe", "Billetterne til weekendens finale": a weekday's, weekend's or month's
    genitive after a goal word names what is being
    readied for, still to come whatever the verb's tense."""
    spec = piece.spec
    return (spec.weekday is not None or spec.month is not None or spec.weekend) and spec.day is None \
        and text[piece.end - 1:piece.end] == "s" and after_goal_word(text, piece)


def opens_from_weekday(text: str, piece: Piece) -> bool:
    """"fra mandag" ("allerede fra mandag", ``from_weekday``), not after a copula ("er fra lørdag":
    where it comes from, ``from_weekday_origin``)."""
    lex = load_lexicon()
    before = text[max(0, piece.start - 30):piece.start].lower().split()[-3:]
    size = _ending_phrase(before, lex.from_weekday_prepositions)
    return bool(size) and not (len(before) > size and before[-size - 1] in lex.from_weekday_origin)


def after_holiday_word(text: str, piece: Piece) -> bool:
    """Whether "efter" (``after``) stands right before the piece, or with an article and at most
    one more word between ("efter en solrig pinseweekend")."""
    lex = load_lexicon()
    words = text[max(0, piece.start - 40):piece.start].lower().split()[-4:]
    for between in range(3):
        if len(words) <= between:
            break
        head, rest = words[:len(words) - between], words[len(words) - between:]
        if (not rest or rest[0] in lex.after_articles) and _ending_phrase(head, lex.after_prepositions):
            return True
    return False
