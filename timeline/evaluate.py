"""Score predicted time expressions against gold annotations.

Pure functions: ``score(gold_docs, predict)`` runs a predictor over gold
documents and returns ``Scores``; ``render_summary``/``render_errors`` turn
them into report lines. The measures:

- strict span P/R/F1: exact offsets;
- relaxed span P/R/F1: any character overlap, matched one to one;
- value P/R/F1 (TempEval-3): a prediction is right when it relaxed-matches a
  gold expression and its value equals the gold value (any of them when the
  gold value is a list); P = right/predicted, R = right/gold;
- type and mod accuracy over the relaxed matches.

Predictions that overlap a gold ``ignore`` span count neither way. A midnight
``YYYY-MM-DDT24:00`` equals ``T00:00`` of the next day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Protocol

from normalise import TimeExpression
from timeline.gold import GoldDocument, GoldTimex

Predict = Callable[[str, str | None], Sequence[TimeExpression]]

_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T24:00(?::00)?$")


class HasSpan(Protocol):
    """Anything with character offsets."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Counts:
    """Tallies for one document or a whole corpus (``predicted`` excludes ignored)."""

    gold: int = 0
    predicted: int = 0
    ignored: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    mod: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 (0.0 where undefined)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, correct: int, predicted: int, gold: int) -> PRF:
        """Scores for ``correct`` hits among ``predicted`` answers and ``gold`` targets."""
        precision, recall = ratio(correct, predicted), ratio(correct, gold)
        return cls(precision, recall, ratio(2 * precision * recall, precision + recall))


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """One document's tallies and its errors, for ``--errors``."""

    doc_id: str
    counts: Counts
    misses: tuple[GoldTimex, ...] = ()
    spurious: tuple[TimeExpression, ...] = ()
    wrong_values: tuple[tuple[GoldTimex, TimeExpression], ...] = ()


@dataclass(frozen=True, slots=True)
class Scores:
    """Corpus scores, micro-averaged over the documents."""

    documents: tuple[DocumentScore, ...]

    @property
    def counts(self) -> Counts:
        return sum((d.counts for d in self.documents), Counts())

    @property
    def strict(self) -> PRF:
        c = self.counts
        return PRF.of(c.strict, c.predicted, c.gold)

    @property
    def relaxed(self) -> PRF:
        c = self.counts
        return PRF.of(c.relaxed, c.predicted, c.gold)

    @property
    def value(self) -> PRF:
        c = self.counts
        return PRF.of(c.value, c.predicted, c.gold)

    @property
    def type_accuracy(self) -> float:
        return ratio(self.counts.type, self.counts.relaxed)

    @property
    def mod_accuracy(self) -> float:
        return ratio(self.counts.mod, self.counts.relaxed)


def ratio(part: float, whole: float) -> float:
    """``part / whole``, or 0.0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


def score(gold_docs: Iterable[GoldDocument], predict: Predict) -> Scores:
    """Run ``predict(text, published)`` on every gold document and score it."""
    return Scores(tuple(
        score_document(gold, predict(gold.document.text, gold.document.published))
        for gold in gold_docs
    ))


def score_document(gold: GoldDocument, predicted: Sequence[TimeExpression]) -> DocumentScore:
    """Score one document's predictions against its gold annotations."""
    kept = [p for p in predicted if not any(overlap(p, span) for span in gold.ignore)]
    matched = match_relaxed(gold.timexes, kept)
    gold_hit, kept_hit = {g for g, _ in matched}, {p for _, p in matched}
    pairs = [(gold.timexes[g], kept[p]) for g, p in matched]
    return DocumentScore(
        gold.document.id,
        _counts(gold.timexes, kept, pairs, ignored=len(predicted) - len(kept)),
        misses=tuple(g for i, g in enumerate(gold.timexes) if i not in gold_hit),
        spurious=tuple(p for i, p in enumerate(kept) if i not in kept_hit),
        wrong_values=tuple((g, p) for g, p in pairs if not value_matches(p.value, g.values)),
    )


def _counts(
    gold: Sequence[GoldTimex],
    kept: Sequence[TimeExpression],
    pairs: Sequence[tuple[GoldTimex, TimeExpression]],
    ignored: int,
) -> Counts:
    return Counts(
        gold=len(gold),
        predicted=len(kept),
        ignored=ignored,
        strict=count_strict(gold, kept),
        relaxed=len(pairs),
        value=sum(value_matches(p.value, g.values) for g, p in pairs),
        type=sum(p.type == g.type for g, p in pairs),
        mod=sum((p.mod or None) == g.mod for g, p in pairs),
    )


