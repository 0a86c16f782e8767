"""A prefilter for the scan: which words a match of a rule can begin with.

Every rule pattern starts at a word boundary (``(?<!\\w)``), so a match can only
begin where a word begins; and the pattern itself says which words can come
first and which word can follow ("i" then "går", "dag", "morgen", ...; a number
then a unit; "klokken" then anything). ``opening_words`` reads those pairs from
the compiled pattern once; ``WordIndex`` lists where each first word of a
document starts and which word follows it. The scan then tries a rule only at
those positions instead of at every character, and skips rules whose opening
words do not occur at all.

The result is exactly ``pattern.finditer(text)``: the positions tried are a
superset of every position where a match can start, and each is tried with the
same compiled pattern. Patterns the analysis cannot read (a first word that is
not a finite set, a match that may start with punctuation or be empty) and the
rare texts whose case folding differs from ``str.lower`` (dotted/dotless i,
long s) fall back to the plain ``finditer``.

Words are lower-cased; ``DIGIT`` stands for any word that starts with a decimal
digit, ``ANY`` (as second word) for any word or none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from normalise.memo import by_identity
from normalise.words import odd_case, phrase, suffixed_phrase

try:  # the regex parser of the standard library (Python 3.11+); its absence only disables the prefilter
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    sre = sre_parse = None

DIGIT = "#"
ANY = "*"
_LIMIT = 20_000  # give up when a rule could open with more word pairs than this
_WORD = re.compile(r"\w")

# Reading a pattern: (first word so far, second word so far, phase), where the phase is
# 0 reading the first word, 1 between the words, 2 reading the second word, 3 done.
_Partial = tuple[str, str, int]
_State = frozenset[_Partial]
_START: _State = frozenset({("", "", 0)})
Pair = tuple[str, str]


class _Unknown(Exception):
    """The pattern's first word is not a finite set this analysis can read."""


@cache
def opening_words(pattern: re.Pattern[str]) -> frozenset[Pair] | None:
    """The (first word, second word) pairs a match of ``pattern`` can open with, or
    None when the first word cannot be read from the pattern."""
    if sre_parse is None:
        return None
    try:
        state = _group(sre_parse.parse(pattern.pattern, pattern.flags), _START)
    except (_Unknown, RecursionError):
        return None
    pairs = frozenset(_finish(partial) for partial in state)
    return None if any(first == "" for first, _ in pairs) else pairs


