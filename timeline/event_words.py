"""Danish event words (``data/lexicon/events.toml``): triggers, reporting verbs, signals."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from types import MappingProxyType

from normalise.lexicon import lexicon_dir
from normalise.words import phrase

TriggerKind = str  # "noun", "verb" or "reporting"
Entry = tuple[TriggerKind, str]  # (kind, head)

# Words repeat across a corpus: each distinct word is looked up once per process (a worker
# runs one thread). The memo is emptied when it holds this many words (an endless corpus
# must not grow memory without end); the lookups are pure, so emptying it changes no result.
_MEMO_WORDS = 1 << 20


@dataclass(frozen=True, slots=True, eq=False)
class EventWords:
    noun_heads: frozenset[str]
    noun_suffixes: tuple[str, ...]
    verbs: frozenset[str]
    reporting: frozenset[str]
    signals: Mapping[str, str]
    sequence_adverbs: Mapping[str, str]
    same_time_openers: tuple[str, ...]  # lower case
    definite_endings: tuple[str, ...]
    # word -> its entry, or None for a word that is no event word
    _memo: dict[str, Entry | None] = field(default_factory=dict, init=False, repr=False)

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

    def entry(self, word: str) -> Entry | None:
        """``(kind, head)`` when ``word`` is an event word: the noun's head, else the word in
        lower case."""
        memo = self._memo
        if word not in memo:
            memo = self._memo_with({word})
        return memo[word]

    def entries(self, words: set[str]) -> dict[str, Entry]:
        """The event words among ``words``, with their entries."""
        memo = self._memo_with(words)
        return {word: found for word in words if (found := memo[word]) is not None}

    def _memo_with(self, words: set[str]) -> dict[str, Entry | None]:
        """The memo, after looking up those of ``words`` it does not hold yet."""
        memo = self._memo
        if len(memo) + len(words) > _MEMO_WORDS:
            memo.clear()
        for word in words.difference(memo):
            memo[word] = self._find_entry(word)
        return memo

    def find_in_text(self, text: str, word: re.Pattern[str]) -> list[tuple[int, str, TriggerKind, str]]:
        """``(offset, word, kind, head)`` of every event word in ``text``, words as ``word``
        (a pattern without groups) splits them.

        The text is split once, each distinct word looked up once, and the few event
        words picked out by position: all in C loops (a Python loop over every word,
        or a pattern compiled for each text, would cost several times more)."""
        parts = _splitter(word).split(text)  # between, word, between, word, ..., between
        words = parts[1::2]
        present = self.entries(set(words))
        hits = list(compress(range(len(words)), map(present.__contains__, words)))
        if not hits:
            return []
        ends = list(accumulate(map(len, parts)))  # word k starts where part 2k ends
        return [(ends[2 * k], words[k], *present[words[k]]) for k in hits]

    def _find_entry(self, word: str) -> Entry | None:
        lower = word.lower()
        if lower in self.reporting:
            return "reporting", lower
        if lower in self.verbs:
            return "verb", lower
        head = self.head_of(lower)
        return ("noun", head) if head else None

    def sequence_opening(self, sentence: str) -> str | None:
        """The sequence adverb a sentence opens with ("senere", then a space or comma), in lower case."""
        found = _opening_pattern(self).match(sentence)
        return " ".join(found.group(1).lower().split()) if found else None

    @property
    def signal_pattern(self) -> re.Pattern[str]:
        return _signal_pattern(self)

    @property
    def opening_pattern(self) -> re.Pattern[str]:
        """What ``sequence_opening`` matches at the start of a sentence."""
        return _opening_pattern(self)


# Words repeat across a corpus: look each one up once per process (bounded, so an
# endless corpus does not grow memory without end).
@lru_cache(maxsize=65536)
def _head_of(words: EventWords, word: str) -> str | None:
    return words._find_head(word)


@lru_cache(maxsize=4)
def _splitter(word: re.Pattern[str]) -> re.Pattern[str]:
    """``word`` as one group: splitting by it keeps the words, between the text around them."""
    if word.groups:
        raise ValueError(f"the word pattern must have no groups: {word.pattern!r}")
    return re.compile(f"({word.pattern})", word.flags)


# Keyed by the lexicon itself (compared by identity: cheap to look up once per event).
@lru_cache(maxsize=4)
def _opening_pattern(words: EventWords) -> re.Pattern[str]:
    return re.compile(r"(" + phrase(words.sequence_adverbs) + r")[ ,]", re.IGNORECASE)


@lru_cache(maxsize=4)
def _signal_pattern(words: EventWords) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + phrase(words.signals) + r"(?!\w)", re.IGNORECASE)


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
        same_time_openers=tuple(data["anaphora"]["same_time_openers"]),
        definite_endings=tuple(data["anaphora"]["definite_endings"]),
    )
