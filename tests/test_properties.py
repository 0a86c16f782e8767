"""Properties of the engine on any input (hypothesis): ``extract`` never fails on text,
its spans and values are well-formed, it keeps no state between calls, later text
leaves earlier expressions alone, offsets are arithmetic where Danish is, and the
scan's shortcuts (first-word index, word tries) find exactly what plain regexes find."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wellformed import TIMEX3, problems

from normalise import extract
from normalise.grammar import scan
from normalise.hit import WORD_BEFORE, Hit, last_word
from normalise.nfc import Composed
from normalise.rules import RULES
from normalise.words import _alternation, phrase

# Modest by default, so the file runs in seconds; PROPERTY_EXAMPLES=5000 searches harder.
SETTINGS = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "120")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ the checks themselves

def test_timex3_pattern_accepts_the_forms_and_rejects_others() -> None:
    good = ["2020", "2020-01", "2020-01-08", "2020-01-08T24:00", "2020-01-XXTNI", "2020-W02", "2020-W53-WE",
            "2020-WXX-2TNI", "XXXX-WXX-7TEV", "2020-Q4", "2020-H1", "2019-WI", "XXXX-SU", "201", "18",
            "P3D", "PT1H30M", "P1Y6M", "PXW", "PTXH", "P2DE", "P2Q", "PT1.5M", "P3WE", "PRESENT_REF", "XXXX-12-24"]
    bad = ["", "2020-1", "2020-13-XXX", "20200108", "P", "PT", "2020-W2", "T12:00", "NOW", "2020-01-08T1"]
    assert all(TIMEX3.fullmatch(v) for v in good), [v for v in good if not TIMEX3.fullmatch(v)]
    assert not any(TIMEX3.fullmatch(v) for v in bad), [v for v in bad if TIMEX3.fullmatch(v)]


# ------------------------------------------------------------------ inputs

_DANISH = ["i går", "i dag", "i morgen", "natten til onsdag", "den 3. marts", "31. februar", "uge 54", "uge 12",
           "klokken 25", "klokken 14.30", "kl. 9", "halv tre", "den 0. maj", "for tre dage siden", "om 2 uger",
           "samme dag", "dagen efter", "tre dage senere", "hver onsdag", "i sommer", "jul", "påske 2020",
           "1990'erne", "1800-tallet", "første kvartal", "sidste år", "næste weekend", "midnat", "i nat",
           "2020-01-08", "8/1", "08.01.2020", "0000-01-01", "9999-12-31", "1.1.1.1", "999999", "et par dage",
           "to timer og 12 minutter", "fra mandag til fredag", "omkring klokken 00.30 dansk tid", "i aften",
           "Han", "kom", "blev", "vil", "mødes", "og", ",", ".", "!", "?", "\n\n", "-", "siden", "før", "efter",
           "ga\u030ar", "\u200f", "\u202e", "\x00", "\x1c", "\u0130", "\u0131", "\u017f", "٣", "٣.", "Maj",
           "Jul", "tirsdags", "dagens"]
TEXTS = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(_DANISH), st.text(max_size=4)), max_size=25).map(" ".join),
)
_MOMENTS = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31, 23, 59))
_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d", "minute": "%Y-%m-%dT%H:%M"}
PUBLISHED = st.one_of(
    st.builds(lambda moment, form: moment.strftime(form), _MOMENTS, st.sampled_from(sorted(_FORMATS.values()))),
    _MOMENTS.map(lambda moment: moment.replace(second=0, microsecond=0)),
    _MOMENTS.map(lambda moment: moment.date()),
)
PRECISE = st.one_of(st.builds(lambda moment: moment.strftime("%Y-%m-%dT%H:%M"), _MOMENTS),
                    _MOMENTS.map(lambda moment: moment.date()))


# ------------------------------------------------------------------ properties of extract

@SETTINGS
@given(TEXTS, PUBLISHED)
def test_extract_never_fails_and_writes_well_formed_expressions(text: str, published: object) -> None:
    assert problems(text, extract(text, published)) == []


@SETTINGS
@given(TEXTS, TEXTS, PUBLISHED, PUBLISHED)
def test_no_state_leaks_from_one_call_to_the_next(first: str, second: str, one: object, other: object) -> None:
    before = extract(first, one)
    extract(second, other)
    again = extract(first, one)
    assert again == before and repr(again) == repr(before)


# A paragraph with no time expression in it, and no word a rule could continue into.
UNRELATED = "Vejret var fint, og mange mennesker gik en tur langs stranden sammen med hundene."


def test_the_unrelated_paragraph_is_unrelated() -> None:
    assert extract(UNRELATED, "2020-01-08") == []


@SETTINGS
@given(TEXTS, PUBLISHED)
def test_a_later_paragraph_leaves_earlier_expressions_alone(text: str, published: object) -> None:
    first = text + "."
    alone = extract(first, published)
    together = extract(first + "\n\n" + UNRELATED, published)
    assert [e for e in together if e.start < len(first)] == alone


@SETTINGS
@given(st.integers(1, 400), PRECISE)
def test_om_n_dage_is_n_days_after_publication(days: int, published: object) -> None:
    day = _day_of(published)
    found = extract(f"Mødet holdes om {days} dage.", published)
    assert [(e.text, e.value) for e in found] == [(f"om {days} dage", (day + timedelta(days=days)).isoformat())]


@SETTINGS
@given(st.integers(1, 400), PRECISE)
def test_for_n_dage_siden_is_n_days_before_publication(days: int, published: object) -> None:
    day = _day_of(published)
    found = extract(f"Det skete for {days} dage siden.", published)
    assert [(e.text, e.value) for e in found] == [(f"for {days} dage siden", (day - timedelta(days=days)).isoformat())]


def _day_of(published: object) -> date:
    return published if isinstance(published, date) else date.fromisoformat(str(published)[:10])


# ------------------------------------------------------------------ decomposed letters

@SETTINGS
@given(TEXTS)
def test_decomposed_text_reads_like_composed_text_with_offsets_into_it(text: str) -> None:
    composed = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", composed)
    assert Composed(decomposed).text == composed
    found, expected = extract(decomposed, "2020-01-08"), extract(composed, "2020-01-08")
    assert problems(decomposed, found) == []
    assert [(e.value, unicodedata.normalize("NFC", e.text)) for e in found] == [
        (e.value, e.text) for e in expected]


# ------------------------------------------------------------------ the scan's shortcuts are exact

def _plain_scan(text: str) -> list[tuple[int, int, str]]:
    """The scan without the first-word index: every rule's regex over the whole text."""
    found = []
    for rule in RULES:
        for match in rule.regex.finditer(text):
            start, end = match.span(rule.span)
            if start < end and rule.build(Hit(match, text)) is not None:
                found.append((start, end, rule.name))
    return sorted(found)


@SETTINGS
@given(TEXTS)
def test_scan_finds_what_every_rule_finds_on_the_whole_text(text: str) -> None:
    assert sorted((p.start, p.end, p.rule) for p in scan(text)) == _plain_scan(text)


WORDS = st.lists(st.text(alphabet="abeiønstå .", min_size=1, max_size=6), min_size=1, max_size=8)


@SETTINGS
@given(WORDS, st.text(alphabet="abeiønstå .ABÅ\n", max_size=40))
def test_a_word_trie_matches_like_the_longest_first_alternation(words: list[str], text: str) -> None:
    trie = re.compile(phrase(words), re.IGNORECASE)
    plain = re.compile(_alternation(dict.fromkeys(words, "")), re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@SETTINGS
@given(st.text(alphabet="ab1_. ,-\n\u00e6\u00b2", max_size=40))
def test_last_word_is_the_regex_definition(window: str) -> None:
    match = WORD_BEFORE.search(window)
    assert last_word(window) == (match.span(1) if match else None)
