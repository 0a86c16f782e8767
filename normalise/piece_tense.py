"""The tense and mood each piece is read in.

``tense_and_mood`` reads the tense clues of a piece's sentence (``normalise.tense``) and the
words right before it (``normalise.words_before``): the nearest verb in its clause, the
preposition before it, a label's item, an apposition's clauses around it. A piece no verb
tells takes the way another deictic point in its clause looks (``concord``); ``tense_needed``
says which pieces anything reads the tense of, so the rest are spared the pass over their words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from normalise.context import RECENT_SENTENCES, Mood, Tense
from normalise.grammar import Piece
from normalise.lexicon import load_lexicon
from normalise.resolver import reads_earlier_days, reads_tense
from normalise.sentences import WORD, end_of_sentence, sentence_text
from normalise.spec import TENSE_RELATIONS, Spec
from normalise.tense import (
    Clue,
    clause_around,
    clause_bounds,
    clue_around_clause,
    clue_near,
    clue_positions,
    preposition_tense,
)
from normalise.weekdays import is_bare_weekday
from normalise.words_before import (
    after_goal_word,
    after_holiday_word,
    opens_from_weekday,
    readies_for,
)

_SPACES = re.compile(r"\s*")

# A present places nothing; what would have been or has been done is past.
_TENSE_OF_CLUE: dict[Clue, Tense] = {
    "past": "past", "future": "future", "present": "none", "counterfactual": "past", "perfect": "past"}


def tense_needed(pieces: Sequence[Piece], sentences: Sequence[int]) -> list[bool]:
    """Whether anything reads each piece's tense: its own resolution, or a later clock time
    or part of day that may take its day (within ``RECENT_SENTENCES``). Finding the tense
    costs a pass over the sentence's words, so the rest go without ("none", never read)."""
    needed = []
    reader: int | None = None  # the sentence of the nearest later piece that reads earlier days
    for piece, sentence in zip(reversed(pieces), reversed(sentences)):
        spec = piece.spec
        mentioned = spec.kind == "point" and reader is not None and reader <= sentence + RECENT_SENTENCES
        needed.append(spec.kind == "point" and (mentioned or reads_tense(spec)))
        if reads_earlier_days(spec):
            reader = sentence
    return needed[::-1]


def tense_and_mood(text: str, starts: list[int], sentence: int, piece: Piece,
                   context: dict[int, SentenceClues], heading: bool = False) -> tuple[Tense, Mood]:
    """The tense around a piece: the nearest verb in its clause, or the preposition before it;
    and its mood: "present" when that verb is a present with no direction of its own
    ("beslutter", "må gå i land"), "counterfactual" for a failed plan ("skulle have været"),
    "perfect" for a present perfect ("har indstillet": it may reach ahead), "after" for a holiday
    after "efter" told as to come (``Context.mood``).
    A list item's label (``heading``) takes the first verb of its item ("Søndag: ... gik åen over
    sine bredder": last Sunday)."""
    if sentence not in context:
        context[sentence] = _sentence_clues(text, starts, sentence)
    clues = context[sentence]
    clue = clue_near(clues.clues, piece.start, piece.end, clues.clauses)
    if clue is None and heading:  # a verb in the clause after the label's colon, not its first word
        colon = text.find(":", piece.end) + 1  # ("Mandag: Lukket.": a state, no past)
        begin, end = clause_around(clues.clauses, colon)
        first = _SPACES.match(text, colon).end()  # type: ignore[union-attr]
        clue = next((found for offset, found in clues.clues if begin <= offset < end and offset > first), None)
    elif clue is None and _is_apposition(text, clues, piece, end_of_sentence(text, starts, sentence)):
        clue = clue_around_clause(clues.clues, piece.start, piece.end)
    tense: Tense = "none" if clue is None else _TENSE_OF_CLUE[clue]
    moved = False
    if piece.spec.relation in TENSE_RELATIONS or piece.spec.relation == "night":
        told = tense
        tense = preposition_tense(text[max(clues.begin, piece.start - 40):piece.start], tense,
                                  clue == "perfect") or tense
        moved = told == "past" and tense == "future"  # "blev udsat til fredag": a move told as done
        if tense != "past" and _after_since_and_noun(text, clues, piece):
            tense = "past"  # "siden ulykken på Storebæltsbroen den 2. januar": the time of an event gone by
        elif tense == "none" and _starts_open_ended(text, piece, clue is None) and opens_from_weekday(text, piece):
            tense = "future"  # "Vandingsforbud i Odense fra mandag", "udbetales fra 1. januar": what starts then
        elif readies_for(text, piece) or (tense == "none" and is_goal_holiday(text, piece)):
            tense = "future"  # "billetter til lørdagens kamp"; "er overstået før jul" (a goal ahead)
    if piece.spec.relation == "night" and _NEXT_NIGHT.match(text, piece.end):
        tense = "future"  # "frost i nat og natten til onsdag": tonight, then the night after
    if tense == "future" and piece.spec.holiday is not None and after_holiday_word(text, piece):
        return tense, "after"  # "Efter en solrig pinseweekend bliver det varmere" on Whit Monday
    if moved:
        return tense, "moved"
    if clue == "present" and tense == "none":
        return tense, "present"
    if tense == "past" and clue == "counterfactual":
        return tense, "counterfactual"
    return tense, "perfect" if tense == "past" and clue == "perfect" else ""


