"""Whether a number of years (or months) is an age: "en mand i 30'erne", "hun er 45 år",
"to mænd på 19 og 22 år", "Karen Bech, 52 år." The words that tell it are data
(``[age_contexts]`` in ``modifiers.toml``); the rules in ``normalise.rules`` ask here before they
read a decade or a duration."""

from __future__ import annotations

import re
from functools import cache

from normalise.hit import CLAUSE_END, Hit
from normalise.lexicon import load_lexicon
from normalise.words import phrase


def without_part_of_decade(before: list[str]) -> list[str]:
    """The words before a decade without a part of it ("en kvinde i slutningen af 20'erne": "en
    kvinde i"), so that an age is told the same with or without one."""
    if len(before) >= 3 and before[-1] == "af" and before[-2] in load_lexicon().decade_parts:
        return before[:-2]
    return before


def is_age_decade(before: list[str]) -> bool:
    """"mange i 20'erne", "en mand i 30'erne", "hun var i 20'erne": an age, not a decade."""
    lex = load_lexicon()
    if before[-1:] != ["i"] or len(before) < 2:
        return False
    if before[-2] in lex.age_before:
        return True
    return _after_person_and_copula(before[:-1])


def _after_person_and_copula(before: list[str], people: frozenset[str] | None = None) -> bool:
    """The words end in a person (one of ``people``, by default ``[age_contexts] persons``) and a
    copula, perhaps with a short adverbial between ("hun var", "den ældste tilmeldte i år er") and
    an average or a "kun" after ("chaufførerne er i gennemsnit", "jeg var kun"): what follows is their age."""
    lex = load_lexicon()
    people = lex.age_persons if people is None else people
    between = next((len(words) for words in lex.age_between if tuple(before[-len(words):]) == words), 0)
    before = before[:len(before) - between]  # "Chaufførerne er i gennemsnit 54 år", "Jeg var kun fire år"
    return len(before) >= 2 and before[-1] in lex.age_copulas and not people.isdisjoint(before[-4:-1])


def _after_relative_and_copula(hit: Hit) -> bool:
    """", der er 62 år,", ", som var 19 år.", ", der er 34 år og ...": a relative clause about
    the person just named (not ", der er fem år forsinket")."""
    return hit.word_after() in _AFTER_AGE and _relative_copula().search(
        hit.text, max(0, hit.match.start() - 28), hit.match.start()) is not None


_AFTER_AGE = frozenset((*CLAUSE_END, "og"))
# "siger direktør Karen Bech, 52 år.", "Camilla Bruun på 34 år": a name, then the age
# (case-sensitive: a name)
_FULL_NAME = r"\b[A-ZÆØÅ][a-zæøåé]+\s+[A-ZÆØÅ][a-zæøåé-]+"  # a first name and a surname
_NAME_AND_COMMA = re.compile(_FULL_NAME + r"(?:,|\s+på)\s*$|\b[A-ZÆØÅ][a-zæøåé]+,\s*$")


def _after_name_and_copula(hit: Hit) -> bool:
    """"Mads Kristensen er 41 år og løb ...": a person's name, a copula, then the age, ending the
    clause."""
    return hit.word_after() in _AFTER_AGE and _name_and_copula().search(
        hit.text, max(0, hit.match.start() - 50), hit.match.start()) is not None


@cache
def _name_and_copula() -> re.Pattern[str]:
    return re.compile(_FULL_NAME + r"\s+" + phrase(load_lexicon().age_copulas) + r"\s+$")


def _after_name_in_apposition(hit: Hit) -> bool:
    """"Karen Bech, 52 år.", "fortæller Camilla Bruun på 34 år, der ...": an age in apposition to
    the name before it; after "på" whatever follows ("Moderen Naina på 24 år har været drægtig")."""
    if not (hit.group("n") or "").isdigit():
        return False
    name = _NAME_AND_COMMA.search(hit.text, max(0, hit.match.start() - 30), hit.match.start())
    return name is not None and (hit.word_after() in CLAUSE_END or name.group().rstrip().endswith("på"))


@cache
def _relative_copula() -> re.Pattern[str]:
    lex = load_lexicon()
    # ", der er 62 år", ", der selv er 61 år", ", som nu er 19 år"
    return re.compile(r",\s*" + phrase(lex.age_relatives) + r"\s+(?:(?:selv|nu|i\s+dag|kun|blot|bare)\s+)?"
                      + phrase(lex.age_copulas) + r"\s+$", re.IGNORECASE)


def looks_like_age(hit: Hit) -> bool:
    """"fylder i dag 76 år", "to mænd på 19 og 22 år", "unge over 16 år", "45 år gammel",
    "hun er 45 år"."""
    lex = load_lexicon()
    before = hit.words_before(4)
    if hit.word_after() in lex.age_after:
        return True
    # "en 34-årig mand to års fængsel": a genitive length after the person is what they got
    if before and before[-1] in lex.age_before and not (hit.group("unit") or "").lower().endswith("s"):
        return True
    # an age verb or noun reaches over a range ("beskrives som mellem 30 og 40 år", "alderen
    # stiger fra 67 til 68 år")
    wider = hit.words_before(6)
    if after_age_verb(wider) or (any(word.endswith(lex.age_compound_endings) for word in wider)
                                 and not (before and before[-1] in lex.age_increments)):
        return True  # "i alderen 40 år", "hæve pensionsalderen til 69 år" (not "med et halvt år")
    if _after_person_and_copula(wider) or _after_relative_and_copula(hit) or _after_name_in_apposition(hit) \
            or _after_name_and_copula(hit):
        return True
    if len(before) >= 3 and before[-3] in lex.age_prepositions and before[-1] == "og" and before[-2].isdigit():
        return True  # a list of ages: "to håndværkere på 34 og 51 år"
    return after_person_and_preposition(before) or _ages_after_copula(hit, wider)


def after_age_verb(before: list[str]) -> bool:
    """"fylder i dag 76 år", "Hun fylder 60 år senere på året": an age verb among the words before."""
    return not load_lexicon().age_verbs.isdisjoint(before)


def after_person_and_preposition(before: list[str], young: bool = False) -> bool:
    """"to mænd på 19 og 22 år", "unge over 16 år", "en pige på otte måneder": a person (with
    ``young``, one whose age is told in weeks or months), then a preposition of age, among the
    words before."""
    lex = load_lexicon()
    people = lex.age_young if young else lex.age_before
    return any(word in lex.age_prepositions and before[index - 1] in people
               for index, word in enumerate(before[1:], start=1))


def _ages_after_copula(hit: Hit, wider: list[str]) -> bool:
    """"Eleverne er mellem 6 og 12 år.", "fiskere, der er mellem 23 og 61 år", "hvoraf mange er
    over 70 år,": the ages of people named before a copula (and a relative pronoun), then a
    preposition of age, ending the clause ("Det er over 70 år siden" names no person; "De var
    over tre år om at bygge det" and "er over et år forsinket" go on: how long)."""
    lex = load_lexicon()
    at = next((k for k in range(len(wider) - 1, -1, -1) if wider[k] in lex.age_prepositions), None)
    return at is not None and hit.word_after() in _AFTER_AGE \
        and _after_person_and_copula(wider[:at], lex.age_before | lex.age_persons)
