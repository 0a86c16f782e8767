"""Find, type and normalise every time expression in a Danish text.

Pipeline: scan (rules) -> select (longest wins) -> compose (joins) -> resolve
each piece in text order against every instant the publication time could be
-> keep what all instants agree on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from normalise.compose import compose, holds_phrase, names_opening_hours
from normalise.context import RECENT_SENTENCES, Context, History, Mention, Mood, Tense
from normalise.errors import TimexError
from normalise.evenings import at_evening_events
from normalise.grammar import Piece, drop_idioms, scan, select, word_index
from normalise.habits import drop_habitual
from normalise.lexicon import load_lexicon
from normalise.nfc import Composed
from normalise.pinned import pinned_publication, publication_weekday
from normalise.programmes import programme_headers
from normalise.published import parse_published
from normalise.reporting import tells_the_news
from normalise.resolver import Resolution, context_free, reads_earlier_days, reads_tense, resolve
from normalise.sentences import is_label, sentence_index, sentence_starts
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
from normalise.timex import AnchorKind, TimeExpression, TimexType
from normalise.titles import drop_titles
from normalise.values import format_set, value_within
from normalise.weekdays import is_bare_weekday
from normalise.words import phrase
from normalise.words_before import (
    after_goal_word,
    after_holiday_word,
    after_noun_and_from,
    after_purpose_word,
    opens_from_weekday,
    readies_for,
)

_CLOCK_UNITS = {"hour", "minute", "quarter_hour", "second"}


class _Item(NamedTuple):
    piece: Piece
    sentence: int
    tense: Tense
    genitive: bool = False  # "årets", "næste års": the expression ends in a genitive -s
    fixed: bool = False  # resolves the same whatever the publication time and earlier mentions
    time_of_day: bool = False  # a clock time or part of day with no date of its own
    # read from the spec once, not once per publication instant (``_names_year``)
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
    # names, nearest the word that names it first (``_event_items``)
    event_items: tuple[int, ...] = ()
    # "(budgettet) for næste år", "(regnskabet) for 2014": the year a noun is for, as a genitive's
    purpose: bool = False
    # an item of a programme ("Klokken 9.30 åbner broen" after "Programmet for dagen:"): the sentence
    # of its header (``normalise.programmes``; ``Context.programme``)
    programme: int | None = None


Interval = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class Readings:
    """The expressions of a text and their interval under each possible publication instant.

    ``intervals[k][i]`` is expression ``i``'s [start, end) when the document was
    published at ``instants[k]`` (None for durations, sets and readings where
    the date does not exist). A precise publication time has one reading.
    """

    expressions: tuple[TimeExpression, ...]
    instants: tuple[datetime, ...]
    intervals: tuple[tuple[Interval | None, ...], ...]
    # where the text's sentences start (``sentences.sentence_starts``), for a caller that
    # splits the same text; None when the engine read a recomposed text (other offsets)
    sentence_starts: tuple[int, ...] | None = None
    # the text named its publication day itself, and was read as published then
    # ("i dag, torsdag den 26. juli" under 2018-07: ``normalise.pinned``)
    pinned: bool = False


def extract(text: str, published: object) -> list[TimeExpression]:
    """Every time expression in ``text``, normalised against its publication time.

    ``published``: datetime, date, or ISO string of any precision (``2020``,
    ``2020-01``, ``2020-01-08``, ``2020-01-08T01:15``), Danish local time unless
    an offset is given. Raises ``PublishedDateError`` when it cannot be read;
    text with no time expressions gives an empty list.
    """
    return list(extract_readings(text, published).expressions)


def extract_readings(text: str, published: object) -> Readings:
    """Like ``extract``, keeping every reading an imprecise publication time allows
    (for ordering events by how sure their order is)."""
    if not isinstance(text, str):
        raise TimexError(f"text must be a str, got {type(text).__name__}")
    composed = Composed(text)  # decomposed letters ("a" + ring) read as composed ones ("å")
    starts = sentence_starts(composed.text)
    items = _items(composed.text, starts)
    specs = [item.piece.spec for item in items]
    # "i dag, torsdag den 26. juli" in an article dated only 2018-07: published on the 26th
    stated = parse_published(published)
    publication = pinned_publication(stated, specs)
    edges = any(spec.shift_unit in _CLOCK_UNITS for spec in specs)
    instants = _on_weekday(publication.instants(edges), publication_weekday(publication, specs)) if items else ()
    columns = _resolve_columns(items, instants, publication.precision == "minute")
    within = None if publication.is_precise else publication.value  # "2017", "2023-02"
    kept: list[tuple[int, TimeExpression]] = [
        (index, expression)
        for index, (item, column) in enumerate(zip(items, columns))
        if (expression := _combine(composed, item, column, items, within)) is not None
    ]
    return Readings(tuple(e for _, e in kept), instants, _intervals([columns[index] for index, _ in kept], instants),
                    tuple(starts) if composed.text is text else None, publication is not stated)


def _on_weekday(instants: tuple[datetime, ...], weekday: int | None) -> tuple[datetime, ...]:
    """The publication instants on the weekday the text names for its day ("i dag, torsdag"), if any."""
    if weekday is None:
        return instants
    return tuple(instant for instant in instants if instant.isoweekday() == weekday) or instants


def _intervals(columns: Sequence[_Column], instants: Sequence[datetime]) -> tuple[tuple[Interval | None, ...], ...]:
    """``Readings.intervals`` (instant by instant) from the kept expressions' columns."""
    if not columns:
        return tuple(() for _ in instants)
    return tuple(zip(*(_interval_column(column) for column in columns)))


