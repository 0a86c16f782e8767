"""The worker's fast paths give what the plain ones give: events filled slot by slot, sentences
trimmed once, moments read once, UTC times from wall clocks, the median of one reading."""

from __future__ import annotations

import gc
import random
import statistics
from dataclasses import fields
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pendulum
import pytest

from normalise.sentences import sentence_starts
from timeline import instants
from timeline.events import Event, _signalled, document_events
from timeline.instants import posix_seconds, utc_microseconds, utc_of_wall, wall_microseconds
from timeline.places import median, place_of
from timeline.segments import plain_segments

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "samples").glob("*.txt"))


def _moments() -> list[datetime]:
    """Aware moments of several zones, both sides of Copenhagen's summer time, and naive ones."""
    copenhagen = pendulum.timezone("Europe/Copenhagen")
    moments: list[datetime] = []
    for day in (datetime(2020, 3, 29), datetime(2020, 10, 25), datetime(1999, 12, 31), datetime(2024, 7, 1)):
        for hour in (0, 1, 2, 3, 12, 23):
            wall = day + timedelta(hours=hour, minutes=7, microseconds=hour * 1001)
            moments += [pendulum.instance(wall, tz=copenhagen), wall.replace(tzinfo=UTC),
                        wall.replace(tzinfo=timezone(timedelta(hours=-3, minutes=-30))), wall]
    return moments


def test_posix_seconds_are_the_timestamp_of_each_moment() -> None:
    moments = _moments()
    for _ in range(2):  # read, then known
        assert [posix_seconds(m) for m in moments] == [m.timestamp() for m in moments]


def test_posix_seconds_of_a_new_moment_where_a_freed_one_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """A moment known by the id of a freed one is read as itself, also once the memo is emptied."""
    monkeypatch.setattr(instants, "_MEMO_MOMENTS", 3)
    monkeypatch.setattr(instants, "_SECONDS", {})
    rng = random.Random(7)
    for _ in range(200):
        moment = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(10**8))
        assert posix_seconds(moment) == moment.timestamp()
        del moment  # its id may be the next one's
        gc.collect()
    assert len(instants._SECONDS) <= 3


def test_utc_times_from_wall_clocks_are_utc_microseconds() -> None:
    moments = _moments()
    wall = np.fromiter(map(wall_microseconds, moments), np.int64, len(moments)).reshape(-1, 2)
    utc = utc_of_wall(wall, moments)
    assert utc.shape == wall.shape and utc.dtype == np.int64
    assert utc.ravel().tolist() == [utc_microseconds(m) for m in moments]


@pytest.mark.parametrize("text", ["", "   ", "Et. To.", "  Et angreb.\n\n  I går regnede det.  \n", "A.\u00a0\u2003B. \t",
                                  "Første.  \n\n   \n Anden sætning her!  Tredje?"])
def test_sentences_are_their_text_without_the_space_around(text: str) -> None:
    """Each sentence of the splitter, less the space around it; stretches of only space are none."""
    starts = sentence_starts(text)
    expected = []
    for begin, end in zip(starts, [*starts[1:], len(text)]):
        chunk = text[begin:end]
        if chunk.strip():
            first = begin + len(chunk) - len(chunk.lstrip())
            expected.append((first, first + len(chunk.strip()), chunk.strip()))
    sentences = plain_segments(text).sentences
    assert [(s.start, s.end, s.text) for s in sentences] == expected
    assert all(s.text == text[s.start:s.end] for s in sentences)


@pytest.mark.parametrize("published", ["2020-01-08T01:15", "2020-01-08", "2020-01"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_field_of_an_event_is_what_its_name_says(sample: Path, published: str) -> None:
    """Events are filled slot by slot, in the order of ``Event``'s fields: each field holds its own value."""
    text = sample.read_text(encoding="utf-8")
    events = document_events("doc", text, published)
    assert events and [e.sentence for e in events] == list(range(len(events)))
    kinds = {field.name: field.type for field in fields(Event)}
    assert list(kinds)[:4] == ["doc_id", "published", "sentence", "sentence_text"]
    for event in events:
        assert (event.doc_id, event.published) == ("doc", published)
        assert event.sentence_text == text[event.start:event.end] and event.start < event.end
        assert event.dated_by in ("expression", "inherited", "publication", "undated")
        for trigger in filter(None, [event.trigger]):
            assert text[trigger.start:trigger.start + len(trigger.text)] == trigger.text
            assert event.start <= trigger.start < event.end
        for expression in filter(None, [event.expression, *event.others]):
            assert event.start <= expression.start < event.end
        assert (event.expression is not None) == (event.dated_by == "expression")
        assert (event.inherited_from is not None) == (event.dated_by == "inherited")
        assert all(isinstance(head, str) for head in event.heads)
        assert event.signalled is _signalled(event.sentence_text, event.trigger)
        if event.hull is None:
            assert (event.readings, event.places, event.middle, event.pinned) == ((), (), None, False)
        else:
            assert all(event.hull[0] <= r[0] and r[1] <= event.hull[1] for r in event.readings if r is not None)
            mod = event.expression.mod if event.expression is not None else None
            assert (event.places, event.middle) == place_of(event.readings, mod)
            assert isinstance(event.pinned, bool)
    assert {e.dated_by for e in events} >= {"expression", "undated"}


def test_the_median_of_one_value_is_that_value() -> None:
    rng = random.Random(3)
    assert median([None]) is None and median([2.5]) == 2.5
    for _ in range(200):
        values = [rng.choice([None, rng.uniform(-1e9, 1e9)]) for _ in range(rng.randint(1, 9))]
        known = [v for v in values if v is not None]
        assert median(values) == (statistics.median(known) if known else None)
