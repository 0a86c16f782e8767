"""Events: what a time expression dates, one per sentence, with the word that names it.

For each sentence: the trigger (an event noun such as ``missilangreb``, an
event verb such as ``ramte``, or a reporting verb such as ``oplyser``) and
the time expression that dates it — the pair that stands closest together, so
``... drab på ... general ... i sidste uge`` dates the killing. A sentence with
no time of its own inherits one where the evidence is clear (``i angrebet``
after a dated ``missilangreb``; ``samtidig``), a reporting sentence takes the
publication time, and the rest stay undated: listed, never dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

import pendulum

from normalise import PublicationTime, TimeExpression, TimexType, extract_readings, parse_published
from normalise import calendar as cal
from normalise.extract import Interval, Readings
from normalise.frozen import loaded_by_slots
from timeline.event_words import event_words
from timeline.places import Place, place_of
from timeline.segments import WORD, Sentence, Word, plain_segments, spacy_segments

if TYPE_CHECKING:  # spaCy loads only when a pipeline is used (workers start faster)
    from spacy.language import Language

T = TypeVar("T")


def event_id_of(doc_id: str, sentence: int) -> str:
    """An event's stable id: its document's id and the number of its sentence (``doc.txt#3``)."""
    return f"{doc_id}#{sentence}"


@loaded_by_slots
@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    start: int  # offset in the document text
    kind: str  # "noun", "verb" or "reporting"
    head: str  # the event noun's head ("angreb"), or the word itself


@loaded_by_slots(unshared=("sentence_text",))  # workers send millions of events: load them fast
@dataclass(frozen=True, slots=True)
class Event:
    """One sentence's event, with its interval under the readings of the publication time.

    ``hull`` spans every reading; ``readings`` holds at most ``MAX_READINGS`` of
    them (the same ones for every event of a document, in the same order), which
    is what ordering compares.
    """

    doc_id: str
    published: str
    sentence: int
    sentence_text: str
    start: int
    end: int
    trigger: Trigger | None
    expression: TimeExpression | None
    others: tuple[TimeExpression, ...]
    dated_by: str  # "expression", "inherited", "publication" or "undated"
    readings: tuple[Interval | None, ...]
    hull: Interval | None = None
    inherited_from: int | None = None  # sentence number of the event it took its time from
    heads: frozenset[str] = frozenset()  # the event nouns the sentence mentions ("angreb")
    # ``timeline.places``: the representative time under each reading and their median, for
    # ordering (worked out here, in the worker, not in the process that orders the corpus)
    places: tuple[float | None, ...] = ()
    middle: float | None = None
    # whether the sentence has an order signal ("i kølvandet på") or opens with a sequence
    # adverb ("Senere"): ``ordering.signal_relations`` reads these sentences only
    signalled: bool = True
    # the document's text named its publication day, more precise than ``published``
    # (``Readings.pinned``): its interval is narrowed by its own text
    pinned: bool = False

    @property
    def event_id(self) -> str:
        return event_id_of(self.doc_id, self.sentence)

    @property
    def earliest(self) -> datetime | None:
        return self.hull[0] if self.hull is not None else None

    @property
    def latest(self) -> datetime | None:
        return self.hull[1] if self.hull is not None else None

    @property
    def is_dated(self) -> bool:
        return self.hull is not None


# Readings an event carries for ordering. A year-precise publication time has 366:
# evenly spaced samples (first and last kept) decide order as well, at a tenth of the cost.
MAX_READINGS = 32


@dataclass(frozen=True, slots=True)
class _Dating:
    """What an event takes its time from: readings (sampled) and their hull (exact)."""

    readings: tuple[Interval | None, ...]
    hull: Interval | None


_UNDATED = _Dating((), None)
_NO_HEADS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Document:
    """What each sentence of a document reads to find its event."""

    doc_id: str
    published: str
    expressions: tuple[TimeExpression, ...]
    datings: list[_Dating]  # one per expression
    on_publication: _Dating
    pinned: bool  # ``Readings.pinned``
    head_sets: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)  # each distinct set once
    placed: dict[tuple[int, str | None], Place] = field(default_factory=dict)  # (id of readings, mod) -> Place

    def shared(self, heads: frozenset[str]) -> frozenset[str]:
        """``heads``, or the equal set an earlier sentence of the document has: events share their
        sets (a few distinct ones per document), so a parcel of events pickles and loads each once."""
        return self.head_sets.setdefault(heads, heads)

    def place(self, dating: _Dating, mod: str | None) -> Place:
        """The place of events with this dating and mod: worked out once, shared (pickled once)."""
        key = (id(dating.readings), mod)  # the datings live as long as the document
        found = self.placed.get(key)
        if found is None:
            found = self.placed[key] = place_of(dating.readings, mod)
        return found


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """A blank Danish pipeline with the engine's sentence splitter; built once per process."""
    import spacy

    nlp = spacy.blank("da")
    nlp.add_pipe("danish_sentences")
    return nlp