def _interval_column(column: _Column) -> Sequence[Interval | None]:
    """The interval of each resolution in a column; a shared resolution's once."""
    if column.shared:
        return [_interval(column[0])] * len(column)
    return [_interval(resolution) for resolution in column]


def _interval(resolution: Resolution | None) -> Interval | None:
    if resolution is None or resolution.start is None or resolution.end is None:
        return None
    return resolution.start, resolution.end


def find_pieces(text: str) -> list[Piece]:
    """The composed pieces of a text, before resolution (for debugging and the spaCy component)."""
    index = word_index(text)
    pieces = select(drop_titles(drop_idioms(scan(text, index=index), text, index), text))
    return at_evening_events(drop_habitual(compose(pieces, text), text), text)


def _items(text: str, starts: list[int]) -> list[_Item]:
    pieces = find_pieces(text)
    if not pieces:
        return []
    sentences = [sentence_index(starts, piece.start) for piece in pieces]
    context: dict[int, _SentenceClues] = {}
    directed = [(piece.start, sentence, direction) for piece, sentence in zip(pieces, sentences)
                if (direction := _direction(piece.spec))]
    items = []
    habitual = _habitual_clocks(pieces, sentences, text, starts)
    headers = [None if offset is None else sentence_index(starts, offset) for offset in programme_headers(pieces, text)]
    for index, (piece, sentence, needed) in enumerate(zip(pieces, sentences, _tense_needed(pieces, sentences))):
        heading = is_label(text, piece.start, piece.end)
        tense, mood = _tense(text, starts, sentence, piece, context, heading) if needed else ("none", "")
        if tense == "none" and needed and directed:
            tense = _concord(piece, sentence, context[sentence], directed)
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
        items.append(_Item(piece, sentence, tense, genitive,
                           context_free(spec), spec.is_time_of_day_only, spec.year is not None, spec.needs_year,
                           tells_news,
                           spec.kind == "point" and _opens_stretch_to_now(text, piece),
                           _contrasted(text, pieces, index, sentences), mood, habitual[index],
                           heading, _is_goal_holiday(text, piece) or _is_compared(text, piece),
                           _is_quoted(text, piece), _event_items(text, starts, piece, pieces, sentences),
                           after_purpose_word(text, piece) or after_noun_and_from(text, piece), headers[index]))
    return items


