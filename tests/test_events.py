"""Events, their dating and their order, on the sample article and on small texts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline.builder import build, build_with_failures
from timeline.documents import read_path

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "ain-al-asad.txt"


def _sample(published: str) -> pd.DataFrame:
    return build(read_path(SAMPLE, published)).events


def _rank(events: pd.DataFrame, trigger: str, expression: str) -> int:
    row = events[(events.trigger == trigger) & (events.expression == expression)]
    assert len(row) == 1, f"no single event {trigger!r} / {expression!r}"
    return int(row["rank"].iloc[0])


@pytest.mark.parametrize("published", ["2020-01-08T01:15", "2020-01"])
def test_sample_article_order(published: str) -> None:
    """The issue's order: December attack < Soleimani killing < first impact < Forsvaret's statement."""
    events = _sample(published)
    attack = _rank(events, "missilangreb", "begyndelsen af december")
    killing = _rank(events, "drab", "sidste uge")
    impact = _rank(events, "nedslag", "omkring klokken 00.30 dansk tid")
    statement = _rank(events, "oplyser", "kort før klokken et natten til onsdag")
    assert attack < killing < impact < statement


def test_month_precision_widens_the_events() -> None:
    precise = _sample("2020-01-08T01:15").set_index("event_id")
    month = _sample("2020-01").set_index("event_id")
    killing = precise.index[precise.expression == "sidste uge"][0]
    assert month.loc[killing, "earliest"] < precise.loc[killing, "earliest"]
    assert month.loc[killing, "latest"] > precise.loc[killing, "latest"]


def test_every_sentence_is_listed_and_undated_ones_last() -> None:
    events = _sample("2020-01-08T01:15")
    assert len(events) == 22  # every sentence of the article, none dropped
    undated = events[events.dated_by == "undated"]
    assert not undated.empty and (undated["rank"] == events["rank"].max()).all()
    assert undated["earliest"].isna().all()


def test_inherited_and_reporting_events() -> None:
    text = ("Et missilangreb ramte basen i begyndelsen af december. "
            "Ingen kom noget til i angrebet, meddelte Forsvaret. "
            "Det skriver Ritzau. Basen ligger i Irak.")
    events = build([("a", text, "2020-01-08T01:15")]).events.set_index("sentence")
    assert events.loc[1, "dated_by"] == "inherited"
    assert events.loc[1, "earliest"] == events.loc[0, "earliest"]
    assert events.loc[2, "dated_by"] == "publication"
    assert events.loc[3, "dated_by"] == "undated"


def test_the_expression_nearest_the_event_dates_it() -> None:
    text = "Angrebet i går kom efter drabet på generalen i sidste uge."
    row = build([("a", text, "2020-01-08")]).events.iloc[0]
    assert (row.trigger, row.expression) in {("Angrebet", "i går"), ("drabet", "sidste uge")}
    assert row.other_expressions  # the other expression is kept


def test_signal_relation_after() -> None:
    text = ("Et missilangreb ramte basen natten til onsdag. "
            "Angrebet sker i kølvandet på drabet på generalen i sidste uge.")
    relations = build([("a", text, "2020-01-08T01:15")]).relations
    signalled = relations[relations.evidence == "i kølvandet på"]
    assert signalled[["source", "target", "relation"]].values.tolist() == [["a#0", "a#1", "AFTER"]]


def test_cross_document_order_with_uncertainty() -> None:
    docs = [("late", "Mødet blev holdt i går.", "2020-02"), ("early", "Mødet blev holdt i går.", "2020-01-15")]
    events = build(docs).events
    assert events.doc_id.tolist() == ["early", "late"]
    assert 0.5 < events.certainty.iloc[1] <= 1.0


def test_bad_publication_date_is_reported_not_raised() -> None:
    built = build_with_failures([("ok", "Det skete i går.", "2020-01-08"), ("bad", "Det skete i går.", "nonsense"),
                                 {"id": "nope"}])
    assert built.timeline.events.doc_id.tolist() == ["ok"]
    assert [f.doc_id for f in built.failures] == ["bad", "nope"]


def test_lone_surrogates_from_python_code_read_as_replacement_characters(tmp_path: Path,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    """A dict, tuple or Document made in Python can hold "\\ud800", which no UTF-8 holds: the
    events are still tabled and written, with U+FFFD in its place (offsets unchanged)."""
    from timeline.documents import Document
    from timeline.exports import export

    timeline = build([{"id": "a\ud800", "text": "I går \ud800 brændte et hus.", "published": "2020-01-08"},
                      ("b", "I dag \udfff regner det.", "2020-01-08"),
                      Document("c", "Mandag \udc80 kom svaret.", "2020-01-08", "<python>", {"outlet": "\ud83d"})])
    events = timeline.events.set_index("doc_id")
    assert events.loc["a\ufffd", "sentence_text"] == "I går \ufffd brændte et hus."
    assert events.loc["a\ufffd", "value"] == "2020-01-07"
    assert events.loc["b", "value"] == "2020-01-08"
    assert events.loc["c", "sentence_text"] == "Mandag \ufffd kom svaret."
    assert timeline.documents["b"] == "I dag \ufffd regner det."
    export(timeline, tmp_path / "events.csv")
    assert "I går \ufffd brændte" in (tmp_path / "events.csv").read_text(encoding="utf-8")
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["a\ufffd", "b", "c"]


def _read(path: Path) -> tuple[str, str]:
    """(text, published) of a sample file, read as the command line reads it."""
    [document] = list(read_path(path))
    return document.text, document.published


def test_a_users_spacy_pipeline_decides_the_sentences_and_words() -> None:
    """Any Danish pipeline with sentences will do (here a rule-based sentencizer): the
    events follow its sentences, and the triggers are its tokens."""
    import spacy

    from timeline.events import document_events

    text, published = _read(SAMPLE)
    nlp = spacy.blank("da")
    nlp.add_pipe("sentencizer")
    theirs = document_events("a", text, published, nlp=nlp)
    doc = nlp(text)
    assert [e.sentence_text for e in theirs] == [s.text.strip() for s in doc.sents if s.text.strip()]
    tokens = {t.idx: t.text for t in doc}
    for event in theirs:
        assert text[event.start:event.end].strip() == event.sentence_text
        assert event.trigger is None or tokens.get(event.trigger.start) == event.trigger.text


def test_the_default_sentences_are_those_of_the_spacy_component() -> None:
    """Without a pipeline the engine's splitter is read directly: the same sentences and
    triggers as the blank Danish pipeline with the ``danish_sentences`` component."""
    from timeline.events import default_nlp, document_events

    for path in sorted(SAMPLE.parent.glob("*.txt")):
        text, published = _read(path)
        plain = document_events("a", text, published)
        piped = document_events("a", text, published, nlp=default_nlp())
        assert [(e.start, e.end, e.trigger, e.expression) for e in plain] == \
            [(e.start, e.end, e.trigger, e.expression) for e in piped], path.name


@pytest.mark.parametrize("item", [42, ("a", "Mødet var i går."), "Mødet var i går."])
def test_build_names_what_a_document_must_be(item: object) -> None:
    """Not "cannot unpack non-iterable int object": the forms a document may take, and what came."""
    with pytest.raises(TypeError, match=r"an \(id, text, published\) tuple; got (int|tuple|str) "):
        build([item])  # type: ignore[list-item]


def test_a_text_that_names_its_publication_day_narrows_its_own_events() -> None:
    """Published "2018-07", the text says "i dag, torsdag den 26. juli": its events are dated from
    that day, and ``narrowed_by`` names the document itself (the chart's hover says so)."""
    text = ("Varmen fortsætter i dag, torsdag den 26. juli, siger DMI. Natten til fredag bliver tropisk.\n\n"
            "Badevandet er rent.")
    pinned = build([("hede", text, "2018-07"), ("other", "Natten til fredag bliver tropisk.", "2018-07")]).events
    rows = pinned.set_index("event_id")
    assert rows.loc["hede#1", "value"] == "2018-07-26TNI"
    assert rows.loc["hede#1", "earliest"] == pd.Timestamp("2018-07-26T22:00", tz="Europe/Copenhagen")
    assert rows.loc["hede#0", "narrowed_by"] == rows.loc["hede#1", "narrowed_by"] == "hede"
    assert rows.loc["hede#2", "narrowed_by"] == ""  # undated: nothing to narrow
    assert rows.loc["other#0", "narrowed_by"] == "" and rows.loc["other#0", "value"] == "2018-WXX-4TNI"
