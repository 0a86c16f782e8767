"""A document's sentences and words, as the event finder reads them.

Two sources give the same shape: the engine's own sentence splitter with a word
pattern (the default, and fast: no spaCy objects per token), or a spaCy ``Doc``
made by the user's own pipeline (a model's parser or sentencizer decides the
sentences, its tokenizer the words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normalise.frozen import loaded_by_slots
from normalise.sentences import sentence_starts

if TYPE_CHECKING:  # spaCy loads only for a user's pipeline
    from spacy.tokens import Doc

# Words as spaCy's Danish tokenizer splits them for the lookups that matter here:
# letters and digits, split at hyphens, apostrophes and punctuation.
WORD = re.compile(r"\w+")


@loaded_by_slots(unshared=("text",))  # made fast: a corpus has millions
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: offsets into the document text (no surrounding space) and its text."""

    start: int
    end: int
    text: str


Word = tuple[int, str]  # (offset in the document, word)


@dataclass(frozen=True, slots=True)
class Segmented:
    """A document's sentences and words, in text order."""

    sentences: list[Sentence]
    words: Iterable[Word] | None  # None: the words are those of ``WORD`` in the text


def plain_segments(text: str, starts: Sequence[int] | None = None) -> Segmented:
    """The engine splitter's sentences (stretches of only space are none); words by ``WORD``.
    ``starts``: the splitter's sentence starts in ``text`` when already known (the engine's)."""
    starts = sentence_starts(text) if starts is None else starts
    return Segmented(_trimmed_sentences(text, zip(starts, [*starts[1:], len(text)])), None)


def spacy_segments(doc: Doc) -> Segmented:
    """The sentences and tokens of a parsed ``Doc`` (tokens read as arrays, not objects)."""
    from spacy.attrs import IDX, LENGTH

    text = doc.text
    if not len(doc):
        return Segmented([], ())
    sentences = _trimmed_sentences(text, ((s.start_char, s.end_char) for s in doc.sents))
    words = ((int(idx), text[idx:idx + size]) for idx, size in doc.to_array([IDX, LENGTH]))
    return Segmented(sentences, (w for w in words if not w[1].isspace()))


def _trimmed_sentences(text: str, bounds: Iterable[tuple[int, int]]) -> list[Sentence]:
    """The sentences between ``bounds`` without the space around them; stretches of only space are none."""
    # (filled slot by slot, without the frozen class's ``__init__``: a setattr call per field)
    new = Sentence._from_slots  # type: ignore[attr-defined]
    trimmed = []
    for begin, end in bounds:
        chunk = text[begin:end]
        stripped = chunk.strip()  # the sentence's own text: text[first:first + len(stripped)]
        if stripped:
            first = begin + len(chunk) - len(chunk.lstrip())
            trimmed.append(new(first, first + len(stripped), stripped))
    return trimmed