def _may_date_the_telling(spec: Spec) -> bool:
    """A clock time or a weekday after a reporting verb and its source ("sagde ordføreren kort før
    klokken 23", "Det oplyser Kongehuset fredag") dates the telling, not the story's day."""
    if spec.hour is None and spec.weekday is None and (spec.part is not None or spec.relation == "night"):
        return False  # ("kort før klokken to i nat" after "siger ... til Ritzau" dates it, "i nat" alone not)
    return (spec.hour is not None and spec.is_time_of_day_only) or (spec.weekday is not None and spec.day is None)


def _is_goal_holiday(text: str, piece: Piece) -> bool:
    """Whether a holiday is a goal or a deadline ("hjem til jul", "inden påske"): the story's later
    clock times are not on it. (A weekday after "frem til" often is the story's day: "Kuponer kan
    afleveres frem til lørdag klokken 15. Trækningen sendes klokken 21.45".)"""
    return piece.spec.holiday is not None and after_goal_word(text, piece)


def _event_items(text: str, starts: Sequence[int], piece: Piece, pieces: Sequence[Piece],
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
        begin = starts[earlier]
        told = next((begin + word.start() for word in _WORD.finditer(_sentence_text(text, starts, earlier).lower())
                     if (root in word.group() if compound else word.group().startswith(root))), None)
        if told is not None:
            in_sentence = [k for k, at in enumerate(sentences) if at == earlier]
            return tuple(sorted(in_sentence, key=lambda k: abs(pieces[k].start - told)))
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


def _is_quoted(text: str, piece: Piece) -> bool:
    """Whether a piece stands in a quotation: on a line opening with a dash, as news sets them."""
    line = text.rfind("\n", 0, piece.start) + 1
    return text.startswith(("- ", "– "), line)


def _is_compared(text: str, piece: Piece) -> bool:
    """Whether a time is what the story is compared with ("mere end på Black Friday sidste år"),
    unless a relative clause goes on to tell of it ("værre end sidste år, hvor 1.400 stod uden
    bolig ved udgangen af august")."""
    return piece.spec.kind == "point" and _compared_words().search(text, max(0, piece.start - 20), piece.start) \
        is not None and _TOLD_OF.match(text, piece.end) is None


@lru_cache(maxsize=1)
def _compared_words() -> re.Pattern[str]:
    """A comparison word ending where it is searched up to ("end på ", "i forhold til ")."""
    return re.compile(rf"(?<!\w){phrase(load_lexicon().compared_prepositions)}\s+$", re.IGNORECASE)


_TOLD_OF = re.compile(r"\s*,\s*(?:hvor|da)\b", re.IGNORECASE)


def _habitual_clocks(pieces: Sequence[Piece], sentences: Sequence[int], text: str, starts: Sequence[int]) -> list[bool]:
    """Whether each piece is one of a run of clock times right after or right before a recurring
    time in its sentence ("Fredage: klokken 16-21", "hver torsdag aften til klokken 21", "fra
    klokken 8 til klokken 12 hver dag"), or of opening hours (``_opening_hours``)."""
    clock = [p.spec.kind == "point" and p.spec.is_time_of_day_only and p.spec.hour is not None for p in pieces]
    found = _opening_hours(pieces, sentences, text, starts, clock)
    for index in range(1, len(pieces)):  # after a recurring time, anywhere in the sentence
        before = pieces[index - 1]
        if clock[index] and sentences[index - 1] == sentences[index] and (
                _recurs_by_day(before.spec) or found[index - 1]
                or (before.spec.kind == "set" and _HOURS_OF_RECURRENCE.fullmatch(text, before.end, pieces[index].start))) \
                and not _reported_between(text, before.end, pieces[index].start):
            found[index] = True
    for index in range(len(pieces) - 2, -1, -1):  # before one, only across a range ("fra klokken 8 til")
        after = pieces[index + 1]
        if clock[index] and sentences[index + 1] == sentences[index] and (_recurs_by_day(after.spec) or found[index + 1]) \
                and _RANGE_GAP.fullmatch(text, pieces[index].end, after.start):
            found[index] = True
    return found


def _reported_between(text: str, start: int, end: int) -> bool:
    """Whether a reporting verb stands between two pieces: a quotation's recurring time is not the
    reporting clause's ("..., der hvert år har støttet børn, sagde dommeren kort før klokken 11")."""
    verbs = load_lexicon().reporting_verbs
    return any(word.lower() in verbs for word in _WORD.findall(text, start, end))


def _recurs_by_day(spec: Spec) -> bool:
    """A recurring time whose clock times are every such day's: not one that recurs within a day
    ("måler vandstanden hver time og udsender en prognose ved 6-tiden": today's)."""
    return spec.kind == "set" and spec.unit not in _CLOCK_UNITS


# ... but the hours one that recurs within a day runs in, right after it, are every day's too
# ("sejler hver time fra klokken 6 til midnat", "hver hele time mellem klokken 7 og 22")
_HOURS_OF_RECURRENCE = re.compile(r"\s+(?:fra|mellem|i\s+tidsrummet)\s+", re.IGNORECASE)


_RANGE_GAP = re.compile(r"\s*(?:til|[-–])?\s*")
_CLOCK_RANGE_GAP = re.compile(r"\s*(?:til|og|[-–])\s*")


def _opening_hours(pieces: Sequence[Piece], sentences: Sequence[int], text: str, starts: Sequence[int],
                   clock: Sequence[bool]) -> list[bool]:
    """Whether each piece is a clock time of a range in a sentence about opening hours that names
    no day ("Badet har åbent fra klokken 7 til 21 alle ugens dage"): every day's, not today's."""
    found = [False] * len(pieces)
    named_day = {sentence for piece, sentence in zip(pieces, sentences) if piece.spec.kind == "point" and piece.spec.has_day}
    for index in range(len(pieces) - 1):
        if clock[index] and clock[index + 1] and sentences[index] == sentences[index + 1] \
                and sentences[index] not in named_day and _CLOCK_RANGE_GAP.fullmatch(text, pieces[index].end, pieces[index + 1].start) \
                and _about_opening_hours(text, starts, sentences[index]):
            found[index] = found[index + 1] = True
    return found


def _about_opening_hours(text: str, starts: Sequence[int], sentence: int) -> bool:
    """Whether a sentence has an opening-hours word (``compose.names_opening_hours``) or tells a
    habit or a rule from now on ("fremover", "normalt": ``habitual_words``)."""
    words = _sentence_words(text, starts, sentence)
    return names_opening_hours(words) or holds_phrase(words, load_lexicon().habitual_words)


def _sentence_words(text: str, starts: Sequence[int], sentence: int) -> list[str]:
    """The words of one sentence, lower-cased."""
    return _WORD.findall(_sentence_text(text, starts, sentence).lower())


def _sentence_text(text: str, starts: Sequence[int], sentence: int) -> str:
    return text[starts[sentence]:_sentence_end(text, starts, sentence)]


def _sentence_end(text: str, starts: Sequence[int], sentence: int) -> int:
    return starts[sentence + 1] if sentence + 1 < len(starts) else len(text)


_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s*")
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
    if any(word in lex.contrast_words for word in _WORD.findall(between)) \
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


def _tense_needed(pieces: Sequence[Piece], sentences: Sequence[int]) -> list[bool]:
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


def _tense(text: str, starts: list[int], sentence: int, piece: Piece,
           context: dict[int, _SentenceClues], heading: bool = False) -> tuple[Tense, Mood]:
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
    elif clue is None and _is_apposition(text, clues, piece, _sentence_end(text, starts, sentence)):
        clue = clue_around_clause(clues.clues, piece.start, piece.end)
    tense: Tense = "none" if clue is None or clue == "present" else "past" if clue in ("counterfactual", "perfect") \
        else clue
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
        elif readies_for(text, piece) or (tense == "none" and _is_goal_holiday(text, piece)):
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


def _after_since_and_noun(text: str, clues: _SentenceClues, piece: Piece) -> bool:
    """Whether "siden" (``[prepositions] past``) opens a phrase of a few words, no verb among them, that
    the piece ends ("siden ulykken på Storebæltsbroen den 2. januar", "siden valget i juni")."""
    begin = max(clues.begin, piece.start - _SINCE_REACH)
    before = text[begin:piece.start]
    found = [m for m in _WORD.finditer(before) if m.group().lower() in load_lexicon().past_prepositions]
    if not found:
        return False
    since = begin + found[-1].end()
    if "," in text[since:piece.start]:
        return False
    return not any(since <= offset < piece.start for offset, _ in clues.clues)


_SINCE_REACH = 40  # characters: "siden" and a noun phrase before the time


def _is_apposition(text: str, clues: _SentenceClues, piece: Piece, sentence_end: int) -> bool:
    """Whether the piece's clause has no verb, only the piece and a few small words: an apposition
    between commas (", i oktober,"), told in the tense of the clauses around it."""
    if len(clues.clauses) == 1:
        return False
    begin, end = clause_around(clues.clauses, piece.start)
    begin, end = int(begin), int(min(end, sentence_end))
    if end - begin > piece.end - piece.start + _APPOSITION_ROOM:
        return False  # (a long clause has words of its own: not read word by word)
    words = _WORD.findall((text[begin:piece.start] + " " + text[piece.end:end]).lower())
    return all(word in load_lexicon().apposition_words for word in words)


_APPOSITION_ROOM = 40  # characters of an apposition's clause besides its time


def _direction(spec: Spec) -> Tense | None:
    """The way a deictic point looks from the publication: "i går", "næste uge", "i fjor"."""
    if spec.kind != "point" or spec.anchor != "dct" or spec.offset_from is not None:
        return None
    shift = spec.shift if spec.shift_unit is not None else spec.year_shift
    if not shift:
        return None
    return "future" if shift > 0 else "past"


def _concord(piece: Piece, sentence: int, clues: _SentenceClues,
             directed: Sequence[tuple[int, int, Tense]]) -> Tense:
    """With no verb to tell, the way another deictic point in the clause looks ("i næste uge
    følger datoerne for sommerens festivaler": next summer's)."""
    begin, end = clause_around(clues.clauses, piece.start)
    for start, other_sentence, direction in directed:
        if other_sentence == sentence and begin <= start < end and start != piece.start:
            return direction
    return "none"


class _SentenceClues(NamedTuple):
    begin: int
    clues: list[tuple[int, Clue]]
    clauses: list[tuple[int, bool]]


def _sentence_clues(text: str, starts: list[int], sentence: int) -> _SentenceClues:
    """Tense clues and clause starts of one sentence, as offsets into the whole text."""
    begin = starts[sentence]
    body = _sentence_text(text, starts, sentence)
    return _SentenceClues(begin, [(begin + o, c) for o, c in clue_positions(body)],
                          [(begin + o, infinitive) for o, infinitive in clause_bounds(body)])


class _Column(list[Resolution | None]):
    """One piece's resolutions under every publication instant, in the instants' order;
    ``shared`` when they are one resolution (a context-free piece's)."""

    def __init__(self, resolutions: list[Resolution | None], shared: bool = False) -> None:
        super().__init__(resolutions)
        self.shared = shared


def _resolve_columns(items: Sequence[_Item], instants: Sequence[datetime], has_clock: bool) -> list[_Column]:
    """Every piece resolved in text order under each publication instant.

    Each instant has its own ``History`` of the points mentioned so far, so the
    results are those of resolving the whole text once per instant; going piece by
    piece across the instants lets what a piece has in common under all of them be
    worked out once, and a context-free piece be resolved once.
    """
    runs = _Runs(instants, has_clock)
    columns = []
    for index, item in enumerate(items):
        column = runs.resolve(item)
        _remember(runs.histories, item, index, column)
        columns.append(column)
    return columns


class _Runs:
    """The resolution of one text under each publication instant, as far as it has got."""

    def __init__(self, instants: Sequence[datetime], has_clock: bool) -> None:
        self.instants = instants
        self.has_clock = has_clock
        self.histories = [History() for _ in instants]
        # a publication known only to the month or year: its first and last instants (``Context.span``)
        many_days = bool(instants) and instants[0].date() != instants[-1].date()
        self.span = (instants[0], instants[-1]) if many_days else None
        self._contexts: dict[tuple[Tense, int, Mood, bool, bool, int | None, int | None], list[Context]] = {}

    def resolve(self, item: _Item) -> _Column:
        """The next piece resolved under each instant (given that instant's history)."""
        spec = item.piece.spec
        if item.contrasted:
            for history in self.histories:
                history.year_carries = False
        if item.habitual:  # a clock time of every such day: the value of a recurring time, no interval
            return _Column([Resolution(format_set(spec), "minute")] * len(self.instants), shared=True)
        if item.fixed and self.instants:  # the same in every context: resolved in the first
            first = self._context(self.instants[0], self.histories[0], item)
            return _Column([resolve(spec, first)] * len(self.instants), shared=True)
        return _Column([resolve(spec, context) for context in self._contexts_for(item)])

    def _contexts_for(self, item: _Item) -> list[Context]:
        """A context per instant. A context refers to its instant's history itself (read
        when a piece is resolved, as it stands then), so the pieces of one sentence and
        tense share them."""
        key = (item.tense, item.sentence, item.mood, item.heading, item.quoted, item.event_items, item.programme)
        if key not in self._contexts:
            self._contexts[key] = [self._context(instant, history, item)
                                   for instant, history in zip(self.instants, self.histories)]
        return self._contexts[key]

    def _context(self, instant: datetime, history: History, item: _Item) -> Context:
        return Context(instant, self.has_clock, item.tense, item.sentence, history, item.mood,  # type: ignore[arg-type]
                       item.heading, self.span, item.quoted, item.event_items, item.programme)


def _remember(histories: Sequence[History], item: _Item, index: int, column: _Column) -> None:
    """Add the piece's resolved point under each instant to that instant's history, for
    the pieces after it to anchor to."""
    if item.piece.spec.repeats is not None:
        return  # a compared period ("samme kvartal sidste år") is not what the next comparison repeats
    if column.shared:
        _remember_shared(histories, item, index, column[0])
        return
    for history, resolution in zip(histories, column):
        if resolution is not None and resolution.frame is not None:
            history.append(_mention(item, index, resolution, _names_year(item, resolution, history)))


def _remember_shared(histories: Sequence[History], item: _Item, index: int, resolution: Resolution | None) -> None:
    """``_remember`` for one resolution under every instant: its mentions differ at most in
    ``explicit_year`` (``_names_year`` may read the history), so at most two are made."""
    if resolution is None or resolution.frame is None:
        return
    made: dict[bool, Mention] = {}
    for history in histories:
        names_year = _names_year(item, resolution, history)
        mention = made.get(names_year)
        if mention is None:
            mention = made[names_year] = _mention(item, index, resolution, names_year)
        history.append(mention)


def _mention(item: _Item, index: int, resolution: Resolution, names_year: bool) -> Mention:
    """A resolved point as the pieces after it see it."""
    assert resolution.frame is not None
    # a day the news was told on is no day for the story's later clock times; a night placed
    # by the publication time ("i nat") names its day ("I nat ... så klokken 2 blev til klokken 3")
    spec = item.piece.spec
    names_day = (not item.time_of_day or resolution.anchor is AnchorKind.EXPRESSION
                 or (spec.relation == "night" and spec.hour is None)) and not item.tells_news and not item.aside
    # "siden søndag aften": the stretch's start is a time of the story ("Angrebet blev opdaget ved 22-tiden")
    since = item.since and "T" not in resolution.frame.value
    return Mention(resolution.frame, item.sentence, index, names_year, names_day, _tense_of_day(item), since,
                   item.tells_news, spec.weekday is not None and spec.day is not None, spec.week is not None,
                   item.quoted)


def _tense_of_day(item: _Item) -> Tense:
    """The tense a mention places later times in; today ("i dag") is as much past as to come
    ("har i dag opstillet diger, og borgerne kan hente sandsække frem til midnat")."""
    spec = item.piece.spec
    if spec.shift_unit == "day" and spec.shift == 0 and spec.anchor == "dct" and spec.part is None \
            and spec.hour is None:  # not "i dag klokken 13", which is still to come or over
        return "none"
    return item.tense


def _names_year(item: _Item, resolution: Resolution, history: History) -> bool:
    """Whether a mention fixes the year for the bare months after it in its sentence:
    an explicit year, a year-long expression ("sidste år"), or a month that took its
    year that way ("i oktober og november")."""
    if item.since:
        return False  # "siden 2015 ... siden marts": this March
    if item.purpose and resolution.grain == "year":
        return False  # "regnskabet for 2014 offentliggøres i begyndelsen af marts": March 2015
    if item.year_given:
        return True
    if item.aside:
        return False  # "i forhold til sidste år, fordi det våde forår ...": this spring
    # a year-long expression, not a decade or century: those have no one year to give ("opført i
    # 1970'erne og har siden august været ...": this August); nor a genitive, which dates a noun, not
    # the sentence's other times ("næste års festival", "årets"); nor a count of years back or ahead,
    # which dates its own event ("fremsat for to år siden og vedtaget i foråret": this spring)
    if resolution.grain == "year":
        if item.genitive:  # unless it took the year its sentence named ("I 2014 lå årets ... i december")
            return resolution.anchor is AnchorKind.EXPRESSION
        return item.piece.spec.amount is None
    if not item.needs_year:
        return False
    previous = history.last
    return previous is not None and previous.sentence == item.sentence and previous.explicit_year


def _combine(composed: Composed, item: _Item, column: _Column, items: Sequence[_Item],
             within: str | None = None) -> TimeExpression | None:
    """One expression from its resolutions under every possible publication instant,
    with offsets into the text as given; ``within``: an imprecise publication date's
    year or month (``value_within``)."""
    # one shared resolution combines as itself (min, max and certain part of copies)
    found = [r for r in (column[:1] if column.shared else column) if r is not None]
    if not found:
        return None
    first = found[0]
    piece = item.piece
    if len(found) == 1:  # a precise publication time: one reading
        earliest, latest = first.start, first.end
    else:
        earliest = min((r.start for r in found if r.start is not None), default=None)
        latest = max((r.end for r in found if r.end is not None), default=None)
    anchor_piece = items[first.anchor_index].piece if first.anchor_index is not None else None
    start, end = composed.offset(piece.start), composed.offset(piece.end)
    return TimeExpression(
        start=start,
        end=end,
        text=composed.original[start:end],
        type=_type(piece, first),
        value=first.value if len(found) == 1 else value_within([r.value for r in found], within,
                                                               _counted(piece.spec) or _told_gone_in_year(item, within)),
        mod=piece.spec.mod,
        earliest=earliest,
        latest=latest,
        grain=first.grain,
        anchor=first.anchor,
        anchor_start=composed.offset(anchor_piece.start) if anchor_piece else None,
        anchor_end=composed.offset(anchor_piece.end) if anchor_piece else None,
        rule=piece.rule,
    )


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


def _told_gone_in_year(item: _Item, within: str | None) -> bool:
    """A quarter or half of no year told in the past, in an article dated only to the year ("Især
    fjerde kvartal skuffede" in an annual report of 2019): what most of its days make it (the year
    before), where a month or a date stays in the article's year."""
    spec = item.piece.spec
    return within is not None and len(within) == 4 and item.tense == "past" and spec.needs_year \
        and (spec.quarter is not None or spec.half is not None)


def _counted(spec: Spec) -> bool:
    """Whether a time is counted from the publication ("sidste sommer", "næste år", "i sidste uge")."""
    return spec.anchor == "dct" and (spec.shift_unit is not None or spec.year_shift is not None
                                     or spec.relation in ("before", "after"))


def _type(piece: Piece, resolution: Resolution) -> TimexType:
    kind = piece.spec.kind
    if kind == "duration":
        return TimexType.DURATION
    if kind == "set":
        return TimexType.SET
    if resolution.grain in ("minute", "hour", "part"):
        return TimexType.TIME
    return TimexType.DATE


__all__ = ["AnchorKind", "Readings", "extract", "extract_readings", "find_pieces"]
