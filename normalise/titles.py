"""Titles of works in quotation marks name no time: filmen »En nat i november«, romanen
"Sommeren uden ende".

A title is a short quoted stretch that starts with a capital letter, holds no punctuation of
its own and follows a noun for a work, maybe with a word between ("udsendelse af »Ugens gæst«";
data: ``[work_titles]``), or repeats a title quoted so
before; a quoted remark ("»Vi ses på fredag«, siger hun") keeps its times.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from normalise.grammar import Piece
from normalise.lexicon import load_lexicon

_MAX_TITLE_WORDS = 6
_MIN_COMPOUND_END = 5  # "bogen" ends "jubilæumsbogen"; "bog", "film" end too many other words
_TITLE = re.compile(r"[»\"“„](?P<title>[A-ZÆØÅ][^»«\"“”„.,!?;:\n]{0,80}?)[«\"”“]")
_MARKS = re.compile(r"[»\"“„]")
_WORD = re.compile(r"[\w-]+")
_LOOK_BACK = 40  # characters before a quotation mark searched for the work's noun


def title_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each quoted title in ``text``."""
    if _MARKS.search(text) is None:  # most articles: no quotation marks, no work
        return []
    nouns = load_lexicon().work_nouns
    titles: set[str] = set()
    spans = []
    for match in _TITLE.finditer(text):
        title = match.group("title")
        if len(title.split()) > _MAX_TITLE_WORDS:
            continue
        before = _WORD.findall(text[max(0, match.start() - _LOOK_BACK):match.start()])[-2:]
        if any(_names_work(word.lower(), nouns) for word in before) or title in titles:
            titles.add(title)
            spans.append(match.span("title"))
    return spans


def _names_work(word: str, nouns: frozenset[str]) -> bool:
    """A noun for a work, also at the end of a compound ("jubilæumsbogen", "debutromanen")."""
    return word in nouns or word.endswith(_compound_ends(nouns))


@cache
def _compound_ends(nouns: frozenset[str]) -> tuple[str, ...]:
    """The nouns long enough to be told at the end of a compound."""
    return tuple(noun for noun in nouns if len(noun) >= _MIN_COMPOUND_END)


def drop_titles(pieces: Sequence[Piece], text: str) -> list[Piece]:
    """The pieces that do not lie inside a quoted title."""
    titles = title_spans(text)
    if not titles:
        return list(pieces)
    return [p for p in pieces if not any(start <= p.start and p.end <= end for start, end in titles)]
