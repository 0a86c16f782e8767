"""The scan's prefilter (``normalise.firstwords``) must find exactly what a plain
``finditer`` finds, for every rule and idiom pattern, on any text."""

from __future__ import annotations

import random
import re

import pytest

from normalise.firstwords import matches_at, opening_words
from normalise.grammar import _patterns, word_index
from normalise.rules import RULES

# Words of Danish news, and characters whose case folding or digit class is unusual.
WORDS = ["i", "går", "klokken", "kl.", "14.30", "natten", "til", "onsdag", "den", "3.", "marts", "2020", "1990'erne", "uge", "8", "Q3", "H1", "q4", "h2", "Q5", "H1x", "i", "fjor", "påske", "sommeren", "hver", "anden", "tirsdag", "2-1", "45-årig", "for", "tre", "dage", "siden", "om", "to", "uger", "midnat", "halv", "ni", "ved", "16-tiden", "mellem", "10", "og", "12", "omkring", "primo", "1.200", "31.45", "f.eks."]
ODD = ["İ", "ı", "ſ", "٣", "²", "ß", "ǅ", "ﬀ", "Σ", "Ⅻ", "¹", "’", "-", "_", "/", ":", ",", ".", "\n", " "]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = [rng.choice(ODD) if rng.random() < 0.3 else rng.choice(WORDS) for _ in range(rng.randint(1, 25))]
        text = "".join(p if rng.random() < 0.4 else p + " " for p in parts)
        texts.append(text.upper() if rng.random() < 0.2 else text)
    return texts


@pytest.mark.parametrize("seed", range(4))
def test_the_index_finds_what_finditer_finds(seed: int) -> None:
    patterns = _patterns()
    for text in _texts(250, seed):
        offsets = word_index(text).offsets(patterns)
        for pattern, starts in zip(patterns, offsets):
            assert [m.span() for m in matches_at(text, pattern, starts)] == \
                [m.span() for m in pattern.finditer(text)], (text, pattern.pattern[:60])


def test_letters_then_named_digits_are_a_first_word() -> None:
    period_code = next(rule for rule in RULES if rule.name == "period_code")
    firsts = {first for first, _ in opening_words(period_code.regex) or ()}
    assert firsts == {f"{letter}{digit}" for letter in "qh" for digit in "1234"}


def test_any_unicode_digit_inside_a_first_word_is_not_read() -> None:
    assert opening_words(re.compile(r"(?<!\w)q\d(?!\w)", re.IGNORECASE)) is None
