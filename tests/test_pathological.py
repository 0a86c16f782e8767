"""Pathological input never crashes or hangs the engine: a 10 MB document, endless
repetition, runs of digits and dots, control characters and direction marks,
decomposed letters, impossible dates, publication times at the ends of the calendar.
Each gives no expression or a well-formed one.

Time is checked as growth, never against a wall-clock budget: the same content
repeated 8 times as often may take at most 8 x 3 times as long.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from datetime import datetime

import pytest
from wellformed import problems

from normalise import PublishedDateError, extract

PUBLISHED = "2020-01-08T14:30"
PROSE = ("Byrådet i Aarhus har længe diskuteret en ny plan for trafikken i midtbyen, og flere partier mener, "
         "at cyklisterne skal have mere plads. Borgmesteren understreger, at der stadig er mange ubesvarede "
         "spørgsmål, og at økonomien skal hænge sammen, før man kan træffe en endelig beslutning om sagen. ")


def _values(text: str, published: object = PUBLISHED) -> list[tuple[str, str]]:
    found = extract(text, published)
    assert problems(text, found) == []
    return [(e.text, e.value) for e in found]


# ------------------------------------------------------------------ size and repetition

def test_a_ten_megabyte_document_is_read_to_the_end() -> None:
    paragraph = PROSE * 3 + "Det oplyste kommunen i går.\n\n"
    text = paragraph * (10_000_000 // len(paragraph) + 1)
    found = extract(text, PUBLISHED)
    assert problems(text, found) == []
    assert len(found) == text.count("i går") and {e.value for e in found} == {"2020-01-07"}
    assert found[-1].end == len(text) - 3


def test_a_hundred_thousand_times_den_is_nothing() -> None:
    assert extract("den den den " * 100_000, PUBLISHED) == []


@pytest.mark.parametrize("text", [
    "1." * 100_000, "1.1.1.1" * 20_000, "9" * 200_000, "." * 100_000, "12:30:" * 20_000, "2020-" * 20_000,
    "uge " + "1, " * 30_000 + "x", "." + " " * 200_000 + "x", "\n" + " " * 200_000, "kl. " * 50_000,
], ids=["1.", "1.1.1.1", "9999", "....", "12:30:", "2020-", "uge-list", "dot-spaces", "newline-spaces", "kl."])
def test_long_runs_of_digits_dots_and_spaces(text: str) -> None:
    _values(text)


# ------------------------------------------------------------------ odd characters

@pytest.mark.parametrize("text", [
    "Han kom\x00 i går\x01.", "Han kom\u200f i går\u200f.", "Han kom \u202ei går\u202c.", "\ufeffHan kom i går.",
    "Han kom\u200b i går.", "Han\tkom\r\ni\x0bgår\x0c.", "Han kom i\u00a0går.", "Han kom i går\x7f.",
])
def test_control_characters_and_direction_marks_around_an_expression(text: str) -> None:
    assert [value for _, value in _values(text)] == ["2020-01-07"]


def test_control_characters_alone() -> None:
    _values("".join(chr(code) for code in range(32)) * 100 + "\u200e\u200f\u202a\u202b\u202c\u202d\u202e" * 100)


@pytest.mark.parametrize("form", ["NFD", "NFKD"])
def test_decomposed_letters_are_read_and_offsets_point_into_the_text_as_given(form: str) -> None:
    text = unicodedata.normalize(form, "Han kom i går, og på søndag er Århus ramt igen. Sidste år.")
    found = extract(text, PUBLISHED)
    assert [(e.text, e.value) for e in found] == [
        (unicodedata.normalize(form, "i går"), "2020-01-07"), (unicodedata.normalize(form, "på søndag"), "2020-01-12"),
        (unicodedata.normalize(form, "Sidste år"), "2019")]
    assert problems(text, found) == []


def test_composed_and_decomposed_letters_mixed() -> None:
    text = "I går kom han, i ga\u030ar kom hun, og i går igen. Sidste a\u030ar og sidste år."
    found = extract(text, PUBLISHED)
    assert problems(text, found) == []
    assert [e.value for e in found] == ["2020-01-07"] * 3 + ["2019"] * 2
    assert [text[e.start:e.end] for e in found][1] == "i ga\u030ar"


def test_letters_that_case_folding_treats_specially() -> None:
    """The dotted capital I, the dotless i and the long s match "i" and "s" case-insensitively."""
    assert [value for _, value in _values("Det skete \u0130 går og julı og ſidste år.")] == [
        "2020-01-07", "2019-07", "2019"]


# ------------------------------------------------------------------ impossible and odd dates

@pytest.mark.parametrize(("text", "impossible"), [
    ("Det skete den 31. februar.", "31. februar"), ("Det sker i uge 54.", "54"),
    ("Vi mødes klokken 25.", "25"), ("Det skete den 0. maj.", "0."), ("Loven er fra 0000-01-01.", "0000"),
    ("Det skete 30/2.", "30/2"), ("Det skete 32.13.2020.", "32.13"), ("Det sker klokken 24.30.", "24.30"),
    ("Det sker halv 25.", "25"), ("Det skete i uge 0.", "uge 0"), ("Det skete det 0. århundrede.", "0."),
])
def test_an_impossible_date_is_skipped(text: str, impossible: str) -> None:
    assert [span for span, _ in _values(text) if impossible in span] == []


@pytest.mark.parametrize("text", ["Det skete for 9999 år siden.", "Det sker om 99999999 år.",
                                  "Det sker om 9999999999999999999999 dage.", "Det skete for 3000000 dage siden."])
def test_offsets_past_the_ends_of_the_calendar_are_skipped(text: str) -> None:
    assert _values(text) == []


TEXT = "Det skete i går og sker i morgen, for to timer siden og næste år, i 1990'erne og den 3. marts 1801."


@pytest.mark.parametrize("published", ["9999-12-31", "9999-12-31T23:59", "9999-12", "9999",
                                       datetime(9999, 12, 31, 23, 59), "0001-01-01", "0001", "1000-06",
                                       "1850-06-01", "1899-12-31T23:59"])
def test_publication_times_at_the_ends_of_the_calendar(published: object) -> None:
    _values(TEXT, published)


def test_the_last_day_of_the_calendar_has_no_tomorrow() -> None:
    found = dict(_values(TEXT, "9999-12-31"))
    assert found["i går"] == "9999-12-30" and "i morgen" not in found and "næste år" not in found


def test_the_first_day_of_the_calendar_has_no_yesterday() -> None:
    found = dict(_values(TEXT, "0001-01-01"))
    assert "i går" not in found and found["i morgen"] == "0001-01-02"


def test_before_1900() -> None:
    found = dict(_values(TEXT, "1850-06-01"))
    assert (found["i går"], found["den 3. marts 1801"], found["1990'erne"]) == ("1850-05-31", "1801-03-03", "199")


def test_a_publication_time_past_the_calendar_is_a_clear_error() -> None:
    with pytest.raises(PublishedDateError):
        extract(TEXT, "10000-01-01")


# ------------------------------------------------------------------ linear time

def _cpu_seconds(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


GROWTH = [
    ("Han kom i går. Hun rejste den 3. marts 2019, og dagen efter var hun hjemme. ", 120),
    ("den den den ", 20_000),
    ("Han kom i går, ", 300),  # one endless sentence with thousands of clauses
    ("klokken 20 og samme aften ", 120),
    ("1.", 4_000),
    ("9", 200_000),
    ("\u200f\x00i går\u202e, ", 300),
    ("Programmet for dagen:\nKlokken 14: Koncert.\n", 200),  # a programme header before every item
    ("Vi skal arbejde om natten, ", 150),  # habitual parts of the day in one endless sentence
    ("Den blev meldt savnet samme dag, som den forsvandt. ", 100),  # each clause looks back for its event
    ("Dengang i maj, ", 150),
]


@pytest.mark.parametrize(("unit", "count"), GROWTH, ids=[unit.strip()[:16] for unit, _ in GROWTH])
def test_time_grows_linearly_with_repetition(unit: str, count: int) -> None:
    small = _cpu_seconds(lambda: extract(unit * count, PUBLISHED))
    large = _cpu_seconds(lambda: extract(unit * (8 * count), PUBLISHED))
    assert large < 8 * 3 * max(small, 0.005), (small, large)


def test_time_grows_linearly_with_a_long_programme_after_many_days_gone() -> None:
    def programme(count: int) -> str:  # each item looks back past the days gone for the programme's day
        return "Det skete i går. " * count + "Programmet:\n" + "Klokken 14: Koncert.\n" * count

    small = _cpu_seconds(lambda: extract(programme(200), PUBLISHED))
    large = _cpu_seconds(lambda: extract(programme(1600), PUBLISHED))
    assert large < 8 * 3 * max(small, 0.005), (small, large)


def test_time_grows_linearly_with_a_run_of_spaces_after_a_full_stop() -> None:
    small = _cpu_seconds(lambda: extract("." + " " * 50_000 + "x", PUBLISHED))
    large = _cpu_seconds(lambda: extract("." + " " * 400_000 + "x", PUBLISHED))
    assert large < 8 * 3 * max(small, 0.005), (small, large)
