"""Events and their parts come back from a worker's Parcel equal, of the same types, DST folds kept."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, fields

import pendulum
import pytest

from normalise.frozen import loaded_by_slots
from timeline.events import Event, Trigger, document_events
from timeline.parcel import Parcel

# Two sentences at 02:40 on the night summer time ends: the second 02:40 (+01:00) is fold=1.
NIGHT = ("Natten til søndag den 31. oktober 2021 klokken 2.40 ramte et angreb byen. I angrebet døde to. "
         "Politiet oplyser, at en time senere klokken 2.40 kom en ny eksplosion.")


def field_values(obj: object) -> tuple[object, ...]:
    """Every field, datetimes with their fold, nested dataclasses and tuples field by field."""
    if isinstance(obj, tuple):
        return tuple(field_values(item) for item in obj)
    if hasattr(obj, "fold"):
        return obj, obj.fold, type(obj), obj.tzinfo  # type: ignore[attr-defined]
    if hasattr(type(obj), "__dataclass_fields__"):
        return (type(obj),) + tuple(field_values(getattr(obj, f.name)) for f in fields(obj))  # type: ignore[arg-type]
    return obj, type(obj)


@pytest.mark.parametrize("published", ["2021-10-31T09:00", "2021-10-31", "2021-10", "2021"])
def test_events_come_back_equal_in_every_field(published: str) -> None:
    events = document_events("nat", NIGHT, published)
    [back] = pickle.loads(pickle.dumps(Parcel([events])))
    assert field_values(back) == field_values(events)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_loaded_by_slots_at_every_protocol_and_by_copy(protocol: int) -> None:
    trigger = Trigger("angreb", 3, "noun", "angreb")
    event = Event("d", "2020", 0, "Et angreb.", 0, 10, trigger, None, (), "undated", (), heads=frozenset({"angreb"}))
    for back in (pickle.loads(pickle.dumps(event, protocol=protocol)), copy.copy(event), copy.deepcopy(event)):
        assert (back, type(back), back.trigger, type(back.trigger)) == (event, Event, trigger, Trigger)


def test_loaded_by_slots_needs_slots() -> None:
    @dataclass(frozen=True)
    class Plain:
        value: int

    with pytest.raises(TypeError):
        loaded_by_slots(Plain)


def test_a_fold_survives_the_parcel_at_any_time_zone() -> None:
    second = pendulum.datetime(2021, 10, 31, 1, 40, tz="UTC").in_timezone("Europe/Copenhagen")
    [back] = pickle.loads(pickle.dumps(Parcel([second])))
    assert (back.fold, back.utcoffset(), back.tzinfo, type(back)) == (1, second.utcoffset(), second.tzinfo,
                                                                      type(second))
