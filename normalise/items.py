"""What is known of each piece before it is resolved.

``find_pieces`` reads a text into its composed pieces; ``items_of`` makes each an ``Item``:
its sentence, the tense and mood it is read in (``normalise.piece_tense``), whether it is a
recurring day's clock time (``normalise.habitual_clocks``), and the clues the words around it
give (a quotation, a comparison, a contrast with the piece before, an event it counts from).
All of it holds whatever the publication instant, so it is worked out once per text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from normalise.compose import compose
from normalise.context import Mood, Tense
from normalise.evenings import at_evening_events
from normalise.grammar import Piece, drop_idioms, scan, select, word_index
from normalise.habits import drop_habitual
from normalise.habitual_clocks import habitual_clocks
from normalise.lexicon import load_lexicon
from normalise.piece_tense import (
    SentenceClues,
    concord,
    deictic_direction,
    is_goal_holiday,
    tense_and_mood,
    tense_needed,
)
from normalise.programmes import programme_headers
from normalise.reporting import tells_the_news
from normalise.resolver import context_free
from normalise.sentences import WORD, is_label, sentence_index
from normalise.spec import Spec
from normalise.tense import preposition_tense
from normalise.titles import drop_titles
from normalise.told_of import event_items, is_same_as_clause, of_publication, told_before
from normalise.words_before import (
    after_comparison,
    after_goal_word,
    after_noun_and_from,
    after_purpose_word,
    after_until_word,
)


def find_pieces(text: str) -> list[Piece]:
    """The composed pieces of a text, before resolution (for debugging and the spaCy component)."""
    index = word_index(text)
    pieces = select(drop_titles(drop_idioms(scan(text, index=index), text, index), text))
    return at_evening_events(drop_habitual(compose(pieces, text), text), text)


class Item(NamedTuple):
    """What is known of a piece before resolution, the same under every publication instant."""

    piece: Piece
    sentence: int
    tense: Tense
    genitive: bool = False  # "årets", "næste års": the expression ends in a genitive -s
    fixed: bool = False  # resolves the same whatever the publication time and earlier mentions
    time_of_day: bool = False  # a clock time or part of day with no date of its own
    # read from the spec once, not once per publication instant (``columns._names_year``)
    year_given: bool = False  # the text names the year ("den 8. januar 2020")
    needs_year: bool = False  # a part of an unspecified year ("i oktober")
    tells_news: bool = False  # dates the telling, not the story ("oplyser politiet i dag")
    since: bool = False  # opens a stretch reaching the present ("siden 2011"; ``Mention.since``)
    contrasted: bool = False  # a contrast word ("men") stands between it and the piece before it
    mood: Mood = ""  # "present" ("må gå i land fra klokken 13"), "counterfactual" ("skulle have ..."); ``Context.mood``
    habitual: bool = False  # a clock time of a recurring day ("Fredage: klokken 16-21"): no day of its own
    heading: bool = False  # a list item's label: opens its line, a colon after it ("Torsdag: ..."); ``Context.heading``
    # not a time of the story: a holiday as a goal or deadline ("hjem til jul", "inden påske") or a day
    # compared with ("mere end på Black Friday sidste år")
    aside: bool = False
    quoted: bool = False  # in a quotation: a line opening with a dash ("- Den har siddet der ...")
    # "dagen efter ransagningen": the expressions of the sentence that last told of the event the noun
    # names, nearest the word that names it first (``told_of.event_items``)
    event_items: tuple[int, ...] = ()
    # "(budgettet) for næste år", "(regnskabet) for 2014": the year a noun is for, as a genitive's
    purpose: bool = False
    # an item of a programme ("Klokken 9.30 åbner broen" after "Programmet for dagen:"): the sentence
    # of its header (``normalise.programmes``; ``Context.programme``)
    programme: int | None = None
    # the end of a stretch ("lukket mindst frem til torsdag"): no day the story is at for later times
    stretch_end: bool = False
    # "Dengang varede den fra begyndelsen af maj": the sentence is at the time the one before named
    then: bool = False


def items_of(text: str, starts: list[int]) -> list[Item]:
    """The pieces of a text, each with what is known of it before resolution."""
    pieces = find_pieces(text)
    if not pieces:
        return []
    sentences = [sentence_index(starts, piece.start) for piece in pieces]
    context: dict[int, SentenceClues] = {}
    directed = [(piece.start, sentence, direction) for piece, sentence in zip(pieces, sentences)
                if (direction := deictic_direction(piece.spec))]
    items = []
    habitual = habitual_clocks(pieces, sentences, text, starts)
    headers = [None if offset is None else sentence_index(starts, offset) for offset in programme_headers(pieces, text)]
    for index, (piece, sentence, needed) in enumerate(zip(pieces, sentences, tense_needed(pieces, sentences))):
        same_as = is_same_as_clause(text, piece)  # "samme dag, som hun forsvandt"
        events = told_before(text, starts, piece, pieces, sentences) if same_as \
            else event_items(text, starts, piece, pieces, sentences)
        if same_as and not events:
            piece = piece._replace(spec=of_publication(piece.spec))  # the event is the news itself
        heading = is_label(text, piece.start, piece.end)
        tense, mood = tense_and_mood(text, starts, sentence, piece, context, heading) if needed else ("none", "")
        if tense == "none" and needed and directed:
            tense = concord(piece, sentence, context[sentence], directed)
        spec = piece.spec
        genitive = text[piece.end - 1:piece.end] == "s"
        if genitive and spec.relation == "night" and spec.hour is None and tense != "future":
            # "nattens storm", "Her er nattens forløb": what the night brought, over or under way
            tense, mood = "past", ""
        if tense == "past" and (spec.quarter is not None or spec.half is not None) and after_goal_word(text, piece):
            tense = "none"  # "udskød deres ordrer til fjerde kvartal": a goal, not an account of it
        tells_news = spec.kind == "point" and tells_the_news(text, piece.start, starts[sentence])
        if tells_news and mood in ("", "present", "perfect") and _may_date_the_telling(spec):
            mood = "told"
        items.append(Item(
            piece, sentence, tense,
            genitive=genitive,
            fixed=context_free(spec),
            time_of_day=spec.is_time_of_day_only,
            year_given=spec.year is not None,
            needs_year=spec.needs_year,
            tells_news=tells_news,
            since=spec.kind == "point" and _opens_stretch_to_now(text, piece),
            contrasted=_contrasted(text, pieces, index, sentences),
            mood=mood,
            habitual=habitual[index],
            heading=heading,
            aside=is_goal_holiday(text, piece) or _is_compared(text, piece),
            quoted=_is_quoted(text, piece),
            event_items=events,
            purpose=after_purpose_word(text, piece) or after_noun_and_from(text, piece),
            programme=headers[index],
            stretch_end=_ends_stretch(text, piece, starts[sentence]),
            then=_THEN.search(text, max(starts[sentence], piece.start - _THEN_REACH), piece.start) is not None,
        ))
    return items


_THEN = re.compile(r"(?<!\w)[Dd]engang\b")  # "Dengang varede tørken fra maj til juli": at that time
_THEN_REACH = 120  # characters before a piece searched for it (a bound: a very long sentence stays linear)


def _ends_stretch(text: str, piece: Piece, sentence_start: int) -> bool:
    """A day after "frem til", "indtil", "mindst til" ("Vognene bliver stående mindst frem til
    torsdag"): where a stretch ends, not a day the story goes on at."""
    spec = piece.spec
    if spec.kind != "point" or not spec.has_day or spec.has_clock or _RELATIVE_WHERE.match(text, piece.end):
        return False  # (a clock time ends the stretch within a day; "frem til den 4. juni, hvor ..." goes on there)
    return after_until_word(text, piece, sentence_start)


_RELATIVE_WHERE = re.compile(r",\s+(?:hvor|da)\b")


def _may_date_the_telling(spec: Spec) -> bool:
    """A clock time or a weekday after a reporting verb and its source ("sagde ordføreren kort før
    klokken 23", "Det oplyser Kongehuset fredag") dates the telling, not the story's day."""
    if spec.hour is None and spec.weekday is None and (spec.part is not None or spec.relation == "night"):
        return False  # ("kort før klokken to i nat" after "siger ... til Ritzau" dates it, "i nat" alone not)
    return (spec.hour is not None and spec.is_time_of_day_only) or (spec.weekday is not None and spec.day is None)


def _is_quoted(text: str, piece: Piece) -> bool:
    """Whether a piece stands in a quotation: on a line opening with a dash, as news sets them."""
    line = text.rfind("\n", 0, piece.start) + 1
    return text.startswith(("- ", "– "), line)


def _is_compared(text: str, piece: Piece) -> bool:
    """Whether a time is what the story is compared with ("mere end på Black Friday sidste år"),
    unless a relative clause goes on to tell of it ("værre end sidste år, hvor 1.400 stod uden
    bolig ved udgangen af august")."""
    return piece.spec.kind == "point" and after_comparison(text, piece) and _TOLD_OF.match(text, piece.end) is None


_TOLD_OF = re.compile(r"\s*,\s*(?:hvor|da)\b", re.IGNORECASE)




# a comma (not a decimal one: "33,7 grader") and the word that opens the next clause
_NEW_CLAUSE = re.compile(r",(?!\d)\s*(\w+)")


def _contrasted(text: str, pieces: Sequence[Piece], index: int, sentences: Sequence[int]) -> bool:
    """Whether a contrast ("men", "så sent som"), a new main clause (", og") or the comma closing
    a relative clause the piece before sits in (", der blev indgået for tre år siden,") stands
    between a piece and the one before it in its sentence: the year does not carry over."""
    if index == 0 or sentences[index - 1] != sentences[index] or not pieces[index].spec.takes_year_named_before:
        return False
    before = index - 1  # past a "nu" or "tidligere", which has no year to carry ("i december, men nu ... i november")
    while before > 0 and pieces[before].spec.kind == "ref" and sentences[before - 1] == sentences[index]:
        before -= 1
    between = text[pieces[before].end:pieces[index].start].lower()
    lex = load_lexicon()
    if any(word in lex.contrast_words for word in WORD.findall(between)) \
            or any(phrase in between for phrase in lex.contrast_phrases):
        return True
    clause = _NEW_CLAUSE.search(between)
    if clause is not None and clause.group(1) in lex.new_clause_words:
        return True
    return "," in between and _in_relative_clause(text, pieces[index - 1].start)


def _in_relative_clause(text: str, offset: int) -> bool:
    """Whether the clause holding ``offset`` opens with a comma and a relative pronoun
    ("Overenskomsten, der blev indgået for tre år siden, ...")."""
    comma = text.rfind(",", max(0, offset - 80), offset)
    if comma < 0:
        return False
    head = text[comma + 1:offset].split(maxsplit=1)
    return bool(head) and head[0].lower() in load_lexicon().relative_pronouns


def _opens_stretch_to_now(text: str, piece: Piece) -> bool:
    """Whether a preposition that looks back ("siden") stands right before the piece, with no
    relative clause about that time after it ("siden 1973, hvor ...")."""
    if preposition_tense(text[max(0, piece.start - 20):piece.start]) != "past":
        return False
    after = text[piece.end:piece.end + 12].lstrip(" ,").split(maxsplit=1)
    return not after or after[0].lower() not in load_lexicon().past_relatives
