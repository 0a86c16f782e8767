"""Scoring: span matching, values (lists, midnight), ignore spans, and the gold reader."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import astuple
from pathlib import Path

import pytest

from normalise import TimeExpression, TimexType
from timeline.documents import Document
from timeline.evaluate import (
    PRF,
    Counts,
    Scores,
    canonical_value,
    render_errors,
    render_summary,
    score,
    score_document,
)
from timeline.gold import GoldDocument, GoldFormatError, GoldTimex, Span, load_gold

TEXT = "I går kom han. I dag rejser han klokken 20 til midnat. Det sker hver onsdag i tre uger."


def where(piece: str) -> tuple[int, int]:
    """The offsets of ``piece``, which must occur once in TEXT."""
    assert TEXT.count(piece) == 1, piece
    start = TEXT.index(piece)
    return start, start + len(piece)


def gold(
    piece: str, value: str | list[str], type: str = "DATE", mod: str | None = None
) -> GoldTimex:
    values = tuple(value) if isinstance(value, list) else (value,)
    return GoldTimex(*where(piece), piece, type, values, mod)


def pred(piece: str, value: str, type: str = "DATE", mod: str | None = None) -> TimeExpression:
    return TimeExpression(*where(piece), piece, TimexType(type), value, mod)


def doc(timexes: list[GoldTimex], ignore: Sequence[str] = (), doc_id: str = "d") -> GoldDocument:
    spans = tuple(Span(*where(piece), piece) for piece in ignore)
    return GoldDocument(Document(doc_id, TEXT, "2020-01-08", "test"), tuple(timexes), spans)


YESTERDAY = gold("I går", "2020-01-07")

CASES = [
    # (name, gold, ignore, predictions, expected counts)
    ("exact", [YESTERDAY], [], [pred("I går", "2020-01-07")],
     Counts(gold=1, predicted=1, strict=1, relaxed=1, value=1, type=1, mod=1)),
    ("overlap, wrong value", [YESTERDAY], [], [pred("går kom", "2020-01-08")],
     Counts(gold=1, predicted=1, relaxed=1, type=1, mod=1)),
    ("miss and spurious", [YESTERDAY], [], [pred("I dag", "2020-01-08")],
     Counts(gold=1, predicted=1)),
    ("no prediction", [YESTERDAY], [], [], Counts(gold=1)),
    ("one prediction over two gold", [YESTERDAY, gold("I dag", "2020-01-08")], [],
     [pred("I går kom han. I dag", "2020-01-07")],
     Counts(gold=2, predicted=1, relaxed=1, value=1, type=1, mod=1)),
    ("duplicate predictions match once", [YESTERDAY], [],
     [pred("I går", "2020-01-07"), pred("I går", "2020-01-07")],
     Counts(gold=1, predicted=2, strict=1, relaxed=1, value=1, type=1, mod=1)),
    ("augmenting path keeps both matches",
     [YESTERDAY, gold("kom han", "2020-01-07")], [],
     [pred("går kom", "2020-01-07"), pred("I g", "2020-01-07")],
     Counts(gold=2, predicted=2, relaxed=2, value=2, type=2, mod=2)),
    ("ignored prediction counts neither way", [YESTERDAY], ["hver onsdag"],
     [pred("I går", "2020-01-07"), pred("sker hver", "XXXX-WXX-3", "SET")],
     Counts(gold=1, predicted=1, ignored=1, strict=1, relaxed=1, value=1, type=1, mod=1)),
    ("list value", [gold("I går", ["2020-01-07", "2020-W02"])], [],
     [pred("I går", "2020-W02")],
     Counts(gold=1, predicted=1, strict=1, relaxed=1, value=1, type=1, mod=1)),
    ("gold midnight T24:00", [gold("midnat", "2020-01-08T24:00", "TIME")], [],
     [pred("midnat", "2020-01-09T00:00", "TIME")],
     Counts(gold=1, predicted=1, strict=1, relaxed=1, value=1, type=1, mod=1)),
    ("predicted midnight T24:00", [gold("midnat", "2020-01-09T00:00", "TIME")], [],
     [pred("midnat", "2020-01-08T24:00", "TIME")],
     Counts(gold=1, predicted=1, strict=1, relaxed=1, value=1, type=1, mod=1)),
    ("midnight of another day", [gold("midnat", "2020-01-08T24:00", "TIME")], [],
     [pred("midnat", "2020-01-08T00:00", "TIME")],
     Counts(gold=1, predicted=1, strict=1, relaxed=1, type=1, mod=1)),
    ("wrong type and mod", [gold("klokken 20", "2020-01-08T20:00", "TIME")], [],
     [pred("klokken 20", "2020-01-08T20:00", "DATE", "APPROX")],
     Counts(gold=1, predicted=1, strict=1, relaxed=1, value=1)),
    ("right mod", [gold("tre uger", "P3W", "DURATION", "MORE_THAN")], [],
     [pred("tre uger", "P3W", "DURATION", "MORE_THAN")],
     Counts(gold=1, predicted=1, strict=1, relaxed=1, value=1, type=1, mod=1)),
]


@pytest.mark.parametrize(
    ("timexes", "ignore", "predicted", "expected"),
    [pytest.param(*case, id=name) for name, *case in CASES],
)
def test_score_document(timexes: list[GoldTimex], ignore: list[str],
                        predicted: list[TimeExpression], expected: Counts) -> None:
    assert score_document(doc(timexes, ignore), predicted).counts == expected


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("2020-01-08T24:00", "2020-01-09T00:00"),
        ("2020-01-08T24:00:00", "2020-01-09T00:00"),
        ("2019-12-31T24:00", "2020-01-01T00:00"),
        ("2020-02-28T24:00", "2020-02-29T00:00"),
        ("2020-01-08T23:00", "2020-01-08T23:00"),
        ("2020-W02", "2020-W02"),
        ("PRESENT_REF", "PRESENT_REF"),
    ],
)
def test_canonical_value(value: str, canonical: str) -> None:
    assert canonical_value(value) == canonical


@pytest.mark.parametrize(
    ("correct", "predicted", "gold", "expected"),
    [
        (2, 3, 4, (2 / 3, 0.5, 4 / 7)),
        (0, 0, 5, (0.0, 0.0, 0.0)),
        (0, 0, 0, (0.0, 0.0, 0.0)),
        (3, 3, 3, (1.0, 1.0, 1.0)),
    ],
)
def test_prf(correct: int, predicted: int, gold: int, expected: tuple[float, float, float]) -> None:
    assert astuple(PRF.of(correct, predicted, gold)) == pytest.approx(expected)


def two_documents() -> tuple[list[GoldDocument], dict[str, list[TimeExpression]]]:
    """Gold 4, predicted 3 (plus one ignored), 2 values right, 3 relaxed, 2 strict."""
    first = doc([YESTERDAY, gold("I dag", "2020-01-08")], ["hver onsdag"], "first")
    second = doc([gold("klokken 20", "2020-01-08T20:00", "TIME"),
                  gold("midnat", "2020-01-08T24:00", "TIME")], doc_id="second")
    predictions = {
        "first": [pred("I går", "2020-01-07"), pred("dag rejser", "2020-01-09"),
                  pred("hver onsdag", "XXXX-WXX-3", "SET")],
        "second": [pred("midnat", "2020-01-09T00:00", "DATE")],
    }
    return [first, second], predictions


def score_two_documents() -> Scores:
    docs, predictions = two_documents()
    answers = iter(predictions[d.document.id] for d in docs)
    return score(docs, lambda text, published: next(answers))


def test_score_over_documents() -> None:
    scores = score_two_documents()
    assert scores.counts == Counts(gold=4, predicted=3, ignored=1, strict=2, relaxed=3,
                                   value=2, type=2, mod=3)
    assert astuple(scores.relaxed) == pytest.approx((1.0, 0.75, 6 / 7))
    assert astuple(scores.strict) == pytest.approx((2 / 3, 0.5, 4 / 7))
    assert astuple(scores.value) == pytest.approx((2 / 3, 0.5, 4 / 7))
    assert (scores.type_accuracy, scores.mod_accuracy) == pytest.approx((2 / 3, 1.0))


def test_render_summary_ends_with_value_f1() -> None:
    lines = render_summary(score_two_documents())
    assert lines[-1] == "value_f1=0.571"
    assert "relaxed span   P=1.000  R=0.750  F1=0.857" in lines


def test_render_errors_lists_misses_spurious_and_wrong_values() -> None:
    lines = render_errors(score_two_documents())
    assert lines == [
        "first",
        "  value     [15:20] 'I dag'  expected 2020-01-08  got 2020-01-09 from 'dag rejser'",
        "second",
        "  miss      [32:42] 'klokken 20'  expected 2020-01-08T20:00 (TIME)",
    ]


def test_spurious_is_listed() -> None:
    result = score_document(doc([]), [pred("I dag", "2020-01-08")])
    assert result.spurious == (pred("I dag", "2020-01-08"),)
    assert render_errors(Scores((result,))) == [
        "d", "  spurious  [15:20] 'I dag'  got 2020-01-08 (DATE)"]


GOLD_ROW = {
    "id": "g", "published": "2020-01-08", "text": "I går og i dag.",
    "timexes": [
        {"start": 0, "end": 5, "text": "I går", "type": "DATE", "value": "2020-01-07", "mod": None},
        {"start": 9, "end": 14, "text": "i dag", "type": "DATE",
         "value": ["2020-01-08", "PRESENT_REF"]},
    ],
    "ignore": [{"start": 6, "end": 8, "text": "og"}],
}


def write_gold(path: Path, *rows: dict) -> Path:
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_load_gold(tmp_path: Path) -> None:
    [loaded] = load_gold(write_gold(tmp_path / "gold.jsonl", GOLD_ROW))
    assert loaded.document.id == "g"
    assert [t.values for t in loaded.timexes] == [("2020-01-07",), ("2020-01-08", "PRESENT_REF")]
    assert loaded.ignore == (Span(6, 8, "og"),)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"timexes": [{"start": 0, "end": 4, "text": "I går", "type": "DATE", "value": "x"}]},
         "offsets 0:4"),
        ({"timexes": [{"start": 0, "end": 5, "text": "I går", "type": "DATE"}]},
         "lacks field 'value'"),
        ({"timexes": [{"start": 0, "end": 5, "text": "I går", "type": "DATE", "value": []}]},
         "value must be"),
        ({"published": "nonsense"}, "nonsense"),
        ({"text": ""}, "empty text"),
    ],
)
def test_bad_gold_names_the_line(tmp_path: Path, change: dict, message: str) -> None:
    path = write_gold(tmp_path / "gold.jsonl", GOLD_ROW, {**GOLD_ROW, **change})
    with pytest.raises(GoldFormatError, match=message) as raised:
        load_gold(path)
    assert str(raised.value).startswith(("g: ", f"{path}:2: "))


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="no such file"):
        load_gold(tmp_path / "absent.jsonl")