def _after_since_and_noun(text: str, clues: SentenceClues, piece: Piece) -> bool:
    """Whether "siden" (``[prepositions] past``) opens a phrase of a few words, no verb among them, that
    the piece ends ("siden ulykken på Storebæltsbroen den 2. januar", "siden valget i juni")."""
    begin = max(clues.begin, piece.start - _SINCE_REACH)
    before = text[begin:piece.start]
    found = [m for m in WORD.finditer(before) if m.group().lower() in load_lexicon().past_prepositions]
    if not found:
        return False
    since = begin + found[-1].end()
    if "," in text[since:piece.start]:
        return False
    return not any(since <= offset < piece.start for offset, _ in clues.clues)


_SINCE_REACH = 40  # characters: "siden" and a noun phrase before the time


def _is_apposition(text: str, clues: SentenceClues, piece: Piece, sentence_end: int) -> bool:
    """Whether the piece's clause has no verb, only the piece and a few small words: an apposition
    between commas (", i oktober,"), told in the tense of the clauses around it."""
    if len(clues.clauses) == 1:
        return False
    begin, end = clause_around(clues.clauses, piece.start)
    begin, end = int(begin), int(min(end, sentence_end))
    if end - begin > piece.end - piece.start + _APPOSITION_ROOM:
        return False  # (a long clause has words of its own: not read word by word)
    words = WORD.findall((text[begin:piece.start] + " " + text[piece.end:end]).lower())
    return all(word in load_lexicon().apposition_words for word in words)


_APPOSITION_ROOM = 40  # characters of an apposition's clause besides its time


def is_goal_holiday(text: str, piece: Piece) -> bool:
    """Whether a holiday is a goal or a deadline ("hjem til jul", "inden påske"): the story's later
    clock times are not on it. (A weekday after "frem til" often is the story's day: "Kuponer kan
    afleveres frem til lørdag klokken 15. Trækningen sendes klokken 21.45".)"""
    return piece.spec.holiday is not None and after_goal_word(text, piece)


def _starts_open_ended(text: str, piece: Piece, verbless: bool) -> bool:
    """A weekday ("fra mandag"), or a day with no year and no end after it ("fra 1. januar"; not "fra
    1. april til 15. juli", a stretch that may be under way), or, in a clause with no verb (a
    headline), such a month ("Tog hver halve time ... fra december"; not "de seneste fra juli viser")."""
    spec = piece.spec
    if is_bare_weekday(spec):
        return True
    if spec.month is None or spec.year is not None or spec.hour is not None or spec.weekday is not None \
            or spec.mod is not None or (spec.day is None and not verbless):
        return False
    return _RANGE_GOES_ON.match(text, piece.end) is None


_NEXT_NIGHT = re.compile(r"\s+og\s+natten\s+til\s", re.IGNORECASE)
_RANGE_GOES_ON = re.compile(r"\s*(?:til|-|–)\s", re.IGNORECASE)


def deictic_direction(spec: Spec) -> Tense | None:
    """The way a deictic point looks from the publication: "i går", "næste uge", "i fjor"."""
    if spec.kind != "point" or spec.anchor != "dct" or spec.offset_from is not None:
        return None
    shift = spec.shift if spec.shift_unit is not None else spec.year_shift
    if not shift:
        return None
    return "future" if shift > 0 else "past"


def concord(piece: Piece, sentence: int, clues: SentenceClues,
            directed: Sequence[tuple[int, int, Tense]]) -> Tense:
    """With no verb to tell, the way another deictic point in the clause looks ("i næste uge
    følger datoerne for sommerens festivaler": next summer's)."""
    begin, end = clause_around(clues.clauses, piece.start)
    for start, other_sentence, direction in directed:
        if other_sentence == sentence and begin <= start < end and start != piece.start:
            return direction
    return "none"


class SentenceClues(NamedTuple):
    """The tense clues and clause starts of one sentence, as offsets into the whole text."""

    begin: int
    clues: list[tuple[int, Clue]]
    clauses: list[tuple[int, bool]]


def _sentence_clues(text: str, starts: list[int], sentence: int) -> SentenceClues:
    """Tense clues and clause starts of one sentence, as offsets into the whole text."""
    begin = starts[sentence]
    body = sentence_text(text, starts, sentence)
    return SentenceClues(begin, [(begin + o, c) for o, c in clue_positions(body)],
                         [(begin + o, infinitive) for o, infinitive in clause_bounds(body)])
