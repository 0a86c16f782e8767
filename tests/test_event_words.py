"""Finding event words in a text: the fast path gives what a plain scan of every word gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import timeline.event_words as event_words_module
from timeline.event_words import EventWords, event_words
from timeline.segments import WORD

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "samples").glob("*.txt"))

EDGES = [
    "",
    "   ",
    "angrebet",  # the whole text is one event word
    "Angrebet skete i går, oplyser politiet.",
    "missilangrebet,angrebene;angreb_et angreb2 2angreb angreb",  # underscores and digits are word letters
    "Drabet -- drabet? DRABET! drab-sagen: drabs",
    "angreb angreb angreb",  # the same word three times
    "æøå-angrebet og Ångrebet og i’angrebet",
]


def _plain_scan(lexicon: EventWords, text: str) -> list[tuple[int, str, str, str]]:
    """The reference: every word in turn, looked up on its own."""
    found = []
    for match in WORD.finditer(text):
        entry = lexicon._find_entry(match.group())
        if entry is not None:
            found.append((match.start(), match.group(), *entry))
    return found


@pytest.mark.parametrize("text", EDGES + [path.read_text(encoding="utf-8") for path in SAMPLES])
def test_find_in_text_matches_a_plain_scan(text: str) -> None:
    lexicon = event_words()
    assert lexicon.find_in_text(text, WORD) == _plain_scan(lexicon, text)


def test_offsets_point_at_the_words() -> None:
    text = "Det oplyser Forsvaret efter missilangrebet natten til onsdag."
    for offset, word, _, _ in event_words().find_in_text(text, WORD):
        assert text[offset:offset + len(word)] == word


def test_entry_agrees_with_find_in_text() -> None:
    lexicon = event_words()
    text = SAMPLES[0].read_text(encoding="utf-8")
    for _, word, kind, head in lexicon.find_in_text(text, WORD):
        assert lexicon.entry(word) == (kind, head)
    assert lexicon.entry("og") is None


def test_a_full_memo_is_emptied_without_changing_results(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = event_words()
    text = SAMPLES[0].read_text(encoding="utf-8")
    expected = _plain_scan(lexicon, text)
    monkeypatch.setattr(event_words_module, "_MEMO_WORDS", 8)
    assert lexicon.find_in_text(text, WORD) == expected
    assert len(lexicon._memo) <= max(8, len(set(WORD.findall(text))))
    assert lexicon.entry("angrebet") == ("noun", "angreb")


def test_a_word_pattern_with_groups_is_refused() -> None:
    with pytest.raises(ValueError):
        event_words().find_in_text("angrebet", re.compile(r"(\w)+"))
