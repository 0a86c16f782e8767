"""The library API: types, offsets, anchors, imprecise publication times, errors, spaCy."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
import spacy

from normalise import (
    AnchorKind,
    PublishedDateError,
    TimeExpression,
    TimexType,
    extract,
    parse_published,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "ain-al-asad.txt"


def _sample_text() -> str:
    raw = SAMPLE.read_text(encoding="utf-8")
    return raw.split("2020-01", 1)[1].lstrip()


def _local(moment: datetime | None) -> str:
    assert moment is not None
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_expression_is_immutable_and_offsets_point_into_text() -> None:
    text = "Han kom hjem i går efter tre dage på hospitalet."
    found = extract(text, "2020-01-08")
    assert [(e.text, e.type, e.value) for e in found] == [
        ("i går", TimexType.DATE, "2020-01-07"), ("tre dage", TimexType.DURATION, "P3D")]
    for expression in found:
        assert text[expression.start:expression.end] == expression.text
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].value = "x"  # type: ignore[misc]


def test_duration_and_set_have_no_interval() -> None:
    found = extract("Han trænede i tre timer hver onsdag.", "2020-01-08")
    assert [(e.type, e.earliest, e.latest) for e in found] == [
        (TimexType.DURATION, None, None), (TimexType.SET, None, None)]


def test_anchor_kinds() -> None:
    text = "Han blev anholdt den 3. marts 2019. Dagen efter blev han løsladt i går."
    found = {e.text: e for e in extract(text, "2020-01-08")}
    assert found["den 3. marts 2019"].anchor is AnchorKind.NONE
    assert found["Dagen efter"].anchor is AnchorKind.EXPRESSION
    assert (found["Dagen efter"].anchor_start, found["Dagen efter"].value) == (17, "2019-03-04")
    assert found["i går"].anchor is AnchorKind.PUBLICATION


@pytest.mark.parametrize("published", ["2020-01-08", date(2020, 1, 8), datetime(2020, 1, 8, 1, 15),
                                       "2020-01-08T01:15", "2020-01-08T00:15Z", "8. januar 2020"])
def test_published_forms(published: object) -> None:
    assert [e.value for e in extract("Det skete i går.", published)] == ["2020-01-07"]


@pytest.mark.parametrize("published", ["", "nonsense", "i går", "2020-13", "2020-02-30", 20200108])
def test_unreadable_publication_time_is_a_clear_error(published: object) -> None:
    with pytest.raises(PublishedDateError):
        extract("Det skete i går.", published)


@pytest.mark.parametrize("text", ["", "   ", "Ingen tid her.", "\x00\x01", "2-1 til FCK"])
def test_no_expression_is_an_empty_list(text: str) -> None:
    assert extract(text, "2020-01-08") == []


def test_month_precision_widens_nights_over_every_possible_day() -> None:
    """The issue's example: with published=2020-01 'natten til onsdag' covers every such night."""
    nights = [e for e in extract(_sample_text(), "2020-01") if e.text == "natten til onsdag"]
    assert nights
    first = nights[0]
    assert (_local(first.earliest), _local(first.latest)) == ("2019-12-31T22:00", "2020-01-29T06:00")
    assert first.value == "2020-WXX-2TNI"  # only the weekday (Tuesday night) is certain


def test_month_precision_keeps_certain_values() -> None:
    found = {e.text: e for e in extract(_sample_text(), "2020-01")}
    december = found["begyndelsen af december"]
    assert (december.value, december.mod) == ("2019-12", "START")


def test_month_precision_yesterday_covers_the_month() -> None:
    found = extract("Det skete i går.", "2020-01")[0]
    assert (found.value, _local(found.earliest), _local(found.latest)) == (
        "XXXX-XX-XX", "2019-12-31T00:00", "2020-01-31T00:00")


def test_year_precision_leaves_explicit_dates_alone() -> None:
    found = extract("Loven trådte i kraft den 1. juli 2019.", "2019")[0]
    assert (found.value, _local(found.earliest), _local(found.latest)) == (
        "2019-07-01", "2019-07-01T00:00", "2019-07-02T00:00")


def test_year_precision_reads_a_bare_date_within_the_year_and_keeps_every_reading() -> None:
    """Published some day of 2017: "den 1. marts" still to come is 2017-03-01 (the one reading in
    2017), but published after it, the next one; the interval covers both."""
    found = extract("Billetsalget starter den 1. marts klokken 10.", "2017")[0]
    assert (found.value, _local(found.earliest), _local(found.latest)) == (
        "2017-03-01T10:00", "2017-03-01T10:00", "2018-03-01T10:01")


def test_precise_sample_article() -> None:
    found = [(e.text, e.value, e.mod) for e in extract(_sample_text(), "2020-01-08T01:15")]
    assert ("kort før klokken et natten til onsdag", "2020-01-08T01:00", "BEFORE") in found
    assert ("omkring klokken 00.30 dansk tid", "2020-01-08T00:30", "APPROX") in found
    assert ("sidste uge", "2020-W01", None) in found
    assert ("nattens", "2020-01-07TNI", None) in found


def test_parse_published_precision() -> None:
    assert [parse_published(v).precision for v in ("2020", "2020-01", "2020-01-08", "2020-01-08T01:15")] == [
        "year", "month", "day", "minute"]


def test_spacy_component_sets_spans() -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("danish_timex", config={"published": "2020-01-08T01:15"})
    doc = nlp("Angrebet natten til onsdag kom efter drabet i sidste uge.")
    spans = doc.spans["timex"]
    assert [(s.text, s.label_, s._.timex_value) for s in spans] == [
        ("natten til onsdag", "TIME", "2020-01-07TNI"), ("sidste uge", "DATE", "2020-W01")]
    assert isinstance(spans[0]._.timex, TimeExpression)


def test_spacy_component_reads_publication_time_per_doc() -> None:
    nlp = spacy.blank("da")
    nlp.add_pipe("danish_timex")
    doc = nlp.make_doc("Det skete i går.")
    doc._.published = "2021-06-15"
    doc = nlp(doc)
    assert [s._.timex_value for s in doc.spans["timex"]] == ["2021-06-14"]
    missing = nlp("Det skete i går.")
    assert list(missing.spans["timex"]) == [] and "publication time" in missing._.timex_error
