"""Pickling for the frozen, slotted dataclasses that travel between processes.

The default for a slotted dataclass restores each field through Python code
(``__setstate__``); ``reduce_by_fields`` rebuilds through the constructor from
the fields in order, which loads several times faster.

The classes that travel by the million (events and their parts: a corpus run
loads them all in its one main process) take the class decorator
``@loaded_by_slots`` instead: they load through a function made for the class
that fills the slots directly, without the ``__init__`` of a frozen class and
its ``object.__setattr__`` call per field: a third to half of the time.

Pickling and loading also share the values that fields repeat across events.
Pickle writes an object once per pickle (a worker's parcel) only when it is
the same object, and never an int: the words (``angreb``, ``i går``, a rule's
name) and the character offsets of a corpus' events would each come back as
an object of their own per event, in the one process that holds them all. So
the reduction interns the values of the fields annotated ``str`` (in the
worker, before pickling; except the fields named ``unshared``, text that
rarely repeats such as a sentence), and the loading function takes the values
of fields annotated ``int`` from one table of small ints. Equal values, equal
objects: only their number changes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection
from dataclasses import Field, fields
from functools import cache
from operator import attrgetter
from types import MemberDescriptorType
from typing import Any, TypeVar, overload

C = TypeVar("C", bound=type)


def reduce_by_fields(obj: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """``__reduce__`` for a dataclass whose constructor takes every field in order."""
    cls: type = type(obj)
    return cls, _values(cls)(obj)


@overload
def loaded_by_slots(cls: C) -> C: ...


@overload
def loaded_by_slots(*, unshared: Collection[str] = ()) -> Callable[[C], C]: ...


def loaded_by_slots(cls: C | None = None, *, unshared: Collection[str] = ()) -> C | Callable[[C], C]:
    """Class decorator (over ``@dataclass(frozen=True, slots=True)``): pickle by fields, load by slots.

    Adds ``cls._from_slots(*values)``, the fields' values in order to an instance, as the
    constructor would make it (no ``__post_init__`` then: the class must have none); pickle
    finds it by name, so the loading process needs no more than the class. Used bare
    (``@loaded_by_slots``) or with the names of ``str`` fields whose values are not to be
    shared (``@loaded_by_slots(unshared=("sentence_text",))``).
    """
    if cls is None:
        return lambda target: _loaded_by_slots(target, frozenset(unshared))
    return _loaded_by_slots(cls, frozenset(unshared))


def _loaded_by_slots(cls: C, unshared: frozenset[str]) -> C:
    names = _names(cls)
    descriptors: list[Any] = [cls.__dict__.get(name) for name in names]
    if not all(isinstance(d, MemberDescriptorType) for d in descriptors) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__qualname__}: a slotted dataclass without __post_init__ is needed")
    kinds = [_shared_kind(field, unshared) for field in fields(cls)]
    # def _from_slots(v0, v1, ...): obj = new(cls); <share v0>; s0(obj, v0); ...; return obj
    # with s0, s1, ... the slots' setters (bound __set__ of each member descriptor).
    values = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(_shared_int(i) * (kind == "int") + f"    s{i}(obj, v{i})\n" for i, kind in enumerate(kinds))
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, "ints": _INTS,
                                 **{f"s{i}": d.__set__ for i, d in enumerate(descriptors)}}
    source = f"def _from_slots({values}):\n    obj = new(cls)\n{body}    return obj\n"
    exec(source, namespace)  # noqa: S102  (as dataclasses makes __init__: only the names above)
    load = namespace["_from_slots"]
    load.__module__, load.__qualname__ = cls.__module__, f"{cls.__qualname__}._from_slots"
    load.__doc__ = f"A {cls.__qualname__} from its fields' values in order (for unpickling)."
    cls._from_slots = staticmethod(load)  # type: ignore[attr-defined]
    cls.__reduce__ = _reduce_to_slots  # type: ignore[method-assign, assignment]
    _STRINGS[cls] = tuple(i for i, kind in enumerate(kinds) if kind == "str")
    return cls


# Ints that loading shares (from 257: CPython keeps one object of each smaller int already).
# Character offsets into a news article are mostly below this.
SHARED_INTS = 1 << 14
_INTS = tuple(range(SHARED_INTS))

# A @loaded_by_slots class -> the positions of its fields whose strings are interned.
_STRINGS: dict[type, tuple[int, ...]] = {}


def _shared_kind(field: Field[Any], unshared: frozenset[str]) -> str | None:
    """``"int"`` or ``"str"`` for a field annotated so (or so or None) whose values are shared."""
    annotation = field.type
    spelled = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    kinds = {part.strip() for part in spelled.split("|")} - {"None"}
    kind = kinds.pop() if len(kinds) == 1 else None
    if kind == "str" and field.name in unshared:
        return None
    return kind if kind in ("int", "str") else None


def _shared_int(index: int) -> str:
    """The line of ``_from_slots`` that takes int value ``v<index>`` from the table. Exact ints
    only (a bool is an int too)."""
    value = f"v{index}"
    return f"    if {value}.__class__ is int and 256 < {value} < {SHARED_INTS}: {value} = ints[{value}]\n"


def _reduce_to_slots(obj: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """``__reduce__`` of a ``@loaded_by_slots`` class: its fields' values, strings interned."""
    cls: Any = type(obj)  # a @loaded_by_slots class: it has _from_slots
    values = _values(cls)(obj)
    strings = _STRINGS[cls]
    if not strings:
        return cls._from_slots, values
    shared = list(values)
    for index in strings:
        if shared[index].__class__ is str:  # not a subclass: it may carry more than the text
            shared[index] = sys.intern(shared[index])
    return cls._from_slots, tuple(shared)


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(cls))


@cache
def _values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values of an instance of ``cls``, in order, as a tuple (in one C call)."""
    getter = attrgetter(*_names(cls))
    return getter if len(_names(cls)) > 1 else lambda obj: (getter(obj),)
