"""The earlier sentence that told of the event a time is counted from or named by.

"dagen efter ransagningen" counts from the day of the sentence that told of the search (one holding
a word with the noun's root: "ved en ransagning den 18. februar"); "samme dag, som hun forsvandt"
is the day of the sentence holding a word of its clause ("Da katten forsvandt lørdag den 27. juli").
Either gives that sentence's expressions, nearest the word first. A "samme dag, som ..." with no
such sentence is the news itself, told of the publication: the publication day, week or last night
("Det sker samme dag, som urene blev stillet en time tilbage"; "samme nat som urene blev stillet frem").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.sentences import WORD, sentence_index, sentence_text
from normalise.spec import Spec

_SOM = re.compile(r",?\s+som\s+")
_CLAUSE_END = re.compile(r"[,.!?:;\n–]")
_STEM = 5  # letters a word of the clause and its earlier mention share ("forsvandt", "indlagt")


def event_items(text: str, starts: Sequence[int], piece: Piece, pieces: Sequence[Piece],
                sentences: Sequence[int]) -> tuple[int, ...]:
    """For a day or week counted from an event the text names ("dagen efter ransagningen", "Ugen
    før åbningen"), the expressions of the latest sentence before that tells of the event (one
    holding a word with the noun's root: "ved en ransagning den 18. februar", "når udstillingen
    åbner den 18. maj"), nearest that word first ("tirsdagens kommunalvalg har i aften ...": Tuesday)."""
    spec = piece.spec
    if spec.anchor != "reference" or spec.shift_unit not in ("day", "week") or not spec.shift:
        return ()
    noun = _EVENT_NOUN.match(text, piece.end)
    if noun is None:
        return ()
    root = _event_root(noun.group(1).lower())
    if root is None:
        return ()
    compound = root in load_lexicon().event_noun_stems  # "valget" after "kommunalvalg"
    for earlier in range(sentence_index(starts, piece.start) - 1, -1, -1):
        told = _first_word(text, starts, earlier, (lambda word: root in word) if compound
                           else (lambda word: word.startswith(root)))
        if told is not None:
            return _nearest_first(pieces, sentences, earlier, told)
    return ()


_EVENT_NOUN = re.compile(r"\s+(\w{3,}(?:en|et))\b", re.IGNORECASE)


def _event_root(noun: str) -> str | None:
    """The root an event noun shares with its verb: "ransagningen" -> "ransag", "åbningen" -> "åbn",
    "indvielsen" -> "indvi"; a noun of no verb ending by its listed stem ("valget" -> "valg");
    None for a noun that names no event."""
    stem = noun[:-2]
    for ending in load_lexicon().event_noun_endings:
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            return stem[:-len(ending)]
    return stem if stem in load_lexicon().event_noun_stems else None


def _first_word(text: str, starts: Sequence[int], sentence: int, matches: Callable[[str], bool]) -> int | None:
    """The offset of the first (lower-cased) word of a sentence that ``matches`` accepts, if any."""
    begin = starts[sentence]
    return next((begin + word.start() for word in WORD.finditer(sentence_text(text, starts, sentence).lower())
                 if matches(word.group())), None)


def _pieces_in(sentences: Sequence[int], sentence: int) -> range:
    """The indexes of the pieces in a sentence (``sentences``: each piece's sentence, in text order)."""
    return range(bisect_left(sentences, sentence), bisect_right(sentences, sentence))


def _nearest_first(pieces: Sequence[Piece], sentences: Sequence[int], sentence: int, offset: int) -> tuple[int, ...]:
    """The indexes of a sentence's pieces, nearest ``offset`` first."""
    return tuple(sorted(_pieces_in(sentences, sentence), key=lambda k: abs(pieces[k].start - offset)))


def is_same_as_clause(text: str, piece: Piece) -> bool:
    """"samme dag, som ...", "samme nat som ...", "samme uge, som ..."."""
    spec = piece.spec
    return spec.anchor == "reference" and spec.shift == 0 and spec.shift_unit in ("day", "week") \
        and spec.repeats is None and _SOM.match(text, piece.end) is not None


def told_before(text: str, starts: Sequence[int], piece: Piece, pieces: Sequence[Piece],
                sentences: Sequence[int]) -> tuple[int, ...]:
    """The expressions of the latest earlier sentence that names the clause's event again, nearest
    that word first; () when none does."""
    after = _SOM.match(text, piece.end)
    assert after is not None
    end = _CLAUSE_END.search(text, after.end())
    clause = text[after.end():end.start() if end else len(text)].lower()
    skip = load_lexicon().not_event_words
    stems = {word[:_STEM] for word in WORD.findall(clause) if len(word) >= _STEM and word not in skip}
    if not stems:
        return ()
    for earlier in range(sentence_index(starts, piece.start) - 1, -1, -1):
        if not _pieces_in(sentences, earlier):
            continue  # (a sentence with no time names no day of the event)
        told = _first_word(text, starts, earlier, lambda word: word[:_STEM] in stems)
        if told is not None:
            return _nearest_first(pieces, sentences, earlier, told)
    return ()


def of_publication(spec: Spec) -> Spec:
    """The unit of the publication: today ("i dag"), this week, last night or tonight by the tense
    ("i nat"), this evening ("i aften")."""
    if spec.part == "NI":
        return Spec(part="NI", relation="night")
    return Spec(shift_unit=spec.shift_unit, shift=0, part=spec.part)