def first_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The words a match of ``pattern`` can begin with, or None when unknown."""
    pairs = opening_words(pattern)
    return None if pairs is None else frozenset(first for first, _ in pairs)


def _finish(partial: _Partial) -> Pair:
    """The pair once the match ends: a first word alone allows any second word."""
    first, second, phase = partial
    return (first, ANY) if phase < 2 else (first, second)


def _group(items: Iterable[tuple[object, object]], state: _State) -> _State:
    for op, av in items:
        if all(phase == 3 for _, _, phase in state):
            break
        state = _item(op, av, state)
        if len(state) > _LIMIT:
            state = _settle(state)
    return state


def _item(op: object, av: object, state: _State) -> _State:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return state  # zero-width: narrows where a match starts, never which words it opens with
    if op is sre.SUBPATTERN:
        return _group(av[3], state)  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return _group(av, state)  # type: ignore[arg-type]
    if op is sre.BRANCH:
        return frozenset().union(*(_group(branch, state) for branch in av[1]))  # type: ignore[index]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low: int
        high: int
        body: Iterable[tuple[object, object]]
        low, high, body = av  # type: ignore[misc]
        return _repeat(low, high, body, state)
    try:
        kind = _chars(op, av)
    except _Unknown:
        return _settle(state, everything=True)
    return frozenset(out for partial in state for out in _step(kind, partial))


def _repeat(low: int, high: int, body: Iterable[tuple[object, object]], state: _State) -> _State:
    result = set(state) if low == 0 else set()
    current = state
    for count in range(1, high + 1):
        previous, current = current, _group(body, current)
        if count >= low:
            result |= current
        if current == previous:
            return frozenset(result | current)  # a fixed point: more repeats change nothing
        if count > 8:
            return _settle(frozenset(result | current), everything=True)
    return frozenset(result)


def _settle(state: _State, everything: bool = False) -> _State:
    """Stop reading second words (any will do). ``everything``: the pattern goes on in a
    way the analysis cannot follow, so the first words must be complete already."""
    if everything and any(phase == 0 for _, _, phase in state):
        raise _Unknown("the first word is not a small finite set")
    settled = frozenset((first, ANY, 3) if phase in (1, 2) else (first, second, phase)
                        for first, second, phase in state)
    if len(settled) > _LIMIT:
        raise _Unknown("too many first words")
    return settled


class _Digits(frozenset[str]):
    """Decimal digits that a pattern names one by one (``3``, ``[1-4]``): like letters, they
    can spell a first word that starts with a letter ("q3")."""


# What one character position of a pattern can match: "nonword" (ends a word), "digit"
# (any decimal digit, ``\d``), some decimal digits (``_Digits``; either makes a word that
# starts with it a DIGIT word) or a set of lower-cased word characters.
_CharClass = str | frozenset[str]


def _is_digit(kind: _CharClass) -> bool:
    return kind == "digit" or isinstance(kind, _Digits)


def _chars(op: object, av: object) -> _CharClass:
    if op is sre.LITERAL:
        return _literal(av)  # type: ignore[arg-type]
    if op is sre.IN:
        return _in(av)  # type: ignore[arg-type]
    raise _Unknown(f"unsupported pattern element {op}")


def _literal(code: int) -> _CharClass:
    char = chr(code)
    if not _WORD.match(char):
        return "nonword"
    if char.isdecimal():
        return _Digits({char})
    lower = char.lower()
    if len(lower) != 1:
        raise _Unknown(f"{char!r} has no one-character lower case")
    return frozenset({lower})


def _in(items: list[tuple[object, object]]) -> _CharClass:
    kinds: set[str] = set()
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            kind = _literal(av)  # type: ignore[arg-type]
        elif op is sre.RANGE and all(chr(c).isdecimal() for c in range(av[0], av[1] + 1)):  # type: ignore[index]
            kind = _Digits(chr(c) for c in range(av[0], av[1] + 1))  # type: ignore[index]
        elif op is sre.CATEGORY and av in (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE):
            kind = "digit" if av is sre.CATEGORY_DIGIT else "nonword"
        else:
            raise _Unknown(f"unsupported character class item {op}")
        if isinstance(kind, frozenset):
            chars |= kind
            kind = "digits" if isinstance(kind, _Digits) else "letters"
        kinds.add(kind)
    if kinds == {"digit", "digits"}:
        return "digit"  # ``[\d5]``: any decimal digit
    if len(kinds) != 1:
        raise _Unknown("a character class that mixes letters, digits and punctuation")
    kind = kinds.pop()
    return frozenset(chars) if kind == "letters" else _Digits(chars) if kind == "digits" else kind


def _step(kind: _CharClass, partial: _Partial) -> Iterable[_Partial]:
    """The partial words after one more character of the given kind."""
    first, second, phase = partial
    if phase == 3:
        return (partial,)
    if kind == "nonword":
        if phase == 0 and first == "":
            raise _Unknown("a match may begin with punctuation")
        return ((first, second, 1 if phase < 2 else 3),)
    if phase == 1:
        return ((first, DIGIT, 2),) if _is_digit(kind) else ((first, char, 2) for char in kind)
    word = first if phase == 0 else second
    if word == DIGIT:
        return (partial,)  # a word that starts with a digit takes any characters after it
    if _is_digit(kind):
        if not word:
            return ((DIGIT, second, phase),)
        if phase == 2:
            return ((first, ANY, 3),)
        if kind == "digit":
            raise _Unknown("any decimal digit inside a first word")
        # digits named one by one spell the rest of a first word like letters do ("q3")
    if phase == 0:
        return ((first + char, second, 0) for char in kind)
    return ((first, second + char, 2) for char in kind)


class WordIndex:
    """Where a text's words open a match of some pattern: for every word that can come
    first (in ``openings``, the union of the patterns' opening pairs) and is followed by
    a word that can come second, its offset, and the two words.

    A pattern that opens with a pair outside ``openings`` is scanned the plain way.
    """

    def __init__(self, text: str, openings: frozenset[Pair]) -> None:
        self.text = text
        self.openings = openings
        self.exact = _folds_like_lower(text)  # else every pattern is scanned the plain way
        self.words = _openings(text.lower(), openings) if self.exact else []
        self._patterns: tuple[re.Pattern[str], ...] | None = None  # the last patterns asked about
        self._found: list[list[int] | None] = []

    def offsets(self, patterns: tuple[re.Pattern[str], ...]) -> list[list[int] | None]:
        """For each pattern, the sorted offsets where a match can begin (None: scan it the plain way).
        Asked again for the same tuple (by identity), the same lists."""
        if patterns is not self._patterns:
            self._patterns, self._found = patterns, self._find(patterns)
        return self._found

    def _find(self, patterns: tuple[re.Pattern[str], ...]) -> list[list[int] | None]:
        plan = _plan(patterns, self.openings)
        if not self.exact:
            return [None] * len(patterns)
        found: list[list[int] | None] = [None if index in plan.plain else [] for index in range(len(patterns))]
        by_pair, by_first = plan.by_pair, plan.by_first
        for start, first, second in self.words:
            indexes = by_pair.get((first, second))
            for index in by_first.get(first, ()) if indexes is None else indexes:
                found[index].append(start)  # type: ignore[union-attr]
        return found

    def matches(self, regex: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Exactly ``regex.finditer(text)``, trying only where a match can begin."""
        return matches_at(self.text, regex, self.offsets((regex,))[0])


def matches_at(text: str, regex: re.Pattern[str], offsets: list[int] | None) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` when every match begins at one of the sorted ``offsets``
    (None: no such list, run ``finditer`` itself)."""
    if offsets is None:
        yield from regex.finditer(text)
        return
    resume = 0
    for start in offsets:
        if start < resume:
            continue
        match = regex.match(text, start)
        if match is not None:
            yield match
            resume = match.end()


class _Plan(NamedTuple):
    by_pair: dict[Pair, tuple[int, ...]]  # (first, second) -> the patterns that can open with it (by_first's too)
    by_first: dict[str, tuple[int, ...]]  # first -> the patterns that can open with it and any second
    plain: frozenset[int]  # patterns to scan the plain way


@by_identity(maxsize=64)
def _plan(patterns: tuple[re.Pattern[str], ...], openings: frozenset[Pair]) -> _Plan:
    by_pair: dict[Pair, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    plain = set()
    for index, pattern in enumerate(patterns):
        pairs = opening_words(pattern)
        if pairs is None or not all(pair in openings or (pair[0], ANY) in openings for pair in pairs):
            plain.add(index)
            continue
        for first, second in sorted(pairs):
            if second == ANY:
                by_first.setdefault(first, []).append(index)
            elif (first, ANY) not in pairs:
                by_pair.setdefault((first, second), []).append(index)
    # a pair's patterns include its first word's, so that a word found in the text is one lookup
    return _Plan({(first, second): tuple(indexes) + tuple(by_first.get(first, ()))
                  for (first, second), indexes in by_pair.items()},
                 {first: tuple(indexes) for first, indexes in by_first.items()}, frozenset(plain))


def _openings(lowered: str, openings: frozenset[Pair]) -> list[tuple[int, str, str]]:
    """(offset, word, next word) where a text, lower-cased (same length), can open a match;
    the next word is "" at the end of the text."""
    found = []
    # each match starts at the character before its word, at offset -1 for the first word
    for match in _openings_regex(openings).finditer(" " + lowered):
        digit, after = match.groups()
        second = DIGIT if after and after[0].isdecimal() else after or ""
        found.append((match.start(), DIGIT if digit else match.group()[1:], second))
    return found


@lru_cache(maxsize=8)
def _openings_regex(openings: frozenset[Pair]) -> re.Pattern[str]:
    """A first word (group 1: the digit a DIGIT word starts with) where it is followed by a
    word that can come second; group 2 is the word after it.

    The match begins with the non-word character before the word (the text gets a space
    before it), not with a ``(?<!\\w)`` check: a pattern that starts with a character class
    lets the regex engine skip from one non-word character to the next."""
    seconds: dict[str, set[str]] = {}
    for first, second in openings:
        seconds.setdefault(first, set()).add(second)
    digit = r"(\d)\w*" + _followed_by(seconds[DIGIT]) if DIGIT in seconds else ""
    words = {first: _followed_by(after) for first, after in seconds.items() if first != DIGIT}
    listed = suffixed_phrase(words) if words else ""
    return re.compile(r"\W(?:" + "|".join(filter(None, [digit, listed])) + r")(?=(?:\W+(\w+))?)")


def _followed_by(seconds: set[str]) -> str:
    """The end of a first word, and a lookahead for a word that can come second."""
    if ANY in seconds:
        return r"(?!\w)"
    words = seconds - {DIGIT}
    options = ([r"\d"] if DIGIT in seconds else []) + ([phrase(words) + r"(?!\w)"] if words else [])
    return r"(?!\w)(?=\W+(?:" + "|".join(options) + "))"


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _folds_like_lower(text: str) -> bool:
    """Whether looking words up by ``str.lower`` finds what case-insensitive patterns find."""
    if text.isascii():
        return True
    # the distinct non-ASCII characters: dropping the ASCII runs first makes the set a few times cheaper
    return not any(odd_case(char) for char in set(_ASCII_RUNS.sub("", text)))
