""""samme dag, som hun forsvandt": a unit the clause after it names by an event.

The day (night, week) is the one an earlier sentence told of that event on: the sentence holding a
word of the clause ("Da katten forsvandt lørdag den 27. juli ... samme dag, som hun forsvandt"),
its expressions nearest that word first. With no such sentence, the event is the news itself, told
of the publication: the publication day, week or last night ("Det sker samme dag, som urene blev
stillet en time tilbage"; "samme nat som urene blev stillet frem").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.sentences import WORD, sentence_index, sentence_text
from normalise.spec import Spec

_SOM = re.compile(r",?\s+som\s+")
_CLAUSE_END = re.compile(r"[,.!?:;\n–]")
_STEM = 5  # letters a word of the clause and its earlier mention share ("forsvandt", "indlagt")


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
        in_sentence = [k for k, at in enumerate(sentences) if at == earlier]
        if not in_sentence:
            continue
        begin = starts[earlier]
        told = next((begin + word.start() for word in WORD.finditer(sentence_text(text, starts, earlier).lower())
                     if word.group()[:_STEM] in stems), None)
        if told is not None:
            return tuple(sorted(in_sentence, key=lambda k: abs(pieces[k].start - told)))
    return ()


def of_publication(spec: Spec) -> Spec:
    """The unit of the publication: today ("i dag"), this week, last night or tonight by the tense
    ("i nat"), this evening ("i aften")."""
    if spec.part == "NI":
        return Spec(part="NI", relation="night")
    return Spec(shift_unit=spec.shift_unit, shift=0, part=spec.part)