def document_events(doc_id: str, text: str, published: object, nlp: Language | None = None) -> list[Event]:
    """The events of one document, in text order. Raises PublishedDateError for a bad date.

    ``nlp``: a spaCy pipeline whose sentences and tokens to use (a Danish model, say);
    by default the engine's own sentence splitter, which is what ``default_nlp`` runs too.
    """
    publication = parse_published(published)
    readings = extract_readings(text, publication)
    segmented = plain_segments(text, readings.sentence_starts) if nlp is None else spacy_segments(nlp(text))
    document = _Document(doc_id, str(published), readings.expressions, _expression_datings(readings),
                         _publication_dating(readings, publication), readings.pinned)
    sentences = segmented.sentences
    found = _triggers(text, segmented.words)
    triggers = _by_sentence(found, [t.start for t in found], sentences)
    inside = _by_sentence(range(len(document.expressions)), [e.start for e in document.expressions], sentences)
    events: list[Event] = []
    dated: list[Event] = []  # the events so far that a later sentence may take its time from
    for number, sentence in enumerate(sentences):
        event = _sentence_event(document, number, sentence, triggers[number], inside[number], dated)
        events.append(event)
        if event.is_dated and event.dated_by != "publication":
            dated.append(event)
    return events


def _by_sentence(items: Iterable[T], offsets: Sequence[int], sentences: Sequence[Sentence]) -> list[list[T]]:
    """``items`` (in text order, at ``offsets``) grouped by the sentence they fall in; items
    before the first sentence or in the space between two are left out."""
    starts = [s.start for s in sentences]
    groups: list[list[T]] = [[] for _ in sentences]
    for item, offset in zip(items, offsets):
        where = bisect_right(starts, offset) - 1
        if where >= 0 and offset < sentences[where].end:
            groups[where].append(item)
    return groups


def _sentence_event(document: _Document, number: int, sentence: Sentence, triggers: list[Trigger],
                    inside: list[int], dated: Sequence[Event]) -> Event:
    """The event of one sentence, given its triggers, its expressions (by index) and the
    dated events before it."""
    expressions = document.expressions
    # most sentences have no expression, many no event word: nothing to look through then
    dating = [i for i in inside if _can_date(expressions[i])] if inside else []
    heads = document.shared(frozenset(t.head for t in triggers if t.kind == "noun")) if triggers else _NO_HEADS
    if dating:
        index, trigger = _best_pair(dating, triggers, expressions)
        others = tuple(expressions[i] for i in inside if i != index)
        return _event(document, number, sentence, heads, trigger, others, "expression", document.datings[index],
                      expression=expressions[index])
    others = tuple(expressions[i] for i in inside) if inside else ()
    source = _antecedent(sentence, triggers, dated)
    if source is not None:
        trigger = _anaphor(triggers, source) or (triggers[0] if triggers else None)
        return _event(document, number, sentence, heads, trigger, others, "inherited",
                      _Dating(source.readings, source.hull), inherited_from=source.sentence)
    trigger = _main_trigger(triggers)
    if trigger is not None and trigger.kind == "reporting":
        return _event(document, number, sentence, heads, trigger, others, "publication", document.on_publication)
    return _event(document, number, sentence, heads, trigger, others, "undated")


def _event(document: _Document, number: int, sentence: Sentence, heads: frozenset[str], trigger: Trigger | None,
           others: tuple[TimeExpression, ...], dated_by: str, dating: _Dating = _UNDATED,
           expression: TimeExpression | None = None, inherited_from: int | None = None) -> Event:
    """A sentence's ``Event``; undated unless a ``dating`` is given."""
    places, middle = document.place(dating, expression.mod if expression is not None else None) \
        if dating.hull is not None else ((), None)
    text = sentence.text.strip()
    return Event(doc_id=document.doc_id, published=document.published, sentence=number,
                 sentence_text=text, start=sentence.start, end=sentence.end, trigger=trigger,
                 expression=expression, others=others, dated_by=dated_by, readings=dating.readings,
                 hull=dating.hull, inherited_from=inherited_from, heads=heads, places=places, middle=middle,
                 signalled=_signalled(text, trigger), pinned=document.pinned and dating.hull is not None)


def _signalled(text: str, trigger: Trigger | None) -> bool:
    """Whether ``ordering.signal_relations`` may find a relation in a sentence: a signal word
    beside its event's word, or a sequence adverb first."""
    signals, openings = _order_cues()
    return (trigger is not None and signals.search(text) is not None) or openings.match(text) is not None