def overlap(a: HasSpan, b: HasSpan) -> int:
    """How many characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def count_strict(gold: Sequence[HasSpan], predicted: Sequence[HasSpan]) -> int:
    """Exact-offset matches, one to one."""
    spans = Counter((g.start, g.end) for g in gold) & Counter((p.start, p.end) for p in predicted)
    return sum(spans.values())


def match_relaxed(
    gold: Sequence[GoldTimex], predicted: Sequence[TimeExpression]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of overlapping spans, as (gold, prediction) indices.

    Each prediction tries first the gold expressions whose value it gets right,
    then the larger overlaps (augmenting paths, so no greedy choice loses a match).
    """
    candidates = [_candidates(gold, p) for p in predicted]
    owner: dict[int, int] = {}
    for index in range(len(predicted)):
        _augment(index, candidates, owner, set())
    return sorted(owner.items())


def _candidates(gold: Sequence[GoldTimex], prediction: TimeExpression) -> list[int]:
    def preference(index: int) -> tuple[bool, int, int]:
        wrong = not value_matches(prediction.value, gold[index].values)
        return wrong, -overlap(gold[index], prediction), index

    return sorted((i for i, g in enumerate(gold) if overlap(g, prediction)), key=preference)


def _augment(
    index: int, candidates: list[list[int]], owner: dict[int, int], seen: set[int]
) -> bool:
    """Kuhn's augmenting path: give prediction ``index`` a gold partner if possible."""
    for gold_index in candidates[index]:
        if gold_index in seen:
            continue
        seen.add(gold_index)
        if gold_index not in owner or _augment(owner[gold_index], candidates, owner, seen):
            owner[gold_index] = index
            return True
    return False


def value_matches(predicted: str, accepted: Sequence[str]) -> bool:
    """True when ``predicted`` equals one of the ``accepted`` values (midnight-aware)."""
    return canonical_value(predicted) in {canonical_value(v) for v in accepted}


def canonical_value(value: str) -> str:
    """The value to compare: ``YYYY-MM-DDT24:00`` becomes the next day at ``T00:00``."""
    value = value.strip()
    match = _MIDNIGHT.match(value)
    if match is None:
        return value
    next_day = date.fromisoformat(match.group(1)) + timedelta(days=1)
    return f"{next_day.isoformat()}T00:00"


def render_summary(scores: Scores) -> list[str]:
    """The score table; its last line is ``value_f1=0.xxx``."""
    c = scores.counts
    return [
        (f"documents {len(scores.documents)}  gold {c.gold}  predicted {c.predicted}"
        f"  ignored {c.ignored}"),
        _accuracy_line("type accuracy", scores.type_accuracy, c.type, c.relaxed),
        _accuracy_line("mod accuracy", scores.mod_accuracy, c.mod, c.relaxed),
        _prf_line("strict span", scores.strict),
        _prf_line("relaxed span", scores.relaxed),
        _prf_line("value", scores.value),
        f"value_f1={scores.value.f1:.3f}",
    ]


def render_files(scored: Sequence[tuple[str, Scores]]) -> list[str]:
    """One line per gold file, as named in ``scored`` (name, its scores): documents, gold
    expressions, relaxed span F1 and value F1, to read beside the whole table."""
    width = max((len(name) for name, _ in scored), default=4)
    lines = [f"{'file':<{width}}  {'documents':>9}  {'gold':>6}  {'relaxed_f1':>10}  {'value_f1':>8}"]
    for name, scores in scored:
        counts = scores.counts
        lines.append(f"{name:<{width}}  {len(scores.documents):>9}  {counts.gold:>6}  "
                     f"{scores.relaxed.f1:>10.3f}  {scores.value.f1:>8.3f}")
    return lines


def combined(scored: Iterable[Scores]) -> Scores:
    """The scores of several gold files as one corpus (micro-averaged over all their documents)."""
    return Scores(tuple(document for scores in scored for document in scores.documents))


def render_errors(scores: Scores) -> list[str]:
    """Misses, spurious predictions and wrong values, grouped by document."""
    lines: list[str] = []
    for doc in scores.documents:
        found = _error_lines(doc)
        if found:
            lines += [doc.doc_id, *found]
    return lines


def _accuracy_line(label: str, accuracy: float, right: int, matches: int) -> str:
    return f"{label:<14} {accuracy:.3f}  ({right} of {matches} relaxed matches)"


def _prf_line(label: str, prf: PRF) -> str:
    return f"{label:<14} P={prf.precision:.3f}  R={prf.recall:.3f}  F1={prf.f1:.3f}"


def _error_lines(doc: DocumentScore) -> list[str]:
    return [
        *(f"  miss      {_where(g)}  expected {_values(g)} ({g.type})" for g in doc.misses),
        *(f"  spurious  {_where(p)}  got {p.value} ({p.type.value})" for p in doc.spurious),
        *(f"  value     {_where(g)}  expected {_values(g)}  got {p.value}{_as_text(g, p)}"
          for g, p in doc.wrong_values),
    ]


def _where(span: GoldTimex | TimeExpression) -> str:
    return f"[{span.start}:{span.end}] {span.text!r}"


def _values(gold: GoldTimex) -> str:
    return " | ".join(gold.values)


def _as_text(gold: GoldTimex, predicted: TimeExpression) -> str:
    return "" if predicted.text == gold.text else f" from {predicted.text!r}"
