"""A regex match with the context checks the grammar's rules need."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_BEFORE = re.compile(r"(\w+(?:\.\w+)*\.?)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w.,;:!?]*(\w+|[.,;:!?])")
_SENTENCE_END = re.compile(r"(?:^|[.!?:\n]\s*|[\"'«»”“–—-]\s*)$")


@dataclass(frozen=True, slots=True)
class Hit:
    """One match of a rule's pattern in a text."""

    match: re.Match[str]
    text: str

    def group(self, name: str) -> str | None:
        """The text of a named group; None when the group did not take part or does not exist."""
        if name not in self.match.re.groupindex:
            return None
        return self.match.group(name)

    def has(self, name: str) -> bool:
        return self.group(name) is not None

    def words_before(self, count: int = 1) -> list[str]:
        """Up to ``count`` lower-cased words before the match, nearest last."""
        found: list[str] = []
        end = self.match.start()
        while len(found) < count:
            window = self.text[max(0, end - 40):end]
            match = _WORD_BEFORE.search(window)
            if match is None:
                break
            found.insert(0, match.group(1).lower())
            end = max(0, end - 40) + match.start(1)
        return found

    def word_before(self) -> str:
        before = self.words_before(1)
        return before[0] if before else ""

    def word_after(self, group: int | str = 0) -> str:
        """The next word (lower-cased) or punctuation mark after the match; "" at the end."""
        match = _WORD_AFTER.match(self.text[self.match.end(group):self.match.end(group) + 40])
        return match.group(1).lower() if match else ""

    def next_is_capitalised(self) -> bool:
        match = _WORD_AFTER.match(self.text[self.match.end():self.match.end() + 40])
        return bool(match and match.group(1)[:1].isupper())

    def starts_sentence(self, group: int | str = 0) -> bool:
        start = self.match.start(group)
        return bool(_SENTENCE_END.search(self.text[max(0, start - 5):start]))

    def is_name(self, group: int | str = 0) -> bool:
        """Capitalised in the middle of a sentence, or followed by another capitalised
        word at its start: a name ("Maj Hansen"), not a calendar word."""
        word = self.match.group(group) or ""
        if not word[:1].isupper():
            return False
        return not self.starts_sentence(group) or self.next_is_capitalised()