@lru_cache(maxsize=1)
def _order_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The lexicon's signal and sequence-adverb patterns, looked up once: through
    ``event_words()`` and the two properties it is five cached calls, once per sentence of a corpus."""
    words = event_words()
    return words.signal_pattern, words.opening_pattern


def _sampled(count: int) -> list[int]:
    """Which of ``count`` readings events carry: all, or ``MAX_READINGS`` evenly spaced."""
    if count <= MAX_READINGS:
        return list(range(count))
    return sorted({round(k * (count - 1) / (MAX_READINGS - 1)) for k in range(MAX_READINGS)})


_START, _END = itemgetter(0), itemgetter(1)


def _dating(intervals: Sequence[Interval | None], kept: Sequence[int]) -> _Dating:
    """The ``kept`` readings of ``intervals``, and the hull of all (C loops: a year has 366)."""
    known = list(filter(None, intervals))  # an interval is a non-empty tuple: only None drops
    if len(known) == 1:  # the hull of one interval is that interval: shared, not copied (pickles once)
        hull: Interval | None = known[0]
    else:
        hull = (min(map(_START, known)), max(map(_END, known))) if known else None
    return _Dating(tuple(map(intervals.__getitem__, kept)), hull)


def _expression_datings(readings: Readings) -> list[_Dating]:
    """Each expression's sampled readings and exact hull."""
    kept = _sampled(len(readings.intervals))
    if not readings.intervals:  # no reading at all: none for any expression
        return [_dating((), kept) for _ in readings.expressions]
    return [_dating(column, kept) for column in zip(*readings.intervals)]  # a column per expression


def _can_date(expression: TimeExpression) -> bool:
    return expression.type in (TimexType.DATE, TimexType.TIME) and expression.earliest is not None \
        and not expression.value.endswith("_REF")


def _triggers(text: str, words: Iterable[Word] | None) -> list[Trigger]:
    """The event words among a pipeline's ``words``, or among the text's pattern words."""
    lexicon = event_words()
    if words is None:
        return [Trigger(word, offset, kind, head) for offset, word, kind, head in lexicon.find_in_text(text, WORD)]
    return [Trigger(word, offset, *entry) for offset, word in words if (entry := lexicon.entry(word)) is not None]


def _best_pair(dating: list[int], triggers: list[Trigger],
               expressions: Sequence[TimeExpression]) -> tuple[int, Trigger | None]:
    """The expression and trigger that stand closest; reporting verbs only when nothing else."""
    content = [t for t in triggers if t.kind != "reporting"] or triggers
    if not content:
        return dating[0], None
    if len(dating) == 1 and len(content) == 1:  # one pair, as most dated sentences have: nothing to compare
        return dating[0], content[0]

    def distance(pair: tuple[int, Trigger]) -> int:
        expression, trigger = expressions[pair[0]], pair[1]
        if trigger.start < expression.start:
            return expression.start - (trigger.start + len(trigger.text))
        return trigger.start - expression.end

    return min(((i, t) for i in dating for t in content), key=distance)


def _main_trigger(triggers: list[Trigger]) -> Trigger | None:
    """The word a sentence with no time of its own is about: its first reporting verb when
    it has no event verb, else its first event word."""
    if not triggers:
        return None
    content = [t for t in triggers if t.kind != "reporting"]
    reporting = [t for t in triggers if t.kind == "reporting"]
    if reporting and not [t for t in content if t.kind == "verb"]:
        return reporting[0]
    return (content or triggers)[0]


def _antecedent(sentence: Sentence, triggers: list[Trigger], dated: Sequence[Event]) -> Event | None:
    """The event among the ``dated`` ones before a sentence that it clearly refers back to, if any."""
    if not dated:
        return None
    opening = sentence.text.strip().lower()
    if opening.startswith(event_words().same_time_openers):
        return dated[-1]
    for trigger in triggers:
        if trigger.kind == "noun" and _is_definite(trigger.text):
            for event in reversed(dated):
                if trigger.head in event.heads:
                    return event
    return None


def _anaphor(triggers: list[Trigger], source: Event) -> Trigger | None:
    return next((t for t in triggers if t.kind == "noun" and t.head in source.heads), None)


def _is_definite(word: str) -> bool:
    """"angrebet", "ulykken", "drabene": the definite forms that refer back."""
    return word.lower().endswith(event_words().definite_endings)


def _publication_dating(readings: Readings, publication: PublicationTime) -> _Dating:
    """The publication time's interval under each reading (its day when the clock is unknown)."""
    instants = readings.instants or tuple(publication.reference_times())
    if publication.precision == "minute":
        intervals = [(i, pendulum.instance(i).add(minutes=1)) for i in instants]
    else:  # the calendar's cached days (a year-dated article has 366 readings)
        intervals = [(day.start, day.end) for day in map(cal.day_frame, map(cal.day_of, instants))]
    return _dating(intervals, _sampled(len(intervals)))
