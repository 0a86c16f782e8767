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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import pendulum
import spacy
from spacy.language import Language
from spacy.tokens import Span

from normalise import PublicationTime, TimeExpression, TimexType, extract_readings, parse_published
from normalise.extract import Interval, Readings
from timeline.event_words import event_words

# Sentence-initial words that make a sentence share the time of the one before.
_SAME_TIME_OPENERS = ("samtidig", "i den forbindelse", "imens", "i mellemtiden", "under angrebet")


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    start: int  # offset in the document text
    kind: str  # "noun", "verb" or "reporting"
    head: str  # the event noun's head ("angreb"), or the word itself


@dataclass(frozen=True, slots=True)
class Event:
    """One sentence's event, with its interval under every reading of the publication time."""

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
    inherited_from: int | None = None  # sentence number of the event it took its time from
    heads: frozenset[str] = frozenset()  # the event nouns the sentence mentions ("angreb")

    @property
    def event_id(self) -> str:
        return f"{self.doc_id}#{self.sentence}"

    @property
    def earliest(self) -> datetime | None:
        starts = [r[0] for r in self.readings if r is not None]
        return min(starts) if starts else None

    @property
    def latest(self) -> datetime | None:
        ends = [r[1] for r in self.readings if r is not None]
        return max(ends) if ends else None

    @property
    def is_dated(self) -> bool:
        return any(r is not None for r in self.readings)


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """A blank Danish pipeline with the engine's sentence splitter; built once per process."""
    nlp = spacy.blank("da")
    nlp.add_pipe("danish_sentences")
    return nlp


def document_events(doc_id: str, text: str, published: object, nlp: Language | None = None) -> list[Event]:
    """The events of one document, in text order. Raises PublishedDateError for a bad date."""
    publication = parse_published(published)
    readings = extract_readings(text, publication)
    doc = (nlp or default_nlp())(text)
    events: list[Event] = []
    for number, sentence in enumerate(doc.sents):
        events.append(_sentence_event(doc_id, str(published), number, sentence, readings, publication, events))
    return events


def _sentence_event(doc_id: str, published: str, number: int, sentence: Span, readings: Readings,
                    publication: PublicationTime, earlier: Sequence[Event]) -> Event:
    inside = [i for i, e in enumerate(readings.expressions) if sentence.start_char <= e.start < sentence.end_char]
    dating = [i for i in inside if _can_date(readings.expressions[i])]
    triggers = _triggers(sentence)
    base = dict(doc_id=doc_id, published=published, sentence=number, sentence_text=sentence.text.strip(),
                start=sentence.start_char, end=sentence.end_char,
                heads=frozenset(t.head for t in triggers if t.kind == "noun"))
    if dating:
        index, trigger = _best_pair(dating, triggers, readings.expressions)
        others = tuple(readings.expressions[i] for i in inside if i != index)
        intervals = tuple(run[index] for run in readings.intervals)
        return Event(**base, trigger=trigger, expression=readings.expressions[index], others=others,
                     dated_by="expression", readings=intervals)
    others = tuple(readings.expressions[i] for i in inside)
    source = _antecedent(sentence, triggers, earlier)
    if source is not None:
        trigger = _anaphor(triggers, source) or (triggers[0] if triggers else None)
        return Event(**base, trigger=trigger, expression=None, others=others, dated_by="inherited",
                     readings=source.readings, inherited_from=source.sentence)
    trigger = _main_trigger(triggers)
    if trigger is not None and trigger.kind == "reporting":
        return Event(**base, trigger=trigger, expression=None, others=others, dated_by="publication",
                     readings=_publication_readings(readings, publication))
    return Event(**base, trigger=trigger, expression=None, others=others, dated_by="undated", readings=())


def _can_date(expression: TimeExpression) -> bool:
    return expression.type in (TimexType.DATE, TimexType.TIME) and expression.earliest is not None \
        and not expression.value.endswith("_REF")


def _triggers(sentence: Span) -> list[Trigger]:
    words = event_words()
    found = []
    for token in sentence:
        kind = words.kind_of(token.text)
        if kind is not None:
            head = words.head_of(token.lower_) if kind == "noun" else token.lower_
            found.append(Trigger(token.text, token.idx, kind, head or token.lower_))
    return found


def _best_pair(dating: list[int], triggers: list[Trigger],
               expressions: Sequence[TimeExpression]) -> tuple[int, Trigger | None]:
    """The expression and trigger that stand closest; reporting verbs only when nothing else."""
    content = [t for t in triggers if t.kind != "reporting"] or triggers
    if not content:
        return dating[0], None

    def distance(pair: tuple[int, Trigger]) -> int:
        expression, trigger = expressions[pair[0]], pair[1]
        if trigger.start < expression.start:
            return expression.start - (trigger.start + len(trigger.text))
        return trigger.start - expression.end

    return min(((i, t) for i in dating for t in content), key=distance)


def _main_trigger(triggers: list[Trigger]) -> Trigger | None:
    content = [t for t in triggers if t.kind != "reporting"]
    reporting = [t for t in triggers if t.kind == "reporting"]
    if reporting and not [t for t in content if t.kind == "verb"]:
        return reporting[0]
    return (content or triggers or [None])[0]


def _antecedent(sentence: Span, triggers: list[Trigger], earlier: Sequence[Event]) -> Event | None:
    """The dated event a sentence clearly refers back to, if any."""
    dated = [e for e in earlier if e.is_dated and e.dated_by != "publication"]
    if not dated:
        return None
    opening = sentence.text.strip().lower()
    if opening.startswith(_SAME_TIME_OPENERS):
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
    return word.lower().endswith(("et", "en", "ene", "ets", "ens"))


def _publication_readings(readings: Readings, publication: PublicationTime) -> tuple[Interval | None, ...]:
    """The publication time's interval under each reading (its day when the clock is unknown)."""
    instants = readings.instants or tuple(publication.reference_times())
    if publication.precision == "minute":
        return tuple((i, pendulum.instance(i).add(minutes=1)) for i in instants)
    days = []
    for instant in instants:
        day = pendulum.instance(instant).start_of("day")
        days.append((day, day.add(days=1)))
    return tuple(days)
