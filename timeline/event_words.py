"""Danish event words (``data/lexicon/events.toml``): triggers, reporting verbs, signals."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from normalise.lexicon import lexicon_dir
from normalise.words import phrase

TriggerKind = str  # "noun", "verb" or "reporting"


@dataclass(frozen=True, slots=True, eq=False)
class EventWords:
    noun_heads: frozenset[str]
    noun_suffixes: tuple[str, ...]
    verbs: frozenset[str]
    reporting: frozenset[str]
    signals: Mapping[str, str]
    sequence_adverbs: Mapping[str, str]

    def head_of(self, word: str) -> str | None:
        """The event noun a word is an inflection or compound of ("missilangrebet" -> "angreb")."""
        return _head_of(self, word)

    def _find_head(self, word: str) -> str | None:
        for suffix in self.noun_suffixes:
            if suffix and not word.endswith(suffix):
                continue
            stem = word[: len(word) - len(suffix)] if suffix else word
            for size in range(min(len(stem), 16), 2, -1):
                if stem[-size:] in self.noun_heads:
                    return stem[-size:]
        return None

    def _find_kind(self, word: str) -> TriggerKind | None:
        lower = word.lower()
        if lower in self.reporting:
            return "reporting"
        if lower in self.verbs:
            return "verb"
        return "noun" if self.head_of(lower) else None

    def entry(self, word: str) -> tuple[TriggerKind, str] | None:
        """``(kind, head)`` when ``word`` is an event word: the noun's head, else the word in
        lower case."""
        return _entry(self, word)

    def find_in_text(self, text: str, word: re.Pattern[str]) -> list[tuple[int, str, TriggerKind, str]]:
        """``(offset, word, kind, head)`` of every event word in ``text``, words as ``word``
        splits them. Each distinct word is looked up once; then one pattern of the few
        that are event words finds their places (a Python loop over every word would not)."""
        present = {w: found for w in set(word.findall(text)) if (found := self.entry(w)) is not None}
        if not present:
            return []
        places = _places_pattern(tuple(sorted(present, key=len, reverse=True)))
        return [(m.start(), m.group(), *present[m.group()]) for m in places.finditer(text)]

    def _find_entry(self, word: str) -> tuple[TriggerKind, str] | None:
        kind = self._find_kind(word)
        if kind is None:
            return None
        lower = word.lower()
        return kind, (self.head_of(lower) if kind == "noun" else None) or lower

    def sequence_opening(self, sentence: str) -> str | None:
        """The sequence adverb a sentence opens with ("senere", then a space or comma), in lower case."""
        found = _opening_pattern(tuple(self.sequence_adverbs)).match(sentence)
        return " ".join(found.group(1).lower().split()) if found else None

    @property
    def signal_pattern(self) -> re.Pattern[str]:
        return _signal_pattern(tuple(self.signals))


# Words repeat across a corpus: look each one up once per process (bounded, so an
# endless corpus does not grow memory without end).
@lru_cache(maxsize=65536)
def _head_of(words: EventWords, word: str) -> str | None:
    return words._find_head(word)


@lru_cache(maxsize=1 << 20)
def _entry(words: EventWords, word: str) -> tuple[TriggerKind, str] | None:
    return words._find_entry(word)


@lru_cache(maxsize=1024)
def _places_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words only: what ``\\w+`` splits a text into, compared exactly."""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


@lru_cache(maxsize=4)
def _opening_pattern(adverbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(" + phrase(adverbs) + r")[ ,]", re.IGNORECASE)


@lru_cache(maxsize=4)
def _signal_pattern(signals: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + phrase(signals) + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def event_words() -> EventWords:
    with (lexicon_dir() / "events.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return EventWords(
        noun_heads=frozenset(data["nouns"]["heads"]),
        noun_suffixes=tuple(sorted(data["nouns"]["suffixes"], key=len, reverse=True)),
        verbs=frozenset(data["verbs"]["words"]),
        reporting=frozenset(data["reporting"]["words"]),
        signals=MappingProxyType(dict(data["signals"])),
        sequence_adverbs=MappingProxyType(dict(data["sequence_adverbs"])),
    )
