"""A regex match with the context checks the grammar's rules need."""

from __future__ import annotations

import re
from typing import NamedTuple

# The last word of a text: what ``last_word`` finds, as a regex (kept as its specification).
WORD_BEFORE = re.compile(r"(\w+(?:\.\w+)*\.?)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w.,;:!?\n]*(\w+|[.,;:!?\n])")  # a line break ends the sentence too
_CAPITALISED_BEFORE = re.compile(r"(?<![\w-])[^\W\d_][\w-]*[ \t]+$")  # "Anne " (before "Påske")
_SENTENCE_END = re.compile(r"(?:^|[.!?:\n]\s*|[\"'«»”“–—-]\s*)$")
# What ``Hit.word_after`` finds where a clause ends (nothing, or a punctuation mark).
CLAUSE_END = ("", ".", ",", ";", ":", "!", "?")


def _is_word(char: str) -> bool:
    """``\\w`` for one character."""
    return char.isalnum() or char == "_"


def last_word(window: str) -> tuple[int, int] | None:
    """The span of the last word of ``window`` (dotted forms and a final dot included:
    "f.eks.", "kl."), or None. The same span as ``WORD_BEFORE.search(window).span(1)``,
    found from the end instead of by trying every start position."""
    end = len(window)
    while end and not _is_word(window[end - 1]):
        end -= 1
    if not end:
        return None
    stop = end + 1 if window[end:end + 1] == "." else end
    start = end
    while True:
        while start and _is_word(window[start - 1]):
            start -= 1
        if start >= 2 and window[start - 1] == "." and _is_word(window[start - 2]):
            start -= 1  # "f.eks": the dot joins two parts of one word
            continue
        return start, stop


class Hit(NamedTuple):
    """One match of a rule's pattern in a text (a named tuple: one is made per match)."""

    match: re.Match[str]
    text: str

    def group(self, name: str) -> str | None:
        """The text of a named group; None when the group did not take part or does not exist."""
        try:
            return self.match.group(name)
        except IndexError:  # no such group in this rule's pattern
            return None

    def has(self, name: str) -> bool:
        return self.group(name) is not None

    def words_before(self, count: int = 1) -> list[str]:
        """Up to ``count`` lower-cased words before the match, nearest last."""
        found: list[str] = []
        end = self.match.start()
        while len(found) < count:
            base = max(0, end - 40)
            span = last_word(self.text[base:end])
            if span is None:
                break
            found.insert(0, self.text[base + span[0]:base + span[1]].lower())
            end = base + span[0]
        return found

    def word_before(self) -> str:
        before = self.words_before(1)
        return before[0] if before else ""

    def word_after(self, group: int | str = 0) -> str:
        """The next word (lower-cased) or punctuation mark after the match; "" at the end."""
        match = _WORD_AFTER.match(self.text[self.match.end(group):self.match.end(group) + 40])
        return match.group(1).lower() if match else ""

    def ends_line(self) -> bool:
        """Whether only spaces stand between the match and the end of its line or text
        (a headline: "Kongehuset løfter sløret for et travlt 2026")."""
        rest = self.text[self.match.end():self.match.end() + 40].lstrip(" \t")
        return rest == "" or rest[:1] in "\r\n"

    def next_is_capitalised(self) -> bool:
        match = _WORD_AFTER.match(self.text[self.match.end():self.match.end() + 40])
        return bool(match and match.group(1)[:1].isupper())

    def after_capitalised(self, group: int | str = 0) -> bool:
        """Whether a capitalised word stands right before (a first name: "Anne Påske")."""
        start = self.match.start(group)
        found = _CAPITALISED_BEFORE.search(self.text[max(0, start - 30):start])
        return bool(found and found.group()[:1].isupper())

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

    def named_before(self, group: int | str = 0) -> bool:
        """Whether the word stands capitalised in the middle of a sentence earlier in the text (as a
        name: "popgruppen Fredag spiller ... Fredag har rødder i Svendborg")."""
        word = self.match.group(group) or ""
        if not word[:1].isupper():
            return False
        start = self.match.start(group)
        at = self.text.rfind(word, 0, start)
        while at > 0:
            if not _is_word(self.text[at - 1]) and not _is_word(self.text[at + len(word):at + len(word) + 1]) \
                    and not _SENTENCE_END.search(self.text[max(0, at - 5):at]):
                return True
            at = self.text.rfind(word, 0, at)
        return False
