"""A spaCy pipeline component: ``nlp.add_pipe("danish_timex")``.

Works on ``spacy.blank("da")`` or any Danish pipeline. Each expression becomes a
span in ``doc.spans["timex"]`` (label = TIMEX3 type) with ``span._.timex``, the
full ``TimeExpression``, and shortcuts ``span._.timex_value`` / ``timex_mod``.

The publication time comes from ``doc._.published`` when set, else from the
component's ``published`` setting; a doc with neither is left without spans
and ``doc._.timex_error`` says why.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from normalise.errors import PublishedDateError
from normalise.extract import extract
from normalise.sentences import sentence_starts
from normalise.timex import TimeExpression

SPANS_KEY = "timex"


def _register_extensions() -> None:
    for name in ("published", "timex_error"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("timex"):
        Span.set_extension("timex", default=None)
    if not Span.has_extension("timex_value"):
        Span.set_extension("timex_value", getter=lambda span: span._.timex.value if span._.timex else None)
    if not Span.has_extension("timex_mod"):
        Span.set_extension("timex_mod", getter=lambda span: span._.timex.mod if span._.timex else None)


class DanishTimex:
    """Finds Danish time expressions and stores them as spans."""

    def __init__(self, published: str | None = None, spans_key: str = SPANS_KEY) -> None:
        _register_extensions()
        self.published = published
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        published: Any = doc._.published or self.published
        if published is None:
            doc._.timex_error = "no publication time: set doc._.published or the component's 'published'"
            doc.spans[self.spans_key] = []
            return doc
        try:
            expressions = extract(doc.text, published)
        except PublishedDateError as err:
            doc._.timex_error = str(err)
            doc.spans[self.spans_key] = []
            return doc
        doc.spans[self.spans_key] = [span for e in expressions if (span := self._span(doc, e)) is not None]
        return doc

    def _span(self, doc: Doc, expression: TimeExpression) -> Span | None:
        span = doc.char_span(expression.start, expression.end, label=expression.type.value,
                             alignment_mode="expand")
        if span is not None:
            span._.timex = expression
        return span


@Language.factory(
    "danish_timex",
    default_config={"published": None, "spans_key": SPANS_KEY},
)
def make_danish_timex(nlp: Language, name: str, published: str | None, spans_key: str) -> DanishTimex:
    """spaCy factory for ``nlp.add_pipe("danish_timex", config={"published": "2020-01-08"})``."""
    return DanishTimex(published=published, spans_key=spans_key)


class DanishSentences:
    """Sentence boundaries from the engine's splitter (abbreviations such as "kl."
    and "ca." and ordinals such as "8. januar" do not end a sentence)."""

    def __call__(self, doc: Doc) -> Doc:
        starts = sentence_starts(doc.text)
        flags = numpy.full((len(doc), 1), -1, dtype="int32")  # -1: not a start (spaCy SENT_START)
        pointer = 0
        for token in doc:
            begins = token.i == 0
            while pointer < len(starts) and starts[pointer] <= token.idx:
                begins, pointer = True, pointer + 1
            if begins:
                flags[token.i, 0] = 1
        if len(doc):
            # one bulk write (setting tokens one by one is slow); spaCy reads -1 as uint64 (its
            # stubs name the array thinc's Ints2d)
            doc.from_array([SENT_START], flags.astype("uint64"))  # type: ignore[arg-type]
        return doc


@Language.factory("danish_sentences")
def make_danish_sentences(nlp: Language, name: str) -> DanishSentences:
    """spaCy factory: ``nlp.add_pipe("danish_sentences", first=True)`` on a blank Danish pipeline."""
    return DanishSentences()
